// Reads bench/results/*.json, prints one table and writes docs/benchmarks.md. Run by
// scripts/bench.mjs (`npx tsx bench/lib/report.ts <status.json>`); every figure in the page
// comes from a results file, with the date it was measured.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../tests/e2e/harness';
import { machineInfo } from './machine';
import { RESULTS_DIR } from './results';

type Json = Record<string, unknown>;

interface BenchStatus {
  state: 'ok' | 'crashed' | 'missing' | 'skipped';
  exitCode?: number | null;
  seconds?: number;
  reason?: string;
}

interface StatusFile {
  started: number;
  finished: number;
  reportOnly: boolean;
  status: Record<string, BenchStatus>;
}

export interface Row {
  what: string;
  measured: string;
  target: string;
  /** measured ÷ target (for a "≥" target, passing means ≥ 1). */
  ratio: number | null;
  pass: boolean | null;
  why?: string;
}

/** A dotted path into a results object; undefined when any step is missing. */
export function get(o: unknown, p: string): unknown {
  let cur = o;
  for (const k of p.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Json)[k];
  }
  return cur;
}

function num(o: unknown, p: string): number | null {
  const v = get(o, p);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

const f = (n: number | null, digits = 1): string =>
  n === null ? '—' : n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

function loadResult(id: string): { data: Json | null; date: string | null } {
  const file = path.join(RESULTS_DIR, `${id}.json`);
  if (!existsSync(file)) return { data: null, date: null };
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Json;
    const date = (data.date ?? data.measuredAt ?? statSync(file).mtime.toISOString()) as string;
    return { data, date };
  } catch {
    return { data: null, date: null };
  }
}

function ttiWhy(page: Json, pct: number): string {
  const spread = (get(page, 'baseline.ttiMs') as number[] | undefined) ?? [];
  const script = num(page, 'traced.extensionScriptMs');
  const read = num(page, 'extension.historyReadMedianMs');
  const duty = script !== null && read ? (script / read) * 100 : null;
  const loadBase = num(page, 'baseline.loadMedianMs');
  const loadExt = num(page, 'extension.loadMedianMs');
  const extra = (get(page, 'extraLongTasksPerRun') as number[] | undefined) ?? [];
  const noExtraTasks = extra.length > 0 && extra.every((n) => n <= 0);
  // Runs whose idle point is the nudge itself: the history ends with a grooming escalation, so the
  // nudge is shown as the read ends, and its first frame is the page's last long task.
  const ttis = (get(page, 'extension.ttiMs') as number[] | undefined) ?? [];
  const reads = (get(page, 'extension.historyReadMs') as (number | null)[] | undefined) ?? [];
  const atNudge = ttis.filter((t, i) => reads[i] != null && Math.abs(t - reads[i]!) < 250).length;
  const box = get(page, 'traced.pageBoxFrame') as { durMs: number } | null | undefined;
  return (
    `over by ${f(pct - 5, 0)} points (${f(num(page, 'ttiOverheadMs'), 0)} ms; the baseline's own runs spread over ${f(Math.min(...spread), 0)}–${f(Math.max(...spread), 0)} ms). ` +
    (loadBase !== null && loadExt !== null ? `The page's load event itself comes ${f(loadExt - loadBase, 0)} ms later with the extension (medians ${f(loadBase, 0)} → ${f(loadExt, 0)} ms). ` : '') +
    (noExtraTasks
      ? 'No run has more long tasks than its baseline; the difference is most likely the browser starting the extension while the page loads (its service worker, the content script compiled at injection) on two shared cores, which this bench does not separate. '
      : `Per run, the extension adds ${extra.join(', ')} long task(s). `) +
    (atNudge > 0
      ? `In ${atNudge} of ${ttis.length} runs the page became idle only when the nudge for the history's closing escalation appeared (${f(Math.min(...reads.filter((x): x is number => x !== null)), 0)}–${f(Math.max(...reads.filter((x): x is number => x !== null)), 0)} ms): the frame that first paints it was the last long task` +
        (box ? ` (on this page any visible change costs such a frame: a plain box the page adds itself took ${f(box.durMs, 0)} ms in the traced run)` : '') +
        '. '
      : '') +
    `Reading the history costs the content script about ${f(script, 0)} ms of main-thread time, spread over ${f(read, 0)} ms in idle slices (busy ${f(duty, 0)} % of the time).`
  );
}

