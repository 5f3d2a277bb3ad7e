// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { analyzeMessage, excerptFor, maskPersonalInfo } from '../../../lib/detect/index';

describe('maskPersonalInfo', () => {
  it.each([
    ['call 012 345 678 pls', 'call [phone] pls'],
    ['097-123-4567', '[phone]'],
    ['my # +855 12 345 678', 'my # [phone]'],
    ['+85512345678', '[phone]'],
    ['(012) 345-678', '[phone]'],
    ['0 9 6 7 7 1 2 0 4 5', '[phone]'],
    ['លេខខ្ញុំ ០១២ ៣៤៥ ៦៧៨', 'លេខខ្ញុំ [phone]'],
    ['លេខ០៨៨៧៦៥៤៣២១', 'លេខ[phone]'],
    ['mail me: dara.sok+x@example.com.kh ok', 'mail me: [email] ok'],
    ['house 27b, street 310', '[address], [address]'],
    ['i live at #12 st 155', 'i live at [address] [address]'],
    ['14 street 2004, sen sok', '[address], sen sok'],
    ['ផ្ទះខ្ញុំនៅផ្លូវ២៧១', 'ផ្ទះខ្ញុំនៅ[address]'],
    ['No. 5, road 7', '[address], [address]'],
    ['pin 11.5564, 104.9282', 'pin [location]'],
  ])('%s → %s', (text, masked) => {
    expect(maskPersonalInfo(text)).toBe(masked);
  });

  it.each([
    'we scored 100 000 points',
    'the year 2024-05-12',
    'my id is ab55203118',
    'x 400 z -1200 in the game',
    'page 12 and question 7',
    'it costs 5000 riel',
    'no 5 is my favourite',
  ])('leaves "%s" unchanged', (text) => {
    expect(maskPersonalInfo(text)).toBe(text);
  });
});

describe('excerptFor', () => {
  it('returns short messages whole, masked', () => {
    const text = 'my number is 012 345 678';
    expect(excerptFor(text, analyzeMessage(text, { dir: 'out' }))).toBe('my number is [phone]');
  });

  it('keeps to the length limit and centres on the evidence', () => {
    const pad = 'blah '.repeat(60);
    const text = `${pad}dont tell ur parents about us ${pad}`;
    const a = analyzeMessage(text, { dir: 'in' });
    const ex = excerptFor(text, a);
    expect(ex.length).toBeLessThanOrEqual(160);
    expect(ex).toContain('dont tell ur parents');
    expect(ex.startsWith('…')).toBe(true);
    expect(ex.endsWith('…')).toBe(true);
    expect(excerptFor(text, a, 60).length).toBeLessThanOrEqual(60);
  });

  it('never shows part of a phone number at the edge of the window', () => {
    const text = `${'x '.repeat(100)}whats ur number? mine is 012 345 678 ${'y '.repeat(100)}`;
    const ex = excerptFor(text, analyzeMessage(text, { dir: 'in' }), 40);
    expect(ex).not.toMatch(/\d{3}/);
  });

  it('works without evidence', () => {
    const text = 'a'.repeat(500);
    expect(excerptFor(text, analyzeMessage(text, { dir: 'in' })).length).toBeLessThanOrEqual(160);
  });
});
