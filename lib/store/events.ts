// Writing and reading the event log. Each append is one transaction over the event, its
// conversation's state and its day's counts, so they never disagree, and the caller awaits
// its completion before answering: a service worker stopped a moment later loses nothing.
import { unwrap } from 'idb';
import {
  conversationLevel,
  createConversationState,
  maskPersonalInfo,
  reviveConversationState,
  scoreMessage,
  type CategoryId,
  type Level,
} from '../detect';
import { conversationKey, type Signal } from '../messaging';
import { countInto, dayKey, emptyDaily } from './counts';
import { WRITE_OPTIONS, type ConversationRecord, type DB, type EventKind, type EventRecord } from './db';

export interface AppendResult {
  conversation: string;
  level: Level;
  logged: boolean;
}

export interface AppendOptions {
  /**
   * Messages older than this are answered but not logged: retention would delete them at the
   * next sweep, and a re-scanned chat would log them again and again.
   */
  minTs?: number;
  /** Per signal of a batch, instead of `minTs` for all. */
  minTsEach?: readonly (number | undefined)[];
  /**
   * false: do not look each id up first, just add. Faster for a flood of new messages; a
   * message already stored makes the whole transaction fail with ConstraintError (nothing is
   * written) and the caller retries with look-ups. Default true.
   */
  lookUp?: boolean;
  /** Ids known to be stored already (the worker remembers recent ones): skipped without a look-up. */
  known?: (id: string) => boolean;
}

export function isConstraintError(e: unknown): boolean {
  return (e as { name?: unknown } | null)?.name === 'ConstraintError';
}

export function mergeCategories(a: readonly CategoryId[], b: readonly CategoryId[]): CategoryId[] {
  return [...new Set([...a, ...b])];
}

export function eventId(conversation: string, dir: string, key: string): string {
  return `${conversation}|${dir}|${key}`;
}

function kindOf(categories: readonly CategoryId[]): EventKind {
  return categories.includes('share_image') ? 'share_image' : 'message';
}

/** Replaces lone UTF-16 surrogates (an excerpt cut inside an emoji) so every export hashes the same everywhere. */
export function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export function newConversation(key: string, site: string, thread: string, party: string, ts: number): ConversationRecord {
  return {
    key,
    site,
    thread,
    party,
    state: createConversationState(),
    level: 'none',
    categories: [],
    firstTs: ts,
    lastTs: ts,
  };
}

/** Logs one flagged message and updates its conversation's level. Logged once per message key. */
export async function appendSignal(db: DB, s: Signal, now = Date.now(), opts: AppendOptions = {}): Promise<AppendResult> {
  const [res] = await appendSignals(db, [s], now, opts);
  return res!;
}

interface Prepared {
  s: Signal;
  conversation: string;
  id: string;
  ts: number;
  day: string;
}

function prepare(s: Signal, now: number): Prepared {
  const conversation = conversationKey(s.site, s.thread, s.party);
  // The page's clock is a hint: a time in the future would dodge retention for ever.
  const ts = Math.min(s.ts, now);
  return { s, conversation, id: eventId(conversation, s.dir, s.key), ts, day: dayKey(ts) };
}

/**
 * Logs several signals in one transaction (the worker batches what arrives while a write is in
 * flight): one read round and one write round whatever the batch size, so a flood costs a few
 * requests per message instead of a transaction each. Same rules as one by one: each message
 * key once, in order, and every count in the same transaction as its event.
 */
