import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openChaperoneDB, type DB } from '@/lib/store/db';
import { MAX_DAY_CONVERSATIONS, countInto, dayKey, emptyDaily } from '@/lib/store/counts';
import { appendSignal, eventsInOrder, getConversationLevel, recentEvents, wellFormed } from '@/lib/store/events';
import { DAY, HOUR, NOW, dailyMap, daysAgo, ev, freshDb, recount, sig } from './helpers';

let db: DB;
beforeEach(async () => {
  db = await freshDb();
});

describe('appendSignal', () => {
  it('logs the event, its conversation and its day counts together', async () => {
    const s = sig({ categories: ['image_request'], ts: NOW - HOUR });
    const res = await appendSignal(db, s, NOW);
    expect(res).toEqual({ conversation: 'discord.com|/channels/@me/1|Dara', level: 'warn', logged: true });
    const [event] = await db.getAll('events');
    expect(event).toMatchObject({
      id: `discord.com|/channels/@me/1|Dara|in|${s.key}`,
      kind: 'message',
      level: 'warn',
      categories: ['image_request'],
      excerpt: s.excerpt,
    });
    const conv = await db.get('conversations', res.conversation);
    expect(conv).toMatchObject({ level: 'warn', categories: ['image_request'], firstTs: s.ts, lastTs: s.ts });
    expect(await db.get('daily', dayKey(s.ts))).toMatchObject({ total: 1, byLevel: { warn: 1 }, byCategory: { image_request: 1 } });
    expect((await db.get('daily', dayKey(s.ts)))?.convs?.[res.conversation]).toEqual({
      site: 'discord.com',
      party: 'Dara',
      total: 1,
      byLevel: { warn: 1 },
      byCategory: { image_request: 1 },
      reports: 0,
      firstTs: s.ts,
      lastTs: s.ts,
    });
  });

  it('logs the same message once, even when it arrives twice at the same moment', async () => {
    const s = sig({ key: 'same' });
    const [a, b] = await Promise.all([appendSignal(db, s, NOW), appendSignal(db, { ...s }, NOW)]);
    expect([a.logged, b.logged].sort()).toEqual([false, true]);
    const again = await appendSignal(db, { ...s, excerpt: 'edited' }, NOW);
    expect(again.logged).toBe(false);
    expect(await db.count('events')).toBe(1);
    expect((await db.get('daily', dayKey(s.ts)))?.total).toBe(1);
  });

  it('tells apart the same key in another direction or conversation', async () => {
    await appendSignal(db, sig({ key: 'k' }), NOW);
    await appendSignal(db, sig({ key: 'k', dir: 'out', categories: ['share_personal_info'] }), NOW);
    await appendSignal(db, sig({ key: 'k', party: 'Sok' }), NOW);
    expect(await db.count('events')).toBe(3);
  });

  it('raises the level as categories add up and marks image shares', async () => {
    await appendSignal(db, sig({ categories: ['age_probe'] }), NOW);
    await appendSignal(db, sig({ categories: ['image_request'] }), NOW);
    const last = await appendSignal(db, sig({ categories: ['sextortion_threat'] }), NOW);
    expect(last.level).toBe('alert');
    await appendSignal(db, sig({ dir: 'out', categories: ['share_image'] }), NOW);
    const kinds = (await eventsInOrder(db, null)).map((e) => e.kind);
    expect(kinds).toContain('share_image');
  });

  it('keeps a conversation level across a browser restart (Monday to Thursday)', async () => {
    const monday = daysAgo(3, 20);
    await appendSignal(db, sig({ categories: ['image_request'], ts: monday }), monday);
    await appendSignal(db, sig({ categories: ['meeting_request'], ts: monday + HOUR }), monday + HOUR);
    db.close();
    const reopened = await openChaperoneDB();
    expect(await getConversationLevel(reopened, 'discord.com|/channels/@me/1|Dara', NOW)).toBe('alert');
    // ...and keeps building on it: the scorer state was persisted, not only the level.
    const thursday = await appendSignal(reopened, sig({ categories: ['age_probe'], ts: NOW }), NOW);
    expect(thursday.level).toBe('alert');
    expect(await getConversationLevel(reopened, 'discord.com|/channels/@me/1|Nobody', NOW)).toBe('none');
    reopened.close();
  });

  it('does not log messages older than the retention cutoff', async () => {
    const res = await appendSignal(db, sig({ ts: NOW - 40 * DAY }), NOW, { minTs: NOW - 30 * DAY });
    expect(res.logged).toBe(false);
    expect(await db.count('events')).toBe(0);
  });

  it('stores a time from the future as now, so retention can still reach it', async () => {
    await appendSignal(db, sig({ ts: NOW + 1000 * DAY }), NOW);
    const [e] = await db.getAll('events');
    expect(e?.ts).toBe(NOW);
  });

  it('writes nothing at all when one of its writes fails', async () => {
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('disk full', 'QuotaExceededError');
    });
    await expect(appendSignal(db, sig(), NOW)).rejects.toMatchObject({ name: 'QuotaExceededError' });
    spy.mockRestore();
    expect(await db.count('events')).toBe(0);
    expect(await db.count('daily')).toBe(0);
    expect(await db.count('conversations')).toBe(0);
  });

  it('bounds the conversations one day record tracks, still counting every message', async () => {
    const day = emptyDaily('2025-03-13');
    for (let i = 0; i < MAX_DAY_CONVERSATIONS + 5; i++) {
      countInto(day, ev({ id: `e${i}`, ts: NOW, conversation: `s|t|party ${i}`, party: `party ${i}` }));
    }
    expect(Object.keys(day.convs ?? {})).toHaveLength(MAX_DAY_CONVERSATIONS);
    expect(day.total).toBe(MAX_DAY_CONVERSATIONS + 5);
  });

  it('keeps the day counts equal to the events', async () => {
    for (let i = 0; i < 30; i++) {
      await appendSignal(db, sig({ ts: NOW - i * 7 * HOUR, party: `p${i % 4}`, categories: i % 3 ? ['secrecy'] : ['gift_offer', 'age_probe'] }), NOW);
    }
    expect(await dailyMap(db)).toEqual(await recount(db));
  });
});

