// Wrong-PIN pauses: five free tries, then 30 s, doubling with every further wrong try, capped.
// Pure functions over a small state, so the timing is tested with a fake clock.

export const FREE_TRIES = 5;
export const FIRST_LOCKOUT_MS = 30_000;
export const MAX_LOCKOUT_MS = 60 * 60_000;

export interface LockoutState {
  failures: number;
  /** ms since epoch; 0 when not locked */
  lockedUntil: number;
}

export const NO_LOCKOUT: LockoutState = { failures: 0, lockedUntil: 0 };

export function lockoutDuration(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(FIRST_LOCKOUT_MS * 2 ** (failures - FREE_TRIES), MAX_LOCKOUT_MS);
}

export function afterFailure(state: LockoutState, now: number): LockoutState {
  const failures = state.failures + 1;
  const ms = lockoutDuration(failures);
  return { failures, lockedUntil: ms > 0 ? now + ms : 0 };
}

/** ms left before the next try is allowed; 0 when a try is allowed now. */
export function lockedFor(state: LockoutState, now: number): number {
  // A lockout further away than the longest possible one means the clock was moved back:
  // count from now, so a child cannot extend the pause for the parent nor skip it.
  const left = state.lockedUntil - now;
  if (left <= 0) return 0;
  return Math.min(left, lockoutDuration(state.failures) || MAX_LOCKOUT_MS);
}

/** Wrong tries left before a pause starts (after the first pause every wrong try pauses again). */
export function triesLeft(state: LockoutState): number {
  return Math.max(FREE_TRIES - state.failures, 0);
}

export function parseLockout(x: unknown): LockoutState {
  if (typeof x !== 'object' || x === null) return NO_LOCKOUT;
  const { failures, lockedUntil } = x as Record<string, unknown>;
  return {
    failures: typeof failures === 'number' && Number.isInteger(failures) && failures >= 0 ? failures : 0,
    lockedUntil: typeof lockedUntil === 'number' && Number.isFinite(lockedUntil) ? lockedUntil : 0,
  };
}