export async function appendSignals(db: DB, signals: readonly Signal[], now = Date.now(), opts: AppendOptions = {}): Promise<AppendResult[]> {
  if (signals.length === 0) return [];
  const items = signals.map((s) => prepare(s, now));
  const known = opts.known ?? (() => false);
  const lookUp = opts.lookUp ?? true;
  const ids = lookUp ? [...new Set(items.map((i) => i.id))].filter((id) => !known(id)) : [];
  const convKeys = [...new Set(items.map((i) => i.conversation))];
  const days = [...new Set(items.map((i) => i.day))];
  const tx = db.transaction(['events', 'conversations', 'daily'], 'readwrite', WRITE_OPTIONS);
  const done = committed(unwrap(tx));
  // Failures are seen through `done`; idb's own `tx.done` must not become an unhandled rejection.
  done.catch(() => undefined);
  tx.done.catch(() => undefined);
  const events = tx.objectStore('events');
  const convStore = tx.objectStore('conversations');
  const dailyStore = tx.objectStore('daily');
  try {
    const [existing, convList, dayList] = await Promise.all([
      Promise.all(ids.map((id) => events.getKey(id))),
      Promise.all(convKeys.map((k) => convStore.get(k))),
      Promise.all(days.map((d) => dailyStore.get(d))),
    ]);
    const seen = new Set(ids.filter((_id, i) => existing[i] !== undefined));
    for (const it of items) if (known(it.id)) seen.add(it.id);
    // A stored state is checked once when read; within the batch it stays the scorer's own.
    const convs = new Map(convKeys.map((k, i) => {
      const rec = convList[i];
      if (rec) rec.state = reviveConversationState(rec.state);
      return [k, rec];
    }));
    const daily = new Map(days.map((d, i) => [d, dayList[i] ?? emptyDaily(d)]));
    const touched = { convs: new Set<string>(), days: new Set<string>() };
    const logged: boolean[] = [];
    // The writes are plain requests, not idb's promises: a flood issues one per event, and a
    // promise and two listeners each cost more than the request. Any failure (a duplicate id,
    // a full disk) aborts the transaction, and `done` rejects with it. Each add is issued as
    // soon as its event is ready, so the database works while the next ones are scored.
    const rawEvents = unwrap(events);
    for (const [n, it] of items.entries()) {
      const { s, ts } = it;
      const minTs = opts.minTsEach ? opts.minTsEach[n] : opts.minTs;
      if (seen.has(it.id) || (minTs !== undefined && ts < minTs)) {
        logged.push(false);
        continue;
      }
      seen.add(it.id);
      const rec = convs.get(it.conversation) ?? newConversation(it.conversation, s.site, s.thread, s.party, ts);
      const scored = scoreMessage(rec.state, { dir: s.dir, categories: s.categories, ts });
      rec.state = scored.state;
      rec.level = scored.level;
      rec.categories = mergeCategories(rec.categories, s.categories);
      rec.firstTs = Math.min(rec.firstTs, ts);
      rec.lastTs = Math.max(rec.lastTs, ts);
      convs.set(it.conversation, rec);
      const ev: EventRecord = {
        id: it.id,
        ts,
        site: s.site,
        conversation: it.conversation,
        thread: s.thread,
        party: s.party,
        dir: s.dir,
        kind: kindOf(s.categories),
        categories: s.categories,
        level: scored.level,
        // The content script masks already; masking again here means no page can store a phone
        // number by skipping it.
        excerpt: wellFormed(maskPersonalInfo(s.excerpt)),
        url: s.url,
      };
      rawEvents.add(ev);
      countInto(daily.get(it.day)!, ev);
      touched.convs.add(it.conversation);
      touched.days.add(it.day);
      logged.push(true);
    }
    if (touched.convs.size > 0) {
      const rawConvs = unwrap(convStore);
      const rawDaily = unwrap(dailyStore);
      for (const k of touched.convs) rawConvs.put(convs.get(k)!);
      for (const d of touched.days) rawDaily.put(daily.get(d)!);
    }
    // Nothing more to ask: commit as soon as the database is through, not one round trip later.
    tx.commit();
    await done;
    // Every answer is the conversation's level now, after the whole batch.
    const levels = new Map([...convs].map(([k, rec]) => [k, levelNow(rec, now)]));
    return items.map((it, i) => ({ conversation: it.conversation, level: levels.get(it.conversation)!, logged: logged[i]! }));
  } catch (e) {
    abortQuietly(tx);
    throw e;
  }
}

/**
 * Resolves when the transaction commits; rejects with what aborted it. idb's `tx.done` rejects
 * at the first `error` event, before the transaction has recorded its error, so a failed add
 * shows there as a bare AbortError. Here it is the request's own error (a ConstraintError for an
 * id stored already), which the Appender needs to tell a re-sent message from a real failure.
 */
export function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    let first: DOMException | null = null;
    tx.addEventListener('error', (e) => {
      first ??= (e.target as IDBRequest | null)?.error ?? null;
    });
    tx.addEventListener('complete', () => resolve());
    tx.addEventListener('abort', () => reject(tx.error ?? first ?? new DOMException('The transaction was aborted', 'AbortError')));
  });
}

/**
 * Starts a request whose failure is also seen through the transaction: if a later request in the
 * same Promise.all throws synchronously, this one's rejection (AbortError) must not go unhandled.
 */
export function guarded<T>(start: () => Promise<T>): Promise<T> {
  const p = start();
  p.catch(() => undefined);
  return p;
}

/** Makes sure a failed write leaves nothing half-done (a request that threw synchronously does not abort by itself). */
export function abortQuietly(tx: { abort(): void; done: Promise<void> }): void {
  tx.done.catch(() => undefined);
  try {
    tx.abort();
  } catch {
    // already committed or aborted
  }
}

/** A conversation's level now (its cues decay with time); a stored state this version cannot read counts as new. */
export function levelNow(rec: ConversationRecord | undefined, now: number): Level {
  return rec ? conversationLevel(reviveConversationState(rec.state), now) : 'none';
}

export async function getConversationLevel(db: DB, key: string, now = Date.now()): Promise<Level> {
  return levelNow(await db.get('conversations', key), now);
}

/** The newest events first. */
export async function recentEvents(db: DB, limit: number): Promise<EventRecord[]> {
  const out: EventRecord[] = [];
  let cur = await db.transaction('events').store.index('ts').openCursor(null, 'prev');
  while (cur && out.length < limit) {
    out.push(cur.value);
    cur = await cur.continue();
  }
  return out;
}

/** Every event (or one conversation's), oldest first; equal times in id order, so the order is stable. */
export async function eventsInOrder(db: DB, conversation: string | null): Promise<EventRecord[]> {
  if (conversation === null) return db.getAllFromIndex('events', 'ts');
  // One conversation's events from the index the summary keeps ([conversation, level, ts]; an
  // array sorts after every string, so [c, []] bounds them all), then in time order. Sorting
  // one conversation (at most the storage budget's tens of thousands of events) when it is
  // exported costs less than a fourth index written for every event logged.
  const evs = await db.getAllFromIndex('events', 'conversation_level_ts', IDBKeyRange.bound([conversation], [conversation, []]));
  return evs.sort(byTimeThenId);
}

/** The order of the `ts` index: time, then id (both compare as IndexedDB compares keys). */
function byTimeThenId(a: EventRecord, b: EventRecord): number {
  return a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export async function countEvents(db: DB): Promise<number> {
  return db.count('events');
}
