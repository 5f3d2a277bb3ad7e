import { CATEGORY_IDS, CATEGORY_INDEX, type CategoryId } from './categories';
import { DIR_IN, DIR_OUT, type CompiledLexicon } from './compile';
import { fold, origEnd, origStart } from './fold';
import { detectLang, type DetectedLang } from './lang';
import { SEVERITIES, type Severity } from './lexicon-schema';
import { getLexicon, prepareLexicon } from './lexicon-runtime';
import { Matcher, type EntryMatch } from './match';
import { findPersonalInfo } from './personal-info';
import type { Dir } from './score';
import { joinSpacedLetters } from './joined';
import type { Token } from './token';
import { tokenize } from './tokens';

export interface EvidenceSpan {
  category: CategoryId;
  /** UTF-16 offsets into the original text. */
  start: number;
  end: number;
}

export interface MessageAnalysis {
  categories: CategoryId[];
  spans: EvidenceSpan[];
  lang: DetectedLang;
  /** The strongest lexicon severity that fired, or null when nothing did. */
  severity: Severity | null;
  /** Ids of the lexicon entries that fired (or `code.phone` etc. for the built-in detectors). */
  entries: string[];
}

const LANGS: ReadonlySet<string> = new Set(['en', 'km', 'km-Latn', 'mixed', 'other']);
const SHARE_BIT = 1 << CATEGORY_INDEX.share_personal_info;
const MEDIUM = SEVERITIES.indexOf('medium');

let lexicon: CompiledLexicon | null = null;
let matcher: Matcher | null = null;
const found: EntryMatch[] = [];

/** What one message has shown so far; reset per message (analysis is synchronous). */
const acc = { mask: 0, sev: -1 };

function take(lex: CompiledLexicon, m: Matcher, stream: readonly Token[], dirMask: number, spans: EvidenceSpan[], entries: string[]): void {
  found.length = 0;
  m.match(stream, dirMask, found);
  for (let k = 0; k < found.length; k++) {
    const f = found[k] as EntryMatch;
    const e = lex.entries[f.entry];
    const a = stream[f.first];
    const b = stream[f.last];
    if (!e || !a || !b) continue;
    entries.push(e.id);
    if (e.sev > acc.sev) acc.sev = e.sev;
    acc.mask |= e.catBit;
    spans.push({ category: e.category, start: a.start, end: b.end });
  }
}

function bySpan(x: EvidenceSpan, y: EvidenceSpan): number {
  return x.start - y.start || CATEGORY_INDEX[x.category] - CATEGORY_INDEX[y.category] || x.end - y.end;
}

/** A stable insertion sort: a message has a handful of spans at most. */
function sortSpans(spans: EvidenceSpan[]): void {
  for (let i = 1; i < spans.length; i++) {
    const s = spans[i] as EvidenceSpan;
    let j = i - 1;
    while (j >= 0 && bySpan(spans[j] as EvidenceSpan, s) > 0) {
      spans[j + 1] = spans[j] as EvidenceSpan;
      j--;
    }
    spans[j + 1] = s;
  }
}

let prepared = false;

function ensureEngine(): void {
  if (lexicon === null || matcher === null) {
    lexicon = getLexicon();
    matcher = new Matcher(lexicon);
  }
}

/**
 * Indexes the lexicon now, Khmer word trie included; otherwise the first analyzeMessage does it
 * (tens of milliseconds on a slow machine; the trie at the first Khmer message). With a `deadline`
 * (a performance.now() time) it stops there and can be called again, e.g. from idle callbacks, so
 * that no task runs long; true once everything is ready.
 */
export function prepareDetector(deadline = Infinity): boolean {
  if (prepared) return true;
  if (lexicon === null) {
    if (!prepareLexicon(deadline)) return false;
    ensureEngine();
    if (performance.now() >= deadline) return false;
  }
  ensureEngine();
  void (lexicon as CompiledLexicon).khmer.words.length;
  prepared = true;
  return true;
}

/**
 * The taxonomy categories a message shows, with where in the text. Requests and threats are read
 * in messages to the child (`in`); the child's own messages (`out`) are read for personal details
 * given away. The language is detected; a valid hint (`lang`) from the caller is reported instead.
 */
export function analyzeMessage(text: string, opts: { dir: Dir; lang?: string }): MessageAnalysis {
  ensureEngine();
  const lex = lexicon as CompiledLexicon;
  const view = fold(typeof text === 'string' ? text : '');
  const tokens = tokenize(view, lex);
  const dirMask = opts.dir === 'out' ? DIR_OUT : DIR_IN;

  const spans: EvidenceSpan[] = [];
  const entries: string[] = [];
  acc.mask = 0;
  acc.sev = -1;
  const m = matcher as Matcher;
  take(lex, m, tokens, dirMask, spans, entries);
  const joined = joinSpacedLetters(tokens, view, lex);
  if (joined) take(lex, m, joined, dirMask, spans, entries);

  if (dirMask === DIR_OUT) {
    const info = findPersonalInfo(view.text);
    for (let k = 0; k < info.length; k++) {
      const s = info[k] as (typeof info)[number];
      spans.push({ category: 'share_personal_info', start: origStart(view, s.start), end: origEnd(view, s.end - 1) });
      entries.push(`code.${s.kind}`);
      acc.mask |= SHARE_BIT;
      if (MEDIUM > acc.sev) acc.sev = MEDIUM;
    }
  }

  const mask = acc.mask;
  const categories: CategoryId[] = [];
  if (mask !== 0) for (let i = 0; i < CATEGORY_IDS.length; i++) if (mask & (1 << i)) categories.push(CATEGORY_IDS[i] as CategoryId);
  if (spans.length > 1) {
    sortSpans(spans);
    let w = 1;
    for (let r = 1; r < spans.length; r++) {
      const p = spans[w - 1] as EvidenceSpan;
      const s = spans[r] as EvidenceSpan;
      if (s.start !== p.start || s.end !== p.end || s.category !== p.category) spans[w++] = s;
    }
    spans.length = w;
  }
  const lang = opts.lang !== undefined && LANGS.has(opts.lang) ? (opts.lang as DetectedLang) : detectLang(tokens);
  return { categories, spans, lang, severity: acc.sev >= 0 ? (SEVERITIES[acc.sev] ?? null) : null, entries };
}

/** The token views of a message, for tests and for explaining what the matcher saw. */
export function debugTokens(text: string): { tokens: string[]; joined: string[] | null } {
  const lex = getLexicon();
  const view = fold(text);
  const tokens = tokenize(view, lex);
  const joined = joinSpacedLetters(tokens, view, lex);
  return { tokens: tokens.map((t) => t.p.key), joined: joined ? joined.map((t) => t.p.key) : null };
}
