import { describe, expect, it } from 'vitest';
import {
  FIRST_LOCKOUT_MS,
  FREE_TRIES,
  MAX_LOCKOUT_MS,
  NO_LOCKOUT,
  afterFailure,
  lockedFor,
  lockoutDuration,
  parseLockout,
  triesLeft,
  type LockoutState,
} from '@/lib/pin';

describe('lockoutDuration', () => {
  it.each([
    [1, 0],
    [4, 0],
    [5, 30_000],
    [6, 60_000],
    [7, 120_000],
    [8, 240_000],
    [11, 1_920_000],
    [12, 3_600_000],
    [30, 3_600_000],
  ])('after %i wrong tries: %i ms', (failures, ms) => {
    expect(lockoutDuration(failures)).toBe(ms);
  });

  it('starts at 30 s after five tries and is capped at an hour', () => {
    expect(FREE_TRIES).toBe(5);
    expect(FIRST_LOCKOUT_MS).toBe(30_000);
    expect(MAX_LOCKOUT_MS).toBe(3_600_000);
  });
});

describe('afterFailure / lockedFor', () => {
  it('locks only from the fifth wrong try, then doubles', () => {
    let s: LockoutState = NO_LOCKOUT;
    const t0 = 1_000_000;
    for (let i = 1; i <= 4; i++) {
      s = afterFailure(s, t0);
      expect(lockedFor(s, t0)).toBe(0);
      expect(triesLeft(s)).toBe(5 - i);
    }
    s = afterFailure(s, t0);
    expect(lockedFor(s, t0)).toBe(30_000);
    expect(lockedFor(s, t0 + 29_999)).toBe(1);
    expect(lockedFor(s, t0 + 30_000)).toBe(0);
    s = afterFailure(s, t0 + 30_000);
    expect(lockedFor(s, t0 + 30_000)).toBe(60_000);
    expect(triesLeft(s)).toBe(0);
  });

  it('does not stretch a pause when the clock is set back', () => {
    const s = afterFailure({ failures: 4, lockedUntil: 0 }, 10_000_000);
    expect(lockedFor(s, 10_000_000 - 86_400_000)).toBe(30_000);
  });
});

describe('parseLockout', () => {
  it.each([
    [undefined, NO_LOCKOUT],
    ['x', NO_LOCKOUT],
    [{ failures: 3, lockedUntil: 5 }, { failures: 3, lockedUntil: 5 }],
    [{ failures: -1, lockedUntil: 'soon' }, NO_LOCKOUT],
  ])('%j', (raw, expected) => {
    expect(parseLockout(raw)).toEqual(expected);
  });
});
