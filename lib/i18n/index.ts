// One i18n layer for every user-facing string. Catalogues are JSON files per language and
// area (lib/i18n/locales/<lang>/<area>.json), so translators edit data, not code; keys are
// "<area>.<key>"; code that shows an area imports lib/i18n/catalogues/<area>.ts once. The
// language is chosen at run time (the parent's setting, or the child's browser), which
// browser.i18n cannot do.
export const LANGS = ['en', 'km'] as const;
export type Lang = (typeof LANGS)[number];

export type Catalogue = Record<string, string>;

/**
 * The strings loaded so far, by language and "<area>.<key>". Each bundle registers only the
 * areas it shows (lib/i18n/catalogues/*), so the content script does not carry the dashboard's
 * text.
 */
export const CATALOGUES: Record<Lang, Catalogue> = { en: {}, km: {} };

/** Adds catalogue files given as { './locales/<lang>/<area>.json': entries } (import.meta.glob's shape). */
export function registerCatalogues(files: Record<string, Catalogue>): void {
  for (const [path, entries] of Object.entries(files)) {
    const m = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!m || !(LANGS as readonly string[]).includes(m[1]!)) continue;
    for (const [k, v] of Object.entries(entries)) CATALOGUES[m[1] as Lang][`${m[2]}.${k}`] = v;
  }
}

export function isLang(x: unknown): x is Lang {
  return typeof x === 'string' && (LANGS as readonly string[]).includes(x);
}

/** The best language for a browser language tag: Khmer for km*, else English. */
export function langFromTag(tag: string | undefined): Lang {
  return tag?.toLowerCase().startsWith('km') ? 'km' : 'en';
}

/**
 * The string for `key` in `lang`, with `{name}` placeholders filled. Falls back to English,
 * then to the key itself, so a missing translation shows something rather than nothing
 * (the catalogue test keeps that from shipping).
 */
export function t(lang: Lang, key: string, params?: Record<string, string | number>): string {
  const s = CATALOGUES[lang][key] ?? CATALOGUES.en[key] ?? key;
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A translator bound to one language, for components. */
export type T = (key: string, params?: Record<string, string | number>) => string;
export function translator(lang: Lang): T {
  return (key, params) => t(lang, key, params);
}

const INTL_LOCALE: Record<Lang, string> = { en: 'en-GB', km: 'km-KH' };

export function formatDate(lang: Lang, ts: number, opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], opts).format(ts);
}

export function formatNumber(lang: Lang, n: number): string {
  return new Intl.NumberFormat(INTL_LOCALE[lang]).format(n);
}
