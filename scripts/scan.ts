/**
 * Scans a corpus file (JSON Lines, detection-taxonomy.md) and writes one JSON line per message:
 * {"id":…,"labels":[…],"level":"…"}. Usage: npm run --silent scan -- FILE.jsonl
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { staleLexiconData } from '../lib/detect/lexicons';
import { analyzeMessage } from '../lib/detect/index';
import { parseCorpusLine, scoreCorpus, type CorpusMessage } from '../lib/detect/corpus';

export interface ScanIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Returns the process exit code: 0, or 2 when the file cannot be read. */
export function runScan(file: string, io: ScanIO): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    io.err(`scan: cannot read ${file}: ${(err as Error).message}`);
    return 2;
  }
  const messages: CorpusMessage[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const parsed = parseCorpusLine(raw, i + 1);
    if (parsed.kind === 'message') messages.push(parsed.message);
    else if (parsed.kind === 'error') io.err(`${file}:${parsed.line}: skipped, ${parsed.error}`);
  });
  const scored = scoreCorpus(messages, (m) => analyzeMessage(m.text, { dir: m.dir }).categories);
  for (const s of scored) io.out(JSON.stringify({ id: s.message.id, labels: s.labels, level: s.level }));
  return 0;
}

function main(): void {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: npm run --silent scan -- FILE.jsonl\n');
    process.exitCode = 2;
    return;
  }
  const stale = staleLexiconData();
  if (stale !== null) {
    process.stderr.write(`${stale}\n`);
    process.exitCode = 2;
    return;
  }
  const lines: string[] = [];
  const code = runScan(file, { out: (l) => lines.push(l), err: (l) => process.stderr.write(`${l}\n`) });
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
  process.exitCode = code;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
