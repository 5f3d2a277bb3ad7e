// Versions of the stored settings. Each step takes whatever an older version stored and must be
// safe to run on a value that is already new (a half-finished update can run it twice).
import { normalizeSettings } from './normalize';
import type { Settings } from './model';

export const SETTINGS_VERSION = 2;

/**
 * v1 → v2: adds `extraSites` (sites for the generic fallback) and brings every field back into
 * range, keeping what the family chose. A 13–17 profile left in detailed mode by v1 becomes
 * categories, as v2 never shows a teenager's messages.
 */
export function migrateToV2(old: unknown): Settings {
  return normalizeSettings(old);
}

export const SETTINGS_MIGRATIONS: Record<number, (old: unknown) => Settings> = {
  2: migrateToV2,
};
