// Chromium tracing for attribution: which main-thread time, and which long tasks, belong to the
// extension's content script. The V8 sampling profiler runs inside the trace, so time spent in
// the content script's functions (and what they call: DOM queries, promise continuations) is
// counted by the stack samples whose frames come from chrome-extension://<id>/; the timeline's
// FunctionCall/EvaluateScript events say which tasks entered the extension's code at all.
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id?: string;
  args?: Record<string, unknown>;
}

const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'disabled-by-default-v8.cpu_profiler',
  'disabled-by-default-v8.cpu_profiler.hires',
  '__metadata',
];

export async function startTrace(session: CDPSession): Promise<void> {
  await session.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: CATEGORIES, excludedCategories: ['*'] },
  });
}

export async function stopTrace(session: CDPSession): Promise<TraceEvent[]> {
  const done = new Promise<{ stream?: string }>((resolve) => session.once('Tracing.tracingComplete', resolve));
  await session.send('Tracing.end');
  const { stream } = await done;
  if (!stream) throw new Error('the trace came back without a stream');
  const parts: string[] = [];
  for (;;) {
    const r = (await session.send('IO.read', { handle: stream, size: 1 << 20 })) as { data: string; eof: boolean; base64Encoded?: boolean };
    parts.push(r.base64Encoded ? Buffer.from(r.data, 'base64').toString('utf8') : r.data);
    if (r.eof) break;
  }
  await session.send('IO.close', { handle: stream });
  const parsed = JSON.parse(parts.join('')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame?: { url?: string; functionName?: string };
}

interface ChunkData {
  cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
  timeDeltas?: number[];
}

export interface Attribution {
  /** Main-thread time whose stack holds an extension frame (ms). */
  extensionMs: number;
  /** All sampled main-thread time (ms), for scale. */
  sampledMs: number;
  samples: number;
  /** Main-thread tasks over 50 ms, with the extension's sampled share of each. */
  longTasks: {
    startMs: number;
    durMs: number;
    extensionMs: number;
    entersExtension: boolean;
    extensionEntries: string[];
    /** Style, layout, pre-paint, paint, layerize and hit testing inside the task: rendering a frame. */
    renderingMs: number;
    /** Garbage collection inside the task. */
    gcMs: number;
  }[];
  /** The frame after the page's own `mark` (see frameAfterMark), when asked for. */
  markFrame?: { durMs: number; renderingMs: number } | null;
  /** Each of the extension's own (>= 1 ms) runs of consecutive samples, longest first, top 5. */
  longestExtensionRunsMs: number[];
}

/**
 * Attributes the sampled main-thread time of the renderer that ran `origin`'s scripts.
 * Sample time is the gap to the next sample (capped at 10 ms, the profiler's worst lag).
 */
const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'HitTest']);
const GC = new Set(['MinorGC', 'MajorGC']);

/** Time covered by the named events inside [start, end), nested ones counted once (ms). */
function sumInside(events: TraceEvent[], start: number, end: number, names: Set<string>): number {
  const spans = events
    .filter((e) => e.ph === 'X' && names.has(e.name) && e.ts >= start && e.ts < end)
    .map((e) => [e.ts, Math.min(end, e.ts + (e.dur ?? 0))] as const)
    .sort((a, b) => a[0] - b[0]);
  let us = 0;
  let reach = -Infinity;
  for (const [a, b] of spans) {
    if (b <= reach) continue;
    us += b - Math.max(a, reach);
    reach = b;
  }
  return us / 1000;
}

