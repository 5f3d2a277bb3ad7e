import { describe, expect, it } from 'vitest';
import { inIdleSlices, SliceQueue } from '@/lib/content/scheduler';

function manualHost() {
  const pending: (() => void)[] = [];
  return {
    host: { setTimeout: (cb: () => void) => void pending.push(cb) },
    runNext: () => pending.shift()?.(),
    get scheduled() {
      return pending.length;
    },
  };
}

describe('SliceQueue', () => {
  it('stops a slice when its time budget is spent and continues in the next one', () => {
    const h = manualHost();
    let clock = 0;
    const done: number[] = [];
    // Each item "costs" 1 ms of the 4 ms budget.
    const q = new SliceQueue<number>(h.host, (n) => {
      clock += 1;
      done.push(n);
    }, { budgetMs: 4, now: () => clock });
    q.push(...Array.from({ length: 10 }, (_, i) => i));
    expect(h.scheduled).toBe(1);
    h.runNext();
    expect(done).toEqual([0, 1, 2, 3]);
    expect(q.pending).toBe(6);
    h.runNext();
    h.runNext();
    expect(done).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(h.scheduled).toBe(0);
  });

  it('keeps going after an item throws', () => {
    const h = manualHost();
    const done: number[] = [];
    const q = new SliceQueue<number>(h.host, (n) => {
      if (n === 1) throw new Error('bad message');
      done.push(n);
    });
    q.push(0, 1, 2);
    h.runNext();
    expect(done).toEqual([0, 2]);
  });

  it('prefers idle callbacks with a timeout, so work is never starved for long', () => {
    const calls: { timeout: number }[] = [];
    const q = new SliceQueue<number>(
      { requestIdleCallback: (_cb, opts) => (calls.push(opts!), 1), setTimeout: () => 0 },
      () => undefined,
    );
    q.push(1);
    expect(calls).toEqual([{ timeout: 100 }]);
  });

  it('uses a real idle period to its end, but never long enough for a long task', () => {
    let clock = 0;
    let idle: ((d: { timeRemaining(): number; didTimeout?: boolean }) => void) | null = null;
    const done: number[] = [];
    const q = new SliceQueue<number>(
      { requestIdleCallback: (cb) => ((idle = cb), 1), setTimeout: () => 0 },
      (n) => {
        clock += 1;
        done.push(n);
      },
      { budgetMs: 4, now: () => clock },
    );
    q.push(...Array.from({ length: 100 }, (_, i) => i));
    // 50 ms of idle time: the slice stops at 20 ms, leaving room for a GC in the same task.
    idle!({ timeRemaining: () => 50 });
    expect(done).toHaveLength(20);
    idle!({ timeRemaining: () => 12 });
    expect(done).toHaveLength(30);
    idle!({ timeRemaining: () => 0, didTimeout: true });
    expect(done).toHaveLength(34);
  });

  it('runs each slice inside the wrapper it was given (one look-up pass per slice)', () => {
    const h = manualHost();
    let clock = 0;
    const passes: number[][] = [];
    let current: number[] | null = null;
    const q = new SliceQueue<number>(
      h.host,
      (n) => {
        clock += 1;
        current!.push(n);
      },
      {
        budgetMs: 2,
        now: () => clock,
        around: (run) => {
          current = [];
          try {
            return run();
          } finally {
            passes.push(current);
            current = null;
          }
        },
      },
    );
    q.push(1, 2, 3);
    h.runNext();
    h.runNext();
    expect(passes).toEqual([[1, 2], [3]]);
    expect(h.scheduled).toBe(0);
  });

  it('does nothing after stop', () => {
    const h = manualHost();
    const done: number[] = [];
    const q = new SliceQueue<number>(h.host, (n) => void done.push(n));
    q.push(1, 2);
    q.stop();
    h.runNext();
    q.push(3);
    expect(done).toEqual([]);
    expect(q.pending).toBe(0);
  });
});

describe('inIdleSlices', () => {
  it('calls the step in idle periods with a deadline at most a slice away, until it is done', async () => {
    let clock = 100;
    const idle: ((d: { timeRemaining(): number; didTimeout?: boolean }) => void)[] = [];
    const deadlines: number[] = [];
    let left = 3;
    const done = inIdleSlices(
      { requestIdleCallback: (cb) => (idle.push(cb), idle.length), setTimeout: () => 0 },
      (deadline) => {
        deadlines.push(deadline - clock);
        clock += 5;
        return --left === 0;
      },
      8,
      () => clock,
    );
    idle.shift()!({ timeRemaining: () => 40 });
    idle.shift()!({ timeRemaining: () => 3 });
    idle.shift()!({ timeRemaining: () => 0, didTimeout: true });
    await done;
    expect(deadlines).toEqual([8, 3, 8]);
    expect(idle).toHaveLength(0);
  });

  it('rejects when the step throws, and stops', async () => {
    const idle: ((d: { timeRemaining(): number }) => void)[] = [];
    const done = inIdleSlices({ requestIdleCallback: (cb) => (idle.push(cb), 1), setTimeout: () => 0 }, () => {
      throw new Error('bad data');
    });
    idle.shift()!({ timeRemaining: () => 10 });
    await expect(done).rejects.toThrow('bad data');
    expect(idle).toHaveLength(0);
  });
});
