import { CATEGORY_IDS, CATEGORY_INDEX, type CategoryId } from './categories';
import { DIR_IN, DIR_OUT, type CompiledLexicon } from './compile';
import { fold, origEnd, origStart } from './fold';
import { detectLang, type DetectedLang } from './lang';
import { SEVERITIES, type Severity } from './lexicon-schema';
import { getLexicon } from './lexicons';
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
const SHARE_INDEX = CATEGORY_INDEX.share_personal_info;
const MEDIUM = SEVERITIES.indexOf('medium');

let engine: { lex: CompiledLexicon; matcher: Matcher } | null = null;
const found: EntryMatch[] = [];

function getEngine(): { lex: CompiledLexicon; matcher: Matcher } {
  if (engine === null) {
    const lex = getLexicon();
    engine = { lex, matcher: new Matcher(lex) };
  }
  return engine;
}

/**
 * The taxonomy categories a message shows, with where in the text. Requests and threats are read
 * in messages to the child (`in`); the child's own messages (`out`) are read for personal details
 * given away. The language is detected; a valid hint (`lang`) from the caller is reported instead.
 */
export function analyzeMessage(text: string, opts: { dir: Dir; lang?: string }): MessageAnalysis {
  const { lex, matcher } = getEngine();
  const view = fold(typeof text === 'string' ? text : '');
  const tokens = tokenize(view, lex);
  const dirMask = opts.dir === 'out' ? DIR_OUT : DIR_IN;

  const spans: EvidenceSpan[] = [];
  const entries: string[] = [];
  let mask = 0;
  let sev = -1;
  const take = (stream: readonly Token[]): void => {
    found.length = 0;
    matcher.match(stream, dirMask, found);
    for (const m of found) {
      const e = lex.entries[m.entry];
      const a = stream[m.first];
      const b = stream[m.last];
      if (!e || !a || !b) continue;
      entries.push(e.id);
      const s = SEVERITIES.indexOf(e.severity);
      if (s > sev) sev = s;
      mask |= 1 << CATEGORY_INDEX[e.category];
      spans.push({ category: e.category, start: a.start, end: b.end });
    }
  };
  take(tokens);
  const joined = joinSpacedLetters(tokens, view, lex);
  if (joined) take(joined);

  if (dirMask === DIR_OUT) {
    for (const s of findPersonalInfo(view.text)) {
      spans.push({ category: 'share_personal_info', start: origStart(view, s.start), end: origEnd(view, s.end - 1) });
      entries.push(`code.${s.kind}`);
      mask |= 1 << SHARE_INDEX;
      if (MEDIUM > sev) sev = MEDIUM;
    }
  }

  const categories: CategoryId[] = [];
  for (let i = 0; i < CATEGORY_IDS.length; i++) if (mask & (1 << i)) categories.push(CATEGORY_IDS[i] as CategoryId);
  if (spans.length > 1) {
    spans.sort((x, y) => x.start - y.start || CATEGORY_INDEX[x.category] - CATEGORY_INDEX[y.category] || x.end - y.end);
    let w = 1;
    for (let r = 1; r < spans.length; r++) {
      const p = spans[w - 1] as EvidenceSpan;
      const s = spans[r] as EvidenceSpan;
      if (s.start !== p.start || s.end !== p.end || s.category !== p.category) spans[w++] = s;
    }
    spans.length = w;
  }
  const lang = opts.lang !== undefined && LANGS.has(opts.lang) ? (opts.lang as DetectedLang) : detectLang(tokens);
  return { categories, spans, lang, severity: sev >= 0 ? (SEVERITIES[sev] ?? null) : null, entries };
}

/** The token views of a message, for tests and for explaining what the matcher saw. */
export function debugTokens(text: string): { tokens: string[]; joined: string[] | null } {
  const { lex } = getEngine();
  const view = fold(text);
  const tokens = tokenize(view, lex);
  const joined = joinSpacedLetters(tokens, view, lex);
  return { tokens: tokens.map((t) => t.key), joined: joined ? joined.map((t) => t.key) : null };
}
