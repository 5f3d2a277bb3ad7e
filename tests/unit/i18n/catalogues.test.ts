// @vitest-environment node
// Every catalogue of every area, in every language: the same keys, no empty text, the same
// placeholders, Khmer written in Khmer script, and no key that the code does not use (nor a key
// the code uses that no catalogue has). The scan of the code is in ./keyUsage.ts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGS } from '@/lib/i18n';
import { scanKeyUsage, type KeyUsage } from './keyUsage';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const LOCALES = path.join(ROOT, 'lib/i18n/locales');
const CODE_DIRS = ['components', 'entrypoints', 'lib'];
const KHMER = /[\u1780-\u17FF\u19E0-\u19FF]/;
/** Khmer text that is rightly not in Khmer script: names. */
const NOT_KHMER_SCRIPT = new Set(['common.appName']);

type Catalogue = Record<string, string>;

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

const areasOf = (lang: string) =>
  readdirSync(path.join(LOCALES, lang))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();

const AREAS = areasOf('en');
const catalogues: Record<string, Record<string, Catalogue>> = Object.fromEntries(
  LANGS.map((lang) => [
    lang,
    Object.fromEntries(areasOf(lang).map((a) => [a, readJson(path.join(LOCALES, lang, `${a}.json`)) as Catalogue])),
  ]),
);
/** All keys as the code addresses them ("area.key"), from every language. */
const ALL_KEYS = [...new Set(LANGS.flatMap((l) => Object.entries(catalogues[l]!).flatMap(([a, c]) => Object.keys(c).map((k) => `${a}.${k}`))))].sort();

const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
/** Text once placeholders are out: what a translator actually wrote. */
const words = (s: string) => s.replace(/\{\w+\}/g, '');

describe('catalogue files', () => {
  it('exist for the same areas in every language', () => {
    expect(AREAS.length).toBeGreaterThan(0);
    for (const lang of LANGS) expect({ lang, areas: areasOf(lang) }).toEqual({ lang, areas: AREAS });
  });

  it.each(LANGS.flatMap((lang) => AREAS.map((area) => [lang, area] as const)))('%s/%s.json is a flat map of non-empty strings', (lang, area) => {
    const c = catalogues[lang]![area] as Record<string, unknown>;
    const bad = Object.entries(c).filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => `${area}.${k}`);
    expect(bad).toEqual([]);
  });
});

describe.each(AREAS)('area %s', (area) => {
  it('has every key in every language', () => {
    const missing: string[] = [];
    for (const key of ALL_KEYS.filter((k) => k.startsWith(`${area}.`))) {
      const bare = key.slice(area.length + 1);
      for (const lang of LANGS) if (!(bare in (catalogues[lang]![area] ?? {}))) missing.push(`${lang}: ${key}`);
    }
    expect(missing).toEqual([]);
  });

  it('uses the same placeholders in every language', () => {
    const en = catalogues.en![area] ?? {};
    const differ: string[] = [];
    for (const lang of LANGS) {
      for (const [k, v] of Object.entries(catalogues[lang]![area] ?? {})) {
        const base = en[k];
        if (base !== undefined && placeholders(v).join() !== placeholders(base).join()) {
          differ.push(`${lang}: ${area}.${k} has {${placeholders(v).join('},{')}} but en has {${placeholders(base).join('},{')}}`);
        }
      }
    }
    expect(differ).toEqual([]);
  });

  it('writes Khmer in Khmer script', () => {
    const latin = Object.entries(catalogues.km![area] ?? {})
      .filter(([k, v]) => !NOT_KHMER_SCRIPT.has(`${area}.${k}`) && /\p{L}/u.test(words(v)) && !KHMER.test(v))
      .map(([k, v]) => `${area}.${k}: ${v}`);
    expect(latin).toEqual([]);
  });
});

describe('keys and code', () => {
  let usage: KeyUsage;
  beforeAll(() => {
    usage = scanKeyUsage(ROOT, CODE_DIRS, AREAS);
  }, 120_000);

  it('the scan reads the code and resolves keys built at run time', () => {
    expect(usage.files).toBeGreaterThan(20);
    const keys = new Set(usage.refs.map((r) => r.key));
    // Literal, a type union (CategoryId), a local translator's callers (report text), a FailCode.
    for (const k of ['popup.help.heading', 'common.category.sextortion_threat', 'popup.reportText.fromChild', 'dashboard.error.mismatch']) {
      expect(keys).toContain(k);
    }
  });

  it('uses no key that is in no catalogue', () => {
    const known = new Set(ALL_KEYS);
    const unknown = usage.refs.filter((r) => !known.has(r.key)).map((r) => `${r.key} (${r.at})`);
    expect([...new Set(unknown)]).toEqual([]);
  });

  it('builds no key pattern that matches no key', () => {
    const dead = usage.wildcards.filter((w) => !ALL_KEYS.some((k) => w.pattern.test(k))).map((w) => `${w.pattern} (${w.at})`);
    expect(dead).toEqual([]);
  });

  // Exact uses only: a key that only a pattern built from a plain string matches may well be
  // unused, so it fails too, with the pattern named (give that variable a union type).
  it.each(AREAS)('uses every key of %s', (area) => {
    const used = new Set(usage.refs.map((r) => r.key));
    const unused = ALL_KEYS.filter((k) => k.startsWith(`${area}.`) && !used.has(k)).map((k) => {
      const by = usage.wildcards.filter((w) => w.pattern.test(k)).map((w) => `${w.pattern} at ${w.at}`);
      return by.length > 0 ? `${k} (only matched by ${by.join(', ')})` : k;
    });
    expect(unused).toEqual([]);
  });
});

describe('_locales (the manifest name and description)', () => {
  const dir = path.join(ROOT, 'public/_locales');
  const messages = Object.fromEntries(
    readdirSync(dir).map((l) => [l, readJson(path.join(dir, l, 'messages.json')) as Record<string, { message: string }>]),
  );

  it('has the same non-empty messages in every language, Khmer in Khmer script', () => {
    expect(Object.keys(messages).sort()).toEqual([...LANGS].sort());
    const names = Object.keys(messages.en!).sort();
    expect(names).toEqual(expect.arrayContaining(['extName', 'extDescription']));
    for (const lang of LANGS) {
      expect(Object.keys(messages[lang]!).sort()).toEqual(names);
      for (const n of names) expect(messages[lang]![n]!.message.trim()).not.toBe('');
    }
    for (const n of names) expect(messages.km![n]!.message).toMatch(KHMER);
  });
});
