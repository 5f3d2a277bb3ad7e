// The one gate in front of the parent's controls: unlock with the PIN, pauses after wrong
// tries, the idle timeout, and setting or changing the PIN.
import { derivePin, pinProblem, verifyPin, type PinProblem, type PinRecord } from './pinHash';
import { afterFailure, lockedFor, NO_LOCKOUT, triesLeft } from './lockout';
import { IDLE_LIMIT_MS, sessionActive } from './idle';
import type { PinStore } from './pinStore';

export type UnlockResult =
  | { ok: true }
  | { ok: false; reason: 'wrong'; triesLeft: number; lockedUntil: number }
  | { ok: false; reason: 'locked'; lockedUntil: number }
  | { ok: false; reason: 'no-pin' };

export interface PinStatus {
  hasPin: boolean;
  /** The PIN comes from the school's or organisation's policy and cannot be changed here. */
  managed: boolean;
  unlocked: boolean;
  failures: number;
  /** 0 when a try is allowed now */
  lockedUntil: number;
}

export class PinError extends Error {
  constructor(readonly code: 'locked' | 'managed' | 'wrong' | 'lockout' | PinProblem) {
    super(code);
  }
}

export interface PinGuardOptions {
  store: PinStore;
  now?: () => number;
  iterations?: number;
  idleLimitMs?: number;
  /** A PIN hash set by policy; it wins over the local one. */
  managedRecord?: () => Promise<PinRecord | null>;
  crypto?: Crypto;
}

export type PinGuard = ReturnType<typeof createPinGuard>;

export function createPinGuard(opts: PinGuardOptions) {
  const { store } = opts;
  const now = opts.now ?? Date.now;
  const idleLimit = opts.idleLimitMs ?? IDLE_LIMIT_MS;
  // Tries run one at a time, so two quick submits cannot both read the same failure count.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  async function activeRecord(): Promise<{ record: PinRecord | null; managed: boolean }> {
    const managed = (await opts.managedRecord?.()) ?? null;
    if (managed) return { record: managed, managed: true };
    return { record: await store.getRecord(), managed: false };
  }

  async function isUnlocked(): Promise<boolean> {
    return sessionActive(await store.getSession(), now(), idleLimit);
  }

  async function startSession(): Promise<void> {
    const t = now();
    await store.setSession({ unlockedAt: t, lastActivity: t });
  }

  async function status(): Promise<PinStatus> {
    const [{ record, managed }, lockout, unlocked] = await Promise.all([activeRecord(), store.getLockout(), isUnlocked()]);
    const left = lockedFor(lockout, now());
    return { hasPin: record !== null, managed, unlocked: record !== null && unlocked, failures: lockout.failures, lockedUntil: left ? now() + left : 0 };
  }

  function unlock(pin: string): Promise<UnlockResult> {
    return serial(async () => {
      const { record } = await activeRecord();
      if (!record) return { ok: false, reason: 'no-pin' };
      const state = await store.getLockout();
      const start = now();
      const left = lockedFor(state, start);
      if (left > 0) return { ok: false, reason: 'locked', lockedUntil: start + left };
      // Count the try as wrong before the slow check, so closing the page mid-check is no free try.
      const failed = afterFailure(state, start);
      await store.setLockout(failed);
      if (await verifyPin(pin, record, opts.crypto)) {
        await store.setLockout(NO_LOCKOUT);
        await startSession();
        return { ok: true };
      }
      return { ok: false, reason: 'wrong', triesLeft: triesLeft(failed), lockedUntil: failed.lockedUntil };
    });
  }

  /** Refreshes the idle timer; false (and nothing written) when already locked. */
  async function touch(): Promise<boolean> {
    const s = await store.getSession();
    if (!sessionActive(s, now(), idleLimit) || !s) return false;
    await store.setSession({ ...s, lastActivity: now() });
    return true;
  }

  async function lock(): Promise<void> {
    await store.setSession(null);
  }

  /** Sets the first PIN, or replaces it while unlocked. Leaves the page unlocked. */
  function setPin(pin: string): Promise<void> {
    return serial(async () => {
      const problem = pinProblem(pin);
      if (problem) throw new PinError(problem);
      const { record, managed } = await activeRecord();
      if (managed) throw new PinError('managed');
      if (record && !(await isUnlocked())) throw new PinError('locked');
      await store.setRecord(await derivePin(pin, { iterations: opts.iterations, crypto: opts.crypto }));
      await store.setLockout(NO_LOCKOUT);
      await startSession();
    });
  }

  /** Changing the PIN asks for the current one again, even while unlocked. */
  async function changePin(current: string, next: string): Promise<void> {
    const problem = pinProblem(next);
    if (problem) throw new PinError(problem);
    const res = await unlock(current);
    if (!res.ok) throw new PinError(res.reason === 'locked' ? 'lockout' : res.reason === 'no-pin' ? 'locked' : 'wrong');
    await setPin(next);
  }

  /** A first PIN from policy, stored hashed like any other; later changes by the parent win. */
  function seedPin(pin: string): Promise<boolean> {
    return serial(async () => {
      if (pinProblem(pin) || (await activeRecord()).record) return false;
      await store.setRecord(await derivePin(pin, { iterations: opts.iterations, crypto: opts.crypto }));
      return true;
    });
  }

  return { status, unlock, isUnlocked, touch, lock, setPin, changePin, seedPin };
}
