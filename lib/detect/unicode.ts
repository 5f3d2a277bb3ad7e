/**
 * Per-code-point facts the normaliser needs. Everything outside ASCII goes through one cached
 * classification so that a message costs one Map lookup per non-ASCII character.
 */

export const enum CpKind {
  Other = 0,
  Space = 1,
  /** Dropped from every view: format characters (\p{Cf}), variation selectors, fillers. */
  Invisible = 2,
  /** U+200D, kept only between pictographs so emoji sequences stay whole. */
  Zwj = 3,
  Khmer = 4,
  Emoji = 5,
  /** Skin tones, keycap, tag characters: parts of an emoji sequence. */
  EmojiPart = 6,
  Letter = 7,
  Digit = 8,
}

export interface CpInfo {
  kind: CpKind;
  /** Folded text: NFKD, marks dropped, lower case; a digit's ASCII value; '' when dropped. */
  fold: string;
}

const RE_CF = /\p{Cf}/u;
const RE_SPACE = /\s/u;
const RE_PICT = /\p{Extended_Pictographic}/u;
const RE_MARK = /\p{M}/gu;
const RE_LETTER = /\p{L}/u;
const RE_ND = /\p{Nd}/u;

const cache = new Map<number, CpInfo>();
const CACHE_LIMIT = 40_000;

function isVariationSelector(cp: number): boolean {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef) || (cp >= 0x180b && cp <= 0x180f);
}

/** Characters that render as nothing (or blank) and are used to split words invisibly. */
function isFiller(cp: number): boolean {
  return (
    cp === 0x034f || cp === 0x115f || cp === 0x1160 || cp === 0x3164 || cp === 0xffa0 ||
    cp === 0x17b4 || cp === 0x17b5 || cp === 0x2800
  );
}

/** Decimal digits of every script map to ASCII: all Unicode \p{Nd} sets are runs of ten. */
function digitValue(cp: number): number {
  let zero = cp;
  while (cp - zero < 9 && RE_ND.test(String.fromCodePoint(zero - 1))) zero--;
  return cp - zero;
}

export function isKhmerCp(cp: number): boolean {
  return (cp >= 0x1780 && cp <= 0x17ff) || (cp >= 0x19e0 && cp <= 0x19ff);
}

function classify(cp: number): CpInfo {
  const ch = String.fromCodePoint(cp);
  if (cp === 0x200d) return { kind: CpKind.Zwj, fold: '' };
  if (cp >= 0xe0020 && cp <= 0xe007f) return { kind: CpKind.EmojiPart, fold: ch };
  if (isVariationSelector(cp) || isFiller(cp) || RE_CF.test(ch)) return { kind: CpKind.Invisible, fold: '' };
  if (cp >= 0x17e0 && cp <= 0x17e9) return { kind: CpKind.Khmer, fold: String(cp - 0x17e0) };
  if (isKhmerCp(cp)) return { kind: CpKind.Khmer, fold: ch };
  if (RE_SPACE.test(ch)) return { kind: CpKind.Space, fold: ' ' };
  if (cp >= 0x1f3fb && cp <= 0x1f3ff) return { kind: CpKind.EmojiPart, fold: ch };
  if (cp === 0x20e3) return { kind: CpKind.EmojiPart, fold: ch };
  if (RE_PICT.test(ch) && cp > 0xff) return { kind: CpKind.Emoji, fold: ch };
  const fold = ch.normalize('NFKD').replace(RE_MARK, '').toLowerCase();
  if (/^[0-9]$/.test(fold)) return { kind: CpKind.Digit, fold };
  if (RE_ND.test(ch)) return { kind: CpKind.Digit, fold: String(digitValue(cp)) };
  if (fold === '') return { kind: CpKind.Invisible, fold: '' };
  if (fold === ' ') return { kind: CpKind.Space, fold };
  if (RE_LETTER.test(fold)) return { kind: CpKind.Letter, fold: LATIN_EXTRA[fold] ?? fold };
  return { kind: CpKind.Other, fold };
}

export function cpInfo(cp: number): CpInfo {
  let info = cache.get(cp);
  if (info === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    info = classify(cp);
    cache.set(cp, info);
  }
  return info;
}

/** Latin letters that NFKD leaves alone but that readers take for plain ASCII letters. */
const LATIN_EXTRA: Readonly<Record<string, string>> = {
  ı: 'i', ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ŧ: 't', ß: 'ss', æ: 'ae', œ: 'oe', ɑ: 'a', ɩ: 'i', ɡ: 'g',
  ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ғ: 'f', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l',
  ᴍ: 'm', ɴ: 'n', ᴏ: 'o', ᴘ: 'p', ǫ: 'q', ʀ: 'r', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
  ɒ: 'a', ɛ: 'e', ɔ: 'o', ʋ: 'v', ƅ: 'b', ȷ: 'j', ſ: 's',
};

/**
 * Cyrillic and Greek letters that look like Latin ones. The close look-alikes fold inside any word
 * made only of look-alikes or mixed with Latin letters; the loose ones only in words that already
 * hold a Latin letter, so real Russian or Greek text is left alone.
 */
export const CONFUSABLES_CLOSE: ReadonlyMap<string, string> = new Map(
  Object.entries({
    а: 'a', е: 'e', ё: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', ѕ: 's', і: 'i', ї: 'i', ј: 'j',
    һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ο: 'o', α: 'a', ρ: 'p', ι: 'i', ϲ: 'c', ϳ: 'j',
  }),
);

export const CONFUSABLES_LOOSE: ReadonlyMap<string, string> = new Map(
  Object.entries({
    в: 'b', к: 'k', м: 'm', т: 't', н: 'h', п: 'n', г: 'r', ь: 'b', ц: 'u', и: 'u', ш: 'w', д: 'd',
    л: 'n', я: 'r', β: 'b', γ: 'y', δ: 'd', ε: 'e', ζ: 'z', η: 'n', κ: 'k', μ: 'u', ν: 'v', σ: 'o',
    ς: 's', τ: 't', υ: 'u', χ: 'x', ω: 'w',
  }),
);

/** True for a code unit that may end a high surrogate pair, used to step through UTF-16. */
export function cpLength(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}
