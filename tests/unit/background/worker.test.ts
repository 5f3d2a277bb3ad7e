import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createConnection } from '@/lib/background/connection';
import { WEEKLY_ALARM, WEEKLY_NOTICE_ID } from '@/lib/background/weekly-notice';
import { HEARTBEAT_ALARM, MAINTENANCE_ALARM, startWorker, type WorkerApi, type WorkerSettings } from '@/lib/background/worker';
import { openChaperoneDB } from '@/lib/store/db';
import { bulkLoad } from '@/lib/store/bulk';
import { readActivity } from '@/lib/store/heartbeat';
import { DAY, NOW, ev, resetIndexedDB, sig } from '../store/helpers';

const ID = fakeBrowser.runtime.id;

function makeApi(over: Partial<WorkerApi> = {}): WorkerApi & { created: string[] } {
  const created: string[] = [];
  return {
    created,
    runtime: {
      id: ID,
      getURL: (p: string) => fakeBrowser.runtime.getURL(p as '/'),
      getManifest: () => ({ version: '0.1.0' }),
      onMessage: fakeBrowser.runtime.onMessage as unknown as WorkerApi['runtime']['onMessage'],
    },
    tabs: {
      create: async (o: { url: string }) => {
        created.push(o.url);
        return {};
      },
      onRemoved: fakeBrowser.tabs.onRemoved as unknown as WorkerApi['tabs']['onRemoved'],
    },
    alarms: fakeBrowser.alarms as unknown as WorkerApi['alarms'],
    notifications: fakeBrowser.notifications as unknown as WorkerApi['notifications'],
    storage: { session: fakeBrowser.storage.session },
    i18n: { getUILanguage: () => 'km-KH' },
    ...over,
  };
}

let settings: WorkerSettings;
let clock: number;
beforeEach(() => {
  resetIndexedDB();
  settings = { retentionDays: 30, weeklyNotification: false, language: 'auto' };
  clock = NOW;
});

function start(api = makeApi(), log = vi.fn()) {
  const worker = startWorker(api, {
    settings: async () => settings,
    connection: createConnection(),
    now: () => clock,
    estimate: async () => undefined,
    log,
  });
  return { worker, api, log };
}

const trigger = (msg: unknown, sender: object) =>
  (fakeBrowser.runtime.onMessage as unknown as { trigger(...a: unknown[]): Promise<unknown[]> }).trigger(msg, sender);

