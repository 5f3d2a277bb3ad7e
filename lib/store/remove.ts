// Deleting events while keeping the day counts right. Retention and the storage budget both
// walk an index with a cursor and delete in batches: each batch is one transaction that deletes
// the events and takes them out of their days' counts, so a crash between batches leaves a
// consistent store, and appends can run between batches.
import type { IDBPCursorWithValue, IDBPTransaction } from 'idb';
import { countInto, dayKey, isEmptyCount } from './counts';
import type { ChaperoneDB, DB, EventRecord } from './db';

export type RemoveTx = IDBPTransaction<ChaperoneDB, ('events' | 'daily')[], 'readwrite'>;
type EventCursor = IDBPCursorWithValue<ChaperoneDB, ('events' | 'daily')[], 'events', 'ts' | 'level_ts', 'readwrite'>;

export const REMOVE_BATCH = 1000;

/** Takes deleted events out of their days' counts; days that reach zero are deleted. */
export async function uncount(tx: RemoveTx, removed: readonly EventRecord[]): Promise<void> {
  if (removed.length === 0) return;
  const daily = tx.objectStore('daily');
  const byDay = new Map<string, EventRecord[]>();
  for (const ev of removed) {
    const d = dayKey(ev.ts);
    const list = byDay.get(d);
    if (list) list.push(ev);
    else byDay.set(d, [ev]);
  }
  const days = [...byDay.entries()];
  const recs = await Promise.all(days.map(([d]) => daily.get(d)));
  await Promise.all(
    days.map(([d, evs], i) => {
      const rec = recs[i];
      if (!rec) return undefined;
      for (const ev of evs) countInto(rec, ev, -1);
      return isEmptyCount(rec) ? daily.delete(d) : daily.put(rec);
    }),
  );
}

/**
 * One batch: walks `open`'s cursor, deletes up to `max` events that `keep` does not protect,
 * and fixes the counts, in one transaction. Returns how many were deleted and whether the
 * cursor ran out (nothing more to delete there).
 */
export async function removeBatch(
  db: DB,
  open: (tx: RemoveTx) => Promise<EventCursor | null>,
  max: number,
  keep: (ev: EventRecord) => boolean = () => false,
): Promise<{ deleted: number; exhausted: boolean }> {
  const tx = db.transaction(['events', 'daily'], 'readwrite');
  const removed: EventRecord[] = [];
  let cur = await open(tx);
  while (cur && removed.length < max) {
    if (!keep(cur.value)) {
      removed.push(cur.value);
      await cur.delete();
    }
    cur = await cur.continue();
  }
  await uncount(tx, removed);
  await tx.done;
  return { deleted: removed.length, exhausted: cur === null };
}
