// Every benchmark writes one JSON file under bench/results/; `npm run bench` reads them all.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../tests/e2e/harness';

export const RESULTS_DIR = path.join(ROOT, 'bench/results');

export function writeResult(name: string, data: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}
