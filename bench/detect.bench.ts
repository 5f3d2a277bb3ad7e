/**
 * Detection throughput and latency on a corpus (default: the shared dev corpus), against two
 * baselines run on the same messages in the same process: a naive scanner that runs one regular
 * expression per lexicon pattern, and the `obscenity` library's English matcher.
 * Also the cost of the first call (the compiled lexicon is indexed then), in fresh processes.
 * Usage: npm run bench:detect [-- FILE.jsonl]. Writes bench/results/detect.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';
import { analyzeMessage, type Dir } from '../lib/detect/index';
import { parseCorpusLine } from '../lib/detect/corpus';
import { loadLexicons } from '../lib/detect/lexicons';
import { parsePattern, type Alt } from '../lib/detect/pattern';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const FIRST_CALL = '--first-call';
const file = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? resolve(root, '../shared/corpus/dev.jsonl');

interface Msg {
  text: string;
  dir: Dir;
}

function loadCorpus(path: string): Msg[] {
  const out: Msg[] = [];
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const p = parseCorpusLine(raw, i + 1);
      if (p.kind === 'message') out.push({ text: p.message.text, dir: p.message.dir });
    });
  return out;
}

/**
 * The baseline a first attempt would write: every pattern of every lexicon entry turned into its
 * own regular expression (class words spelled out as alternations) and tried on the lower-cased text.
 */
function buildNaive(): RegExp[] {
  const classes = new Map<string, string[]>();
  for (const lex of loadLexicons()) for (const [k, v] of Object.entries(lex.classes)) classes.set(k, [...(classes.get(k) ?? []), ...v]);
  const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ _]+/g, '\\s+');
  const alt = (a: Alt): string[] => {
    if (a.kind === 'word') return [esc(a.text)];
    if (a.name.startsWith('#')) return ['\\d+'];
    return (classes.get(a.name) ?? []).map(esc);
  };
  const out: RegExp[] = [];
  for (const lex of loadLexicons()) {
    for (const e of lex.entries) {
      for (const p of e.patterns) {
        const spec = parsePattern(p);
        const parts = spec.slots.map((s) => {
          const body = `(?:${s.alts.flatMap(alt).join('|')})`;
          const gap = s.gapBefore > 0 ? `(?:\\s+\\S+){0,${s.gapBefore}}` : '';
          return `${gap}\\s*${body}${s.optional ? '?' : ''}`;
        });
        out.push(new RegExp(parts.join(''), 'iu'));
      }
    }
  }
  return out;
}

/**
 * Throughput from repeated passes over the corpus. The machine this runs on may be shared (CI,
 * other builds), so each pass is timed on its own and the fastest pass is reported, as `timeit`
 * does: it is the closest to the cost of the code on an otherwise idle core. The median is kept too.
 */
function passes(msgs: readonly Msg[], minMs: number, fn: (m: Msg) => void): { best: number; median: number } {
  const rates: number[] = [];
  const start = performance.now();
  while (rates.length < 5 || performance.now() - start < minMs) {
    const t0 = performance.now();
    for (const m of msgs) fn(m);
    rates.push((msgs.length / (performance.now() - t0)) * 1000);
  }
  rates.sort((a, b) => a - b);
  return { best: rates[rates.length - 1] ?? 0, median: rates[Math.floor(rates.length / 2)] ?? 0 };
}

/**
 * CPU time of this thread in seconds (Linux), or null elsewhere. On a shared machine, messages per
 * second of the thread's own CPU time is the honest "per core" figure: time the scheduler gives to
 * other processes is not counted. schedstat has nanoseconds; stat (utime + stime) only 10 ms ticks.
 */
function threadCpuSeconds(): number | null {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e9;
  } catch {
    // Older kernels: fall back to clock ticks.
  }
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the full line, 12 and 13 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

interface CpuRate {
  /** All messages over all the CPU time: the headline figure (GC and everything else included). */
  mean: number;
  /** Spread of the same work cut in blocks of ~250 ms of CPU time, to show how noisy the run was. */
  blockMin: number;
  blockMedian: number;
  blockMax: number;
}

