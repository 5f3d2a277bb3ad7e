// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { analyzeMessage, CATEGORY_IDS, isCategoryId, type CategoryId } from '../../../lib/detect/index';

type Row = [text: string, expected: CategoryId[]];

/** Messages to the child, one or more per category, in the languages children chat in. */
const IN_EN: Row[] = [
  ['can u send a pic of urself?', ['image_request']],
  ['put ur webcam on for me', ['image_request']],
  ['do u still sleep in ur pajamas 😏 send a pic', ['image_request', 'sexual_content']],
  ['have u ever been kissed', ['sexual_content']],
  ['dont tell ur mom about me', ['secrecy']],
  ['erase our chats tonight', ['secrecy']],
  ['do u have telegram? add me there', ['platform_move']],
  ['which street do u live on', ['personal_info_request']],
  ['is ur mom home rn', ['isolation_check']],
  ['how old r u?', ['age_probe']],
  ['ill pick u up after class', ['meeting_request']],
  ['i can send u robux', ['gift_offer']],
  ['ur so mature for 13', ['flattery_trust']],
  ['pay me $50 or ur pics go to everyone', ['sextortion_threat']],
];
const IN_KM: Row[] = [
  ['ផ្ញើរូបអូនមកបងមើលមួយ', ['image_request']],
  ['កុំប្រាប់ម៉ាក់អូនណា', ['secrecy']],
  ['អូនអាយុប៉ុន្មាន?', ['age_probe']],
  ['ស្អែកបងទៅយកអូននៅសាលា', ['meeting_request']],
  ['ប៉ាម៉ាក់អូននៅផ្ទះទេ?', ['isolation_check']],
  ['បើមិនផ្ញើលុយមក បងបង្ហោះរូបអូន', ['sextortion_threat']],
];
const IN_KM_LATN: Row[] = [
  ['pnher rub oun mok bong merl', ['image_request']],
  ['kom prab nak na nh', ['secrecy']],
  ['oun ayu ponman?', ['age_probe']],
  ['bong tinh kat oy oun', ['gift_offer']],
  ['oun nov mneak eng te?', ['isolation_check']],
];
const IN_MIXED: Row[] = [
  ['oun send pic mok bong', ['image_request']],
  ['dont tell ម៉ាក់ ok', ['secrecy']],
  ['add bong on telegram', ['platform_move']],
];

/** Phrasing in the style of offender chat logs (written for this test). */
const OFFENDER_STYLE: Row[] = [
  ['so u home alone today?', ['isolation_check']],
  ['where is ur mom now', ['isolation_check']],
  ['u got ur own computer in ur room?', ['isolation_check']],
  ['wat size bra u wear', ['sexual_content']],
  ['i want to make love to u', ['sexual_content']],
  ['u got pics', ['image_request']],
  ['wanna cam?', ['image_request']],
  ['i can drive up there saturday', ['meeting_request']],
  ['i cant wait to see u', ['meeting_request']],
  ['want me to come over', ['meeting_request']],
  ['u gotta promise not to tell', ['secrecy']],
  ['erase this when ur done', ['secrecy']],
  ['u have yahoo messenger?', ['platform_move']],
  ['im 35 is that too old for u', ['age_probe']],
  ['i think im falling for u', ['flattery_trust']],
  ['ill buy u anything u want', ['gift_offer']],
];

/** Benign look-alikes from the taxonomy and from everyday teen chat. */
const BENIGN: string[] = [
  'send me the pic of the homework',
  'send the trip photos to the group',
  'how old is your dog',
  'dont tell mum about her birthday surprise',
  'add me on steam',
  'the class group is on telegram',
  'where do you live in the game map',
  'is anyone home to let the plumber in',
  'happy birthday, I got you a card',
  'meet at the library for the group project',
  'ill destroy u next round',
  'turn on ur camera, the teacher is taking attendance',
  'ផ្ញើរូបលំហាត់មកខ្ញុំផង',
  'ឆ្មាឯងអាយុប៉ុន្មានហើយ?',
  'pnher rub lomhat mok nhom',
  'snap me later',
  'dont tell anyone but i like sokha',
  'can u keep a secret? i failed the test',
  'our secret handshake',
  'i got u a gift for ur bday',
  'this game is free',
  'text me when u get home safe',
  'do u walk to school?',
  'wanna hang out saturday with dara and sokha?',
  'is ur mom home? i left my jacket there',
  'delete that message, wrong chat lol',
  'ក្រសួងបានផ្ញើរូបភាពមកកាន់សារព័ត៌មាន',
  'ខ្ញុំទិញសៀវភៅឱ្យប្អូន',
  'ថ្ងៃស្អែកជួបគ្នានៅសាលា',
];

