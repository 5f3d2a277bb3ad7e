import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DB } from '@/lib/store/db';
import { bulkLoad } from '@/lib/store/bulk';
import { dayKey } from '@/lib/store/counts';
import { logReport } from '@/lib/store/report';
import { weekBounds, weeklySummary } from '@/lib/store/summary';
import { DAY, NOW, daysAgo, ev, freshDb } from './helpers';

const A = 'discord.com|dm|Dara';
const B = 'x.com|dm|Sok';
const C = 'www.instagram.com|dm|Vy';
const conv = (key: string) => {
  const [site, thread, party] = key.split('|') as [string, string, string];
  return { conversation: key, site, thread, party };
};

let db: DB;
beforeEach(async () => {
  db = await freshDb();
  await bulkLoad(db, [
    ev({ id: 'a1', ts: daysAgo(2, 10), level: 'warn', categories: ['image_request'], excerpt: 'send a pic', ...conv(A) }),
    ev({ id: 'a2', ts: daysAgo(1, 10), level: 'alert', categories: ['sextortion_threat', 'secrecy'], excerpt: 'or I post it', ...conv(A) }),
    ev({ id: 'b1', ts: daysAgo(1, 11), level: 'watch', categories: ['age_probe'], ...conv(B) }),
    ev({ id: 'b2', ts: daysAgo(0, 9), level: 'watch', categories: ['age_probe'], ...conv(B) }),
    ev({ id: 'edge-this', ts: daysAgo(6, 0), level: 'watch', categories: ['flattery_trust'], ...conv(B) }),
    ev({ id: 'edge-last', ts: daysAgo(7, 23), level: 'watch', categories: ['flattery_trust'], ...conv(B) }),
    ev({ id: 'c1', ts: daysAgo(9, 12), level: 'warn', categories: ['image_request'], excerpt: 'show me', ...conv(C) }),
    ev({ id: 'c-old', ts: daysAgo(20, 12), level: 'warn', categories: ['image_request'], ...conv(C) }),
  ]);
  await logReport(db, { site: 'discord.com', thread: 'dm', party: 'Dara', url: '', hotline: 'kh-apleu', ts: daysAgo(1, 12) }, NOW);
  await logReport(db, { site: 'www.instagram.com', thread: 'dm', party: 'Vy', url: '', hotline: 'kh-apleu', ts: daysAgo(20, 13) }, NOW);
  await db.put('meta', {
    firstSeen: daysAgo(30),
    spans: [
      [daysAgo(16), daysAgo(3, 8)],
      [daysAgo(3, 18), NOW - 60_000],
    ],
  }, 'activity');
});

describe('weekBounds', () => {
  it('is the 7 local days ending with today, and the 7 before', () => {
    const w = weekBounds(NOW);
    expect(w.from).toBe(daysAgo(6, 0));
    expect(w.to).toBe(daysAgo(-1, 0));
    expect(w.days).toEqual(['2025-03-07', '2025-03-08', '2025-03-09', '2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13']);
    const last = weekBounds(NOW, 1);
    expect(last.to).toBe(w.from);
    expect(last.days[0]).toBe('2025-02-28');
  });
});