/**
 * Messages per CPU-second of this thread over at least `minMs` of CPU time, or null without /proc.
 * The clock is read between whole corpus passes only, about every 20 ms (reading it costs a file
 * read, which is not the code being measured).
 */
function cpuRate(msgs: readonly Msg[], minMs: number, fn: (m: Msg) => void): CpuRate | null {
  const c0 = threadCpuSeconds();
  if (c0 === null) return null;
  // Enough passes between two reads that reading the clock (a file read) costs well under 1%.
  const t0 = performance.now();
  for (const m of msgs) fn(m);
  const reps = Math.max(1, Math.round(20 / Math.max(0.01, performance.now() - t0)));
  const blocks: number[] = [];
  let n = 0;
  let c = threadCpuSeconds() ?? c0;
  const start = c;
  while ((c - start) * 1000 < minMs) {
    const b0 = c;
    let k = 0;
    while ((c - b0) * 1000 < 250) {
      for (let r = 0; r < reps; r++) for (const m of msgs) fn(m);
      k += reps * msgs.length;
      c = threadCpuSeconds() ?? c0;
    }
    blocks.push(k / (c - b0));
    n += k;
  }
  blocks.sort((a, b) => a - b);
  return {
    mean: n / (c - start),
    blockMin: blocks[0] ?? 0,
    blockMedian: blocks[Math.floor(blocks.length / 2)] ?? 0,
    blockMax: blocks[blocks.length - 1] ?? 0,
  };
}

/** In a fresh process: the first analyzeMessage call, wall and thread CPU milliseconds. */
function firstCallChild(): void {
  const c0 = threadCpuSeconds();
  const t0 = performance.now();
  analyzeMessage('hey how old r u? send me a pic', { dir: 'in' });
  const t1 = performance.now();
  const c1 = threadCpuSeconds();
  process.stdout.write(JSON.stringify({ wall: t1 - t0, cpu: c0 !== null && c1 !== null ? (c1 - c0) * 1000 : null }));
}

/** The first call in `runs` fresh processes (the lexicon is indexed then): median wall and CPU ms. */
function firstCall(runs: number): { wallMs: number; cpuMs: number | null; wallRuns: number[] } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    // The same runtime and loader flags as this process (tsx), so the child can import TypeScript.
    const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), FIRST_CALL], { encoding: 'utf8' });
    const r = JSON.parse(out) as { wall: number; cpu: number | null };
    walls.push(r.wall);
    if (r.cpu !== null) cpus.push(r.cpu);
  }
  const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return { wallMs: med(walls), cpuMs: cpus.length > 0 ? med(cpus) : null, wallRuns: walls.map((w) => Number(w.toFixed(1))) };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** A fixed integer loop: how fast this machine is right now, to read the other figures against. */
function calibrate(): number {
  let x = 0;
  const n = 20_000_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) x = (x + i * 31) | 0;
  const ns = ((performance.now() - t0) * 1e6) / n;
  return x === 42 ? ns + 1e-9 : ns;
}

