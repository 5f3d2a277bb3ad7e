import en from './lexicons/en.json';
import km from './lexicons/km.json';
import kmLatn from './lexicons/km-Latn.json';
import emoji from './lexicons/emoji.json';
import { compileLexicons, type CompiledLexicon } from './compile';
import { asLexicon, type Lexicon } from './lexicon-schema';

/** The lexicon files as data. Nothing here runs at import time, so bundles that only score drop them. */
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

let compiled: CompiledLexicon | null = null;

/** Compiled once, on first use, so importing the module stays cheap for code that only needs types. */
export function getLexicon(): CompiledLexicon {
  compiled ??= compileLexicons(loadLexicons(), EMOJI_CONCEPTS);
  return compiled;
}
