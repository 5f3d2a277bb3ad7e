// The popup's outside world, faked: every dependency is a spy that answers like the real one.
import { vi, type Mock } from 'vitest';
import type { PopupDeps } from '@/components/popup/deps';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/model';
import type { SummaryPair, WeekSummary } from '@/lib/store/types';
import { T0, tabStatus } from '../report/fixtures';

export const PAGE = 'https://discord.com/channels/@me/1111';
export const NOW = T0 + 20 * 60_000;
const DAY = 86_400_000;

export function week(from: number, over: Partial<WeekSummary> = {}): WeekSummary {
  return {
    from,
    to: from + 7 * DAY,
    days: Array.from({ length: 7 }, (_, i) => ({
      day: new Date(from + i * DAY + DAY / 2).toISOString().slice(0, 10),
      total: 0,
      byCategory: {},
      byLevel: {},
    })),
    byCategory: {},
    byLevel: {},
    bySite: {},
    total: 0,
    reports: 0,
    conversations: [],
    offPeriods: [],
    ...over,
  };
}

export function summaryPair(): SummaryPair {
  const from = T0 - 3 * DAY;
  return {
    thisWeek: week(from, {
      total: 3,
      reports: 1,
      byCategory: { image_request: 2, secrecy: 1 },
      byLevel: { warn: 3 },
      bySite: { 'discord.com': 3 },
      conversations: [
        {
          conversation: 'discord.com|1111|bob_22',
          site: 'discord.com',
          party: 'bob_22',
          level: 'warn',
          categories: ['image_request', 'secrecy'],
          firstTs: T0,
          lastTs: T0 + 7 * 60_000,
          reported: true,
        },
      ],
    }),
    lastWeek: week(from - 7 * DAY),
  };
}

type Fns = Omit<PopupDeps, 'launch'>;
export type FakeDeps = { [K in keyof Fns]: Mock<Fns[K]> } & Pick<PopupDeps, 'launch'>;

export function fakeDeps(over: Partial<PopupDeps> = {}, settings: Partial<Settings> = {}): FakeDeps {
  const { launch = { conversation: null, report: false }, ...fnsOver } = over;
  const fns: Fns = {
    settings: async () => ({ settings: { ...DEFAULT_SETTINGS, ...settings }, locked: [] }),
    saveRegion: async () => {},
    activeTab: async () => ({ id: 7, url: PAGE }),
    tabStatus: async () => ({ ok: true, data: tabStatus() }),
    summary: async () => ({ ok: true, data: summaryPair() }),
    logReport: async () => ({ ok: true, data: null }),
    copy: async () => {},
    openTab: async () => {},
    recentReport: async () => null,
    rememberReport: async () => {},
    hints: () => ({ timeZone: 'Asia/Phnom_Penh', language: 'en-US' }),
    now: () => NOW,
    ...fnsOver,
  };
  const mocks = Object.fromEntries(Object.entries(fns).map(([k, f]) => [k, vi.fn(f)]));
  return { ...mocks, launch } as unknown as FakeDeps;
}
