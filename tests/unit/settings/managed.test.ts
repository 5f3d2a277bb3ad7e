import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  NO_POLICY,
  applyPolicy,
  getEffectiveSettings,
  getSettings,
  parsePolicy,
  readManagedPolicy,
  saveSettings,
  watchSettings,
  type Settings,
} from '@/lib/settings';

const FAMILY: Settings = {
  ...DEFAULT_SETTINGS,
  language: 'en',
  region: 'GB',
  ageBand: 'under13',
  privacyMode: 'detailed',
  retentionDays: 60,
  trustedAdult: { name: 'Dad', contact: '07700 900000' },
  setupDone: true,
};

const HASH = {
  kdf: 'PBKDF2-SHA256',
  iterations: 600000,
  salt: 'qlwUxOHNikoVSFdDxQtahQ==',
  hash: 'kcqSokumyLaWztwJ+Jsf6SehROv/X7psHumyRvQ+d10=',
};

describe('parsePolicy', () => {
  it('reads every supported key', () => {
    const p = parsePolicy({
      language: 'km',
      region: 'kh',
      ageBand: '13-17',
      privacyMode: 'categories',
      retentionDays: 14,
      nudgeFrom: 'alert',
      quietCategories: ['age_probe'],
      weeklyNotification: true,
      trustedAdultName: 'Ms Sophea',
      trustedAdultContact: '012 000 000',
      lockedSettings: ['region', 'language'],
      pinHash: HASH,
      skipFirstRun: true,
    });
    expect(p.values).toEqual({
      language: 'km',
      region: 'KH',
      ageBand: '13-17',
      privacyMode: 'categories',
      retentionDays: 14,
      nudgeFrom: 'alert',
      quietCategories: ['age_probe'],
      weeklyNotification: true,
      trustedAdult: { name: 'Ms Sophea', contact: '012 000 000' },
    });
    expect(p.locked).toEqual(['region', 'language']);
    expect(p.pinRecord).toMatchObject({ iterations: 600000 });
    expect(p.skipFirstRun).toBe(true);
    expect(p.problems).toEqual([]);
  });

  it.each([
    ['a bad language', { language: 'fr' }, 'language'],
    ['a bad region', { region: 'Cambodia' }, 'region'],
    ['an unknown locked name', { lockedSettings: ['pin'] }, 'lockedSettings:pin'],
    ['a non-list lockedSettings', { lockedSettings: 'region' }, 'lockedSettings'],
    ['a weak pinHash', { pinHash: { ...HASH, iterations: 1000 } }, 'pinHash'],
    ['a broken pinHash', { pinHash: { salt: 'x' } }, 'pinHash'],
    ['a short initialPin', { initialPin: '12' }, 'initialPin'],
  ])('skips %s and names it', (_name, raw, problem) => {
    const p = parsePolicy({ region: 'TH', ...raw });
    expect(p.problems).toContain(problem);
    if (problem !== 'region') expect(p.values.region).toBe('TH');
  });

  it.each([null, undefined, 'text', [1, 2]])('treats %j as no policy', (raw) => {
    expect(parsePolicy(raw)).toEqual(NO_POLICY);
  });
});

describe('applyPolicy', () => {
  it('changes nothing without a policy', () => {
    expect(applyPolicy(FAMILY, NO_POLICY)).toEqual({ settings: FAMILY, locked: [] });
  });

  it('forces locked settings over the family\'s choice', () => {
    const p = parsePolicy({ region: 'KH', retentionDays: 14, lockedSettings: ['region', 'retentionDays'] });
    const { settings, locked } = applyPolicy(FAMILY, p);
    expect(settings).toMatchObject({ region: 'KH', retentionDays: 14, language: 'en' });
    expect(locked).toEqual(['region', 'retentionDays']);
  });

  it('uses unlocked policy values only until set-up is done', () => {
    const p = parsePolicy({ language: 'km', region: 'KH', lockedSettings: ['region'] });
    expect(applyPolicy({ ...DEFAULT_SETTINGS }, p).settings).toMatchObject({ language: 'km', region: 'KH' });
    expect(applyPolicy(FAMILY, p).settings).toMatchObject({ language: 'en', region: 'KH' });
  });

  it('never shows a teenager\'s messages, whatever the policy says', () => {
    const p = parsePolicy({ ageBand: '13-17', privacyMode: 'detailed', lockedSettings: ['ageBand', 'privacyMode'] });
    expect(applyPolicy(FAMILY, p).settings).toMatchObject({ ageBand: '13-17', privacyMode: 'categories' });
  });

  it('keeps the current value of a setting locked without a value', () => {
    const p = parsePolicy({ lockedSettings: ['extraSites'] });
    const s = { ...FAMILY, extraSites: ['https://chat.example.org/*'] };
    expect(applyPolicy(s, p)).toEqual({ settings: s, locked: ['extraSites'] });
  });

  it('marks set-up done when the policy skips it', () => {
    expect(applyPolicy(DEFAULT_SETTINGS, parsePolicy({ skipFirstRun: true })).settings.setupDone).toBe(true);
  });
});

describe('reading storage.managed', () => {
  it('treats a browser that throws (no policy) as no policy', async () => {
    const throwing = { get: () => Promise.reject(new Error('Managed storage manifest not found')) };
    expect(await readManagedPolicy(throwing)).toEqual(NO_POLICY);
    expect(await readManagedPolicy(undefined)).toEqual(NO_POLICY);
  });

  it('lays the policy over the stored settings in getSettings', async () => {
    await saveSettings(FAMILY);
    expect(await getSettings()).toEqual(FAMILY);
    await fakeBrowser.storage.managed.set({ region: 'KH', lockedSettings: ['region'] });
    expect(await getSettings()).toEqual({ ...FAMILY, region: 'KH' });
    expect((await getEffectiveSettings()).locked).toEqual(['region']);
    // The family's own value is kept underneath, should the policy go away.
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({ region: 'GB' });
  });

  it('tells watchers when the policy changes', async () => {
    await saveSettings(FAMILY);
    const seen: Settings[] = [];
    const stop = watchSettings((s) => seen.push(s));
    await fakeBrowser.storage.managed.set({ language: 'km', lockedSettings: ['language'] });
    await vi_waitFor(() => seen.length > 0);
    stop();
    expect(seen.at(-1)).toMatchObject({ language: 'km' });
  });
});

async function vi_waitFor(ok: () => boolean, ms = 1000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
