#!/usr/bin/env node
// `npm run bench`: builds the extension once into a temporary folder, runs every benchmark one
// after another (they share two cores; running them together would measure each other), then
// prints one table and writes docs/benchmarks.md from bench/results/*.json.
//
//   node scripts/bench.mjs                   everything
//   node scripts/bench.mjs --only page,bundle
//   node scripts/bench.mjs --report          only rewrite the table and docs from the last results
//
// A target missed is reported, not an error. The exit code is non-zero when a benchmark is
// missing, crashed (wrote no fresh results) or the build failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCHES = [
  { id: 'detect', file: 'bench/detect.bench.ts', needsBuild: false },
  { id: 'store', file: 'bench/store.bench.ts', needsBuild: false },
  { id: 'page', file: 'bench/page.bench.ts', needsBuild: true },
  { id: 'bundle', file: 'bench/bundle.bench.ts', needsBuild: true },
];

const args = process.argv.slice(2);
const reportOnly = args.includes('--report');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1] ?? '').split(',') : null;
const selected = BENCHES.filter((b) => !only || only.includes(b.id));

const started = Date.now();
const status = {};
let failed = false;

function run(cmd, cmdArgs, env = {}) {
  return spawnSync(cmd, cmdArgs, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
}

function seconds(ms) {
  return Math.round(ms / 100) / 10;
}

let buildDir = null;
if (!reportOnly) {
  let extDir = null;
  if (selected.some((b) => b.needsBuild)) {
    buildDir = mkdtempSync(path.join(os.tmpdir(), 'chaperone-bench-build-'));
    console.log(`\n== build → ${buildDir}`);
    const t = Date.now();
    const r = run('npx', ['wxt', 'build'], { CHAPERONE_OUT_DIR: buildDir });
    const dir = path.join(buildDir, 'chrome-mv3');
    if (r.status === 0 && existsSync(path.join(dir, 'manifest.json'))) {
      extDir = dir;
      console.log(`   built in ${seconds(Date.now() - t)} s`);
    } else {
      console.error('   the build failed: the page and bundle benchmarks cannot run');
      failed = true;
    }
  }

  for (const b of selected) {
    const resultFile = path.join(ROOT, 'bench/results', `${b.id}.json`);
    if (!existsSync(path.join(ROOT, b.file))) {
      console.error(`\n== ${b.id}: ${b.file} is missing; skipped`);
      status[b.id] = { state: 'missing' };
      failed = true;
      continue;
    }
    if (b.needsBuild && !extDir) {
      status[b.id] = { state: 'skipped', reason: 'the build failed' };
      continue;
    }
    console.log(`\n== ${b.id}: npx tsx ${b.file}`);
    const t = Date.now();
    const r = run('npx', ['tsx', b.file], extDir ? { CHAPERONE_EXT: extDir } : {});
    const fresh = existsSync(resultFile) && statSync(resultFile).mtimeMs >= t;
    // Some benchmarks exit 1 to flag a target they missed; only missing results mean a crash.
    const state = fresh ? 'ok' : 'crashed';
    status[b.id] = { state, exitCode: r.status, signal: r.signal, seconds: seconds(Date.now() - t) };
    if (!fresh) failed = true;
    console.log(`   ${b.id}: ${state} (exit ${r.status ?? r.signal}) in ${seconds(Date.now() - t)} s`);
  }
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
}

const statusFile = path.join(os.tmpdir(), `chaperone-bench-status-${process.pid}.json`);
writeFileSync(statusFile, JSON.stringify({ started, finished: Date.now(), reportOnly, status }));
const rep = run('npx', ['tsx', 'bench/lib/report.ts', statusFile]);
rmSync(statusFile, { force: true });
if (rep.status !== 0) failed = true;

console.log(`\nbench finished in ${seconds(Date.now() - started)} s${failed ? ' — with failures (see above)' : ''}`);
process.exit(failed ? 1 : 0);
