// The weekly summary for the parent's dashboard, built from the per-day counts (`daily`, with
// their per-conversation entries) and the heartbeat, never from a scan of the events: it reads
// 14 day records however long the log is. The detailed mode adds a few excerpts per flagged
// conversation, read newest-first by level through an index. A week is the 7 local calendar days ending with today (today included):
// a summary opened on Thursday covers Friday to Thursday, whole days, so every day in the
// chart is a full day's bar except today. "Last week" is the 7 days before that.
import { CATEGORY_IDS, levelRank, type CategoryId, type Level } from '../detect';
import { dayKey } from './counts';
import type { IDBPIndex } from 'idb';
import { REPORTED_KEY, type ChaperoneDB, type DailyRecord, type DB, type ReportedMap } from './db';
import { asReportedMap } from './report';
import { ACTIVITY_KEY, findOffPeriods, isActivity, type Activity } from './heartbeat';
import type { DaySummary, FlaggedConversation, SummaryPair, WeekSummary } from './types';

export interface SummaryOptions {
  /** Adds masked excerpts to flagged conversations (the parent chose the detailed privacy mode). */
  detailed?: boolean;
  /** How many excerpts per flagged conversation in detailed mode. */
  excerpts?: number;
}

export interface WeekBounds {
  from: number;
  to: number;
  days: string[];
}

/** Local midnight `offset` days from the day of `ts` (DST-safe: calendar arithmetic, not 24 h steps). */
export function localMidnight(ts: number, offset = 0): number {
  const d = new Date(ts);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() + offset);
  return d.getTime();
}

/** The week ending with the day of `now`, or `weeksBack` weeks before it. */
export function weekBounds(now: number, weeksBack = 0): WeekBounds {
  const to = localMidnight(now, 1 - 7 * weeksBack);
  const from = localMidnight(now, 1 - 7 * weeksBack - 7);
  const days: string[] = [];
  for (let i = 0; i < 7; i++) days.push(dayKey(localMidnight(from, i)));
  return { from, to, days };
}

function add<K extends string>(into: Partial<Record<K, number>>, from: Partial<Record<K, number>>): void {
  for (const [k, n] of Object.entries(from) as [K, number][]) into[k] = ((into[k] ?? 0) as number) + n;
}

const byCategoryOrder = (a: CategoryId, b: CategoryId): number => CATEGORY_IDS.indexOf(a) - CATEGORY_IDS.indexOf(b);

function flaggedLevel(byLevel: Partial<Record<Level, number>>): 'warn' | 'alert' | null {
  if ((byLevel.alert ?? 0) > 0) return 'alert';
  if ((byLevel.warn ?? 0) > 0) return 'warn';
  return null;
}

interface Gathered {
  site: string;
  party: string;
  byLevel: Partial<Record<Level, number>>;
  byCategory: Partial<Record<CategoryId, number>>;
  reports: number;
  firstTs: number;
  lastTs: number;
}

/** One week's per-conversation entries, added up over its days. */
function gather(days: readonly (DailyRecord | undefined)[]): Map<string, Gathered> {
  const out = new Map<string, Gathered>();
  for (const rec of days) {
    for (const [key, c] of Object.entries(rec?.convs ?? {})) {
      let g = out.get(key);
      if (!g) {
        g = { site: c.site, party: c.party, byLevel: {}, byCategory: {}, reports: 0, firstTs: c.firstTs, lastTs: c.lastTs };
        out.set(key, g);
      }
      add(g.byLevel, c.byLevel);
      add(g.byCategory, c.byCategory);
      g.reports += c.reports;
      g.firstTs = Math.min(g.firstTs, c.firstTs);
      g.lastTs = Math.max(g.lastTs, c.lastTs);
    }
  }
  return out;
}

const EXCERPT_LEVELS: readonly Level[] = ['alert', 'warn', 'watch', 'none'];

type ExcerptIndex = IDBPIndex<ChaperoneDB, ['events'], 'events', 'conversation_level_ts'>;

