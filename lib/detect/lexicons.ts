import en from './lexicons/en.json';
import km from './lexicons/km.json';
import kmLatn from './lexicons/km-Latn.json';
import emoji from './lexicons/emoji.json';
import { compileLexicons, type CompiledLexicon } from './compile';
import { asLexicon, type Lexicon } from './lexicon-schema';

/** The lexicon files as data, checked against the schema when the module loads. */
export const LEXICON_FILES: ReadonlyArray<{ file: string; data: unknown }> = [
  { file: 'en.json', data: en },
  { file: 'km.json', data: km },
  { file: 'km-Latn.json', data: kmLatn },
];

export const EMOJI_CONCEPTS: Readonly<Record<string, string>> = emoji;

export const LEXICONS: readonly Lexicon[] = LEXICON_FILES.map((f) => asLexicon(f.data, f.file));

let compiled: CompiledLexicon | null = null;

/** Compiled once, on first use, so importing the module stays cheap for code that only needs types. */
export function getLexicon(): CompiledLexicon {
  compiled ??= compileLexicons(LEXICONS, EMOJI_CONCEPTS);
  return compiled;
}
