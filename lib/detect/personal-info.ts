/**
 * Finds phone numbers, e-mail addresses, map coordinates and street addresses in folded text.
 * Hand-written scanners rather than regular expressions: each character is looked at a bounded
 * number of times, so a megabyte of digits or '@' costs no more than a megabyte of prose.
 */

export type InfoKind = 'phone' | 'email' | 'location' | 'address';

export interface InfoSpan {
  kind: InfoKind;
  /** Offsets in the folded text. */
  start: number;
  end: number;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isLatinLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}
function isPhoneSep(c: number): boolean {
  return c === 32 || c === 45 || c === 46 || c === 40 || c === 41 || c === 0xa0;
}

/** Cambodian mobiles (0xx xxx xxx[x], +855 xx xxx xxx[x]) and other international numbers. */
export function findPhones(t: string, out: InfoSpan[]): void {
  const n = t.length;
  let i = 0;
  while (i < n) {
    const c = t.charCodeAt(i);
    // Khmer text runs straight into digits once its spaces are folded away ("លេខខ្ញុំ012…"),
    // so only a Latin letter glued to the digits makes them part of a word (an ID, a code).
    if (!isDigit(c) || (i > 0 && (isLatinLetter(t.charCodeAt(i - 1)) || isDigit(t.charCodeAt(i - 1))))) {
      i++;
      continue;
    }
    let start = i;
    const plus = i > 0 && t.charCodeAt(i - 1) === 43;
    if (plus) start = i - 1;
    else if (i > 0 && t.charCodeAt(i - 1) === 40) start = i - 1;
    let digits = '';
    let j = i;
    let end = i;
    while (j < n && digits.length <= 16) {
      const d = t.charCodeAt(j);
      if (isDigit(d)) {
        digits += t[j];
        j++;
        end = j;
        continue;
      }
      // Up to two separators between digit groups ("012 345 678", "097-123-4567", "0 9 6 7").
      let k = j;
      while (k < n && k - j < 2 && isPhoneSep(t.charCodeAt(k))) k++;
      if (k > j && k < n && isDigit(t.charCodeAt(k))) {
        j = k;
        continue;
      }
      break;
    }
    const after = end < n ? t.charCodeAt(end) : 0;
    const glued = isLatinLetter(after);
    const len = digits.length;
    const ok =
      !glued &&
      ((plus && len >= 8 && len <= 15) ||
        (digits.startsWith('855') && len >= 11 && len <= 12) ||
        (digits[0] === '0' && digits[1] !== '0' && len >= 9 && len <= 11));
    if (ok) out.push({ kind: 'phone', start, end });
    i = Math.max(j, i + 1);
  }
}

const EMAIL_LOCAL = /[a-z0-9._%+-]/;
const EMAIL_DOMAIN = /[a-z0-9.-]/;

export function findEmails(t: string, out: InfoSpan[]): void {
  let from = 0;
  for (;;) {
    const at = t.indexOf('@', from);
    if (at < 0) return;
    from = at + 1;
    let a = at;
    while (a > 0 && at - a < 64 && EMAIL_LOCAL.test(t[a - 1] ?? '')) a--;
    let b = at + 1;
    while (b < t.length && b - at < 255 && EMAIL_DOMAIN.test(t[b] ?? '')) b++;
    while (b > at + 1 && (t[b - 1] === '.' || t[b - 1] === '-')) b--;
    const domain = t.slice(at + 1, b);
    const dot = domain.lastIndexOf('.');
    if (a < at && dot > 0 && /^[a-z]{2,}$/.test(domain.slice(dot + 1))) {
      out.push({ kind: 'email', start: a, end: b });
      from = b;
    }
  }
}

