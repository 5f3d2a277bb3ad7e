import { beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/store/db';
import { GAP_MS, addBeat, findOffPeriods, readActivity, recordHeartbeat, type Activity } from '@/lib/store/heartbeat';
import { DAY, HOUR, NOW, freshDb } from './helpers';

const MIN = 60_000;

/** Heartbeats every 5 minutes from `from` to `to`. */
function beats(a: Activity | undefined, from: number, to: number): Activity {
  for (let t = from; t <= to; t += 5 * MIN) a = addBeat(a, t);
  return a!;
}

describe('addBeat', () => {
  it('merges beats closer than the gap into one span', () => {
    const a = beats(undefined, NOW - 2 * HOUR, NOW);
    expect(a.spans).toEqual([[NOW - 2 * HOUR, NOW]]);
    expect(a.firstSeen).toBe(NOW - 2 * HOUR);
  });

  it('starts a new span after a long gap', () => {
    const a = addBeat(addBeat(undefined, NOW - 3 * HOUR), NOW);
    expect(a.spans).toEqual([
      [NOW - 3 * HOUR, NOW - 3 * HOUR],
      [NOW, NOW],
    ]);
  });

  it('copes with a clock that went back', () => {
    const a = addBeat(addBeat(addBeat(undefined, NOW), NOW - 10 * MIN), NOW - 5 * HOUR);
    expect(a.spans).toEqual([
      [NOW - 5 * HOUR, NOW - 5 * HOUR],
      [NOW - 10 * MIN, NOW],
    ]);
  });

  it('forgets spans older than two weeks but remembers the first heartbeat', () => {
    const a = addBeat(addBeat(undefined, NOW - 20 * DAY), NOW);
    expect(a.spans).toEqual([[NOW, NOW]]);
    expect(a.firstSeen).toBe(NOW - 20 * DAY);
  });
});

describe('findOffPeriods', () => {
  const from = NOW - 7 * DAY;
  const to = NOW + DAY;

  it('finds the gap when the browser was closed for a night', () => {
    let a = beats(undefined, NOW - 30 * HOUR, NOW - 20 * HOUR);
    a = beats(a, NOW - 12 * HOUR, NOW);
    expect(findOffPeriods(a, from, to, NOW)).toEqual([{ from: NOW - 20 * HOUR, to: NOW - 12 * HOUR }]);
  });

  it('ignores gaps up to the threshold', () => {
    let a = beats(undefined, NOW - 3 * HOUR, NOW - 2 * HOUR);
    a = beats(a, NOW - 2 * HOUR + GAP_MS, NOW);
    expect(findOffPeriods(a, from, to, NOW)).toEqual([]);
  });

  it('does not report short gaps between spans kept apart', () => {
    const a: Activity = {
      firstSeen: NOW - 5 * HOUR,
      spans: [
        [NOW - 5 * HOUR, NOW - 4 * HOUR],
        [NOW - 4 * HOUR + 20 * MIN, NOW - 3 * HOUR],
        [NOW - 2 * HOUR, NOW],
      ],
    };
    expect(findOffPeriods(a, from, to, NOW)).toEqual([{ from: NOW - 3 * HOUR, to: NOW - 2 * HOUR }]);
  });

  it('counts the time since the last heartbeat when the worker just woke up', () => {
    const a = beats(undefined, NOW - 10 * HOUR, NOW - 9 * HOUR);
    expect(findOffPeriods(a, from, to, NOW)).toEqual([{ from: NOW - 9 * HOUR, to: NOW }]);
  });

  it('clips gaps to the week and ignores the time before installation', () => {
    let a = beats(undefined, NOW - 9 * DAY, NOW - 9 * DAY + HOUR);
    a = beats(a, NOW - 2 * DAY, NOW);
    expect(findOffPeriods(a, from, to, NOW)).toEqual([{ from, to: NOW - 2 * DAY }]);
    const installed = beats(undefined, NOW - 2 * DAY, NOW);
    expect(findOffPeriods(installed, from, to, NOW)).toEqual([]);
  });

  it('has nothing to say without heartbeats', () => {
    expect(findOffPeriods(undefined, from, to, NOW)).toEqual([]);
  });
});

describe('recordHeartbeat', () => {
  let db: DB;
  beforeEach(async () => {
    db = await freshDb();
  });

  it('persists the spans in meta', async () => {
    await recordHeartbeat(db, NOW - HOUR);
    await recordHeartbeat(db, NOW - HOUR + 5 * MIN);
    await recordHeartbeat(db, NOW);
    expect(await readActivity(db)).toEqual({
      firstSeen: NOW - HOUR,
      spans: [
        [NOW - HOUR, NOW - HOUR + 5 * MIN],
        [NOW, NOW],
      ],
    });
  });

  it('starts afresh over a damaged record', async () => {
    await db.put('meta', { spans: 'nonsense' }, 'activity');
    await recordHeartbeat(db, NOW);
    expect(await readActivity(db)).toEqual({ firstSeen: NOW, spans: [[NOW, NOW]] });
  });
});