/** The content script's composition, biggest first: "lexicon data 12.3 KB; Preact 5.6 KB; …". */
function composition(bundle: Json): string | null {
  const groups = get(bundle, 'contentComposition.groupsGzipKB');
  if (!groups || typeof groups !== 'object') return null;
  return Object.entries(groups as Record<string, number>)
    .sort((a, b) => b[1] - a[1])
    .map(([g, kb]) => `${g} ${f(kb)} KB`)
    .join('; ');
}

function sizeWhy(bundle: Json, gz: number): string {
  const parts = composition(bundle);
  return `over by ${f(gz - 60)} KB (×${f(gz / 60, 2)}).` + (parts ? ` What it is made of (each part gzipped alone, from a source-mapped build): ${parts}.` : '');
}

function targetRows(r: Record<string, Json | null>): Row[] {
  const rows: Row[] = [];
  const page = r.page;
  if (page) {
    const pct = num(page, 'ttiOverheadPct');
    const base = num(page, 'baseline.ttiMedianMs');
    const ext = num(page, 'extension.ttiMedianMs');
    rows.push({
      what: 'Time to idle added by the extension (5,000-message chat)',
      measured: `${pct !== null && pct >= 0 ? '+' : ''}${f(pct, 2)} % (${f(base, 0)} → ${f(ext, 0)} ms, medians of ${f(num(page, 'baseline.runs'), 0)} runs)`,
      target: '≤ 5 %',
      ratio: pct === null ? null : pct / 5,
      pass: pct === null ? null : pct <= 5,
      why: pct !== null && pct > 5 ? ttiWhy(page, pct) : undefined,
    });
    const traced = num(page, 'traced.longTasksWithExtensionTime');
    const extra = (get(page, 'extraLongTasksPerRun') as number[] | undefined) ?? [];
    const tasks =
      (get(page, 'traced.longTasks') as
        | { durMs: number; extensionMs: number; entersExtension?: boolean; extensionEntries?: string[]; renderingMs?: number; gcMs?: number }[]
        | undefined) ?? [];
    const box = get(page, 'traced.pageBoxFrame') as { durMs: number; renderingMs: number } | null | undefined;
    rows.push({
      what: 'Long tasks caused by the extension (5,000-message chat)',
      measured: `${f(traced, 0)} (traced: ${tasks.length} long task(s) on the page, ${f(traced, 0)} with content-script time; per run, extension minus baseline: ${extra.join(', ') || '—'})`,
      target: '0',
      ratio: null,
      pass: traced === null ? null : traced === 0,
      why:
        traced !== null && traced > 0
          ? `in the traced run, long tasks that ran content-script code: ${tasks
              .filter((t) => t.extensionMs > 0 || t.entersExtension)
              .map(
                (t) =>
                  `${f(t.durMs, 0)} ms (${f(t.extensionMs, 0)} ms of it sampled in the content script` +
                  (t.renderingMs !== undefined ? `, ${f(t.renderingMs, 0)} ms rendering (style, layout, paint), ${f(t.gcMs ?? 0, 0)} ms garbage collection` : '') +
                  `${t.extensionEntries?.length ? `; the timeline's entries into the extension: ${t.extensionEntries.join(', ')}` : ''})`,
              )
              .join('; ')}. A long task that enters the extension with almost none of its JavaScript sampled is the browser's own work for it (injecting and compiling the content script, a garbage collection, style and layout); one with content-script samples is our code running too long.` +
            (box
              ? ` For scale, the frame that shows a plain box the page adds itself (no extension code) took ${f(box.durMs, 0)} ms here, ${f(box.renderingMs, 0)} ms of it rendering: on this page (5,000 rows, none virtualised, unlike the real site) every visible change costs a frame of that order, and the frame that first paints the nudge is such a frame.`
              : '')
          : undefined,
    });
    const p99 = num(page, 'stream.p99Ms');
    const missed = num(page, 'stream.missed') ?? 0;
    rows.push({
      what: 'Insertion → nudge, p99 (1,000 messages at 20/s)',
      measured: `${p99 === null ? '∞' : f(p99, 0)} ms (p50 ${f(num(page, 'stream.p50Ms'), 0)} ms, max of those nudged ${f(num(page, 'stream.maxMs'), 0)} ms; ${f(num(page, 'stream.nudges'), 0)} nudges for ${f(num(page, 'stream.risky'), 0)} risky lines)`,
      target: '≤ 300 ms',
      ratio: p99 === null ? null : p99 / 300,
      pass: p99 === null ? false : p99 <= 300 && missed === 0,
      why:
        p99 === null || p99 > 300 || missed > 0
          ? [
              p99 !== null && p99 > 300 ? `over by ${f(p99 - 300, 0)} ms (×${f(p99 / 300, 2)})` : '',
              missed > 0
                ? `${missed} risky line(s) got no nudge (counted as infinitely late; risky lines number ${((get(page, 'stream.missedAt') as number[]) ?? []).join(', ')}): ` +
                  'a line is only read once the watcher has coalesced the mutation (50 ms) and an idle callback has run (up to 250 ms later on a busy page); ' +
                  'the stream switches conversation every 0.5 s, and a row removed before it was read is skipped, so under load a line can go unread'
                : '',
              (num(page, 'stream.maxMs') ?? 0) > 300
                ? 'the slow tail is the watcher\'s 50 ms coalescing plus up to 250 ms waiting for an idle callback on a busy page, before the detector and the round trip to the background even start'
                : '',
            ]
              .filter(Boolean)
              .join('; ') + '.'
          : undefined,
    });
  }
  const detect = r.detect;
  if (detect) {
    const ratio = num(detect, 'ratioVsNaive');
    rows.push({
      what: 'Detector throughput vs a naive per-pattern regex scanner',
      measured: `${f(ratio, 1)}× (${f(num(detect, 'messagesPerSecond'), 0)} vs ${f(num(detect, 'naiveMessagesPerSecond'), 0)} messages/s)`,
      target: '≥ 10×',
      ratio: ratio === null ? null : ratio / 10,
      pass: ratio === null ? null : ratio >= 10,
      why: ratio !== null && ratio < 10 ? `short by ${f(10 - ratio, 1)}× (${f((ratio / 10) * 100, 0)} % of the target).` : undefined,
    });
  }
  const bundle = r.bundle;
  if (bundle) {
    const gz = num(bundle, 'contentGzipKB');
    rows.push({
      what: 'Content-script bundle, gzip (the largest of the per-site scripts)',
      measured: `${f(gz)} KB (${f(num(bundle, 'sizes.content.rawKB'))} KB raw)`,
      target: '≤ 60 KB',
      ratio: gz === null ? null : gz / 60,
      pass: gz === null ? null : gz <= 60,
      why: gz !== null && gz > 60 ? sizeWhy(bundle, gz) : undefined,
    });
  }
  const store = r.store;
  if (store) {
    const targets = (get(store, 'targets') as Record<string, number> | undefined) ?? {};
    const labels: Record<string, string> = {
      append10k_ms: '10,000 signal appends (store bench target)',
      summary10k_ms: 'Weekly summary over 10,000 events (store bench target)',
      summary100k_ms: 'Weekly summary over 100,000 events (store bench target)',
    };
    for (const [k, t] of Object.entries(targets)) {
      // Appends are judged on disk, where the extension keeps its database (a persistent
      // profile); the in-memory figure (an off-the-record context) is shown beside it.
      const disk = k === 'append10k_ms' ? num(store, 'chromium.onDisk.append10k_ms') : null;
      const memory = num(store, `chromium.${k}`);
      const v = disk ?? memory;
      const floor = disk !== null ? num(store, 'chromium.onDisk.raw10k_ms') : k === 'append10k_ms' ? num(store, 'chromium.raw10k_ms') : null;
      rows.push({
        what: labels[k] ?? k,
        measured: disk !== null ? `${f(disk, 1)} ms on disk (in memory ${f(memory, 1)} ms)` : `${f(v, 1)} ms`,
        target: `≤ ${f(t, 0)} ms`,
        ratio: v === null ? null : v / t,
        pass: v === null ? null : v <= t,
        why:
          v !== null && v > t
            ? `over by ${f(v - t, 1)} ms.` +
              (floor !== null
                ? ` IndexedDB alone, the same 10,000 records added bare in one transaction, takes ${f(floor, 0)} ms here` +
                  (disk !== null ? ` on disk (${f(num(store, 'chromium.raw10k_ms'), 0)} ms in memory, Chromium ${String(get(store, 'chromium.version') ?? '?')})` : '') +
                  '; the appender adds the scoring of each message, the masking of its excerpt and the conversation and day records, in batches of 2,000 (one add per new event; look-ups only when a batch held an already-stored message).'
                : '')
            : undefined,
      });
    }
  }
  return rows;
}

