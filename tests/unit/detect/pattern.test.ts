// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { expandOptional, parsePattern, PatternError } from '../../../lib/detect/pattern';

describe('pattern language', () => {
  it('parses classes, words, alternatives, gaps and anchors', () => {
    const p = parsePattern('^ {send} me? *2 a|the {image} $');
    expect(p.anchorStart).toBe(true);
    expect(p.anchorEnd).toBe(true);
    expect(p.slots.map((s) => s.alts.map((a) => (a.kind === 'class' ? `{${a.name}}` : a.text)))).toEqual([
      ['{send}'],
      ['me'],
      ['a', 'the'],
      ['{image}'],
    ]);
    expect(p.slots.map((s) => s.gapBefore)).toEqual([0, 0, 2, 0]);
    expect(p.slots[1]?.optional).toBe(true);
  });

  it('spells out optional words, passing their gap on', () => {
    const variants = expandOptional(parsePattern('{send} me? * {image}'));
    expect(variants.map((v) => v.map((s) => s.gapBefore))).toEqual([
      [0, 0, 3],
      [0, 3],
    ]);
  });

  it.each([
    ['* {a}', 'gap cannot start'],
    ['{a} *', 'gap cannot end'],
    ['{a} ^', '"^" must come first'],
    ['$ {a}', '"$" must come last'],
    ['a? b?', 'at least one word'],
    ['{a} *20 {b}', 'gap larger'],
    ['{a}|| b', 'empty alternative'],
    ['{A b}', 'bad class reference'],
  ])('rejects %s', (src, message) => {
    expect(() => parsePattern(src)).toThrow(PatternError);
    expect(() => parsePattern(src)).toThrow(message);
  });
});
