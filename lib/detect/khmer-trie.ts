import type { KhmerTrie } from './token';

const ROOT_BASE = 0x1780;
const ROOT_SPAN = 0x80;

/**
 * A trie over the lexicon's Khmer words in flat typed arrays: the children of a node are one
 * sorted slice of `edgeUnit`/`edgeNode`, and the root (where every segmentation step starts) has a
 * direct table over the Khmer block. No Map lookups, no objects per node.
 */
export class FlatKhmerTrie implements KhmerTrie {
  readonly words: readonly string[];
  private first: Int32Array;
  private edgeUnit: Uint16Array;
  private edgeNode: Int32Array;
  private word: Int32Array;
  private root: Int32Array;

  constructor(words: readonly string[]) {
    this.words = words;
    // Build with Maps, then freeze into arrays (breadth-first, children sorted by code unit).
    type Node = { next: Map<number, Node>; word: number };
    const top: Node = { next: new Map(), word: -1 };
    words.forEach((w, index) => {
      let node = top;
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i);
        let nx = node.next.get(c);
        if (!nx) node.next.set(c, (nx = { next: new Map(), word: -1 }));
        node = nx;
      }
      if (node.word < 0) node.word = index;
    });
    const order: Node[] = [top];
    for (let k = 0; k < order.length; k++) {
      const n = order[k] as Node;
      for (const c of [...n.next.keys()].sort((a, b) => a - b)) order.push(n.next.get(c) as Node);
    }
    const ids = new Map<Node, number>(order.map((n, i) => [n, i]));
    this.first = new Int32Array(order.length + 1);
    this.word = new Int32Array(order.length);
    this.edgeUnit = new Uint16Array(order.length - 1);
    this.edgeNode = new Int32Array(order.length - 1);
    let e = 0;
    order.forEach((n, i) => {
      this.first[i] = e;
      this.word[i] = n.word;
      for (const c of [...n.next.keys()].sort((a, b) => a - b)) {
        this.edgeUnit[e] = c;
        this.edgeNode[e] = ids.get(n.next.get(c) as Node) as number;
        e++;
      }
    });
    this.first[order.length] = e;
    this.root = new Int32Array(ROOT_SPAN).fill(-1);
    for (let k = this.first[0] as number; k < (this.first[1] as number); k++) {
      const c = this.edgeUnit[k] as number;
      if (c >= ROOT_BASE && c < ROOT_BASE + ROOT_SPAN) this.root[c - ROOT_BASE] = this.edgeNode[k] as number;
    }
  }

  step(node: number, c: number): number {
    if (node === 0) {
      const r = c - ROOT_BASE;
      if (r >= 0 && r < ROOT_SPAN) return this.root[r] as number;
    }
    const end = this.first[node + 1] as number;
    for (let k = this.first[node] as number; k < end; k++) {
      const u = this.edgeUnit[k] as number;
      if (u === c) return this.edgeNode[k] as number;
      if (u > c) return -1;
    }
    return -1;
  }

  wordAt(node: number): number {
    return this.word[node] as number;
  }
}
