// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { analyzeMessage, type CategoryId } from '../../../lib/detect/index';

/**
 * Positive examples written for this test (not taken from any corpus), each with the category it
 * must keep showing once obfuscated.
 */
const POSITIVES: Array<[string, CategoryId]> = [
  ['send me a pic of yourself', 'image_request'],
  ['turn on your cam for me', 'image_request'],
  ['i want to see your body', 'image_request'],
  ['send nudes', 'image_request'],
  ['selfie please', 'image_request'],
  ['are you still a virgin', 'sexual_content'],
  ['what are you wearing right now', 'sexual_content'],
  ['have you ever kissed someone', 'sexual_content'],
  ['dont tell your parents about this', 'secrecy'],
  ['this is our secret', 'secrecy'],
  ['delete our chat after reading', 'secrecy'],
  ['add me on snapchat', 'platform_move'],
  ['whats your whatsapp', 'platform_move'],
  ['lets talk on telegram instead', 'platform_move'],
  ['where do you live', 'personal_info_request'],
  ['what school do you go to', 'personal_info_request'],
  ['give me your phone number', 'personal_info_request'],
  ['are you home alone', 'isolation_check'],
  ['are your parents home', 'isolation_check'],
  ['does your mom check your phone', 'isolation_check'],
  ['how old are you', 'age_probe'],
  ['what grade are you in', 'age_probe'],
  ['age is just a number', 'age_probe'],
  ['lets meet up this weekend', 'meeting_request'],
  ['i can pick you up after school', 'meeting_request'],
  ['come over to my place tonight', 'meeting_request'],
  ['i will buy you robux', 'gift_offer'],
  ['want a free gift card', 'gift_offer'],
  ['you are so mature for your age', 'flattery_trust'],
  ['nobody understands you like i do', 'flattery_trust'],
  ['send more or i will post your pics', 'sextortion_threat'],
  ['pay me or everyone sees your video', 'sextortion_threat'],
  ['i have your photos, do what i say', 'sextortion_threat'],
  ['oun pnher rub mok bong', 'image_request'],
  ['kom prab pa mak', 'secrecy'],
  ['oun ayu ponman', 'age_probe'],
  ['ផ្ញើរូបអូនមកបង', 'image_request'],
  ['កុំប្រាប់ម៉ាក់', 'secrecy'],
  ['អូនអាយុប៉ុន្មាន', 'age_probe'],
  ['អូននៅម្នាក់ឯងទេ', 'isolation_check'],
];

/** A small deterministic generator, so the variants (and the test) are the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };
const HOMOGLYPH: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', i: 'і' };
const CONCEPT_EMOJI: Record<string, string> = { pic: '📸', pics: '📸', photos: '📸', secret: '🤫', snapchat: '👻', gift: '🎁', phone: '📱' };
const NOISE_EMOJI = ['😊', '🙂', '🔥', '✨', '😳', '💕'];
const isLatin = (w: string): boolean => /^[a-z]+$/.test(w);

type Variant = (text: string, r: () => number) => string;
const mapWords = (text: string, f: (w: string) => string): string => text.split(' ').map(f).join(' ');

const VARIANTS: Record<string, Variant> = {
  leet: (t, r) =>
    mapWords(t, (w) => {
      if (!isLatin(w) || w.length < 3) return w;
      const chars = [...w];
      const idx = chars.findIndex((c, i) => i > 0 && LEET[c] !== undefined && r() < 0.8);
      if (idx > 0) chars[idx] = LEET[chars[idx] as string] as string;
      return chars.join('');
    }),
  spacing: (t) => (/^[a-z ]+$/.test(t) ? t.split(' ').map((w) => [...w].join(' ')).join('  ') : t.split('').join('\u200b')),
  repeats: (t, r) => mapWords(t, (w) => (isLatin(w) && w.length > 2 ? w.replace(/[aeiouy]/, (v) => v.repeat(3 + Math.floor(r() * 3))) : w)),
  homoglyphs: (t, r) => [...t].map((c) => (HOMOGLYPH[c] !== undefined && r() < 0.5 ? HOMOGLYPH[c] : c)).join(''),
  zeroWidth: (t, r) => [...t].map((c) => (c !== ' ' && r() < 0.3 ? `${c}\u200b` : c)).join(''),
  emoji: (t, r) => {
    const words = t.split(' ').map((w) => CONCEPT_EMOJI[w] ?? w);
    const at = Math.floor(r() * (words.length + 1));
    words.splice(at, 0, NOISE_EMOJI[Math.floor(r() * NOISE_EMOJI.length)] as string);
    return words.join(' ');
  },
  upperCase: (t, r) => [...t].map((c) => (r() < 0.4 ? c.toUpperCase() : c)).join(''),
  punctuation: (t, r) => mapWords(t, (w) => (r() < 0.3 ? `${w}...` : r() < 0.3 ? `${w}!!` : w)),
};

describe('obfuscated messages are still caught', () => {
  const rows: Array<{ variant: string; text: string; category: CategoryId; caught: boolean }> = [];
  for (const [name, make] of Object.entries(VARIANTS)) {
    POSITIVES.forEach(([text, category], i) => {
      const r = rng(i * 97 + name.length);
      for (let k = 0; k < 3; k++) {
        const v = make(text, r);
        rows.push({ variant: name, text: v, category, caught: analyzeMessage(v, { dir: 'in' }).categories.includes(category) });
      }
    });
  }

  it('every plain example is caught before obfuscation', () => {
    for (const [text, category] of POSITIVES) expect(analyzeMessage(text, { dir: 'in' }).categories, text).toContain(category);
  });

  it('catches at least 95% of the obfuscated variants', () => {
    const missed = rows.filter((r) => !r.caught);
    const rate = 1 - missed.length / rows.length;
    expect(rate, `missed:\n${missed.map((m) => `${m.variant}: ${m.text}`).join('\n')}`).toBeGreaterThanOrEqual(0.95);
  });

  it.each(Object.keys(VARIANTS))('catches at least 90%% of the %s variants', (name) => {
    const mine = rows.filter((r) => r.variant === name);
    const rate = mine.filter((r) => r.caught).length / mine.length;
    expect(rate, mine.filter((r) => !r.caught).map((m) => m.text).join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});
