// The effective settings for code that only reads them: the content script. It reads the same
// stored value as `settingsItem` (key "settings" in local storage) and normalises it, which is all
// the item's migrations do, so it does not carry the storage wrapper; the background worker and
// the dashboard write through `settingsItem` and run its migrations.
import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS, type Settings } from './model';
import { normalizeSettings } from './normalize';
import { applyPolicy, readManagedPolicy, type ManagedArea } from './managed';

/** The local-storage key of `settingsItem` ('local:settings'). */
export const SETTINGS_KEY = 'settings';

interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
}

/** The browser's managed storage (a school's or NGO's policy), absent in some contexts and browsers. */
export function managedArea(): ManagedArea | undefined {
  return (browser.storage as { managed?: ManagedArea } | undefined)?.managed;
}

/** The family's settings alone, complete and valid (defaults when nothing was saved). */
export async function readStoredSettings(area: LocalArea = browser.storage.local): Promise<Settings> {
  const got = await area.get(SETTINGS_KEY);
  return normalizeSettings(got[SETTINGS_KEY] ?? DEFAULT_SETTINGS);
}

/** The family's settings with a school's or NGO's policy laid over them. */
export async function readSettings(local?: LocalArea, managed: ManagedArea | undefined = managedArea()): Promise<Settings> {
  const [stored, policy] = await Promise.all([readStoredSettings(local), readManagedPolicy(managed)]);
  return applyPolicy(stored, policy).settings;
}

/**
 * Calls back with a fresh read whenever the family's settings or the policy change (by default the
 * effective settings; the dashboard reads which ones the policy locks too).
 */
export function onSettingsChange<T = Settings>(cb: (s: T) => void, read: () => Promise<T> = () => readSettings() as Promise<T>): () => void {
  let latest = 0;
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'managed' || (area === 'local' && SETTINGS_KEY in changes)) {
      const mine = ++latest;
      // Reads can finish out of order; only the newest one is reported.
      void read().then((s) => {
        if (mine === latest) cb(s);
      }, () => undefined);
    }
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
