import { CONFUSABLES_CLOSE, CONFUSABLES_LOOSE } from './unicode';
import { isAsciiLetter, isDigit, isLeetSymbol } from './chars';
import { makePiece, TokenKind, type Piece, type VocabIndex } from './token';

const LEET: Readonly<Record<string, string>> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '6': 'g', '7': 't', '8': 'b', '9': 'g',
  '@': 'a', $: 's', '!': 'i', '|': 'l', '+': 't',
};

/** Collapses runs of three or more equal letters to two ("meeeet" → "meet"); digits untouched. */
function collapseToTwo(w: string): string {
  return w.replace(/([a-z])\1{2,}/g, '$1$1');
}
/** Every run of equal letters to one: the key under which vocabulary words are also indexed. */
export function skeleton(w: string): string {
  let out = '';
  let from = 0;
  for (let i = 1; i <= w.length; i++) {
    const c = w.charCodeAt(i - 1);
    if (i < w.length && w.charCodeAt(i) === c && isAsciiLetter(c)) {
      out += w.slice(from, i);
      while (i < w.length && w.charCodeAt(i) === c) i++;
      from = i;
    }
  }
  return from === 0 ? w : out + w.slice(from);
}
function hasRun(w: string): boolean {
  for (let i = 1; i < w.length; i++) if (w.charCodeAt(i) === w.charCodeAt(i - 1) && isAsciiLetter(w.charCodeAt(i))) return true;
  return false;
}

/** The vocabulary word a letters-only word stands for, undoing elongation and a plural. */
export function resolveWord(w: string, vocab: VocabIndex, allowStem = true): string | null {
  if (vocab.isWord(w)) return w;
  if (hasRun(w)) {
    const two = collapseToTwo(w);
    if (two !== w && vocab.isWord(two)) return two;
    // Of the words that differ only in run lengths, the longest one the token can shrink to
    // ("aaadd" → "add", not "ad").
    let best: string | null = null;
    for (const k of vocab.bySkeleton(skeleton(w)) ?? []) if (shrinksTo(w, k) && (best === null || k.length > best.length)) best = k;
    if (best !== null) return best;
  }
  if (allowStem) {
    const st = stemOf(w, vocab);
    if (st !== null) return st;
  }
  return null;
}

/** True when `to` is `from` with some letter runs shortened (same letters, same order). */
function shrinksTo(from: string, to: string): boolean {
  let i = 0;
  let j = 0;
  while (i < from.length && j < to.length) {
    const c = from.charCodeAt(i);
    if (c !== to.charCodeAt(j)) return false;
    let a = 0;
    while (i < from.length && from.charCodeAt(i) === c) {
      i++;
      a++;
    }
    let b = 0;
    while (j < to.length && to.charCodeAt(j) === c) {
      j++;
      b++;
    }
    if (b > a) return false;
  }
  return i === from.length && j === to.length;
}

/** The known singular of a plural-looking word ("pics", "picz", "parents"), if any. */
export function stemOf(w: string, vocab: VocabIndex): string | null {
  if (w.length < 4) return null;
  const last = w.charCodeAt(w.length - 1);
  if (last !== 115 && last !== 122) return null;
  return resolveWord(w.slice(0, -1), vocab, false);
}

/** Readings of a word that mixes letters with digits or symbols; the first is the usual one. */
export function leetVariants(w: string): string[] {
  let primary = '';
  for (const ch of w) primary += LEET[ch] ?? ch;
  const out = [primary];
  if (w.includes('1')) out.push(w.replace(/[^a-z1]/g, (ch) => LEET[ch] ?? ch).replace(/1/g, 'l'));
  if (/[a-z]1$/.test(w)) out.push(`${[...w.slice(0, -1)].map((ch) => LEET[ch] ?? ch).join('')}one`);
  if (w.length > 1 && w[0] === '2') out.push(`to${[...w.slice(1)].map((ch) => LEET[ch] ?? ch).join('')}`);
  if (w.includes('8')) out.push([...w].map((ch) => (ch === '8' ? 'ate' : LEET[ch] ?? ch)).join(''));
  if (w.includes('|')) out.push(primary.replace(/l/g, 'i'));
  return out;
}

export function hasNonAscii(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (w.charCodeAt(i) >= 0x80) return true;
  return false;
}

export function foldConfusables(w: string): string {
  let hasLatin = false;
  let allClose = true;
  for (const ch of w) {
    const c = ch.charCodeAt(0);
    if (isAsciiLetter(c)) hasLatin = true;
    else if (!CONFUSABLES_CLOSE.has(ch) && !isDigit(c) && !isLeetSymbol(c)) allClose = false;
  }
  if (!hasLatin && !allClose) return w;
  let out = '';
  for (const ch of w) out += CONFUSABLES_CLOSE.get(ch) ?? (hasLatin ? CONFUSABLES_LOOSE.get(ch) : undefined) ?? ch;
  return out;
}

const RE_NUM_THEN_WORD = /^([0-9]+)([a-z]+)$/;
const RE_WORD_THEN_NUM = /^([a-z]+)([0-9]+)$/;

export function withStem(key: string, vocab: VocabIndex): string | null {
  const st = stemOf(key, vocab);
  return st !== null && st !== key ? st : null;
}

