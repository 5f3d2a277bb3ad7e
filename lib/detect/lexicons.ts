import en from './lexicons/en.json';
import km from './lexicons/km.json';
import kmLatn from './lexicons/km-Latn.json';
import emoji from './lexicons/emoji.json';
import { encodeLexicon } from './lexicon-codec';
import { LEXICON_DATA } from './lexicon-data';
import { resolveLexicons } from './compile';
import { asLexicon, type Lexicon } from './lexicon-schema';

/**
 * The lexicon files as data: the human-edited source of truth. The extension does not bundle them;
 * it loads the compact compiled form in lexicon-data.ts, which `npx tsx scripts/build-lexicon.ts`
 * writes from them (see lexicon-runtime.ts). Tests and scripts import this module.
 */
export const LEXICON_FILES: ReadonlyArray<{ file: string; data: unknown }> = [
  { file: 'en.json', data: en },
  { file: 'km.json', data: km },
  { file: 'km-Latn.json', data: kmLatn },
];

export const EMOJI_CONCEPTS: Readonly<Record<string, string>> = emoji;

/** The lexicons, checked against the schema (a broken file throws, naming the file and entry). */
export function loadLexicons(): Lexicon[] {
  return LEXICON_FILES.map((f) => asLexicon(f.data, f.file));
}

/** What lexicon-data.ts must hold for the lexicon files as they are now. */
export function encodeLexiconFiles(): string {
  return encodeLexicon(resolveLexicons(loadLexicons(), EMOJI_CONCEPTS));
}

/** The command that rewrites lexicon-data.ts after a lexicon file was edited. */
export const REBUILD_LEXICON_COMMAND = 'npx tsx scripts/build-lexicon.ts';

/**
 * Null when lexicon-data.ts matches the lexicon files, else a sentence saying what to run. The
 * detector reads lexicon-data.ts, so scripts that judge the lexicon (eval, scan) check this first.
 */
export function staleLexiconData(): string | null {
  if (encodeLexiconFiles() === LEXICON_DATA) return null;
  return `lib/detect/lexicon-data.ts is out of date with the lexicon files in lib/detect/lexicons/: run ${REBUILD_LEXICON_COMMAND}`;
}

export { getLexicon } from './lexicon-runtime';
