import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Signal } from '@/lib/messaging';
import { Appender } from '@/lib/store/appender';
import type { DB } from '@/lib/store/db';
import { appendSignal, appendSignals } from '@/lib/store/events';
import { HOUR, NOW, dailyMap, freshDb, recount, sig } from './helpers';

let db: DB;
beforeEach(async () => {
  db = await freshDb();
});

describe('appendSignals (one transaction for many)', () => {
  it('logs each key once: repeats in the batch and keys already stored are skipped', async () => {
    await appendSignal(db, sig({ key: 'old' }), NOW);
    const batch = [sig({ key: 'a' }), sig({ key: 'old' }), sig({ key: 'a' }), sig({ key: 'b', party: 'Sok' })];
    const res = await appendSignals(db, batch, NOW);
    expect(res.map((r) => r.logged)).toEqual([true, false, false, true]);
    expect(await db.count('events')).toBe(3);
    expect(await dailyMap(db)).toEqual(await recount(db));
  });

  it('ends in the same state as appending one by one', async () => {
    const signals: Signal[] = [
      sig({ key: '1', categories: ['age_probe'], ts: NOW - 5 * HOUR }),
      sig({ key: '2', categories: ['secrecy'], ts: NOW - 4 * HOUR }),
      sig({ key: '3', categories: ['image_request'], ts: NOW - 3 * HOUR, party: 'Sok' }),
      sig({ key: '4', categories: ['meeting_request'], ts: NOW - 2 * HOUR }),
    ];
    await appendSignals(db, signals, NOW);
    const other = await freshDb();
    for (const s of signals) await appendSignal(other, s, NOW);
    for (const store of ['events', 'conversations', 'daily'] as const) {
      expect(await db.getAll(store)).toEqual(await other.getAll(store));
    }
  });

  it('without look-ups, fails whole with a ConstraintError when an id is stored already, writing nothing', async () => {
    await appendSignal(db, sig({ key: 'old' }), NOW);
    const before = { events: await db.getAll('events'), daily: await db.getAll('daily'), convs: await db.getAll('conversations') };
    const attempt = appendSignals(db, [sig({ key: 'new1' }), sig({ key: 'old' }), sig({ key: 'new2' })], NOW, { lookUp: false });
    await expect(attempt).rejects.toMatchObject({ name: 'ConstraintError' });
    expect(await db.getAll('events')).toEqual(before.events);
    expect(await db.getAll('daily')).toEqual(before.daily);
    expect(await db.getAll('conversations')).toEqual(before.convs);
  });

  it('answers every signal with its conversation level after the batch', async () => {
    const res = await appendSignals(db, [sig({ key: 'x', categories: ['image_request'] }), sig({ key: 'y', categories: ['meeting_request'] })], NOW);
    expect(res.map((r) => r.level)).toEqual(['alert', 'alert']);
  });
});

describe('Appender (group commit)', () => {
  it('writes a burst in a few transactions, each caller answered after its commit', async () => {
    const tx = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const appender = new Appender(async () => db, { now: () => NOW, maxBatch: 40 });
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => appender.append(sig({ key: `f${i}` }))));
    expect(results.every((r) => r.logged)).toBe(true);
    expect(tx.mock.calls.length).toBeLessThanOrEqual(4);
    expect(tx.mock.calls.length).toBeGreaterThanOrEqual(3); // 100 in batches of at most 40
    tx.mockRestore();
    expect(await db.count('events')).toBe(100);
  });

  it('has the event stored by the time the caller hears back', async () => {
    const appender = new Appender(async () => db, { now: () => NOW });
    const s = sig({ key: 'durable' });
    const res = await appender.append(s);
    expect(await db.get('events', `${res.conversation}|in|durable`)).toBeDefined();
  });

  it('keeps the others when one message in a batch cannot be written', async () => {
    const appender = new Appender(async () => db, { now: () => NOW });
    const bad = sig({ key: 'bad', url: Symbol('not cloneable') as unknown as string });
    const settled = await Promise.allSettled([appender.append(sig({ key: 'g1' })), appender.append(bad), appender.append(sig({ key: 'g2' }))]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await db.getAllKeys('events')).map((k) => k.split('|').pop()).sort()).toEqual(['g1', 'g2']);
  });

  it('applies each message its own retention cutoff', async () => {
    const appender = new Appender(async () => db, { now: () => NOW });
    const res = await Promise.all([
      appender.append(sig({ key: 'o', ts: NOW - 10 * HOUR }), { minTs: NOW - HOUR }),
      appender.append(sig({ key: 'n', ts: NOW - 10 * HOUR }), {}),
    ]);
    expect(res.map((r) => r.logged)).toEqual([false, true]);
  });

  it('adds a flood without look-ups, and falls back to look-ups when one was stored already', async () => {
    await appendSignal(db, sig({ key: 'stored-before' }), NOW);
    const getKey = vi.spyOn(IDBObjectStore.prototype, 'getKey');
    const appender = new Appender(async () => db, { now: () => NOW });
    const fresh = await Promise.all([appender.append(sig({ key: 'n1' })), appender.append(sig({ key: 'n2' }))]);
    expect(fresh.map((r) => r.logged)).toEqual([true, true]);
    expect(getKey).not.toHaveBeenCalled();
    const tx = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const mixed = await Promise.all([appender.append(sig({ key: 'n3' })), appender.append(sig({ key: 'n4' })), appender.append(sig({ key: 'stored-before' }))]);
    expect(mixed.map((r) => r.logged)).toEqual([true, true, false]);
    expect(getKey).toHaveBeenCalled();
    // The failed attempt and one retry with look-ups; not the one-by-one fallback for odd messages.
    expect(tx.mock.calls.filter(([, mode]) => mode === 'readwrite')).toHaveLength(2);
    tx.mockRestore();
    expect(await db.count('events')).toBe(5);
    expect(await dailyMap(db)).toEqual(await recount(db));
  });

  it('remembers recent ids, so a reloaded chat costs no look-ups, until told to forget', async () => {
    const appender = new Appender(async () => db, { now: () => NOW, remember: 10 });
    const s = sig({ key: 'seen' });
    await appender.append(s);
    const getKey = vi.spyOn(IDBObjectStore.prototype, 'getKey');
    const add = vi.spyOn(IDBObjectStore.prototype, 'add');
    expect(await appender.append({ ...s })).toMatchObject({ logged: false });
    expect(getKey).not.toHaveBeenCalled();
    expect(add).not.toHaveBeenCalled();
    await db.clear('events');
    appender.forget();
    expect(await appender.append({ ...s })).toMatchObject({ logged: true });
  });

  it('fails the waiting messages when the database cannot open, and recovers', async () => {
    const open = vi.fn<() => Promise<DB>>().mockRejectedValueOnce(new DOMException('gone', 'UnknownError')).mockResolvedValue(db);
    const appender = new Appender(open, { now: () => NOW });
    await expect(appender.append(sig())).rejects.toMatchObject({ name: 'UnknownError' });
    await expect(appender.append(sig())).resolves.toMatchObject({ logged: true });
  });
});