function main(): void {
  if (process.argv.includes(FIRST_CALL)) {
    firstCallChild();
    return;
  }
  const msgs = loadCorpus(file);
  if (msgs.length === 0) throw new Error(`no messages in ${file}`);
  const analyze = (m: Msg): void => void analyzeMessage(m.text, { dir: m.dir });
  const loopNs = calibrate();

  // Warm up: compile the lexicon, let the JIT settle.
  passes(msgs, 1000, analyze);
  const ours = passes(msgs, 3000, analyze);
  const oursCpu = cpuRate(msgs, 3000, analyze);

  // Latency per message: the fastest of several calls, which leaves out scheduler and GC pauses.
  const REPEATS = 15;
  const lat = new Float64Array(msgs.length);
  msgs.forEach((m, i) => {
    let best = Infinity;
    for (let r = 0; r < REPEATS; r++) {
      const t0 = process.hrtime.bigint();
      analyzeMessage(m.text, { dir: m.dir });
      const us = Number(process.hrtime.bigint() - t0) / 1000;
      if (us < best) best = us;
    }
    lat[i] = best;
  });
  lat.sort();

  const naive = buildNaive();
  const naiveRun = (m: Msg): void => {
    const t = m.text.toLowerCase();
    for (const re of naive) re.test(t);
  };
  passes(msgs.slice(0, 50), 300, naiveRun);
  const naiveRes = passes(msgs, 3000, naiveRun);
  const naiveCpu = cpuRate(msgs, 3000, naiveRun);

  const obscenity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  const obsRun = (m: Msg): void => void obscenity.hasMatch(m.text);
  passes(msgs, 500, obsRun);
  const obsRes = passes(msgs, 3000, obsRun);
  const obsCpu = cpuRate(msgs, 3000, obsRun);

  // Per-core throughput: CPU-time based where the OS tells us, else the fastest wall-clock pass.
  const rate = oursCpu?.mean ?? ours.best;
  const naiveRate = naiveCpu?.mean ?? naiveRes.best;
  const obsRate = obsCpu?.mean ?? obsRes.best;
  const first = firstCall(5);
  const results = {
    messagesPerSecond: Math.round(rate),
    p50us: Number(percentile(lat, 0.5).toFixed(2)),
    p99us: Number(percentile(lat, 0.99).toFixed(2)),
    naiveMessagesPerSecond: Math.round(naiveRate),
    ratioVsNaive: Number((rate / naiveRate).toFixed(1)),
    obscenityMessagesPerSecond: Math.round(obsRate),
    ratioVsObscenity: Number((rate / obsRate).toFixed(2)),
    corpusMessages: msgs.length,
    throughputBasis: oursCpu !== null ? 'thread CPU time' : 'fastest wall-clock pass',
    cpuBlockMessagesPerSecond: oursCpu
      ? { min: Math.round(oursCpu.blockMin), median: Math.round(oursCpu.blockMedian), max: Math.round(oursCpu.blockMax) }
      : null,
    wallBestMessagesPerSecond: Math.round(ours.best),
    wallMedianMessagesPerSecond: Math.round(ours.median),
    firstCallMs: Number(first.wallMs.toFixed(1)),
    firstCallCpuMs: first.cpuMs !== null ? Number(first.cpuMs.toFixed(1)) : null,
    firstCallRunsMs: first.wallRuns,
    naivePatterns: naive.length,
    loopNsPerIteration: Number(loopNs.toFixed(2)),
  };
  const rows: Array<[string, string]> = [
    ['corpus', `${file} (${msgs.length} messages)`],
    ['machine', `${results.loopNsPerIteration} ns per simple loop step (an idle modern core: ~0.3-0.5)`],
    ['chaperone detect', `${results.messagesPerSecond.toLocaleString('en')} msg/s per core (${results.throughputBasis}), p50 ${results.p50us} µs, p99 ${results.p99us} µs`],
    ...(results.cpuBlockMessagesPerSecond
      ? [['  CPU-time blocks', `min ${results.cpuBlockMessagesPerSecond.min.toLocaleString('en')}, median ${results.cpuBlockMessagesPerSecond.median.toLocaleString('en')}, max ${results.cpuBlockMessagesPerSecond.max.toLocaleString('en')} msg/s (250 ms each)`] as [string, string]]
      : []),
    ['  wall clock', `fastest pass ${results.wallBestMessagesPerSecond.toLocaleString('en')} msg/s, median pass ${results.wallMedianMessagesPerSecond.toLocaleString('en')} msg/s`],
    ['first call', `${results.firstCallMs} ms wall, ${results.firstCallCpuMs ?? '?'} ms CPU (median of 5 fresh processes: ${results.firstCallRunsMs.join(', ')})`],
    ['naive regex scanner', `${results.naiveMessagesPerSecond.toLocaleString('en')} msg/s (${naive.length} regexes), ratio ${results.ratioVsNaive}×`],
    ['obscenity (English preset)', `${results.obscenityMessagesPerSecond.toLocaleString('en')} msg/s, ratio ${results.ratioVsObscenity}×`],
  ];
  for (const [a, b] of rows) process.stdout.write(`${a.padEnd(28)}${b}\n`);
  const out = resolve(root, 'bench/results/detect.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`wrote ${out}\n`);
}

main();
