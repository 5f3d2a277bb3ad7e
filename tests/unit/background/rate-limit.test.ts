import { describe, expect, it } from 'vitest';
import { RateLimiter } from '@/lib/background/rate-limit';

describe('RateLimiter', () => {
  it('allows a burst, then refills at the given rate', () => {
    const r = new RateLimiter(3, 2);
    const t0 = 1_000_000;
    expect([r.take('a', t0), r.take('a', t0), r.take('a', t0), r.take('a', t0)]).toEqual([true, true, true, false]);
    expect(r.take('a', t0 + 400)).toBe(false); // 0.8 of a token
    expect(r.take('a', t0 + 500)).toBe(true); // 1 token after half a second at 2/s
    expect(r.take('a', t0 + 500)).toBe(false);
  });

  it('never stores more than its capacity, however long it waited', () => {
    const r = new RateLimiter(2, 100);
    expect(r.take('a', 0)).toBe(true);
    const later = 3_600_000;
    expect([r.take('a', later), r.take('a', later), r.take('a', later)]).toEqual([true, true, false]);
  });

  it('keeps keys apart', () => {
    const r = new RateLimiter(1, 0);
    expect(r.take('tab:1', 0)).toBe(true);
    expect(r.take('tab:1', 0)).toBe(false);
    expect(r.take('tab:2', 0)).toBe(true);
  });

  it('does not refill when the clock goes back', () => {
    const r = new RateLimiter(1, 1);
    expect(r.take('a', 10_000)).toBe(true);
    expect(r.take('a', 5_000)).toBe(false);
  });

  it('forgets the oldest key when it holds too many, so memory stays bounded', () => {
    const r = new RateLimiter(1, 0, 2);
    r.take('a', 0);
    r.take('b', 0);
    r.take('c', 0); // evicts a
    expect(r.take('a', 0)).toBe(true); // a starts afresh
    expect(r.take('c', 0)).toBe(false);
  });
});
