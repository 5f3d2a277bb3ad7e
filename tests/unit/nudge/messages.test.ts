import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS, type CategoryId } from '@/lib/detect';
import { primaryCategory, WORDING_ORDER } from '@/components/nudge';

describe('nudge wording order', () => {
  it('has a sentence for every category said to the child, and only those', () => {
    const incoming = CATEGORY_IDS.filter((c) => c !== 'share_personal_info' && c !== 'share_image');
    expect([...WORDING_ORDER].sort()).toEqual([...incoming].sort());
  });

  it.each<[CategoryId[], CategoryId | undefined]>([
    [['flattery_trust', 'sextortion_threat', 'image_request'], 'sextortion_threat'],
    [['age_probe', 'meeting_request'], 'meeting_request'],
    [['gift_offer', 'platform_move'], 'platform_move'],
    [['personal_info_request', 'isolation_check'], 'isolation_check'],
    [['share_personal_info', 'share_image'], undefined],
    [[], undefined],
  ])('picks from %j: %s', (categories, expected) => {
    expect(primaryCategory(categories)).toBe(expected);
  });
});
