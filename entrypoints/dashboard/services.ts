// Wires the dashboard's views to the extension: the PIN guard over extension storage, the
// settings item and policy, the background's summary/export/delete, and run-time permissions.
import browser from 'webextension-polyfill';
import { call } from '@/lib/client';
import { createPinGuard, PinError, storagePinStore, type PinGuard } from '@/lib/pin';
import { getEffectiveSettings, getPolicy, saveSettings, watchEffectiveSettings, type Settings } from '@/lib/settings';
import type { ExportFile, StoreStats, SummaryPair } from '@/lib/store/types';
import type { DashboardServices, FailCode, Loaded, Outcome } from '@/components/dashboard/services';
import { downloadFile } from './downloadFile';

export interface ServiceDeps {
  guard?: PinGuard;
  /** How messages reach the background (tests pass a fake). */
  send?: (msg: unknown) => Promise<unknown>;
  permissions?: {
    request(p: { origins: string[] }): Promise<boolean>;
    remove(p: { origins: string[] }): Promise<boolean>;
  };
  download?: (file: ExportFile) => void;
  now?: () => number;
}

const LOCKED: Outcome = { ok: false, code: 'locked' };

function pinFailure(e: unknown): Outcome {
  if (!(e instanceof PinError)) throw e;
  const map: Record<PinError['code'], FailCode> = {
    locked: 'locked',
    managed: 'managed',
    wrong: 'wrong-pin',
    lockout: 'lockout',
    'too-short': 'too-short',
    'too-long': 'too-long',
  };
  return { ok: false, code: map[e.code] };
}

export function createDashboardServices(deps: ServiceDeps = {}): DashboardServices {
  const now = deps.now ?? Date.now;
  const guard =
    deps.guard ?? createPinGuard({ store: storagePinStore(), now, managedRecord: async () => (await getPolicy()).pinRecord });
  const permissions = deps.permissions ?? browser.permissions;
  const download = deps.download ?? downloadFile;
  const background = <R>(r: Awaited<ReturnType<typeof call<R>>>): Loaded<R> =>
    r.ok ? r : { ok: false, code: 'background', message: r.error.message };

  return {
    async load() {
      const policy = await getPolicy();
      if (policy.initialPin) await guard.seedPin(policy.initialPin);
      const [{ settings, locked }, pin] = await Promise.all([getEffectiveSettings(), guard.status()]);
      return { settings, locked, pin };
    },
    watch: (cb) => watchEffectiveSettings(cb),
    unlock: (pin) => guard.unlock(pin),
    isUnlocked: () => guard.isUnlocked(),
    touch: async () => void (await guard.touch()),
    lock: () => guard.lock(),

    async completeSetup(settings, pin) {
      try {
        if (pin !== null) await guard.setPin(pin);
        else if (!(await guard.isUnlocked())) return LOCKED;
      } catch (e) {
        return pinFailure(e);
      }
      await saveSettings({ ...settings, setupDone: true });
      return { ok: true };
    },

    saveSettings(next: Settings, previous: Settings) {
      const added = next.extraSites.filter((s) => !previous.extraSites.includes(s));
      const removed = previous.extraSites.filter((s) => !next.extraSites.includes(s));
      // First, with no await before it: the browser only asks during the click that caused it.
      const granted = added.length ? permissions.request({ origins: added }).catch(() => false) : Promise.resolve(true);
      return (async (): Promise<Outcome> => {
        const ok = await granted;
        if (!(await guard.isUnlocked())) return LOCKED;
        await saveSettings(ok ? next : { ...next, extraSites: next.extraSites.filter((s) => !added.includes(s)) });
        // Built-in sites are required permissions and cannot be removed; that refusal is harmless.
        if (removed.length) await permissions.remove({ origins: removed }).catch(() => false);
        return ok ? { ok: true } : { ok: true, warning: 'permission' };
      })();
    },

    async changePin(current, next) {
      try {
        await guard.changePin(current, next);
        return { ok: true };
      } catch (e) {
        return pinFailure(e);
      }
    },

    async summary(detailed) {
      if (!(await guard.isUnlocked())) return LOCKED as Loaded<SummaryPair>;
      return background(await call<SummaryPair>('summary', { now: now(), detailed }, deps.send));
    },

    async exportData(format) {
      if (!(await guard.isUnlocked())) return LOCKED;
      const r = background(await call<ExportFile>('export', { format, conversation: null }, deps.send));
      if (!r.ok) return r;
      download(r.data);
      return { ok: true };
    },

    async deleteAll(pin) {
      if (!(await guard.isUnlocked())) return LOCKED;
      const check = await guard.unlock(pin);
      if (!check.ok) return { ok: false, code: check.reason === 'locked' ? 'lockout' : 'wrong-pin' };
      const r = background(await call<unknown>('delete-all', { confirm: 'delete-everything' }, deps.send));
      return r.ok ? { ok: true } : r;
    },

    async stats() {
      if (!(await guard.isUnlocked())) return LOCKED as Loaded<StoreStats>;
      return background(await call<StoreStats>('stats', {}, deps.send));
    },
  };
}