describe('weeklySummary', () => {
  it('counts this week by day, category, level and site', async () => {
    const { thisWeek } = await weeklySummary(db, NOW);
    expect(thisWeek.total).toBe(5);
    expect(thisWeek.reports).toBe(1);
    expect(thisWeek.byLevel).toEqual({ watch: 3, warn: 1, alert: 1 });
    expect(thisWeek.byCategory).toEqual({ image_request: 1, sextortion_threat: 1, secrecy: 1, age_probe: 2, flattery_trust: 1 });
    expect(thisWeek.bySite).toEqual({ 'discord.com': 2, 'x.com': 3 });
    expect(thisWeek.days.map((d) => d.total)).toEqual([1, 0, 0, 0, 1, 2, 1]);
    expect(thisWeek.days[5]).toEqual({
      day: dayKey(daysAgo(1)),
      total: 2,
      byCategory: { sextortion_threat: 1, secrecy: 1, age_probe: 1 },
      byLevel: { alert: 1, watch: 1 },
    });
  });

  it('lists the conversations that reached warn or alert, with name, categories and report', async () => {
    const { thisWeek } = await weeklySummary(db, NOW);
    expect(thisWeek.conversations).toEqual([
      {
        conversation: A,
        site: 'discord.com',
        party: 'Dara',
        level: 'alert',
        categories: ['image_request', 'secrecy', 'sextortion_threat'],
        firstTs: daysAgo(2, 10),
        lastTs: daysAgo(1, 12),
        reported: true,
      },
    ]);
  });

  it('gives last week for comparison, a report from before it included', async () => {
    const { lastWeek } = await weeklySummary(db, NOW);
    expect(lastWeek.total).toBe(2);
    expect(lastWeek.reports).toBe(0);
    expect(lastWeek.byLevel).toEqual({ warn: 1, watch: 1 });
    expect(lastWeek.conversations.map((c) => [c.party, c.level, c.reported])).toEqual([['Vy', 'warn', true]]);
  });

  it('finds the periods when protection was off, per week', async () => {
    const { thisWeek, lastWeek } = await weeklySummary(db, NOW);
    expect(thisWeek.offPeriods).toEqual([{ from: daysAgo(3, 8), to: daysAgo(3, 18) }]);
    expect(lastWeek.offPeriods).toEqual([]);
  });

  it('adds masked excerpts only in detailed mode, the most serious first', async () => {
    const plain = await weeklySummary(db, NOW);
    expect(plain.thisWeek.conversations[0]).not.toHaveProperty('excerpts');
    const detailed = await weeklySummary(db, NOW, { detailed: true });
    expect(detailed.thisWeek.conversations[0]?.excerpts).toEqual(['or I post it', 'send a pic']);
    expect(detailed.lastWeek.conversations[0]?.excerpts).toEqual(['show me']);
  });

  it('reads 14 day records, not the events, unless detailed', async () => {
    const tx = vi.spyOn(IDBDatabase.prototype, 'transaction');
    await weeklySummary(db, NOW);
    expect(tx.mock.calls.map((c) => [c[0]].flat())).toEqual([['daily', 'meta']]);
    const cursor = vi.spyOn(IDBIndex.prototype, 'openCursor');
    await weeklySummary(db, NOW, { detailed: true });
    expect(cursor).toHaveBeenCalled();
    expect(new Set(cursor.mock.contexts.map((index) => (index as IDBIndex).name))).toEqual(new Set(['conversation_level_ts']));
  });

  it('picks excerpts by level first, then the newest, and leaves out reports', async () => {
    await bulkLoad(db, [
      ev({ id: 'a3', ts: daysAgo(0, 8), level: 'alert', categories: ['secrecy'], excerpt: 'delete this chat', ...conv(A) }),
      ev({ id: 'a4', ts: daysAgo(0, 9), level: 'warn', categories: ['secrecy'], excerpt: 'newest but milder', ...conv(A) }),
    ]);
    const detailed = await weeklySummary(db, NOW, { detailed: true, excerpts: 3 });
    expect(detailed.thisWeek.conversations[0]?.excerpts).toEqual(['delete this chat', 'or I post it', 'newest but milder']);
  });

  it('forgets the excerpt of a deleted event', async () => {
    const { enforceRetention } = await import('@/lib/store/retention');
    // A sweep whose cutoff falls between the two messages of Dara's conversation.
    await enforceRetention(db, daysAgo(2, 11) + 30 * DAY, 30);
    const detailed = await weeklySummary(db, NOW, { detailed: true });
    expect(detailed.thisWeek.conversations[0]?.excerpts).toEqual(['or I post it']);
  });

  it('gives empty weeks on an empty store', async () => {
    const empty = await freshDb();
    const { thisWeek } = await weeklySummary(empty, NOW);
    expect(thisWeek.total).toBe(0);
    expect(thisWeek.days).toHaveLength(7);
    expect(thisWeek.conversations).toEqual([]);
    expect(thisWeek.offPeriods).toEqual([]);
  });
});
