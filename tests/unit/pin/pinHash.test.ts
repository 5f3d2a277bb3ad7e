import { describe, expect, it, vi } from 'vitest';
import { pbkdf2Sync } from 'node:crypto';
import {
  PIN_ITERATIONS,
  SALT_BYTES,
  constantTimeEqual,
  derivePin,
  fromBase64,
  normalizePin,
  parsePinRecord,
  pinProblem,
  verifyPin,
} from '@/lib/pin';

const FAST = 1000;

describe('derivePin / verifyPin', () => {
  it('verifies the right PIN and refuses a wrong one', async () => {
    const rec = await derivePin('2468', { iterations: FAST });
    expect(await verifyPin('2468', rec)).toBe(true);
    expect(await verifyPin('2469', rec)).toBe(false);
    expect(await verifyPin('', rec)).toBe(false);
    expect(await verifyPin('24680', rec)).toBe(false);
  });

  it('stores salt, iterations and hash only, never the PIN itself', async () => {
    const rec = await derivePin('2468', { iterations: FAST });
    expect(Object.keys(rec).sort()).toEqual(['hash', 'iterations', 'kdf', 'salt', 'v']);
    expect(JSON.stringify(rec)).not.toContain('2468');
    expect(fromBase64(rec.salt)).toHaveLength(SALT_BYTES);
    expect(fromBase64(rec.hash)).toHaveLength(32);
    expect(rec).toMatchObject({ v: 1, kdf: 'PBKDF2-SHA256', iterations: FAST });
  });

  it('uses a fresh random salt each time', async () => {
    const a = await derivePin('2468', { iterations: FAST });
    const b = await derivePin('2468', { iterations: FAST });
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('matches PBKDF2-SHA256 as computed by Node (the policy hash tool relies on it)', async () => {
    const salt = new Uint8Array(16).map((_, i) => i);
    const rec = await derivePin('1357', { iterations: 2000, salt });
    const expected = pbkdf2Sync('1357', Buffer.from(salt), 2000, 32, 'sha256').toString('base64');
    expect(rec.hash).toBe(expected);
  });

  it('verifies a pinHash made by docs/examples/make-pin-hash.mjs (600,000 iterations)', async () => {
    const fromTool = parsePinRecord({
      kdf: 'PBKDF2-SHA256',
      iterations: 600000,
      salt: 'qlwUxOHNikoVSFdDxQtahQ==',
      hash: 'kcqSokumyLaWztwJ+Jsf6SehROv/X7psHumyRvQ+d10=',
    });
    expect(fromTool).not.toBeNull();
    expect(await verifyPin('2468', fromTool!)).toBe(true);
    expect(await verifyPin('2467', fromTool!)).toBe(false);
  });

  it('ships with at least 600,000 iterations and uses them by default', async () => {
    expect(PIN_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    // Watch the call rather than pay for 600k rounds: the count is what is under test.
    const deriveBits = vi.spyOn(globalThis.crypto.subtle, 'deriveBits');
    deriveBits.mockResolvedValue(new ArrayBuffer(32));
    const rec = await derivePin('2468');
    expect(rec.iterations).toBe(PIN_ITERATIONS);
    expect(deriveBits.mock.calls[0]?.[0]).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: PIN_ITERATIONS });
  });

  it('treats Khmer digits as the same PIN as ASCII digits', async () => {
    expect(normalizePin('១២៣៤')).toBe('1234');
    const rec = await derivePin('1234', { iterations: FAST });
    expect(await verifyPin('១២៣៤', rec)).toBe(true);
  });
});

describe('pinProblem', () => {
  it.each([
    ['', 'too-short'],
    ['123', 'too-short'],
    ['1234', null],
    ['correct horse', null],
    ['x'.repeat(64), null],
    ['x'.repeat(65), 'too-long'],
  ])('%j → %s', (pin, problem) => {
    expect(pinProblem(pin)).toBe(problem);
  });
});

describe('constantTimeEqual', () => {
  const b = (...xs: number[]) => new Uint8Array(xs);
  it.each([
    [b(1, 2, 3), b(1, 2, 3), true],
    [b(1, 2, 3), b(1, 2, 4), false],
    [b(9, 2, 3), b(1, 2, 3), false],
    [b(1, 2), b(1, 2, 0), false],
    [b(), b(), true],
  ])('%o vs %o → %s', (x, y, eq) => {
    expect(constantTimeEqual(x, y)).toBe(eq);
  });
});

describe('parsePinRecord', () => {
  const good = { v: 1, kdf: 'PBKDF2-SHA256', iterations: 600000, salt: 'AAECAwQFBgcICQoLDA0ODw==', hash: Buffer.alloc(32, 7).toString('base64') };
  it.each([
    ['a good record', good, true],
    ['no kdf field (from a policy)', { ...good, kdf: undefined }, true],
    ['another kdf', { ...good, kdf: 'scrypt' }, false],
    ['iterations 0', { ...good, iterations: 0 }, false],
    ['iterations not integer', { ...good, iterations: 1.5 }, false],
    ['salt not base64', { ...good, salt: 'not base64!' }, false],
    ['hash too short', { ...good, hash: 'AAAA' }, false],
    ['null', null, false],
    ['a string', 'hash', false],
  ])('%s', (_name, value, valid) => {
    expect(parsePinRecord(value) !== null).toBe(valid);
  });
});
