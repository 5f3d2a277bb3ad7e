// The shape of the parent's settings and their defaults (kept apart from the storage item so
// the pure helpers and the migrations can use them without touching storage).
import type { CategoryId, Level } from '../detect';
import type { Lang } from '../i18n';

export type AgeBand = 'under13' | '13-17';
export type PrivacyMode = 'categories' | 'detailed';
export const AGE_BANDS: readonly AgeBand[] = ['under13', '13-17'];
export const PRIVACY_MODES: readonly PrivacyMode[] = ['categories', 'detailed'];
export const NUDGE_LEVELS = ['warn', 'alert'] as const;
export const RETENTION_MIN_DAYS = 1;
export const RETENTION_MAX_DAYS = 365;

export interface Settings {
  /** 'auto' follows the browser's language. */
  language: Lang | 'auto';
  /** ISO country code of the hotline region, or 'auto' (from the time zone and language). */
  region: string | 'auto';
  /** A hotline id from the directory, or null for the region's default. */
  hotline: string | null;
  ageBand: AgeBand;
  /** Always 'categories' for 13–17: a teenager's messages are never shown to the parent. */
  privacyMode: PrivacyMode;
  /** The lowest conversation level at which the child sees a nudge. */
  nudgeFrom: Exclude<Level, 'none' | 'watch'>;
  /** Categories that never nudge (they are still logged). */
  quietCategories: CategoryId[];
  retentionDays: number;
  weeklyNotification: boolean;
  trustedAdult: { name: string; contact: string };
  setupDone: boolean;
  /**
   * v2: extra sites (match patterns such as "https://chat.example.org/*") where the generic
   * fallback reads chats; each one needs an optional host permission granted by the parent.
   */
  extraSites: string[];
}

export type SettingKey = Exclude<keyof Settings, 'setupDone'>;

export const DEFAULT_SETTINGS: Settings = {
  language: 'auto',
  region: 'auto',
  hotline: null,
  ageBand: '13-17',
  privacyMode: 'categories',
  nudgeFrom: 'warn',
  quietCategories: [],
  retentionDays: 30,
  weeklyNotification: false,
  trustedAdult: { name: '', contact: '' },
  setupDone: false,
  extraSites: [],
};

/** The settings that a policy may fix ("lockedSettings"). */
export const LOCKABLE_SETTINGS: readonly SettingKey[] = [
  'language',
  'region',
  'hotline',
  'ageBand',
  'privacyMode',
  'nudgeFrom',
  'quietCategories',
  'retentionDays',
  'weeklyNotification',
  'trustedAdult',
  'extraSites',
];

/**
 * What changes with the child's age band when the parent picks it at set-up. Younger children get
 * a weekly reminder and a longer history; teenagers get more privacy (categories only, shorter
 * history) but the same protection.
 */
export const AGE_BAND_DEFAULTS: Record<AgeBand, Pick<Settings, 'privacyMode' | 'retentionDays' | 'weeklyNotification' | 'nudgeFrom'>> = {
  under13: { privacyMode: 'categories', retentionDays: 30, weeklyNotification: true, nudgeFrom: 'warn' },
  '13-17': { privacyMode: 'categories', retentionDays: 14, weeklyNotification: false, nudgeFrom: 'warn' },
};

export function withAgeBand(s: Settings, ageBand: AgeBand): Settings {
  return { ...s, ageBand, ...AGE_BAND_DEFAULTS[ageBand] };
}

/** Detailed mode (message excerpts) is only possible for children under 13. */
export function detailedAllowed(ageBand: AgeBand): boolean {
  return ageBand === 'under13';
}
