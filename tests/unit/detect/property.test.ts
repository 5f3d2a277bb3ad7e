// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeMessage,
  createConversationState,
  excerptFor,
  isCategoryId,
  isLevel,
  maskPersonalInfo,
  scoreMessage,
  CATEGORY_IDS,
  type CategoryId,
} from '../../../lib/detect/index';

/** Pieces that exercise every part of the normaliser: lexicon words, leet, Khmer, emoji, invisibles. */
const PIECES = [
  'send', 'pic', 'u', 'ur', 'me', 'dont', 'tell', 'parents', 'snap', 'how', 'old', 'r', 'meet', 'alone', 's3nd', 'p1c', 'c@m',
  'oun', 'bong', 'pnher', 'rub', 'mok', 'kom', 'prab', 'អូន', 'បង', 'ផ្ញើ', 'រូប', 'មក', 'កុំ', 'ប្រាប់', '០១២', '012', '345', '678',
  '+855', '@', '#', '$20', '📸', '🤫', '👨\u200d👩\u200d👧', '\u200b', '\u200d', '\ufe0f', '\u0301', 'а', 'е', 'ο', ' ', '  ', '.', '?', '\n',
  'street', 'house', '12', 'a', 'b', 'c', '\ud800', '\udc00', 'ｓ', '𝐬', '️', '\u17d2', '\u17c1', 'ើ',
];
const messageArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join('')),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(' ')),
);

describe('analysis is total and safe', () => {
  it('never throws, returns only taxonomy ids, and spans inside the text', () => {
    fc.assert(
      fc.property(messageArb, fc.constantFrom('in' as const, 'out' as const), (text, dir) => {
        const a = analyzeMessage(text, { dir });
        for (const c of a.categories) expect(isCategoryId(c)).toBe(true);
        expect(new Set(a.categories).size).toBe(a.categories.length);
        for (const s of a.spans) {
          expect(a.categories).toContain(s.category);
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeGreaterThanOrEqual(s.start);
          expect(s.end).toBeLessThanOrEqual(text.length);
        }
        expect(['en', 'km', 'km-Latn', 'mixed', 'other']).toContain(a.lang);
      }),
      { numRuns: 600 },
    );
  });

  it('masks and excerpts any text without throwing, within the length limit', () => {
    fc.assert(
      fc.property(messageArb, fc.integer({ min: 1, max: 400 }), (text, max) => {
        expect(typeof maskPersonalInfo(text)).toBe('string');
        const ex = excerptFor(text, analyzeMessage(text, { dir: 'in' }), max);
        expect(ex.length).toBeLessThanOrEqual(Math.max(8, max));
      }),
      { numRuns: 300 },
    );
  });

  it('scores any sequence of messages into a valid level and a JSON state', () => {
    const msg = fc.record({
      dir: fc.constantFrom('in' as const, 'out' as const),
      categories: fc.array(fc.constantFrom(...CATEGORY_IDS), { maxLength: 5 }),
      ts: fc.oneof(fc.integer({ min: 0, max: 4e12 }), fc.constant(Number.NaN)),
    });
    fc.assert(
      fc.property(fc.array(msg, { maxLength: 60 }), (msgs) => {
        let state = createConversationState();
        for (const m of msgs) {
          const r = scoreMessage(state, m as { dir: 'in' | 'out'; categories: CategoryId[]; ts: number });
          expect(isLevel(r.level)).toBe(true);
          state = r.state;
        }
        expect(JSON.parse(JSON.stringify(state))).toEqual(state);
      }),
      { numRuns: 200 },
    );
  });
});

describe('analysis runs in linear time on hostile input', () => {
  // Bounds are generous on purpose: they catch quadratic blow-ups (minutes), not slow machines.
  const BOUND_MS = 20_000;
  it.each([
    ['a 1 MB chat message', 'send me a pic of u and dont tell ur parents, where do u live? '.repeat(17_000)],
    ['100k repeated characters', 'a'.repeat(100_000)],
    ['100k repeated digits', '0'.repeat(100_000)],
    ['100k at-signs', '@'.repeat(100_000)],
    ['100k spaced letters', 's '.repeat(100_000)],
    ['combining marks on one letter', `e${'\u0301'.repeat(100_000)}`],
    ['zero-width joiners between emoji', '👨\u200d'.repeat(50_000)],
    ['a Khmer run without spaces', 'ផ្ញើរូបអូនមកបង'.repeat(20_000)],
    ['Khmer coeng chains', `ក${'\u17d2ក'.repeat(50_000)}`],
    ['lone surrogates', '\ud800'.repeat(100_000)],
  ])('%s', (_name, text) => {
    const t0 = performance.now();
    analyzeMessage(text, { dir: 'in' });
    maskPersonalInfo(text);
    expect(performance.now() - t0).toBeLessThan(BOUND_MS);
  });
});

describe('no regular expression can backtrack catastrophically', () => {
  const dir = join(__dirname, '../../../lib/detect');
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ f, text: readFileSync(join(dir, f), 'utf8') }));

  it('builds no regular expression at run time', () => {
    for (const { f, text } of sources) expect(text, f).not.toMatch(/new RegExp\(/);
  });

  it('has no quantified group containing a quantifier (the shape of exponential backtracking)', () => {
    const regexLiteral = /(?<![\w)\]}])\/(?![/*\s])((?:\\.|\[(?:\\.|[^\]\\])*\]|[^/\\\n[])+)\/[dgimsuvy]*/g;
    const nested = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]/;
    for (const { f, text } of sources) {
      for (const line of text.split('\n')) {
        if (/^\s*(\/\/|\*)/.test(line)) continue;
        for (const m of line.matchAll(regexLiteral)) expect(nested.test(m[1] ?? ''), `${f}: ${m[0]}`).toBe(false);
      }
    }
  });
});
