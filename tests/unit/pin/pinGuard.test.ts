import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  IDLE_LIMIT_MS,
  PinError,
  createPinGuard,
  derivePin,
  memoryPinStore,
  storagePinStore,
  type PinStore,
} from '@/lib/pin';

const FAST = 1000;
const SEC = 1000;
const MIN = 60 * SEC;

function fakeClock(start = Date.UTC(2024, 4, 6, 9)) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => void (t += ms),
  };
}

function setup(store: PinStore = memoryPinStore()) {
  const clock = fakeClock();
  const guard = createPinGuard({ store, now: clock.now, iterations: FAST });
  return { clock, guard, store };
}

async function wrong(guard: ReturnType<typeof setup>['guard'], n: number) {
  const results = [];
  for (let i = 0; i < n; i++) results.push(await guard.unlock('0000'));
  return results;
}

describe('unlock and lockout timing', () => {
  let s: ReturnType<typeof setup>;
  beforeEach(async () => {
    s = setup();
    await s.guard.setPin('2468');
    await s.guard.lock();
  });

  it('unlocks with the right PIN and not with a wrong one', async () => {
    expect(await s.guard.isUnlocked()).toBe(false);
    expect(await s.guard.unlock('1111')).toMatchObject({ ok: false, reason: 'wrong', triesLeft: 4 });
    expect(await s.guard.isUnlocked()).toBe(false);
    expect(await s.guard.unlock('2468')).toEqual({ ok: true });
    expect(await s.guard.isUnlocked()).toBe(true);
  });

  it('three wrong tries then the right one: unlocked, and the count starts again', async () => {
    const r = await wrong(s.guard, 3);
    expect(r.map((x) => (x.ok ? 'ok' : x.reason === 'wrong' ? x.triesLeft : x.reason))).toEqual([4, 3, 2]);
    expect(await s.guard.unlock('2468')).toEqual({ ok: true });
    expect((await s.guard.status()).failures).toBe(0);
    await s.guard.lock();
    // Four more wrong tries are free again: the earlier three no longer count.
    const again = await wrong(s.guard, 4);
    expect(again.every((x) => !x.ok && x.reason === 'wrong' && x.lockedUntil === 0)).toBe(true);
  });

  it('pauses 30 s after five wrong tries, refusing even the right PIN meanwhile', async () => {
    const r = await wrong(s.guard, 5);
    const fifth = r[4]!;
    expect(fifth).toMatchObject({ ok: false, reason: 'wrong', triesLeft: 0, lockedUntil: s.clock.now() + 30 * SEC });

    s.clock.advance(29 * SEC);
    expect(await s.guard.unlock('2468')).toEqual({ ok: false, reason: 'locked', lockedUntil: s.clock.now() + 1 * SEC });
    expect(await s.guard.isUnlocked()).toBe(false);

    s.clock.advance(1 * SEC);
    expect(await s.guard.unlock('2468')).toEqual({ ok: true });
  });

  it('doubles the pause with each further wrong try', async () => {
    await wrong(s.guard, 5);
    const pauses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const st = await s.guard.status();
      pauses.push(st.lockedUntil - s.clock.now());
      s.clock.advance(st.lockedUntil - s.clock.now());
      await s.guard.unlock('0000');
    }
    expect(pauses).toEqual([30 * SEC, 60 * SEC, 120 * SEC, 240 * SEC]);
  });

  it('does not count a try made during a pause', async () => {
    await wrong(s.guard, 5);
    await s.guard.unlock('0000');
    await s.guard.unlock('0000');
    expect((await s.guard.status()).failures).toBe(5);
  });
});

