import { CATEGORY_INDEX, type CategoryId } from './categories';
import { fold } from './fold';
import { khmerRuns } from './khmer';
import { FlatKhmerTrie } from './khmer-trie';
import { SEVERITIES, type EntryDir, type Lexicon, type Severity } from './lexicon-schema';
import { DEFAULT_GAP, expandOptional, parsePattern, type PlainSlot } from './pattern';
import { TokenKind, type KhmerTrie, type VocabIndex } from './token';
import { tokenize } from './tokens';
import { skeleton } from './words';

export const DIR_IN = 1;
export const DIR_OUT = 2;

/**
 * Compiling a lexicon has two stages. `resolveLexicons` does the expensive part: it reads every
 * class member and pattern word through the tokenizer, so that the detector later sees the same
 * keys a message produces. Its result, a `ResolvedLexicon`, is plain data; the build stores it
 * (scripts/build-lexicon.ts → lexicon-data.ts) so the extension never tokenizes its own lexicon.
 * `buildLexicon` is the cheap part, run on first use: it indexes that data for the matcher.
 */
export interface ResolvedLexicon {
  /** Emoji (sequence or base) → concept word, in file order. */
  emoji: Array<[string, string]>;
  /**
   * Named classes in first-definition order, each with its members as the token keys they read as:
   * members separated by "|", a member's keys by spaces ("u|you|ur self").
   */
  classes: Array<[string, string]>;
  /** Bare pattern words whose token keys are not their parts between "_" (see defaultWordKeys). */
  words: Array<[string, string[]]>;
  entries: ResolvedEntry[];
  /**
   * The vocabulary, as corrections to what the keys above spell: every key starting with a
   * printable ASCII character (and every emoji concept) is a Latin word and every key in Khmer
   * script a Khmer word, plus the `extra` ones and less the `drop` ones (sorted lists).
   */
  latinExtra: string[];
  latinDrop: string[];
  khmerExtra: string[];
  khmerDrop: string[];
}

export interface ResolvedEntry {
  id: string;
  category: CategoryId;
  severity: Severity;
  dirMask: number;
  /** Patterns with their spacing normalised (one space between parts). */
  patterns: string[];
  guards: string[];
  requires: string[];
}

export interface CompiledEntry {
  id: string;
  category: CategoryId;
  severity: Severity;
  dirMask: number;
  variants: number[];
  guards: number[][];
  requires: number[][];
  /** Position of `severity` in SEVERITIES, and the category's bit in a category mask. */
  sev: number;
  catBit: number;
}

/**
 * The compiled lexicon. Variants (one per optional-slot choice of a pattern) live in flat typed
 * arrays: variant v occupies `vData[vStart[v]] …`: its slot count, then per slot the gap before
 * it, the number of alternatives and their class ids.
 */
export interface CompiledLexicon extends VocabIndex {
  classNames: string[];
  /** Classes of word id w: clsData[clsStart[w]] … clsData[clsStart[w + 1] - 1], in id order. */
  clsStart: Int32Array;
  clsData: Int32Array;
  /**
   * Multi-word class members as a trie over word ids: the root node of the phrases starting with
   * word w (-1: none); the children of node n (word id → node, sorted by word id) and the classes
   * of the phrases ending at it, as slices like the ones above.
   */
  phraseRoot: Int32Array;
  phraseEdgeStart: Int32Array;
  phraseEdgeWord: Int32Array;
  phraseEdgeNode: Int32Array;
  phraseClsStart: Int32Array;
  phraseClsData: Int32Array;
  entries: CompiledEntry[];
  vStart: Int32Array;
  vData: Int32Array;
  /** Entry of each variant, or -1 for a guard or requirement shared between entries. */
  vEntry: Int32Array;
  /** Bit 1: anchored at the message start (^), bit 2: at its end ($). */
  vFlags: Uint8Array;
  /**
   * Per variant, where in vData its rarest slot after the anchors (for a guard: its rarest slot)
   * starts, or -1: the matcher looks at that slot before trying the variant, as it is usually the
   * one missing.
   */
  vCheck: Int32Array;
  /**
   * Class id → anchor codes (variant id × 2 + which anchor), as `anchorCodes[anchorStart[c]] …
   * anchorCodes[anchorStart[c + 1] - 1]`. A variant is tried only once both of its anchors (its
   * two rarest slots) occur in the message, or its one anchor for one-slot patterns.
   */
  anchorStart: Int32Array;
  anchorCodes: Int32Array;
  /** Per variant: 1 when it has one anchor, 3 when two. */
  anchorNeed: Uint8Array;
  /** The Latin-letter vocabulary, sorted. */
  latinWords(): string[];
  builtin: { num: number; teen: number; money: number; unk: number };
}

