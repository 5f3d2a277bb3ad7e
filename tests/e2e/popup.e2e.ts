// The popup in real Chromium (issue #6): what it shows about a flagged chat tab, the one-tap
// report (clipboard text, the region's hotline form in a new tab, a `report` event), the help
// links, the region it picks from the browser's time zone and language, and screenshots.
// Nothing leaves the machine: the hotline's host resolves to the local fixture server, and a
// context route answers it too; both serve a stub.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROOT,
  fixtureHtml,
  launchExtension,
  openExtensionPage,
  readEvents,
  startFixtureServer,
  waitFor,
  type FixtureServer,
  type Launched,
} from './harness';
import './fixture-hook';

const KH_FORM = 'https://aplecambodia.org/reporting-page/';
const STUB = '<title>stub</title><p>hotline form stub</p>';
const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');

/** The grooming conversation: each line is one the detector flags (see the e2e preamble). */
const RISKY = [
  { id: 'p-1', text: 'you are so mature for your age' },
  { id: 'p-2', text: 'are your parents home right now?' },
  { id: 'p-3', text: 'text me on 012 345 678, this is just between us ok, dont tell anyone' },
  { id: 'p-4', text: 'send me a pic of you rn' },
];

/** The child-friendly words for the categories those lines raise (lib/i18n/locales/en/common.json). */
const CATEGORY_WORDS: Record<string, string> = {
  flattery_trust: 'Flattery to build trust',
  isolation_check: 'Asked if you are alone',
  secrecy: 'Asked to keep secrets',
  image_request: 'Asked for photos or video',
};

interface TabInfo {
  id?: number;
  url?: string;
}
type Chrome = {
  tabs: { query(q: object): Promise<TabInfo[]>; get(id: number): Promise<TabInfo> };
  storage: { local: { get(k: string | null): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void> } };
};

async function tabIds(l: Launched): Promise<number[]> {
  const tabs = await l.sw.evaluate(() => (chrome as unknown as Chrome).tabs.query({}));
  return tabs.map((t) => t.id).filter((id): id is number => typeof id === 'number');
}

/**
 * Opens a chat page in a new tab and finds the extension's id for that tab: the one tab that
 * was not there before (the extension cannot read a tab's address without a grant).
 */
async function openChat(l: Launched, server: FixtureServer, channel: string): Promise<{ page: Page; url: string; tabId: number }> {
  const before = new Set(await tabIds(l));
  const page = await l.context.newPage();
  const url = server.url('discord.com', `/channels/@me/${channel}`);
  await page.goto(url);
  await page.waitForFunction(() => typeof window.chatFixture === 'object');
  const added = await waitFor(() => tabIds(l).then((ids) => ids.filter((id) => !before.has(id))), (ids) => ids.length === 1);
  return { page, url, tabId: added[0]! };
}

/**
 * Launches like the harness's launchExtension, with two additions:
 * - the flag that lets the DevTools protocol press the extension's toolbar button
 *   (Extensions.triggerAction), the only way to give the popup the activeTab grant, and with it
 *   the address of a tab with no flags;
 * - the hotline's host resolved to the local fixture server. A tab the extension opens starts
 *   loading before Playwright attaches to it, so a context route alone misses its first request
 *   (which would go out to the real site); the route then catches Chromium's reloads.
 */
function launchWithToolbar(timezoneId: string, locale: string, server: FixtureServer): Promise<Launched> {
  // The hotline's host goes to the fixture server too: a tab the extension opens starts loading
  // before Playwright's routes attach, and that first request must not leave the machine.
  // Pressing the toolbar button through DevTools needs --enable-unsafe-extension-debugging.
  return launchExtension({
    timezoneId,
    locale,
    resolverRules: [`MAP ${new URL(KH_FORM).host}:443 127.0.0.1:${server.port}`],
    args: ['--enable-unsafe-extension-debugging'],
  });
}

