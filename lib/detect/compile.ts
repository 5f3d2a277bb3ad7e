import type { CategoryId } from './categories';
import { fold } from './fold';
import { khmerRuns } from './khmer';
import type { EntryDir, Lexicon, Severity } from './lexicon-schema';
import { expandOptional, parsePattern, type PlainSlot } from './pattern';
import { TokenKind, type PhraseNode, type TrieNode, type VocabIndex } from './token';
import { tokenize } from './tokens';
import { skeleton } from './words';

export const DIR_IN = 1;
export const DIR_OUT = 2;

export interface Variant {
  /** The entry whose pattern this is, or -1 for a guard or requirement shared between entries. */
  entry: number;
  /** Per slot, the class ids any of which fills it. */
  slots: Int32Array[];
  gaps: Int32Array;
  anchorStart: boolean;
  anchorEnd: boolean;
}

export interface CompiledEntry {
  id: string;
  category: CategoryId;
  severity: Severity;
  dirMask: number;
  variants: number[];
  guards: number[][];
  requires: number[][];
}

export interface CompiledLexicon extends VocabIndex {
  classNames: string[];
  /** Single-token keys (Latin words, Khmer words, emoji concepts) → class ids. */
  wordClasses: Map<string, number[]>;
  /** Multi-token class members, as a trie over token keys. */
  phrases: Map<string, PhraseNode>;
  variants: Variant[];
  entries: CompiledEntry[];
  /**
   * Class id → anchor codes (variant id × 2 + which anchor). A variant is tried only once both of
   * its anchors (its two rarest slots) occur in the message, or its one anchor for one-slot patterns.
   */
  byAnchor: number[][];
  /** Per variant: 1 when it has one anchor, 3 when two. */
  anchorNeed: Uint8Array;
  builtin: { num: number; teen: number; money: number; unk: number };
}

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

