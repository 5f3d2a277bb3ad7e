// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { buildLexicon, buildLexiconSteps, compileLexicons, resolveLexicons, type CompiledLexicon } from '../../../lib/detect/compile';
import { fold } from '../../../lib/detect/fold';
import { FlatKhmerTrie } from '../../../lib/detect/khmer-trie';
import { decodeLexicon, encodeLexicon, LEXICON_FORMAT } from '../../../lib/detect/lexicon-codec';
import { LEXICON_DATA } from '../../../lib/detect/lexicon-data';
import { EMOJI_CONCEPTS, encodeLexiconFiles, getLexicon, loadLexicons, REBUILD_LEXICON_COMMAND, staleLexiconData } from '../../../lib/detect/lexicons';
import { expandOptional, parsePattern } from '../../../lib/detect/pattern';
import { tokenize } from '../../../lib/detect/tokens';
import { resolveRaw } from '../../../lib/detect/words';

/**
 * The extension ships lexicon-data.ts, a compact compiled form of the lexicon files; these tests
 * hold it to the files and to what compiling the files directly gives.
 */
const resolved = resolveLexicons(loadLexicons(), EMOJI_CONCEPTS);
const direct = buildLexicon(resolved);
const shipped = getLexicon();

/** Everything the matcher and tokenizer read, except class names (the shipped form shortens them). */
function shape(lex: CompiledLexicon): unknown {
  return {
    entries: lex.entries,
    vStart: [...lex.vStart],
    vData: [...lex.vData],
    vEntry: [...lex.vEntry],
    vFlags: [...lex.vFlags],
    vCheck: [...lex.vCheck],
    anchorStart: [...lex.anchorStart],
    anchorCodes: [...lex.anchorCodes],
    anchorNeed: [...lex.anchorNeed],
    clsStart: [...lex.clsStart],
    clsData: [...lex.clsData],
    phraseRoot: [...lex.phraseRoot],
    phraseEdgeStart: [...lex.phraseEdgeStart],
    phraseEdgeWord: [...lex.phraseEdgeWord],
    phraseEdgeNode: [...lex.phraseEdgeNode],
    phraseClsStart: [...lex.phraseClsStart],
    phraseClsData: [...lex.phraseClsData],
    builtin: lex.builtin,
    classCount: lex.classNames.length,
    latin: lex.latinWords(),
    khmer: [...lex.khmer.words].sort(),
    emoji: [...lex.emoji],
  };
}

describe('shipped lexicon (lexicon-data.ts)', () => {
  it('is up to date with the lexicon files', () => {
    expect(encodeLexiconFiles() === LEXICON_DATA, `lib/detect/lexicon-data.ts is out of date: run ${REBUILD_LEXICON_COMMAND}`).toBe(true);
    expect(staleLexiconData()).toBeNull();
  });

  it('indexes to the same lexicon as compiling the files', () => {
    expect(shape(shipped)).toEqual(shape(direct));
    expect(shape(compileLexicons(loadLexicons(), EMOJI_CONCEPTS))).toEqual(shape(direct));
  });

  it('gives every vocabulary key the same id', () => {
    for (const w of [...direct.latinWords(), ...direct.khmer.words, 'not-a-word']) expect(shipped.wordId(w), w).toBe(direct.wordId(w));
  });

  it('decodes to what was encoded', () => {
    const text = encodeLexicon(resolved);
    expect(encodeLexicon(decodeLexicon(text))).toBe(text);
    expect(decodeLexicon(text).entries.map((e) => e.id)).toEqual(resolved.entries.map((e) => e.id));
  });

  it('is smaller than the lexicon files it replaces', () => {
    const files = JSON.stringify(loadLexicons()) + JSON.stringify(EMOJI_CONCEPTS);
    expect(LEXICON_DATA.length).toBeLessThan(files.length);
  });

  it('refuses data in another format, and keys it could not store', () => {
    expect(() => decodeLexicon('{"language":"en"}')).toThrow(LEXICON_FORMAT);
    const bad = { ...resolved, latinExtra: ['two words'] };
    expect(() => encodeLexicon(bad)).toThrow(/cannot be stored/);
  });
});

describe('compiled patterns', () => {
  /**
   * An independent reading of every entry's patterns with parsePattern and expandOptional (the
   * checked parser), to hold the loader's own fast reading of stored patterns to it.
   */
  it('are the variants parsePattern and expandOptional give, deduplicated per entry', () => {
    const classIds = new Map(direct.classNames.map((n, i) => [n, i]));
    const lexicons = loadLexicons();
    const source = lexicons.flatMap((l) => l.entries);
    expect(direct.entries.map((e) => e.id)).toEqual(source.map((e) => e.id));
    direct.entries.forEach((entry, index) => {
      const e = source[index];
      if (!e) throw new Error('missing entry');
      const want: string[] = [];
      for (const p of e.patterns) {
        const spec = parsePattern(p);
        for (const v of expandOptional(spec)) {
          const slots = v.map((s) => `${s.gapBefore}:${s.alts.map((a) => classIds.get(a.kind === 'class' ? a.name : `=${a.text}`)).join(',')}`);
          const sig = `${spec.anchorStart ? '^' : ''}${slots.join(' ')}${spec.anchorEnd ? '$' : ''}`;
          if (!want.includes(sig)) want.push(sig);
        }
      }
      const got = entry.variants.map((vid) => {
        let at = direct.vStart[vid] as number;
        const n = direct.vData[at++] as number;
        const slots: string[] = [];
        for (let k = 0; k < n; k++) {
          const gap = direct.vData[at] as number;
          const len = direct.vData[at + 1] as number;
          slots.push(`${gap}:${[...direct.vData.subarray(at + 2, at + 2 + len)].join(',')}`);
          at += 2 + len;
        }
        const flags = direct.vFlags[vid] as number;
        return `${flags & 1 ? '^' : ''}${slots.join(' ')}${flags & 2 ? '$' : ''}`;
      });
      expect(got, e.id).toEqual(want);
    });
  });
});

