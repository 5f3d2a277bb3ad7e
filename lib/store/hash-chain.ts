// The evidence file's hash chain, and its verification. Pure: no database, no browser API but
// WebCrypto, so the same code runs in the worker, in the dashboard and in `scripts/verify-export.ts`.
//
// The chain (documented for people without Chaperone in docs/evidence-export.md):
//   canonical(x) = JSON with object keys sorted, no spaces, every character outside
//                  printable ASCII written as \uXXXX (lower-case hex), i.e. Python's
//                  json.dumps(x, sort_keys=True, separators=(',', ':'), ensure_ascii=True)
//   h0          = SHA-256(canonical(header without finalHash))
//   h(i)        = SHA-256(h(i-1) as lower-case hex + canonical(event i)), UTF-8
//   finalHash   = h(n) (h0 when there are no events); events[i].hash = h(i)
// Because each hash covers the one before, changing, removing, adding or reordering any event
// changes every hash after it and the final one.

export const EVIDENCE_FORMAT = 'chaperone-evidence';
export const EVIDENCE_FORMAT_VERSION = 1;
export const CHAIN_ALGORITHM = 'SHA-256';

export interface ExportedEvent {
  id: string;
  /** ISO 8601, UTC; `ts` is the same instant in ms since 1970. */
  time: string;
  ts: number;
  site: string;
  conversation: string;
  thread: string;
  party: string;
  dir: 'in' | 'out';
  kind: string;
  categories: string[];
  level: string;
  excerpt: string;
  url: string;
  hotline?: string;
}

export interface EvidenceHeader {
  format: typeof EVIDENCE_FORMAT;
  formatVersion: typeof EVIDENCE_FORMAT_VERSION;
  exportedAt: string;
  exportedAtMs: number;
  timeZone: string;
  extension: { name: string; version: string };
  /** `conversation` is null for the whole log. */
  scope: { conversation: string | null };
  eventCount: number;
  chain: { algorithm: typeof CHAIN_ALGORITHM; method: string };
  finalHash: string;
}

export interface EvidenceEntry {
  hash: string;
  event: ExportedEvent;
}

export interface EvidenceDoc {
  header: EvidenceHeader;
  events: EvidenceEntry[];
}

export const CHAIN_METHOD =
  'h0 = SHA-256(canonical(header without finalHash)); h(i) = SHA-256(h(i-1) hex + canonical(event i)); ' +
  'canonical = JSON, keys sorted, no spaces, non-ASCII as \\uXXXX; finalHash = last h';

function asciiJsonString(s: string): string {
  // JSON.stringify already writes lone surrogates as \udXXX; the rest of non-ASCII is escaped
  // one UTF-16 unit at a time, as Python's ensure_ascii does.
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A canonical JSON text: the same value always gives the same bytes, in any language. */
export function canonicalJson(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(v)) throw new Error(`canonical JSON takes integers only, got ${v}`);
      return String(v);
    case 'string':
      return asciiJsonString(v);
    case 'object': {
      if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x === undefined ? null : x)).join(',')}]`;
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${asciiJsonString(k)}:${canonicalJson(o[k])}`).join(',')}}`;
    }
    default:
      throw new Error(`canonical JSON cannot hold ${typeof v}`);
  }
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function headerCore(h: EvidenceHeader): Omit<EvidenceHeader, 'finalHash'> {
  const { finalHash: _omit, ...core } = h;
  return core;
}

/** Builds the document: hashes every event in order and puts the last hash in the header. */
export async function chainEvidence(header: Omit<EvidenceHeader, 'finalHash' | 'eventCount'>, events: readonly ExportedEvent[]): Promise<EvidenceDoc> {
  const core = { ...header, eventCount: events.length };
  let prev = await sha256Hex(canonicalJson(core));
  const entries: EvidenceEntry[] = [];
  for (const event of events) {
    prev = await sha256Hex(prev + canonicalJson(event));
    entries.push({ hash: prev, event });
  }
  return { header: { ...core, finalHash: prev }, events: entries };
}

export type VerifyResult =
  | { ok: true; events: number; finalHash: string; exportedAt: string }
  | { ok: false; error: string; index?: number };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Recomputes the chain of an evidence file (its text, or the parsed object). Never throws. */
export async function verifyExport(input: string | unknown): Promise<VerifyResult> {
  let doc: unknown = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch (e) {
      return { ok: false, error: `not a JSON file: ${(e as Error).message}` };
    }
  }
  if (!isRecord(doc) || !isRecord(doc.header) || !Array.isArray(doc.events)) {
    return { ok: false, error: 'not a Chaperone evidence file (no header or events)' };
  }
  const header = doc.header;
  if (header.format !== EVIDENCE_FORMAT) return { ok: false, error: `unknown format ${JSON.stringify(header.format)}` };
  if (header.formatVersion !== EVIDENCE_FORMAT_VERSION) {
    return { ok: false, error: `unsupported format version ${JSON.stringify(header.formatVersion)}` };
  }
  if (!isRecord(header.chain) || header.chain.algorithm !== CHAIN_ALGORITHM) {
    return { ok: false, error: 'unknown hash chain algorithm' };
  }
  if (typeof header.finalHash !== 'string') return { ok: false, error: 'the header has no final hash' };
  try {
    const { finalHash, ...core } = header;
    let prev = await sha256Hex(canonicalJson(core));
    for (const [i, entry] of doc.events.entries()) {
      if (!isRecord(entry) || !isRecord(entry.event)) return { ok: false, error: `entry ${i} has no event`, index: i };
      prev = await sha256Hex(prev + canonicalJson(entry.event));
      if (entry.hash !== prev) {
        const id = typeof entry.event.id === 'string' ? ` (${entry.event.id.slice(0, 120)})` : '';
        return {
          ok: false,
          index: i,
          error: `event ${i}${id} does not match the chain: it, or an event before it, was changed, moved, added or removed`,
        };
      }
    }
    if (header.eventCount !== doc.events.length) {
      return { ok: false, error: `the header says ${String(header.eventCount)} events but the file has ${doc.events.length}` };
    }
    if (prev !== finalHash) return { ok: false, error: 'the final hash does not match: events were removed or the header was changed' };
    return { ok: true, events: doc.events.length, finalHash: prev, exportedAt: String(header.exportedAt) };
  } catch (e) {
    return { ok: false, error: `cannot check this file: ${(e as Error).message}` };
  }
}
