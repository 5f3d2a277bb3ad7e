import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPinGuard, memoryPinStore } from '@/lib/pin';
import { DEFAULT_SETTINGS, getSettings, type Settings } from '@/lib/settings';
import { createDashboardServices } from '@/entrypoints/dashboard/services';
import { PAIR } from './fixtures';

const SITE = 'https://chat.example.org/*';

async function make(opts: { grant?: boolean; unlocked?: boolean } = {}) {
  const guard = createPinGuard({ store: memoryPinStore(), iterations: 1000 });
  await guard.setPin('2468');
  if (opts.unlocked === false) await guard.lock();
  const order: string[] = [];
  const send = vi.fn(async (msg: unknown) => {
    const m = msg as { type: string };
    order.push(`send:${m.type}`);
    if (m.type === 'summary') return { ok: true, data: PAIR };
    if (m.type === 'export') return { ok: true, data: { filename: 'chaperone.json', mime: 'application/json', text: '{}' } };
    if (m.type === 'delete-all') return { ok: true, data: null };
    if (m.type === 'stats') return { ok: true, data: { events: 3, conversations: 1, oldestTs: 1, newestTs: 2 } };
    return { ok: false, error: { code: 'bad-request', message: 'unexpected' } };
  });
  const permissions = {
    request: vi.fn(async () => {
      order.push('request');
      return opts.grant ?? true;
    }),
    remove: vi.fn(async () => true),
  };
  const download = vi.fn();
  const services = createDashboardServices({ guard, send, permissions, download, now: () => 1_715_000_000_000 });
  return { services, guard, send, permissions, download, order };
}

const BASE: Settings = { ...DEFAULT_SETTINGS, setupDone: true };

describe('dashboard services', () => {
  it('asks for a new site before anything else, then saves', async () => {
    const { services, permissions, order } = await make();
    const pending = services.saveSettings({ ...BASE, extraSites: [SITE] }, BASE);
    // Synchronously, before the first await inside: the browser needs the click's user gesture.
    expect(permissions.request).toHaveBeenCalledWith({ origins: [SITE] });
    expect(await pending).toEqual({ ok: true });
    expect(order[0]).toBe('request');
    expect((await getSettings()).extraSites).toEqual([SITE]);
  });

  it('saves the rest and warns when the browser refuses a site', async () => {
    const { services } = await make({ grant: false });
    const r = await services.saveSettings({ ...BASE, region: 'KH', extraSites: [SITE] }, BASE);
    expect(r).toEqual({ ok: true, warning: 'permission' });
    expect(await getSettings()).toMatchObject({ region: 'KH', extraSites: [] });
  });

  it('gives back the permission of a removed site', async () => {
    const { services, permissions } = await make();
    await services.saveSettings(BASE, { ...BASE, extraSites: [SITE] });
    expect(permissions.remove).toHaveBeenCalledWith({ origins: [SITE] });
    expect(permissions.request).not.toHaveBeenCalled();
  });

  it('refuses to save, summarise or export while locked', async () => {
    const { services, send } = await make({ unlocked: false });
    expect(await services.saveSettings({ ...BASE, region: 'KH' }, BASE)).toEqual({ ok: false, code: 'locked' });
    expect(await services.summary(false)).toEqual({ ok: false, code: 'locked' });
    expect(await services.exportData('json')).toEqual({ ok: false, code: 'locked' });
    expect(send).not.toHaveBeenCalled();
    expect((await getSettings()).region).toBe('auto');
  });

  it('asks the background for the summary in the documented shape', async () => {
    const { services, send } = await make();
    expect(await services.summary(true)).toEqual({ ok: true, data: PAIR });
    expect(send).toHaveBeenCalledWith({ type: 'summary', v: 1, now: 1_715_000_000_000, detailed: true });
  });

  it('downloads the export the background makes', async () => {
    const { services, send, download } = await make();
    expect(await services.exportData('csv')).toEqual({ ok: true });
    expect(send).toHaveBeenCalledWith({ type: 'export', v: 1, format: 'csv', conversation: null });
    expect(download).toHaveBeenCalledWith({ filename: 'chaperone.json', mime: 'application/json', text: '{}' });
  });

  it('deletes only with the right PIN', async () => {
    const { services, send } = await make();
    expect(await services.deleteAll('1111')).toEqual({ ok: false, code: 'wrong-pin' });
    expect(send).not.toHaveBeenCalled();
    expect(await services.deleteAll('2468')).toEqual({ ok: true });
    expect(send).toHaveBeenCalledWith({ type: 'delete-all', v: 1, confirm: 'delete-everything' });
  });

  it('reads the store size', async () => {
    const { services, send } = await make();
    expect(await services.stats()).toEqual({ ok: true, data: { events: 3, conversations: 1, oldestTs: 1, newestTs: 2 } });
    expect(send).toHaveBeenCalledWith({ type: 'stats', v: 1 });
  });

  it('reports a background failure with its message', async () => {
    const { services, send } = await make();
    send.mockResolvedValueOnce({ ok: false, error: { code: 'storage', message: 'disk full' } });
    expect(await services.exportData('json')).toEqual({ ok: false, code: 'background', message: 'disk full' });
  });

  it('completes set-up: PIN, settings, unlocked', async () => {
    const guard = createPinGuard({ store: memoryPinStore(), iterations: 1000 });
    const services = createDashboardServices({ guard, send: vi.fn() });
    expect(await services.completeSetup({ ...DEFAULT_SETTINGS, region: 'PH' }, '12')).toEqual({ ok: false, code: 'too-short' });
    expect((await getSettings()).setupDone).toBe(false);
    expect(await services.completeSetup({ ...DEFAULT_SETTINGS, region: 'PH' }, '2468')).toEqual({ ok: true });
    expect(await getSettings()).toMatchObject({ region: 'PH', setupDone: true });
    expect((await services.load()).pin).toMatchObject({ hasPin: true, unlocked: true });
  });

  it('loads the policy: locked settings and a first PIN', async () => {
    await fakeBrowser.storage.managed.set({ region: 'KH', lockedSettings: ['region'], initialPin: '9999' });
    const guard = createPinGuard({ store: memoryPinStore(), iterations: 1000 });
    const services = createDashboardServices({ guard, send: vi.fn() });
    const boot = await services.load();
    expect(boot.locked).toEqual(['region']);
    expect(boot.settings.region).toBe('KH');
    expect(boot.pin.hasPin).toBe(true);
    expect(await guard.unlock('9999')).toEqual({ ok: true });
  });
});
