import type { CategoryId } from '@/lib/detect';

/**
 * Which category names the nudge when several were noticed, most important first. A threat
 * leads because its guidance (don't pay, don't delete) is what the child needs at that moment.
 */
export const WORDING_ORDER = [
  'sextortion_threat',
  'image_request',
  'sexual_content',
  'meeting_request',
  'secrecy',
  'platform_move',
  'gift_offer',
  'isolation_check',
  'personal_info_request',
  'age_probe',
  'flattery_trust',
] as const satisfies readonly CategoryId[];

export type WordedCategory = (typeof WORDING_ORDER)[number];

export interface Wording {
  /** Sentence with `{name}`, for when the other party's name is known. */
  named: string;
  /** The same sentence without a name. Separate keys, so translators never have to fit a
   * stand-in like "this person" into a sentence built around a name. */
  anon: string;
  /** One sentence of what the child can do, or steps to follow (shown as a list). */
  advice: string | readonly string[];
}

export const SEXTORTION_STEPS = [
  'nudge.sextortion.pay',
  'nudge.sextortion.delete',
  'nudge.sextortion.trouble',
  'nudge.sextortion.help',
] as const;

export const WORDING: Record<WordedCategory, Wording> = {
  sextortion_threat: {
    named: 'nudge.noticed.sextortion_threat',
    anon: 'nudge.noticed.sextortion_threat.anon',
    advice: SEXTORTION_STEPS,
  },
  image_request: {
    named: 'nudge.noticed.image_request',
    anon: 'nudge.noticed.image_request.anon',
    advice: 'nudge.advice.image_request',
  },
  sexual_content: {
    named: 'nudge.noticed.sexual_content',
    anon: 'nudge.noticed.sexual_content.anon',
    advice: 'nudge.advice.sexual_content',
  },
  meeting_request: {
    named: 'nudge.noticed.meeting_request',
    anon: 'nudge.noticed.meeting_request.anon',
    advice: 'nudge.advice.meeting_request',
  },
  secrecy: {
    named: 'nudge.noticed.secrecy',
    anon: 'nudge.noticed.secrecy.anon',
    advice: 'nudge.advice.secrecy',
  },
  platform_move: {
    named: 'nudge.noticed.platform_move',
    anon: 'nudge.noticed.platform_move.anon',
    advice: 'nudge.advice.platform_move',
  },
  gift_offer: {
    named: 'nudge.noticed.gift_offer',
    anon: 'nudge.noticed.gift_offer.anon',
    advice: 'nudge.advice.gift_offer',
  },
  isolation_check: {
    named: 'nudge.noticed.isolation_check',
    anon: 'nudge.noticed.isolation_check.anon',
    advice: 'nudge.advice.isolation_check',
  },
  personal_info_request: {
    named: 'nudge.noticed.personal_info_request',
    anon: 'nudge.noticed.personal_info_request.anon',
    advice: 'nudge.advice.personal_info_request',
  },
  age_probe: {
    named: 'nudge.noticed.age_probe',
    anon: 'nudge.noticed.age_probe.anon',
    advice: 'nudge.advice.age_probe',
  },
  flattery_trust: {
    named: 'nudge.noticed.flattery_trust',
    anon: 'nudge.noticed.flattery_trust.anon',
    advice: 'nudge.advice.flattery_trust',
  },
};

/** For a nudge without an incoming category (only the child's own, or none given). */
export const FALLBACK_WORDING: Wording = {
  named: 'nudge.noticed.fallback',
  anon: 'nudge.noticed.fallback',
  advice: 'nudge.advice.fallback',
};

export function primaryCategory(categories: readonly CategoryId[]): WordedCategory | undefined {
  return WORDING_ORDER.find((c) => categories.includes(c));
}

export function wordingFor(categories: readonly CategoryId[]): Wording {
  const c = primaryCategory(categories);
  return c ? WORDING[c] : FALLBACK_WORDING;
}