export const FLAG_START = 1;
export const FLAG_END = 2;

/**
 * Words so frequent in chat that anchoring a pattern on them would evaluate it for most messages.
 * A pattern is looked at only when its anchor (its rarest slot by this estimate) occurs.
 */
const COMMON = new Set(
  (
    'you u ur your ya me i my a an the to it is are r in on of and im ill this that what whats how who ' +
    'when where why do does did can cant will would want wanna get got have has had was were be been ' +
    'not no yes ok okay lol so like just now rn for 4 2 1 with at from up out about all one go come see ' +
    'know think make take there here dont please pls plz send tell show age phone time today tonight ' +
    'oun bong nhom knhom te ot nh na mok tov ban dae hz ey ' +
    'អូន បង ខ្ញុំ មក ទៅ ទេ នៅ ឯង ណា ហើយ អី បាន ចង់ មាន និង ឱ្យ'
  ).split(' '),
);

function entryDirMask(dir: EntryDir | undefined): number {
  if (dir === 'out') return DIR_OUT;
  if (dir === 'any') return DIR_IN | DIR_OUT;
  return DIR_IN;
}

export class LexiconError extends Error {}

type Seq = PlainSlot[] & { anchorStart: boolean; anchorEnd: boolean };

function parseChecked(src: string, where: string): Seq[] {
  try {
    const spec = parsePattern(src);
    return expandOptional(spec).map((v) => Object.assign(v, { anchorStart: spec.anchorStart, anchorEnd: spec.anchorEnd }));
  } catch (err) {
    throw new LexiconError(`${where}: ${(err as Error).message}`);
  }
}

/** Patterns are stored with one space between their parts (what the parser splits on). */
function normalisePattern(src: string): string {
  return src.trim().split(/\s+/).join(' ');
}

/** Calls `fn` for every bare word of a pattern's variants, in the order compilation meets them. */
function forEachWord(vs: readonly Seq[], fn: (w: string) => void): void {
  for (const v of vs) for (const s of v) for (const a of s.alts) if (a.kind === 'word') fn(a.text);
}

const EMPTY_TRIE = new FlatKhmerTrie([]);

