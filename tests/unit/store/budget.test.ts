import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Level } from '@/lib/detect';
import type { DB, EventRecord } from '@/lib/store/db';
import { bulkLoad } from '@/lib/store/bulk';
import { enforceBudget, isQuotaError, pruneForQuota, pruneLevels, withQuotaRetry, type Budget } from '@/lib/store/budget';
import { DAY, NOW, dailyMap, ev, freshDb, recount } from './helpers';

let db: DB;
beforeEach(async () => {
  db = await freshDb();
});

const small: Budget = { maxEvents: 10, lowWater: 8, hardMaxEvents: 15, maxUsageRatio: 0.9, minFreeBytes: 0 };

/** Events of each level, oldest first within a level, spread over the last days. */
function mix(counts: Partial<Record<Level | 'report', number>>): EventRecord[] {
  const out: EventRecord[] = [];
  let i = 0;
  for (const [level, n] of Object.entries(counts) as [Level | 'report', number][]) {
    for (let k = 0; k < n; k++) {
      i += 1;
      const ts = NOW - 5 * DAY + i * 60_000;
      out.push(
        level === 'report'
          ? ev({ id: `report-${k}`, ts, kind: 'report', categories: [], level: 'none', dir: 'out' })
          : ev({ id: `${level}-${k}`, ts, level }),
      );
    }
  }
  return out;
}

const idsOf = async (): Promise<string[]> => (await db.getAllKeys('events')).sort();

describe('enforceBudget', () => {
  it('does nothing under the budget', async () => {
    await bulkLoad(db, mix({ watch: 5 }));
    expect(await enforceBudget(db, small)).toEqual({ before: 5, pruned: 0, reason: 'ok' });
  });

  it('drops the oldest none, then watch events, down to the low-water mark', async () => {
    await bulkLoad(db, mix({ none: 2, watch: 4, warn: 3, alert: 3 }));
    const res = await enforceBudget(db, small);
    expect(res).toEqual({ before: 12, pruned: 4, reason: 'count' });
    expect(await idsOf()).toEqual(['alert-0', 'alert-1', 'alert-2', 'warn-0', 'warn-1', 'warn-2', 'watch-2', 'watch-3'].sort());
    expect(await dailyMap(db)).toEqual(await recount(db));
  });

  it('drops warn events only when nothing lower is left, and never alerts or reports', async () => {
    await bulkLoad(db, mix({ report: 3, warn: 4, alert: 5 }));
    const res = await enforceBudget(db, { ...small, hardMaxEvents: 100 });
    expect(res.pruned).toBe(4);
    expect(await idsOf()).toEqual([...['0', '1', '2', '3', '4'].map((k) => `alert-${k}`), 'report-0', 'report-1', 'report-2'].sort());
  });

  it('keeps reports even when they carry a low level', async () => {
    await bulkLoad(db, mix({ report: 12 }));
    await enforceBudget(db, small);
    expect(await db.count('events')).toBe(12);
  });

  it('past the hard ceiling drops the oldest alerts too, still keeping reports', async () => {
    await bulkLoad(db, mix({ report: 2, alert: 18 }));
    const res = await enforceBudget(db, small);
    expect(res.reason).toBe('hard');
    expect(await db.count('events')).toBe(10);
    const ids = await idsOf();
    expect(ids).toContain('report-0');
    expect(ids).toContain('report-1');
    expect(ids).not.toContain('alert-0');
    expect(ids).toContain('alert-17');
  });

  it('prunes a quarter when the disk is nearly full, whatever the count', async () => {
    await bulkLoad(db, mix({ watch: 8 }));
    const estimate = vi.fn(async () => ({ usage: 95, quota: 100 }));
    const res = await enforceBudget(db, { ...small, maxEvents: 1000 }, estimate);
    expect(res).toEqual({ before: 8, pruned: 2, reason: 'bytes' });
  });

  it('ignores a failing estimate', async () => {
    await bulkLoad(db, mix({ watch: 3 }));
    const res = await enforceBudget(db, small, async () => {
      throw new Error('no estimate here');
    });
    expect(res.reason).toBe('ok');
  });
});

describe('pruneLevels', () => {
  it('deletes oldest first within a level', async () => {
    await bulkLoad(db, [ev({ id: 'new', ts: NOW }), ev({ id: 'old', ts: NOW - DAY }), ev({ id: 'mid', ts: NOW - 1000 })]);
    expect(await pruneLevels(db, 2, ['watch'])).toBe(2);
    expect(await idsOf()).toEqual(['new']);
  });
});

describe('quota errors', () => {
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it.each([
    ['a QuotaExceededError', quota(), true],
    ['Firefox name', { name: 'NS_ERROR_DOM_QUOTA_REACHED' }, true],
    ['legacy code 22', { name: 'Error', code: 22 }, true],
    ['another DOMException', new DOMException('x', 'AbortError'), false],
    ['null', null, false],
    ['a string', 'QuotaExceededError', false],
  ])('isQuotaError(%s) is %s', (_n, e, want) => {
    expect(isQuotaError(e)).toBe(want);
  });

  it('prunes and retries once after a quota error', async () => {
    const write = vi.fn().mockRejectedValueOnce(quota()).mockResolvedValueOnce('saved');
    const prune = vi.fn(async () => 3);
    await expect(withQuotaRetry(write, prune)).resolves.toBe('saved');
    expect(write).toHaveBeenCalledTimes(2);
    expect(prune).toHaveBeenCalledTimes(1);
  });

  it('gives up after the second quota error', async () => {
    const write = vi.fn().mockRejectedValue(quota());
    await expect(withQuotaRetry(write, async () => 0)).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(write).toHaveBeenCalledTimes(2);
  });

  it('does not retry other errors', async () => {
    const write = vi.fn().mockRejectedValue(new Error('bug'));
    const prune = vi.fn();
    await expect(withQuotaRetry(write, prune)).rejects.toThrow('bug');
    expect(prune).not.toHaveBeenCalled();
  });

  it('frees at least 500 low-level events for the retry, keeping alerts and reports', async () => {
    await bulkLoad(db, mix({ watch: 600, alert: 20, report: 5 }));
    const freed = await pruneForQuota(db);
    expect(freed).toBe(500);
    expect(await db.count('events')).toBe(125);
    const left = await db.getAll('events');
    expect(left.filter((e) => e.level === 'alert')).toHaveLength(20);
    expect(left.filter((e) => e.kind === 'report')).toHaveLength(5);
  });
});
