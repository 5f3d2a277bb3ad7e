import { cpInfo, CpKind } from './unicode';
import { isKhmerWordChar } from './khmer';

/** Character tests shared by the tokenizer and word resolution (on folded text). */
export function isAsciiLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
export function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2019 || c === 0x60 || c === 0x2bc;
}
export function isLeetSymbol(c: number): boolean {
  return c === 0x40 || c === 0x24 || c === 0x21 || c === 0x7c || c === 0x2b;
}
export function isOtherLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80 || isKhmerWordChar(c)) return false;
  const cp = text.codePointAt(i) ?? 0;
  const k = cpInfo(cp).kind;
  return k === CpKind.Letter || k === CpKind.Other && /\p{L}/u.test(String.fromCodePoint(cp));
}
export function isWordCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return isAsciiLetter(c) || isDigit(c) || (c >= 0x80 && isOtherLetter(text, i));
}
export function isEmojiAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 0x200d) return true;
  if (c < 0x80) return false;
  const k = cpInfo(text.codePointAt(i) ?? 0).kind;
  return k === CpKind.Emoji || k === CpKind.EmojiPart;
}
