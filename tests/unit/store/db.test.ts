import { openDB, type IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_NAME, DB_VERSION, openChaperoneDB } from '@/lib/store/db';
import { dayKey } from '@/lib/store/counts';
import { eventsInOrder } from '@/lib/store/events';
import type { DB } from '@/lib/store/db';
import { dailyMap, daysAgo, recount, resetIndexedDB } from './helpers';

const V4_INDEXES = ['conversation_level_ts', 'level_ts', 'ts'];
/** The stores and indexes an older version created (versions 2 and 3 had the same stores). */
function legacyStores(d: IDBPDatabase, version: 2 | 3): void {
  const events = d.createObjectStore('events', { keyPath: 'id' });
  events.createIndex('ts', 'ts');
  events.createIndex('conversation', 'conversation');
  events.createIndex('conversation_ts', ['conversation', 'ts']);
  events.createIndex('level_ts', ['level', 'ts']);
  if (version === 3) events.createIndex('conversation_level_ts', ['conversation', 'level', 'ts']);
  d.createObjectStore('conversations', { keyPath: 'key' }).createIndex('lastTs', 'lastTs');
}

const indexNames = (db: DB) => [...db.transaction('events').store.indexNames].sort();

// The shape version 1 shipped: events only, no kind, one index.
async function makeV1(events: Record<string, unknown>[]): Promise<void> {
  const db = await openDB(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('events', { keyPath: 'id' }).createIndex('ts', 'ts');
    },
  });
  for (const e of events) await db.add('events', e);
  db.close();
}

const v1Event = (id: string, ts: number, level: string, categories: string[], conversation = 'discord.com|t|Dara') => ({
  id,
  ts,
  site: 'discord.com',
  conversation,
  thread: 't',
  party: 'Dara',
  dir: 'in',
  categories,
  level,
  excerpt: `text ${id}`,
  url: '',
});