export const PIECE_CACHE_LIMIT = 20_000;
// One cache per vocabulary; the detector uses one vocabulary, so remember the last one.
let cacheVocab: VocabIndex | null = null;
let pieceCache = new Map<string, readonly Piece[]>();

/**
 * Canonical pieces for one raw word (usually one; a number glued to a word splits in two).
 * Chat repeats its words, so results are cached per vocabulary (bounded).
 */
export function resolveRaw(raw: string, vocab: VocabIndex): readonly Piece[] {
  if (cacheVocab !== vocab) {
    cacheVocab = vocab;
    pieceCache = new Map();
  }
  const cache = pieceCache;
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const pieces = resolveUncached(raw, vocab);
  if (cache.size >= PIECE_CACHE_LIMIT) cache.clear();
  cache.set(raw, pieces);
  return pieces;
}

// Pieces for tokens that need no resolving: Khmer words, emoji concepts, "#" (same vocabulary rule).
let plainVocab: VocabIndex | null = null;
let plainCache = new Map<string, Piece>();
let khmerCache = new Map<string, Piece>();
let khmerWordPieces: Array<Piece | undefined> = [];

function checkPlainVocab(vocab: VocabIndex): void {
  if (plainVocab !== vocab) {
    plainVocab = vocab;
    plainCache = new Map();
    khmerCache = new Map();
    khmerWordPieces = [];
  }
}

/** The piece of a key that needs no resolving: "#" or an emoji concept (kind Word or Emoji). */
export function plainPiece(key: string, kind: TokenKind, vocab: VocabIndex): Piece {
  checkPlainVocab(vocab);
  let p = plainCache.get(key);
  if (p === undefined || p.kind !== kind) {
    p = makePiece(key, null, kind, false, 0, key.length, vocab);
    if (plainCache.size >= PIECE_CACHE_LIMIT) plainCache.clear();
    plainCache.set(key, p);
  }
  return p;
}

/** The piece of a stretch of Khmer the lexicon does not know. */
export function unknownKhmerPiece(key: string, vocab: VocabIndex): Piece {
  checkPlainVocab(vocab);
  let p = khmerCache.get(key);
  if (p === undefined) {
    p = makePiece(key, null, TokenKind.KhmerUnknown, false, 0, key.length, vocab);
    if (khmerCache.size >= PIECE_CACHE_LIMIT) khmerCache.clear();
    khmerCache.set(key, p);
  }
  return p;
}

/** The piece of Khmer lexicon word number `index` (see KhmerTrie.words). */
export function khmerWordPiece(index: number, vocab: VocabIndex): Piece {
  checkPlainVocab(vocab);
  let p = khmerWordPieces[index];
  if (p === undefined) {
    const key = vocab.khmer.words[index] as string;
    p = makePiece(key, null, TokenKind.Khmer, false, 0, key.length, vocab);
    khmerWordPieces[index] = p;
  }
  return p;
}

function resolveUncached(raw: string, vocab: VocabIndex): Piece[] {
  const len = raw.length;
  let letters = 0;
  let digits = 0;
  let dollars = 0;
  for (let i = 0; i < len; i++) {
    const c = raw.charCodeAt(i);
    if (isAsciiLetter(c)) letters++;
    else if (isDigit(c)) digits++;
    else if (c === 0x24) dollars++;
  }
  if (letters === len) {
    const key = resolveWord(raw, vocab) ?? raw;
    return [makePiece(key, withStem(key, vocab), TokenKind.Word, false, 0, len, vocab)];
  }
  if (digits === len) return [makePiece(raw, null, TokenKind.Number, false, 0, len, vocab)];
  if (dollars > 0 && digits + dollars === len) {
    return [makePiece(raw.replace(/\$/g, ''), null, TokenKind.Number, true, 0, len, vocab)];
  }
  if (vocab.isWord(raw)) return [makePiece(raw, null, TokenKind.Word, false, 0, len, vocab)];
  if (letters === 0 && digits === 0) return [makePiece(raw, null, TokenKind.Word, false, 0, len, vocab)];
  const variants = leetVariants(raw);
  for (const v of variants) {
    if (!isLetters(v)) continue;
    const r = resolveWord(v, vocab);
    if (r !== null) return [makePiece(r, withStem(r, vocab), TokenKind.Word, false, 0, len, vocab)];
  }
  const a = RE_NUM_THEN_WORD.exec(raw) ?? RE_WORD_THEN_NUM.exec(raw);
  if (a) {
    const first = a[1] ?? '';
    const second = a[2] ?? '';
    const split = first.length;
    return [splitPiece(first, 0, split, vocab), splitPiece(second, split, len, vocab)];
  }
  return [makePiece(variants[0] ?? raw, null, TokenKind.Word, false, 0, len, vocab)];
}

function splitPiece(s: string, from: number, to: number, vocab: VocabIndex): Piece {
  return isDigits(s)
    ? makePiece(s, null, TokenKind.Number, false, from, to, vocab)
    : makePiece(resolveWord(s, vocab) ?? s, null, TokenKind.Word, false, from, to, vocab);
}

export function isLetters(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isAsciiLetter(s.charCodeAt(i))) return false;
  return s.length > 0;
}
export function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return s.length > 0;
}
