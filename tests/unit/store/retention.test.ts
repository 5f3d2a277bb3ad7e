import { beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/store/db';
import { bulkLoad } from '@/lib/store/bulk';
import { dayKey } from '@/lib/store/counts';
import { appendSignal } from '@/lib/store/events';
import { enforceRetention, retentionCutoff } from '@/lib/store/retention';
import { DAY, HOUR, NOW, dailyMap, ev, freshDb, recount, sig } from './helpers';

let db: DB;
beforeEach(async () => {
  db = await freshDb();
});

describe('enforceRetention', () => {
  it('deletes events older than the retention, alerts and reports too, and keeps the rest', async () => {
    await bulkLoad(db, [
      ev({ id: 'old-watch', ts: NOW - 31 * DAY }),
      ev({ id: 'old-alert', ts: NOW - 45 * DAY, level: 'alert', categories: ['sextortion_threat'] }),
      ev({ id: 'old-report', ts: NOW - 40 * DAY, kind: 'report', categories: [], dir: 'out' }),
      ev({ id: 'edge-kept', ts: NOW - 30 * DAY + 1 }),
      ev({ id: 'new', ts: NOW - DAY, conversation: 'x.com|t|Sok', site: 'x.com' }),
    ]);
    const res = await enforceRetention(db, NOW, 30);
    expect(res.events).toBe(3);
    expect((await db.getAllKeys('events')).sort()).toEqual(['edge-kept', 'new']);
  });

  it('fixes the day counts: emptied days disappear, partly emptied days shrink', async () => {
    const cutoff = retentionCutoff(NOW, 7);
    await bulkLoad(db, [
      ev({ id: 'a', ts: NOW - 10 * DAY }),
      ev({ id: 'b', ts: cutoff - HOUR, level: 'warn', categories: ['image_request'] }),
      ev({ id: 'c', ts: cutoff + HOUR, level: 'warn', categories: ['image_request'] }),
      ev({ id: 'd', ts: NOW - HOUR }),
    ]);
    await enforceRetention(db, NOW, 7);
    const days = await dailyMap(db);
    expect(days.has(dayKey(NOW - 10 * DAY))).toBe(false);
    expect(days).toEqual(await recount(db));
    const entries = (await db.getAll('daily')).flatMap((d) => Object.values(d.convs ?? {}));
    expect(entries.map((c) => c.total).reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('forgets conversations whose last message is past the cutoff, with their level', async () => {
    await appendSignal(db, sig({ party: 'Old', ts: NOW - 50 * DAY, categories: ['sextortion_threat'] }), NOW - 50 * DAY);
    await appendSignal(db, sig({ party: 'New', ts: NOW - DAY }), NOW);
    const res = await enforceRetention(db, NOW, 30);
    expect(res.conversations).toBe(1);
    expect((await db.getAll('conversations')).map((c) => c.party)).toEqual(['New']);
  });

  it('works through more events than one batch', { timeout: 20_000 }, async () => {
    await bulkLoad(
      db,
      Array.from({ length: 1100 }, (_, i) => ev({ id: `e${i}`, ts: NOW - 40 * DAY + i * 1000 })),
    );
    await bulkLoad(db, [ev({ id: 'keep', ts: NOW })]);
    const res = await enforceRetention(db, NOW, 30);
    expect(res.events).toBe(1100);
    expect(await db.count('events')).toBe(1);
    expect(await dailyMap(db)).toEqual(await recount(db));
  });

  it('treats a retention under one day as one day', () => {
    expect(retentionCutoff(NOW, 0)).toBe(NOW - DAY);
  });
});