describe('openChaperoneDB upgrade ladder', () => {
  beforeEach(resetIndexedDB);

  it('creates every store on a new profile', async () => {
    const db = await openChaperoneDB();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['conversations', 'daily', 'events', 'meta']);
    expect(indexNames(db)).toEqual(V4_INDEXES);
    db.close();
  });

  it('keeps version 1 events, marks them as messages and backfills the day counts', async () => {
    await makeV1([
      v1Event('a', daysAgo(2, 9), 'watch', ['age_probe']),
      v1Event('b', daysAgo(2, 10), 'warn', ['image_request', 'secrecy']),
      v1Event('c', daysAgo(1, 10), 'alert', ['sextortion_threat'], 'x.com|u|Sok'),
    ]);
    const db = await openChaperoneDB();
    const events = await db.getAll('events');
    expect(events.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(events.every((e) => e.kind === 'message')).toBe(true);
    expect(events.find((e) => e.id === 'b')?.excerpt).toBe('text b');
    expect(indexNames(db)).toEqual(V4_INDEXES);

    const two = await db.get('daily', dayKey(daysAgo(2)));
    expect(two).toMatchObject({
      day: dayKey(daysAgo(2)),
      total: 2,
      byCategory: { age_probe: 1, image_request: 1, secrecy: 1 },
      byLevel: { watch: 1, warn: 1 },
      bySite: { 'discord.com': 2 },
      reports: 0,
    });
    expect((await db.get('daily', dayKey(daysAgo(1))))?.byLevel).toEqual({ alert: 1 });
    expect(await dailyMap(db)).toEqual(await recount(db));

    const row = (await db.get('daily', dayKey(daysAgo(1))))?.convs?.['x.com|u|Sok'];
    expect(row).toEqual({ site: 'discord.com', party: 'Dara', total: 1, byLevel: { alert: 1 }, byCategory: { sextortion_threat: 1 }, reports: 0, firstTs: daysAgo(1, 10), lastTs: daysAgo(1, 10) });
    expect(Object.keys((await db.get('daily', dayKey(daysAgo(2))))?.convs ?? {})).toEqual(['discord.com|t|Dara']);
    db.close();
  });

  it('rebuilds version 2 day counts with their conversations and keeps the reports', async () => {
    const v2 = await openDB(DB_NAME, 2, {
      upgrade(d) {
        legacyStores(d, 2);
        d.createObjectStore('daily', { keyPath: 'day' });
        d.createObjectStore('meta');
      },
    });
    await v2.add('events', { ...v1Event('m', daysAgo(1, 9), 'warn', ['image_request']), kind: 'message' });
    await v2.add('events', { ...v1Event('r', daysAgo(1, 10), 'warn', []), kind: 'report', hotline: 'kh' });
    // A version 2 day record: no per-conversation entries.
    await v2.put('daily', { day: dayKey(daysAgo(1)), total: 1, byCategory: { image_request: 1 }, byLevel: { warn: 1 }, bySite: { 'discord.com': 1 }, reports: 1 });
    v2.close();
    const db = await openChaperoneDB();
    const day = await db.get('daily', dayKey(daysAgo(1)));
    expect(day?.convs?.['discord.com|t|Dara']).toMatchObject({ total: 1, reports: 1, byLevel: { warn: 1 } });
    expect(await db.get('meta', 'reported')).toEqual({ 'discord.com|t|Dara': daysAgo(1, 10) });
    expect(indexNames(db)).toEqual(V4_INDEXES);
    db.close();
  });

  it('upgrades version 3 to 4: every record stays, the unused indexes go, the others still answer', async () => {
    const conv = 'discord.com|t|Dara';
    const other = 'discord.com|t|Dara2';
    const v3 = await openDB(DB_NAME, 3, {
      upgrade(d) {
        legacyStores(d, 3);
        d.createObjectStore('daily', { keyPath: 'day' });
        d.createObjectStore('meta');
      },
    });
    // Index order differs from time order in this conversation: an alert first, a watch later.
    const stored = [
      { ...v1Event('e1', daysAgo(2, 9), 'alert', ['sextortion_threat']), kind: 'message' },
      { ...v1Event('e2', daysAgo(2, 10), 'watch', ['age_probe']), kind: 'message' },
      { ...v1Event('e0', daysAgo(2, 10), 'watch', ['age_probe']), kind: 'message' },
      { ...v1Event('e3', daysAgo(1, 9), 'warn', ['secrecy'], other), kind: 'message' },
      { ...v1Event('r1', daysAgo(1, 11), 'warn', []), kind: 'report', hotline: 'kh' },
    ];
    for (const e of stored) await v3.add('events', e);
    const day = { day: dayKey(daysAgo(1)), total: 1, byCategory: { secrecy: 1 }, byLevel: { warn: 1 }, bySite: { 'discord.com': 1 }, reports: 1, convs: {} };
    await v3.put('daily', day);
    const convRec = { key: conv, site: 'discord.com', thread: 't', party: 'Dara', state: { v: 1 }, level: 'alert', categories: ['sextortion_threat'], firstTs: daysAgo(2, 9), lastTs: daysAgo(1, 11), reports: 1 };
    await v3.put('conversations', convRec);
    await v3.put('meta', { [conv]: daysAgo(1, 11) }, 'reported');
    v3.close();

    const db = await openChaperoneDB();
    expect(db.version).toBe(4);
    expect(indexNames(db)).toEqual(V4_INDEXES);
    expect(await db.getAll('events')).toEqual([...stored].sort((a, b) => (a.id < b.id ? -1 : 1)));
    // Version 4 changes no record: the daily counts are not rebuilt, the rest is untouched.
    expect(await db.getAll('daily')).toEqual([day]);
    expect(await db.getAll('conversations')).toEqual([convRec]);
    expect(await db.get('meta', 'reported')).toEqual({ [conv]: daysAgo(1, 11) });
    // What the dropped indexes served still works from the ones kept.
    expect((await eventsInOrder(db, conv)).map((e) => e.id)).toEqual(['e1', 'e0', 'e2', 'r1']);
    expect((await eventsInOrder(db, other)).map((e) => e.id)).toEqual(['e3']);
    expect((await eventsInOrder(db, null)).map((e) => e.id)).toEqual(['e1', 'e0', 'e2', 'e3', 'r1']);
    expect((await db.getAllFromIndex('events', 'level_ts', IDBKeyRange.bound(['watch', -Infinity], ['watch', Infinity]))).map((e) => e.id)).toEqual(['e0', 'e2']);
    db.close();
  });

  it('repairs a database that something opened without a version (created empty)', async () => {
    (await openDB(DB_NAME)).close();
    const db = await openChaperoneDB();
    expect([...db.objectStoreNames].sort()).toEqual(['conversations', 'daily', 'events', 'meta']);
    await db.add('events', { ...v1Event('x', daysAgo(0), 'watch', ['age_probe']), kind: 'message' } as never);
    expect(await db.count('events')).toBe(1);
    db.close();
  });

  it('runs twice harmlessly: reopening an upgraded database changes nothing', async () => {
    await makeV1([v1Event('a', daysAgo(1), 'watch', ['age_probe'])]);
    (await openChaperoneDB()).close();
    const db = await openChaperoneDB();
    expect(await db.count('events')).toBe(1);
    expect((await db.get('daily', dayKey(daysAgo(1))))?.total).toBe(1);
    db.close();
  });

  it('lets a newer version upgrade: the open connection is told it is blocking', async () => {
    const onBlocking = vi.fn();
    const db = await openChaperoneDB({ onBlocking });
    const newer = openDB(DB_NAME, DB_VERSION + 1, { blocked: () => db.close() });
    (await newer).close();
    expect(onBlocking).toHaveBeenCalledTimes(1);
  });
});