/** Presses the toolbar button over the tab showing `url`, as the child would; resolves when the popup is up. */
async function pressToolbarButton(l: Launched, url: string): Promise<void> {
  const browser = l.context.browser();
  if (!browser) throw new Error('no browser behind the persistent context');
  const cdp = await browser.newBrowserCDPSession();
  try {
    type Targets = { targetInfos: { type: string; url: string; targetId: string }[] };
    const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as unknown as Targets;
    const tab = targetInfos.find((t) => t.url === url);
    if (!tab) throw new Error(`no tab target for ${url}`);
    await cdp.send('Extensions.triggerAction' as never, { id: l.extensionId, targetId: tab.targetId } as never);
    const popupUrl = `chrome-extension://${l.extensionId}/popup.html`;
    await waitFor(
      async () => ((await cdp.send('Target.getTargets', { filter: [{}] } as never)) as unknown as Targets).targetInfos,
      (ts) => ts.some((t) => t.type === 'page' && t.url === popupUrl),
    );
  } finally {
    await cdp.detach();
  }
}

async function openPopup(l: Launched, tabId?: number): Promise<Page> {
  const popup = await openExtensionPage(l, tabId === undefined ? 'popup.html' : `popup.html?tab=${tabId}`);
  await popup.waitForSelector('[data-testid="report-button"]');
  return popup;
}

const attr = (p: Page, testId: string, name: string) => p.getByTestId(testId).getAttribute(name);

/**
 * Clicks "Report this" and returns the tab the popup opened (the hotline's form), loaded from
 * the stub, once the popup has finished (status says copied, the text is on show).
 */
async function report(l: Launched, popup: Page): Promise<Page> {
  const opened = l.context.waitForEvent('page', { timeout: 15000 });
  await popup.getByTestId('report-button').click();
  const form = await opened;
  await form.waitForURL(KH_FORM);
  await form.waitForLoadState('domcontentloaded');
  await popup.getByTestId('report-steps').waitFor();
  return form;
}

/** Puts the report panel (button, status, steps, text) at the top of the 380×640 popup, fonts loaded. */
async function showReportPanel(popup: Page): Promise<void> {
  await popup.bringToFront();
  await popup.evaluate(async () => {
    await document.fonts.ready;
    document.querySelector('[data-testid="report-button"]')?.closest('section')?.scrollIntoView({ block: 'start' });
  });
}

async function clipboard(popup: Page): Promise<string> {
  await popup.bringToFront();
  return popup.evaluate(() => navigator.clipboard.readText());
}

