// The store benchmark's workload, the same in real Chromium (main.ts) and in Node over
// fake-indexeddb (store.bench.ts): deterministic synthetic chats, then timings of the real
// lib/store code: appending signals one by one, and the weekly summary over 10k and 100k events.
import { CATEGORY_IDS, type CategoryId, type Level } from '../../lib/detect';
import { conversationKey, type Signal } from '../../lib/messaging';
import { bulkLoad } from '../../lib/store/bulk';
import { unwrap } from 'idb';
import { openChaperoneDB, WRITE_OPTIONS, type DB, type EventRecord } from '../../lib/store/db';
import { Appender, DEFAULT_MAX_BATCH } from '../../lib/store/appender';
import { appendSignal } from '../../lib/store/events';
import { weeklySummary } from '../../lib/store/summary';

const SITES = ['discord.com', 'web.whatsapp.com', 'www.messenger.com', 'www.instagram.com', 'web.telegram.org', 'x.com'];
const DAY = 86_400_000;

/** mulberry32: a small seeded generator, so every run measures the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IN_CATEGORIES = CATEGORY_IDS.filter((c) => c !== 'share_personal_info' && c !== 'share_image');
const TEXT = 'hey what are you doing later, send me a pic? dont tell your parents ok, add me on snap ';

interface Chat {
  site: string;
  thread: string;
  party: string;
}

function chats(n: number, r: () => number): Chat[] {
  return Array.from({ length: n }, (_, i) => {
    const site = SITES[i % SITES.length]!;
    return { site, thread: `/t/${Math.floor(r() * 1e9)}`, party: `Party ${i} ${'ស្រី'.repeat(i % 2)}` };
  });
}

function pickCategories(r: () => number, dir: 'in' | 'out'): CategoryId[] {
  if (dir === 'out') return [r() < 0.8 ? 'share_personal_info' : 'share_image'];
  const first = IN_CATEGORIES[Math.floor(r() * IN_CATEGORIES.length)]!;
  if (r() < 0.7) return [first];
  const second = IN_CATEGORIES[Math.floor(r() * IN_CATEGORIES.length)]!;
  return [...new Set([first, second])];
}

/** `n` signals over the `days` before `now`, in time order, from `convs` conversations (a few busy ones). */
export function makeSignals(n: number, now: number, days: number, convs: number, seed = 1): Signal[] {
  const r = rng(seed);
  const cs = chats(convs, r);
  const start = now - days * DAY;
  return Array.from({ length: n }, (_, i) => {
    const c = cs[Math.floor(Math.pow(r(), 2) * cs.length)]!;
    const dir = r() < 0.9 ? 'in' : 'out';
    const ts = Math.floor(start + ((i + r()) / n) * days * DAY);
    return {
      ...c,
      key: `k${i}`,
      dir,
      categories: pickCategories(r, dir),
      excerpt: TEXT.slice(0, 40 + Math.floor(r() * 40)),
      ts,
      url: `https://${c.site}${c.thread}`,
    };
  });
}

const LEVEL_MIX: [Level, number][] = [
  ['none', 0.08],
  ['watch', 0.55],
  ['warn', 0.25],
  ['alert', 0.12],
];

/** `n` stored events over the `days` before `now`, with a realistic mix of levels and a few reports. */
export function makeEvents(n: number, now: number, days: number, convs: number, seed = 2): EventRecord[] {
  const r = rng(seed);
  const cs = chats(convs, r);
  const start = now - days * DAY;
  return Array.from({ length: n }, (_, i) => {
    const c = cs[Math.floor(Math.pow(r(), 2) * cs.length)]!;
    const conversation = conversationKey(c.site, c.thread, c.party);
    const ts = Math.floor(start + ((i + r()) / n) * days * DAY);
    if (r() < 0.005) {
      return { id: `r${i}`, ts, ...c, conversation, dir: 'out', kind: 'report', categories: [], level: 'warn', excerpt: '', url: '', hotline: 'kh-apleu' };
    }
    const dir = r() < 0.9 ? 'in' : 'out';
    let x = r();
    const level = LEVEL_MIX.find(([, p]) => (x -= p) < 0)?.[0] ?? 'watch';
    return {
      id: `${conversation}|${dir}|e${i}`,
      ts,
      ...c,
      conversation,
      dir,
      kind: 'message',
      categories: pickCategories(r, dir),
      level,
      excerpt: TEXT.slice(0, 40 + Math.floor(r() * 40)),
      url: `https://${c.site}${c.thread}`,
    };
  });
}

