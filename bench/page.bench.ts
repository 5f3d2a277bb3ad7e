// Page cost in real Chromium: a 5,000-message chat loaded with and without the extension in
// alternating runs (time to idle, long tasks, script time, heap), one traced run that attributes
// main-thread time and long tasks to the content script, then 1,000 new messages at 20 a second
// (insertion → nudge). Writes bench/results/page.json. Run: npx tsx bench/page.bench.ts
import type { Page, Worker } from 'playwright-core';
import { readEvents, startFixtureServer, type FixtureServer } from '../tests/e2e/harness';
import { cdp, countEvents, heapAfterGc, launchWith, perfMetrics, sleep, extensionDir } from './lib/browser';
import '../tests/e2e/fixture-hook';
import { benignLines, chatPage, ESCALATION, historyLines, nudgePlan, NUDGE_ALONE } from './lib/chat';
import { machineInfo } from './lib/machine';
import { instrument, timeToIdle, type ProbeData } from './lib/probe';
import { writeResult } from './lib/results';
import { mean, median, percentile, round } from './lib/stats';
import { attribute, startTrace, stopTrace, type Attribution } from './lib/trace';
import { matchNudges, streamMessages, type StreamOptions } from './lib/stream';

// Three of each: with the extension a load takes ~25 s until its history is read, so more runs
// would push `npm run bench` well past six minutes.
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 3);
const HISTORY = 5000;
const QUIET_MS = 1000;
const STREAM: Omit<StreamOptions, 'benign' | 'risky'> = { total: 1000, perSecond: 20, riskyEvery: 10, firstThread: 900000 };
const HOST = 'discord.com';
const CONTROL_MARK = 'bench:page-box';
const PATH = '/channels/@me/123';

interface Plan {
  /** History lines the detector flags: each is logged. */
  flagged: number;
  /** Nudges the history brings. */
  nudges: number;
}

interface LoadRun {
  mode: 'baseline' | 'extension';
  ttiMs: number;
  loadMs: number;
  longTasks: { start: number; dur: number }[];
  /** With the extension: when its last nudge for the history appeared (the whole history read). */
  historyReadMs: number | null;
  nudges: number;
  scriptMs: number;
  taskMs: number;
  heapBytes: number;
  eventsLogged: number | null;
}

async function probe(page: Page): Promise<ProbeData & { now: number }> {
  return page.evaluate(() => ({ ...window.__bench!, now: performance.now() }));
}

/** Last visible activity: load, a long task, a page mutation or the extension's UI. */
function lastActivity(d: ProbeData): number {
  return Math.max(timeToIdle(d), ...d.uiAdded, ...d.uiRemoved);
}

/**
 * Loads the chat and waits until it is idle: a quiet second, and with the extension also every
 * flagged history line logged and its UI shown (the history has been read to the end).
 */
async function settle(page: Page, opts: { events?: () => Promise<number>; flagged: number; nudges: number; timeoutMs: number }) {
  const end = Date.now() + opts.timeoutMs;
  let events: number | null = null;
  for (;;) {
    const d = await probe(page);
    if (opts.events && (events === null || events < opts.flagged)) events = await opts.events();
    // Two nudges that come within a few ms of each other may show as one (the later replaces the
    // earlier); one is enough to know the end was reached, and the quiet second covers the rest.
    const read = !opts.events || (events !== null && events >= opts.flagged && d.uiAdded.length >= Math.min(1, opts.nudges));
    if (d.loadEnd > 0 && read && d.now - lastActivity(d) >= QUIET_MS) return { d, events, complete: true };
    if (Date.now() > end) return { d, events, complete: false };
    await sleep(200);
  }
}

type Stream = Awaited<ReturnType<typeof streamOn>>;

/** One cold load; with `stream`, the 1,000 new messages follow on the same page once it is idle. */
async function loadRun(server: FixtureServer, withExt: boolean, plan: Plan, stream = false): Promise<LoadRun & { stream?: Stream }> {
  const b = await launchWith(withExt);
  try {
    const page = await b.context.newPage();
    await instrument(page);
    const session = await cdp(page);
    await session.send('Performance.enable');
    await page.goto(server.url(HOST, PATH), { waitUntil: 'load', timeout: 60_000 });
    const sw = withExt ? await b.worker() : null;
    const s = await settle(page, { events: sw ? () => countEvents(sw) : undefined, ...plan, timeoutMs: 90_000 });
    if (!s.complete) console.warn(`  ! ${withExt ? 'extension' : 'baseline'} run did not settle in time; figures are partial`);
    const m = await perfMetrics(session);
    const heapBytes = await heapAfterGc(session);
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return n ? n.loadEventEnd : 0;
    });
    const streamed = stream && sw ? await streamOn(page, sw) : undefined;
    return {
      stream: streamed,
      mode: withExt ? 'extension' : 'baseline',
      ttiMs: timeToIdle(s.d),
      loadMs: nav,
      longTasks: s.d.longTasks,
      historyReadMs: withExt && s.d.uiAdded.length ? Math.max(...s.d.uiAdded) : null,
      nudges: s.d.uiAdded.length,
      scriptMs: (m.ScriptDuration ?? 0) * 1000,
      taskMs: (m.TaskDuration ?? 0) * 1000,
      heapBytes,
      eventsLogged: s.events,
    };
  } finally {
    await b.close();
  }
}

