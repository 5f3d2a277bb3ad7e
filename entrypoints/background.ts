import browser from 'webextension-polyfill';
import { syncExtraSites, type ScriptingApi } from '@/lib/background/extra-sites';
import { startWorker } from '@/lib/background/worker';
import { helpInfoFor } from '@/lib/report/help-info';
import { getSettings, settingsWithin, watchSettings } from '@/lib/settings';

// Thin wiring: everything lives in lib/background/, which tests drive with a fake browser.
export default defineBackground({
  main() {
    // Every listener catches its own errors; this only makes a slip visible instead of silent.
    globalThis.addEventListener?.('unhandledrejection', (e: PromiseRejectionEvent) => {
      console.error('Chaperone: unhandled rejection in the background worker', e.reason);
      e.preventDefault();
    });
    startWorker(browser, {
      // A signal's answer (and the nudge it brings) must not wait for a slow policy read.
      settings: () => settingsWithin(300),
      helpInfo: async () =>
        helpInfoFor(await getSettings(), {
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
          language: navigator.language,
        }),
    });

    // First run: the parent sets a PIN, the language and the region (skipped when a policy did it).
    browser.runtime.onInstalled.addListener(({ reason }) => {
      if (reason !== 'install') return;
      void getSettings().then(async (s) => {
        if (!s.setupDone) await browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html#/setup') });
      });
    });

    // Other chat sites the parent chose and granted: the content script follows the setting.
    const scripting = (browser as unknown as { scripting?: ScriptingApi }).scripting;
    const sync = () =>
      getSettings()
        .then((s) => syncExtraSites(s.extraSites, scripting, browser.permissions))
        .catch((e: unknown) => console.warn('Chaperone: could not register extra sites', e));
    void sync();
    watchSettings(() => void sync());
    browser.permissions.onAdded.addListener(() => void sync());
    browser.permissions.onRemoved.addListener(() => void sync());
  },
});