export interface BenchOptions {
  appendRuns: number;
  summaryRuns: number;
  /** Skip the 100k summary (for a quick smoke run). */
  skip100k?: boolean;
}

export interface BenchResult {
  /** 10,000 signals arriving together (a flood, or many tabs) through the worker's Appender; each awaited until committed. */
  append10k_ms: number;
  append10k_runs_ms: number[];
  /** One signal alone, awaited until committed (what a content script waits for its answer): median of 300. */
  append_latency_ms: number;
  /**
   * The storage floor: the same 10,000 event records added straight to the events store, in
   * transactions of the Appender's batch size, as plain requests with only each transaction's
   * completion awaited (no look-ups, scoring, masking or counts, and no promise per request).
   * What IndexedDB alone costs here.
   */
  raw10k_ms: number;
  summary10k_ms: number;
  summary10k_detailed_ms: number;
  summary100k_ms: number | null;
  summary100k_detailed_ms: number | null;
  load100k_ms: number | null;
  events10k: number;
  events100k: number | null;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    req.onblocked = () => resolve();
  });
}

async function fresh(name: string): Promise<DB> {
  await deleteDatabase(name);
  return openChaperoneDB({ name });
}

async function timeSummary(db: DB, now: number, runs: number, detailed: boolean): Promise<number> {
  await weeklySummary(db, now, { detailed }); // warm-up: first transaction, JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await weeklySummary(db, now, { detailed });
    times.push(performance.now() - t0);
  }
  return median(times);
}

/**
 * Called just before and just after each timed append run and the floor (outside the timed
 * part), with labels like `append1:start`: the bench reads the CPU time the browser's processes
 * used in between, a figure less skewed by other work on the machine than the wall time.
 */
export type Mark = (label: string) => Promise<void> | void;

function complete(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('aborted', 'AbortError'));
  });
}

/** The append figures alone (the bench also takes them on an on-disk profile). */
export interface AppendFigures {
  append10k_ms: number;
  append10k_runs_ms: number[];
  raw10k_ms: number;
  events10k: number;
}

const BENCH_NOW = new Date(2025, 2, 13, 15, 0).getTime();

