import { CATEGORY_IDS, type CategoryId } from './categories';
import type { ResolvedEntry, ResolvedLexicon } from './compile';
import { SEVERITIES, type Severity } from './lexicon-schema';

/**
 * A compact text form of a ResolvedLexicon, for the extension bundle (lexicon-data.ts, written by
 * scripts/build-lexicon.ts). Lines and tab-separated fields, no JSON punctuation, no notes or
 * examples; class names are replaced by short letter codes (the most used get one letter).
 * Decoding is a few splits:
 *
 *   chaperone-lexicon/1
 *   emoji concept<TAB>emoji concept…
 *   latinExtra (space-separated)<TAB>latinDrop
 *   khmerExtra<TAB>khmerDrop
 *   bare pattern words with their keys: word key key<TAB>…
 *   one line per class: code<TAB>member|member…  (a member's keys space-separated, kept as text:
 *   the loader reads it in place)
 *   (empty line)
 *   one line per entry: id<TAB>category<TAB>severity<TAB>dir<TAB>patterns<TAB><TAB>guards<TAB><TAB>requires
 */
export const LEXICON_FORMAT = 'chaperone-lexicon/1';

const CLASS_REF = /\{([a-z][a-z0-9_]*)\}/g;

/** Letter codes a, b, … z, aa, ab, …: valid class names that never start with a digit. */
function letterCode(i: number): string {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}

function check(s: string, what: string, forbidden: RegExp): string {
  if (s === '' || forbidden.test(s)) throw new Error(`lexicon codec: ${what} ${JSON.stringify(s)} cannot be stored`);
  return s;
}

export function encodeLexicon(r: ResolvedLexicon): string {
  // Most-used classes get the shortest codes.
  const uses = new Map<string, number>(r.classes.map(([name]) => [name, 0]));
  for (const e of r.entries) {
    for (const p of [...e.patterns, ...e.guards, ...e.requires]) for (const m of p.matchAll(CLASS_REF)) uses.set(m[1] as string, (uses.get(m[1] as string) ?? 0) + 1);
  }
  const byUse = [...uses.keys()].sort((a, b) => (uses.get(b) ?? 0) - (uses.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  const code = new Map(byUse.map((name, i) => [name, letterCode(i)]));
  const rename = (p: string): string => p.replace(CLASS_REF, (m, name: string) => (code.has(name) ? `{${code.get(name)}}` : m));
  const key = (k: string): string => check(k, 'key', /[\s|]/);
  const list = (ws: readonly string[]): string => ws.map(key).join(' ');
  const lines: string[] = [
    LEXICON_FORMAT,
    r.emoji.map(([e, c]) => `${check(e, 'emoji', /\s/)} ${check(c, 'concept', /\s/)}`).join('\t'),
    `${list(r.latinExtra)}\t${list(r.latinDrop)}`,
    `${list(r.khmerExtra)}\t${list(r.khmerDrop)}`,
    r.words.map(([w, keys]) => [check(w, 'word', /\s/), ...keys.map(key)].join(' ')).join('\t'),
    ...r.classes.map(([name, members]) => `${code.get(name)}\t${check(members, 'class', /[\t\n]/)}`),
    '',
    ...r.entries.map((e) =>
      [
        check(e.id, 'entry id', /\s/),
        CATEGORY_IDS.indexOf(e.category),
        SEVERITIES.indexOf(e.severity),
        e.dirMask,
        ...e.patterns.map(rename),
        '',
        ...e.guards.map(rename),
        '',
        ...e.requires.map(rename),
      ].join('\t'),
    ),
  ];
  return lines.join('\n');
}

function words(field: string | undefined): string[] {
  return field ? field.split(' ') : [];
}

export function decodeLexicon(text: string): ResolvedLexicon {
  const lines = text.split('\n');
  if (lines[0] !== LEXICON_FORMAT) throw new Error(`lexicon data: expected ${LEXICON_FORMAT}, got ${JSON.stringify(lines[0]?.slice(0, 40))}`);
  const emoji: Array<[string, string]> = [];
  if (lines[1]) {
    for (const pair of lines[1].split('\t')) {
      const sp = pair.indexOf(' ');
      emoji.push([pair.slice(0, sp), pair.slice(sp + 1)]);
    }
  }
  const latin = (lines[2] ?? '').split('\t');
  const khmer = (lines[3] ?? '').split('\t');
  const wordList: Array<[string, string[]]> = [];
  if (lines[4]) {
    for (const w of lines[4].split('\t')) {
      const parts = w.split(' ');
      wordList.push([parts[0] as string, parts.slice(1)]);
    }
  }
  const classes: Array<[string, string]> = [];
  let i = 5;
  for (; i < lines.length && lines[i] !== ''; i++) {
    const line = lines[i] as string;
    const tab = line.indexOf('\t');
    classes.push([line.slice(0, tab), line.slice(tab + 1)]);
  }
  const entries: ResolvedEntry[] = [];
  for (i++; i < lines.length; i++) {
    const f = (lines[i] as string).split('\t');
    const groups: string[][] = [[], [], []];
    let g = 0;
    for (let k = 4; k < f.length; k++) {
      if (f[k] === '') g++;
      else groups[g]?.push(f[k] as string);
    }
    entries.push({
      id: f[0] as string,
      category: CATEGORY_IDS[Number(f[1])] as CategoryId,
      severity: SEVERITIES[Number(f[2])] as Severity,
      dirMask: Number(f[3]),
      patterns: groups[0] as string[],
      guards: groups[1] as string[],
      requires: groups[2] as string[],
    });
  }
  return {
    emoji,
    classes,
    words: wordList,
    entries,
    latinExtra: words(latin[0]),
    latinDrop: words(latin[1]),
    khmerExtra: words(khmer[0]),
    khmerDrop: words(khmer[1]),
  };
}
