#!/usr/bin/env node
// Runs the end-to-end tests against the built extension in Debian's Chromium.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `e2e: Chromium not found at ${chromium}.\n` +
      'Install it with: sudo apt-get update && sudo apt-get install -y chromium\n' +
      'or point CHROMIUM_PATH at a Chromium binary.',
  );
  process.exit(1);
}
if (!existsSync('.output/chrome-mv3/manifest.json')) {
  console.error('e2e: no build at .output/chrome-mv3: run `npm run build` first.');
  process.exit(1);
}
const args = ['vitest', 'run', '-c', 'vitest.e2e.config.ts', ...process.argv.slice(2)];
const r = spawnSync('npx', args, { stdio: 'inherit' });
process.exit(r.status ?? 1);
