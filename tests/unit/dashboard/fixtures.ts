import type { SummaryPair, WeekSummary, DaySummary } from '@/lib/store/types';

const DAY = 86_400_000;
// Local midnight, so the days' labels do not depend on the test machine's time zone.
const FROM = new Date(2024, 4, 6).getTime();

function day(i: number, byCategory: DaySummary['byCategory'], byLevel: DaySummary['byLevel'], total: number, from = FROM): DaySummary {
  const d = new Date(from + i * DAY + 12 * 3_600_000);
  const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { day: iso, total, byCategory, byLevel };
}

export const THIS_WEEK: WeekSummary = {
  from: FROM,
  to: FROM + 7 * DAY,
  days: [
    day(0, { image_request: 2, secrecy: 1 }, { warn: 2, watch: 1 }, 3),
    day(1, {}, {}, 0),
    day(2, { age_probe: 1 }, { watch: 1 }, 1),
    day(3, { sextortion_threat: 1, image_request: 1 }, { alert: 1 }, 1),
    day(4, {}, {}, 0),
    day(5, { platform_move: 2 }, { watch: 2 }, 2),
    day(6, {}, {}, 0),
  ],
  byCategory: { image_request: 3, secrecy: 1, age_probe: 1, sextortion_threat: 1, platform_move: 2 },
  byLevel: { watch: 4, warn: 2, alert: 1 },
  bySite: { 'discord.com': 5, 'web.whatsapp.com': 2 },
  total: 7,
  reports: 1,
  conversations: [
    {
      conversation: 'discord.com|t1|stranger42',
      site: 'discord.com',
      party: 'stranger42',
      level: 'warn',
      categories: ['image_request', 'secrecy'],
      firstTs: FROM + 10 * 3_600_000,
      lastTs: FROM + 11 * 3_600_000,
      reported: false,
      excerpts: ['send me a pic, dont tell ur mum'],
    },
    {
      conversation: 'web.whatsapp.com|t2|Mr X',
      site: 'web.whatsapp.com',
      party: 'Mr X',
      level: 'alert',
      categories: ['sextortion_threat', 'image_request'],
      firstTs: FROM + 3 * DAY + 20 * 3_600_000,
      lastTs: FROM + 3 * DAY + 20 * 3_600_000,
      reported: true,
      excerpts: ['pay or everyone sees'],
    },
  ],
  offPeriods: [{ from: FROM + 2 * DAY + 15 * 3_600_000, to: FROM + 2 * DAY + 16 * 3_600_000 }],
};

export const LAST_WEEK: WeekSummary = {
  from: FROM - 7 * DAY,
  to: FROM,
  days: Array.from({ length: 7 }, (_, i) =>
    day(i, i === 1 ? { gift_offer: 4 } : {}, i === 1 ? { watch: 4 } : {}, i === 1 ? 4 : 0, FROM - 7 * DAY),
  ),
  byCategory: { gift_offer: 4 },
  byLevel: { watch: 4 },
  bySite: { 'discord.com': 4 },
  total: 4,
  reports: 0,
  conversations: [],
  offPeriods: [],
};

export const PAIR: SummaryPair = { thisWeek: THIS_WEEK, lastWeek: LAST_WEEK };

export function emptyWeek(from: number): WeekSummary {
  return {
    from,
    to: from + 7 * DAY,
    days: Array.from({ length: 7 }, (_, i) => day(i, {}, {}, 0, from)),
    byCategory: {},
    byLevel: {},
    bySite: {},
    total: 0,
    reports: 0,
    conversations: [],
    offPeriods: [],
  };
}
