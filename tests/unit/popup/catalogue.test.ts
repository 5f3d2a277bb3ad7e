import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/locales/en/popup.json';
import km from '@/lib/i18n/locales/km/popup.json';
import { LEVELS } from '@/lib/detect';
import { INTERNATIONAL, REGION_CODES } from '@/lib/report/region';

const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const KHMER = /[\u1780-\u17FF]/;

describe('the popup catalogue', () => {
  it('has the same keys in English and Khmer', () => {
    expect(Object.keys(km).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.entries(en))('%s: Khmer is written in Khmer script, with the same placeholders', (key, text) => {
    const kmText = (km as Record<string, string>)[key] ?? '';
    expect(kmText).toMatch(KHMER);
    expect(params(kmText)).toEqual(params(text));
  });

  it('names every level and region the popup can show', () => {
    for (const l of LEVELS) expect(en).toHaveProperty([`tab.about.${l}`]);
    for (const r of [...REGION_CODES, INTERNATIONAL]) expect(en).toHaveProperty([`region.${r}`]);
  });
});
