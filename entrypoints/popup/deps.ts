// The popup's link to the extension: messages to the background, the tabs, the clipboard and
// the settings. Everything the popup view does to the outside world goes through here.
import browser from 'webextension-polyfill';
import { storage } from 'wxt/utils/storage';
import type { PopupDeps, RecentReport } from '@/components/popup/deps';
import type { TabStatus } from '@/lib/background/tabs';
import { call } from '@/lib/client';
import { getEffectiveSettings, getStoredSettings, saveSettings } from '@/lib/settings';
import type { SummaryPair } from '@/lib/store/types';

// Session storage: forgotten when the browser closes, like the tab flags it was made from.
const recentReport = storage.defineItem<RecentReport | null>('session:popupRecentReport', { fallback: null });

async function tabToCheck(named: number | null) {
  if (named !== null) return browser.tabs.get(named);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active;
}

/**
 * A nudge's report button opens the popup as a page of its own (`?tab=…&conversation=…#report`),
 * where the active tab is the popup itself, so it names the chat's tab. The e2e tests do the same.
 */
export function createPopupDeps(search: string = window.location.search, hash: string = window.location.hash): PopupDeps {
  const q = new URLSearchParams(search);
  const tab = Number(q.get('tab'));
  const named = Number.isInteger(tab) && tab >= 0 && q.has('tab') ? tab : null;
  return {
    launch: { conversation: q.get('conversation'), report: hash === '#report' },
    settings: () => getEffectiveSettings(),
    async saveRegion(region) {
      // The stored settings, not the effective ones, so a policy's values are not saved as the family's.
      await saveSettings({ ...(await getStoredSettings()), region });
    },
    async activeTab() {
      const tab = await tabToCheck(named);
      return tab?.id === undefined ? null : { id: tab.id, url: tab.url ?? '' };
    },
    tabStatus: (tabId) => call<TabStatus>('tab-status', { tabId }),
    summary: (detailed) => call<SummaryPair>('summary', { now: Date.now(), detailed }),
    logReport: (report) => call('log-report', { report }),
    async copy(text) {
      await navigator.clipboard.writeText(text);
    },
    async openTab(url) {
      await browser.tabs.create({ url });
    },
    recentReport: () => recentReport.getValue(),
    rememberReport: (r) => recentReport.setValue(r),
    hints: () => ({
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? '',
      language: navigator.language ?? '',
    }),
    now: () => Date.now(),
  };
}