describe('analyzeMessage', () => {
  it.each([...IN_EN, ...IN_KM, ...IN_KM_LATN, ...IN_MIXED, ...OFFENDER_STYLE])('%s → %j', (text, expected) => {
    expect(analyzeMessage(text, { dir: 'in' }).categories).toEqual(expected);
  });

  it.each(BENIGN)('leaves "%s" alone', (text) => {
    expect(analyzeMessage(text, { dir: 'in' }).categories).toEqual([]);
  });

  it('reads requests only in messages to the child', () => {
    expect(analyzeMessage('send me a pic of u', { dir: 'out' }).categories).toEqual([]);
    expect(analyzeMessage('my number is 012 345 678', { dir: 'in' }).categories).toEqual([]);
  });

  it.each([
    ['my number is 012 345 678', 'phone'],
    ['text me +855 12 345 678', 'phone'],
    ['លេខខ្ញុំ ០១២ ៣៤៥ ៦៧៨', 'Khmer digits'],
    ['my email is dara.k@example.com', 'email'],
    ['house 12, street 271', 'address'],
    ['im at 11.5564, 104.9282', 'coordinates'],
    ['i go to riverbank high school', 'school'],
    ['ផ្ទះខ្ញុំនៅផ្លូវ២៧១', 'Khmer address'],
  ])('finds the child sharing "%s" (%s)', (text) => {
    expect(analyzeMessage(text, { dir: 'out' }).categories).toEqual(['share_personal_info']);
  });

  it.each(['im home lol', 'i live in phnom penh', 'call me later', 'im 14 btw'])('does not treat "%s" as sharing', (text) => {
    expect(analyzeMessage(text, { dir: 'out' }).categories).toEqual([]);
  });

  it('gives evidence spans that point at the words in the original text', () => {
    const text = 'hey!! dоn\u200bt tell ur parents, ok?';
    const a = analyzeMessage(text, { dir: 'in' });
    expect(a.spans).toHaveLength(1);
    const s = a.spans[0];
    expect(s && text.slice(s.start, s.end)).toBe('dоn\u200bt tell ur parents');
  });

  it('orders categories as the taxonomy does and returns only taxonomy ids', () => {
    const a = analyzeMessage('send me a pic and dont tell ur mom, how old r u', { dir: 'in' });
    expect(a.categories).toEqual(['image_request', 'secrecy', 'age_probe']);
    expect(a.categories.every(isCategoryId)).toBe(true);
    const order = a.categories.map((c) => CATEGORY_IDS.indexOf(c));
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  it.each([
    ['are you alone at home', 'en'],
    ['អូននៅផ្ទះម្នាក់ឯងទេ?', 'km'],
    ['oun nov ptes mneak eng te?', 'km-Latn'],
    ['oun send pic mok bong pls', 'mixed'],
    ['អូន send pic មកបង', 'mixed'],
    ['ចូលក្រុម Telegram', 'km'],
    ['привет как дела', 'other'],
  ])('detects the language of "%s" as %s', (text, lang) => {
    expect(analyzeMessage(text, { dir: 'in' }).lang).toBe(lang);
  });

  it('reports a valid language hint instead of guessing', () => {
    expect(analyzeMessage('ok', { dir: 'in', lang: 'km-Latn' }).lang).toBe('km-Latn');
    expect(analyzeMessage('ok', { dir: 'in', lang: 'fr' }).lang).toBe('en');
  });

  it('reports the strongest severity that fired', () => {
    expect(analyzeMessage('send nudes', { dir: 'in' }).severity).toBe('critical');
    expect(analyzeMessage('hello', { dir: 'in' }).severity).toBeNull();
  });
});