export function compileLexicons(lexicons: readonly Lexicon[], emoji: Readonly<Record<string, string>>): CompiledLexicon {
  const latin = new Set<string>();
  const khmer: TrieNode = { next: new Map(), term: false };
  const emojiMap = new Map(Object.entries(emoji));
  const skeletons = new Map<string, string[]>();
  const none = (): undefined => undefined;
  const vocab: VocabIndex = {
    isWord: (k) => latin.has(k),
    bySkeleton: (s) => skeletons.get(s),
    classesOf: none,
    phrasesOf: none,
    khmer,
    emoji: emojiMap,
  };
  const permissive: VocabIndex = { ...vocab, isWord: () => true, bySkeleton: none };

  // Class members by name, merged across files; pattern words become one-word classes "=word".
  const members = new Map<string, Set<string>>();
  const addMember = (cls: string, m: string): void => {
    let set = members.get(cls);
    if (!set) members.set(cls, (set = new Set()));
    set.add(m);
  };
  for (const lex of lexicons) for (const [name, words] of Object.entries(lex.classes)) for (const w of words) addMember(name, w);

  type Seq = PlainSlot[] & { anchorStart: boolean; anchorEnd: boolean };
  type ParsedEntry = { lex: Lexicon; e: Lexicon['entries'][number]; pats: Seq[][]; guards: Seq[][]; requires: Seq[][] };
  const parsed: ParsedEntry[] = [];
  const parse = (src: string, where: string): Seq[] => {
    try {
      const spec = parsePattern(src);
      const vs = expandOptional(spec);
      for (const v of vs) for (const s of v) for (const a of s.alts) if (a.kind === 'word') addMember(`=${a.text}`, a.text);
      return vs.map((v) => Object.assign(v, { anchorStart: spec.anchorStart, anchorEnd: spec.anchorEnd }));
    } catch (err) {
      throw new LexiconError(`${where}: ${(err as Error).message}`);
    }
  };
  for (const lex of lexicons) {
    for (const e of lex.entries) {
      const where = `${lex.language} ${e.id}`;
      parsed.push({
        lex,
        e,
        pats: e.patterns.map((p) => parse(p, where)),
        guards: (e.guards ?? []).map((p) => parse(p, where)),
        requires: (e.requires ?? []).map((p) => parse(p, where)),
      });
    }
  }

  // Pass 1: every Latin word and Khmer run any member uses, so pass 2 can split Khmer compounds.
  for (const concept of emojiMap.values()) latin.add(concept);
  for (const set of members.values()) {
    for (const m of set) {
      const view = fold(m);
      for (const t of tokenize(view, permissive)) if (t.kind === TokenKind.Word || t.kind === TokenKind.Number) latin.add(t.key);
      for (const run of khmerRuns(view.text)) insertTrie(khmer, run);
    }
  }
  for (const w of latin) {
    const s = skeleton(w);
    const list = skeletons.get(s);
    if (list) list.push(w);
    else skeletons.set(s, [w]);
  }

  // Pass 2: classes.
  const classNames: string[] = [];
  const classId = new Map<string, number>();
  const idOf = (name: string): number => {
    let id = classId.get(name);
    if (id === undefined) {
      id = classNames.length;
      classNames.push(name);
      classId.set(name, id);
    }
    return id;
  };
  const builtin = { num: idOf('#num'), teen: idOf('#teen'), money: idOf('#money'), unk: idOf('#unk') };
  const wordClasses = new Map<string, number[]>();
  const phrases = new Map<string, PhraseNode>();
  /** Rough frequency of each class in chat: common words count a thousand times a rare one. */
  const freq: number[] = [];
  for (const [name, set] of members) {
    const id = idOf(name);
    for (const m of set) {
      const keys = tokenize(fold(m), vocab).map((t) => t.key);
      if (keys.length === 0) throw new LexiconError(`class "${name}": "${m}" has no words`);
      if (keys.length === 1 && COMMON.has(keys[0] as string)) freq[id] = (freq[id] ?? 0) + 1000;
      else freq[id] = (freq[id] ?? 0) + 1;
      if (keys.length === 1) {
        const k = keys[0] as string;
        const list = wordClasses.get(k);
        if (!list) wordClasses.set(k, [id]);
        else if (!list.includes(id)) list.push(id);
      } else {
        let node: PhraseNode | undefined;
        let map = phrases;
        for (const k of keys) {
          node = map.get(k);
          if (!node) map.set(k, (node = { next: new Map(), classes: [] }));
          map = node.next;
        }
        if (node && !node.classes.includes(id)) node.classes.push(id);
      }
    }
  }

  const variants: Variant[] = [];
  const byAnchor: number[][] = [];
  const anchorNeed: number[] = [];
  const slotCost = (ids: Int32Array): number => {
    let c = 0;
    for (const id of ids) c += classNames[id]?.startsWith('#') ? 1000 : freq[id] ?? 1;
    return c;
  };
  // Guards and requirements are shared by many entries ({study}, {event}…): one variant each, so
  // the matcher can remember a guard's result for the rest of the message.
  const sharedVariants = new Map<string, number>();
  const signature = (v: Seq): string =>
    `${v.anchorStart ? '^' : ''}${v.map((sl) => `${sl.gapBefore}:${sl.alts.map((a) => (a.kind === 'class' ? `{${a.name}}` : a.text)).join('|')}`).join(' ')}${v.anchorEnd ? '$' : ''}`;
  const toSharedVariant = (v: Seq, where: string): number => {
    const sig = signature(v);
    const known = sharedVariants.get(sig);
    if (known !== undefined) return known;
    const id = toVariant(-1, v, where);
    sharedVariants.set(sig, id);
    return id;
  };
  const toVariant = (entry: number, slots: Seq, where: string): number => {
    const ids = slots.map(
      (s) =>
        new Int32Array(
          s.alts.map((a) => {
            const name = a.kind === 'class' ? a.name : `=${a.text}`;
            const id = classId.get(name);
            if (id === undefined) throw new LexiconError(`${where}: unknown class {${name}}`);
            return id;
          }),
        ),
    );
    variants.push({
      entry,
      slots: ids,
      gaps: new Int32Array(slots.map((s) => s.gapBefore)),
      anchorStart: slots.anchorStart,
      anchorEnd: slots.anchorEnd,
    });
    return variants.length - 1;
  };

  const entries: CompiledEntry[] = parsed.map(({ lex, e, pats, guards, requires }, index) => {
    const where = `${lex.language} ${e.id}`;
    const seen = new Set<string>();
    const unique = pats.flat().filter((v) => {
      const sig = signature(v);
      if (seen.has(sig)) return false;
      seen.add(sig);
      return true;
    });
    const own = unique.map((v) => toVariant(index, v, where));
    for (const vid of own) {
      const v = variants[vid] as Variant;
      const order = v.slots.map((s, i) => [slotCost(s), i] as const).sort((a, b) => a[0] - b[0]);
      // A second anchor only when it is not a common word: scanning a long list of variants for
      // every "you" costs more than the evaluations it saves.
      const anchors = order.filter(([cost], k) => k === 0 || (k === 1 && cost < 1000)).map(([, i]) => i);
      anchorNeed[vid] = anchors.length === 2 ? 3 : 1;
      anchors.forEach((slot, tag) => {
        for (const cid of v.slots[slot] ?? []) (byAnchor[cid] ??= []).push(vid * 2 + tag);
      });
    }
    return {
      id: e.id,
      category: e.category,
      severity: e.severity,
      dirMask: entryDirMask(e.dir),
      variants: own,
      guards: guards.map((g) => g.map((v) => toSharedVariant(v, where))),
      requires: requires.map((g) => g.map((v) => toSharedVariant(v, where))),
    };
  });
  for (let i = 0; i < classNames.length; i++) byAnchor[i] ??= [];

  // A new object, so tokens cached while compiling (without classes) are not reused.
  return {
    ...vocab,
    classesOf: (k) => wordClasses.get(k),
    phrasesOf: (k) => phrases.get(k),
    classNames,
    wordClasses,
    phrases,
    variants,
    entries,
    byAnchor,
    anchorNeed: Uint8Array.from(anchorNeed, (x) => x ?? 0),
    builtin,
  };
}

function insertTrie(root: TrieNode, s: string): void {
  let node = root;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let nx = node.next.get(c);
    if (!nx) node.next.set(c, (nx = { next: new Map(), term: false }));
    node = nx;
  }
  node.term = true;
}