describe('reading events', () => {
  it('lists the newest first, up to the limit', async () => {
    for (let i = 0; i < 5; i++) await appendSignal(db, sig({ ts: NOW - i * HOUR, key: `r${i}` }), NOW);
    expect((await recentEvents(db, 3)).map((e) => e.ts)).toEqual([NOW, NOW - HOUR, NOW - 2 * HOUR]);
  });

  it('gives one conversation in time order', async () => {
    await appendSignal(db, sig({ ts: NOW - 1 * HOUR, party: 'A' }), NOW);
    await appendSignal(db, sig({ ts: NOW - 3 * HOUR, party: 'A' }), NOW);
    await appendSignal(db, sig({ ts: NOW - 2 * HOUR, party: 'B' }), NOW);
    const a = await eventsInOrder(db, 'discord.com|/channels/@me/1|A');
    expect(a.map((e) => e.ts)).toEqual([NOW - 3 * HOUR, NOW - HOUR]);
    expect((await eventsInOrder(db, null)).map((e) => e.party)).toEqual(['A', 'B', 'A']);
  });

  it('gives one conversation in time order whatever the levels, equal times in id order, and no other', async () => {
    const conv = (party: string) => `discord.com|/channels/@me/1|${party}`;
    // A watch, then alerts: the level-first index ('alert' < 'watch') holds them in another order.
    await appendSignal(db, sig({ key: 'a1', ts: NOW - 5 * HOUR, party: 'A', categories: ['age_probe'] }), NOW);
    await appendSignal(db, sig({ key: 'a3', ts: NOW - 4 * HOUR, party: 'A', categories: ['sextortion_threat'] }), NOW);
    await appendSignal(db, sig({ key: 'a2', ts: NOW - 4 * HOUR, party: 'A', categories: ['sextortion_threat'] }), NOW);
    await appendSignal(db, sig({ key: 'x', ts: NOW - 6 * HOUR, party: 'AB', categories: ['age_probe'] }), NOW);
    const a = await eventsInOrder(db, conv('A'));
    expect(a.map((e) => e.id)).toEqual([`${conv('A')}|in|a1`, `${conv('A')}|in|a2`, `${conv('A')}|in|a3`]);
    expect(a.map((e) => e.level)).toEqual(['watch', 'alert', 'alert']);
    expect((await eventsInOrder(db, conv('AB'))).map((e) => e.party)).toEqual(['AB']);
    expect(await eventsInOrder(db, conv('nobody'))).toEqual([]);
  });
});

describe('wellFormed', () => {
  it.each([
    ['plain text', 'hi', 'hi'],
    ['a whole emoji', 'a\u{1F600}b', 'a\u{1F600}b'],
    ['an emoji cut in half at the end', 'ab\uD83D', 'ab\uFFFD'],
    ['a stray low surrogate', '\uDE00x', '\uFFFDx'],
  ])('%s', (_n, input, out) => {
    expect(wellFormed(input)).toBe(out);
  });
});