function figureRows(r: Record<string, Json | null>): [string, string][] {
  const out: [string, string][] = [];
  const { detect, page, bundle, store } = r;
  if (detect) {
    out.push(
      ['Detector throughput (dev corpus)', `${f(num(detect, 'messagesPerSecond'), 0)} messages/s over ${f(num(detect, 'corpusMessages'), 0)} messages`],
      ['Detector latency per message', `p50 ${f(num(detect, 'p50us'))} µs, p99 ${f(num(detect, 'p99us'))} µs`],
      ['Naive per-pattern scanner', `${f(num(detect, 'naiveMessagesPerSecond'), 0)} messages/s (detector ${f(num(detect, 'ratioVsNaive'), 1)}× faster)`],
      ['obscenity (English preset)', `${f(num(detect, 'obscenityMessagesPerSecond'), 0)} messages/s (detector ${f(num(detect, 'ratioVsObscenity'), 2)}× its speed)`],
    );
  }
  if (page) {
    out.push(
      ['Time to idle, no extension', `${f(num(page, 'baseline.ttiMedianMs'), 0)} ms (runs: ${((get(page, 'baseline.ttiMs') as number[]) ?? []).map((x) => f(x, 0)).join(', ')})`],
      ['Time to idle, with the extension', `${f(num(page, 'extension.ttiMedianMs'), 0)} ms (runs: ${((get(page, 'extension.ttiMs') as number[]) ?? []).map((x) => f(x, 0)).join(', ')})`],
      ['Whole history read by the extension', `${f(num(page, 'extension.historyReadMedianMs'), 0)} ms after navigation start (median; last nudge of the history shown)`],
      ['Long tasks per run (no extension / with)', `${((get(page, 'baseline.longTasksPerRun') as number[]) ?? []).join(', ')} / ${((get(page, 'extension.longTasksPerRun') as number[]) ?? []).join(', ')}`],
      ['Content-script main-thread time (traced)', `${f(num(page, 'traced.extensionScriptMs'), 0)} ms in total for the 5,000-message load; longest uninterrupted run ${f(((get(page, 'traced.longestExtensionRunsMs') as number[]) ?? [])[0] ?? null, 1)} ms`],
      ['Script time, DevTools ScriptDuration (median, no ext / with)', `${f(num(page, 'baseline.scriptMedianMs'), 0)} / ${f(num(page, 'extension.scriptMedianMs'), 0)} ms (Δ ${f(num(page, 'scriptDeltaMs'), 0)} ms)`],
      ['JS heap after GC (median, no ext / with)', `${f(num(page, 'baseline.heapMedianKB'), 0)} / ${f(num(page, 'extension.heapMedianKB'), 0)} KB (Δ ${f(num(page, 'heapDeltaKB'), 0)} KB: the content script's world)`],
      ['Insertion → nudge', `p50 ${f(num(page, 'stream.p50Ms'), 0)} ms, p99 ${f(num(page, 'stream.p99Ms'), 0)} ms, max ${f(num(page, 'stream.maxMs'), 0)} ms (n = ${f(num(page, 'stream.nudges'), 0)})`],
      ['While 1,000 messages arrived', `${f(num(page, 'stream.longTasksDuringStream'), 0)} long task(s); ${f(num(page, 'stream.eventsLogged'), 0)} events logged for ${f(num(page, 'stream.risky'), 0)} risky lines`],
      ['The 5,000-message history', `${f(num(page, 'page.flaggedLines'), 0)} lines flag (logged), nudges expected ${f(num(page, 'page.nudgesExpected'), 0)}; everyday lines the detector flagged and that were redrawn: ${f(num(page, 'page.everydayLinesRejected'), 0)}`],
    );
  }
  if (bundle) {
    const parts = composition(bundle);
    if (parts) out.push(['Content script, each part gzipped alone', parts]);
    const names: Record<string, string> = { content: 'content script (largest per-site one)', total: 'whole extension', nudgeUi: 'nudge views (imported when a page first shows one)' };
    const sizes = (get(bundle, 'sizes') as Record<string, { gzipKB: number; rawKB: number }> | undefined) ?? {};
    const perSite = Object.entries(sizes).filter(([k]) => k.startsWith('content:'));
    if (perSite.length > 0) {
      out.push([
        'Content script per chat site (gzip)',
        perSite.map(([k, v]) => `${k.slice('content:content-scripts/'.length).replace(/\.js$/, '')} ${f(v.gzipKB)} KB`).join(', '),
      ]);
    }
    for (const k of ['content', 'nudgeUi', 'background', 'popup', 'dashboard', 'total']) {
      if (get(bundle, `sizes.${k}`) === undefined) continue;
      out.push([`Size: ${names[k] ?? k}`, `${f(num(bundle, `sizes.${k}.rawKB`))} KB raw, ${f(num(bundle, `sizes.${k}.gzipKB`))} KB gzip`]);
    }
    out.push(
      ['Browser launch → service worker running', `${f(num(bundle, 'launch.withExtensionMedianMs'), 0)} ms (plain browser launch ${f(num(bundle, 'launch.baselineMedianMs'), 0)} ms)`],
      ['Stopped service worker: message → answer', `median ${f(num(bundle, 'worker.coldPingMedianMs'), 0)} ms, max ${f(num(bundle, 'worker.coldPingMaxMs'), 0)} ms (running worker: ${f(num(bundle, 'worker.warmPingMedianMs'), 2)} ms)`],
    );
  }
  if (store) {
    out.push(
      ['Store: 10,000 appends (Chromium / fake-indexeddb)', `${f(num(store, 'chromium.append10k_ms'), 0)} / ${f(num(store, 'fakeIndexedDB.append10k_ms'), 0)} ms`],
      ['Store: weekly summary, 10k events', `${f(num(store, 'chromium.summary10k_ms'), 1)} / ${f(num(store, 'fakeIndexedDB.summary10k_ms'), 1)} ms`],
      ['Store: weekly summary, 100k events', `${f(num(store, 'chromium.summary100k_ms'), 1)} / ${f(num(store, 'fakeIndexedDB.summary100k_ms'), 1)} ms`],
    );
  }
  return out;
}

