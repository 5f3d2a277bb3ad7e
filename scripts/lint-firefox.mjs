#!/usr/bin/env node
// Builds the Firefox package into a temporary folder (never .output/, which the e2e tests use)
// and runs Mozilla's add-on linter on it, as addons.mozilla.org will. Fails on any error;
// warnings are printed and reviewed in docs/firefox.md.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const out = mkdtempSync(path.join(os.tmpdir(), 'chaperone-firefox-'));

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  return r.status ?? 1;
}

let status;
try {
  status = run(bin('wxt'), ['build', '-b', 'firefox'], { ...process.env, CHAPERONE_OUT_DIR: out });
  if (status === 0) status = run(bin('web-ext'), ['lint', '--source-dir', path.join(out, 'firefox-mv2')]);
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(status);
