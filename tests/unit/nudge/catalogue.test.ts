import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/locales/en/nudge.json';
import km from '@/lib/i18n/locales/km/nudge.json';

const COMPONENTS = join(dirname(fileURLToPath(import.meta.url)), '../../../components/nudge');
const sources = readdirSync(COMPONENTS)
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => readFileSync(join(COMPONENTS, f), 'utf8'));

// Keys are written out in full in the source, so this scan finds every one that can be used.
const used = new Set(sources.flatMap((s) => [...s.matchAll(/['"]nudge\.([\w.]+)['"]/g)].map((m) => m[1]!)));
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const KHMER = /[\u1780-\u17FF]/;

describe('nudge catalogues', () => {
  it('find the keys the views use', () => {
    expect(used.size).toBeGreaterThan(60);
    expect(used).toContain('noticed.image_request');
    expect(used).toContain('sextortion.pay');
  });

  it('never build a key at run time, which the scan could not see', () => {
    for (const s of sources) expect(s).not.toMatch(/`[^`]*nudge\.[^`]*\$\{/);
  });

  it.each([
    ['en', en],
    ['km', km],
  ] as const)('%s has every key used, and no other', (_lang, catalogue: Record<string, string>) => {
    expect(Object.keys(catalogue).filter((k) => !used.has(k))).toEqual([]);
    expect([...used].filter((k) => !(k in catalogue))).toEqual([]);
  });

  it('English and Khmer have the same keys and placeholders', () => {
    const e = en as Record<string, string>;
    const k = km as Record<string, string>;
    expect(Object.keys(k).sort()).toEqual(Object.keys(e).sort());
    for (const key of Object.keys(e)) expect([key, placeholders(k[key]!)]).toEqual([key, placeholders(e[key]!)]);
  });

  it('Khmer is in Khmer script and English is not', () => {
    for (const [key, text] of Object.entries(km)) expect([key, KHMER.test(text)]).toEqual([key, true]);
    for (const [key, text] of Object.entries(en)) expect([key, KHMER.test(text)]).toEqual([key, false]);
  });

  it('names the party only in the keys meant for a name', () => {
    for (const [key, text] of Object.entries(en)) {
      const named = /^(noticed\.(?!fallback)[a-z_]+|pause\.never)$/.test(key);
      expect([key, text.includes('{name}')]).toEqual([key, named]);
    }
  });
});
