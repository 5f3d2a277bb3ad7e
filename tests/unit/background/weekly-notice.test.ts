import { describe, expect, it } from 'vitest';
import { nextWeeklyTime, noticeLang } from '@/lib/background/weekly-notice';

describe('nextWeeklyTime', () => {
  it.each([
    ['a Thursday afternoon', new Date(2025, 2, 13, 15, 0), new Date(2025, 2, 16, 18, 0)],
    ['a Sunday morning', new Date(2025, 2, 16, 9, 0), new Date(2025, 2, 16, 18, 0)],
    ['a Sunday at 18:00 exactly', new Date(2025, 2, 16, 18, 0), new Date(2025, 2, 23, 18, 0)],
    ['a Sunday night', new Date(2025, 2, 16, 21, 0), new Date(2025, 2, 23, 18, 0)],
    ['a Saturday', new Date(2025, 2, 15, 23, 59), new Date(2025, 2, 16, 18, 0)],
  ])('after %s is the next Sunday 18:00', (_n, from, want) => {
    expect(new Date(nextWeeklyTime(from.getTime()))).toEqual(want);
  });
});

describe('noticeLang', () => {
  it.each([
    ['auto', 'km-KH', 'km'],
    ['auto', 'en-US', 'en'],
    ['auto', undefined, 'en'],
    ['km', 'en-US', 'km'],
    ['en', 'km', 'en'],
  ] as const)('setting %s with browser %s → %s', (language, ui, want) => {
    expect(noticeLang({ language, weeklyNotification: true }, ui)).toBe(want);
  });
});