/** Stage 1: tokenizes every class member and pattern word (see ResolvedLexicon). */
export function resolveLexicons(lexicons: readonly Lexicon[], emoji: Readonly<Record<string, string>>): ResolvedLexicon {
  // Class members by name, merged across files; pattern words become one-word classes "=word".
  const members = new Map<string, Set<string>>();
  const addMember = (cls: string, m: string): void => {
    let set = members.get(cls);
    if (!set) members.set(cls, (set = new Set()));
    set.add(m);
  };
  for (const lex of lexicons) for (const [name, words] of Object.entries(lex.classes)) for (const w of words) addMember(name, w);

  const entries: ResolvedEntry[] = [];
  for (const lex of lexicons) {
    for (const e of lex.entries) {
      const where = `${lex.language} ${e.id}`;
      const groups = [e.patterns, e.guards ?? [], e.requires ?? []];
      for (const g of groups) for (const p of g) forEachWord(parseChecked(p, where), (w) => addMember(`=${w}`, w));
      entries.push({
        id: e.id,
        category: e.category,
        severity: e.severity,
        dirMask: entryDirMask(e.dir),
        patterns: e.patterns.map(normalisePattern),
        guards: (e.guards ?? []).map(normalisePattern),
        requires: (e.requires ?? []).map(normalisePattern),
      });
    }
  }

  // Pass 1: every Latin word and Khmer run any member uses, so pass 2 can split Khmer compounds.
  const latin = new Set<string>();
  const khmer = new Set<string>();
  const emojiMap = new Map(Object.entries(emoji));
  for (const concept of emojiMap.values()) latin.add(concept);
  const permissive: VocabIndex = {
    isWord: () => true,
    wordId: () => -1,
    bySkeleton: () => undefined,
    khmer: EMPTY_TRIE,
    emoji: emojiMap,
  };
  for (const set of members.values()) {
    for (const m of set) {
      const view = fold(m);
      for (const t of tokenize(view, permissive)) if (t.p.kind === TokenKind.Word || t.p.kind === TokenKind.Number) latin.add(t.p.key);
      for (const run of khmerRuns(view.text)) khmer.add(run);
    }
  }
  // Pass 2: the keys of every member, read with the finished vocabulary.
  const vocab = new Vocab(new FlatKhmerTrie([...khmer]), emojiMap, new Map(), []);
  for (const w of latin) vocab.addLatin(w);
  const classes: Array<[string, string]> = [];
  const words: Array<[string, string[]]> = [];
  for (const [name, set] of members) {
    const keyed = [...set].map((m) => {
      const keys = tokenize(fold(m), vocab).map((t) => t.p.key);
      if (keys.length === 0) throw new LexiconError(`class "${name}": "${m}" has no words`);
      for (const k of keys) if (/[\s|]/.test(k)) throw new LexiconError(`class "${name}": "${m}" reads as "${k}", which cannot be stored`);
      return keys;
    });
    if (name.startsWith('=')) {
      const w = name.slice(1);
      const keys = keyed[0] as string[];
      if (!sameKeys(keys, defaultWordKeys(w))) words.push([w, keys]);
    } else {
      classes.push([name, keyed.map((k) => k.join(' ')).sort(cmp).join('|')]);
    }
  }
  words.sort((a, b) => cmp(a[0], b[0]));
  const out: ResolvedLexicon = { emoji: [...emojiMap], classes, words, entries, latinExtra: [], latinDrop: [], khmerExtra: [], khmerDrop: [] };
  // The vocabulary the keys spell, as buildLexicon derives it, corrected to the one pass 1 found.
  const spelled = buildLexicon(out);
  const spelledLatin = new Set(spelled.latinWords());
  const spelledKhmer = new Set(spelled.khmer.words);
  out.latinExtra = [...latin].filter((w) => !spelledLatin.has(w)).sort();
  out.latinDrop = [...spelledLatin].filter((w) => !latin.has(w)).sort();
  out.khmerExtra = [...khmer].filter((w) => !spelledKhmer.has(w)).sort();
  out.khmerDrop = [...spelledKhmer].filter((w) => !khmer.has(w)).sort();
  return out;
}

