import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS } from '@/lib/detect/categories';
import { CATEGORY_COLOURS } from '@/components/dashboard/palette';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('chart palette', () => {
  it('has a colour for every category, all different', () => {
    expect(Object.keys(CATEGORY_COLOURS).sort()).toEqual([...CATEGORY_IDS].sort());
    expect(new Set(Object.values(CATEGORY_COLOURS)).size).toBe(CATEGORY_IDS.length);
  });

  it.each(CATEGORY_IDS.map((c) => [c, CATEGORY_COLOURS[c]]))('%s (%s) has 3:1 contrast on white', (_c, colour) => {
    expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(3);
  });
});
