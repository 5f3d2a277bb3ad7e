// The hourly sweep (and the one at start-up): retention first, so the budget counts only what
// the family chose to keep, then the storage budget. Each step's failure is logged and the
// other still runs: a sweep that fails today runs again in an hour.
import { DEFAULT_BUDGET, enforceBudget, type Budget, type BudgetResult, type Estimate } from '../store/budget';
import type { DB } from '../store/db';
import { enforceRetention, type RetentionResult } from '../store/retention';

export interface MaintenanceResult {
  retention: RetentionResult | null;
  budget: BudgetResult | null;
}

export async function runMaintenance(
  db: DB,
  now: number,
  retentionDays: number,
  opts: { budget?: Budget; estimate?: Estimate; log?: (what: string, e: unknown) => void } = {},
): Promise<MaintenanceResult> {
  const log = opts.log ?? ((what, e) => console.warn(`Chaperone: ${what}`, e));
  const out: MaintenanceResult = { retention: null, budget: null };
  try {
    out.retention = await enforceRetention(db, now, retentionDays);
  } catch (e) {
    log('retention sweep failed', e);
  }
  try {
    out.budget = await enforceBudget(db, opts.budget ?? DEFAULT_BUDGET, opts.estimate);
  } catch (e) {
    log('storage budget sweep failed', e);
  }
  return out;
}
