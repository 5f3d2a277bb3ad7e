// The database schema and its upgrade ladder. The background worker is the only context that
// opens it: IndexedDB in a content script would belong to the chat site's origin.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { CategoryId, ConversationState, Level } from '../detect';
import type { Dir } from '../messaging';
import { convDayKey, countConvDay, countInto, dayKey, emptyConvDay, emptyDaily } from './counts';

export { countInto, dayKey, emptyDaily } from './counts';

export const DB_NAME = 'chaperone';
export const DB_VERSION = 3;

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
 * `share_image`); reports are counted in `reports` only.
 */
export interface DailyRecord {
  day: string;
  total: number;
  byCategory: Partial<Record<CategoryId, number>>;
  byLevel: Partial<Record<Level, number>>;
  bySite: Record<string, number>;
  reports: number;
}

/**
 * Per local day and conversation (v3): lets the summary find the conversations that reached
 * `warn` or `alert` in a week from a few small rows instead of the events.
 */
export interface ConvDayRecord {
  day: string;
  conversation: string;
  site: string;
  party: string;
  total: number;
  byCategory: Partial<Record<CategoryId, number>>;
  byLevel: Partial<Record<Level, number>>;
  reports: number;
  firstTs: number;
  lastTs: number;
}

export interface ChaperoneDB extends DBSchema {
  events: {
    key: string;
    value: EventRecord;
    indexes: { ts: number; conversation: string; conversation_ts: [string, number]; level_ts: [string, number] };
  };
  conversations: { key: string; value: ConversationRecord; indexes: { lastTs: number } };
  daily: { key: string; value: DailyRecord };
  convdays: { key: [string, string]; value: ConvDayRecord };
  /** Small records by name: the heartbeat (`activity`), the last weekly notice. */
  meta: { key: string; value: unknown };
}

export type DB = IDBPDatabase<ChaperoneDB>;

type UpgradeTx = IDBPTransaction<ChaperoneDB, StoreNames<ChaperoneDB>[], 'versionchange'>;

/**
 * The upgrade ladder. Each step runs once, in order, inside the versionchange transaction,
 * and keeps every existing event. Only requests on that transaction are awaited.
 */
export async function upgrade(db: IDBPDatabase<ChaperoneDB>, oldVersion: number, tx: UpgradeTx): Promise<void> {
  if (oldVersion < 1) {
    const events = db.createObjectStore('events', { keyPath: 'id' });
    events.createIndex('ts', 'ts');
  }
  if (oldVersion < 2) {
    const events = tx.objectStore('events');
    events.createIndex('conversation', 'conversation');
    events.createIndex('conversation_ts', ['conversation', 'ts']);
    events.createIndex('level_ts', ['level', 'ts']);
    db.createObjectStore('conversations', { keyPath: 'key' }).createIndex('lastTs', 'lastTs');
    const daily = db.createObjectStore('daily', { keyPath: 'day' });
    db.createObjectStore('meta');
    // Version 1 had no per-day counts: build them from the events already there.
    const days = new Map<string, ReturnType<typeof emptyDaily>>();
    for (let cur = await events.openCursor(); cur; cur = await cur.continue()) {
      const ev = cur.value;
      if (!ev.kind) {
        ev.kind = 'message';
        await cur.update(ev);
      }
      const day = dayKey(ev.ts);
      let rec = days.get(day);
      if (!rec) days.set(day, (rec = emptyDaily(day)));
      countInto(rec, ev);
    }
    for (const rec of days.values()) await daily.put(rec);
  }
  if (oldVersion < 3) {
    const convdays = db.createObjectStore('convdays', { keyPath: ['day', 'conversation'] });
    const rows = new Map<string, ConvDayRecord>();
    for (let cur = await tx.objectStore('events').openCursor(); cur; cur = await cur.continue()) {
      const ev = cur.value;
      const k = convDayKey(ev);
      let row = rows.get(k.join('\n'));
      if (!row) rows.set(k.join('\n'), (row = emptyConvDay(ev)));
      countConvDay(row, ev);
    }
    for (const row of rows.values()) await convdays.put(row);
  }
}

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