describe('startWorker', () => {
  it('schedules its alarms and records a heartbeat at start-up', async () => {
    const { worker } = start();
    await worker.ready;
    const alarms = await fakeBrowser.alarms.getAll();
    const byName = Object.fromEntries(alarms.map((a) => [a.name, a]));
    expect(byName[HEARTBEAT_ALARM]?.periodInMinutes).toBe(5);
    expect(byName[MAINTENANCE_ALARM]?.periodInMinutes).toBe(60);
    expect(byName[WEEKLY_ALARM]?.periodInMinutes).toBe(7 * 24 * 60);
    const when = new Date(byName[WEEKLY_ALARM]!.scheduledTime);
    expect([when.getDay(), when.getHours()]).toEqual([0, 18]);
    expect((await readActivity(await worker.connection.get()))?.spans).toEqual([[NOW, NOW]]);
  });

  it('keeps existing alarms instead of pushing them back', async () => {
    fakeBrowser.alarms.create(WEEKLY_ALARM, { when: NOW + 1234, periodInMinutes: 7 * 24 * 60 });
    await start().worker.ready;
    expect((await fakeBrowser.alarms.get(WEEKLY_ALARM))?.scheduledTime).toBe(NOW + 1234);
  });

  it('answers runtime messages through the checked handler', async () => {
    const { worker } = start();
    await worker.ready;
    const sender = { id: ID, url: 'https://discord.com/x', tab: { id: 3 } };
    const [res] = await trigger({ type: 'signal', v: 1, signal: sig({ categories: ['image_request'] }) }, sender);
    expect(res).toMatchObject({ ok: true, data: { level: 'warn', logged: true } });
    const [refused] = await trigger({ type: 'delete-all', v: 1, confirm: 'delete-everything' }, sender);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('sweeps old events at start-up and on the hourly alarm, with the retention setting', async () => {
    const db = await openChaperoneDB();
    await bulkLoad(db, [ev({ id: 'old', ts: NOW - 20 * DAY }), ev({ id: 'new', ts: NOW - DAY })]);
    db.close();
    settings.retentionDays = 30;
    const { worker } = start();
    await worker.ready;
    const conn = await worker.connection.get();
    expect(await conn.count('events')).toBe(2);
    settings.retentionDays = 7;
    await worker.onAlarm(MAINTENANCE_ALARM);
    expect(await conn.getAllKeys('events')).toEqual(['new']);
  });

  it('records a heartbeat from the alarm', async () => {
    const { worker } = start();
    await worker.ready;
    clock = NOW + 2 * 60 * 60 * 1000;
    await worker.onAlarm(HEARTBEAT_ALARM);
    expect((await readActivity(await worker.connection.get()))?.spans).toEqual([
      [NOW, NOW],
      [clock, clock],
    ]);
  });

  it('forgets a closed tab', async () => {
    const { worker } = start();
    await worker.ready;
    await trigger({ type: 'signal', v: 1, signal: sig() }, { id: ID, url: 'https://discord.com/x', tab: { id: 9 } });
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toContain('tab:9');
    await fakeBrowser.tabs.onRemoved.trigger(9, { windowId: 1, isWindowClosing: false });
    await vi.waitFor(async () => expect(Object.keys(await fakeBrowser.storage.session.get(null))).not.toContain('tab:9'));
  });

  it('logs failures at start-up instead of rejecting', async () => {
    const log = vi.fn();
    const broken = makeApi({
      alarms: {
        ...(fakeBrowser.alarms as unknown as WorkerApi['alarms']),
        get: () => Promise.reject(new Error('no alarms here')),
      },
    });
    settings = undefined as unknown as WorkerSettings; // the settings read throws in the sweep
    const { worker } = start(broken, log);
    await expect(worker.ready).resolves.toBeUndefined();
    expect(log.mock.calls.map((c) => c[0])).toEqual(['scheduling alarms failed', 'start-up sweep failed']);
  });
});

describe('weekly notice', () => {
  it('stays quiet when the parent did not turn it on', async () => {
    const { worker } = start();
    await worker.ready;
    await worker.onAlarm(WEEKLY_ALARM);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('says the summary is ready, in the browser language, once a week', async () => {
    settings.weeklyNotification = true;
    const { worker } = start();
    await worker.ready;
    await worker.onAlarm(WEEKLY_ALARM);
    const shown = (await fakeBrowser.notifications.getAll()) as Record<string, { title: string; message: string; iconUrl: string }>;
    expect(shown[WEEKLY_NOTICE_ID]?.message).toBe('សេចក្តីសង្ខេបសប្តាហ៍នេះរួចរាល់ហើយ។ ចុចដើម្បីមើល។');
    expect(shown[WEEKLY_NOTICE_ID]?.iconUrl).toBe(`chrome-extension://${ID}/icon/128.png`);
    await fakeBrowser.notifications.clear(WEEKLY_NOTICE_ID);
    clock += DAY; // a restart re-fires a missed alarm: no second notice the next day
    await worker.onAlarm(WEEKLY_ALARM);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    clock += 7 * DAY;
    settings.language = 'en';
    await worker.onAlarm(WEEKLY_ALARM);
    expect(((await fakeBrowser.notifications.getAll()) as Record<string, { message: string }>)[WEEKLY_NOTICE_ID]?.message).toBe(
      "This week's summary is ready. Click to see it.",
    );
  });

  it('opens the summary when clicked, and ignores other notifications', async () => {
    const { worker, api } = start();
    await worker.ready;
    await fakeBrowser.notifications.onClicked.trigger('someone-else');
    await fakeBrowser.notifications.onClicked.trigger(WEEKLY_NOTICE_ID);
    await vi.waitFor(() => expect(api.created).toEqual([`chrome-extension://${ID}/dashboard.html#/summary`]));
  });

  it('logs, without failing, when the notifications permission is missing', async () => {
    settings.weeklyNotification = true;
    const log = vi.fn();
    const { worker } = start(makeApi({ notifications: undefined }), log);
    await worker.ready;
    await worker.onAlarm(WEEKLY_ALARM);
    expect(log).toHaveBeenCalledWith('weekly notice', expect.stringMatching(/permission/));
  });
});
