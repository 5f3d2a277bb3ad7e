import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, getSettings, migrateToV2, saveSettings, settingsWithin, type Settings } from '@/lib/settings';
import { onSettingsChange, readSettings, readStoredSettings } from '@/lib/settings/reader';

const FAMILY: Settings = { ...DEFAULT_SETTINGS, language: 'km', region: 'KH', nudgeFrom: 'alert', quietCategories: ['age_probe'], setupDone: true };

beforeEach(() => fakeBrowser.reset());

describe('the content script\'s settings reader', () => {
  it('reads what the dashboard saved through the settings item, the same as getSettings', async () => {
    await saveSettings(FAMILY);
    expect(await readStoredSettings()).toEqual(FAMILY);
    expect(await readSettings()).toEqual(await getSettings());
  });

  it('gives the defaults when nothing was saved, and repairs a damaged value', async () => {
    expect(await readStoredSettings()).toEqual(DEFAULT_SETTINGS);
    await fakeBrowser.storage.local.set({ settings: { nudgeFrom: 'sometimes', language: 'km', retentionDays: -4 } });
    const s = await readStoredSettings();
    expect(s.nudgeFrom).toBe(DEFAULT_SETTINGS.nudgeFrom);
    expect(s.language).toBe('km');
    expect(s.retentionDays).toBeGreaterThanOrEqual(1);
  });

  it('reads a version-1 value the way the item\'s migration would', async () => {
    const v1 = { ...FAMILY } as Partial<Settings>;
    delete v1.extraSites;
    await fakeBrowser.storage.local.set({ settings: v1 });
    expect(await readStoredSettings()).toEqual(migrateToV2(v1));
    expect((await readStoredSettings()).extraSites).toEqual([]);
  });

  it('lays the policy over the family\'s settings', async () => {
    await saveSettings(FAMILY);
    await fakeBrowser.storage.managed.set({ language: 'en', lockedSettings: ['language'] });
    expect((await readSettings()).language).toBe('en');
    expect((await readStoredSettings()).language).toBe('km');
  });

  it('calls back when the family\'s settings or the policy change, and not for other keys; stops when asked', async () => {
    const seen: Settings[] = [];
    const stop = onSettingsChange((s) => seen.push(s));
    await fakeBrowser.storage.local.set({ somethingElse: 1 });
    await saveSettings(FAMILY);
    await vi.waitFor(() => expect(seen.at(-1)?.nudgeFrom).toBe('alert'));
    await fakeBrowser.storage.managed.set({ nudgeFrom: 'warn', lockedSettings: ['nudgeFrom'] });
    await vi.waitFor(() => expect(seen.at(-1)?.nudgeFrom).toBe('warn'));
    const n = seen.length;
    stop();
    await saveSettings({ ...FAMILY, language: 'en' });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toHaveLength(n);
  });
});

describe('settingsWithin', () => {
  it('lays the policy over the family\'s settings when it answers in time', async () => {
    await saveSettings(FAMILY);
    const area = { get: () => Promise.resolve({ language: 'en', lockedSettings: ['language'] }) };
    expect((await settingsWithin(200, area)).language).toBe('en');
  });

  it('answers with the family\'s settings when the policy is slow, instead of waiting for it', async () => {
    await saveSettings(FAMILY);
    const area = { get: () => new Promise<Record<string, unknown>>((r) => setTimeout(() => r({ language: 'en', lockedSettings: ['language'] }), 2000)) };
    const t0 = Date.now();
    const s = await settingsWithin(30, area);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(s.language).toBe('km');
  });
});
