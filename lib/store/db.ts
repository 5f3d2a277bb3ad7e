// The database schema and its upgrade ladder. The background worker is the only context that
// opens it: IndexedDB in a content script would belong to the chat site's origin.
import { openDB, unwrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { CategoryId, ConversationState, Level } from '../detect';
import type { Dir } from '../messaging';
import { countInto, dayKey, emptyDaily } from './counts';

export { countInto, dayKey, emptyDaily } from './counts';

export const DB_NAME = 'chaperone';
export const DB_VERSION = 4;
export const REPORTED_KEY = 'reported';

export type EventKind = 'message' | 'report' | 'share_image';

export interface EventRecord {
  /** `${conversation}|${dir}|${message key}` for messages, so the same message is logged once. */
  id: string;
  ts: number;
  site: string;
  conversation: string;
  thread: string;
  party: string;
  dir: Dir;
  kind: EventKind;
  categories: CategoryId[];
  /** The conversation's level after this event. */
  level: Level;
  /** Short, with phone numbers, emails and addresses masked. */
  excerpt: string;
  url: string;
  /** For reports: the hotline the report was made to. */
  hotline?: string;
}

export interface ConversationRecord {
  key: string;
  site: string;
  thread: string;
  party: string;
  state: ConversationState;
  level: Level;
  categories: CategoryId[];
  firstTs: number;
  lastTs: number;
  /** Reports made from this conversation, and when the first one was. */
  reports?: number;
  firstReportTs?: number;
}

/**
 * Per local day: counts that the weekly summary reads without scanning the events.
 * `total`, `byCategory`, `byLevel` and `bySite` count flagged messages (kinds `message` and
 * `share_image`); reports are counted in `reports` only. `convs` (v3) holds the same per
 * conversation, so the summary finds the conversations that reached warn or alert from 14
 * records, however many events and conversations there are.
 */
export interface DailyRecord {
  day: string;
  total: number;
  byCategory: Partial<Record<CategoryId, number>>;
  byLevel: Partial<Record<Level, number>>;
  bySite: Record<string, number>;
  reports: number;
  convs?: Record<string, DayConversation>;
}

export interface DayConversation {
  site: string;
  party: string;
  total: number;
  byCategory: Partial<Record<CategoryId, number>>;
  byLevel: Partial<Record<Level, number>>;
  reports: number;
  /** First and last event counted here; deleting an event does not move them back. */
  firstTs: number;
  lastTs: number;
}

/** meta `reported`: conversation key → time of its first report, for "reported" in any week. */
export type ReportedMap = Record<string, number>;

export interface ChaperoneDB extends DBSchema {
  events: {
    key: string;
    value: EventRecord;
    /**
     * Every index costs a write per event (about a fifth of an add in Chromium), so there are
     * only those a query walks: `ts` (retention, stats, recent events, the full export),
     * `level_ts` (the storage budget prunes the oldest low levels) and `conversation_level_ts`
     * (the detailed summary's excerpts; one conversation's export reads it and sorts by time).
     * v4 dropped `conversation` (a prefix of the others, never queried) and `conversation_ts`.
     */
    indexes: {
      ts: number;
      level_ts: [string, number];
      /** v3: a conversation's most serious recent excerpts for the detailed summary, without a scan. */
      conversation_level_ts: [string, string, number];
    };
  };
  conversations: { key: string; value: ConversationRecord; indexes: { lastTs: number } };
  daily: { key: string; value: DailyRecord };
  /** Small records by name: the heartbeat (`activity`), reported conversations (`reported`), the last weekly notice. */
  meta: { key: string; value: unknown };
}

export type DB = IDBPDatabase<ChaperoneDB>;

/**
 * Options of the transactions that log events. `relaxed` durability: `complete` fires once the
 * changes are handed to the operating system, not after an fsync. That is still the guarantee
 * the worker promises ("a service worker stopped a moment later loses nothing"): in Chromium
 * the database lives in the browser process, not in the service worker or a renderer, and a
 * committed transaction is in the OS's file cache, so killing the worker, the renderer or even
 * the whole browser loses nothing; only an OS crash or a power cut within the OS's flush delay
 * (a few seconds) can lose the last moments. `strict` would wait for the disk itself.
 * Chromium has used `relaxed` as its default since version 121, and Firefox never flushed by
 * default: this pins the behaviour the benchmarks measured rather than changing it.
 */
export const WRITE_OPTIONS = { durability: 'relaxed' } as const;

type UpgradeTx = IDBPTransaction<ChaperoneDB, StoreNames<ChaperoneDB>[], 'versionchange'>;

/**
 * The upgrade ladder. Each step runs once, in order, inside the versionchange transaction,
 * and keeps every existing event. Only requests on that transaction are awaited. Steps check
 * what exists rather than trust `oldVersion` alone: a database created empty by someone opening
 * `chaperone` without a version (a test harness, devtools) still gets every store.
 */
export async function upgrade(db: IDBPDatabase<ChaperoneDB>, oldVersion: number, tx: UpgradeTx): Promise<void> {
  const has = (name: StoreNames<ChaperoneDB>) => db.objectStoreNames.contains(name);
  if (!has('events')) db.createObjectStore('events', { keyPath: 'id' });
  const events = tx.objectStore('events');
  const index = (name: keyof ChaperoneDB['events']['indexes'], keyPath: string | string[]) => {
    if (!events.indexNames.contains(name)) events.createIndex(name, keyPath);
  };
  index('ts', 'ts');
  if (oldVersion < 2) {
    // Version 2 also had `conversation` and `conversation_ts`, which version 4 drops: a new
    // database does not build them only to delete them.
    index('level_ts', ['level', 'ts']);
    if (!has('conversations')) db.createObjectStore('conversations', { keyPath: 'key' }).createIndex('lastTs', 'lastTs');
    if (!has('daily')) db.createObjectStore('daily', { keyPath: 'day' });
    if (!has('meta')) db.createObjectStore('meta');
    // Version 1 had no kind: everything it logged was a message.
    for (let cur = await events.openCursor(); cur; cur = await cur.continue()) {
      if (!cur.value.kind) await cur.update({ ...cur.value, kind: 'message' });
    }
  }
  if (oldVersion < 3) {
    index('conversation_level_ts', ['conversation', 'level', 'ts']);
    // Version 3 counts per conversation too: rebuild every day from the events (version 1 had
    // no day counts at all, version 2 had them without conversations).
    const daily = tx.objectStore('daily');
    await daily.clear();
    const days = new Map<string, DailyRecord>();
    const reported: ReportedMap = {};
    for (let cur = await events.openCursor(); cur; cur = await cur.continue()) {
      const ev = cur.value;
      const day = dayKey(ev.ts);
      let rec = days.get(day);
      if (!rec) days.set(day, (rec = emptyDaily(day)));
      countInto(rec, ev);
      if (ev.kind === 'report') reported[ev.conversation] = Math.min(reported[ev.conversation] ?? ev.ts, ev.ts);
    }
    for (const rec of days.values()) await daily.put(rec);
    if (Object.keys(reported).length > 0) await tx.objectStore('meta').put(reported, REPORTED_KEY);
  }
  if (oldVersion < 4) {
    // Indexes no query uses: each was one more write for every event logged. The events and
    // the other indexes stay as they are.
    const names = unwrap(events).indexNames;
    for (const name of DROPPED_INDEXES) if (names.contains(name)) events.deleteIndex(name);
  }
}

/** Indexes of earlier versions that version 4 deletes. */
export const DROPPED_INDEXES: readonly string[] = ['conversation', 'conversation_ts'];

export interface OpenOptions {
  name?: string;
  /** Called when a newer version of the extension wants to upgrade while we hold the database open. */
  onBlocking?: () => void;
  /** Called when the browser closed the connection (disk error, data cleared); reopen on next use. */
  onTerminated?: () => void;
  /** Called when an older connection elsewhere keeps this one from upgrading. */
  onBlocked?: () => void;
}

export function openChaperoneDB(opts: OpenOptions = {}): Promise<DB> {
  return openDB<ChaperoneDB>(opts.name ?? DB_NAME, DB_VERSION, {
    upgrade: (db, oldVersion, _newVersion, tx) => {
      // A failed step must not leave a half-migrated schema behind: abort, and the old one stays.
      upgrade(db, oldVersion, tx).catch((e: unknown) => {
        console.error('Chaperone: database upgrade failed', e);
        try {
          tx.abort();
        } catch {
          // already finished
        }
      });
    },
    blocked() {
      console.warn('Chaperone: database upgrade waits for an older connection to close');
      opts.onBlocked?.();
    },
    blocking() {
      // Let the other context upgrade; we reopen on next use.
      opts.onBlocking?.();
    },
    terminated() {
      opts.onTerminated?.();
    },
  });
}