const METHOD = `## How each figure is measured

All browser figures come from Debian's Chromium (headless, \`--no-sandbox --disable-gpu\`, the e2e
harness's flags) driven by playwright-core, on fixture pages served over HTTPS from 127.0.0.1 as
the real hosts. The extension under test is built once per run (\`CHAPERONE_OUT_DIR\` in a temporary
folder). Nothing runs in parallel with a benchmark.

**Detector** (\`bench/detect.bench.ts\`, owned by the detection engineer): the dev corpus through
\`analyzeMessage\`, against a naive scanner that runs every lexicon pattern as its own regular
expression over each message, and against the \`obscenity\` library's matcher with its English
preset, in the same process and run. Throughput is messages per second; latency is per message.

**Page cost** (\`bench/page.bench.ts\`). The Discord fixture with 5,000 messages added by an inline
script (present at load): generated everyday lines, a low-risk line every 250 messages (logged,
no nudge) and a three-line grooming escalation at the very end, so the last nudge can only
appear once the whole history has been read. Three runs of each (\`BENCH_PAGE_RUNS\`); each run
starts a fresh browser and profile; runs alternate baseline-first and extension-first. Medians. The baseline launches the same Chromium with the
same flags and no extension. Before the chat is opened, the freshly installed extension's first-run
set-up page (it opens about 3 s after launch, once in an extension's life) is closed, and both
browsers get half a second of quiet.
- *Time to idle*: from navigation start (\`performance.timeOrigin\`) to the end of the last of:
  the load event, the last long task, the last DOM mutation of the page's own content. It is read
  only after a quiet second (no long task, no mutation, no extension UI change) and, with the
  extension, after every flagged line of the history has been logged and its nudge shown. The
  extension's own nudge host (a custom-element child of \`<body>\`) is not counted as page work;
  the time it appears is reported separately as *whole history read*.
- *Long tasks*: \`PerformanceObserver({ type: 'longtask', buffered: true })\` installed by
  \`addInitScript\` in every run (tasks over 50 ms), counted per run against the baseline run
  paired with it. Attribution comes from a separate traced run with the extension (Chromium
  tracing: \`toplevel\`, \`devtools.timeline\` and the V8 sampling profiler): a long task is the
  extension's when it entered the content script's code (a timeline event naming
  \`chrome-extension://<id>/\`, e.g. the idle callback it registered) or any stack sample inside it
  holds a content-script frame. The sampled share shows how much of the task was its own code;
  the rest is garbage collection, style or layout done inside the same task.
- *Script time of the extension's world*: the traced run's sampled main-thread time whose stack
  holds a content-script frame. Also DevTools \`Performance.getMetrics\` \`ScriptDuration\`
  (all scripts of the renderer) with and without the extension, medians.
- *JS heap*: \`HeapProfiler.collectGarbage\` then \`Runtime.getHeapUsage\` (the renderer's V8
  isolate, which the page's world and the content script's isolated world share) once idle;
  the difference of the medians is the content script's retained heap plus its nudge UI.
- *Insertion → nudge*: on the last extension run, once the history is read, the page first
  leaves the 5,000-message thread (removing the rows costs the page itself about a second, which
  would otherwise land inside the measurement), then 1,000 messages arrive at 20 a second from a
  page script (drift-free timer: after a stall it catches up in one burst). Every 10th is risky and is inserted right after
  \`switchThread\` to a fresh conversation, because a nudge shows once per conversation and level;
  the other 900 are everyday lines. The latency is from the page's \`performance.now()\` just before
  the risky line is appended to the moment the nudge's host element is attached to the document
  (seen by a MutationObserver in the page; the card is rendered in the same task, before the next
  paint). It covers the watcher's coalescing, the idle-time slice, the detector, the message to the
  background, its IndexedDB write and the answer. A risky line with no nudge counts as infinitely late.

**Bundle** (\`bench/bundle.bench.ts\`): file sizes in the build, gzip with Node's \`zlib.gzipSync\`
(default level). Content script: the manifest's \`content_scripts\` files. Popup and dashboard: the
HTML and every local script and stylesheet it references. *Launch → service worker*: from
\`launchPersistentContext\` to the worker being reported, against a plain browser's launch, alternating.
*Stopped worker*: DevTools \`ServiceWorker.stopAllWorkers\` (waiting until Chromium reports it
stopped), then \`chrome.runtime.sendMessage({ type: 'ping' })\` from the popup page until the answer:
the worker's start-up plus one message. The running-worker figure is the same message right after.

**Store** (\`bench/store.bench.ts\`, owned by the store engineer): the real \`lib/store\` code in a
Chromium page (its own IndexedDB): 10,000 signal appends one after another, and the weekly summary
over 10,000 and 100,000 events, medians of several runs; the same workload in Node over
fake-indexeddb for comparison.
`;

