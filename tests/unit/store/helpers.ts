// Shared fixtures for the store tests: a fresh fake IndexedDB per test, signals, local times.
import { IDBFactory } from 'fake-indexeddb';
import type { CategoryId } from '@/lib/detect';
import type { Signal } from '@/lib/messaging';
import { openChaperoneDB, type DB, type DailyRecord, type EventRecord } from '@/lib/store/db';
import { countInto, dayKey, emptyDaily } from '@/lib/store/counts';

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

/** Thursday 13 March 2025, 15:00 local time. */
export const NOW = new Date(2025, 2, 13, 15, 0, 0).getTime();

/** Local time `days` calendar days before NOW's day, at `hour`:00. */
export function daysAgo(days: number, hour = 12): number {
  const d = new Date(NOW);
  d.setDate(d.getDate() - days);
  d.setHours(hour, 0, 0, 0);
  return d.getTime();
}

export function resetIndexedDB(): void {
  // A new factory is an empty browser profile: no database from another test leaks in.
  globalThis.indexedDB = new IDBFactory();
}

export async function freshDb(): Promise<DB> {
  resetIndexedDB();
  return openChaperoneDB();
}

let n = 0;
export function sig(over: Partial<Signal> & { categories?: CategoryId[] } = {}): Signal {
  n += 1;
  return {
    site: 'discord.com',
    thread: '/channels/@me/1',
    party: 'Dara',
    key: `m${n}`,
    dir: 'in',
    categories: ['age_probe'],
    excerpt: `message ${n}`,
    ts: NOW - HOUR,
    url: 'https://discord.com/channels/@me/1',
    ...over,
  };
}

/**
 * The counts alone. Excerpts are a best-effort pick (ties between equal times fall either way,
 * and a deleted excerpt is not replaced) and first/last times do not move back when events are
 * deleted, so those are compared by their own tests.
 */
function countsOnly(d: DailyRecord): DailyRecord {
  const convs = Object.fromEntries(
    Object.entries(d.convs ?? {}).map(([k, c]) => [k, { ...c, excerpts: undefined, firstTs: 0, lastTs: 0 }]),
  );
  return { ...d, convs };
}

/** The day counts recomputed from the events themselves: what `daily` must always equal. */
export async function recount(db: DB): Promise<Map<string, DailyRecord>> {
  const out = new Map<string, DailyRecord>();
  for (const ev of await db.getAll('events')) {
    const day = dayKey(ev.ts);
    countInto(out.get(day) ?? out.set(day, emptyDaily(day)).get(day)!, ev);
  }
  return new Map([...out].map(([k, d]) => [k, countsOnly(d)]));
}

export async function dailyMap(db: DB): Promise<Map<string, DailyRecord>> {
  return new Map((await db.getAll('daily')).map((d) => [d.day, countsOnly(d)]));
}

export function ev(over: Partial<EventRecord> & { id: string; ts: number }): EventRecord {
  return {
    site: 'discord.com',
    conversation: 'discord.com|t|Dara',
    thread: 't',
    party: 'Dara',
    dir: 'in',
    kind: 'message',
    categories: ['age_probe'],
    level: 'watch',
    excerpt: '',
    url: '',
    ...over,
  };
}
