// The unlocked state: kept in session storage so reopening the dashboard soon after stays open,
// but a new browser session, or ten minutes without a click or key, asks for the PIN again.

export const IDLE_LIMIT_MS = 10 * 60_000;

export interface UnlockSession {
  unlockedAt: number;
  lastActivity: number;
}

export function sessionActive(s: UnlockSession | null, now: number, limit = IDLE_LIMIT_MS): boolean {
  if (!s) return false;
  const idle = now - s.lastActivity;
  // A negative idle time means the clock went back; safer to ask for the PIN again.
  return idle >= 0 && idle < limit;
}

export function parseSession(x: unknown): UnlockSession | null {
  if (typeof x !== 'object' || x === null) return null;
  const { unlockedAt, lastActivity } = x as Record<string, unknown>;
  if (typeof unlockedAt !== 'number' || typeof lastActivity !== 'number') return null;
  return { unlockedAt, lastActivity };
}
