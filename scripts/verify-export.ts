// Checks a Chaperone evidence file (JSON export): recomputes its SHA-256 hash chain and says
// whether every event is as it was exported. Usage: npx tsx scripts/verify-export.ts FILE.json
// Exit status: 0 verified, 1 not verified (altered or not an evidence file), 2 usage or read error.
import { readFile } from 'node:fs/promises';
import { verifyExport } from '../lib/store/hash-chain';

async function main(argv: string[]): Promise<number> {
  const file = argv[0];
  if (!file || argv.length > 1 || file === '-h' || file === '--help') {
    console.error('usage: npx tsx scripts/verify-export.ts FILE.json');
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    console.error(`cannot read ${file}: ${(e as Error).message}`);
    return 2;
  }
  // An editor may have added a byte-order mark; it is not part of the JSON.
  const res = await verifyExport(text.replace(/^\uFEFF/, ''));
  if (!res.ok) {
    console.error(`NOT VERIFIED: ${res.error}`);
    return 1;
  }
  console.log(`VERIFIED: ${res.events} events, exported ${res.exportedAt}`);
  console.log(`final hash: ${res.finalHash}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
