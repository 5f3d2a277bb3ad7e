import { FLAG_END, FLAG_START, type CompiledLexicon } from './compile';
import { TokenKind, type Piece, type Token } from './token';

export interface EntryMatch {
  entry: number;
  /** Token indices of the first and last matched token. */
  first: number;
  last: number;
}

/** A growable Int32Array used as scratch space. */
class Buf {
  a = new Int32Array(64);
  n = 0;
  reset(): void {
    this.n = 0;
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

/**
 * Finds the lexicon entries a token stream matches, with their guards and requirements applied.
 * Occurrences of classes are kept as linked lists per class, in token order; all buffers are
 * reused across messages (analysis is synchronous), so a message allocates almost nothing here.
 */
export class Matcher {
  private head: Int32Array;
  private tail: Int32Array;
  private touched = new Buf();
  private oStart = new Buf();
  private oEnd = new Buf();
  private oNext = new Buf();
  private variantStamp: Int32Array;
  private anchorBits: Uint8Array;
  /** Results of shared guard variants for the current message: 0 unknown, 1 no, 2 yes. */
  private guardStamp: Int32Array;
  private guardResult: Uint8Array;
  private entryStamp: Int32Array;
  /** Per variant, the directions its entry reads (0 for shared guards). */
  private vDir: Uint8Array;
  private stamp = 0;
  private n = 0;
  // Chaining scratch: candidates of the current slot, and (end, origin) pairs of the previous one.
  private cand = new Buf();
  private merge = new Buf();
  private prevEnd = new Buf();
  private prevOrig = new Buf();
  private nextEnd = new Buf();
  private nextOrig = new Buf();

  constructor(private lex: CompiledLexicon) {
    const classes = lex.classNames.length;
    this.head = new Int32Array(classes).fill(-1);
    this.tail = new Int32Array(classes).fill(-1);
    const variants = lex.vEntry.length;
    this.variantStamp = new Int32Array(variants);
    this.anchorBits = new Uint8Array(variants);
    this.guardStamp = new Int32Array(variants);
    this.guardResult = new Uint8Array(variants);
    this.entryStamp = new Int32Array(lex.entries.length);
    this.vDir = Uint8Array.from(lex.vEntry, (e) => lex.entries[e]?.dirMask ?? 0);
  }

  private add(cls: number, s: number, e: number): void {
    const h = this.head[cls] as number;
    if (h !== -1) {
      // Skip an exact repeat (one token reached through two keys of the same class).
      const t = this.tail[cls] as number;
      if (this.oStart.a[t] === s && this.oEnd.a[t] === e) return;
    }
    const i = this.oStart.n;
    if (i === this.oStart.a.length) {
      this.oStart.push(s);
      this.oEnd.push(e);
      this.oNext.push(-1);
    } else {
      this.oStart.a[i] = s;
      this.oEnd.a[i] = e;
      this.oNext.a[i] = -1;
      this.oStart.n = this.oEnd.n = this.oNext.n = i + 1;
    }
    if (h === -1) {
      this.head[cls] = i;
      this.touched.push(cls);
    } else {
      this.oNext.a[this.tail[cls] as number] = i;
    }
    this.tail[cls] = i;
  }

  private clear(): void {
    for (let k = 0; k < this.touched.n; k++) this.head[this.touched.a[k] as number] = -1;
    this.touched.reset();
    this.oStart.reset();
    this.oEnd.reset();
    this.oNext.reset();
  }

  /** Adds an occurrence at token i of every class of word `id`; false when it has none. */
  private addClasses(id: number, i: number): boolean {
    if (id < 0) return false;
    const lex = this.lex;
    const end = lex.clsStart[id + 1] as number;
    let k = lex.clsStart[id] as number;
    if (k === end) return false;
    for (; k < end; k++) this.add(lex.clsData[k] as number, i, i);
    return true;
  }

  /** Occurrences of the phrases that start at token i with trie node `node`. */
  private phrasesFrom(tokens: readonly Token[], i: number, root: number): void {
    const lex = this.lex;
    const edgeStart = lex.phraseEdgeStart;
    const edgeWord = lex.phraseEdgeWord;
    const edgeNode = lex.phraseEdgeNode;
    let node = root;
    for (let j = i + 1; j < tokens.length; j++) {
      const p = (tokens[j] as Token).p;
      let next = childOf(edgeStart, edgeWord, edgeNode, node, p.id);
      if (next < 0 && p.alt !== null) next = childOf(edgeStart, edgeWord, edgeNode, node, p.altId);
      if (next < 0) return;
      node = next;
      const end = lex.phraseClsStart[node + 1] as number;
      for (let k = lex.phraseClsStart[node] as number; k < end; k++) this.add(lex.phraseClsData[k] as number, i, j);
    }
  }

  match(tokens: readonly Token[], dirMask: number, out: EntryMatch[]): void {
    const lex = this.lex;
    this.stamp = (this.stamp + 1) | 0 || 1;
    this.n = tokens.length;
    this.clear();
    const { num, teen, money, unk } = lex.builtin;
    for (let i = 0; i < tokens.length; i++) {
      const p: Piece = (tokens[i] as Token).p;
      const a = this.addClasses(p.id, i);
      const b = p.alt !== null && this.addClasses(p.altId, i);
      if (p.kind === TokenKind.Number) {
        this.add(num, i, i);
        if (p.teen) this.add(teen, i, i);
      } else if (!a && !b && (p.kind === TokenKind.KhmerUnknown || p.nameLike)) {
        // A word the lexicon does not know is often a name (a school, a street, a person).
        this.add(unk, i, i);
      }
      if (p.money) this.add(money, i, i);
      if (p.id >= 0) {
        const root = lex.phraseRoot[p.id] as number;
        if (root >= 0) this.phrasesFrom(tokens, i, root);
      }
      if (p.altId >= 0) {
        const root = lex.phraseRoot[p.altId] as number;
        if (root >= 0) this.phrasesFrom(tokens, i, root);
      }
    }
    const touchedCount = this.touched.n;
    const touched = this.touched.a;
    const anchorStart = lex.anchorStart;
    const anchorCodes = lex.anchorCodes;
    const anchorNeed = lex.anchorNeed;
    const vEntry = lex.vEntry;
    const vDir = this.vDir;
    const vCheck = lex.vCheck;
    const vData = lex.vData;
    const entries = lex.entries;
    for (let k = 0; k < touchedCount; k++) {
      const c = touched[k] as number;
      const end = anchorStart[c + 1] as number;
      for (let x = anchorStart[c] as number; x < end; x++) {
        const code = anchorCodes[x] as number;
        const vid = code >> 1;
        if (this.variantStamp[vid] !== this.stamp) {
          this.variantStamp[vid] = this.stamp;
          this.anchorBits[vid] = 0;
        }
        const bits = this.anchorBits[vid] as number;
        const bit = 1 << (code & 1);
        if (bits & bit) continue;
        this.anchorBits[vid] = bits | bit;
        if ((bits | bit) !== anchorNeed[vid] || ((vDir[vid] as number) & dirMask) === 0) continue;
        const ei = vEntry[vid] as number;
        if (this.entryStamp[ei] === this.stamp) continue;
        const check = vCheck[vid] as number;
        if (check >= 0 && !this.slotPresent(vData, check)) continue;
        const entry = entries[ei];
        if (!entry || !this.run(vid)) continue;
        this.entryStamp[ei] = this.stamp;
        const first = this.spanFirst;
        const last = this.spanLast;
        if (entry.guards.length > 0 && this.anyOf(entry.guards)) continue;
        if (entry.requires.length > 0 && !this.allOf(entry.requires)) continue;
        out.push({ entry: ei, first, last });
      }
    }
  }

  private anyOf(groups: readonly (readonly number[])[]): boolean {
    for (const g of groups) if (this.anyVariant(g)) return true;
    return false;
  }

  private allOf(groups: readonly (readonly number[])[]): boolean {
    for (const g of groups) if (!this.anyVariant(g)) return false;
    return true;
  }

  private anyVariant(ids: readonly number[]): boolean {
    for (const vid of ids) {
      if (this.guardStamp[vid] !== this.stamp) {
        this.guardStamp[vid] = this.stamp;
        const check = this.lex.vCheck[vid] as number;
        this.guardResult[vid] = (check < 0 || this.slotPresent(this.lex.vData, check)) && this.run(vid) ? 2 : 1;
      }
      if (this.guardResult[vid] === 2) return true;
    }
    return false;
  }

  /** Occurrences of any class of a slot (`len` ids at `data[at]`), in start order, into `cand`. */
  private gather(data: Int32Array, at: number, len: number): void {
    this.cand.reset();
    const start = this.oStart.a;
    const next = this.oNext.a;
    for (let c = 0; c < len; c++) {
      let i = this.head[data[at + c] as number] as number;
      if (i === -1) continue;
      const cand = this.cand;
      if (cand.n === 0) {
        for (; i !== -1; i = next[i] as number) cand.push(i);
        continue;
      }
      // Merge this class's list into what is gathered so far (a k-way merge of sorted lists).
      const m = this.merge;
      m.reset();
      let p = 0;
      while (p < cand.n || i !== -1) {
        if (i === -1 || (p < cand.n && (start[cand.a[p] as number] as number) <= (start[i] as number))) m.push(cand.a[p++] as number);
        else {
          m.push(i);
          i = next[i] as number;
        }
      }
      this.merge = cand;
      this.cand = m;
    }
  }

  /** Whether any class of the slot whose gap field is at `data[at]` occurs in the message. */
  private slotPresent(data: Int32Array, at: number): boolean {
    const head = this.head;
    for (let c = at + 2, e = at + 2 + (data[at + 1] as number); c < e; c++) if ((head[data[c] as number] as number) !== -1) return true;
    return false;
  }

  private occursAt(data: Int32Array, at: number, len: number, pos: number): boolean {
    for (let c = 0; c < len; c++) {
      const h = this.head[data[at + c] as number] as number;
      if (h !== -1 && this.oStart.a[h] === pos) return true;
    }
    return false;
  }

  private endsAt(data: Int32Array, at: number, len: number, pos: number): boolean {
    for (let c = 0; c < len; c++) {
      for (let i = this.head[data[at + c] as number] as number; i !== -1; i = this.oNext.a[i] as number) if (this.oEnd.a[i] === pos) return true;
    }
    return false;
  }

  private spanFirst = 0;
  private spanLast = 0;

  /**
   * Chains the slots of variant `vid` left to right, keeping for each slot the occurrences that
   * can end a valid prefix; linear in the number of occurrences, whatever the input.
   */
  private run(vid: number): boolean {
    const head = this.head;
    const data = this.lex.vData;
    const base = this.lex.vStart[vid] as number;
    const flags = this.lex.vFlags[vid] as number;
    const slots = data[base] as number;
    const anchorStart = (flags & FLAG_START) !== 0;
    const anchorEnd = (flags & FLAG_END) !== 0;
    // Anchored patterns fail fast: the first slot must occur at token 0, the last end at the end.
    if (anchorStart && !this.occursAt(data, base + 3, data[base + 2] as number, 0)) return false;
    // Every slot must have an occurrence; note where the last slot's ids are on the way.
    let at = base + 1;
    let lastAt = at;
    for (let k = 0; k < slots; k++) {
      const len = data[at + 1] as number;
      let present = false;
      for (let c = at + 2, e = at + 2 + len; c < e; c++) {
        if ((head[data[c] as number] as number) !== -1) {
          present = true;
          break;
        }
      }
      if (!present) return false;
      lastAt = at;
      at += 2 + len;
    }
    if (anchorEnd && !this.endsAt(data, lastAt + 2, data[lastAt + 1] as number, this.n - 1)) return false;
    const oStart = this.oStart.a;
    const oEnd = this.oEnd.a;
    this.gather(data, base + 3, data[base + 2] as number);
    let pe = this.prevEnd;
    let po = this.prevOrig;
    pe.reset();
    po.reset();
    for (let k = 0; k < this.cand.n; k++) {
      const o = this.cand.a[k] as number;
      if (anchorStart && oStart[o] !== 0) continue;
      pe.push(oEnd[o] as number);
      po.push(oStart[o] as number);
    }
    at = base + 1;
    at += 2 + (data[at + 1] as number);
    for (let j = 1; j < slots && pe.n > 0; j++) {
      sortPairs(pe, po);
      const gap = data[at] as number;
      const len = data[at + 1] as number;
      this.gather(data, at + 2, len);
      at += 2 + len;
      const ne = this.nextEnd;
      const no = this.nextOrig;
      ne.reset();
      no.reset();
      let p = -1;
      for (let k = 0; k < this.cand.n; k++) {
        const o = this.cand.a[k] as number;
        const s = oStart[o] as number;
        while (p + 1 < pe.n && (pe.a[p + 1] as number) < s) p++;
        if (p >= 0 && s - (pe.a[p] as number) - 1 <= gap) {
          ne.push(oEnd[o] as number);
          no.push(po.a[p] as number);
        }
      }
      this.nextEnd = pe;
      this.nextOrig = po;
      pe = ne;
      po = no;
    }
    this.prevEnd = pe;
    this.prevOrig = po;
    for (let k = 0; k < pe.n; k++) {
      if (anchorEnd && pe.a[k] !== this.n - 1) continue;
      this.spanFirst = po.a[k] as number;
      this.spanLast = pe.a[k] as number;
      return true;
    }
    return false;
  }
}

/** The child of phrase node `node` for word id `word`, or -1 (a node's edges are sorted by word id). */
function childOf(edgeStart: Int32Array, edgeWord: Int32Array, edgeNode: Int32Array, node: number, word: number): number {
  if (word < 0) return -1;
  let lo = edgeStart[node] as number;
  let hi = edgeStart[node + 1] as number;
  while (hi - lo > 8) {
    const mid = (lo + hi) >> 1;
    if ((edgeWord[mid] as number) < word) lo = mid + 1;
    else hi = mid + 1;
  }
  for (let k = lo; k < hi; k++) {
    const w = edgeWord[k] as number;
    if (w === word) return edgeNode[k] as number;
    if (w > word) return -1;
  }
  return -1;
}

/** Sorts (end, origin) pairs by end; they are nearly always sorted already. */
function sortPairs(ends: Buf, origins: Buf): void {
  const n = ends.n;
  const e = ends.a;
  const o = origins.a;
  let sorted = true;
  for (let i = 1; i < n; i++) if ((e[i] as number) < (e[i - 1] as number)) sorted = false;
  if (sorted) return;
  const idx = Array.from({ length: n }, (_x, i) => i).sort((a, b) => (e[a] as number) - (e[b] as number));
  const e2 = idx.map((i) => e[i] as number);
  const o2 = idx.map((i) => o[i] as number);
  for (let i = 0; i < n; i++) {
    e[i] = e2[i] as number;
    o[i] = o2[i] as number;
  }
}
