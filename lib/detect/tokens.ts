import type { FoldedView } from './fold';
import { origEnd, origStart } from './fold';
import { cpInfo, CpKind } from './unicode';
import { isKhmerWordChar } from './khmer';
import { isApostrophe, isAsciiLetter, isDigit, isEmojiAt, isLeetSymbol, isWordCharAt } from './chars';
import { segmentKhmer } from './khmer-segment';
import { plainToken, TokenKind, type Token, type VocabIndex } from './token';
import { foldConfusables, hasNonAscii, resolveRaw } from './words';

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
  const identity = view.map === null;
  for (const p of pieces) {
    // Confusable folding keeps one character per character, so raw positions still line up.
    const fs = rawPos ? (rawPos[Math.min(p.from, rawPos.length - 1)] ?? start) : start + p.from;
    const fe = rawPos ? (rawPos[Math.min(p.to, rawPos.length) - 1] ?? start) + 1 : start + p.to;
    out.push({
      key: p.key,
      alt: p.alt,
      kind: p.kind,
      start: identity ? fs : origStart(view, fs),
      end: identity ? fe : origEnd(view, fe - 1),
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
