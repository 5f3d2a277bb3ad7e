import { cpInfo, CpKind, cpLength } from './unicode';
import { foldKhmerRun } from './khmer';

/**
 * The folded view of a message: invisible characters dropped (emoji sequences kept whole), NFKD
 * compatibility folding with marks dropped, lower case, every script's digits as ASCII, spaces
 * removed inside Khmer runs and Khmer spelling variants folded. `map[i]` is the offset in the
 * original text of folded character i (null when the two are the same, the common ASCII case).
 */
export interface FoldedView {
  readonly text: string;
  readonly map: readonly number[] | null;
  readonly source: string;
}

const NON_ASCII = /[\u0080-\uffff]/;

export function fold(source: string): FoldedView {
  if (!NON_ASCII.test(source)) return { text: source.toLowerCase(), map: null, source };

  const n = source.length;
  let out = '';
  // A plain array: small integers in one backing store, cheaper to make than a typed array.
  const map: number[] = [];
  let lastKind = CpKind.Space;
  let i = 0;
  while (i < n) {
    const cp = source.codePointAt(i) ?? 0;
    if (cp < 0x80) {
      out += cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : source[i];
      map.push(i);
      lastKind = cp === 32 || cp === 9 || cp === 10 || cp === 13 ? CpKind.Space : CpKind.Other;
      i++;
      continue;
    }
    const info = cpInfo(cp);
    const cl = cpLength(cp);
    switch (info.kind) {
      case CpKind.Khmer: {
        i = foldKhmerAt(source, i);
        out += khmerText;
        for (let k = 0; k < khmerOffs.length; k++) map.push(khmerOffs[k] as number);
        lastKind = CpKind.Khmer;
        continue;
      }
      case CpKind.Invisible:
        break;
      case CpKind.Zwj: {
        // Keep the joiner only inside an emoji sequence, where dropping it would split the emoji.
        const next = i + cl < n ? cpInfo(source.codePointAt(i + cl) ?? 0).kind : CpKind.Other;
        if ((lastKind === CpKind.Emoji || lastKind === CpKind.EmojiPart) && next === CpKind.Emoji) {
          out += '\u200d';
          map.push(i);
          lastKind = CpKind.EmojiPart;
        }
        break;
      }
      case CpKind.EmojiPart: {
        const tag = cp >= 0xe0020 && cp <= 0xe007f;
        if (!tag || lastKind === CpKind.Emoji || lastKind === CpKind.EmojiPart) {
          out += info.fold;
          for (let k = 0; k < info.fold.length; k++) map.push(i);
          lastKind = CpKind.EmojiPart;
        }
        break;
      }
      default:
        out += info.fold;
        for (let k = 0; k < info.fold.length; k++) map.push(i);
        lastKind = info.kind;
    }
    i += cl;
  }
  return { text: out, map, source };
}

/** What the last foldKhmerAt call read (fold is synchronous, so one slot is enough). */
let khmerText = '';
let khmerOffs: readonly number[] = [];

/**
 * Reads the Khmer run starting at `start`, skipping spaces and zero-width characters between Khmer
 * characters (Khmer puts spaces between phrases, not words, and ZWSP marks word breaks invisibly).
 * Leaves the folded run in khmerText/khmerOffs and returns where the run ends.
 */
function foldKhmerAt(source: string, start: number): number {
  let chars = '';
  const offs: number[] = [];
  let i = start;
  const n = source.length;
  while (i < n) {
    const c = source.charCodeAt(i);
    if ((c >= 0x1780 && c <= 0x17ff) || (c >= 0x19e0 && c <= 0x19ff)) {
      chars += c >= 0x17e0 && c <= 0x17e9 ? String.fromCharCode(c - 0x17e0 + 48) : source[i];
      offs.push(i);
      i++;
      continue;
    }
    if (!isGap(c)) break;
    let j = i + 1;
    while (j < n && isGap(source.charCodeAt(j))) j++;
    const after = j < n ? source.charCodeAt(j) : 0;
    if ((after >= 0x1780 && after <= 0x17ff) || (after >= 0x19e0 && after <= 0x19ff)) {
      i = j;
      continue;
    }
    break;
  }
  const folded = foldKhmerRun(chars, offs);
  khmerText = folded.text;
  khmerOffs = folded.offs;
  return i;
}

/** Spaces and invisible separators that Khmer writers put between phrases or words. */
function isGap(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff;
}

/** Original offset of folded character `i`. */
export function origStart(view: FoldedView, i: number): number {
  if (view.map === null) return i;
  return view.map[i] ?? view.source.length;
}

/** Original offset just after folded character `i`. */
export function origEnd(view: FoldedView, i: number): number {
  const s = origStart(view, i);
  const cp = view.source.codePointAt(s) ?? 0;
  return Math.min(view.source.length, s + cpLength(cp));
}