/** Decimal latitude/longitude pairs such as "11.5564, 104.9282". */
export function findCoordinates(t: string, out: InfoSpan[]): void {
  const nums: Array<{ v: number; s: number; e: number; decimals: number }> = [];
  const n = t.length;
  let i = 0;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (!isDigit(c) || (i > 0 && isDigit(t.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    let s = i;
    if (i > 0 && t[i - 1] === '-') s = i - 1;
    let j = i;
    while (j < n && isDigit(t.charCodeAt(j)) && j - i < 4) j++;
    let decimals = 0;
    if (t[j] === '.' && isDigit(t.charCodeAt(j + 1))) {
      j++;
      while (j < n && isDigit(t.charCodeAt(j)) && decimals < 12) {
        j++;
        decimals++;
      }
    }
    nums.push({ v: Number(t.slice(s, j)), s, e: j, decimals });
    i = Math.max(j, i + 1);
  }
  for (let k = 1; k < nums.length; k++) {
    const a = nums[k - 1];
    const b = nums[k];
    if (!a || !b || a.decimals < 3 || b.decimals < 3) continue;
    const between = t.slice(a.e, b.s);
    if (!/^[ ,;]{1,3}$/.test(between)) continue;
    if (Math.abs(a.v) <= 90 && Math.abs(b.v) <= 180) out.push({ kind: 'location', start: a.s, end: b.e });
  }
}

const ADDRESS_WORDS = new Set(['house', 'hse', 'street', 'st', 'str', 'road', 'rd', 'plov', 'phlov', 'apt', 'apartment', 'building', 'flat', 'lek', 'avenue', 'ave']);
/** Khmer address words; Khmer has no spaces, so they are found at the end of a Khmer run. */
const KHMER_ADDRESS_WORDS = ['ផ្ទះលេខ', 'ផ្លូវលេខ', 'ផ្លូវ', 'ភូមិលេខ'];

interface Word {
  text: string;
  s: number;
  e: number;
}

function isKhmer(c: number): boolean {
  return c >= 0x1780 && c <= 0x17dd;
}

function words(t: string): Word[] {
  const out: Word[] = [];
  const n = t.length;
  let i = 0;
  while (i < n) {
    const c = t.charCodeAt(i);
    const cls = isDigit(c) ? 1 : isLatinLetter(c) ? 2 : isKhmer(c) ? 3 : c === 35 ? 4 : 0;
    if (cls === 0) {
      i++;
      continue;
    }
    let j = i + 1;
    if (cls === 4) {
      out.push({ text: '#', s: i, e: j });
      i = j;
      continue;
    }
    const same = cls === 1 ? isDigit : cls === 2 ? isLatinLetter : isKhmer;
    while (j < n && same(t.charCodeAt(j))) j++;
    // A house number may carry one letter ("27b").
    if (cls === 1 && j < n && isLatinLetter(t.charCodeAt(j)) && !isLatinLetter(t.charCodeAt(j + 1))) j++;
    out.push({ text: t.slice(i, j), s: i, e: j });
    i = j;
  }
  return out;
}

const HOUSE_NUMBER = /^[0-9]{1,5}[a-z]?$/;

/** Where an address word starts inside `w`, or -1: a whole Latin word, or a Khmer word's ending. */
function addressWordStart(w: Word, t: string): number {
  if (ADDRESS_WORDS.has(w.text)) return w.s;
  if (w.text === 'no' && t[w.e] === '.') return w.s;
  if (w.text === '#') return w.s;
  if (isKhmer(w.text.charCodeAt(0))) {
    for (const kw of KHMER_ADDRESS_WORDS) if (w.text.endsWith(kw)) return w.e - kw.length;
  }
  return -1;
}

/**
 * House and street numbers: "house 12", "street 271", "st 155", "#12", "No. 5", "14 street 2004",
 * "ផ្លូវ២៧១" (Khmer digits arrive here as ASCII). A number before and after one address word is one span.
 */
export function findAddresses(t: string, out: InfoSpan[]): void {
  const ws = words(t);
  let used = -1;
  for (let k = 0; k < ws.length; k++) {
    const w = ws[k] as Word;
    const at = addressWordStart(w, t);
    if (at < 0) continue;
    const before = k - 1 > used ? ws[k - 1] : undefined;
    const after = ws[k + 1];
    const maxGap = w.text === '#' ? 0 : 2;
    const numAfter = after !== undefined && HOUSE_NUMBER.test(after.text) && after.s - w.e <= maxGap;
    const numBefore = before !== undefined && HOUSE_NUMBER.test(before.text) && w.s - before.e <= 2 && w.text !== '#';
    if (!numAfter && !(numBefore && ADDRESS_WORDS.has(w.text))) continue;
    out.push({ kind: 'address', start: numBefore ? (before as Word).s : at, end: numAfter ? (after as Word).e : w.e });
    if (numAfter) used = ++k;
  }
}

/** True when `t` has a digit or an "@": every kind of personal information needs one. */
function mayHoldInfo(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 64) return true;
  }
  return false;
}

const FINDERS: ReadonlyArray<(t: string, out: InfoSpan[]) => void> = [findEmails, findCoordinates, findPhones, findAddresses];

function byStart(a: InfoSpan, b: InfoSpan): number {
  return a.start - b.start;
}

/** All personal-information spans in folded text, sorted; where two overlap the first kind found wins. */
export function findPersonalInfo(t: string): InfoSpan[] {
  const found: InfoSpan[] = [];
  if (!mayHoldInfo(t)) return found;
  const spans: InfoSpan[] = [];
  for (const find of FINDERS) {
    spans.length = 0;
    find(t, spans);
    for (const s of spans) {
      let overlaps = false;
      for (const f of found) {
        if (s.start < f.end && f.start < s.end) {
          overlaps = true;
          break;
        }
      }
      if (!overlaps) found.push(s);
    }
  }
  return found.sort(byStart);
}
