import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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


describe('foundation: the built extension in Chromium', () => {
  let l: Launched;
  let server: FixtureServer;

  beforeAll(async () => {
    server = await startFixtureServer();
    server.serve('discord.com', fixtureHtml('sites/discord.html'));
    l = await launchExtension();
  });

  afterAll(async () => {
    await l?.close();
    await server?.close();
  });

  it('starts the service worker', async () => {
    expect(l.sw.url()).toBe(`chrome-extension://${l.extensionId}/background.js`);
    const manifest = await l.sw.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.content_scripts?.[0]?.matches).toContain('*://discord.com/*');
  });

  it('logs a flagged message from the content script to IndexedDB', async () => {
    const page = await l.context.newPage();
    await page.goto(server.url('discord.com', '/channels/@me/1111'));
    await page.waitForFunction(() => typeof window.chatFixture === 'object');
    await page.evaluate(() => window.chatFixture.add('in', 'send me a pic of you rn', { id: 'e2e-1' }));
    const events = await waitFor(() => readEvents(l.sw), (e) => e.length > 0);
    expect(events).toHaveLength(1);
    const ev = events[0]!;
    expect(ev.site).toBe('discord.com');
    expect(ev.dir).toBe('in');
    expect(ev.categories).toContain('image_request');
    expect(['warn', 'alert']).toContain(ev.level);
    expect(typeof ev.ts).toBe('number');
    await page.close();
  });

  it('renders the popup and the dashboard', async () => {
    const popup = await openExtensionPage(l, 'popup.html');
    await expect(popup.locator('h1').first().textContent()).resolves.toContain('Chaperone');
    await popup.close();
    const dash = await openExtensionPage(l, 'dashboard.html');
    await dash.waitForSelector('main');
    expect(await dash.locator('main').count()).toBeGreaterThan(0);
    await dash.close();
  });

  it('refuses a signal that does not come from a content script', async () => {
    const page = await openExtensionPage(l, 'popup.html');
    const res = await page.evaluate(() =>
      chrome.runtime.sendMessage({
        type: 'signal',
        v: 1,
        signal: {
          site: 'discord.com', thread: 't', party: 'p', key: 'forged', dir: 'in',
          categories: ['image_request'], excerpt: 'x', ts: Date.now(), url: 'https://discord.com/',
        },
      }),
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const bad = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'nonsense', v: 1 }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await page.close();
  });
});
