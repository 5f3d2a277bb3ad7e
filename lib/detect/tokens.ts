import type { FoldedView } from './fold';
import { origEnd, origStart } from './fold';
import { cpInfo, CpKind, CONFUSABLES_CLOSE, CONFUSABLES_LOOSE } from './unicode';
import { isClusterStart, isKhmerWordChar } from './khmer';

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

const LEET: Readonly<Record<string, string>> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '6': 'g', '7': 't', '8': 'b', '9': 'g',
  '@': 'a', $: 's', '!': 'i', '|': 'l', '+': 't',
};

function isAsciiLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2019 || c === 0x60 || c === 0x2bc;
}
function isLeetSymbol(c: number): boolean {
  return c === 0x40 || c === 0x24 || c === 0x21 || c === 0x7c || c === 0x2b;
}
function isOtherLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80 || isKhmerWordChar(c)) return false;
  const cp = text.codePointAt(i) ?? 0;
  const k = cpInfo(cp).kind;
  return k === CpKind.Letter || k === CpKind.Other && /\p{L}/u.test(String.fromCodePoint(cp));
}
function isWordCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return isAsciiLetter(c) || isDigit(c) || (c >= 0x80 && isOtherLetter(text, i));
}
function isEmojiAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 0x200d) return true;
  if (c < 0x80) return false;
  const k = cpInfo(text.codePointAt(i) ?? 0).kind;
  return k === CpKind.Emoji || k === CpKind.EmojiPart;
}

/** Collapses runs of three or more equal letters to two ("meeeet" → "meet"); digits untouched. */
function collapseToTwo(w: string): string {
  return w.replace(/([a-z])\1{2,}/g, '$1$1');
}
/** Every run of equal letters to one: the key under which vocabulary words are also indexed. */
export function skeleton(w: string): string {
  return w.replace(/([a-z])\1+/g, '$1');
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

function hasNonAscii(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (w.charCodeAt(i) >= 0x80) return true;
  return false;
}

function foldConfusables(w: string): string {
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

interface Piece {
  key: string;
  alt: string | null;
  kind: TokenKind;
  money: boolean;
  /** Offsets inside the raw word where this piece starts and ends (for split words). */
  from: number;
  to: number;
  cls: ClassList | null;
  altCls: ClassList | null;
  phr: PhraseNode | null;
  altPhr: PhraseNode | null;
}

/** Every piece has the same shape, so the code reading them stays monomorphic (and fast). */
function piece(key: string, alt: string | null, kind: TokenKind, money: boolean, from: number, to: number): Piece {
  return { key, alt, kind, money, from, to, cls: null, altCls: null, phr: null, altPhr: null };
}

const RE_NUM_THEN_WORD = /^([0-9]+)([a-z]+)$/;
const RE_WORD_THEN_NUM = /^([a-z]+)([0-9]+)$/;

function withStem(key: string, vocab: VocabIndex): string | null {
  const st = stemOf(key, vocab);
  return st !== null && st !== key ? st : null;
}

const PIECE_CACHE_LIMIT = 20_000;
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
  if (hit) return hit;
  const pieces = resolveUncached(raw, vocab);
  for (const p of pieces) {
    p.cls = vocab.classesOf(p.key) ?? null;
    p.phr = vocab.phrasesOf(p.key) ?? null;
    if (p.alt !== null) {
      p.altCls = vocab.classesOf(p.alt) ?? null;
      p.altPhr = vocab.phrasesOf(p.alt) ?? null;
    }
  }
  if (cache.size >= PIECE_CACHE_LIMIT) cache.clear();
  cache.set(raw, pieces);
  return pieces;
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
    return [piece(key, withStem(key, vocab), TokenKind.Word, false, 0, len)];
  }
  if (digits === len) return [piece(raw, null, TokenKind.Number, false, 0, len)];
  if (dollars > 0 && digits + dollars === len) {
    return [piece(raw.replace(/\$/g, ''), null, TokenKind.Number, true, 0, len)];
  }
  if (vocab.isWord(raw)) return [piece(raw, null, TokenKind.Word, false, 0, len)];
  if (letters === 0 && digits === 0) return [piece(raw, null, TokenKind.Word, false, 0, len)];
  const variants = leetVariants(raw);
  for (const v of variants) {
    if (!isLetters(v)) continue;
    const r = resolveWord(v, vocab);
    if (r !== null) return [piece(r, withStem(r, vocab), TokenKind.Word, false, 0, len)];
  }
  const a = RE_NUM_THEN_WORD.exec(raw) ?? RE_WORD_THEN_NUM.exec(raw);
  if (a) {
    const first = a[1] ?? '';
    const second = a[2] ?? '';
    const split = first.length;
    const mk = (s: string, from: number, to: number): Piece =>
      isDigits(s) ? piece(s, null, TokenKind.Number, false, from, to) : piece(resolveWord(s, vocab) ?? s, null, TokenKind.Word, false, from, to);
    return [mk(first, 0, split), mk(second, split, len)];
  }
  return [piece(variants[0] ?? raw, null, TokenKind.Word, false, 0, len)];
}

