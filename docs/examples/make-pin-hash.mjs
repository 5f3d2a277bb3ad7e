#!/usr/bin/env node
// Makes the `pinHash` value for a Chaperone policy, so the PIN itself never sits in a policy
// file. Same derivation as the extension (lib/pin/pinHash.ts): PBKDF2-SHA256, 16-byte random
// salt, 600,000 iterations, Khmer digits read as 0-9.
//
//   node docs/examples/make-pin-hash.mjs            (asks for the PIN, nothing echoed)
//   node docs/examples/make-pin-hash.mjs --stdin    (reads it from standard input)
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';

const ITERATIONS = 600_000;

function normalizePin(pin) {
  return pin.normalize('NFKC').replace(/[\u17E0-\u17E9]/g, (d) => String(d.charCodeAt(0) - 0x17e0));
}

async function readPin() {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  if (process.argv.includes('--stdin') || !process.stdin.isTTY) {
    for await (const line of rl) return line;
    return '';
  }
  // Hide what is typed: the PIN should not stay on screen or in a scroll-back buffer.
  rl._writeToOutput = () => {};
  process.stderr.write('PIN: ');
  return new Promise((resolve) => rl.question('', (a) => (rl.close(), process.stderr.write('\n'), resolve(a))));
}

const pin = normalizePin((await readPin()).replace(/\r?\n$/, ''));
if ([...pin].length < 4 || [...pin].length > 64) {
  console.error('The PIN must have 4 to 64 characters.');
  process.exit(1);
}
const salt = randomBytes(16);
const hash = pbkdf2Sync(pin, salt, ITERATIONS, 32, 'sha256');
console.log(
  JSON.stringify(
    { pinHash: { kdf: 'PBKDF2-SHA256', iterations: ITERATIONS, salt: salt.toString('base64'), hash: hash.toString('base64') } },
    null,
    2,
  ),
);