describe('popup in Cambodia (Asia/Phnom_Penh)', () => {
  let l: Launched;
  let server: FixtureServer;
  /** Requests to the hotline's site, answered by the stub. */
  const hotlineHits: string[] = [];
  let chat: { page: Page; url: string; tabId: number };
  /** Loads of the form, through the route or the local server. */
  const stubHits = () =>
    hotlineHits.filter((u) => u === KH_FORM).length +
    server.requests.filter((r) => r.host === new URL(KH_FORM).host && r.path === new URL(KH_FORM).pathname).length;

  beforeAll(async () => {
    server = await startFixtureServer();
    server.serve('discord.com', fixtureHtml('sites/discord.html'));
    server.serve(new URL(KH_FORM).host, STUB);
    l = await launchWithToolbar('Asia/Phnom_Penh', 'en-US', server);
    // Playwright refuses an origin for chrome-extension:// pages ("opaque origin"), so the grant
    // covers every origin; only the popup touches the clipboard here.
    await l.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await l.context.route('https://aplecambodia.org/**', (r: Route) => {
      hotlineHits.push(r.request().url());
      return r.fulfill({ status: 200, contentType: 'text/html', body: STUB });
    });
  });

  afterAll(async () => {
    await l?.close();
    await server?.close();
  });

  it('shows the flagged conversation and its level for the tab it is opened on', async () => {
    chat = await openChat(l, server, '123');
    for (const m of RISKY) await chat.page.evaluate((x) => window.chatFixture.add('in', x.text, { id: x.id }), m);
    const events = await waitFor(
      () => readEvents(l.sw),
      (e) => e.filter((x) => x.kind !== 'report').length >= RISKY.length,
    );
    const flagged = events.filter((e) => e.url === chat.url);
    expect(flagged).toHaveLength(RISKY.length);
    const cats = new Set(flagged.flatMap((e) => e.categories as string[]));
    for (const c of Object.keys(CATEGORY_WORDS)) expect(cats).toContain(c);

    const popup = await openPopup(l, chat.tabId);
    await popup.locator('[data-testid="tab-level"]').waitFor();
    const level = await attr(popup, 'tab-level', 'data-level');
    expect(['warn', 'alert']).toContain(level);
    // The same level the worker holds for the tab (the popup shows it, not its own guess).
    const status = (await popup.evaluate((tabId) => chrome.runtime.sendMessage({ type: 'tab-status', v: 1, tabId }), chat.tabId)) as {
      ok: boolean;
      data: { level: string; conversations: { url: string }[] };
    };
    expect(status).toMatchObject({ ok: true, data: { level, conversations: [{ url: chat.url }] } });
    expect(await popup.getByTestId('tab-level').textContent()).toBe(level === 'alert' ? 'Get help now' : 'Be careful');

    const convs = popup.getByTestId('tab-conversation');
    expect(await convs.count()).toBe(1);
    const text = (await convs.first().textContent()) ?? '';
    expect(text).toContain('Chat with Alex on discord.com');
    const shown = await convs.first().locator('[data-category]').evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-category'), e.textContent] as const),
    );
    for (const [id, words] of Object.entries(CATEGORY_WORDS)) expect(shown).toContainEqual([id, words]);
    // Child-friendly words, never the internal ids.
    expect(text).not.toMatch(/image_request|flattery_trust|_/);
    expect(await popup.getByTestId('error').count()).toBe(0);
    await popup.close();
  });

  it('"Report this" copies a text-only report, opens the region\'s hotline form and logs a report', async () => {
    const popup = await openPopup(l, chat.tabId);
    await popup.locator('[data-testid="tab-level"]').waitFor();
    expect(await popup.getByTestId('report-steps').count()).toBe(0);
    const before = stubHits();
    const form = await report(l, popup);

    // The new tab is the Cambodian hotline's form, answered by the stub (nothing went out).
    expect(form.url()).toBe(KH_FORM);
    expect(await form.textContent('body')).toContain('hotline form stub');
    expect(stubHits() - before).toBeGreaterThanOrEqual(1);

    // The clipboard holds exactly the text on show.
    const copied = await clipboard(popup);
    expect(copied).toBe(await popup.getByTestId('report-text').inputValue());
    expect(await popup.getByTestId('report-text').getAttribute('readonly')).not.toBeNull();
    expect(copied).toContain(`Page: ${chat.url}`);
    expect(copied).toContain('Site: discord.com');
    expect(copied).toContain("The other person's name as shown: Alex");
    expect(copied).toContain('"send me a pic of you rn"');
    expect(copied).toContain('"are your parents home right now?"');
    // Masked excerpt: the phone number in a flagged message never reaches the report.
    expect(copied).toContain('text me on [phone], this is just between us ok, dont tell anyone');
    expect(copied).not.toContain('012 345 678');
    for (const words of Object.values(CATEGORY_WORDS)) expect(copied).toContain(words);
    expect(copied).not.toMatch(/data:image|blob:|base64/i);
    expect(copied).toContain('No pictures are attached.');

    expect(await popup.getByTestId('report-status').textContent()).toContain('Report copied');
    const steps = await popup.getByTestId('report-steps').locator('li').allTextContents();
    expect(steps).toHaveLength(3);
    expect(steps[0]).toMatch(/Paste the report/);
    expect(steps[1]).toMatch(/Don't attach, save or screenshot/);
    expect(steps[2]).toMatch(/Keep the chat/);
    expect(await attr(popup, 'report-open', 'href')).toBe(KH_FORM);
    expect(await popup.getByTestId('error').count()).toBe(0);

    const reports = await waitFor(
      () => readEvents(l.sw).then((e) => e.filter((x) => x.kind === 'report')),
      (r) => r.length === 1,
    );
    expect(reports[0]).toMatchObject({ kind: 'report', site: 'discord.com', url: chat.url, hotline: 'kh-ihc-aple', party: 'Alex', excerpt: '' });
    await form.close();
    await popup.close();
  });

  it('offers Cambodia\'s helpline, police and Take It Down as working links', async () => {
    const popup = await openPopup(l, chat.tabId);
    expect(await attr(popup, 'region-select', 'data-region')).toBe('KH');
    expect(await popup.getByTestId('region-select').inputValue()).toBe('auto');
    expect(await popup.locator('#region-select option[value="auto"]').textContent()).toBe('Automatic (Cambodia)');
    expect(await attr(popup, 'help-call', 'href')).toBe('tel:1280');
    expect(await attr(popup, 'help-sms', 'href')).toBe('sms:1280');
    expect(await attr(popup, 'help-emergency', 'href')).toBe('tel:1288');
    expect(await popup.getByTestId('help-call').textContent()).toMatch(/1280.*free.*24/i);
    expect(await popup.locator('.help').textContent()).toContain('Child Helpline Cambodia 1280');
    const takeItDown = popup.getByTestId('help-takeitdown');
    expect(await takeItDown.getAttribute('href')).toBe('https://takeitdown.ncmec.org/');
    expect(await takeItDown.getAttribute('target')).toBe('_blank');
    expect(await takeItDown.getAttribute('rel')).toContain('noopener');
    // The sextortion advice is there; the international directory is only for other countries.
    expect(await popup.getByTestId('help-sextortion').locator('li').count()).toBe(4);
    expect(await popup.getByTestId('help-directory').count()).toBe(0);
    expect(await popup.getByTestId('help-adult').textContent()).toBeTruthy();
    expect(await popup.locator('#report-goes-to').textContent()).toContain('Internet Hotline Cambodia');
    // Every link in the popup is tel:, sms:, mailto: or https: (no http:, javascript: or data:).
    const hrefs = await popup.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThanOrEqual(4);
    for (const h of hrefs) expect(h).toMatch(/^(tel:\+?\d+|sms:\+?\d+|mailto:\S+|https:\/\/\S+)$/);
    await popup.close();
  });

  it('reports a page with no flags, with its address', async () => {
    const quiet = await openChat(l, server, '456');
    const seenUrl = () => l.sw.evaluate((id) => (chrome as unknown as Chrome).tabs.get(id).then((t) => t.url ?? ''), quiet.tabId);
    // Nothing flagged, so nothing tells the extension this tab's address…
    expect(await seenUrl()).toBe('');
    // …until the child presses the toolbar button over it (the activeTab grant).
    await pressToolbarButton(l, quiet.url);
    expect(await seenUrl()).toBe(quiet.url);
    const popup = await openPopup(l, quiet.tabId);
    await popup.locator('[data-testid="tab-level"]').waitFor();
    expect(await attr(popup, 'tab-level', 'data-level')).toBe('none');
    expect(await popup.getByTestId('tab-conversation').count()).toBe(0);

    const form = await report(l, popup);
    expect(form.url()).toBe(KH_FORM);
    // The popup may first recall the earlier report; wait for this one.
    await waitFor(() => popup.getByTestId('report-text').inputValue(), (v) => v.includes(quiet.url));
    const copied = await clipboard(popup);
    expect(copied).toBe(await popup.getByTestId('report-text').inputValue());
    expect(copied).toContain(`Page: ${quiet.url}`);
    expect(copied).toContain('Site: discord.com');
    expect(copied).toContain('Chaperone did not flag messages here');
    expect(copied).not.toContain('send me a pic');
    expect(copied).not.toMatch(/data:image/i);
    expect(await popup.getByTestId('report-steps').locator('li').count()).toBe(3);

    const reports = await waitFor(
      () => readEvents(l.sw).then((e) => e.filter((x) => x.kind === 'report' && x.url === quiet.url)),
      (r) => r.length === 1,
    );
    expect(reports[0]).toMatchObject({ site: 'discord.com', hotline: 'kh-ihc-aple' });
    await form.close();
    await popup.close();
    await quiet.page.close();
  });

  it('saves screenshots of a report in English and Khmer', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const popup = await openPopup(l, chat.tabId);
    await popup.setViewportSize({ width: 380, height: 640 });
    await popup.locator('[data-testid="tab-conversation"]').waitFor();
    await (await report(l, popup)).close();
    await waitFor(() => popup.getByTestId('report-text').inputValue(), (v) => v.includes(chat.url));
    expect(await popup.locator('.popup').getAttribute('lang')).toBe('en');
    await showReportPanel(popup);
    await popup.screenshot({ path: path.join(SCREENSHOTS, 'popup-report-en.png') });

    // The child's language setting: Khmer (the popup reads `local:settings`, version 2).
    await popup.evaluate(async () => {
      const c = chrome as unknown as Chrome;
      const got = await c.storage.local.get('settings');
      const settings = (got.settings ?? {}) as Record<string, unknown>;
      await c.storage.local.set({ settings: { ...settings, language: 'km' }, settings$: { v: 2 } });
    });
    await popup.reload();
    await popup.locator('[data-testid="tab-conversation"]').waitFor();
    expect(await popup.locator('.popup').getAttribute('lang')).toBe('km');
    await (await report(l, popup)).close();
    const km = await waitFor(
      () => popup.getByTestId('report-text').inputValue(),
      (v) => v.includes(chat.url) && /[\u1780-\u17ff]/.test(v),
    );
    expect(km).not.toContain('012 345 678');
    expect(await popup.getByTestId('report-button').textContent()).toMatch(/[\u1780-\u17ff]/);
    expect(await popup.getByTestId('tab-level').textContent()).toMatch(/[\u1780-\u17ff]/);
    expect(await attr(popup, 'help-call', 'href')).toBe('tel:1280');
    await showReportPanel(popup);
    // The bundled Khmer font drew it, not a fallback without Khmer glyphs.
    const khmerFont = await popup.evaluate(() =>
      [...document.fonts].some((f) => f.family.replace(/["']/g, '') === 'Noto Sans Khmer' && f.status === 'loaded'),
    );
    expect(khmerFont).toBe(true);
    await popup.screenshot({ path: path.join(SCREENSHOTS, 'popup-report-km.png') });
    await popup.close();
  });
});

describe('popup region follows the browser', () => {
  async function regionOf(timezoneId: string, locale: string) {
    const l = await launchExtension({ timezoneId, locale });
    try {
      const popup = await openPopup(l);
      const hints = await popup.evaluate(() => ({ tz: Intl.DateTimeFormat().resolvedOptions().timeZone, lang: navigator.language }));
      return {
        hints,
        region: await attr(popup, 'region-select', 'data-region'),
        auto: await popup.locator('#region-select option[value="auto"]').textContent(),
        call: await attr(popup, 'help-call', 'href'),
        sms: await popup.getByTestId('help-sms').count(),
        help: (await popup.locator('.help').textContent()) ?? '',
        goesTo: (await popup.locator('#report-goes-to').textContent()) ?? '',
      };
    } finally {
      await l.close();
    }
  }

  it('Asia/Bangkok with Thai → Thailand and Childline Thailand', async () => {
    const r = await regionOf('Asia/Bangkok', 'th-TH');
    expect(r.hints).toEqual({ tz: 'Asia/Bangkok', lang: 'th-TH' });
    expect(r.region).toBe('TH');
    expect(r.auto).toBe('Automatic (Thailand)');
    expect(r.call).toBe('tel:1387');
    expect(r.sms).toBe(0);
    expect(r.help).toContain('Childline Thailand 1387');
    expect(r.goesTo).toContain('ThaiHotline');
  });

  it('Europe/London → United Kingdom and the NSPCC', async () => {
    const r = await regionOf('Europe/London', 'en-GB');
    expect(r.hints.tz).toBe('Europe/London');
    expect(r.region).toBe('GB');
    expect(r.auto).toBe('Automatic (United Kingdom)');
    expect(r.call).toBe('tel:08088005000');
    expect(r.help).toContain('NSPCC Helpline');
    expect(r.goesTo).toContain('IWF Hotline');
  });
});
