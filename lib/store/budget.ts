// The storage budget. A page that floods messages, or a full disk, must never crash the worker
// or cost the family the events that matter. When the store is over budget the oldest
// low-level events go first (none, then watch, then warn); alerts and reports are kept.
// Only past a hard ceiling, which a flood would otherwise push without end, do the oldest
// alerts go too. Reports are never dropped by the budget (only by retention).
import type { Level } from '../detect';
import type { DB, EventRecord } from './db';
import { REMOVE_BATCH, removeBatch } from './remove';

export interface Budget {
  /** Above this many events, prune low-level events down to `lowWater`. */
  maxEvents: number;
  lowWater: number;
  /** Above this many events, alerts are pruned too (oldest first) down to `maxEvents`. */
  hardMaxEvents: number;
  /** Prune when the origin uses more than this share of its quota... */
  maxUsageRatio: number;
  /** ...or has less than this many bytes left. */
  minFreeBytes: number;
}

export const DEFAULT_BUDGET: Budget = {
  maxEvents: 20_000,
  lowWater: 18_000,
  hardMaxEvents: 30_000,
  maxUsageRatio: 0.9,
  minFreeBytes: 50 * 1024 * 1024,
};

export interface StorageEstimateLike {
  usage?: number;
  quota?: number;
}

export type Estimate = () => Promise<StorageEstimateLike | undefined>;

export const LOW_LEVELS: readonly Level[] = ['none', 'watch', 'warn'];

const isReport = (ev: EventRecord): boolean => ev.kind === 'report';

/** Deletes up to `count` events of the given levels, oldest first within each level in order. */
export async function pruneLevels(db: DB, count: number, levels: readonly Level[] = LOW_LEVELS): Promise<number> {
  let deleted = 0;
  for (const level of levels) {
    const range = IDBKeyRange.bound([level, -Infinity], [level, Infinity]);
    while (deleted < count) {
      const r = await removeBatch(
        db,
        (tx) => tx.objectStore('events').index('level_ts').openCursor(range),
        Math.min(REMOVE_BATCH, count - deleted),
        isReport,
      );
      deleted += r.deleted;
      if (r.exhausted || r.deleted === 0) break;
    }
    if (deleted >= count) break;
  }
  return deleted;
}

export function isQuotaError(e: unknown): boolean {
  const err = e as { name?: unknown; code?: unknown; inner?: unknown } | null;
  if (!err || typeof err !== 'object') return false;
  // Firefox has used NS_ERROR_DOM_QUOTA_REACHED; old DOMException code 22 is QUOTA_EXCEEDED_ERR.
  return err.name === 'QuotaExceededError' || err.name === 'NS_ERROR_DOM_QUOTA_REACHED' || err.code === 22;
}

export interface BudgetResult {
  before: number;
  pruned: number;
  reason: 'ok' | 'count' | 'bytes' | 'hard';
}

function overBytes(est: StorageEstimateLike | undefined, b: Budget): boolean {
  if (!est || typeof est.usage !== 'number' || typeof est.quota !== 'number' || est.quota <= 0) return false;
  return est.usage > est.quota * b.maxUsageRatio || est.quota - est.usage < b.minFreeBytes;
}

export async function enforceBudget(db: DB, budget: Budget = DEFAULT_BUDGET, estimate?: Estimate): Promise<BudgetResult> {
  const before = await db.count('events');
  let est: StorageEstimateLike | undefined;
  try {
    est = await estimate?.();
  } catch {
    est = undefined; // the estimate is a hint; without it the count still bounds the store
  }
  let toRemove = 0;
  let reason: BudgetResult['reason'] = 'ok';
  if (before > budget.maxEvents) {
    toRemove = before - budget.lowWater;
    reason = 'count';
  }
  if (overBytes(est, budget)) {
    toRemove = Math.max(toRemove, Math.ceil(before * 0.25));
    reason = 'bytes';
  }
  let pruned = toRemove > 0 ? await pruneLevels(db, toRemove) : 0;
  const left = before - pruned;
  if (left > budget.hardMaxEvents) {
    pruned += await pruneLevels(db, left - budget.maxEvents, ['alert']);
    reason = 'hard';
  }
  return { before, pruned, reason };
}

/** What a quota error on a write frees before the one retry: a tenth of the events, at least 500, low levels only. */
export async function pruneForQuota(db: DB): Promise<number> {
  const count = await db.count('events');
  return pruneLevels(db, Math.max(500, Math.ceil(count / 10)));
}

/** Runs a write; on a quota error prunes and tries once more. A second failure is the caller's to report. */
export async function withQuotaRetry<T>(write: () => Promise<T>, prune: () => Promise<unknown>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (!isQuotaError(e)) throw e;
    try {
      await prune();
    } catch (pe) {
      console.warn('Chaperone: pruning after a quota error failed', pe);
    }
    return write();
  }
}