/**
 * The most telling masked excerpts of a conversation in [from, to): the highest level first,
 * newest first within a level. A handful of index steps per conversation, whatever its length.
 */
export async function conversationExcerpts(index: ExcerptIndex, conversation: string, from: number, to: number, n: number): Promise<string[]> {
  const out: string[] = [];
  for (const level of EXCERPT_LEVELS) {
    const range = IDBKeyRange.bound([conversation, level, from], [conversation, level, to], false, true);
    for (let cur = await index.openCursor(range, 'prev'); cur && out.length < n; cur = await cur.continue()) {
      if (cur.value.kind !== 'report' && cur.value.excerpt !== '') out.push(cur.value.excerpt);
    }
    if (out.length >= n) break;
  }
  return out;
}

function buildWeek(
  w: WeekBounds,
  dailies: ReadonlyMap<string, DailyRecord>,
  reported: ReportedMap,
  activity: Activity | undefined,
  now: number,
): WeekSummary {
  const week: WeekSummary = {
    from: w.from,
    to: w.to,
    days: [],
    byCategory: {},
    byLevel: {},
    bySite: {},
    total: 0,
    reports: 0,
    conversations: [],
    offPeriods: findOffPeriods(activity, w.from, w.to, now),
  };
  for (const day of w.days) {
    const rec = dailies.get(day);
    const d: DaySummary = { day, total: rec?.total ?? 0, byCategory: { ...rec?.byCategory }, byLevel: { ...rec?.byLevel } };
    week.days.push(d);
    if (!rec) continue;
    week.total += rec.total;
    week.reports += rec.reports;
    add(week.byCategory, rec.byCategory);
    add(week.byLevel, rec.byLevel);
    add(week.bySite, rec.bySite);
  }
  for (const [key, g] of gather(w.days.map((d) => dailies.get(d)))) {
    const level = flaggedLevel(g.byLevel);
    if (!level) continue;
    const firstReport = reported[key];
    const f: FlaggedConversation = {
      conversation: key,
      site: g.site,
      party: g.party,
      level,
      categories: (Object.keys(g.byCategory) as CategoryId[]).sort(byCategoryOrder),
      firstTs: g.firstTs,
      lastTs: g.lastTs,
      reported: g.reports > 0 || (firstReport !== undefined && firstReport < w.to),
    };
    week.conversations.push(f);
  }
  week.conversations.sort((a, b) => levelRank(b.level) - levelRank(a.level) || b.lastTs - a.lastTs);
  return week;
}

export async function weeklySummary(db: DB, now: number, opts: SummaryOptions = {}): Promise<SummaryPair> {
  const thisW = weekBounds(now);
  const lastW = weekBounds(now, 1);
  // Three requests in one read-only transaction: 14 day records and two small meta records,
  // whatever the number of events.
  const tx = db.transaction(['daily', 'meta'], 'readonly');
  const [dailyList, activity, reported] = await Promise.all([
    tx.objectStore('daily').getAll(IDBKeyRange.bound(lastW.days[0]!, dayKey(thisW.to), false, true)),
    tx.objectStore('meta').get(ACTIVITY_KEY),
    tx.objectStore('meta').get(REPORTED_KEY),
  ]);
  await tx.done;
  const dailies = new Map(dailyList.map((d) => [d.day, d]));
  const valid = isActivity(activity) ? activity : undefined;
  const rep = asReportedMap(reported);
  const pair: SummaryPair = {
    thisWeek: buildWeek(thisW, dailies, rep, valid, now),
    lastWeek: buildWeek(lastW, dailies, rep, valid, now),
  };
  if (opts.detailed) {
    const n = opts.excerpts ?? 5;
    const etx = db.transaction('events', 'readonly');
    const index = etx.store.index('conversation_level_ts');
    await Promise.all([
      ...[pair.thisWeek, pair.lastWeek].flatMap((week) =>
        week.conversations.map(async (c) => {
          c.excerpts = await conversationExcerpts(index, c.conversation, week.from, week.to, n);
        }),
      ),
      etx.done,
    ]);
  }
  return pair;
}
