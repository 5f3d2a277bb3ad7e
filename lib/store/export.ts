// Evidence export: the whole log or one conversation, as JSON with a hash chain (for a hotline
// or the police) or as CSV (for the parent). Only text, names, times and URLs: the store never
// holds images, and this builds the file from the stored events alone.
import { toCsv } from './csv';
import type { DB, EventRecord } from './db';
import { eventsInOrder, wellFormed } from './events';
import {
  CHAIN_ALGORITHM,
  CHAIN_METHOD,
  EVIDENCE_FORMAT,
  EVIDENCE_FORMAT_VERSION,
  chainEvidence,
  type ExportedEvent,
} from './hash-chain';
import type { ExportFile } from './types';

export interface ExportOptions {
  format: 'json' | 'csv';
  /** A conversation key, or null for the whole log. */
  conversation: string | null;
  now: number;
  version: string;
  timeZone?: string;
}

export function toExportedEvent(ev: EventRecord): ExportedEvent {
  const out: ExportedEvent = {
    id: wellFormed(ev.id),
    time: new Date(ev.ts).toISOString(),
    ts: ev.ts,
    site: wellFormed(ev.site),
    conversation: wellFormed(ev.conversation),
    thread: wellFormed(ev.thread),
    party: wellFormed(ev.party),
    dir: ev.dir,
    kind: ev.kind,
    categories: [...ev.categories],
    level: ev.level,
    excerpt: wellFormed(ev.excerpt),
    url: wellFormed(ev.url),
  };
  if (ev.hotline !== undefined) out.hotline = wellFormed(ev.hotline);
  return out;
}

function pad(n: number, w = 2): string {
  return String(Math.abs(n)).padStart(w, '0');
}

/** Local time with its UTC offset, e.g. 2025-03-04T19:05:00+07:00, so a reader knows the child's clock. */
export function localIso(ts: number): string {
  const d = new Date(ts);
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return (
    `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`
  );
}

function stamp(ts: number): string {
  return localIso(ts).slice(0, 16).replace('T', '-').replace(':', '');
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'chat';
}

export function exportFilename(format: 'json' | 'csv', conversation: string | null, site: string, now: number): string {
  // The file name shows in the downloads list: a site name, never the other party's name.
  const what = conversation === null ? 'chaperone-log' : `chaperone-conversation-${slug(site)}`;
  return `${what}-${stamp(now)}.${format}`;
}

export const CSV_COLUMNS = [
  'time_utc',
  'time_local',
  'site',
  'party',
  'thread',
  'direction',
  'kind',
  'level',
  'categories',
  'excerpt',
  'url',
  'hotline',
  'conversation',
  'event_id',
] as const;

export function eventsToCsv(events: readonly ExportedEvent[]): string {
  return toCsv(
    CSV_COLUMNS,
    events.map((e) => [
      e.time,
      localIso(e.ts),
      e.site,
      e.party,
      e.thread,
      e.dir,
      e.kind,
      e.level,
      e.categories.join(' '),
      e.excerpt,
      e.url,
      e.hotline ?? '',
      e.conversation,
      e.id,
    ]),
  );
}

/** The export file, or null when one conversation was asked for and it has no events. */
export async function buildExport(db: DB, opts: ExportOptions): Promise<ExportFile | null> {
  const records = await eventsInOrder(db, opts.conversation);
  if (opts.conversation !== null && records.length === 0) return null;
  const events = records.map(toExportedEvent);
  const filename = exportFilename(opts.format, opts.conversation, records[0]?.site ?? '', opts.now);
  if (opts.format === 'csv') return { filename, mime: 'text/csv', text: eventsToCsv(events) };
  const doc = await chainEvidence(
    {
      format: EVIDENCE_FORMAT,
      formatVersion: EVIDENCE_FORMAT_VERSION,
      exportedAt: new Date(opts.now).toISOString(),
      exportedAtMs: opts.now,
      timeZone: opts.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
      extension: { name: 'Chaperone', version: opts.version },
      scope: { conversation: opts.conversation },
      chain: { algorithm: CHAIN_ALGORITHM, method: CHAIN_METHOD },
    },
    events,
  );
  return { filename, mime: 'application/json', text: `${JSON.stringify(doc, null, 2)}\n` };
}
