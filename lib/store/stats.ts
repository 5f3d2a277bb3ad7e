// How big the store is: for the dashboard's data page and for end-to-end tests that check a
// flood leaves the store bounded.
import type { DB } from './db';
import type { StoreStats } from './types';

export async function storeStats(db: DB, usage?: { usage?: number; quota?: number }): Promise<StoreStats> {
  const tx = db.transaction(['events', 'conversations'], 'readonly');
  const ts = tx.objectStore('events').index('ts');
  const [events, conversations, oldest, newest] = await Promise.all([
    tx.objectStore('events').count(),
    tx.objectStore('conversations').count(),
    ts.openKeyCursor(null, 'next'),
    ts.openKeyCursor(null, 'prev'),
  ]);
  const out: StoreStats = {
    events,
    conversations,
    oldestTs: oldest ? (oldest.key as number) : null,
    newestTs: newest ? (newest.key as number) : null,
  };
  await tx.done;
  if (typeof usage?.usage === 'number') out.usageBytes = usage.usage;
  if (typeof usage?.quota === 'number') out.quotaBytes = usage.quota;
  return out;
}