async function tracedRun(server: FixtureServer, plan: Plan): Promise<Attribution & { historyReadMs: number | null }> {
  const b = await launchWith(true);
  try {
    const page = await b.context.newPage();
    await instrument(page);
    const session = await cdp(page);
    await startTrace(session);
    await page.goto(server.url(HOST, PATH), { waitUntil: 'load', timeout: 60_000 });
    const sw = await b.worker();
    const s = await settle(page, { events: () => countEvents(sw), ...plan, timeoutMs: 90_000 });
    // For scale: what one frame costs on this page when the page itself shows something (a plain
    // fixed box the size of the nudge), with no extension code in it.
    await page.evaluate((mark) => {
      performance.mark(mark);
      const box = document.createElement('div');
      box.style.cssText = 'position:fixed;right:16px;bottom:16px;width:360px;height:220px;background:#fff;border:1px solid #ccc';
      box.textContent = 'The page shows a box of its own.';
      document.body.append(box);
    }, CONTROL_MARK);
    await sleep(1000);
    const events = await stopTrace(session);
    return { ...attribute(events, `chrome-extension://${b.extensionId}/`, CONTROL_MARK), historyReadMs: s.d.uiAdded.length ? Math.max(...s.d.uiAdded) : null };
  } finally {
    await b.close();
  }
}

/** 1,000 messages at 20 a second on an idle page with the extension: insertion → nudge. */
async function streamOn(page: Page, sw: Worker) {
  // Leaving the 5,000-message thread costs the page itself about a second (it removes every row);
  // done first, so that stall does not land inside the measured stream.
  await page.evaluate((id) => window.chatFixture.switchThread(String(id), 'Warm-up'), STREAM.firstThread - 1);
  await sleep(1500);
  const before = await probe(page);
  const eventsBefore = await countEvents(sw);
  const opts: StreamOptions = { ...STREAM, benign: benignLines(200, 21).map((l) => l.text), risky: [...NUDGE_ALONE] };
  const inserts = await page.evaluate(streamMessages, opts);
  // Let the last nudges arrive (well past the target) before reading.
  await sleep(1500);
  const after = await probe(page);
  const eventsAfter = await countEvents(sw);
  const shown = after.uiAdded.slice(before.uiAdded.length);
  const parties = new Set((await readEvents(sw)).map((e) => e.party));
  const latencies = matchNudges(inserts, shown, inserts.map((_, k) => parties.has(`Stranger ${k}`)));
  return {
    messages: STREAM.total,
    perSecond: STREAM.perSecond,
    risky: inserts.length,
    nudges: shown.length,
    missed: latencies.filter((l) => l === null).length,
    /** Which risky lines (0-based) got no nudge, to tell a cold start from a busy stretch. */
    missedAt: latencies.flatMap((l, i) => (l === null ? [i] : [])),
    latenciesMs: latencies.filter((l): l is number => l !== null).map((l) => round(l, 1)),
    longTasksDuringStream: after.longTasks.filter((t) => t.start > before.now).length,
    eventsLogged: eventsAfter - eventsBefore,
  };
}

function summarise(runs: LoadRun[]) {
  const pick = (f: (r: LoadRun) => number) => runs.map(f);
  return {
    runs: runs.length,
    ttiMs: pick((r) => round(r.ttiMs)),
    ttiMedianMs: round(median(pick((r) => r.ttiMs))),
    loadMedianMs: round(median(pick((r) => r.loadMs))),
    longTasksPerRun: pick((r) => r.longTasks.length),
    longTaskMs: runs.map((r) => r.longTasks.map((t) => round(t.dur))),
    scriptMedianMs: round(median(pick((r) => r.scriptMs))),
    taskMedianMs: round(median(pick((r) => r.taskMs))),
    heapMedianKB: round(median(pick((r) => r.heapBytes)) / 1024),
    historyReadMs: runs.map((r) => (r.historyReadMs === null ? null : round(r.historyReadMs))),
    historyReadMedianMs: runs.some((r) => r.historyReadMs !== null) ? round(median(runs.map((r) => r.historyReadMs ?? Number.NaN).filter((x) => !Number.isNaN(x)))) : null,
    eventsLogged: runs.map((r) => r.eventsLogged),
  };
}

