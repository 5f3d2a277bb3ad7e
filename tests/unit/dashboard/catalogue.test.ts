import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import en from '@/lib/i18n/locales/en/dashboard.json';
import km from '@/lib/i18n/locales/km/dashboard.json';
import { CATALOGUES } from '@/lib/i18n';
import '@/lib/i18n/catalogues/all';

const dir = join(process.cwd(), 'components/dashboard');
const source = readdirSync(dir)
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => readFileSync(join(dir, f), 'utf8'))
  .join('\n');

const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dashboard catalogue', () => {
  it('has the same keys in English and Khmer', () => {
    expect(Object.keys(km).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en))('%s: Khmer keeps the placeholders and uses Khmer script', (key) => {
    const k = (km as Record<string, string>)[key]!;
    expect(params(k)).toEqual(params((en as Record<string, string>)[key]!));
    expect(k).toMatch(/[\u1780-\u17FF]/);
  });

  it('has every literal key the dashboard uses', () => {
    const used = [...source.matchAll(/'(dashboard\.[A-Za-z0-9_.-]+)'/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(50);
    for (const key of used) expect(CATALOGUES.en[key], key).toBeTypeOf('string');
  });

  it.each([
    ['ageBand', ['under13', '13-17'], ['', '.help']],
    ['privacy', ['categories', 'detailed'], ['', '.help']],
    ['nudgeFrom', ['warn', 'alert'], ['']],
    ['nav', ['summary', 'settings', 'data'], ['']],
    ['unlock.notice', ['idle', 'locked'], ['']],
    ['error', ['locked', 'wrong-pin', 'lockout', 'managed', 'too-short', 'too-long', 'mismatch', 'permission', 'background'], ['']],
  ])('has the built keys dashboard.%s.*', (prefix, names, suffixes) => {
    for (const n of names)
      for (const s of suffixes) {
        expect(CATALOGUES.en[`dashboard.${prefix}.${n}${s}`], `${prefix}.${n}${s}`).toBeTypeOf('string');
        expect(CATALOGUES.km[`dashboard.${prefix}.${n}${s}`], `${prefix}.${n}${s}`).toBeTypeOf('string');
      }
  });
});