/** The timed appends and the floor; leaves the last run's database open for the summaries. */
async function appendPhase(
  signals: readonly Signal[],
  now: number,
  runs: number,
  log: (s: string) => void,
  mark: Mark,
): Promise<{ figures: AppendFigures; db: DB }> {
  const appendRuns: number[] = [];
  let db: DB | null = null;
  for (let run = 0; run < runs; run++) {
    db?.close();
    const open = await fresh('bench-append');
    db = open;
    const appender = new Appender(async () => open, { now: () => now });
    await mark(`append${run + 1}:start`);
    const t0 = performance.now();
    const results = await Promise.all(signals.map((s) => appender.append(s)));
    appendRuns.push(performance.now() - t0);
    await mark(`append${run + 1}:end`);
    const missing = results.filter((r) => !r.logged).length;
    if (missing > 0) throw new Error(`append run ${run + 1}: ${missing} of ${signals.length} signals were not logged`);
    log(`append 10k, run ${run + 1}: ${appendRuns[run]!.toFixed(0)} ms`);
  }
  const db10k = db!;
  const events10k = await db10k.count('events');
  const records = await db10k.getAll('events');
  const raw = unwrap(await fresh('bench-raw'));
  await mark('raw:start');
  const r0 = performance.now();
  for (let i = 0; i < records.length; i += DEFAULT_MAX_BATCH) {
    const tx = raw.transaction('events', 'readwrite', WRITE_OPTIONS);
    const store = tx.objectStore('events');
    for (const r of records.slice(i, i + DEFAULT_MAX_BATCH)) store.add(r);
    await complete(tx);
  }
  const raw10k = performance.now() - r0;
  await mark('raw:end');
  log(`raw IndexedDB floor, 10k adds: ${raw10k.toFixed(0)} ms`);
  const rawCount = await new Promise<number>((resolve, reject) => {
    const req = raw.transaction('events').objectStore('events').count();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  if (rawCount !== records.length) throw new Error(`the floor stored ${rawCount} of ${records.length} events`);
  raw.close();
  return { figures: { append10k_ms: median(appendRuns), append10k_runs_ms: appendRuns, raw10k_ms: raw10k, events10k }, db: db10k };
}

export async function runAppendBench(opts: Pick<BenchOptions, 'appendRuns'>, log: (s: string) => void = () => undefined, mark: Mark = () => undefined): Promise<AppendFigures> {
  const { figures, db } = await appendPhase(makeSignals(10_000, BENCH_NOW, 14, 60), BENCH_NOW, opts.appendRuns, log, mark);
  db.close();
  return figures;
}

export async function runStoreBench(opts: BenchOptions, log: (s: string) => void = () => undefined, mark: Mark = () => undefined): Promise<BenchResult> {
  const now = BENCH_NOW;
  const signals = makeSignals(10_000, now, 14, 60);
  const { figures, db: db10k } = await appendPhase(signals, now, opts.appendRuns, log, mark);
  const { events10k } = figures;
  const summary10k = await timeSummary(db10k, now, opts.summaryRuns, false);
  const summary10kDetailed = await timeSummary(db10k, now, opts.summaryRuns, true);
  log(`summary over ${events10k}: ${summary10k.toFixed(2)} ms (detailed ${summary10kDetailed.toFixed(2)} ms)`);
  db10k.close();

  const seq = await fresh('bench-sequential');
  const latencies: number[] = [];
  for (const s of signals.slice(0, 300)) {
    const s0 = performance.now();
    await appendSignal(seq, s, now);
    latencies.push(performance.now() - s0);
  }
  const latency = median(latencies);
  log(`one append alone: ${latency.toFixed(2)} ms (median of ${latencies.length})`);
  seq.close();

  let summary100k: number | null = null;
  let summary100kDetailed: number | null = null;
  let load100k: number | null = null;
  let events100k: number | null = null;
  if (!opts.skip100k) {
    const big = await fresh('bench-100k');
    const l0 = performance.now();
    // The same 60 conversations as the 10k run: the summary's cost follows conversations per
    // day, not events, and this shows it does not grow with ten times the events.
    await bulkLoad(big, makeEvents(100_000, now, 30, 60));
    load100k = performance.now() - l0;
    events100k = await big.count('events');
    log(`loaded ${events100k} events in ${load100k.toFixed(0)} ms`);
    summary100k = await timeSummary(big, now, opts.summaryRuns, false);
    summary100kDetailed = await timeSummary(big, now, opts.summaryRuns, true);
    log(`summary over ${events100k}: ${summary100k.toFixed(2)} ms (detailed ${summary100kDetailed.toFixed(2)} ms)`);
    big.close();
  }
  return {
    append10k_ms: figures.append10k_ms,
    append10k_runs_ms: figures.append10k_runs_ms,
    append_latency_ms: latency,
    raw10k_ms: figures.raw10k_ms,
    summary10k_ms: summary10k,
    summary10k_detailed_ms: summary10kDetailed,
    summary100k_ms: summary100k,
    summary100k_detailed_ms: summary100kDetailed,
    load100k_ms: load100k,
    events10k,
    events100k,
  };
}
