import { LangHint, type Token } from './token';

export type DetectedLang = 'en' | 'km' | 'km-Latn' | 'mixed' | 'other';

/**
 * Language of a message from its tokens: Khmer script, Khmer typed in Latin letters, English, a mix,
 * or something else. Brand names do not count, so "ចូល Telegram" is still Khmer. What each word
 * counts as (the word lists are in token.ts) is decided once per distinct word, when it is resolved.
 */
export function detectLang(tokens: readonly Token[]): DetectedLang {
  let khmer = 0;
  let km = 0;
  let en = 0;
  let latin = 0;
  let other = 0;
  for (let i = 0; i < tokens.length; i++) {
    switch ((tokens[i] as Token).p.lang) {
      case LangHint.Khmer:
        khmer++;
        break;
      case LangHint.Other:
        other++;
        break;
      case LangHint.KmLatn:
        latin++;
        km++;
        break;
      case LangHint.En:
        latin++;
        en++;
        break;
      case LangHint.Latin:
        latin++;
        break;
      default:
        break;
    }
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
