// Writing and reading the event log. Each append is one transaction over the event, its
// conversation's state and its day's counts, so they never disagree, and the caller awaits
// its completion before answering: a service worker stopped a moment later loses nothing.
import {
  conversationLevel,
  createConversationState,
  scoreMessage,
  type CategoryId,
  type Level,
} from '../detect';
import { conversationKey, type Signal } from '../messaging';
import { countInto, dayKey, emptyDaily, type ConversationRecord, type DB, type EventRecord } from './db';

export interface AppendResult {
  conversation: string;
  level: Level;
  logged: boolean;
}

function mergeCategories(a: readonly CategoryId[], b: readonly CategoryId[]): CategoryId[] {
  return [...new Set([...a, ...b])];
}

export function eventId(conversation: string, dir: string, key: string): string {
  return `${conversation}|${dir}|${key}`;
}

/** Logs one flagged message and updates its conversation's level. Logged once per message key. */
export async function appendSignal(db: DB, s: Signal, now = Date.now()): Promise<AppendResult> {
  const conversation = conversationKey(s.site, s.thread, s.party);
  const id = eventId(conversation, s.dir, s.key);
  const tx = db.transaction(['events', 'conversations', 'daily'], 'readwrite');
  const [existing, conv] = await Promise.all([
    tx.objectStore('events').getKey(id),
    tx.objectStore('conversations').get(conversation),
  ]);
  if (existing !== undefined) {
    await tx.done;
    return { conversation, level: conv ? conversationLevel(conv.state, now) : 'none', logged: false };
  }
  const rec: ConversationRecord = conv ?? {
    key: conversation,
    site: s.site,
    thread: s.thread,
    party: s.party,
    state: createConversationState(),
    level: 'none',
    categories: [],
    firstTs: s.ts,
    lastTs: s.ts,
  };
  const scored = scoreMessage(rec.state, { dir: s.dir, categories: s.categories, ts: s.ts });
  rec.state = scored.state;
  rec.level = scored.level;
  rec.categories = mergeCategories(rec.categories, s.categories);
  rec.lastTs = Math.max(rec.lastTs, s.ts);
  const ev: EventRecord = {
    id,
    ts: s.ts,
    site: s.site,
    conversation,
    thread: s.thread,
    party: s.party,
    dir: s.dir,
    kind: 'message',
    categories: s.categories,
    level: scored.level,
    excerpt: s.excerpt,
    url: s.url,
  };
  const day = dayKey(ev.ts);
  const daily = tx.objectStore('daily');
  const counts = (await daily.get(day)) ?? emptyDaily(day);
  await Promise.all([
    tx.objectStore('events').add(ev),
    tx.objectStore('conversations').put(rec),
    daily.put(countInto(counts, ev)),
  ]);
  await tx.done;
  return { conversation, level: scored.level, logged: true };
}

export async function getConversationLevel(db: DB, key: string, now = Date.now()): Promise<Level> {
  const rec = await db.get('conversations', key);
  return rec ? conversationLevel(rec.state, now) : 'none';
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

export async function countEvents(db: DB): Promise<number> {
  return db.count('events');
}
