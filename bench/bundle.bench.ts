// What the extension weighs and how fast its service worker starts. Sizes are read from the build
// (`CHAPERONE_EXT`, else .output/chrome-mv3); start times in real Chromium.
// Writes bench/results/bundle.json. Run: npx tsx bench/bundle.bench.ts
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';
import { ROOT } from '../tests/e2e/harness';
import { cdp, extensionDir, launchWith, sleep } from './lib/browser';
import { machineInfo } from './lib/machine';
import { writeResult } from './lib/results';
import { median, round } from './lib/stats';

const LAUNCHES = Number(process.env.BENCH_LAUNCHES ?? 3);
const WAKES = Number(process.env.BENCH_WAKES ?? 10);

export interface Size {
  files: string[];
  rawBytes: number;
  gzipBytes: number;
}

function sizeOf(dir: string, files: string[]): Size {
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const buf = readFileSync(path.join(dir, f));
    raw += buf.length;
    gz += gzipSync(buf).length;
  }
  return { files, rawBytes: raw, gzipBytes: gz };
}

/** The scripts and styles an extension page loads: its HTML and what it references locally. */
function pageFiles(dir: string, html: string): string[] {
  const text = readFileSync(path.join(dir, html), 'utf8');
  const refs = new Set<string>([html]);
  for (const m of text.matchAll(/\s(?:src|href)="([^"]+)"/g)) {
    const ref = m[1]!;
    if (/^[a-z]+:/i.test(ref)) continue;
    const rel = ref.replace(/^\//, '');
    try {
      if (statSync(path.join(dir, rel)).isFile()) refs.add(rel);
    } catch {
      // A reference to something not in the build (a hash link): not part of the page's weight.
    }
  }
  return [...refs];
}

function allFiles(dir: string, under = ''): string[] {
  return readdirSync(path.join(dir, under), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allFiles(dir, path.join(under, e.name)) : [path.join(under, e.name)],
  );
}

function sizes(dir: string) {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[]; css?: string[] }[];
    background?: { service_worker?: string };
    action?: { default_popup?: string };
  };
  const contentFiles = [...new Set((manifest.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]))];
  const popup = manifest.action?.default_popup ?? 'popup.html';
  const out: Record<string, Size> = {
    content: sizeOf(dir, contentFiles),
    background: sizeOf(dir, [manifest.background?.service_worker ?? 'background.js']),
    popup: sizeOf(dir, pageFiles(dir, popup)),
  };
  try {
    out.dashboard = sizeOf(dir, pageFiles(dir, 'dashboard.html'));
  } catch {
    // No dashboard page in this build.
  }
  const every = allFiles(dir);
  out.total = sizeOf(dir, every);
  return out;
}

const gz = (s: string) => gzipSync(Buffer.from(s, 'utf8')).length;
const asciiJson = (o: unknown) => JSON.stringify(o).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function readJsonDir(dir: string, filter: (name: string) => boolean = () => true): unknown[] {
  return allFiles(dir)
    .filter((f) => f.endsWith('.json') && filter(f))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown);
}

/**
 * Roughly what the content script's gzip weight is made of: each data input gzipped alone, as
 * the bundler writes it (esbuild escapes non-ASCII text as \uXXXX unless told otherwise).
 * Approximate, since gzip shares its window across the whole file.
 */
function contentComposition(dir: string, content: string[]) {
  const js = content.filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
  const escapedKhmer = (js.match(/\\u17[89a-f][0-9a-f]/gi) ?? []).length;
  const lexicons = readJsonDir(path.join(ROOT, 'lib/detect/lexicons'));
  const locales = path.join(ROOT, 'lib/i18n/locales');
  const catalogues = readJsonDir(locales);
  const nudgeOnly = readJsonDir(locales, (f) => /(^|\/)(nudge|common)\.json$/.test(f));
  const asBundled = (o: unknown) => gz(escapedKhmer > 0 ? asciiJson(o) : JSON.stringify(o)) / 1024;
  const hotlines = path.join(ROOT, 'lib/report/hotlines.json');
  const inBundle = (probe: string) => js.includes(probe);
  return {
    bundleGzipKB: gz(js) / 1024,
    lexiconsGzipKB: gz(JSON.stringify(lexicons)) / 1024,
    cataloguesGzipKB: asBundled(catalogues),
    cataloguesNudgeCommonGzipKB: asBundled(nudgeOnly),
    // Counted only if the bundle carries the hotline directory.
    hotlinesGzipKB: existsSync(hotlines) && inBundle('Chaperone hotline directory') ? gz(JSON.stringify(JSON.parse(readFileSync(hotlines, 'utf8')))) / 1024 : 0,
    khmerEscapedInBundle: escapedKhmer,
  };
}

