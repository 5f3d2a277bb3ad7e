import type { CompiledLexicon, Variant } from './compile';
import { TokenKind, type ClassList, type PhraseNode, type Token } from './token';

export interface EntryMatch {
  entry: number;
  /** Token indices of the first and last matched token. */
  first: number;
  last: number;
}

/** A plain lower-case word of two letters or more: what an unknown name looks like. */
function isNameLike(key: string): boolean {
  if (key.length < 2) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

function isTeen(key: string): boolean {
  if (key.length > 2 || key.charCodeAt(0) === 48) return false;
  const v = Number(key);
  return v >= 8 && v <= 19;
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
    this.variantStamp = new Int32Array(lex.variants.length);
    this.anchorBits = new Uint8Array(lex.variants.length);
    this.guardStamp = new Int32Array(lex.variants.length);
    this.guardResult = new Uint8Array(lex.variants.length);
    this.entryStamp = new Int32Array(lex.entries.length);
  }

  private add(cls: number, s: number, e: number): void {
    const h = this.head[cls] as number;
    if (h !== -1) {
      // Skip an exact repeat (one token reached through two keys of the same class).
      const t = this.tail[cls] as number;
      if (this.oStart.a[t] === s && this.oEnd.a[t] === e) return;
    }
    const i = this.oStart.n;
    this.oStart.push(s);
    this.oEnd.push(e);
    this.oNext.push(-1);
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

  private addClasses(list: ClassList | null, i: number): boolean {
    if (list === null) return false;
    for (let k = 0; k < list.length; k++) this.add(list[k] as number, i, i);
    return true;
  }

  private phrasesFrom(tokens: readonly Token[], i: number, start: PhraseNode): void {
    let node: PhraseNode | undefined = start;
    for (let j = i + 1; node && j < tokens.length; j++) {
      const tj = tokens[j] as Token;
      node = node.next.get(tj.key) ?? (tj.alt !== null ? node.next.get(tj.alt) : undefined);
      if (node) for (const c of node.classes) this.add(c, i, j);
    }
  }

  match(tokens: readonly Token[], dirMask: number, out: EntryMatch[]): void {
    const lex = this.lex;
    this.stamp = (this.stamp + 1) | 0 || 1;
    this.n = tokens.length;
    this.clear();
    const { num, teen, money, unk } = lex.builtin;
    for (let i = 0; i < tokens.length; i++) {
      const tk = tokens[i] as Token;
      const a = this.addClasses(tk.cls, i);
      const b = this.addClasses(tk.altCls, i);
      if (tk.kind === TokenKind.Number) {
        this.add(num, i, i);
        if (isTeen(tk.key)) this.add(teen, i, i);
      } else if (!a && !b && (tk.kind === TokenKind.KhmerUnknown || (tk.kind === TokenKind.Word && isNameLike(tk.key)))) {
        // A word the lexicon does not know is often a name (a school, a street, a person).
        this.add(unk, i, i);
      }
      if (tk.money) this.add(money, i, i);
      if (tk.phr !== null) this.phrasesFrom(tokens, i, tk.phr);
      if (tk.altPhr !== null) this.phrasesFrom(tokens, i, tk.altPhr);
    }
    const touchedCount = this.touched.n;
    for (let k = 0; k < touchedCount; k++) {
      const anchored = lex.byAnchor[this.touched.a[k] as number];
      if (!anchored) continue;
      for (let x = 0; x < anchored.length; x++) {
        const code = anchored[x] as number;
        const vid = code >> 1;
        if (this.variantStamp[vid] !== this.stamp) {
          this.variantStamp[vid] = this.stamp;
          this.anchorBits[vid] = 0;
        }
        const bits = this.anchorBits[vid] as number;
        const bit = 1 << (code & 1);
        if (bits & bit) continue;
        this.anchorBits[vid] = bits | bit;
        if ((bits | bit) !== lex.anchorNeed[vid]) continue;
        const v = lex.variants[vid] as Variant;
        const entry = lex.entries[v.entry];
        if (!entry || (entry.dirMask & dirMask) === 0 || this.entryStamp[v.entry] === this.stamp) continue;
        if (!this.run(v)) continue;
        this.entryStamp[v.entry] = this.stamp;
        const first = this.spanFirst;
        const last = this.spanLast;
        if (this.anyOf(entry.guards)) continue;
        if (!this.allOf(entry.requires)) continue;
        out.push({ entry: v.entry, first, last });
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
        this.guardResult[vid] = this.run(this.lex.variants[vid] as Variant) ? 2 : 1;
      }
      if (this.guardResult[vid] === 2) return true;
    }
    return false;
  }

  /** Occurrences of any class of a slot, in start order, into `cand` (k-way merge of sorted lists). */
  private gather(ids: Int32Array): void {
    this.cand.reset();
    const start = this.oStart.a;
    const next = this.oNext.a;
    for (let c = 0; c < ids.length; c++) {
      let i = this.head[ids[c] as number] as number;
      if (i === -1) continue;
      const cand = this.cand;
      if (cand.n === 0) {
        for (; i !== -1; i = next[i] as number) cand.push(i);
        continue;
      }
      // Merge this class's list into what is gathered so far.
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

  private occursAt(ids: Int32Array, pos: number): boolean {
    for (let c = 0; c < ids.length; c++) {
      const h = this.head[ids[c] as number] as number;
      if (h !== -1 && this.oStart.a[h] === pos) return true;
    }
    return false;
  }

  private endsAt(ids: Int32Array, pos: number): boolean {
    for (let c = 0; c < ids.length; c++) {
      for (let i = this.head[ids[c] as number] as number; i !== -1; i = this.oNext.a[i] as number) if (this.oEnd.a[i] === pos) return true;
    }
    return false;
  }

  private spanFirst = 0;
  private spanLast = 0;

  /**
   * Chains the slots left to right, keeping for each slot the occurrences that can end a valid
   * prefix; linear in the number of occurrences, whatever the input.
   */
  private run(v: Variant): boolean {
    const head = this.head;
    // Anchored patterns fail fast: the first slot must occur at token 0, the last end at the end.
    if (v.anchorStart && !this.occursAt(v.slots[0] as Int32Array, 0)) return false;
    if (v.anchorEnd && !this.endsAt(v.slots[v.slots.length - 1] as Int32Array, this.n - 1)) return false;
    for (const s of v.slots) {
      let present = false;
      for (let c = 0; c < s.length; c++) {
        if ((head[s[c] as number] as number) !== -1) {
          present = true;
          break;
        }
      }
      if (!present) return false;
    }
    const oStart = this.oStart.a;
    const oEnd = this.oEnd.a;
    this.gather(v.slots[0] as Int32Array);
    let pe = this.prevEnd;
    let po = this.prevOrig;
    pe.reset();
    po.reset();
    for (let k = 0; k < this.cand.n; k++) {
      const o = this.cand.a[k] as number;
      if (v.anchorStart && oStart[o] !== 0) continue;
      pe.push(oEnd[o] as number);
      po.push(oStart[o] as number);
    }
    for (let j = 1; j < v.slots.length && pe.n > 0; j++) {
      sortPairs(pe, po);
      const gap = v.gaps[j] as number;
      this.gather(v.slots[j] as Int32Array);
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
      if (v.anchorEnd && pe.a[k] !== this.n - 1) continue;
      this.spanFirst = po.a[k] as number;
      this.spanLast = pe.a[k] as number;
      return true;
    }
    return false;
  }
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
