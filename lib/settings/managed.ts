// A school's or NGO's browser policy (storage.managed, see public/managed_schema.json and
// docs/deploying.md). Policy values pre-fill the first-run set-up; the settings named in
// `lockedSettings` are forced and shown disabled.
import { PIN_ITERATIONS, parsePinRecord, type PinRecord } from '../pin/pinHash';
import {
  AGE_BANDS,
  LOCKABLE_SETTINGS,
  NUDGE_LEVELS,
  PRIVACY_MODES,
  type SettingKey,
  type Settings,
} from './model';
import {
  normalizeCategories,
  normalizeHotline,
  normalizeLanguage,
  normalizeRegion,
  normalizeRetention,
  normalizeSettings,
} from './normalize';

export interface ManagedPolicy {
  /** Site access is granted by the parent in the browser, so a policy cannot add sites (only lock them). */
  values: Partial<Omit<Settings, 'setupDone' | 'extraSites'>>;
  locked: SettingKey[];
  pinRecord: PinRecord | null;
  initialPin: string | null;
  skipFirstRun: boolean;
  /** Policy entries that were ignored, for the deploying admin's debugging. */
  problems: string[];
}

export const NO_POLICY: ManagedPolicy = {
  values: {},
  locked: [],
  pinRecord: null,
  initialPin: null,
  skipFirstRun: false,
  problems: [],
};

export interface ManagedArea {
  get(keys?: null): Promise<Record<string, unknown>>;
}

/** Checks every policy entry on its own; a bad entry is skipped and named in `problems`. */
export function parsePolicy(raw: unknown): ManagedPolicy {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return NO_POLICY;
  const p = raw as Record<string, unknown>;
  const problems: string[] = [];
  const values: ManagedPolicy['values'] = {};
  const take = <K extends keyof ManagedPolicy['values']>(key: K, v: ManagedPolicy['values'][K] | null) => {
    if (!(key in p)) return;
    if (v === null || v === undefined) problems.push(key);
    else values[key] = v;
  };
  const oneOf = <T>(list: readonly T[], x: unknown): T | null => (list.includes(x as T) ? (x as T) : null);

  take('language', normalizeLanguage(p.language));
  take('region', normalizeRegion(p.region));
  take('hotline', normalizeHotline(p.hotline));
  take('ageBand', oneOf(AGE_BANDS, p.ageBand));
  take('privacyMode', oneOf(PRIVACY_MODES, p.privacyMode));
  take('nudgeFrom', oneOf(NUDGE_LEVELS, p.nudgeFrom));
  take('quietCategories', Array.isArray(p.quietCategories) ? normalizeCategories(p.quietCategories) : null);
  take('retentionDays', normalizeRetention(p.retentionDays));
  take('weeklyNotification', typeof p.weeklyNotification === 'boolean' ? p.weeklyNotification : null);
  if ('trustedAdultName' in p || 'trustedAdultContact' in p) {
    const name = typeof p.trustedAdultName === 'string' ? p.trustedAdultName.trim().slice(0, 100) : '';
    const contact = typeof p.trustedAdultContact === 'string' ? p.trustedAdultContact.trim().slice(0, 200) : '';
    values.trustedAdult = { name, contact };
  }

  const locked: SettingKey[] = [];
  if ('lockedSettings' in p) {
    if (!Array.isArray(p.lockedSettings)) problems.push('lockedSettings');
    else
      for (const k of p.lockedSettings) {
        if (LOCKABLE_SETTINGS.includes(k as SettingKey)) {
          if (!locked.includes(k as SettingKey)) locked.push(k as SettingKey);
        } else problems.push(`lockedSettings:${String(k)}`);
      }
  }

  let pinRecord: PinRecord | null = null;
  if ('pinHash' in p) {
    pinRecord = parsePinRecord(p.pinHash);
    // A policy PIN is the one secret for many devices: it must meet the shipped work factor.
    if (pinRecord && pinRecord.iterations < PIN_ITERATIONS) pinRecord = null;
    if (!pinRecord) problems.push('pinHash');
  }
  let initialPin: string | null = null;
  if ('initialPin' in p) {
    if (typeof p.initialPin === 'string' && p.initialPin.length >= 4) initialPin = p.initialPin;
    else problems.push('initialPin');
  }
  const skipFirstRun = p.skipFirstRun === true;
  return { values, locked, pinRecord, initialPin, skipFirstRun, problems };
}

/**
 * Reads the policy. Where none exists the browser throws (Firefox without a policy, Chrome without
 * a schema) or answers {}: both mean "no policy", never an error for the family.
 */
export async function readManagedPolicy(area: ManagedArea | undefined): Promise<ManagedPolicy> {
  if (!area) return NO_POLICY;
  try {
    return parsePolicy(await area.get(null));
  } catch {
    return NO_POLICY;
  }
}

export interface EffectiveSettings {
  settings: Settings;
  locked: SettingKey[];
}

/**
 * The settings everything else uses: the family's choices, with locked settings forced from the
 * policy, and (until set-up is done) the policy's other values as starting points.
 */
export function applyPolicy(stored: Settings, policy: ManagedPolicy): EffectiveSettings {
  const out: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(policy.values)) {
    if (!stored.setupDone || policy.locked.includes(key as SettingKey)) out[key] = value;
  }
  if (policy.skipFirstRun) out.setupDone = true;
  // Normalize last, so the age rule (no excerpts for 13–17) holds whatever the policy says.
  return { settings: normalizeSettings(out), locked: [...policy.locked] };
}