describe('Khmer word trie', () => {
  it('finds exactly the words it holds, and their prefixes as nodes', () => {
    const words = ['ក', 'កក', 'កខគ', 'ខ', 'ខ្ញុំ', 'អូន', 'អូនៗ', 'abc'];
    const trie = new FlatKhmerTrie(words);
    const walk = (s: string): number => {
      let node = 0;
      for (let i = 0; i < s.length && node >= 0; i++) node = trie.step(node, s.charCodeAt(i));
      return node;
    };
    for (const [i, w] of words.entries()) expect(trie.wordAt(walk(w)), w).toBe(i);
    for (const s of ['កខ', 'ខ្ញ', 'អូ']) {
      expect(walk(s), s).toBeGreaterThan(0);
      expect(trie.wordAt(walk(s)), s).toBe(-1);
    }
    for (const s of ['គ', 'កខគឃ', 'ab', 'x']) expect(walk(s) < 0 || trie.wordAt(walk(s)) === -1, s).toBe(true);
  });
});

describe('tokenizer word cache', () => {
  /** The tokenizer's hash of a plain word (see readWord). */
  const hash = (w: string): number => {
    let h = 0;
    for (let i = 0; i < w.length; i++) h = (Math.imul(h, 31) + w.charCodeAt(i)) | 0;
    return h;
  };

  it('never answers for a different word with the same hash', () => {
    // Find words whose 32-bit hashes collide (a birthday search), then read them in turn.
    const seen = new Map<number, string>();
    const pairs: Array<[string, string]> = [];
    let s = 12345;
    const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
    while (pairs.length < 3) {
      let w = '';
      for (let i = 0; i < 7; i++) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        w += letters[s % letters.length];
      }
      const h = hash(w);
      const other = seen.get(h);
      if (other !== undefined && other !== w) pairs.push([other, w]);
      else seen.set(h, w);
    }
    const lex = getLexicon();
    for (const [a, b] of pairs) {
      expect(hash(a)).toBe(hash(b));
      for (const text of [a, b, `${a} ${b}`, `${b} ${a} ${b}`]) {
        const keys = tokenize(fold(text), lex).map((t) => t.p.key);
        const want = text.split(' ').flatMap((w) => resolveRaw(w, lex).map((p) => p.key));
        expect(keys, text).toEqual(want);
      }
    }
  });

  it('reads many distinct words the same as resolving each alone', () => {
    const lex = getLexicon();
    const words: string[] = [];
    let s = 99;
    for (let i = 0; i < 12000; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      words.push(`${['send', 'pic', 'u', 'meet', 'x', 'snap'][s % 6]}${(s >>> 8) % 5000}`);
    }
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < words.length; i += 50) {
        const chunk = words.slice(i, i + 50);
        const keys = tokenize(fold(chunk.join(' ')), lex).map((t) => t.p.key);
        expect(keys).toEqual(chunk.flatMap((w) => resolveRaw(w, lex).map((p) => p.key)));
      }
    }
  });
});

describe('indexing in slices', () => {
  it('gives the same lexicon as indexing at once', () => {
    const steps = buildLexiconSteps(decodeLexicon(LEXICON_DATA));
    let slices = 0;
    let step = steps.next();
    while (!step.done) {
      slices++;
      step = steps.next();
    }
    expect(slices).toBeGreaterThan(5);
    expect(shape(step.value)).toEqual(shape(direct));
  });

  it('stops at the deadline and finishes on later calls, or in getLexicon', async () => {
    vi.resetModules();
    const runtime = await import('../../../lib/detect/lexicon-runtime');
    expect(runtime.prepareLexicon(0)).toBe(false);
    let calls = 1;
    while (!runtime.prepareLexicon(0)) calls++;
    expect(calls).toBeGreaterThan(5);
    expect(shape(runtime.getLexicon())).toEqual(shape(direct));
    vi.resetModules();
    const fresh = await import('../../../lib/detect/lexicon-runtime');
    expect(fresh.prepareLexicon(0)).toBe(false);
    expect(shape(fresh.getLexicon())).toEqual(shape(direct));
  });
});

describe('prepareDetector', () => {
  it('indexes the shipped lexicon ahead of the first message, once', async () => {
    const { prepareDetector, analyzeMessage } = await import('../../../lib/detect/analyze');
    prepareDetector();
    prepareDetector();
    expect(getLexicon()).toBe(shipped);
    expect(analyzeMessage('send me a pic of you', { dir: 'in' }).categories).toContain('image_request');
  });
});
