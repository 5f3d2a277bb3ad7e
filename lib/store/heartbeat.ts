// When protection was on. The worker records a heartbeat at start-up, from an alarm every few
// minutes, and when content scripts send signals; heartbeats close together merge into spans.
// A gap longer than `gapMs` between spans is a period when Chaperone was not running (browser
// closed, extension turned off, computer asleep), which the weekly summary shows the parent.
import type { OffPeriod } from './types';
import type { DB } from './db';

export const ACTIVITY_KEY = 'activity';
export const GAP_MS = 30 * 60 * 1000;
const KEEP_MS = 15 * 24 * 60 * 60 * 1000;
const MAX_SPANS = 2000;

export interface Activity {
  /** The first heartbeat ever: time before it is "not installed yet", not "off". */
  firstSeen: number;
  /** Sorted, non-overlapping [from, to] spans when the worker was running. */
  spans: [number, number][];
}

export function isActivity(x: unknown): x is Activity {
  const a = x as Activity | null;
  return (
    !!a &&
    typeof a.firstSeen === 'number' &&
    Array.isArray(a.spans) &&
    a.spans.every((s) => Array.isArray(s) && s.length === 2 && typeof s[0] === 'number' && typeof s[1] === 'number')
  );
}

/** Adds `now` to the spans: extends the span it falls near, else starts one; merges what touches. */
export function addBeat(a: Activity | undefined, now: number, gapMs = GAP_MS): Activity {
  const spans: [number, number][] = [...(a?.spans ?? []).map((s) => [s[0], s[1]] as [number, number]), [now, now]];
  // Usually `now` extends the last span; sorting also copes with a clock that went back.
  spans.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] - last[1] <= gapMs) last[1] = Math.max(last[1], s[1]);
    else merged.push(s);
  }
  const keepFrom = now - KEEP_MS;
  const kept = merged.filter((s) => s[1] >= keepFrom).slice(-MAX_SPANS);
  return { firstSeen: Math.min(a?.firstSeen ?? now, now), spans: kept };
}

export async function readActivity(db: DB): Promise<Activity | undefined> {
  const v = await db.get('meta', ACTIVITY_KEY);
  return isActivity(v) ? v : undefined;
}

export async function recordHeartbeat(db: DB, now = Date.now(), gapMs = GAP_MS): Promise<Activity> {
  const tx = db.transaction('meta', 'readwrite');
  const cur = await tx.store.get(ACTIVITY_KEY);
  const next = addBeat(isActivity(cur) ? cur : undefined, now, gapMs);
  await tx.store.put(next, ACTIVITY_KEY);
  await tx.done;
  return next;
}

/**
 * The gaps longer than `gapMs` within [from, to), clipped to it. `now` counts as on: the worker
 * is running as it answers. Nothing before the first heartbeat ever counts as off.
 */
export function findOffPeriods(a: Activity | undefined, from: number, to: number, now: number, gapMs = GAP_MS): OffPeriod[] {
  if (!a) return [];
  const spans: [number, number][] = [...a.spans];
  const last = spans[spans.length - 1];
  if (!last || now > last[1]) spans.push([now, now]);
  const out: OffPeriod[] = [];
  for (let i = 1; i < spans.length; i++) {
    const gapFrom = spans[i - 1]![1];
    const gapTo = spans[i]![0];
    if (gapTo - gapFrom <= gapMs) continue;
    const f = Math.max(gapFrom, from, a.firstSeen);
    const t = Math.min(gapTo, to);
    if (t > f) out.push({ from: f, to: t });
  }
  return out;
}
