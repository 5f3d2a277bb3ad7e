import { vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings, type SettingKey } from '@/lib/settings/model';
import type { UnlockResult } from '@/lib/pin/pinGuard';
import type { BootState, DashboardServices } from '@/components/dashboard/services';
import { PAIR } from './fixtures';

/** A dashboard back end in memory, PIN "2468", with the real five-tries rule (no pauses timing). */
export function fakeServices(init: { settings?: Partial<Settings>; hasPin?: boolean; unlocked?: boolean; locked?: SettingKey[]; managed?: boolean } = {}) {
  const state = {
    settings: { ...DEFAULT_SETTINGS, ...init.settings } as Settings,
    hasPin: init.hasPin ?? true,
    unlocked: init.unlocked ?? false,
    failures: 0,
    lockedUntil: 0,
    locked: init.locked ?? [],
    events: 12,
  };
  const boot = (): BootState => ({
    settings: state.settings,
    locked: state.locked,
    pin: { hasPin: state.hasPin, managed: init.managed ?? false, unlocked: state.unlocked, failures: state.failures, lockedUntil: state.lockedUntil },
  });
  const services = {
    load: vi.fn(async () => boot()),
    unlock: vi.fn(async (pin: string): Promise<UnlockResult> => {
      if (state.lockedUntil > Date.now()) return { ok: false, reason: 'locked', lockedUntil: state.lockedUntil };
      if (pin === '2468') {
        state.failures = 0;
        state.unlocked = true;
        return { ok: true };
      }
      state.failures++;
      if (state.failures >= 5) state.lockedUntil = Date.now() + 30_000;
      return { ok: false, reason: 'wrong', triesLeft: Math.max(0, 5 - state.failures), lockedUntil: state.lockedUntil };
    }),
    isUnlocked: vi.fn(async () => state.unlocked),
    touch: vi.fn(async () => {}),
    lock: vi.fn(async () => void (state.unlocked = false)),
    completeSetup: vi.fn(async (s: Settings, pin: string | null) => {
      state.settings = s;
      if (pin) state.hasPin = true;
      state.unlocked = true;
      return { ok: true as const };
    }),
    saveSettings: vi.fn(async (s: Settings) => {
      state.settings = s;
      return { ok: true as const };
    }),
    changePin: vi.fn(async () => ({ ok: true as const })),
    summary: vi.fn(async () => ({ ok: true as const, data: PAIR })),
    exportData: vi.fn(async (_format: 'json' | 'csv') => ({ ok: true as const })),
    deleteAll: vi.fn(async (pin: string) => {
      if (pin !== '2468') return { ok: false as const, code: 'wrong-pin' as const };
      state.events = 0;
      return { ok: true as const };
    }),
    stats: vi.fn(async () => ({
      ok: true as const,
      data: { events: state.events, conversations: 2, oldestTs: state.events ? PAIR.thisWeek.from : null, newestTs: null },
    })),
  } satisfies DashboardServices;
  return { services, state };
}
