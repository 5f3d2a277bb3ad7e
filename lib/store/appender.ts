// Group commit for signals. Each caller still waits until its own event is committed (a
// service worker stopped right after the answer loses nothing), but signals that arrive while a
// transaction is in flight are written together in the next one. A lone message costs what it
// did before; a flood of 10,000 costs a few dozen transactions instead of 10,000.
import { isQuotaError, pruneForQuota, withQuotaRetry } from './budget';
import type { DB } from './db';
import { appendSignals, eventId, isConstraintError, type AppendOptions, type AppendResult } from './events';
import { conversationKey, type Signal } from '../messaging';

interface Pending {
  signal: Signal;
  minTs: number | undefined;
  resolve: (r: AppendResult) => void;
  reject: (e: unknown) => void;
}

function idOf(s: Signal): string {
  return eventId(conversationKey(s.site, s.thread, s.party), s.dir, s.key);
}

/** Skipped for retention, not because it was stored: must not be remembered as stored. */
function tooOld(p: Pending, now: number): boolean {
  return p.minTs !== undefined && Math.min(p.signal.ts, now) < p.minTs;
}

/** See `AppenderOptions.maxBatch`. */
export const DEFAULT_MAX_BATCH = 2000;

export interface AppenderOptions {
  now?: () => number;
  /** How many recent message ids to remember, so a re-sent chat is skipped without a look-up. */
  remember?: number;
  /**
   * Largest batch in one transaction: bounds the time one transaction holds the stores (2,000
   * adds take a few tenths of a second in Chromium, which a dashboard read may wait behind).
   * Each batch also reads and rewrites every conversation and day it touches: with 500, a
   * flood of 10,000 over 60 conversations cost a quarter more requests than the adds alone.
   * (The worker's rate limits let at most a few hundred signals arrive at once; only a
   * store-level flood, like the benchmark's, fills a batch.)
   */
  maxBatch?: number;
  /** What frees space when a write hits the quota (retried once). */
  prune?: (db: DB) => Promise<unknown>;
}

export class Appender {
  private queue: Pending[] = [];
  private draining = false;
  private readonly now: () => number;
  private readonly maxBatch: number;
  private readonly prune: (db: DB) => Promise<unknown>;
  private readonly remember: number;
  /** Ids stored or seen stored, oldest first. Lost when the worker stops, which only costs look-ups. */
  private readonly recent = new Set<string>();

  constructor(
    private readonly db: () => Promise<DB>,
    opts: AppenderOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.maxBatch = opts.maxBatch ?? DEFAULT_MAX_BATCH;
    this.prune = opts.prune ?? pruneForQuota;
    this.remember = opts.remember ?? 20_000;
  }

  /** Forgets the remembered ids (after everything was deleted, the same messages are new again). */
  forget(): void {
    this.recent.clear();
  }

  private note(ids: Iterable<string>): void {
    for (const id of ids) {
      this.recent.delete(id);
      this.recent.add(id);
    }
    for (const id of this.recent) {
      if (this.recent.size <= this.remember) break;
      this.recent.delete(id);
    }
  }

  /**
   * Writes without looking ids up first (a flood is mostly new messages); if one was stored
   * already the transaction fails whole, and the batch is written again with look-ups.
   */
  private async appendFast(db: DB, batch: Pending[]): Promise<AppendResult[]> {
    const signals = batch.map((p) => p.signal);
    const opts = { minTsEach: batch.map((p) => p.minTs), known: (id: string) => this.recent.has(id) };
    let results: AppendResult[];
    try {
      results = await appendSignals(db, signals, this.now(), { ...opts, lookUp: false });
    } catch (e) {
      if (!isConstraintError(e)) throw e;
      results = await appendSignals(db, signals, this.now(), opts);
    }
    this.note(batch.filter((_p, i) => results[i]!.logged || !tooOld(batch[i]!, this.now())).map((p) => idOf(p.signal)));
    return results;
  }

  append(signal: Signal, opts: AppendOptions = {}): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ signal, minTs: opts.minTs, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        let db: DB;
        try {
          // Awaiting the connection also lets signals sent in the same tick join this batch.
          db = await this.db();
        } catch (e) {
          for (const p of this.queue.splice(0)) p.reject(e);
          break;
        }
        await this.write(db, this.queue.splice(0, this.maxBatch));
      }
    } finally {
      this.draining = false;
    }
  }

  private async write(db: DB, batch: Pending[]): Promise<void> {
    try {
      const results = await withQuotaRetry(() => this.appendFast(db, batch), () => this.prune(db));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (e) {
      if (batch.length === 1 || isQuotaError(e)) {
        for (const p of batch) p.reject(e);
        return;
      }
      // One odd message must not cost the others theirs: write them one by one.
      for (const p of batch) {
        try {
          const [r] = await appendSignals(db, [p.signal], this.now(), { minTs: p.minTs });
          if (r!.logged) this.note([idOf(p.signal)]);
          p.resolve(r!);
        } catch (err) {
          p.reject(err);
        }
      }
    }
  }
}