/** What a bare pattern word usually reads as: its parts between "_" ("a_lot" → a, lot). */
export function defaultWordKeys(w: string): string[] {
  if (w.indexOf('_') < 0) return [w];
  const parts = w.split('_').filter((x) => x !== '');
  return parts.length > 0 ? parts : [w];
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The vocabulary side of a compiled lexicon (what the tokenizer asks). */
class Vocab implements VocabIndex {
  private skeletons: Map<string, string[]> | null = null;
  private trie: KhmerTrie | null = null;
  private makeTrie: (() => KhmerTrie) | null = null;
  constructor(
    trie: KhmerTrie | (() => KhmerTrie),
    readonly emoji: ReadonlyMap<string, string>,
    /** Key → dense word id, and per id 1 when the key is a Latin-letter vocabulary word. */
    private ids: Map<string, number>,
    private latin: number[],
  ) {
    if (typeof trie === 'function') this.makeTrie = trie;
    else this.trie = trie;
  }
  /** Built on first use: pages in other languages never need it. */
  get khmer(): KhmerTrie {
    return (this.trie ??= this.makeTrie ? this.makeTrie() : EMPTY_TRIE);
  }
  isWord(key: string): boolean {
    const id = this.ids.get(key);
    return id !== undefined && this.latin[id] === 1;
  }
  wordId(key: string): number {
    return this.ids.get(key) ?? -1;
  }
  addLatin(key: string): void {
    const id = this.ids.get(key);
    if (id !== undefined) this.latin[id] = 1;
    else {
      this.ids.set(key, this.latin.length);
      this.latin.push(1);
    }
  }
  /** The Latin-letter vocabulary, sorted. */
  latinWords(): string[] {
    const out: string[] = [];
    for (const [k, id] of this.ids) if (this.latin[id] === 1) out.push(k);
    return out.sort();
  }
  /**
   * Vocabulary words that collapse to `s`: `s` itself when it is one (a skeleton has no letter
   * runs), and the words with runs that collapse to it, from an index built on first use (only
   * words with repeated letters that are not vocabulary words ask). Sorted: of two words as long,
   * the first alphabetically wins.
   */
  bySkeleton(s: string): readonly string[] | undefined {
    if (this.skeletons === null) {
      const map = new Map<string, string[]>();
      for (const [w, id] of this.ids) {
        if (this.latin[id] !== 1) continue;
        const k = skeleton(w);
        if (k === w) continue;
        const list = map.get(k);
        if (list) list.push(w);
        else map.set(k, [w]);
      }
      this.skeletons = map;
    }
    const runs = this.skeletons.get(s);
    const self = this.isWord(s);
    if (runs === undefined) return self ? [s] : undefined;
    return (self ? [s, ...runs] : [...runs]).sort();
  }
}

/**
 * A pattern as stored (it passed `parsePattern` and has one space between parts), read straight
 * into class ids: the same reading as `parsePattern` (a unit test holds them together) without
 * its checks and intermediate objects, since this runs when the extension starts.
 */
function parseStored(src: string, where: string, altId: (src: string, a: number, b: number, where: string) => number): StoredPattern {
  const n = src.length;
  const gaps: number[] = [];
  const alts: number[][] = [];
  let flags = 0;
  let optional = 0;
  let gap = 0;
  for (let i = 0; i < n; ) {
    let j = src.indexOf(' ', i);
    if (j < 0) j = n;
    const c = src.charCodeAt(i);
    if (j - i === 1 && c === 0x5e && i === 0) flags |= FLAG_START;
    else if (j - i === 1 && c === 0x24 && j === n) flags |= FLAG_END;
    else if ((c === 0x2a || c === 0x2026) && j - i <= 3 && allDigits(src, i + 1, j)) gap += j - i > 1 ? Number(src.slice(i + 1, j)) : DEFAULT_GAP;
    else {
      let end = j;
      if (j - i > 1 && src.charCodeAt(j - 1) === 0x3f) {
        optional |= 1 << alts.length;
        end = j - 1;
      }
      const ids: number[] = [];
      for (let a = i; a <= end; ) {
        let b = src.indexOf('|', a);
        if (b < 0 || b > end) b = end;
        ids.push(altId(src, a, b, where));
        a = b + 1;
      }
      gaps.push(gap);
      alts.push(ids);
      gap = 0;
    }
    i = j + 1;
  }
  return { flags, gaps, alts, optional };
}

function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A stored pattern with its slots resolved to class ids; bit k of `optional`: slot k may be absent. */
interface StoredPattern {
  flags: number;
  gaps: number[];
  alts: number[][];
  optional: number;
}

/**
 * Calls `fn` for every choice of optional slots of a pattern (bit k of `absent`: slot k left out),
 * in the order `expandOptional` gives the variants: each optional slot present before absent, the
 * first one varying slowest.
 */
function forEachChoice(p: StoredPattern, fn: (absent: number) => void): void {
  const opt: number[] = [];
  for (let k = 0; k < p.alts.length; k++) if (p.optional & (1 << k)) opt.push(k);
  const choices = 1 << opt.length;
  for (let m = 0; m < choices; m++) {
    let absent = 0;
    for (let j = 0; j < opt.length; j++) if (m & (1 << (opt.length - 1 - j))) absent |= 1 << (opt[j] as number);
    fn(absent);
  }
}

function isLatinKey(k: string): boolean {
  const c = k.charCodeAt(0);
  return c > 0x20 && c < 0x7f;
}

function isKhmerKey(k: string): boolean {
  const c = k.charCodeAt(0);
  return (c >= 0x1780 && c <= 0x17ff) || (c >= 0x19e0 && c <= 0x19ff);
}

/**
 * Stage 2: the matcher's indexes over a resolved lexicon. This runs when the extension first
 * analyses a message, on code the engine has not optimised yet, so it does as little as it can:
 * class members are read in place from their stored text, patterns are read straight into class
 * ids, and everything is gathered in flat number arrays (few objects for the garbage collector
 * to copy) before being packed into typed arrays.
 */
export function buildLexicon(r: ResolvedLexicon): CompiledLexicon {
  const steps = buildLexiconSteps(r);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `buildLexicon` in slices of a few milliseconds: each `next()` does one slice, and the last one
 * returns the lexicon. A page can spread the work over idle time (see prepareLexicon).
 */
export function* buildLexiconSteps(r: ResolvedLexicon): Generator<void, CompiledLexicon, void> {
  const classNames: string[] = ['#num', '#teen', '#money', '#unk'];
  const builtin = { num: 0, teen: 1, money: 2, unk: 3 };
  const BUILTINS = classNames.length;
  /** Rough frequency of each class in chat: common words count a thousand times a rare one. */
  const freq: number[] = [0, 0, 0, 0];

  // A dense id per key, each key's classes, and the phrase tries (packed into typed arrays below).
  const ids = new Map<string, number>();
  const latin: number[] = [];
  // (word, class), (phrase node, class) and (class, anchor code) pairs, in the order they are
  // met; packed into per-word / per-node / per-class slices at the end (a stable counting sort).
  const wordClsWord: number[] = [];
  const wordClsClass: number[] = [];
  const nodeClsNode: number[] = [];
  const nodeClsClass: number[] = [];
  const phraseRoot: number[] = [];
  const idFor = (k: string): number => {
    let id = ids.get(k);
    if (id === undefined) {
      id = latin.length;
      ids.set(k, id);
      latin.push(isLatinKey(k) ? 1 : 0);
      phraseRoot.push(-1);
    }
    return id;
  };
  /** Phrase trie edges: node × EDGE_BASE + word id → child node. */
  const edges = new Map<number, number>();
  let nodes = 0;
  /**
   * A new class with its members (as stored: members between "|", their keys between spaces).
   * Classes are added in id order, so each key's class list stays sorted.
   */
  const addClass = (name: string, members: string): number => {
    const id = classNames.length;
    classNames.push(name);
    let f = 0;
    const n = members.length;
    for (let i = 0; i <= n; ) {
      let end = members.indexOf('|', i);
      if (end < 0) end = n;
      let sp = members.indexOf(' ', i);
      if (sp < 0 || sp > end) sp = end;
      const k0 = members.slice(i, sp);
      const w = idFor(k0);
      if (sp === end) {
        f += COMMON.has(k0) ? 1000 : 1;
        wordClsWord.push(w);
        wordClsClass.push(id);
      } else {
        f += 1;
        let node = phraseRoot[w] as number;
        if (node < 0) phraseRoot[w] = node = nodes++;
        for (let a = sp + 1; a <= end; ) {
          let b = members.indexOf(' ', a);
          if (b < 0 || b > end) b = end;
          const edge = node * EDGE_BASE + idFor(members.slice(a, b));
          let next = edges.get(edge);
          if (next === undefined) edges.set(edge, (next = nodes++));
          node = next;
          a = b + 1;
        }
        nodeClsNode.push(node);
        nodeClsClass.push(id);
      }
      i = end + 1;
    }
    freq.push(f);
    return id;
  };
  const classId = new Map<string, number>(classNames.map((name, id) => [name, id]));
  for (let c = 0; c < r.classes.length; c++) {
    const [name, members] = r.classes[c] as [string, string];
    if (!classId.has(name)) classId.set(name, addClass(name, members));
    if (c % 128 === 127) yield;
  }

  // Patterns to class ids, slot by slot; bare words become one-word classes "=word" as they are met.
  const wordKeys = new Map(r.words);
  const wordClass = new Map<string, number>();
  const altId = (src: string, a: number, b: number, where: string): number => {
    if (src.charCodeAt(a) === 0x7b) {
      const name = src.slice(a + 1, b - 1);
      const id = classId.get(name);
      if (id === undefined) throw new LexiconError(`${where}: unknown class {${name}}`);
      return id;
    }
    const text = src.slice(a, b);
    let id = wordClass.get(text);
    if (id === undefined) {
      id = addClass(`=${text}`, (wordKeys.get(text) ?? defaultWordKeys(text)).join(' '));
      wordClass.set(text, id);
    }
    return id;
  };

  // Variants: one per optional-slot choice of a pattern; their slots go straight into vList
  // (slot count, then per slot: gap, number of alternatives, class ids).
  const vStartList: number[] = [];
  const vList: number[] = [];
  const vEntry: number[] = [];
  const vFlags: number[] = [];
  const vCheckSlot: number[] = [];
  const anchorNeed: number[] = [];
  const anchorClass: number[] = [];
  const anchorCode: number[] = [];
  const slotCost = (at: number): number => {
    let c = 0;
    for (let x = at + 2, e = at + 2 + (vList[at + 1] as number); x < e; x++) {
      const id = vList[x] as number;
      c += id < BUILTINS ? 1000 : freq[id] || 1;
    }
    return c;
  };
  // The variant being considered, before it is kept: slot count, then per slot gap, count, ids.
  let scratch = new Int32Array(256);
  let scratchLen = 0;
  /** Writes the variant of p without the `absent` slots into scratch; false when nothing is left. */
  const stage = (p: StoredPattern, absent: number): boolean => {
    let len = 1;
    let slots = 0;
    let carry = 0;
    for (let k = 0; k < p.alts.length; k++) {
      const g = (p.gaps[k] as number) + carry;
      if (absent & (1 << k)) {
        carry = g;
        continue;
      }
      carry = 0;
      const alts = p.alts[k] as number[];
      if (len + 2 + alts.length > scratch.length) {
        const bigger = new Int32Array(2 * (len + 2 + alts.length));
        bigger.set(scratch);
        scratch = bigger;
      }
      scratch[len++] = slots === 0 ? 0 : g;
      scratch[len++] = alts.length;
      for (const id of alts) scratch[len++] = id;
      slots++;
    }
    scratch[0] = slots;
    scratchLen = len;
    return slots > 0;
  };
  /** Keeps the staged variant; returns its id. */
  const commit = (entry: number, flags: number): number => {
    vStartList.push(vList.length);
    for (let x = 0; x < scratchLen; x++) vList.push(scratch[x] as number);
    vEntry.push(entry);
    vFlags.push(flags);
    vCheckSlot.push(-1);
    anchorNeed.push(0);
    return vEntry.length - 1;
  };
  /** Whether variant `vid` has these flags and the staged slots. */
  const isStaged = (vid: number, flags: number): boolean => {
    if (vFlags[vid] !== flags) return false;
    const start = vStartList[vid] as number;
    const end = vid + 1 < vStartList.length ? (vStartList[vid + 1] as number) : vList.length;
    if (end - start !== scratchLen) return false;
    for (let x = 0; x < scratchLen; x++) if (vList[start + x] !== scratch[x]) return false;
    return true;
  };
  const slotAt = (vid: number, k: number): number => {
    let at = (vStartList[vid] as number) + 1;
    for (let s = 0; s < k; s++) at += 2 + (vList[at + 1] as number);
    return at;
  };
  // Guards and requirements are shared by many entries ({study}, {event}…): one variant each, so
  // the matcher can remember a guard's result for the rest of the message.
  const shared = new Map<string, number>();
  const sharedIds = (p: StoredPattern): number[] => {
    const out: number[] = [];
    forEachChoice(p, (absent) => {
      if (!stage(p, absent)) return;
      let sig = `${p.flags}`;
      for (let x = 0; x < scratchLen; x++) sig += `,${scratch[x] as number}`;
      const known = shared.get(sig);
      if (known !== undefined) {
        out.push(known);
        return;
      }
      const vid = commit(-1, p.flags);
      // Guards run without anchors: their rarest slot is the one to look at first.
      const start = vStartList[vid] as number;
      let rarest = -1;
      let rarestCost = 0;
      for (let k = 0, at = start + 1; k < (vList[start] as number); k++, at += 2 + (vList[at + 1] as number)) {
        const c = slotCost(at);
        if (rarest < 0 || c < rarestCost) {
          rarest = k;
          rarestCost = c;
        }
      }
      vCheckSlot[vid] = rarest;
      shared.set(sig, vid);
      out.push(vid);
    });
    return out;
  };

  const entries: CompiledEntry[] = [];
  for (let index = 0; index < r.entries.length; index++) {
    if (index % 16 === 15) yield;
    const e = r.entries[index] as ResolvedEntry;
    const where = e.id;
    const pats = e.patterns.map((p) => parseStored(p, where, altId));
    const guards = e.guards.map((p) => parseStored(p, where, altId));
    const requires = e.requires.map((p) => parseStored(p, where, altId));
    const own: number[] = [];
    for (const p of pats) {
      forEachChoice(p, (absent) => {
        if (!stage(p, absent)) return;
        for (const o of own) if (isStaged(o, p.flags)) return;
        own.push(commit(index, p.flags));
      });
    }
    for (const vid of own) {
      // The three rarest slots, ties in slot order (what a stable sort by cost gives).
      const n = vList[vStartList[vid] as number] as number;
      const costs: number[] = [];
      for (let k = 0, at = (vStartList[vid] as number) + 1; k < n; k++, at += 2 + (vList[at + 1] as number)) costs.push(slotCost(at));
      const first = lowest(costs, -1, -1);
      const second = lowest(costs, first, -1);
      const third = lowest(costs, first, second);
      // A second anchor only when it is not a common word: scanning a long list of variants for
      // every "you" costs more than the evaluations it saves.
      const two = second >= 0 && (costs[second] as number) < 1000;
      anchorNeed[vid] = two ? 3 : 1;
      // The rarest slot that is not an anchor: the likeliest to be missing once the anchors occur.
      vCheckSlot[vid] = two ? third : second;
      for (let tag = 0; tag < (two ? 2 : 1); tag++) {
        const at = slotAt(vid, tag === 0 ? first : second);
        for (let x = at + 2, end = at + 2 + (vList[at + 1] as number); x < end; x++) {
          anchorClass.push(vList[x] as number);
          anchorCode.push(vid * 2 + tag);
        }
      }
    }
    entries.push({
      id: e.id,
      category: e.category,
      severity: e.severity,
      dirMask: e.dirMask,
      variants: own,
      guards: guards.map(sharedIds),
      requires: requires.map(sharedIds),
      sev: SEVERITIES.indexOf(e.severity),
      catBit: 1 << CATEGORY_INDEX[e.category],
    });
  }
  yield;

  for (const [, concept] of r.emoji) latin[idFor(concept)] = 1;
  for (const w of r.latinExtra) latin[idFor(w)] = 1;
  for (const w of r.latinDrop) {
    const id = ids.get(w);
    if (id !== undefined) latin[id] = 0;
  }
  const vocab = new Vocab(lazyTrie(ids, latin, r.khmerExtra, r.khmerDrop), new Map(r.emoji), ids, latin);
  const words = latin.length;
  if (words >= EDGE_BASE) throw new LexiconError(`more than ${EDGE_BASE - 1} distinct words`);
  // A class reached twice from one word (two members reading the same) counts once.
  const [clsStart, clsData] = packPairs(wordClsWord, wordClsClass, words, true);
  const [phraseClsStart, phraseClsData] = packPairs(nodeClsNode, nodeClsClass, nodes, true);
  const phraseEdgeStart = new Int32Array(nodes + 1);
  for (const edge of edges.keys()) (phraseEdgeStart[Math.floor(edge / EDGE_BASE) + 1] as number)++;
  for (let n = 0; n < nodes; n++) phraseEdgeStart[n + 1] = (phraseEdgeStart[n + 1] as number) + (phraseEdgeStart[n] as number);
  const phraseEdgeWord = new Int32Array(edges.size);
  const phraseEdgeNode = new Int32Array(edges.size);
  const fill = phraseEdgeStart.slice(0, nodes);
  for (const [edge, child] of edges) {
    const n = Math.floor(edge / EDGE_BASE);
    const at = (fill[n] as number)++;
    phraseEdgeWord[at] = edge % EDGE_BASE;
    phraseEdgeNode[at] = child;
  }
  // Each node's edges sorted by word id, so the matcher can search the wide nodes ("you" …).
  for (let n = 0; n < nodes; n++) sortEdges(phraseEdgeWord, phraseEdgeNode, phraseEdgeStart[n] as number, phraseEdgeStart[n + 1] as number);

  yield;

  // Pack variants and anchors into typed arrays.
  const count = vEntry.length;
  const vStart = new Int32Array(count + 1);
  vStart.set(vStartList);
  vStart[count] = vList.length;
  const vData = Int32Array.from(vList);
  const vCheck = new Int32Array(count).fill(-1);
  for (let i = 0; i < count; i++) if ((vCheckSlot[i] as number) >= 0) vCheck[i] = slotAt(i, vCheckSlot[i] as number);
  const [anchorStart, anchorCodes] = packPairs(anchorClass, anchorCode, classNames.length, false);

  return Object.assign(vocab, {
    classNames,
    clsStart,
    clsData,
    phraseRoot: Int32Array.from(phraseRoot),
    phraseEdgeStart,
    phraseEdgeWord,
    phraseEdgeNode,
    phraseClsStart,
    phraseClsData,
    entries,
    vStart,
    vData,
    vEntry: Int32Array.from(vEntry),
    vCheck,
    vFlags: Uint8Array.from(vFlags),
    anchorStart,
    anchorCodes,
    anchorNeed: Uint8Array.from(anchorNeed),
    builtin,
  });
}

/** Edge keys stay small integers while there are fewer than this many words (checked). */
const EDGE_BASE = 1 << 16;

/** Index of the smallest cost other than the two excluded (the first such on ties), or -1. */
function lowest(costs: readonly number[], not1: number, not2: number): number {
  let best = -1;
  for (let i = 0; i < costs.length; i++) {
    if (i === not1 || i === not2) continue;
    if (best < 0 || (costs[i] as number) < (costs[best] as number)) best = i;
  }
  return best;
}

/** Insertion sort of the (word, node) pairs in [from, to) by word: slices are short. */
function sortEdges(word: Int32Array, node: Int32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const w = word[i] as number;
    const c = node[i] as number;
    let j = i - 1;
    while (j >= from && (word[j] as number) > w) {
      word[j + 1] = word[j] as number;
      node[j + 1] = node[j] as number;
      j--;
    }
    word[j + 1] = w;
    node[j + 1] = c;
  }
}

/**
 * (key, value) pairs as one array of offsets by key and one of values: the values of key k are
 * values[start[k]] … values[start[k + 1] - 1], in the order they came (a stable counting sort).
 * With `dedupe`, a value equal to the one before it under the same key is dropped.
 */
function packPairs(keys: readonly number[], values: readonly number[], count: number, dedupe: boolean): [Int32Array, Int32Array] {
  const start = new Int32Array(count + 1);
  const last = new Int32Array(count).fill(-1);
  const keep = new Uint8Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as number;
    const v = values[i] as number;
    if (dedupe && last[k] === v) continue;
    last[k] = v;
    keep[i] = 1;
    start[k + 1] = (start[k + 1] as number) + 1;
  }
  for (let k = 0; k < count; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const data = new Int32Array(start[count] as number);
  const fill = start.slice(0, count);
  for (let i = 0; i < keys.length; i++) {
    if (keep[i] === 0) continue;
    const k = keys[i] as number;
    data[(fill[k] as number)++] = values[i] as number;
  }
  return [start, data];
}

/**
 * The Khmer word trie, built on first use from the vocabulary's Khmer keys (corrected by the
 * extra and dropped words). In its own scope, so the closure keeps only what it needs.
 */
function lazyTrie(ids: ReadonlyMap<string, number>, latin: readonly number[], extra: readonly string[], drop: readonly string[]): () => KhmerTrie {
  return () => {
    const set = new Set<string>();
    for (const [k, id] of ids) if (latin[id] !== 1 && isKhmerKey(k)) set.add(k);
    for (const w of drop) set.delete(w);
    for (const w of extra) set.add(w);
    return new FlatKhmerTrie([...set]);
  };
}

/** Both stages at once: what tests and the build script use on the lexicon files. */
export function compileLexicons(lexicons: readonly Lexicon[], emoji: Readonly<Record<string, string>>): CompiledLexicon {
  return buildLexicon(resolveLexicons(lexicons, emoji));
}
