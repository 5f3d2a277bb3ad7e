// The parent's settings: one versioned storage item, so later versions migrate what a family
// already chose instead of resetting it. Readers get the effective settings: the stored ones
// checked field by field, with a school's or NGO's policy (storage.managed) laid over them.
import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, type Settings } from './model';
import { SETTINGS_MIGRATIONS, SETTINGS_VERSION } from './migrations';
import { normalizeSettings } from './normalize';
import { applyPolicy, readManagedPolicy, type EffectiveSettings, type ManagedArea, type ManagedPolicy } from './managed';
import { managedArea, onSettingsChange, SETTINGS_KEY } from './reader';

export * from './model';
export { normalizeSettings } from './normalize';
export { SETTINGS_VERSION, migrateToV2 } from './migrations';
export { applyPolicy, parsePolicy, readManagedPolicy, NO_POLICY } from './managed';
export type { EffectiveSettings, ManagedPolicy, ManagedArea } from './managed';
export { REGION_CODES } from './regions';
export { sitePattern, siteHost } from './sites';

export const settingsItem = storage.defineItem<Settings>(`local:${SETTINGS_KEY}`, {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: SETTINGS_MIGRATIONS,
});

export function getPolicy(area: ManagedArea | undefined = managedArea()): Promise<ManagedPolicy> {
  return readManagedPolicy(area);
}

/** The stored settings alone (no policy), always complete and valid. */
export async function getStoredSettings(): Promise<Settings> {
  return normalizeSettings(await settingsItem.getValue());
}

/** The settings with the policy applied, and which of them the policy locks. */
export async function getEffectiveSettings(area: ManagedArea | undefined = managedArea()): Promise<EffectiveSettings> {
  const [stored, policy] = await Promise.all([getStoredSettings(), getPolicy(area)]);
  return applyPolicy(stored, policy);
}

export async function getSettings(): Promise<Settings> {
  return (await getEffectiveSettings()).settings;
}

/**
 * The effective settings, or the family's own if the policy has not answered within `waitMs`:
 * for answers that must not wait (a signal from a chat page). storage.managed took 2.6 s to answer
 * its first read after the browser started on a test machine; later reads take a millisecond.
 */
export async function settingsWithin(waitMs = 300, area: ManagedArea | undefined = managedArea()): Promise<Settings> {
  const stored = getStoredSettings();
  const effective = Promise.all([stored, getPolicy(area)]).then(([s, p]) => applyPolicy(s, p).settings);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Settings>((resolve) => {
    timer = setTimeout(() => resolve(stored), waitMs);
  });
  try {
    return await Promise.race([effective, late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function saveSettings(next: Settings): Promise<Settings> {
  const clean = normalizeSettings(next);
  await settingsItem.setValue(clean);
  return clean;
}

/** Calls back with the effective settings whenever the family's settings or the policy change. */
export function watchEffectiveSettings(cb: (e: EffectiveSettings) => void): () => void {
  return onSettingsChange(cb, () => getEffectiveSettings());
}

export function watchSettings(cb: (s: Settings) => void): () => void {
  return watchEffectiveSettings((e) => cb(e.settings));
}