export function attribute(events: TraceEvent[], origin: string, mark?: string): Attribution {
  const nodes = new Map<string, Map<number, ProfileNode>>();
  const starts = new Map<string, number>();
  const samples = new Map<string, { node: number; ts: number }[]>();
  const where = new Map<string, { pid: number; tid: number }>();
  for (const e of events) {
    if (e.ph !== 'P' || !e.id) continue;
    const key = `${e.pid}:${e.id}`;
    const data = e.args?.data as (ChunkData & { startTime?: number }) | undefined;
    if (e.name === 'Profile') {
      starts.set(key, data?.startTime ?? e.ts);
      where.set(key, { pid: e.pid, tid: e.tid });
      continue;
    }
    if (e.name !== 'ProfileChunk' || !data) continue;
    let m = nodes.get(key);
    if (!m) nodes.set(key, (m = new Map()));
    for (const n of data.cpuProfile?.nodes ?? []) m.set(n.id, n);
    const list = samples.get(key) ?? [];
    samples.set(key, list);
    let t = list.length ? list[list.length - 1]!.ts : (starts.get(key) ?? e.ts);
    const ids = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    for (let i = 0; i < ids.length; i++) {
      t += deltas[i] ?? 0;
      list.push({ node: ids[i]!, ts: t });
    }
  }
  // The profile (renderer main thread) that ran the extension's content script.
  let best: string | null = null;
  let bestHits = 0;
  const isExt = new Map<string, (id: number) => boolean>();
  for (const [key, m] of nodes) {
    const memo = new Map<number, boolean>();
    const check = (id: number): boolean => {
      const hit = memo.get(id);
      if (hit !== undefined) return hit;
      const n = m.get(id);
      const v = !!n && ((n.callFrame?.url ?? '').startsWith(origin) || (n.parent !== undefined && check(n.parent)));
      memo.set(id, v);
      return v;
    };
    isExt.set(key, check);
    const hits = (samples.get(key) ?? []).filter((s) => check(s.node)).length;
    if (hits > bestHits) {
      bestHits = hits;
      best = key;
    }
  }
  const empty: Attribution = { extensionMs: 0, sampledMs: 0, samples: 0, longTasks: [], longestExtensionRunsMs: [], markFrame: mark ? null : undefined };
  if (!best) return empty;
  const list = (samples.get(best) ?? []).sort((a, b) => a.ts - b.ts);
  const check = isExt.get(best)!;
  const thread = where.get(best) ?? { pid: Number(best.split(':')[0]), tid: -1 };
  const weighted = list.map((s, i) => ({ ts: s.ts, ext: check(s.node), dur: Math.min(10_000, (list[i + 1]?.ts ?? s.ts) - s.ts) }));
  let extUs = 0;
  let allUs = 0;
  const runs: number[] = [];
  let run = 0;
  for (const s of weighted) {
    allUs += s.dur;
    if (s.ext) {
      extUs += s.dur;
      run += s.dur;
    } else if (run > 0) {
      runs.push(run);
      run = 0;
    }
  }
  if (run > 0) runs.push(run);
  const tasks = events.filter(
    (e) => e.ph === 'X' && e.pid === thread.pid && (thread.tid < 0 || e.tid === thread.tid) && /RunTask$/.test(e.name) && (e.dur ?? 0) > 50_000,
  );
  // Entries into the extension's code that the timeline records (a callback it registered, its
  // script being evaluated): a task that makes one is the extension's even when its samples are
  // mostly garbage collection or layout it caused.
  const entries = events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.args !== undefined && JSON.stringify(e.args).includes(origin))
    .map((e) => ({ ts: e.ts, name: e.name }));
  const onThread = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid);
  const longTasks = tasks.map((t) => {
    const end = t.ts + (t.dur ?? 0);
    let ext = 0;
    for (const s of weighted) if (s.ext && s.ts >= t.ts && s.ts < end) ext += s.dur;
    const inside = entries.filter((x) => x.ts >= t.ts && x.ts < end);
    return {
      startMs: t.ts / 1000,
      durMs: (t.dur ?? 0) / 1000,
      extensionMs: ext / 1000,
      entersExtension: inside.length > 0,
      // What the timeline says the task did with the extension (EvaluateScript, FunctionCall, …).
      extensionEntries: [...new Set(inside.map((x) => x.name))],
      renderingMs: sumInside(onThread, t.ts, end, RENDERING),
      gcMs: sumInside(onThread, t.ts, end, GC),
    };
  });
  // The first task after the mark that renders (the frame showing what the page changed).
  let markFrame: Attribution['markFrame'];
  if (mark) {
    const at = events.find((e) => e.name === mark && e.pid === thread.pid)?.ts;
    const frame =
      at === undefined
        ? undefined
        : onThread
            .filter((e) => e.ph === 'X' && /RunTask$/.test(e.name) && e.ts >= at)
            .sort((a, b) => a.ts - b.ts)
            .find((e) => sumInside(onThread, e.ts, e.ts + (e.dur ?? 0), new Set(['Paint'])) > 0);
    markFrame = frame ? { durMs: (frame.dur ?? 0) / 1000, renderingMs: sumInside(onThread, frame.ts, frame.ts + (frame.dur ?? 0), RENDERING) } : null;
  }
  return {
    extensionMs: extUs / 1000,
    sampledMs: allUs / 1000,
    samples: list.length,
    longTasks,
    markFrame,
    longestExtensionRunsMs: runs.sort((a, b) => b - a).slice(0, 5).map((r) => r / 1000),
  };
}
