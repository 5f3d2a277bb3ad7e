/** The taxonomy's category ids, in the taxonomy's order. They are a contract (see detection-taxonomy.md). */
export const CATEGORY_IDS = [
  'image_request',
  'sexual_content',
  'secrecy',
  'platform_move',
  'personal_info_request',
  'isolation_check',
  'age_probe',
  'meeting_request',
  'gift_offer',
  'flattery_trust',
  'sextortion_threat',
  'share_personal_info',
  'share_image',
] as const;

export type CategoryId = (typeof CATEGORY_IDS)[number];

const ID_SET: ReadonlySet<string> = new Set(CATEGORY_IDS);

export function isCategoryId(x: unknown): x is CategoryId {
  return typeof x === 'string' && ID_SET.has(x);
}

/** Position of a category in the taxonomy, used to keep outputs in a stable order. */
export const CATEGORY_INDEX: Readonly<Record<CategoryId, number>> = Object.fromEntries(
  CATEGORY_IDS.map((id, i) => [id, i]),
) as Record<CategoryId, number>;

/** The taxonomy names these four high severity; they drive `warn` alone and `alert` in pairs. */
export const HIGH_SEVERITY: ReadonlySet<CategoryId> = new Set<CategoryId>([
  'sextortion_threat',
  'sexual_content',
  'image_request',
  'meeting_request',
]);

/** With one other category these raise a conversation to `warn` (taxonomy reference rule). */
export const ESCALATING: ReadonlySet<CategoryId> = new Set<CategoryId>([
  'secrecy',
  'platform_move',
  'isolation_check',
  'gift_offer',
]);

/** Said by the child rather than to the child. */
export const CHILD_CATEGORIES: ReadonlySet<CategoryId> = new Set<CategoryId>(['share_personal_info', 'share_image']);

/**
 * Grooming stages after O'Connell (2003), folded to five: signals from several stages in one
 * conversation are stronger evidence than many signals from one stage, whatever their order.
 */
export type Stage = 'rapport' | 'risk_assessment' | 'exclusivity' | 'sexual' | 'contact';

export const STAGE_OF: Readonly<Record<CategoryId, Stage | null>> = {
  flattery_trust: 'rapport',
  gift_offer: 'rapport',
  age_probe: 'risk_assessment',
  isolation_check: 'risk_assessment',
  personal_info_request: 'risk_assessment',
  secrecy: 'exclusivity',
  platform_move: 'exclusivity',
  sexual_content: 'sexual',
  image_request: 'sexual',
  meeting_request: 'contact',
  sextortion_threat: 'contact',
  share_personal_info: null,
  share_image: null,
};

/** Numeric weight per category for the conversation score shown to parents (1 low … 3 high). */
export const CATEGORY_WEIGHT: Readonly<Record<CategoryId, number>> = {
  image_request: 3,
  sexual_content: 3,
  secrecy: 2,
  platform_move: 2,
  personal_info_request: 1,
  isolation_check: 2,
  age_probe: 1,
  meeting_request: 3,
  gift_offer: 2,
  flattery_trust: 1,
  sextortion_threat: 4,
  share_personal_info: 1,
  share_image: 1,
};