function isLetters(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isAsciiLetter(s.charCodeAt(i))) return false;
  return s.length > 0;
}
function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return s.length > 0;
}

/** The token view of a folded message. */
export function tokenize(view: FoldedView, vocab: VocabIndex): Token[] {
  const t = view.text;
  const n = t.length;
  const out: Token[] = [];
  let i = 0;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (isWordCharAt(t, i) || (c === 0x24 && i + 1 < n && isDigit(t.charCodeAt(i + 1)))) {
      i = readWord(view, i, vocab, out);
    } else if (c === 0x23) {
      // "#" alone stands for "number" in chat ("whats ur #").
      out.push(plainToken(view, '#', TokenKind.Word, i, i + 1, vocab));
      i++;
    } else if (isKhmerWordChar(c)) {
      let j = i + 1;
      while (j < n && isKhmerWordChar(t.charCodeAt(j))) j++;
      segmentKhmer(view, i, j, vocab, out);
      i = j;
    } else if (c >= 0x80 && isEmojiAt(t, i)) {
      let j = i;
      while (j < n && isEmojiAt(t, j)) j += t.codePointAt(j)! > 0xffff ? 2 : 1;
      readEmoji(view, i, j, vocab, out);
      i = j;
    } else {
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
  }
  return out;
}

function readWord(view: FoldedView, start: number, vocab: VocabIndex, out: Token[]): number {
  const t = view.text;
  const n = t.length;
  let j = start;
  let simple = true;
  // Fast path: a run of ASCII letters and digits is its own raw form.
  while (j < n) {
    const c = t.charCodeAt(j);
    if (isAsciiLetter(c) || isDigit(c)) j++;
    else break;
  }
  if (j < n) {
    const c = t.charCodeAt(j);
    if (c >= 0x80 || isApostrophe(c) || isLeetSymbol(c) || c === 0x24) simple = false;
  }
  if (t.charCodeAt(start) === 0x24) simple = false;
  let raw: string;
  let rawPos: number[] | null = null;
  if (simple) {
    raw = t.slice(start, j);
  } else {
    j = start;
    raw = '';
    rawPos = [];
    while (j < n) {
      const c = t.charCodeAt(j);
      if (isWordCharAt(t, j) || (c === 0x24 && j === start)) {
        const w = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
        raw += t.slice(j, j + w);
        rawPos.push(j);
        if (w === 2) rawPos.push(j + 1);
        j += w;
      } else if ((isApostrophe(c) || isLeetSymbol(c)) && j + 1 < n && isWordCharAt(t, j + 1)) {
        if (!isApostrophe(c)) {
          raw += t[j];
          rawPos.push(j);
        }
        j++;
      } else if ((c === 0x24 || c === 0x2b) && j > start && isDigit(t.charCodeAt(j - 1))) {
        raw += t[j];
        rawPos.push(j);
        j++;
      } else break;
    }
    if (raw === '') return j > start ? j : start + 1;
  }
  const folded = simple || !hasNonAscii(raw) ? raw : foldConfusables(raw);
  const single = raw.length === 1;
  const pieces = resolveRaw(folded, vocab);
  for (const p of pieces) {
    // Confusable folding keeps one character per character, so raw positions still line up.
    const fs = rawPos ? (rawPos[Math.min(p.from, rawPos.length - 1)] ?? start) : start + p.from;
    const fe = rawPos ? (rawPos[Math.min(p.to, rawPos.length) - 1] ?? start) + 1 : start + p.to;
    out.push({
      key: p.key,
      alt: p.alt,
      kind: p.kind,
      start: origStart(view, fs),
      end: origEnd(view, fe - 1),
      fStart: fs,
      fEnd: fe,
      money: p.money,
      single,
      cls: p.cls,
      altCls: p.altCls,
      phr: p.phr,
      altPhr: p.altPhr,
    });
  }
  return j;
}

function readEmoji(view: FoldedView, start: number, end: number, vocab: VocabIndex, out: Token[]): void {
  const t = view.text;
  let i = start;
  let last = '';
  while (i < end) {
    // One emoji: a pictograph with its modifiers and ZWJ-joined parts.
    let j = i + (t.codePointAt(i)! > 0xffff ? 2 : 1);
    while (j < end) {
      const c = t.codePointAt(j) ?? 0;
      if (c === 0x200d) {
        j += 1;
        if (j < end) j += t.codePointAt(j)! > 0xffff ? 2 : 1;
        continue;
      }
      if (cpInfo(c).kind === CpKind.EmojiPart) {
        j += c > 0xffff ? 2 : 1;
        continue;
      }
      break;
    }
    const seq = t.slice(i, j);
    const base = String.fromCodePoint(t.codePointAt(i) ?? 0);
    const concept = vocab.emoji.get(seq) ?? vocab.emoji.get(base);
    if (concept !== undefined && concept !== last) {
      out.push(plainToken(view, concept, TokenKind.Emoji, i, j, vocab));
    }
    last = concept ?? '';
    i = j;
  }
}

