import { isCategoryId, type CategoryId } from './categories';

/**
 * The lexicon format (one JSON file per language in ./lexicons). See docs/lexicon-guide.md.
 * `classes` are named word lists; classes of the same name in several files are one list, so a
 * Khmer pattern can use the English `{image}` words and code-switched messages still match.
 */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type EntryDir = 'in' | 'out' | 'any';

export interface LexiconEntry {
  id: string;
  category: CategoryId;
  severity: Severity;
  /** Whose message the entry reads: `in` (said to the child, the default) or `out` (by the child). */
  dir?: EntryDir;
  patterns: string[];
  /** Benign look-alikes: when any of these also matches the message, the entry does not fire. */
  guards?: string[];
  /** Context that must also be present somewhere in the message. */
  requires?: string[];
  /** Messages the entry must catch, and benign ones it must not; checked by the unit tests. */
  examples?: string[];
  not?: string[];
  note?: string;
}

export interface Lexicon {
  language: string;
  description?: string;
  classes: Record<string, string[]>;
  entries: LexiconEntry[];
}

const ENTRY_KEYS = new Set(['id', 'category', 'severity', 'dir', 'patterns', 'guards', 'requires', 'examples', 'not', 'note']);

function isStringArray(x: unknown): x is string[] {
  return Array.isArray(x) && x.every((s) => typeof s === 'string' && s.trim() !== '');
}

/** Structural problems in a lexicon file, as readable sentences (empty when valid). */
export function lexiconProblems(x: unknown, file: string): string[] {
  const errs: string[] = [];
  if (typeof x !== 'object' || x === null) return [`${file}: not a JSON object`];
  const lex = x as Record<string, unknown>;
  if (typeof lex.language !== 'string') errs.push(`${file}: "language" must be a string`);
  const classes = lex.classes;
  if (typeof classes !== 'object' || classes === null || Array.isArray(classes)) {
    errs.push(`${file}: "classes" must be an object of word lists`);
  } else {
    for (const [name, words] of Object.entries(classes)) {
      if (!/^[a-z][a-z0-9_]*$/.test(name)) errs.push(`${file}: class name "${name}" must be lower-case letters, digits, _`);
      if (!isStringArray(words) || words.length === 0) errs.push(`${file}: class "${name}" must be a non-empty list of words`);
    }
  }
  if (!Array.isArray(lex.entries)) return [...errs, `${file}: "entries" must be a list`];
  const ids = new Set<string>();
  lex.entries.forEach((e: unknown, i: number) => {
    const where = `${file}: entry ${i + 1}`;
    if (typeof e !== 'object' || e === null) {
      errs.push(`${where}: not an object`);
      return;
    }
    const en = e as Record<string, unknown>;
    const name = typeof en.id === 'string' ? `${where} (${en.id})` : where;
    for (const k of Object.keys(en)) if (!ENTRY_KEYS.has(k)) errs.push(`${name}: unknown field "${k}"`);
    if (typeof en.id !== 'string' || en.id === '') errs.push(`${name}: "id" must be a non-empty string`);
    else if (ids.has(en.id)) errs.push(`${name}: duplicate id`);
    else ids.add(en.id);
    if (!isCategoryId(en.category)) errs.push(`${name}: "category" must be a taxonomy id, got ${JSON.stringify(en.category)}`);
    if (!(SEVERITIES as readonly unknown[]).includes(en.severity)) errs.push(`${name}: "severity" must be one of ${SEVERITIES.join(', ')}`);
    if (en.dir !== undefined && en.dir !== 'in' && en.dir !== 'out' && en.dir !== 'any') errs.push(`${name}: "dir" must be in, out or any`);
    if (!isStringArray(en.patterns) || en.patterns.length === 0) errs.push(`${name}: "patterns" must be a non-empty list`);
    for (const k of ['guards', 'requires', 'examples', 'not'] as const) {
      if (en[k] !== undefined && !isStringArray(en[k])) errs.push(`${name}: "${k}" must be a list of strings`);
    }
    if (en.note !== undefined && typeof en.note !== 'string') errs.push(`${name}: "note" must be a string`);
  });
  return errs;
}

export function asLexicon(x: unknown, file: string): Lexicon {
  const errs = lexiconProblems(x, file);
  if (errs.length > 0) throw new Error(errs.join('\n'));
  return x as Lexicon;
}
