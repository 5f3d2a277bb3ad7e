// Where the PIN hash, the wrong-try count and the unlocked session live. An interface, so the
// guard's logic is tested against memory and runs against extension storage.
import { storage } from 'wxt/utils/storage';
import { parsePinRecord, type PinRecord } from './pinHash';
import { NO_LOCKOUT, parseLockout, type LockoutState } from './lockout';
import { parseSession, type UnlockSession } from './idle';

export interface PinStore {
  getRecord(): Promise<PinRecord | null>;
  setRecord(r: PinRecord): Promise<void>;
  getLockout(): Promise<LockoutState>;
  setLockout(s: LockoutState): Promise<void>;
  getSession(): Promise<UnlockSession | null>;
  setSession(s: UnlockSession | null): Promise<void>;
}

/** local: survives closing the page and restarting the browser, as a lockout must. */
export const pinItem = storage.defineItem<PinRecord | null>('local:pin', { fallback: null });
export const lockoutItem = storage.defineItem<LockoutState>('local:pinLockout', { fallback: NO_LOCKOUT });
/** session: gone when the browser closes, so a new session always asks for the PIN. */
export const unlockItem = storage.defineItem<UnlockSession | null>('session:pinUnlock', { fallback: null });

export function storagePinStore(): PinStore {
  return {
    getRecord: async () => parsePinRecord(await pinItem.getValue()),
    setRecord: (r) => pinItem.setValue(r),
    getLockout: async () => parseLockout(await lockoutItem.getValue()),
    setLockout: (s) => lockoutItem.setValue(s),
    getSession: async () => parseSession(await unlockItem.getValue()),
    setSession: (s) => (s ? unlockItem.setValue(s) : unlockItem.removeValue()),
  };
}

export function memoryPinStore(init: { record?: PinRecord | null; lockout?: LockoutState } = {}): PinStore {
  let record = init.record ?? null;
  let lockout = init.lockout ?? NO_LOCKOUT;
  let session: UnlockSession | null = null;
  return {
    getRecord: async () => record,
    setRecord: async (r) => void (record = r),
    getLockout: async () => lockout,
    setLockout: async (s) => void (lockout = s),
    getSession: async () => session,
    setSession: async (s) => void (session = s),
  };
}
