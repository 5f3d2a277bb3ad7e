import type { FoldedView } from './fold';
import { origEnd, origStart } from './fold';

export const enum TokenKind {
  Word = 0,
  Number = 1,
  Khmer = 2,
  KhmerUnknown = 3,
  Emoji = 4,
}

/** One unit of the token view. `start`/`end` are UTF-16 offsets into the original text. */
export interface Token {
  key: string;
  /** A second reading the lexicon knows: the singular of a plural ("pics" → "pic"). */
  alt: string | null;
  kind: TokenKind;
  start: number;
  end: number;
  /** Offsets in the folded text, used to see how far apart spaced-out letters are. */
  fStart: number;
  fEnd: number;
  /** A written amount of money ("$20", "50$"). */
  money: boolean;
  /** A single letter or digit as written: a candidate for joining spaced-out words. */
  single: boolean;
  /** Lexicon classes of `key` and `alt`, and the phrases that start with them (looked up once). */
  cls: ClassList | null;
  altCls: ClassList | null;
  phr: PhraseNode | null;
  altPhr: PhraseNode | null;
}

export type ClassList = readonly number[];

/** Multi-word class members, as a trie over token keys. */
export interface PhraseNode {
  next: Map<string, PhraseNode>;
  classes: number[];
}

export interface TrieNode {
  next: Map<number, TrieNode>;
  term: boolean;
}

/** What the tokenizer needs to know about the lexicon vocabulary. */
export interface VocabIndex {
  isWord(key: string): boolean;
  /** Classes of a single-token key, and phrases starting with it (empty while compiling). */
  classesOf(key: string): ClassList | undefined;
  phrasesOf(key: string): PhraseNode | undefined;
  /** Vocabulary words whose letter runs collapse to `skeleton`. */
  bySkeleton(skeleton: string): readonly string[] | undefined;
  khmer: TrieNode;
  emoji: ReadonlyMap<string, string>;
}

/** A token whose key needs no resolving (an emoji concept, a Khmer word, "#"). */
export function plainToken(view: FoldedView, key: string, kind: TokenKind, a: number, b: number, vocab: VocabIndex): Token {
  return {
    key,
    alt: null,
    kind,
    start: origStart(view, a),
    end: origEnd(view, b - 1),
    fStart: a,
    fEnd: b,
    money: false,
    single: false,
    cls: vocab.classesOf(key) ?? null,
    altCls: null,
    phr: vocab.phrasesOf(key) ?? null,
    altPhr: null,
  };
}
