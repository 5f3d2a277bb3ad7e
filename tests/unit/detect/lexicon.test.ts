// @vitest-environment node
import { describe, expect, it } from 'vitest';
import en from '../../../lib/detect/lexicons/en.json';
import km from '../../../lib/detect/lexicons/km.json';
import kmLatn from '../../../lib/detect/lexicons/km-Latn.json';
import enExamples from '../../../lib/detect/lexicons/en.examples.json';
import kmExamples from '../../../lib/detect/lexicons/km.examples.json';
import kmLatnExamples from '../../../lib/detect/lexicons/km-Latn.examples.json';
import { CATEGORY_IDS } from '../../../lib/detect/categories';
import { compileLexicons } from '../../../lib/detect/compile';
import { asLexicon, lexiconProblems, SEVERITIES, type Lexicon } from '../../../lib/detect/lexicon-schema';
import { EMOJI_CONCEPTS, LEXICON_FILES, getLexicon } from '../../../lib/detect/lexicons';
import { parsePattern } from '../../../lib/detect/pattern';
import { analyzeMessage } from '../../../lib/detect/analyze';

type Examples = Record<string, { examples?: string[]; not?: string[] }>;
const FILES: Array<{ name: string; lex: unknown; examples: Examples }> = [
  { name: 'en.json', lex: en, examples: enExamples },
  { name: 'km.json', lex: km, examples: kmExamples },
  { name: 'km-Latn.json', lex: kmLatn, examples: kmLatnExamples },
];

describe('lexicon files', () => {
  it('are the files the detector loads', () => {
    expect(LEXICON_FILES.map((f) => f.file)).toEqual(FILES.map((f) => f.name));
  });

  it.each(FILES)('$name follows the schema', ({ name, lex }) => {
    expect(lexiconProblems(lex, name)).toEqual([]);
  });

  it.each(FILES)('$name: every entry has a taxonomy category, a severity and patterns that parse', ({ lex }) => {
    const l = lex as Lexicon;
    for (const e of l.entries) {
      expect(CATEGORY_IDS).toContain(e.category);
      expect(SEVERITIES).toContain(e.severity);
      for (const p of [...e.patterns, ...(e.guards ?? []), ...(e.requires ?? [])]) expect(() => parsePattern(p), `${e.id}: ${p}`).not.toThrow();
      if (e.category === 'share_personal_info') expect(e.dir, e.id).toBe('out');
      if (e.dir === 'out') expect(['share_personal_info', 'share_image']).toContain(e.category);
    }
  });

  it('compile together: every class a pattern or guard uses exists', () => {
    expect(() => compileLexicons(FILES.map((f) => asLexicon(f.lex, f.name)), EMOJI_CONCEPTS)).not.toThrow();
  });

  it('entry ids are unique across files', () => {
    const ids = FILES.flatMap((f) => (f.lex as Lexicon).entries.map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reports problems in plain words', () => {
    const bad = { language: 'xx', classes: { Bad: [] }, entries: [{ id: 'a', category: 'nope', severity: 'huge', patterns: [], extra: 1 }] };
    const problems = lexiconProblems(bad, 'bad.json');
    expect(problems.join('\n')).toMatch(/class name "Bad"/);
    expect(problems.join('\n')).toMatch(/"category" must be a taxonomy id/);
    expect(problems.join('\n')).toMatch(/"severity" must be one of/);
    expect(problems.join('\n')).toMatch(/unknown field "extra"/);
    expect(problems.join('\n')).toMatch(/"patterns" must be a non-empty list/);
  });

  it('rejects a pattern that names a missing class, saying which entry', () => {
    const lex = asLexicon({ language: 't', classes: {}, entries: [{ id: 't.one', category: 'secrecy', severity: 'low', patterns: ['{nowhere} x'] }] }, 't');
    expect(() => compileLexicons([lex], {})).toThrow(/t\.one: unknown class \{nowhere\}/);
  });

  it('maps emoji to plain concept words', () => {
    for (const [emoji, word] of Object.entries(EMOJI_CONCEPTS)) {
      expect(emoji.length).toBeGreaterThan(0);
      expect(word, emoji).toMatch(/^[a-z]+$/);
    }
  });
});

describe('lexicon examples (the checks NGO staff add next to their phrases)', () => {
  const lex = getLexicon();
  const cases = FILES.flatMap(({ examples }) =>
    Object.entries(examples).flatMap(([id, t]) => {
      const entry = lex.entries.find((e) => e.id === id);
      const dir = entry && entry.dirMask === 2 ? ('out' as const) : ('in' as const);
      return [
        ...(t.examples ?? []).map((text) => ({ id, text, dir, expectHit: true, category: entry?.category })),
        ...(t.not ?? []).map((text) => ({ id, text, dir, expectHit: false, category: entry?.category })),
      ];
    }),
  );

  it('every example belongs to an entry that exists', () => {
    for (const { examples } of FILES) for (const id of Object.keys(examples)) expect(lex.entries.map((e) => e.id), id).toContain(id);
  });

  it.each(cases)('$id: "$text" → $expectHit', ({ id, text, dir, expectHit, category }) => {
    const a = analyzeMessage(text, { dir });
    if (expectHit) expect(a.categories, JSON.stringify(a.entries)).toContain(category);
    else expect(a.entries).not.toContain(id);
  });
});