async function main() {
  const started = Date.now();
  console.log(`page bench: extension ${extensionDir()}, ${RUNS} runs each`);
  const lines = historyLines(HISTORY);
  const { flagged, nudgeAt } = nudgePlan(lines);
  const plan: Plan = { flagged, nudges: nudgeAt.length };
  const lastNudge = nudgeAt[nudgeAt.length - 1] ?? -1;
  // The last nudge marks the end of the history only if it comes from the closing escalation.
  const markerOk = lastNudge >= lines.length - ESCALATION.length;
  if (!markerOk) console.warn(`  ! with this detector the history's last nudge comes at line ${lastNudge}, not at its end: "history read" is not measured`);
  console.log(`  history: ${lines.length} lines, ${flagged} flag, nudges at lines ${nudgeAt.join(', ') || 'none'}; everyday lines the detector flagged (redrawn): ${lines.rejected ?? 0}`);
  const server = await startFixtureServer();
  server.serve(HOST, chatPage(lines));
  const runs: LoadRun[] = [];
  try {
    let stream: Stream | undefined;
    for (let i = 0; i < RUNS; i++) {
      // Alternate which mode goes first, so a warming disk cache or CPU boost favours neither.
      for (const ext of i % 2 === 0 ? [false, true] : [true, false]) {
        const last = ext && i === RUNS - 1;
        if (last) console.log(`  (then ${STREAM.total} messages at ${STREAM.perSecond}/s on the same page)`);
        const r = await loadRun(server, ext, plan, last);
        stream ??= r.stream;
        runs.push(r);
        console.log(
          `  run ${i + 1} ${r.mode.padEnd(9)} idle ${round(r.ttiMs)} ms, long tasks ${r.longTasks.length}, script ${round(r.scriptMs)} ms, heap ${round(r.heapBytes / 1024)} KB` +
            (r.historyReadMs !== null ? `, history read at ${round(r.historyReadMs)} ms` : ''),
        );
      }
    }
    console.log('  traced run (extension)…');
    const traced = await tracedRun(server, plan);
    console.log(`  content script: ${round(traced.extensionMs)} ms of main-thread time; long tasks ${traced.longTasks.length}`);
    if (!stream) throw new Error('the stream did not run');
    const base = summarise(runs.filter((r) => r.mode === 'baseline'));
    const ext = summarise(runs.filter((r) => r.mode === 'extension'));
    const extraLongTasks = runs
      .filter((r) => r.mode === 'extension')
      .map((r, i) => r.longTasks.length - (runs.filter((x) => x.mode === 'baseline')[i]?.longTasks.length ?? 0));
    const result = {
      date: new Date().toISOString(),
      machine: machineInfo(),
      durationS: round((Date.now() - started) / 1000),
      page: { host: HOST, messages: HISTORY, flaggedLines: flagged, nudgesExpected: nudgeAt.length, historyMarker: markerOk, everydayLinesRejected: lines.rejected ?? 0, quietMs: QUIET_MS },
      baseline: base,
      extension: ext,
      ttiOverheadMs: round(ext.ttiMedianMs - base.ttiMedianMs),
      ttiOverheadPct: round(((ext.ttiMedianMs - base.ttiMedianMs) / base.ttiMedianMs) * 100, 2),
      extraLongTasksPerRun: extraLongTasks,
      scriptDeltaMs: round(ext.scriptMedianMs - base.scriptMedianMs),
      heapDeltaKB: round(ext.heapMedianKB - base.heapMedianKB),
      traced: {
        extensionScriptMs: round(traced.extensionMs),
        sampledMainThreadMs: round(traced.sampledMs),
        samples: traced.samples,
        longTasks: traced.longTasks.map((t) => ({
          durMs: round(t.durMs),
          extensionMs: round(t.extensionMs),
          entersExtension: t.entersExtension,
          extensionEntries: t.extensionEntries,
          renderingMs: round(t.renderingMs),
          gcMs: round(t.gcMs),
        })),
        // One frame showing a plain box the page adds itself (no extension code), for scale.
        pageBoxFrame: traced.markFrame ? { durMs: round(traced.markFrame.durMs), renderingMs: round(traced.markFrame.renderingMs) } : null,
        // A long task is the extension's when it ran any of its code (sampled or entered).
        longTasksWithExtensionTime: traced.longTasks.filter((t) => t.extensionMs > 0 || t.entersExtension).length,
        longestExtensionRunsMs: traced.longestExtensionRunsMs.map((x) => round(x, 2)),
        historyReadMs: traced.historyReadMs === null ? null : round(traced.historyReadMs),
      },
      stream: {
        ...stream,
        // A risky line that got no nudge counts as infinitely late (null in JSON).
        p50Ms: round(percentile([...stream.latenciesMs, ...Array<number>(stream.missed).fill(Infinity)], 50)),
        p99Ms: round(percentile([...stream.latenciesMs, ...Array<number>(stream.missed).fill(Infinity)], 99)),
        maxMs: round(Math.max(...stream.latenciesMs)),
        meanMs: round(mean(stream.latenciesMs)),
      },
    };
    const file = writeResult('page', result);
    console.log(
      `page bench: idle ${base.ttiMedianMs} → ${ext.ttiMedianMs} ms (${result.ttiOverheadPct}%), ` +
        `nudge p50 ${result.stream.p50Ms} ms p99 ${result.stream.p99Ms} ms (${stream.nudges}/${stream.risky}); wrote ${file}`,
    );
  } finally {
    await server.close();
  }
}

await main();
