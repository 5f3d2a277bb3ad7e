// The hotline directory: data in hotlines.json (maintained by people who check hotlines, not
// programmers), checked here at run time so that a typo, a fact without a source or a broken
// link or number fails the unit test instead of reaching a child.
import raw from './hotlines.json';

export const HOTLINE_KINDS = [
  'csam',
  'grooming',
  'sextortion',
  'child_abuse',
  'trafficking',
  'helpline',
  'emergency',
  'directory',
  'image_removal_minor',
  'image_removal_adult',
] as const;
export type HotlineKind = (typeof HOTLINE_KINDS)[number];

export const CHANNELS = ['call', 'sms', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The fields of a hotline that are facts read from a public page, each needing its source. */
export const FACT_FIELDS = ['name', 'org', 'countries', 'kinds', 'reportUrl', 'languages'] as const;
export type FactField = (typeof FACT_FIELDS)[number];

export interface Phone {
  /** As the service writes it: digits, spaces and hyphens, optionally a leading +. */
  number: string;
  channels: Channel[];
  free?: boolean;
  hours24?: boolean;
  /** What this number is, when a service has several (English, for maintainers). */
  label?: string;
  sources: string[];
}

export interface Hotline {
  id: string;
  name: string;
  org?: string;
  /** ISO 3166-1 alpha-2 codes; '*' means people anywhere may use it. */
  countries: string[];
  kinds: HotlineKind[];
  /** The official form or page; https only. */
  reportUrl?: string;
  /** The first number that can take calls is the service's main number. */
  phones: Phone[];
  languages?: string[];
  sources: Partial<Record<FactField, string[]>>;
  /** What the research could not confirm, and why. For maintainers; never shown as fact. */
  unverified?: Partial<Record<FactField | 'phones', string>>;
  note?: string;
}

export interface RegionRoles {
  /** The service whose form "Report this" opens. */
  report: string;
  /** The service a child can call or text for help. */
  helpline?: string;
  /** The number for a child in immediate danger. */
  emergency?: string;
}

export interface Directory {
  hotlines: Hotline[];
  /** Keyed by ISO country code, plus '*' for everywhere else. */
  regions: Record<string, RegionRoles>;
  global: { imageRemoval: string; directory: string };
}

export type Validation = { ok: true; value: Directory } | { ok: false; errors: string[] };

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const COUNTRY = /^(?:[A-Z]{2}|\*)$/;
const LANGUAGE = /^[a-z]{2,3}$/;
// Characters RFC 3986 allows in a URL; anything else (spaces, <>, quotes) means a broken copy-paste.
const URL_SHAPE = /^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:[/?#][A-Za-z0-9\-._~%!$&'()*+,;=:@/?#]*)?$/;
const PHONE = /^\+?\d[\d -]*\d$/;

export function isHttpUrl(s: unknown, httpsOnly = false): s is string {
  if (typeof s !== 'string' || !URL_SHAPE.test(s)) return false;
  try {
    const u = new URL(s);
    if (httpsOnly ? u.protocol !== 'https:' : u.protocol !== 'https:' && u.protocol !== 'http:') return false;
    return u.hostname.includes('.') && !u.username && !u.password;
  } catch {
    return false;
  }
}

export function isPhoneNumber(s: unknown): s is string {
  if (typeof s !== 'string' || !PHONE.test(s) || /[ -]{2}/.test(s)) return false;
  const digits = s.replace(/\D/g, '').length;
  return digits >= 3 && digits <= 15;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Collects every problem rather than stopping at the first, so one test run lists them all. */
class Checker {
  readonly errors: string[] = [];

  fail(path: string, message: string): void {
    this.errors.push(`${path}: ${message}`);
  }

  keys(o: Record<string, unknown>, allowed: readonly string[], path: string): void {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.fail(path, `unknown field "${k}"`);
  }

  text(o: Record<string, unknown>, field: string, path: string, required: boolean): void {
    const v = o[field];
    if (v === undefined && !required) return;
    if (typeof v !== 'string' || v.trim() === '') this.fail(`${path}.${field}`, 'must be a non-empty string');
  }

  list(
    o: Record<string, unknown>,
    field: string,
    path: string,
    ok: (x: unknown) => boolean,
    what: string,
    required: boolean,
  ): void {
    const v = o[field];
    if (v === undefined && !required) return;
    if (!Array.isArray(v) || v.length === 0) return this.fail(`${path}.${field}`, 'must be a non-empty list');
    v.forEach((x, i) => {
      if (!ok(x)) this.fail(`${path}.${field}[${i}]`, `${JSON.stringify(x)} is not ${what}`);
    });
    if (new Set(v).size !== v.length) this.fail(`${path}.${field}`, 'has duplicates');
  }

  sources(v: unknown, path: string): void {
    if (!Array.isArray(v) || v.length === 0) return this.fail(path, 'must be a non-empty list of source URLs');
    v.forEach((u, i) => {
      if (!isHttpUrl(u)) this.fail(`${path}[${i}]`, `${JSON.stringify(u)} is not an http(s) URL`);
    });
  }
}

const oneOf = (values: readonly string[]) => (x: unknown) => typeof x === 'string' && values.includes(x);
const matches = (re: RegExp) => (x: unknown) => typeof x === 'string' && re.test(x);

function checkPhone(c: Checker, x: unknown, path: string): void {
  if (!isRecord(x)) return c.fail(path, 'must be an object');
  c.keys(x, ['number', 'channels', 'free', 'hours24', 'label', 'sources'], path);
  if (!isPhoneNumber(x.number)) c.fail(`${path}.number`, `${JSON.stringify(x.number)} is not a phone number`);
  c.list(x, 'channels', path, oneOf(CHANNELS), 'a known channel', true);
  for (const f of ['free', 'hours24'] as const) {
    if (x[f] !== undefined && typeof x[f] !== 'boolean') c.fail(`${path}.${f}`, 'must be true or false');
  }
  c.text(x, 'label', path, false);
  c.sources(x.sources, `${path}.sources`);
}

function checkHotline(c: Checker, x: unknown, path: string): Hotline | undefined {
  if (!isRecord(x)) {
    c.fail(path, 'must be an object');
    return undefined;
  }
  const id = typeof x.id === 'string' ? x.id : '?';
  path = `${path} (${id})`;
  c.keys(x, ['id', 'name', 'org', 'countries', 'kinds', 'reportUrl', 'phones', 'languages', 'sources', 'unverified', 'note'], path);
  if (!ID.test(id)) c.fail(`${path}.id`, 'must be lower-case words joined by hyphens');
  c.text(x, 'name', path, true);
  c.text(x, 'org', path, false);
  c.list(x, 'countries', path, matches(COUNTRY), 'an ISO country code or "*"', true);
  c.list(x, 'kinds', path, oneOf(HOTLINE_KINDS), 'a known kind', true);
  c.list(x, 'languages', path, matches(LANGUAGE), 'a language code', false);
  c.text(x, 'note', path, false);
  if (x.reportUrl !== undefined && !isHttpUrl(x.reportUrl, true)) {
    c.fail(`${path}.reportUrl`, `${JSON.stringify(x.reportUrl)} is not an https URL`);
  }

  const phones = x.phones ?? [];
  if (!Array.isArray(phones)) c.fail(`${path}.phones`, 'must be a list');
  else phones.forEach((p, i) => checkPhone(c, p, `${path}.phones[${i}]`));
  if (x.reportUrl === undefined && (!Array.isArray(phones) || phones.length === 0)) {
    c.fail(path, 'has no way to reach it (no reportUrl and no phones)');
  }

  // Every fact present needs at least one source; a source for an absent fact is a leftover.
  if (!isRecord(x.sources)) c.fail(`${path}.sources`, 'must be an object');
  else {
    c.keys(x.sources, FACT_FIELDS, `${path}.sources`);
    for (const f of FACT_FIELDS) {
      const has = x[f] !== undefined;
      if (has && x.sources[f] === undefined) c.fail(`${path}.sources.${f}`, 'is missing: every fact needs a source');
      else if (has) c.sources(x.sources[f], `${path}.sources.${f}`);
      else if (x.sources[f] !== undefined) c.fail(`${path}.sources.${f}`, `is a source for an absent ${f}`);
    }
  }
  if (x.unverified !== undefined) {
    if (!isRecord(x.unverified)) c.fail(`${path}.unverified`, 'must be an object');
    else {
      c.keys(x.unverified, [...FACT_FIELDS, 'phones'], `${path}.unverified`);
      for (const k of Object.keys(x.unverified)) c.text(x.unverified, k, `${path}.unverified`, true);
    }
  }
  return { ...(x as unknown as Hotline), phones: Array.isArray(phones) ? (phones as Phone[]) : [] };
}

const serves = (h: Hotline, region: string) => h.countries.includes(region) || h.countries.includes('*');
const canCall = (h: Hotline) => h.phones.some((p) => p.channels.includes('call'));
const canReach = (h: Hotline) => h.phones.some((p) => p.channels.includes('call') || p.channels.includes('sms'));

/** Checks untyped directory data. Never throws; lists every problem with its path. */
export function validateDirectory(x: unknown): Validation {
  const c = new Checker();
  if (!isRecord(x)) return { ok: false, errors: ['directory: must be an object'] };
  c.keys(x, ['$comment', 'researched', 'global', 'regions', 'hotlines'], 'directory');

  const hotlines: Hotline[] = [];
  if (!Array.isArray(x.hotlines) || x.hotlines.length === 0) c.fail('hotlines', 'must be a non-empty list');
  else {
    x.hotlines.forEach((h, i) => {
      const got = checkHotline(c, h, `hotlines[${i}]`);
      if (got) hotlines.push(got);
    });
  }
  const byId = new Map<string, Hotline>();
  for (const h of hotlines) {
    if (byId.has(h.id)) c.fail(`hotlines (${h.id})`, 'the id is used twice');
    byId.set(h.id, h);
  }

  // A role must point at a service that exists, serves that region and can do the job.
  const role = (id: unknown, path: string, region: string, can: (h: Hotline) => boolean, what: string) => {
    const h = typeof id === 'string' ? byId.get(id) : undefined;
    if (!h) return c.fail(path, `${JSON.stringify(id)} is not a hotline id`);
    if (!serves(h, region)) c.fail(path, `${h.id} does not serve ${region}`);
    if (!can(h)) c.fail(path, `${h.id} ${what}`);
  };

  if (!isRecord(x.regions) || Object.keys(x.regions).length === 0) c.fail('regions', 'must be a non-empty object');
  else {
    if (!('*' in x.regions)) c.fail('regions', 'needs "*", the fallback for everywhere else');
    for (const [code, r] of Object.entries(x.regions)) {
      const path = `regions.${code}`;
      if (!COUNTRY.test(code)) c.fail(path, 'is not an ISO country code or "*"');
      if (!isRecord(r)) {
        c.fail(path, 'must be an object');
        continue;
      }
      c.keys(r, ['report', 'helpline', 'emergency'], path);
      role(r.report, `${path}.report`, code, (h) => h.reportUrl !== undefined, 'has no reportUrl');
      if (r.helpline !== undefined) role(r.helpline, `${path}.helpline`, code, canReach, 'has no number to call or text');
      if (r.emergency !== undefined) role(r.emergency, `${path}.emergency`, code, canCall, 'has no number to call');
    }
  }

  if (!isRecord(x.global)) c.fail('global', 'must be an object');
  else {
    c.keys(x.global, ['imageRemoval', 'directory'], 'global');
    role(x.global.imageRemoval, 'global.imageRemoval', '*', (h) => h.kinds.includes('image_removal_minor') && !!h.reportUrl, 'is not an image removal service with a URL');
    role(x.global.directory, 'global.directory', '*', (h) => h.kinds.includes('directory') && !!h.reportUrl, 'is not a directory with a URL');
  }

  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  return {
    ok: true,
    value: { hotlines, regions: x.regions as Record<string, RegionRoles>, global: x.global as Directory['global'] },
  };
}

function load(data: unknown): Directory {
  const v = validateDirectory(data);
  // Unreachable in a shipped build: tests/unit/report/hotlines.test.ts fails on the same errors.
  if (!v.ok) throw new Error(`hotlines.json is invalid:\n${v.errors.join('\n')}`);
  return v.value;
}

export const DIRECTORY: Directory = load(raw);

export function hotlineById(id: string, dir: Directory = DIRECTORY): Hotline | undefined {
  return dir.hotlines.find((h) => h.id === id);
}
