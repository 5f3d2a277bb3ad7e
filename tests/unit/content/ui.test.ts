import { describe, expect, it, vi } from 'vitest';
import { loadedUi, registerUi, uiLoader, type NudgeUi } from '@/lib/content/ui';

function fakeUi(): NudgeUi {
  return { mount: vi.fn(() => ({ remove: () => undefined })), khmerFont: vi.fn(async () => true) };
}

describe('uiLoader: the nudge views are loaded once, when first needed', () => {
  it('loads them once, however many views are waiting, then uses what registered', async () => {
    const scope = {};
    const ui = fakeUi();
    const inject = vi.fn(async () => {
      await Promise.resolve();
      registerUi(ui, scope);
    });
    const load = uiLoader(inject, scope);
    expect(inject).not.toHaveBeenCalled();
    const got = await Promise.all([load(), load(), load()]);
    expect(got).toEqual([ui, ui, ui]);
    expect(await load()).toBe(ui);
    expect(inject).toHaveBeenCalledTimes(1);
  });

  it('does not ask when the views are already there', async () => {
    const scope = {};
    const ui = fakeUi();
    registerUi(ui, scope);
    const inject = vi.fn(async () => undefined);
    expect(await uiLoader(inject, scope)()).toBe(ui);
    expect(inject).not.toHaveBeenCalled();
  });

  it('fails clearly when the load fails or registers nothing, and tries again next time', async () => {
    const scope = {};
    const inject = vi
      .fn<() => Promise<void>>()
      .mockRejectedValueOnce(new Error('Cannot access contents of the page'))
      .mockResolvedValueOnce(undefined)
      .mockImplementationOnce(async () => registerUi(fakeUi(), scope));
    const load = uiLoader(inject, scope);
    await expect(load()).rejects.toThrow(/Cannot access/);
    await expect(load()).rejects.toThrow(/did not register/);
    await expect(load()).resolves.toBe(loadedUi(scope));
    expect(inject).toHaveBeenCalledTimes(3);
  });

  it('keeps the first registration when the script runs twice', () => {
    const scope = {};
    const first = fakeUi();
    registerUi(first, scope);
    registerUi(fakeUi(), scope);
    expect(loadedUi(scope)).toBe(first);
  });
});
