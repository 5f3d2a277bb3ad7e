import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/locales/en/background.json';
import km from '@/lib/i18n/locales/km/background.json';
import { t } from '@/lib/i18n';
import '@/lib/i18n/catalogues/background';

const KHMER = /[\u1780-\u17FF]/;
const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('background catalogue', () => {
  it('has the same keys in English and Khmer', () => {
    expect(Object.keys(km).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en))('%s is translated into Khmer script with the same placeholders', (key) => {
    const k = (km as Record<string, string>)[key]!;
    const e = (en as Record<string, string>)[key]!;
    expect(k.trim()).not.toBe('');
    expect(k).toMatch(KHMER);
    expect(params(k)).toEqual(params(e));
  });

  it('is reachable through t()', () => {
    expect(t('en', 'background.weekly.title')).toBe('Weekly summary');
    expect(t('km', 'background.weekly.message')).toMatch(KHMER);
  });
});
