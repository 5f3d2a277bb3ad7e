import type { FoldedView } from './fold';
import { isClusterStart } from './khmer';
import { origEnd, origStart } from './fold';
import type { Piece, Token, VocabIndex } from './token';
import { khmerWordPiece, unknownKhmerPiece } from './words';

const UNKNOWN_CLUSTERS_PER_TOKEN = 3;
const INF = 0x3fffffff;
// Scratch for the segmenter, grown on demand: analysis is synchronous, so one set is enough.
let segUnk = new Int32Array(64);
let segCnt = new Int32Array(64);
let segBack = new Int32Array(64);
let segKnown = new Uint8Array(64);
let segBound = new Uint8Array(64);
let segWord = new Int32Array(64);

function pushSeg(view: FoldedView, a: number, b: number, p: Piece, out: Token[]): void {
  out.push({ p, start: origStart(view, a), end: origEnd(view, b - 1), fStart: a, fEnd: b, single: false });
}

function pushUnknown(view: FoldedView, a: number, b: number, out: Token[], vocab: VocabIndex): void {
  pushSeg(view, a, b, unknownKhmerPiece(view.text.slice(a, b), vocab), out);
}

/**
 * Splits a Khmer run into lexicon words by dynamic programming: fewest unknown characters first,
 * then the most known words, so that compounds the lexicon lists (ប៉ាម៉ាក់) come out as their
 * parts (ប៉ា ម៉ាក់) and patterns can use either. Words may only start and end at cluster
 * boundaries, so "អូន" is not found inside "ប្អូន". Unknown stretches become placeholder tokens
 * (one per few clusters) so that distances between words stay meaningful.
 */
export function segmentKhmer(view: FoldedView, from: number, to: number, vocab: VocabIndex, out: Token[]): void {
  const t = view.text;
  const n = to - from;
  if (segUnk.length < n + 1) {
    const size = Math.max(n + 1, segUnk.length * 2);
    segUnk = new Int32Array(size);
    segCnt = new Int32Array(size);
    segBack = new Int32Array(size);
    segKnown = new Uint8Array(size);
    segBound = new Uint8Array(size);
    segWord = new Int32Array(size);
  }
  const trie = vocab.khmer;
  const word = segWord;
  const unk = segUnk;
  const cnt = segCnt;
  const back = segBack;
  const known = segKnown;
  const bound = segBound;
  for (let q = 0; q <= n; q++) {
    unk[q] = INF;
    cnt[q] = 0;
    back[q] = -1;
    known[q] = 0;
    bound[q] = q === 0 || q === n || isClusterStart(t, from + q) ? 1 : 0;
  }
  unk[0] = 0;
  for (let p = 0; p < n; p++) {
    const u = unk[p] as number;
    if (u === INF || bound[p] === 0) continue;
    const k = cnt[p] as number;
    let q = p + 1;
    while (bound[q] === 0) q++;
    const uq = u + (q - p);
    if (uq < (unk[q] as number) || (uq === unk[q] && k > (cnt[q] as number))) {
      unk[q] = uq;
      cnt[q] = k;
      back[q] = p;
      known[q] = 0;
    }
    let node = 0;
    for (let e = p; e < n; e++) {
      node = trie.step(node, t.charCodeAt(from + e));
      if (node < 0) break;
      const end = e + 1;
      const w = trie.wordAt(node);
      if (w >= 0 && bound[end] === 1) {
        if (u < (unk[end] as number) || (u === unk[end] && k + 1 > (cnt[end] as number))) {
          unk[end] = u;
          cnt[end] = k + 1;
          back[end] = p;
          known[end] = 1;
          word[end] = w;
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
      if (unkStart >= 0) pushUnknown(view, from + unkStart, from + a, out, vocab);
      unkStart = -1;
      clusters = 0;
      pushSeg(view, from + a, from + b, khmerWordPiece(word[b] as number, vocab), out);
      continue;
    }
    if (unkStart < 0) unkStart = a;
    if (++clusters === UNKNOWN_CLUSTERS_PER_TOKEN) {
      pushUnknown(view, from + unkStart, from + b, out, vocab);
      unkStart = -1;
      clusters = 0;
    }
  }
  if (unkStart >= 0) pushUnknown(view, from + unkStart, from + n, out, vocab);
}
