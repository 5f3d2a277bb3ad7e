// Retention: the parent chooses how long events are kept (30 days by default). An alarm runs
// this every hour and at start-up; everything older goes, alerts and reports too, because the
// setting is a promise to the family about what stays on the device.
import { REMOVE_BATCH, removeBatch } from './remove';
import { REPORTED_KEY, type DB } from './db';
import { asReportedMap } from './report';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionResult {
  events: number;
  conversations: number;
}

export function retentionCutoff(now: number, retentionDays: number): number {
  return now - Math.max(1, retentionDays) * DAY_MS;
}

export async function enforceRetention(db: DB, now: number, retentionDays: number): Promise<RetentionResult> {
  const cutoff = retentionCutoff(now, retentionDays);
  const old = IDBKeyRange.upperBound(cutoff, true);
  let events = 0;
  for (;;) {
    const { deleted, exhausted } = await removeBatch(db, (tx) => tx.objectStore('events').index('ts').openCursor(old), REMOVE_BATCH);
    events += deleted;
    if (exhausted || deleted === 0) break;
  }
  // A conversation whose last message is older than the cutoff has no events left: forget it,
  // its level included (it would have decayed to nothing anyway).
  const tx = db.transaction(['conversations', 'meta'], 'readwrite');
  const convs = tx.objectStore('conversations');
  const [keys, reportedNow] = await Promise.all([convs.index('lastTs').getAllKeys(old), tx.objectStore('meta').get(REPORTED_KEY)]);
  const reported = asReportedMap(reportedNow);
  const forgetReports = keys.some((k) => k in reported);
  for (const k of keys) delete reported[k];
  await Promise.all([
    ...keys.map((k) => convs.delete(k)),
    ...(forgetReports ? [tx.objectStore('meta').put(reported, REPORTED_KEY)] : []),
  ]);
  await tx.done;
  return { events, conversations: keys.length };
}