describe('persistence in extension storage', () => {
  it('keeps the pause when the page is closed and opened again', async () => {
    const first = setup(storagePinStore());
    await first.guard.setPin('2468');
    await first.guard.lock();
    await wrong(first.guard, 5);

    // A new page: new guard, same storage.
    const second = createPinGuard({ store: storagePinStore(), now: first.clock.now, iterations: FAST });
    const st = await second.status();
    expect(st.lockedUntil).toBe(first.clock.now() + 30 * SEC);
    expect(await second.unlock('2468')).toMatchObject({ reason: 'locked' });
  });

  it('stores only a hash under local:pin and the unlock under session:', async () => {
    const { guard } = setup(storagePinStore());
    await guard.setPin('2468');
    const local = await fakeBrowser.storage.local.get('pin');
    expect(local.pin).toMatchObject({ kdf: 'PBKDF2-SHA256', iterations: FAST });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('2468');
    expect(await fakeBrowser.storage.session.get('pinUnlock')).toHaveProperty('pinUnlock');
  });

  it('asks again in a new browser session', async () => {
    const { guard } = setup(storagePinStore());
    await guard.setPin('2468');
    expect(await guard.isUnlocked()).toBe(true);
    await fakeBrowser.storage.session.clear();
    expect(await guard.isUnlocked()).toBe(false);
    expect((await guard.status()).hasPin).toBe(true);
  });
});

describe('idle expiry', () => {
  it('locks after 10 minutes without activity', async () => {
    const { guard, clock } = setup();
    await guard.setPin('2468');
    expect(IDLE_LIMIT_MS).toBe(10 * MIN);
    clock.advance(10 * MIN - 1);
    expect(await guard.isUnlocked()).toBe(true);
    clock.advance(1);
    expect(await guard.isUnlocked()).toBe(false);
    expect(await guard.touch()).toBe(false);
  });

  it('activity pushes the limit back', async () => {
    const { guard, clock } = setup();
    await guard.setPin('2468');
    clock.advance(9 * MIN);
    expect(await guard.touch()).toBe(true);
    clock.advance(9 * MIN);
    expect(await guard.isUnlocked()).toBe(true);
    clock.advance(1 * MIN);
    expect(await guard.isUnlocked()).toBe(false);
  });

  it('locks when the clock goes backwards', async () => {
    const { guard, clock } = setup();
    await guard.setPin('2468');
    clock.advance(-5 * MIN);
    expect(await guard.isUnlocked()).toBe(false);
  });
});

describe('setting and changing the PIN', () => {
  it('refuses to replace an existing PIN while locked', async () => {
    const { guard } = setup();
    await guard.setPin('2468');
    await guard.lock();
    await expect(guard.setPin('1111')).rejects.toMatchObject({ code: 'locked' });
    expect(await guard.unlock('2468')).toEqual({ ok: true });
  });

  it('refuses a PIN that is too short', async () => {
    const { guard } = setup();
    await expect(guard.setPin('12')).rejects.toBeInstanceOf(PinError);
    expect((await guard.status()).hasPin).toBe(false);
  });

  it('changes the PIN only with the current one', async () => {
    const { guard } = setup();
    await guard.setPin('2468');
    await expect(guard.changePin('9999', '1357')).rejects.toMatchObject({ code: 'wrong' });
    await guard.changePin('2468', '1357');
    await guard.lock();
    expect(await guard.unlock('2468')).toMatchObject({ ok: false });
    expect(await guard.unlock('1357')).toEqual({ ok: true });
  });

  it('uses a PIN set by policy, which cannot be changed here', async () => {
    const managed = await derivePin('8080', { iterations: FAST });
    const store = memoryPinStore();
    const guard = createPinGuard({ store, iterations: FAST, managedRecord: async () => managed });
    expect(await guard.status()).toMatchObject({ hasPin: true, managed: true, unlocked: false });
    expect(await guard.unlock('8080')).toEqual({ ok: true });
    await expect(guard.setPin('1234')).rejects.toMatchObject({ code: 'managed' });
  });

  it('seeds an initial PIN from policy once, and not over the parent\'s own', async () => {
    const { guard } = setup();
    expect(await guard.seedPin('5555')).toBe(true);
    expect(await guard.seedPin('6666')).toBe(false);
    expect(await guard.unlock('5555')).toEqual({ ok: true });
  });

  it('reports no PIN before set-up', async () => {
    const { guard } = setup();
    expect(await guard.unlock('1234')).toEqual({ ok: false, reason: 'no-pin' });
    expect(await guard.status()).toMatchObject({ hasPin: false, unlocked: false });
  });
});
