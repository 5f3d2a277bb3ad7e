// The per-day counts kept beside the events. Every write and every deletion of an event goes
// through `countInto`, with sign +1 or -1, so the counts always equal what the events say.
import type { DailyRecord, DayConversation, EventRecord } from './db';

/**
 * Conversations tracked per day. Real days have a handful; a page inventing a new party name
 * for every message must not grow one record without end. Past the cap a day still counts
 * every message, but new conversations get no entry of their own.
 */
export const MAX_DAY_CONVERSATIONS = 2000;

/** The local day of a time, YYYY-MM-DD (sorts as text). */
export function dayKey(ts: number): string {
  const d = new Date(ts);
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${String(d.getFullYear()).padStart(4, '0')}-${m}-${day}`;
}

export function emptyDaily(day: string): DailyRecord {
  return { day, total: 0, byCategory: {}, byLevel: {}, bySite: {}, reports: 0, convs: {} };
}

function bump<K extends string>(map: Partial<Record<K, number>>, key: K, sign: number): void {
  const n = (map[key] ?? 0) + sign;
  if (n > 0) map[key] = n as Partial<Record<K, number>>[K];
  else delete map[key];
}

function countConversation(rec: DailyRecord, ev: EventRecord, sign: 1 | -1): void {
  const convs = (rec.convs ??= {});
  let c: DayConversation | undefined = convs[ev.conversation];
  if (!c) {
    if (sign < 0 || Object.keys(convs).length >= MAX_DAY_CONVERSATIONS) return;
    c = convs[ev.conversation] = {
      site: ev.site,
      party: ev.party,
      total: 0,
      byCategory: {},
      byLevel: {},
      reports: 0,
      firstTs: ev.ts,
      lastTs: ev.ts,
    };
  }
  if (sign > 0) {
    c.firstTs = Math.min(c.firstTs, ev.ts);
    c.lastTs = Math.max(c.lastTs, ev.ts);
  }
  if (ev.kind === 'report') {
    c.reports = Math.max(0, c.reports + sign);
  } else {
    c.total = Math.max(0, c.total + sign);
    for (const cat of ev.categories) bump(c.byCategory, cat, sign);
    bump(c.byLevel, ev.level, sign);
  }
  if (c.total <= 0 && c.reports <= 0) delete convs[ev.conversation];
}

/** Adds one event to its day's counts (or, with sign -1, takes it away when the event is deleted). */
export function countInto(rec: DailyRecord, ev: EventRecord, sign: 1 | -1 = 1): DailyRecord {
  countConversation(rec, ev, sign);
  if (ev.kind === 'report') {
    rec.reports = Math.max(0, rec.reports + sign);
    return rec;
  }
  rec.total = Math.max(0, rec.total + sign);
  for (const c of ev.categories) bump(rec.byCategory, c, sign);
  bump(rec.byLevel, ev.level, sign);
  bump(rec.bySite, ev.site, sign);
  return rec;
}

export function isEmptyCount(rec: { total: number; reports: number }): boolean {
  return rec.total <= 0 && rec.reports <= 0;
}
