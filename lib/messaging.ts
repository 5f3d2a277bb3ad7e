// The one protocol between the content script, the background worker and the extension pages.
// Every request is checked at run time by `parseRequest` before the background acts on it:
// a hostile page can make the content script's world send odd data, and other extensions
// can message us too, so nothing is trusted for its static type alone.
import { isCategoryId, type CategoryId, type Level } from './detect';

export const PROTOCOL_VERSION = 1;

/** Limits on what one message may carry, so a flood of huge payloads cannot fill the store. */
export const LIMITS = {
  site: 253,
  thread: 512,
  party: 200,
  key: 512,
  excerpt: 320,
  url: 2048,
  categories: 13,
  listLimit: 500,
} as const;

export type Dir = 'in' | 'out';

/** What the content script sends for one message that carries at least one category. */
export interface Signal {
  site: string;
  thread: string;
  party: string;
  key: string;
  dir: Dir;
  categories: CategoryId[];
  excerpt: string;
  ts: number;
  url: string;
}

export type Request =
  | { type: 'signal'; v: typeof PROTOCOL_VERSION; signal: Signal }
  | { type: 'conversation-level'; v: typeof PROTOCOL_VERSION; site: string; thread: string; party: string }
  | { type: 'tab-status'; v: typeof PROTOCOL_VERSION; tabId: number }
  | { type: 'recent-events'; v: typeof PROTOCOL_VERSION; limit: number }
  | { type: 'log-report'; v: typeof PROTOCOL_VERSION; report: ReportLog }
  | { type: 'summary'; v: typeof PROTOCOL_VERSION; now: number; detailed: boolean }
  | { type: 'export'; v: typeof PROTOCOL_VERSION; format: 'json' | 'csv'; conversation: string | null }
  | { type: 'delete-all'; v: typeof PROTOCOL_VERSION; confirm: 'delete-everything' }
  | { type: 'open-report'; v: typeof PROTOCOL_VERSION; conversation: string }
  | { type: 'help-info'; v: typeof PROTOCOL_VERSION }
  | { type: 'ping'; v: typeof PROTOCOL_VERSION }
  /** The size of the store (events, conversations, oldest/newest, bytes): data page and e2e tests. */
  | { type: 'stats'; v: typeof PROTOCOL_VERSION };

/** A report the user made from the popup, logged locally (the report text itself stays in the clipboard). */
export interface ReportLog {
  site: string;
  thread: string;
  party: string;
  url: string;
  hotline: string;
  ts: number;
}

export type RequestType = Request['type'];

export interface ErrorBody {
  code: 'bad-request' | 'forbidden' | 'rate-limited' | 'storage' | 'internal' | 'not-found';
  message: string;
}

export type Response<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export function ok<T>(data: T): Response<T> {
  return { ok: true, data };
}

export function fail(code: ErrorBody['code'], message: string): { ok: false; error: ErrorBody } {
  return { ok: false, error: { code, message } };
}

export interface SignalResult {
  conversation: string;
  level: Level;
  /** false when this exact message had been logged before (de-duplicated). */
  logged: boolean;
}

type Parsed = { ok: true; value: Request } | { ok: false; error: string };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function str(o: Record<string, unknown>, field: string, max: number, min = 0): string {
  const v = o[field];
  if (typeof v !== 'string') throw new Error(`${field} must be a string`);
  if (v.length < min) throw new Error(`${field} must not be empty`);
  if (v.length > max) throw new Error(`${field} is longer than ${max} characters`);
  return v;
}

function int(o: Record<string, unknown>, field: string, min: number, max: number): number {
  const v = o[field];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new Error(`${field} must be an integer from ${min} to ${max}`);
  }
  return v;
}

