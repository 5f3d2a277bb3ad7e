// Loading many events at once (the benchmark's 100,000, test fixtures, a future import):
// the same counts as appendSignal keeps, written in large transactions. Events keep the level
// they carry; each conversation's scorer state is rebuilt from them in time order.
import type { IDBPTransaction } from 'idb';
import { createConversationState, reviveConversationState, scoreMessage } from '../detect';
import { countInto, dayKey, emptyDaily } from './counts';
import { REPORTED_KEY, WRITE_OPTIONS, type ChaperoneDB, type ConversationRecord, type DailyRecord, type DB, type EventRecord } from './db';
import { abortQuietly, guarded, mergeCategories } from './events';
import { asReportedMap } from './report';

export const BULK_BATCH = 5000;

type BulkTx = IDBPTransaction<ChaperoneDB, ('events' | 'conversations' | 'daily' | 'meta')[], 'readwrite'>;

/** Adds events that are not in the store yet; returns how many were added. */
export async function bulkLoad(db: DB, events: readonly EventRecord[], batch = BULK_BATCH): Promise<number> {
  const sorted = [...events].sort((a, b) => a.ts - b.ts);
  let added = 0;
  for (let i = 0; i < sorted.length; i += batch) {
    const part = sorted.slice(i, i + batch);
    try {
      // Most loads are of new events: add without looking first. A duplicate id makes `add`
      // fail and the whole batch roll back, counts included; then it is redone with look-ups.
      added += await loadBatch(db, part, false);
    } catch (e) {
      if ((e as { name?: string } | null)?.name !== 'ConstraintError') throw e;
      added += await loadBatch(db, part, true);
    }
  }
  return added;
}

async function loadBatch(db: DB, evs: readonly EventRecord[], check: boolean): Promise<number> {
  const tx = db.transaction(['events', 'conversations', 'daily', 'meta'], 'readwrite', WRITE_OPTIONS);
  try {
    return await loadInto(tx, evs, check);
  } catch (e) {
    abortQuietly(tx);
    throw e;
  }
}

function newRecord(ev: EventRecord): ConversationRecord {
  return {
    key: ev.conversation,
    site: ev.site,
    thread: ev.thread,
    party: ev.party,
    state: createConversationState(),
    level: 'none',
    categories: [],
    firstTs: ev.ts,
    lastTs: ev.ts,
  };
}

async function loadInto(tx: BulkTx, evs: readonly EventRecord[], check: boolean): Promise<number> {
  const events = tx.objectStore('events');
  const days = [...new Set(evs.map((e) => dayKey(e.ts)))];
  const convKeys = [...new Set(evs.map((e) => e.conversation))];
  const [exists, dayRecs, convRecs, reportedNow] = await Promise.all([
    check ? Promise.all(evs.map((e) => events.getKey(e.id))) : Promise.resolve([] as (string | undefined)[]),
    Promise.all(days.map((d) => tx.objectStore('daily').get(d))),
    Promise.all(convKeys.map((k) => tx.objectStore('conversations').get(k))),
    tx.objectStore('meta').get(REPORTED_KEY),
  ]);
  const daily = new Map<string, DailyRecord>(days.map((d, i) => [d, dayRecs[i] ?? emptyDaily(d)]));
  const convs = new Map<string, ConversationRecord | undefined>(convKeys.map((k, i) => [k, convRecs[i]]));
  const reported = asReportedMap(reportedNow);
  const ids = new Set<string>();
  const fresh = evs.filter((e, i) => exists[i] === undefined && !ids.has(e.id) && ids.add(e.id));
  const writes: Promise<unknown>[] = [];
  for (const ev of fresh) {
    writes.push(guarded(() => events.add(ev)));
    countInto(daily.get(dayKey(ev.ts))!, ev);
    const rec = convs.get(ev.conversation) ?? newRecord(ev);
    convs.set(ev.conversation, rec);
    if (ev.kind === 'report') {
      rec.reports = (rec.reports ?? 0) + 1;
      rec.firstReportTs = Math.min(rec.firstReportTs ?? ev.ts, ev.ts);
      reported[ev.conversation] = Math.min(reported[ev.conversation] ?? ev.ts, ev.ts);
    } else {
      rec.state = scoreMessage(reviveConversationState(rec.state), { dir: ev.dir, categories: ev.categories, ts: ev.ts }).state;
      rec.categories = mergeCategories(rec.categories, ev.categories);
      if (ev.ts >= rec.lastTs) rec.level = ev.level;
    }
    rec.firstTs = Math.min(rec.firstTs, ev.ts);
    rec.lastTs = Math.max(rec.lastTs, ev.ts);
  }
  if (fresh.length > 0) {
    for (const d of daily.values()) if (d.total > 0 || d.reports > 0) writes.push(guarded(() => tx.objectStore('daily').put(d)));
    for (const rec of convs.values()) if (rec) writes.push(guarded(() => tx.objectStore('conversations').put(rec)));
    if (fresh.some((e) => e.kind === 'report')) writes.push(guarded(() => tx.objectStore('meta').put(reported, REPORTED_KEY)));
  }
  await Promise.all(writes);
  await tx.done;
  return fresh.length;
}
