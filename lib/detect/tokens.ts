import type { FoldedView } from './fold';
import { origEnd, origStart } from './fold';
import { cpInfo, CpKind } from './unicode';
import { isKhmerWordChar } from './khmer';
import { isApostrophe, isAsciiLetter, isDigit, isEmojiAt, isLeetSymbol, isWordCharAt } from './chars';
import { segmentKhmer } from './khmer-segment';
import { TokenKind, type Piece, type Token, type VocabIndex } from './token';
import { foldConfusables, hasNonAscii, plainPiece, resolveRaw } from './words';

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
      out.push({ p: plainPiece('#', TokenKind.Word, vocab), start: origStart(view, i), end: origEnd(view, i), fStart: i, fEnd: i + 1, single: false });
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
  let hash = 0;
  // Fast path: a run of ASCII letters and digits is its own raw form.
  while (j < n) {
    const c = t.charCodeAt(j);
    if (isAsciiLetter(c) || isDigit(c)) {
      hash = (Math.imul(hash, 31) + c) | 0;
      j++;
    } else break;
  }
  if (j < n) {
    const c = t.charCodeAt(j);
    if (c >= 0x80 || isApostrophe(c) || isLeetSymbol(c) || c === 0x24) simple = false;
  }
  if (t.charCodeAt(start) === 0x24) simple = false;
  if (simple) {
    let pieces = recentWord(t, start, j, hash, vocab);
    if (pieces === undefined) {
      const raw = t.slice(start, j);
      pieces = resolveRaw(raw, vocab);
      rememberWord(raw, hash, pieces);
    }
    pushPieces(view, start, j - start === 1, null, pieces, out);
    return j;
  }
  // The general case: apostrophes dropped, leet symbols and "$" kept, positions remembered.
  let raw = '';
  const rawPos: number[] = [];
  j = start;
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
  const folded = !hasNonAscii(raw) ? raw : foldConfusables(raw);
  pushPieces(view, start, raw.length === 1, rawPos, resolveRaw(folded, vocab), out);
  return j;
}

function pushPieces(view: FoldedView, start: number, single: boolean, rawPos: number[] | null, pieces: readonly Piece[], out: Token[]): void {
  const identity = view.map === null;
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k] as Piece;
    // Confusable folding keeps one character per character, so raw positions still line up.
    const fs = rawPos ? (rawPos[Math.min(p.from, rawPos.length - 1)] ?? start) : start + p.from;
    const fe = rawPos ? (rawPos[Math.min(p.to, rawPos.length) - 1] ?? start) + 1 : start + p.to;
    out.push({ p, start: identity ? fs : origStart(view, fs), end: identity ? fe : origEnd(view, fe - 1), fStart: fs, fEnd: fe, single });
  }
}

/**
 * The pieces of recently seen plain words (ASCII letters and digits), found by a hash computed
 * while scanning and compared in place: no string is cut out of the message for a word seen
 * before. A small open-addressing table; collisions overwrite (it is only a cache in front of
 * resolveRaw's).
 */
const RECENT_SIZE = 4096;
const RECENT_MASK = RECENT_SIZE - 1;
const RECENT_PROBES = 4;
let recentVocab: VocabIndex | null = null;
const recentKey: Array<string | undefined> = new Array<string | undefined>(RECENT_SIZE).fill(undefined);
const recentPieces: Array<readonly Piece[] | undefined> = new Array<readonly Piece[] | undefined>(RECENT_SIZE).fill(undefined);
const recentHash = new Int32Array(RECENT_SIZE);

function recentWord(t: string, start: number, end: number, hash: number, vocab: VocabIndex): readonly Piece[] | undefined {
  if (recentVocab !== vocab) {
    recentVocab = vocab;
    recentKey.fill(undefined);
    recentPieces.fill(undefined);
    return undefined;
  }
  const len = end - start;
  let slot = hash & RECENT_MASK;
  for (let probe = 0; probe < RECENT_PROBES; probe++) {
    const k = recentKey[slot];
    if (k === undefined) return undefined;
    if (recentHash[slot] === hash && k.length === len) {
      let same = true;
      for (let x = 0; x < len; x++) {
        if (k.charCodeAt(x) !== t.charCodeAt(start + x)) {
          same = false;
          break;
        }
      }
      if (same) return recentPieces[slot];
    }
    slot = (slot + 1) & RECENT_MASK;
  }
  return undefined;
}

function rememberWord(raw: string, hash: number, pieces: readonly Piece[]): void {
  const home = hash & RECENT_MASK;
  let slot = home;
  for (let probe = 0; probe < RECENT_PROBES; probe++) {
    if (recentKey[slot] === undefined) break;
    slot = (slot + 1) & RECENT_MASK;
    if (probe === RECENT_PROBES - 1) slot = home;
  }
  recentKey[slot] = raw;
  recentHash[slot] = hash;
  recentPieces[slot] = pieces;
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
      out.push({ p: plainPiece(concept, TokenKind.Emoji, vocab), start: origStart(view, i), end: origEnd(view, j - 1), fStart: i, fEnd: j, single: false });
    }
    last = concept ?? '';
    i = j;
  }
}
