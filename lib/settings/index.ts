// The parent's settings: one versioned storage item, so later versions migrate what a family
// already chose instead of resetting it. Readers get the effective settings: the stored ones
// checked field by field, with a school's or NGO's policy (storage.managed) laid over them.
import browser from 'webextension-polyfill';
import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, type Settings } from './model';
import { SETTINGS_MIGRATIONS, SETTINGS_VERSION } from './migrations';
import { normalizeSettings } from './normalize';
import { applyPolicy, readManagedPolicy, type EffectiveSettings, type ManagedArea, type ManagedPolicy } from './managed';

export * from './model';
export { normalizeSettings } from './normalize';
export { SETTINGS_VERSION, migrateToV2 } from './migrations';
export { applyPolicy, parsePolicy, readManagedPolicy, NO_POLICY } from './managed';
export type { EffectiveSettings, ManagedPolicy, ManagedArea } from './managed';
export { REGION_CODES } from './regions';
export { sitePattern, siteHost } from './sites';

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: SETTINGS_MIGRATIONS,
});

function managedArea(): ManagedArea | undefined {
  // Absent in some contexts and browsers; readManagedPolicy treats that as "no policy".
  return (browser.storage as { managed?: ManagedArea } | undefined)?.managed;
}

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
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Settings>((resolve) => {
    timer = setTimeout(() => resolve(stored), waitMs);
  });
  try {
    return await Promise.race([getEffectiveSettings(area).then((e) => e.settings), late]);
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
  let latest = 0;
  const emit = () => {
    const mine = ++latest;
    void getEffectiveSettings().then((e) => {
      // Reads can finish out of order; only the newest one is reported.
      if (mine === latest) cb(e);
    });
  };
  const unwatch = settingsItem.watch(emit);
  const onChanged = (_changes: unknown, area: string) => {
    if (area === 'managed') emit();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => {
    unwatch();
    browser.storage.onChanged.removeListener(onChanged);
  };
}

export function watchSettings(cb: (s: Settings) => void): () => void {
  return watchEffectiveSettings((e) => cb(e.settings));
}