function parseSignal(x: unknown): Signal {
  if (!isRecord(x)) throw new Error('signal must be an object');
  const dir = x.dir;
  if (dir !== 'in' && dir !== 'out') throw new Error("dir must be 'in' or 'out'");
  const cats = x.categories;
  if (!Array.isArray(cats) || cats.length === 0 || cats.length > LIMITS.categories) {
    throw new Error(`categories must be a list of 1 to ${LIMITS.categories} ids`);
  }
  for (const c of cats) if (!isCategoryId(c)) throw new Error(`unknown category ${JSON.stringify(c).slice(0, 40)}`);
  const url = str(x, 'url', LIMITS.url);
  if (url !== '' && !/^https?:\/\//.test(url)) throw new Error('url must be http(s)');
  return {
    site: str(x, 'site', LIMITS.site, 1),
    thread: str(x, 'thread', LIMITS.thread, 1),
    party: str(x, 'party', LIMITS.party),
    key: str(x, 'key', LIMITS.key, 1),
    dir,
    categories: [...new Set(cats as CategoryId[])],
    excerpt: str(x, 'excerpt', LIMITS.excerpt),
    // Times from the page are only a hint; anything absurd is refused rather than stored.
    ts: int(x, 'ts', 0, 8.64e15),
    url,
  };
}

/** Checks an untyped message against the protocol. Never throws. */
export function parseRequest(x: unknown): Parsed {
  try {
    if (!isRecord(x)) throw new Error('message must be an object');
    if (x.v !== PROTOCOL_VERSION) throw new Error(`unsupported protocol version ${String(x.v)}`);
    switch (x.type) {
      case 'signal':
        return { ok: true, value: { type: 'signal', v: PROTOCOL_VERSION, signal: parseSignal(x.signal) } };
      case 'conversation-level':
        return {
          ok: true,
          value: {
            type: 'conversation-level',
            v: PROTOCOL_VERSION,
            site: str(x, 'site', LIMITS.site, 1),
            thread: str(x, 'thread', LIMITS.thread, 1),
            party: str(x, 'party', LIMITS.party),
          },
        };
      case 'tab-status':
        return { ok: true, value: { type: 'tab-status', v: PROTOCOL_VERSION, tabId: int(x, 'tabId', 0, 2 ** 31) } };
      case 'recent-events':
        return {
          ok: true,
          value: { type: 'recent-events', v: PROTOCOL_VERSION, limit: int(x, 'limit', 1, LIMITS.listLimit) },
        };
      case 'log-report': {
        const r = x.report;
        if (!isRecord(r)) throw new Error('report must be an object');
        const url = str(r, 'url', LIMITS.url);
        if (url !== '' && !/^https?:\/\//.test(url)) throw new Error('url must be http(s)');
        return {
          ok: true,
          value: {
            type: 'log-report',
            v: PROTOCOL_VERSION,
            report: {
              site: str(r, 'site', LIMITS.site),
              thread: str(r, 'thread', LIMITS.thread),
              party: str(r, 'party', LIMITS.party),
              url,
              hotline: str(r, 'hotline', 100, 1),
              ts: int(r, 'ts', 0, 8.64e15),
            },
          },
        };
      }
      case 'summary':
        if (typeof x.detailed !== 'boolean') throw new Error('detailed must be a boolean');
        return {
          ok: true,
          value: { type: 'summary', v: PROTOCOL_VERSION, now: int(x, 'now', 0, 8.64e15), detailed: x.detailed },
        };
      case 'export': {
        if (x.format !== 'json' && x.format !== 'csv') throw new Error("format must be 'json' or 'csv'");
        const conversation = x.conversation === null ? null : str(x, 'conversation', LIMITS.site + LIMITS.thread + LIMITS.party + 2, 1);
        return { ok: true, value: { type: 'export', v: PROTOCOL_VERSION, format: x.format, conversation } };
      }
      case 'delete-all':
        if (x.confirm !== 'delete-everything') throw new Error("confirm must be 'delete-everything'");
        return { ok: true, value: { type: 'delete-all', v: PROTOCOL_VERSION, confirm: 'delete-everything' } };
      case 'open-report':
        return {
          ok: true,
          value: {
            type: 'open-report',
            v: PROTOCOL_VERSION,
            conversation: str(x, 'conversation', LIMITS.site + LIMITS.thread + LIMITS.party + 2),
          },
        };
      case 'help-info':
        return { ok: true, value: { type: 'help-info', v: PROTOCOL_VERSION } };
      case 'ping':
        return { ok: true, value: { type: 'ping', v: PROTOCOL_VERSION } };
      case 'stats':
        return { ok: true, value: { type: 'stats', v: PROTOCOL_VERSION } };
      default:
        throw new Error(`unknown message type ${JSON.stringify(x.type)?.slice(0, 40)}`);
    }
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** Types that only the content script (in a real tab) may send, and those only extension pages may send. */
export const FROM_CONTENT: ReadonlySet<RequestType> = new Set(['signal', 'conversation-level', 'open-report', 'help-info', 'ping']);
export const FROM_PAGES: ReadonlySet<RequestType> = new Set([
  'tab-status',
  'recent-events',
  'log-report',
  'summary',
  'export',
  'delete-all',
  'ping',
  'stats',
]);

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

/**
 * Decides whether a sender may send a request type. `extensionId` and `extensionOrigin` are ours.
 * Content scripts run in a tab on a web page; extension pages have our own origin.
 */
export function senderAllowed(
  type: RequestType,
  sender: SenderInfo,
  extensionId: string,
  extensionOrigin: string,
): boolean {
  if (sender.id !== extensionId) return false;
  const fromOurPage = typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
  if (fromOurPage) return FROM_PAGES.has(type);
  const inTab = typeof sender.tab?.id === 'number' && sender.tab.id >= 0;
  return inTab && FROM_CONTENT.has(type);
}

export function conversationKey(site: string, thread: string, party: string): string {
  return `${site}|${thread}|${party}`;
}
