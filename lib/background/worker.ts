// Wires the background worker: message intake, tab clean-up, alarms (heartbeat, hourly sweep,
// weekly notice) and the notification click. Every listener is registered synchronously, as
// an MV3 service worker must, and none lets a rejection escape: failures are logged.
import type { SenderInfo } from '../messaging';
import { type Estimate } from '../store/budget';
import { recordHeartbeat } from '../store/heartbeat';
import { createConnection, type DbConnection } from './connection';
import { createHandler, toErrorBody, type Handler, type HandlerDeps } from './handler';
import { runMaintenance } from './maintenance';
import { TabRegistry, type SessionArea } from './tabs';
import {
  WEEKLY_ALARM,
  nextWeeklyTime,
  onNoticeClicked,
  showWeeklyNotice,
  type NoticeApi,
  type NoticeSettings,
  type NotificationsApi,
} from './weekly-notice';

export const HEARTBEAT_ALARM = 'chaperone.heartbeat';
export const MAINTENANCE_ALARM = 'chaperone.maintenance';
export const HEARTBEAT_MINUTES = 5;
export const MAINTENANCE_MINUTES = 60;
const WEEK_MINUTES = 7 * 24 * 60;
/** Signals are activity too, but one heartbeat write a minute is plenty. */
const ACTIVITY_THROTTLE_MS = 60_000;

interface Event<F> {
  addListener(cb: F): void;
}

/** The parts of the extension API the worker uses (webextension-polyfill's `browser` fits). */
export interface WorkerApi {
  runtime: {
    id: string;
    getURL(path: string): string;
    getManifest(): { version: string };
    onMessage: Event<(msg: unknown, sender: SenderInfo) => Promise<unknown>>;
  };
  tabs: {
    create(opts: { url: string }): Promise<unknown>;
    onRemoved: Event<(tabId: number) => void>;
  };
  alarms: {
    create(name: string, info: { when?: number; periodInMinutes?: number; delayInMinutes?: number }): unknown;
    get(name: string): Promise<{ name: string } | undefined>;
    onAlarm: Event<(alarm: { name: string }) => void>;
  };
  notifications?: NotificationsApi & { onClicked: Event<(id: string) => void> };
  storage: { session: SessionArea };
  i18n?: { getUILanguage(): string };
}

export interface WorkerSettings extends NoticeSettings {
  retentionDays: number;
}

export interface WorkerOptions {
  settings: () => Promise<WorkerSettings>;
  helpInfo?: HandlerDeps['helpInfo'];
  connection?: DbConnection;
  now?: () => number;
  estimate?: Estimate;
  log?: (what: string, e: unknown) => void;
}

export interface Worker {
  handle: Handler;
  /** Start-up work (alarms, first heartbeat, first sweep); resolves even when some of it failed. */
  ready: Promise<void>;
  onAlarm(name: string): Promise<void>;
  connection: DbConnection;
}

export const defaultEstimate: Estimate = async () => {
  const storage = (globalThis as { navigator?: { storage?: { estimate?: () => Promise<StorageEstimate> } } }).navigator?.storage;
  return storage?.estimate ? storage.estimate() : undefined;
};

async function ensureAlarm(api: WorkerApi, name: string, info: { when?: number; periodInMinutes: number }): Promise<void> {
  // Alarms usually survive restarts, but browsers may drop them; re-creating an existing one
  // would push its next run back, so only missing ones are made.
  if (await api.alarms.get(name)) return;
  await api.alarms.create(name, info);
}

export function startWorker(api: WorkerApi, opts: WorkerOptions): Worker {
  const conn = opts.connection ?? createConnection();
  const now = opts.now ?? Date.now;
  const log = opts.log ?? ((what: string, e: unknown) => console.warn(`Chaperone: ${what}`, e));
  const estimate = opts.estimate ?? defaultEstimate;
  const tabs = new TabRegistry(api.storage.session);
  const noticeApi: NoticeApi = {
    notifications: api.notifications,
    runtime: api.runtime,
    tabs: api.tabs,
    uiLanguage: () => api.i18n?.getUILanguage(),
  };

  let lastBeat = -Infinity;
  async function beat(): Promise<void> {
    const t = now();
    lastBeat = t;
    await recordHeartbeat(await conn.get(), t);
  }

  const handle = createHandler({
    db: conn.get,
    tabs,
    extensionId: api.runtime.id,
    extensionOrigin: api.runtime.getURL('/'),
    openPage: async (path) => {
      await api.tabs.create({ url: api.runtime.getURL(path) });
    },
    helpInfo: opts.helpInfo,
    now,
    version: api.runtime.getManifest().version,
    estimate,
    retentionDays: async () => (await opts.settings()).retentionDays,
    onActivity: () => {
      if (now() - lastBeat >= ACTIVITY_THROTTLE_MS) beat().catch((e: unknown) => log('heartbeat failed', e));
    },
    log,
  });

  async function maintenance(): Promise<void> {
    const s = await opts.settings();
    await runMaintenance(await conn.get(), now(), s.retentionDays, { estimate, log });
  }

  async function onAlarm(name: string): Promise<void> {
    switch (name) {
      case HEARTBEAT_ALARM:
        return beat();
      case MAINTENANCE_ALARM:
        return maintenance();
      case WEEKLY_ALARM: {
        const outcome = await showWeeklyNotice(noticeApi, await conn.get(), await opts.settings(), now());
        if (outcome === 'unavailable') log('weekly notice', 'the notifications permission is missing');
        return;
      }
    }
  }

  api.runtime.onMessage.addListener((msg, sender) =>
    handle(msg, sender).catch((e: unknown) => ({ ok: false, error: toErrorBody(e) })),
  );
  api.tabs.onRemoved.addListener((tabId) => {
    tabs.forget(tabId).catch((e: unknown) => log('forgetting a closed tab failed', e));
  });
  api.alarms.onAlarm.addListener((alarm) => {
    onAlarm(alarm.name).catch((e: unknown) => log(`alarm ${alarm.name} failed`, e));
  });
  api.notifications?.onClicked.addListener((id) => {
    onNoticeClicked(noticeApi, id).catch((e: unknown) => log('opening the summary failed', e));
  });

  const step = (what: string, p: () => Promise<unknown>) => p().then(
    () => undefined,
    (e: unknown) => log(what, e),
  );
  const ready = (async () => {
    await step('scheduling alarms failed', async () => {
      await ensureAlarm(api, HEARTBEAT_ALARM, { periodInMinutes: HEARTBEAT_MINUTES });
      await ensureAlarm(api, MAINTENANCE_ALARM, { periodInMinutes: MAINTENANCE_MINUTES });
      await ensureAlarm(api, WEEKLY_ALARM, { when: nextWeeklyTime(now()), periodInMinutes: WEEK_MINUTES });
    });
    await step('start-up heartbeat failed', beat);
    await step('start-up sweep failed', maintenance);
  })();

  return { handle, ready, onAlarm, connection: conn };
}
