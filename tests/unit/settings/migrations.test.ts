import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  SETTINGS_VERSION,
  getSettings,
  migrateToV2,
  normalizeSettings,
  settingsItem,
} from '@/lib/settings';

/** What version 1 (the first release) stored: no extraSites, no version metadata. */
const V1 = {
  language: 'km',
  region: 'KH',
  hotline: 'kh-child-helpline',
  ageBand: 'under13',
  privacyMode: 'detailed',
  nudgeFrom: 'alert',
  quietCategories: ['age_probe', 'flattery_trust'],
  retentionDays: 45,
  weeklyNotification: true,
  trustedAdult: { name: 'Aunt Dara', contact: '012 345 678' },
  setupDone: true,
};

async function stored() {
  const all = await fakeBrowser.storage.local.get(['settings', 'settings$']);
  return { value: all.settings, meta: all['settings$'] as { v?: number } | undefined };
}

describe('settings migration v1 → v2', () => {
  it('keeps every value the family chose and adds the new field', async () => {
    await fakeBrowser.storage.local.set({ settings: V1 });
    await settingsItem.migrate();
    const { value, meta } = await stored();
    expect(value).toEqual({ ...V1, extraSites: [] });
    expect(meta?.v).toBe(SETTINGS_VERSION);
    expect(SETTINGS_VERSION).toBe(2);
  });

  it('is harmless when run twice', async () => {
    await fakeBrowser.storage.local.set({ settings: V1 });
    await settingsItem.migrate();
    const once = await stored();
    await settingsItem.migrate();
    expect(await stored()).toEqual(once);
    // Even the step itself, applied to an already-new value, changes nothing.
    expect(migrateToV2(migrateToV2(V1))).toEqual(migrateToV2(V1));
  });

  it('turns a 13–17 profile left in detailed mode into categories', async () => {
    await fakeBrowser.storage.local.set({ settings: { ...V1, ageBand: '13-17' } });
    await settingsItem.migrate();
    expect((await stored()).value).toMatchObject({ ageBand: '13-17', privacyMode: 'categories', region: 'KH' });
  });

  it('repairs bad fields one by one and keeps the good ones', async () => {
    await fakeBrowser.storage.local.set({
      settings: { ...V1, retentionDays: 'forever', quietCategories: ['age_probe', 'nonsense'], region: 'kh', nudgeFrom: 'watch' },
    });
    await settingsItem.migrate();
    expect((await stored()).value).toMatchObject({
      retentionDays: DEFAULT_SETTINGS.retentionDays,
      quietCategories: ['age_probe'],
      region: 'KH',
      nudgeFrom: DEFAULT_SETTINGS.nudgeFrom,
      language: 'km',
      trustedAdult: V1.trustedAdult,
    });
  });

  it('leaves an empty store alone (defaults come from the fallback)', async () => {
    await settingsItem.migrate();
    expect((await stored()).value).toBeUndefined();
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('reads settings written by v1 code before any migration ran', async () => {
    await fakeBrowser.storage.local.set({ settings: { language: 'en', setupDone: true } });
    const s = await getSettings();
    expect(s).toMatchObject({ language: 'en', setupDone: true, extraSites: [], quietCategories: [] });
  });
});

describe('normalizeSettings', () => {
  it('is idempotent for any input', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const once = normalizeSettings(x);
        expect(normalizeSettings(once)).toEqual(once);
      }),
    );
  });

  it.each([
    ['retention below range', { retentionDays: 0 }, { retentionDays: 1 }],
    ['retention above range', { retentionDays: 9999 }, { retentionDays: 365 }],
    ['retention as text', { retentionDays: '20' }, { retentionDays: 20 }],
    ['unknown language', { language: 'fr' }, { language: 'auto' }],
    ['region lowercase', { region: 'th' }, { region: 'TH' }],
    ['region nonsense', { region: 'Thailand' }, { region: 'auto' }],
    ['empty hotline', { hotline: '  ' }, { hotline: null }],
    ['duplicate categories', { quietCategories: ['secrecy', 'secrecy'] }, { quietCategories: ['secrecy'] }],
    ['sites normalised', { extraSites: ['Chat.Example.org/room', 'nope', 'https://chat.example.org/*'] }, { extraSites: ['https://chat.example.org/*'] }],
    ['trusted adult trimmed', { trustedAdult: { name: ' Dara ', contact: 5 } }, { trustedAdult: { name: 'Dara', contact: '' } }],
  ])('%s', (_name, input, expected) => {
    expect(normalizeSettings({ ...DEFAULT_SETTINGS, ...input })).toMatchObject(expected);
  });
});
