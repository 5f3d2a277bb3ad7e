// A report the child or parent made from the popup, logged as an event of kind `report` so the
// summary can say "reported" and the evidence export shows when and where it went.
import type { Level } from '../detect';
import { conversationKey, type ReportLog } from '../messaging';
import { countInto, dayKey, emptyDaily } from './counts';
import { REPORTED_KEY, WRITE_OPTIONS, type DB, type EventRecord, type ReportedMap } from './db';
import { abortQuietly, guarded, levelNow, newConversation } from './events';

export interface ReportResult {
  id: string;
  conversation: string;
  level: Level;
  /** false when this very report (same conversation, time and hotline) was logged before. */
  logged: boolean;
}

export async function logReport(db: DB, r: ReportLog, now = Date.now()): Promise<ReportResult> {
  const conversation = conversationKey(r.site, r.thread, r.party);
  const ts = Math.min(r.ts, now);
  const id = `${conversation}|report|${ts}|${r.hotline}`;
  const day = dayKey(ts);
  const tx = db.transaction(['events', 'conversations', 'daily', 'meta'], 'readwrite', WRITE_OPTIONS);
  try {
    const [existing, conv, counts, reportedNow] = await Promise.all([
      tx.objectStore('events').getKey(id),
      tx.objectStore('conversations').get(conversation),
      tx.objectStore('daily').get(day),
      tx.objectStore('meta').get(REPORTED_KEY),
    ]);
    const level: Level = levelNow(conv, now);
    if (existing !== undefined) {
      await tx.done;
      return { id, conversation, level, logged: false };
    }
    // A report can come from a chat where nothing was flagged yet: it still gets a conversation,
    // so the summary can show it as reported when it is flagged later.
    const rec = conv ?? newConversation(conversation, r.site, r.thread, r.party, ts);
    rec.reports = (rec.reports ?? 0) + 1;
    rec.firstReportTs = Math.min(rec.firstReportTs ?? ts, ts);
    // Retention forgets a conversation after its last activity; a report is activity.
    rec.lastTs = Math.max(rec.lastTs, ts);
    const ev: EventRecord = {
      id,
      ts,
      site: r.site,
      conversation,
      thread: r.thread,
      party: r.party,
      dir: 'out',
      kind: 'report',
      categories: [],
      level,
      excerpt: '',
      url: r.url,
      hotline: r.hotline,
    };
    const reported = asReportedMap(reportedNow);
    reported[conversation] = Math.min(reported[conversation] ?? ts, ts);
    await Promise.all([
      guarded(() => tx.objectStore('events').add(ev)),
      guarded(() => tx.objectStore('conversations').put(rec)),
      guarded(() => tx.objectStore('daily').put(countInto(counts ?? emptyDaily(day), ev))),
      guarded(() => tx.objectStore('meta').put(reported, REPORTED_KEY)),
    ]);
    await tx.done;
    return { id, conversation, level, logged: true };
  } catch (e) {
    abortQuietly(tx);
    throw e;
  }
}

/** The stored map of reported conversations, or an empty one when absent or damaged. */
export function asReportedMap(x: unknown): ReportedMap {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return {};
  return Object.fromEntries(Object.entries(x).filter(([, v]) => typeof v === 'number')) as ReportedMap;
}