const UNKNOWN_CLUSTERS_PER_TOKEN = 3;
const INF = 0x3fffffff;
// Scratch for the segmenter, grown on demand: analysis is synchronous, so one set is enough.
let segUnk = new Int32Array(64);
let segCnt = new Int32Array(64);
let segBack = new Int32Array(64);
let segKnown = new Uint8Array(64);

function pushSeg(view: FoldedView, a: number, b: number, kind: TokenKind, out: Token[], vocab: VocabIndex): void {
  out.push(plainToken(view, view.text.slice(a, b), kind, a, b, vocab));
}

/** A token whose key needs no resolving (an emoji concept, a Khmer word, "#"). */
function plainToken(view: FoldedView, key: string, kind: TokenKind, a: number, b: number, vocab: VocabIndex): Token {
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

/**
 * Splits a Khmer run into lexicon words by dynamic programming: fewest unknown characters first,
 * then the most known words, so that compounds the lexicon lists (ប៉ាម៉ាក់) come out as their
 * parts (ប៉ា ម៉ាក់) and patterns can use either. Words may only start and end at cluster
 * boundaries, so "អូន" is not found inside "ប្អូន". Unknown stretches become placeholder tokens
 * (one per few clusters) so that distances between words stay meaningful.
 */
function segmentKhmer(view: FoldedView, from: number, to: number, vocab: VocabIndex, out: Token[]): void {
  const t = view.text;
  const n = to - from;
  if (segUnk.length < n + 1) {
    const size = Math.max(n + 1, segUnk.length * 2);
    segUnk = new Int32Array(size);
    segCnt = new Int32Array(size);
    segBack = new Int32Array(size);
    segKnown = new Uint8Array(size);
  }
  const unk = segUnk;
  const cnt = segCnt;
  const back = segBack;
  const known = segKnown;
  for (let q = 0; q <= n; q++) {
    unk[q] = INF;
    cnt[q] = 0;
    back[q] = -1;
    known[q] = 0;
  }
  unk[0] = 0;
  for (let p = 0; p < n; p++) {
    const u = unk[p] as number;
    if (u === INF || (p > 0 && !isClusterStart(t, from + p))) continue;
    const k = cnt[p] as number;
    let q = p + 1;
    while (q < n && !isClusterStart(t, from + q)) q++;
    const uq = u + (q - p);
    if (uq < (unk[q] as number) || (uq === unk[q] && k > (cnt[q] as number))) {
      unk[q] = uq;
      cnt[q] = k;
      back[q] = p;
      known[q] = 0;
    }
    let node: TrieNode | undefined = vocab.khmer;
    for (let e = p; e < n; e++) {
      node = node.next.get(t.charCodeAt(from + e));
      if (!node) break;
      const end = e + 1;
      if (node.term && (end === n || isClusterStart(t, from + end))) {
        if (u < (unk[end] as number) || (u === unk[end] && k + 1 > (cnt[end] as number))) {
          unk[end] = u;
          cnt[end] = k + 1;
          back[end] = p;
          known[end] = 1;
        }
      }
    }
  }
  // Walk back from the end, then emit left to right.
  const segs: number[] = [];
  for (let q = n; q > 0; ) {
    const p = back[q] as number;
    segs.push(q, p);
    q = p;
  }
  let clusters = 0;
  let unkStart = -1;
  for (let i = segs.length - 2; i >= 0; i -= 2) {
    const b = segs[i] as number;
    const a = segs[i + 1] as number;
    if (known[b] === 1) {
      if (unkStart >= 0) pushSeg(view, from + unkStart, from + a, TokenKind.KhmerUnknown, out, vocab);
      unkStart = -1;
      clusters = 0;
      pushSeg(view, from + a, from + b, TokenKind.Khmer, out, vocab);
      continue;
    }
    if (unkStart < 0) unkStart = a;
    if (++clusters === UNKNOWN_CLUSTERS_PER_TOKEN) {
      pushSeg(view, from + unkStart, from + b, TokenKind.KhmerUnknown, out, vocab);
      unkStart = -1;
      clusters = 0;
    }
  }
  if (unkStart >= 0) pushSeg(view, from + unkStart, from + n, TokenKind.KhmerUnknown, out, vocab);
}

const SPACER = /^[ .\-_/*,·+~]{1,3}$/;
const MAX_JOIN = 64;

/**
 * The view with spaced-out letters joined ("s e n d  p i c" → send pic). Returns null when the
 * message has no run of three or more single letters. Wider gaps inside a run separate words;
 * a joined word the vocabulary does not know is split into known words where possible.
 */
export function joinSpacedLetters(tokens: readonly Token[], view: FoldedView, vocab: VocabIndex): Token[] | null {
  let singles = 0;
  for (const t of tokens) if (t.single) singles++;
  if (singles < 3) return null;
  let changed = false;
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    const cur = tokens[i] as Token;
    let j = i + 1;
    if (cur.single) {
      while (j < tokens.length) {
        const a = tokens[j - 1] as Token;
        const b = tokens[j] as Token;
        if (!b.single || !SPACER.test(view.text.slice(a.fEnd, b.fStart))) break;
        j++;
      }
    }
    const run = tokens.slice(i, j);
    i = j;
    if (run.length < 3 || run.length > MAX_JOIN) {
      for (const t of run) out.push(t);
      continue;
    }
    changed = true;
    const gaps: number[] = [];
    for (let k = 1; k < run.length; k++) gaps.push((run[k] as Token).fStart - (run[k - 1] as Token).fEnd);
    const minGap = Math.min(...gaps);
    let wordStart = 0;
    for (let k = 1; k <= run.length; k++) {
      if (k === run.length || (gaps[k - 1] ?? 0) > minGap) {
        emitJoined(run.slice(wordStart, k), view, vocab, out);
        wordStart = k;
      }
    }
  }
  return changed ? out : null;
}

function emitJoined(letters: Token[], view: FoldedView, vocab: VocabIndex, out: Token[]): void {
  const raw = letters.map((tk) => view.text.slice(tk.fStart, tk.fEnd)).join('');
  const mk = (key: string, kind: TokenKind, a: number, b: number): Token => {
    const first = letters[a] as Token;
    const last = letters[b - 1] as Token;
    const alt = withStem(key, vocab);
    return {
      key,
      alt,
      kind,
      start: first.start,
      end: last.end,
      fStart: first.fStart,
      fEnd: last.fEnd,
      money: false,
      single: false,
      cls: vocab.classesOf(key) ?? null,
      altCls: alt !== null ? (vocab.classesOf(alt) ?? null) : null,
      phr: vocab.phrasesOf(key) ?? null,
      altPhr: alt !== null ? (vocab.phrasesOf(alt) ?? null) : null,
    };
  };
  const pieces = resolveRaw(raw, vocab);
  const p0 = pieces[0];
  if (pieces.length === 1 && p0 && (p0.kind === TokenKind.Number || vocab.isWord(p0.key))) {
    out.push(mk(p0.key, p0.kind, 0, letters.length));
    return;
  }
  const seg = segmentWords(raw, vocab);
  if (seg) {
    for (const [a, b] of seg) {
      const piece = raw.slice(a, b);
      out.push(mk(piece, isDigits(piece) ? TokenKind.Number : TokenKind.Word, a, b));
    }
    return;
  }
  out.push(mk(p0?.key ?? raw, p0?.kind ?? TokenKind.Word, 0, letters.length));
}

let segVocab: VocabIndex | null = null;
let segCache = new Map<string, Array<[number, number]> | null>();

/** Fewest known words that spell `s` exactly, or null (cached: the same runs recur). */
function segmentWords(s: string, vocab: VocabIndex): Array<[number, number]> | null {
  if (segVocab !== vocab) {
    segVocab = vocab;
    segCache = new Map();
  }
  const cache = segCache;
  const hit = cache.get(s);
  if (hit !== undefined) return hit;
  const r = segmentUncached(s, vocab);
  if (cache.size >= PIECE_CACHE_LIMIT) cache.clear();
  cache.set(s, r);
  return r;
}

function segmentUncached(s: string, vocab: VocabIndex): Array<[number, number]> | null {
  const n = s.length;
  const best = new Int32Array(n + 1).fill(0x3fffffff);
  const back = new Int32Array(n + 1).fill(-1);
  best[0] = 0;
  for (let p = 0; p < n; p++) {
    if ((best[p] ?? 0) >= 0x3fffffff) continue;
    for (let q = p + 1; q <= Math.min(n, p + 20); q++) {
      const piece = s.slice(p, q);
      if (!vocab.isWord(piece) && !isDigits(piece)) continue;
      if ((best[p] ?? 0) + 1 < (best[q] ?? 0)) {
        best[q] = (best[p] ?? 0) + 1;
        back[q] = p;
      }
    }
  }
  if ((best[n] ?? 0) >= 0x3fffffff) return null;
  const segs: Array<[number, number]> = [];
  for (let q = n; q > 0; q = back[q] ?? 0) segs.push([back[q] ?? 0, q]);
  return segs.reverse();
}
