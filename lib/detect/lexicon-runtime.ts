import { buildLexiconSteps, type CompiledLexicon } from './compile';
import { decodeLexicon } from './lexicon-codec';
import { LEXICON_DATA } from './lexicon-data';

let compiled: CompiledLexicon | null = null;
let pending: Generator<void, CompiledLexicon, void> | null = null;

/**
 * The lexicon the detector uses, indexed on first use from the compact form that
 * scripts/build-lexicon.ts generates from lexicons/*.json (a unit test checks it is up to date).
 * No tokenizing here: that happened at build time. Finishes what prepareLexicon started.
 */
export function getLexicon(): CompiledLexicon {
  while (compiled === null) prepareLexicon(Infinity);
  return compiled;
}

/**
 * Indexes the lexicon in slices until `deadline` (a performance.now() time) or until it is done;
 * true when done. A page can call this from idle callbacks so that no single task indexes the whole
 * lexicon; whatever is left is done by the first getLexicon().
 */
export function prepareLexicon(deadline: number): boolean {
  if (compiled !== null) return true;
  pending ??= buildLexiconSteps(decodeLexicon(LEXICON_DATA));
  do {
    const step = pending.next();
    if (step.done) {
      compiled = step.value;
      pending = null;
      return true;
    }
  } while (performance.now() < deadline);
  return false;
}