/** Launch → the extension's service worker is running, against a plain browser's launch. */
async function launchTimes() {
  const withExt: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < LAUNCHES; i++) {
    for (const ext of i % 2 === 0 ? [false, true] : [true, false]) {
      const t = performance.now();
      const b = await launchWith(ext);
      if (ext) await b.worker();
      (ext ? withExt : without).push(performance.now() - t);
      await b.close();
    }
  }
  return { withExtensionMs: withExt.map((x) => round(x)), baselineMs: without.map((x) => round(x)) };
}

interface Version {
  versionId: string;
  scriptURL: string;
  runningStatus: string;
}

/** Stops the extension's worker through DevTools and waits until Chromium reports it stopped. */
async function stopWorker(session: CDPSession, versions: Map<string, Version>, origin: string): Promise<void> {
  const ours = () => [...versions.values()].filter((v) => v.scriptURL.startsWith(origin));
  await session.send('ServiceWorker.stopAllWorkers');
  const end = Date.now() + 5000;
  while (ours().length === 0 || ours().some((v) => v.runningStatus !== 'stopped')) {
    if (Date.now() > end) throw new Error(`the service worker did not stop: ${JSON.stringify(ours())}`);
    await sleep(20);
  }
}

async function ping(page: Page): Promise<{ ms: number; ok: boolean }> {
  return page.evaluate(async () => {
    const t = performance.now();
    const r = (await chrome.runtime.sendMessage({ type: 'ping', v: 1 })) as { ok?: boolean } | undefined;
    return { ms: performance.now() - t, ok: r?.ok === true };
  });
}

/** A message from an extension page to a stopped worker (wake-up + answer) and to a running one. */
async function wakeTimes() {
  const b = await launchWith(true);
  try {
    const origin = `chrome-extension://${b.extensionId}/`;
    const page = await b.context.newPage();
    await page.goto(`${origin}popup.html`);
    const session = await cdp(page);
    const versions = new Map<string, Version>();
    session.on('ServiceWorker.workerVersionUpdated', (e: { versions: Version[] }) => {
      for (const v of e.versions) versions.set(v.versionId, v);
    });
    await session.send('ServiceWorker.enable');
    await ping(page);
    const cold: number[] = [];
    const warm: number[] = [];
    let failures = 0;
    for (let i = 0; i < WAKES; i++) {
      await stopWorker(session, versions, origin);
      const c = await ping(page);
      const w = await ping(page);
      if (!c.ok || !w.ok) failures++;
      cold.push(c.ms);
      warm.push(w.ms);
    }
    return { coldPingMs: cold.map((x) => round(x)), warmPingMs: warm.map((x) => round(x, 2)), failures };
  } finally {
    await b.close();
  }
}

async function main() {
  const dir = extensionDir();
  console.log(`bundle bench: ${dir}`);
  const s = sizes(dir);
  const kb = (n: number) => round(n / 1024, 1);
  for (const [k, v] of Object.entries(s)) console.log(`  ${k.padEnd(10)} ${kb(v.rawBytes)} KB raw, ${kb(v.gzipBytes)} KB gzip (${v.files.length} files)`);
  const launches = await launchTimes();
  const wakes = await wakeTimes();
  const result = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    sizes: Object.fromEntries(
      Object.entries(s).map(([k, v]) => [k, { rawKB: kb(v.rawBytes), gzipKB: kb(v.gzipBytes), files: k === 'total' ? v.files.length : v.files }]),
    ),
    contentGzipKB: kb(s.content!.gzipBytes),
    contentComposition: Object.fromEntries(
      Object.entries(contentComposition(dir, s.content!.files)).map(([k, v]) => [k, k.endsWith('KB') ? round(v, 1) : v]),
    ),
    launch: {
      ...launches,
      withExtensionMedianMs: round(median(launches.withExtensionMs)),
      baselineMedianMs: round(median(launches.baselineMs)),
    },
    worker: {
      ...wakes,
      coldPingMedianMs: round(median(wakes.coldPingMs)),
      coldPingMaxMs: round(Math.max(...wakes.coldPingMs)),
      warmPingMedianMs: round(median(wakes.warmPingMs), 2),
    },
  };
  const file = writeResult('bundle', result);
  console.log(
    `bundle bench: content ${result.contentGzipKB} KB gzip; worker wake ${result.worker.coldPingMedianMs} ms (warm ${result.worker.warmPingMedianMs} ms); ` +
      `launch ${result.launch.baselineMedianMs} → ${result.launch.withExtensionMedianMs} ms; wrote ${file}`,
  );
}

await main();
