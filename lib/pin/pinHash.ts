// The parent's PIN is stored only as a slow, salted hash: PBKDF2-SHA256 through WebCrypto, so a
// child who opens the extension's storage sees nothing they could type back in.

/** OWASP's 2023 floor for PBKDF2-SHA256. A test holds the shipped default to it. */
export const PIN_ITERATIONS = 600_000;
export const SALT_BYTES = 16;
const HASH_BITS = 256;
export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 64;

export interface PinRecord {
  v: 1;
  kdf: 'PBKDF2-SHA256';
  iterations: number;
  /** base64, SALT_BYTES bytes */
  salt: string;
  /** base64, 32 bytes */
  hash: string;
}

export type PinProblem = 'too-short' | 'too-long';

/**
 * The same PIN typed on an English or a Khmer keyboard must match, so Khmer digits
 * (០–៩) count as 0–9 and compatibility forms are folded (NFKC).
 */
export function normalizePin(pin: string): string {
  return pin
    .normalize('NFKC')
    .replace(/[\u17E0-\u17E9]/g, (d) => String(d.charCodeAt(0) - 0x17e0));
}

export function pinProblem(pin: string): PinProblem | null {
  const n = [...normalizePin(pin)].length;
  if (n < PIN_MIN_LENGTH) return 'too-short';
  if (n > PIN_MAX_LENGTH) return 'too-long';
  return null;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    const s = atob(text);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

async function pbkdf2(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number, subtle: SubtleCrypto) {
  const key = await subtle.importKey('raw', new TextEncoder().encode(normalizePin(pin)), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

export interface DeriveOptions {
  iterations?: number;
  /** Fixed salt for known-answer tests; random otherwise. */
  salt?: Uint8Array<ArrayBuffer>;
  crypto?: Crypto;
}

export async function derivePin(pin: string, opts: DeriveOptions = {}): Promise<PinRecord> {
  const c = opts.crypto ?? globalThis.crypto;
  const iterations = opts.iterations ?? PIN_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError('iterations must be a positive integer');
  const salt = opts.salt ?? c.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await pbkdf2(pin, salt, iterations, c.subtle);
  return { v: 1, kdf: 'PBKDF2-SHA256', iterations, salt: toBase64(salt), hash: toBase64(hash) };
}

/** Compares every byte whatever the first difference, so timing does not leak how much matched. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export async function verifyPin(pin: string, record: PinRecord, c: Crypto = globalThis.crypto): Promise<boolean> {
  const salt = fromBase64(record.salt);
  const expected = fromBase64(record.hash);
  if (!salt || !expected) return false;
  const actual = await pbkdf2(pin, salt, record.iterations, c.subtle);
  return constantTimeEqual(actual, expected);
}

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * A stored or policy-given record, checked field by field. Anything else is null, so a damaged
 * value never crashes the dashboard (the parent is asked to set a PIN again).
 */
export function parsePinRecord(x: unknown): PinRecord | null {
  if (typeof x !== 'object' || x === null) return null;
  const r = x as Record<string, unknown>;
  const { iterations, salt, hash } = r;
  if (typeof iterations !== 'number' || !Number.isInteger(iterations) || iterations < 1 || iterations > 1e8) return null;
  if (typeof salt !== 'string' || !B64.test(salt) || (fromBase64(salt)?.length ?? 0) < 8) return null;
  if (typeof hash !== 'string' || !B64.test(hash) || fromBase64(hash)?.length !== HASH_BITS / 8) return null;
  if (r.kdf !== undefined && r.kdf !== 'PBKDF2-SHA256') return null;
  return { v: 1, kdf: 'PBKDF2-SHA256', iterations, salt, hash };
}
