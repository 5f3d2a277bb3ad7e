// Sends a signal until the background has saved it. A worker that the browser stopped, or that
// is restarting, answers with an error or not at all; a flood meets the rate limit. Both are
// passing, so the signal is tried again with a growing pause, within bounds: a hostile page
// cannot make the content script hold an unbounded backlog.
import type { Response } from '../messaging';

export interface RetryOptions {
  sleep: (ms: number) => Promise<void>;
  /** Pauses between tries, in ms; their count is the number of retries. */
  delays?: readonly number[];
  /** Most signals waiting for a retry at once; past it, new failures are not retried. */
  maxWaiting?: number;
}

const PASSING = new Set(['rate-limited', 'internal', 'storage']);

export class RetryingSender<S, R> {
  private waiting = 0;
  dropped = 0;

  constructor(
    private readonly send: (s: S) => Promise<Response<R>>,
    private readonly o: RetryOptions,
  ) {}

  async submit(signal: S): Promise<Response<R>> {
    const delays = this.o.delays ?? [250, 1000, 2000, 4000, 8000];
    let res = await this.send(signal);
    if (res.ok || !PASSING.has(res.error.code)) return res;
    if (this.waiting >= (this.o.maxWaiting ?? 300)) {
      this.dropped++;
      return res;
    }
    this.waiting++;
    try {
      for (const ms of delays) {
        await this.o.sleep(ms);
        res = await this.send(signal);
        if (res.ok || !PASSING.has(res.error.code)) return res;
      }
      this.dropped++;
      return res;
    } finally {
      this.waiting--;
    }
  }
}