function table(rows: Row[]): string {
  const head = ['Target', 'Measured', 'Target', 'Result'];
  const body = rows.map((r) => [r.what, r.measured, r.target, r.pass === null ? 'n/a' : r.pass ? 'pass' : 'MISS']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const esc = (s: string) => s.replace(/\|/g, '\\|');

export function renderMarkdown(
  rows: Row[],
  figures: [string, string][],
  meta: { dates: Record<string, string | null>; status: Record<string, BenchStatus>; machine: ReturnType<typeof machineInfo>; now: Date; load: string; reportOnly: boolean },
): string {
  const m = meta.machine;
  const out: string[] = [
    '# Benchmarks',
    '',
    '<!-- Generated by `npm run bench` (scripts/bench.mjs → bench/lib/report.ts) from bench/results/*.json. Do not edit: rerun. -->',
    '',
    `Generated ${meta.now.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${m.cores} cores (${m.cpu}), ${m.memoryGB} GB RAM, ${m.os}, Node ${m.node}, ${m.chromium}.`,
    `1-minute load average while measuring: ${meta.load || 'unknown'} (the machine was shared; every figure moves with it, so compare runs made on the same machine).`,
    'Rerun with `npm run bench` (six to seven minutes on two cores; needs Chromium at `/usr/bin/chromium` or `$CHROMIUM_PATH`).',
    '',
    '## Targets',
    '',
    '| What | Measured | Target | Measured ÷ target | Result |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${esc(r.what)} | ${esc(r.measured)} | ${r.target} | ${r.ratio === null ? '—' : f(r.ratio, 2)} | ${r.pass === null ? 'n/a' : r.pass ? 'pass' : '**miss**'} |`),
    '',
  ];
  const misses = rows.filter((r) => r.pass === false);
  if (misses.length) {
    out.push('### Missed targets', '');
    for (const r of misses) out.push(`- **${r.what}**: ${r.why ?? 'see the figures below.'}`);
    out.push('');
  }
  out.push('## All figures', '', '| Figure | Value |', '| --- | --- |', ...figures.map(([a, b]) => `| ${esc(a)} | ${esc(b)} |`), '');
  out.push('## Runs', '', '| Benchmark | This run | Figures measured |', '| --- | --- | --- |');
  for (const id of ['detect', 'store', 'page', 'bundle']) {
    const s = meta.status[id];
    const state = !s ? (meta.reportOnly ? 'report only' : 'not run') : s.state === 'ok' ? `ok, ${s.seconds ?? '?'} s` : s.state === 'skipped' ? `skipped (${s.reason ?? ''})` : s.state;
    out.push(`| ${id} | ${state} | ${meta.dates[id] ? meta.dates[id]!.slice(0, 16).replace('T', ' ') : 'no results'} |`);
  }
  out.push('', METHOD);
  return out.join('\n');
}

function main() {
  const statusPath = process.argv[2];
  const st: StatusFile = statusPath && existsSync(statusPath)
    ? (JSON.parse(readFileSync(statusPath, 'utf8')) as StatusFile)
    : { started: Date.now(), finished: Date.now(), reportOnly: true, status: {} };
  const results: Record<string, Json | null> = {};
  const dates: Record<string, string | null> = {};
  for (const id of ['detect', 'store', 'page', 'bundle']) {
    const { data, date } = loadResult(id);
    results[id] = data;
    dates[id] = date;
  }
  const rows = targetRows(results);
  const figures = figureRows(results);
  console.log(`\n${table(rows)}\n`);
  for (const r of rows.filter((x) => x.pass === false)) console.log(`MISS ${r.what}: ${r.why ?? ''}`);
  const stale = Object.entries(st.status).filter(([, s]) => s.state !== 'ok').map(([id, s]) => `${id} (${s.state})`);
  if (stale.length) console.log(`not measured in this run: ${stale.join(', ')}; their figures, if any, are from an earlier run`);
  const loadAvg = ['page', 'bundle']
    .map((id) => (num(results[id], 'machine.loadAverage') === null ? null : `${f(num(results[id], 'machine.loadAverage'), 2)} (${id})`))
    .filter(Boolean)
    .join(', ');
  const md = renderMarkdown(rows, figures, { dates, status: st.status, machine: machineInfo(), now: new Date(), load: loadAvg, reportOnly: st.reportOnly });
  const file = path.join(ROOT, 'docs/benchmarks.md');
  writeFileSync(file, `${md}\n`);
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

main();
