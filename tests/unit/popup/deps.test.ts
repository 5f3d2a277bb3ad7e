import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPopupDeps } from '@/entrypoints/popup/deps';
import { DEFAULT_SETTINGS, getStoredSettings, saveSettings } from '@/lib/settings';

/** Answers every runtime message like the background, and keeps what it was sent. */
function background() {
  const sent: unknown[] = [];
  fakeBrowser.runtime.onMessage.addListener((msg: unknown) => {
    sent.push(msg);
    return Promise.resolve({ ok: true, data: null });
  });
  return sent;
}

describe('the popup wiring', () => {
  it('reads how a nudge opened it', () => {
    const q = `?tab=5&conversation=${encodeURIComponent('discord.com|1111|bob_22')}`;
    expect(createPopupDeps(q, '#report').launch).toEqual({ conversation: 'discord.com|1111|bob_22', report: true });
    expect(createPopupDeps('', '').launch).toEqual({ conversation: null, report: false });
  });

  it('looks at the tab a nudge named, else the active one', async () => {
    const chat = await fakeBrowser.tabs.create({ url: 'https://discord.com/channels/@me/1111' });
    const other = await fakeBrowser.tabs.create({ url: 'https://example.org/' });
    // The fake browser has no focused window; the real query is what matters here.
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([other]);
    expect(await createPopupDeps(`?tab=${chat.id}`, '').activeTab()).toEqual({ id: chat.id, url: 'https://discord.com/channels/@me/1111' });
    expect(query).not.toHaveBeenCalled();
    expect(await createPopupDeps('', '').activeTab()).toEqual({ id: other.id, url: 'https://example.org/' });
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
  });

  it('sends the protocol messages', async () => {
    const sent = background();
    const deps = createPopupDeps('', '');
    await deps.tabStatus(7);
    await deps.summary(false);
    const report = { site: 'discord.com', thread: '1111', party: 'bob_22', url: 'https://discord.com/', hotline: 'kh-ihc-aple', ts: 5 };
    await deps.logReport(report);
    expect(sent).toEqual([
      { type: 'tab-status', v: 1, tabId: 7 },
      { type: 'summary', v: 1, now: expect.any(Number), detailed: false },
      { type: 'log-report', v: 1, report },
    ]);
  });

  it("saves the region into the family's stored settings, keeping the rest", async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, language: 'km', setupDone: true });
    await createPopupDeps('', '').saveRegion('TH');
    expect(await getStoredSettings()).toMatchObject({ region: 'TH', language: 'km', setupDone: true });
  });

  it('remembers a report for this browser session', async () => {
    const deps = createPopupDeps('', '');
    expect(await deps.recentReport()).toBeNull();
    const r = { ts: 1, text: 'report', hotline: 'kh-ihc-aple', copied: true };
    await deps.rememberReport(r);
    expect(await createPopupDeps('', '').recentReport()).toEqual(r);
  });

  it('opens the form in a new tab', async () => {
    await createPopupDeps('', '').openTab('https://aplecambodia.org/reporting-page/');
    const tabs = await fakeBrowser.tabs.query({ url: 'https://aplecambodia.org/reporting-page/' });
    expect(tabs).toHaveLength(1);
  });
});
