// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fold, origEnd, origStart } from '../../../lib/detect/fold';
import { foldKhmerRun } from '../../../lib/detect/khmer';
import { debugTokens } from '../../../lib/detect/analyze';
import { getLexicon } from '../../../lib/detect/lexicons';
import { tokenize } from '../../../lib/detect/tokens';

/** The original text under a token, through the token's offset map. */
function under(text: string): string[] {
  const view = fold(text);
  return tokenize(view, getLexicon()).map((t) => text.slice(t.start, t.end));
}

describe('folded view', () => {
  it('keeps ASCII text and maps offsets one to one', () => {
    const v = fold('Send ME a Pic');
    expect(v.text).toBe('send me a pic');
    expect(v.map).toBeNull();
    expect(origStart(v, 5)).toBe(5);
  });

  it.each([
    ['zero-width space', 'sn\u200bap', 'snap'],
    ['soft hyphen and word joiner', 'p\u00adi\u2060c', 'pic'],
    ['bidi controls', '\u202esend\u202c', 'send'],
    ['variation selectors', 'ok\ufe0f', 'ok'],
    ['full-width letters (NFKC)', 'ｓｅｎｄ', 'send'],
    ['mathematical bold letters', '𝐬𝐞𝐧𝐝', 'send'],
    ['accents dropped', 'séñd', 'send'],
    ['Thai digits', '๐๑๒', '012'],
    ['Khmer digits', '០១២៣', '0123'],
  ])('folds %s', (_name, input, expected) => {
    expect(fold(input).text).toBe(expected);
  });

  it('maps every folded character back to the character it came from', () => {
    const text = 'Ａ\u200bb😀c';
    const v = fold(text);
    expect(v.text).toBe('ab😀c');
    expect(text.slice(origStart(v, 0), origEnd(v, 0))).toBe('Ａ');
    expect(text.slice(origStart(v, 1), origEnd(v, 1))).toBe('b');
    expect(text.slice(origStart(v, 4), origEnd(v, 4))).toBe('c');
  });

  it('keeps emoji sequences whole: the zero-width joiner stays between pictographs', () => {
    const family = '👨\u200d👩\u200d👧';
    expect(fold(`hi ${family} there`).text).toBe(`hi ${family} there`);
    expect(fold('a\u200db').text).toBe('ab');
  });

  it('removes spaces and ZWSP inside Khmer runs but not around Latin words', () => {
    expect(fold('យប់\u200bនេះ ម៉ាក់').text).toBe('យប់នេះម៉ាក់');
    expect(fold('ចូល Telegram ទៅ').text).toBe('ចូល telegram ទៅ');
  });

  it.each([
    ['COENG DA → COENG TA', 'សប្ដាហ៍', 'សប្តាហ៍'],
    ['ឲ្យ → ឱ្យ', 'ឲ្យ', 'ឱ្យ'],
    ['អោយ → ឱ្យ', 'អោយ', 'ឱ្យ'],
    ['split vowel េ+ី → ើ', 'ផ្ញេី', 'ផ្ញើ'],
    ['ុី typed for ៊ី', 'សុី', 'ស៊ី'],
    ['vowel typed before the subscript', 'ស\u17b8\u17d2\u179a', 'ស\u17d2\u179a\u17b8'],
  ])('folds Khmer spelling: %s', (_name, input, expected) => {
    expect(fold(input).text).toBe(expected);
  });

  it('keeps per-character offsets through Khmer rewrites', () => {
    const r = foldKhmerRun('អោយ', [10, 11, 12]);
    expect(r.text).toBe('ឱ្យ');
    expect(r.offs).toEqual([10, 11, 12]);
  });
});

describe('token view', () => {
  it('points every token at its original text', () => {
    expect(under('dоn\u200bt tеll')).toEqual(['dоn\u200bt', 'tеll']);
    expect(under('ផ្ញើ\u200bរូបមក')).toEqual(['ផ្ញើ', 'រូប', 'មក']);
  });

  it.each([
    ['homoglyphs inside Latin words', 'аrе yоu аlоnе', ['are', 'you', 'alone']],
    ['leetspeak inside mixed words', 's3nd p1c', ['send', 'pic']],
    ['leet with symbols', 'c@m p!cs', ['cam', 'pics']],
    ['elongated letters', 'piiiics plsss', ['pics', 'pls']],
    ['digits are left alone', '2 4 100', ['2', '4', '100']],
    ['a number glued to a word splits', '12yo 8pm', ['12', 'yo', '8', 'pm']],
    ['apostrophes drop inside words', "don't you're", ['dont', 'youre']],
    ['emoji become concepts', 'ok 📸 🤫', ['ok', 'photo', 'secret']],
    ['Khmer splits into known words', 'ផ្ញើរូបអូនមក', ['ផ្ញើ', 'រូប', 'អូន', 'មក']],
  ])('%s', (_name, input, keys) => {
    expect(debugTokens(input).tokens).toEqual(keys);
  });

  it('does not find a word inside another cluster (អូន inside ប្អូន)', () => {
    expect(debugTokens('ប្អូន').tokens).toEqual(['ប្អូន']);
  });

  it('keeps real Russian words as they are', () => {
    expect(debugTokens('привет как дела').tokens).toEqual(['привет', 'как', 'дела']);
  });

  it.each([
    ['s e n d  p i c', ['send', 'pic']],
    ['a/s/l', ['asl']],
    ['g i f t  c a r d  4 u', ['gift', 'card', '4', 'u']],
    ['s e n d p i c', ['send', 'pic']],
  ])('joins spaced-out letters: %s', (input, joined) => {
    expect(debugTokens(input).joined).toEqual(joined);
  });

  it('offers no joined view when nothing is spaced out', () => {
    expect(debugTokens('send me a pic').joined).toBeNull();
  });
});
