import type { FoldedView } from './fold';
import { makePiece, TokenKind, type Token, type VocabIndex } from './token';
import { isDigits, PIECE_CACHE_LIMIT, resolveRaw, withStem } from './words';

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
    const p = makePiece(key, withStem(key, vocab), kind, false, 0, key.length, vocab);
    return { p, start: first.start, end: last.end, fStart: first.fStart, fEnd: last.fEnd, single: false };
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
