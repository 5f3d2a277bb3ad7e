// Runs queued work in small slices so a chat that loads thousands of messages never freezes
// the page: each slice stops after `budgetMs` and yields to the page until the next idle period.
export interface SliceHost {
  requestIdleCallback?: (cb: (d: { timeRemaining(): number; didTimeout?: boolean }) => void, opts?: { timeout: number }) => number;
  setTimeout: (cb: () => void, ms: number) => unknown;
}

export interface SliceOptions {
  /** A slice's length when the page is busy (the idle callback timed out), in ms. */
  budgetMs?: number;
  /**
   * The longest slice even in a long idle period. Well under the 50 ms of a long task, so a
   * garbage collection or a style recalculation landing in the same task does not make one.
   */
  maxSliceMs?: number;
  now?: () => number;
  /** Wraps each slice (the watcher makes one look-up pass of it). */
  around?: <R>(run: () => R) => R;
}

export class SliceQueue<T> {
  private items: T[] = [];
  private head = 0;
  private scheduled = false;
  private stopped = false;

  private readonly budgetMs: number;
  private readonly maxSliceMs: number;
  private readonly now: () => number;
  private readonly around: <R>(run: () => R) => R;

  constructor(
    private readonly host: SliceHost,
    private readonly work: (item: T) => void,
    opts: SliceOptions = {},
  ) {
    this.budgetMs = opts.budgetMs ?? 4;
    this.maxSliceMs = opts.maxSliceMs ?? 20;
    this.now = opts.now ?? (() => performance.now());
    this.around = opts.around ?? ((run) => run());
  }

  get pending(): number {
    return this.items.length - this.head;
  }

  push(...items: T[]): void {
    if (this.stopped) return;
    for (const it of items) this.items.push(it);
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.items = [];
    this.head = 0;
  }

  private schedule(): void {
    if (this.scheduled || this.stopped || this.pending === 0) return;
    this.scheduled = true;
    // Idle callbacks can be starved on a busy page; the timeout keeps a new message's nudge quick.
    if (this.host.requestIdleCallback) {
      this.host.requestIdleCallback(
        (d) => {
          this.scheduled = false;
          // A real idle period may be used up to its end (never past maxSliceMs: no long task);
          // when the timeout forced the call, the page is busy and gets the short slice.
          this.drain(d.didTimeout ? this.budgetMs : Math.min(this.maxSliceMs, Math.max(this.budgetMs, d.timeRemaining() - 2)));
        },
        { timeout: 100 },
      );
    } else {
      this.host.setTimeout(() => {
        this.scheduled = false;
        this.drain();
      }, 16);
    }
  }

  /** Processes items until the slice budget is spent; returns how many were processed. */
  drain(budgetMs = this.budgetMs): number {
    const n = this.around(() => this.run(budgetMs));
    this.schedule();
    return n;
  }

  private run(budgetMs: number): number {
    const start = this.now();
    let n = 0;
    while (this.head < this.items.length && !this.stopped) {
      const item = this.items[this.head++] as T;
      try {
        this.work(item);
      } catch {
        // One unreadable message must not stop the others.
      }
      n++;
      if (this.now() - start >= budgetMs) break;
    }
    if (this.head >= this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return n;
  }
}

/**
 * Calls `step(deadline)` in idle periods until it returns true; each call gets a deadline at most
 * `sliceMs` away, so a long preparation (indexing the lexicon) never makes a long task.
 */
export function inIdleSlices(host: SliceHost, step: (deadline: number) => boolean, sliceMs = 8, now: () => number = () => performance.now()): Promise<void> {
  return new Promise((resolve, reject) => {
    const run = (remaining: number) => {
      try {
        if (step(now() + Math.max(1, Math.min(sliceMs, remaining)))) {
          resolve();
          return;
        }
      } catch (e) {
        reject(e);
        return;
      }
      next();
    };
    const next = () => {
      if (host.requestIdleCallback) host.requestIdleCallback((d) => run(d.didTimeout ? sliceMs : d.timeRemaining()), { timeout: 200 });
      else host.setTimeout(() => run(sliceMs), 0);
    };
    next();
  });
}
