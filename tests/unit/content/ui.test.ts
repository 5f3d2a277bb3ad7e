import { describe, expect, it, vi } from 'vitest';
import { loadedUi, registerUi, uiLoader, ViewSlots, type NudgeUi, type UiView } from '@/lib/content/ui';

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

describe('ViewSlots: one view per slot, newest wins, failures stay off the page', () => {
  /** `wrap` turns the fake views into the loader (default: loaded at once). */
  function setup(wrap: (ui: NudgeUi) => () => Promise<NudgeUi> = (ui) => async () => ui) {
    const log: string[] = [];
    let n = 0;
    const ui: NudgeUi = {
      mount: vi.fn((_doc: Document, view: UiView, close: () => void) => {
        const id = `${view.kind}#${++n}`;
        log.push(`mount ${id}`);
        closers.set(id, close);
        return { remove: () => void log.push(`remove ${id}`) };
      }),
      khmerFont: vi.fn(async () => true),
    };
    const closers = new Map<string, () => void>();
    let invalid = false;
    const slots = new ViewSlots({
      doc: document,
      load: wrap(ui),
      fontUrl: (p) => `ext://${p}`,
      invalid: () => invalid,
    });
    return { slots, ui, log, closers, invalidate: () => (invalid = true) };
  }
  const nudge = (lang: 'en' | 'km' = 'en'): UiView => ({
    kind: 'nudge',
    lang,
    level: 'warn',
    categories: ['image_request'],
    party: 'Dara',
    help: { helplineName: '1280' },
    onReport: () => undefined,
  });
  const reminder: UiView = { kind: 'reminder', lang: 'en', kinds: ['phone'], composer: null };

  it('replaces the view in a slot and leaves other slots alone', async () => {
    const { slots, log } = setup();
    await slots.show('nudge', nudge());
    await slots.show('reminder', reminder);
    await slots.show('nudge', nudge());
    expect(log).toEqual(['mount nudge#1', 'mount reminder#2', 'remove nudge#1', 'mount nudge#3']);
  });

  it('a newer view or a hide wins over one still loading', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { slots, log } = setup((ui) => async () => {
      await gate;
      return ui;
    });
    const first = slots.show('nudge', nudge());
    const second = slots.show('nudge', nudge());
    const third = slots.show('reminder', reminder);
    slots.hide('reminder');
    release();
    await Promise.all([first, second, third]);
    expect(log).toEqual(['mount nudge#1']);
  });

  it('registers the Khmer font before a Khmer view, with the extension address', async () => {
    const { slots, ui } = setup();
    await slots.show('nudge', nudge('en'));
    expect(ui.khmerFont).not.toHaveBeenCalled();
    await slots.show('nudge', nudge('km'));
    expect(ui.khmerFont).toHaveBeenCalledTimes(1);
    const url = vi.mocked(ui.khmerFont).mock.calls[0]![1];
    expect(url('fonts/a.woff2')).toBe('ext://fonts/a.woff2');
  });

  it('the view closes itself through its slot, and clear() takes everything off', async () => {
    const { slots, log, closers } = setup();
    await slots.show('nudge', nudge());
    closers.get('nudge#1')!();
    await slots.show('nudge', nudge());
    await slots.show('reminder', reminder);
    slots.clear();
    expect(log).toEqual(['mount nudge#1', 'remove nudge#1', 'mount nudge#2', 'mount reminder#3', 'remove nudge#2', 'remove reminder#3']);
  });

  it('shows nothing once the script is invalidated', async () => {
    const { slots, log, invalidate } = setup();
    invalidate();
    await slots.show('nudge', nudge());
    expect(log).toEqual([]);
  });

  it('when the views cannot be loaded, resolves and runs `failed` (the held image goes through)', async () => {
    const { slots } = setup(() => async () => Promise.reject(new Error('import failed')));
    const failed = vi.fn();
    await expect(slots.show('pause', reminder, failed)).resolves.toBeUndefined();
    expect(failed).toHaveBeenCalledTimes(1);
    await expect(slots.show('nudge', nudge())).resolves.toBeUndefined();
  });
});
