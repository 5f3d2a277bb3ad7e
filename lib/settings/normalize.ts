// Every settings value that comes from storage, a policy or a form passes through here: each
// field is checked on its own, so one bad field falls back to its default and the others are kept.
// The leaf modules, not the detector's index: settings are read in every context and must not
// pull the lexicons in with them.
import { isCategoryId, type CategoryId } from '../detect/categories';
import {
  AGE_BANDS,
  DEFAULT_SETTINGS,
  NUDGE_LEVELS,
  PRIVACY_MODES,
  RETENTION_MAX_DAYS,
  RETENTION_MIN_DAYS,
  detailedAllowed,
  type Settings,
} from './model';
import { sitePattern } from './sites';

const MAX_NAME = 100;
const MAX_CONTACT = 200;
const MAX_HOTLINE = 100;
const MAX_SITES = 50;

type Fields = Record<string, unknown>;

function oneOf<T>(list: readonly T[], x: unknown, fallback: T): T {
  return list.includes(x as T) ? (x as T) : fallback;
}

function text(x: unknown, max: number): string {
  return typeof x === 'string' ? x.trim().slice(0, max) : '';
}

export function normalizeLanguage(x: unknown): Settings['language'] | null {
  return x === 'auto' || x === 'en' || x === 'km' ? x : null;
}

export function normalizeRegion(x: unknown): string | null {
  if (typeof x !== 'string') return null;
  const v = x.trim();
  if (v.toLowerCase() === 'auto') return 'auto';
  return /^[a-z]{2}$/i.test(v) ? v.toUpperCase() : null;
}

export function normalizeHotline(x: unknown): string | null {
  const v = text(x, MAX_HOTLINE);
  return v === '' ? null : v;
}

export function normalizeRetention(x: unknown): number | null {
  const n = typeof x === 'string' && x.trim() !== '' ? Number(x) : x;
  if (typeof n !== 'number' || !Number.isFinite(n)) return null;
  return Math.min(RETENTION_MAX_DAYS, Math.max(RETENTION_MIN_DAYS, Math.round(n)));
}

export function normalizeCategories(x: unknown): CategoryId[] {
  return Array.isArray(x) ? [...new Set(x.filter(isCategoryId))] : [];
}

export function normalizeSites(x: unknown): string[] {
  if (!Array.isArray(x)) return [];
  const out = new Set<string>();
  for (const s of x) {
    const p = typeof s === 'string' ? sitePattern(s) : null;
    if (p) out.add(p);
  }
  return [...out].slice(0, MAX_SITES);
}

export function normalizeTrustedAdult(x: unknown): Settings['trustedAdult'] {
  const o = (typeof x === 'object' && x !== null ? x : {}) as Fields;
  return { name: text(o.name, MAX_NAME), contact: text(o.contact, MAX_CONTACT) };
}

/** A complete, valid Settings from anything. Idempotent: normalizing twice changes nothing. */
export function normalizeSettings(raw: unknown): Settings {
  const o = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Fields;
  const d = DEFAULT_SETTINGS;
  const ageBand = oneOf(AGE_BANDS, o.ageBand, d.ageBand);
  const privacyMode = oneOf(PRIVACY_MODES, o.privacyMode, d.privacyMode);
  return {
    language: normalizeLanguage(o.language) ?? d.language,
    region: normalizeRegion(o.region) ?? d.region,
    hotline: normalizeHotline(o.hotline),
    ageBand,
    privacyMode: detailedAllowed(ageBand) ? privacyMode : 'categories',
    nudgeFrom: oneOf(NUDGE_LEVELS, o.nudgeFrom, d.nudgeFrom),
    quietCategories: normalizeCategories(o.quietCategories),
    retentionDays: normalizeRetention(o.retentionDays) ?? d.retentionDays,
    weeklyNotification: typeof o.weeklyNotification === 'boolean' ? o.weeklyNotification : d.weeklyNotification,
    trustedAdult: normalizeTrustedAdult(o.trustedAdult),
    setupDone: o.setupDone === true,
    extraSites: normalizeSites(o.extraSites),
  };
}
