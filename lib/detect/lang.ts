import { TokenKind, type Token } from './token';

export type DetectedLang = 'en' | 'km' | 'km-Latn' | 'mixed' | 'other';

/** Khmer words as teenagers type them in Latin letters; few are English words. */
const KM_LATN = new Set(
  (
    'oun own aon bong bang nhom knhom khnhom knyom nyom ey eng aeng te ot ort nas nah nh hz hx mok mk tov tv teuv ' +
    'ban chong jong kom kum prab brab prap yub yup yop nis nih nung ning dae dai men mean tae jea knea mouy muoy ' +
    'nov nau ptes pteas phteah sala rean leng merl mer meul khernh kheunh pnher phnher rub rup luy tinh oy aoy ' +
    'ayu ponman bonman chnam sart saat srolanh srolan nak neak ke yeung yerng arkun akun sok sabay tam vinh jol ' +
    'chet jam thngai saek mong kru mak pa chas thom tuch kmeng muk mukh lok knhae somlanh doch dotei mneak mnak ' +
    'tver thveu nham hop bay kdeng kdeang ches min mun del dael yol yul pel pil chol chenh jenh yok sen sin ' +
    'ilov eilov ilou pouk pok mdai bat cha chah ort euy ai avey ot-te haey hery'
  ).split(/\s+/),
);

/** English words common in chat and rare as Khmer romanisations. */
const EN = new Set(
  (
    'the you your ur u r are is am i im me my mine we us our they them he she it this that what whats how ' +
    'why when where who do does did dont can cant will would should could have has had was were be been ' +
    'to of in on at for with from about and or but if so not no yes just like want wanna gonna send tell ' +
    'know think see look get got make take come go going talk chat pic pics photo phone number school ' +
    'home parents mom dad friend friends love cute pretty hot sexy age old alone meet up out after before ' +
    'tonight today tomorrow tmrw rn now later please pls plz thanks thx lol lmao omg ok okay play game ' +
    'add video call free buy give money class group teacher homework an a there here then than too very really'
  ).split(/\s+/),
);

/** Product and place names that say nothing about the language of the message around them. */
const NAMES = new Set(
  'telegram messenger signal whatsapp facebook fb tiktok instagram ig snapchat snap youtube zoom google aeon aba wing acleda free fire ml qr wifi id ok'.split(
    ' ',
  ),
);

/**
 * Language of a message from its tokens: Khmer script, Khmer typed in Latin letters, English, a mix,
 * or something else. Brand names do not count, so "ចូល Telegram" is still Khmer.
 */
export function detectLang(tokens: readonly Token[]): DetectedLang {
  let khmer = 0;
  let km = 0;
  let en = 0;
  let latin = 0;
  let other = 0;
  for (const t of tokens) {
    if (t.kind === TokenKind.Khmer || t.kind === TokenKind.KhmerUnknown) {
      khmer++;
      continue;
    }
    if (t.kind !== TokenKind.Word) continue;
    const c = t.key.charCodeAt(0);
    if (c < 97 || c > 122) {
      if (c >= 0x80) other++;
      continue;
    }
    if (NAMES.has(t.key)) continue;
    latin++;
    if (KM_LATN.has(t.key)) km++;
    else if (EN.has(t.key)) en++;
  }
  if (khmer > 0) return latin >= 1 && km + en >= 1 ? 'mixed' : 'km';
  if (latin === 0) return other > 0 ? 'other' : 'en';
  if (km === 0) return other > latin ? 'other' : 'en';
  if (en === 0) return 'km-Latn';
  const share = km / (km + en);
  if (share >= 0.8) return 'km-Latn';
  if (share <= 0.1) return 'en';
  return 'mixed';
}
