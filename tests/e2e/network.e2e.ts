// No chat text leaves the device: during a full run (every fixture site, nudges, the reminder,
// the report tab, the popup and the dashboard with its export) every request the browser makes
// is recorded (pages, extension pages and the service worker) and each must be one of: a page
// the test opened, the extension's own files, or something the fixture page's own markup asks
// for. `CHAPERONE_EXT=<dir>` points it at another build than .output/chrome-mv3.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickShadowButton,
  currentWorker,
  findShadowUi,
  FIXTURES,
  launchExtension,
  openExtensionPage,
  readEvents,
  startFixtureServer,
  waitFor,
  type FixtureServer,
  type Launched,
  servedAs,
  siteFixtures,
} from './harness';
import './fixture-hook';

interface Seen {
  url: string;
  type: string;
  fromWorker: boolean;
  navigation: boolean;
  frame: string;
  failure?: string;
}

const fixtures = siteFixtures();
/** URLs written in the fixture pages themselves (Discord keeps its real avatar URLs; its CSP blocks them). */
const PAGE_OWN = new Set(
  fixtures.flatMap((f) => readFileSync(path.join(FIXTURES, 'sites', f.file), 'utf8').match(/https?:\/\/[^"'\s)<>]+/g) ?? []),
);
const GROOMING = ['you are so mature for your age', 'are your parents home right now?', 'this is just between us ok, dont tell anyone', 'send me a pic of you'];
const PIN = '2468';

let l: Launched;
let server: FixtureServer;
const seen: Seen[] = [];
const opened = new Set<string>();

function record(r: Request): Seen {
  let frame = '';
  try {
    frame = r.frame().url();
  } catch {
    // Service-worker requests have no frame.
  }
  const s: Seen = { url: r.url(), type: r.resourceType(), fromWorker: r.serviceWorker() !== null, navigation: r.isNavigationRequest(), frame };
  seen.push(s);
  return s;
}

/** What the manifest lets pages load by the per-session address (use_dynamic_url): the Khmer font, the nudge views. */
const WEB_ACCESSIBLE = new Set(['nudge-ui.js', 'fonts/noto-sans-khmer-khmer-400-normal.woff2', 'fonts/noto-sans-khmer-khmer-700-normal.woff2']);

function verdict(s: Seen, extensionOrigin: string): string | null {
  if (s.url.startsWith(extensionOrigin)) return null;
  // The content script's import of the nudge views (or the font) by the extension's per-session
  // address: a file inside the extension, not the network.
  if (/^chrome-extension:\/\/[0-9a-f-]{36}\//.test(s.url) && WEB_ACCESSIBLE.has(new URL(s.url).pathname.slice(1))) return null;
  if (s.fromWorker) return 'a request from the service worker';
  if (s.navigation && s.type === 'document' && opened.has(s.url)) return null;
  // The fixture's own <img> URLs, blocked by the page's CSP before they leave: the page's doing.
  if (PAGE_OWN.has(s.url) && !s.frame.startsWith(extensionOrigin)) return null;
  return 'not a page the test opened, not the extension, not the page’s own markup';
}

async function visit(url: string): Promise<Page> {
  // A request's URL carries no #fragment.
  opened.add(url.replace(/#.*$/, ''));
  const page = await l.context.newPage();
  await page.goto(url);
  return page;
}

beforeAll(async () => {
  server = await startFixtureServer();
  for (const f of fixtures) {
    const at = servedAs(f);
    server.serve(at.host, readFileSync(path.join(FIXTURES, 'sites', f.file), 'utf8'));
  }
  server.serve('chat.example.test', '<!doctype html><title>probe</title>');
  l = await launchExtension({ extensionDir: process.env.CHAPERONE_EXT || undefined });
  l.context.on('request', (r) => void record(r));
  l.context.on('requestfailed', (r) => {
    const s = seen.find((x) => x.url === r.url() && x.failure === undefined);
    if (s) s.failure = r.failure()?.errorText ?? 'failed';
  });
}, 60_000);

afterAll(async () => {
  await l?.close();
  await server?.close();
});

describe('the extension makes no network request of its own', () => {
  it('the recorder sees a request made from the service worker (control)', async () => {
    const probe = server.url('chat.example.test', '/from-the-worker');
    const sw = await currentWorker(l.context);
    await sw.evaluate((u) => fetch(u).then(() => undefined, () => undefined), probe);
    const hit = await waitFor(async () => seen.filter((s) => s.url === probe), (x) => x.length > 0, 5_000);
    expect(hit[0]!.fromWorker).toBe(true);
    expect(server.requests.some((r) => r.path === '/from-the-worker')).toBe(true);
    seen.splice(0, seen.length);
  });

  it('during a full run, every request is a page the test opened, the extension’s own files or the page’s own markup', async () => {
    const origin = `chrome-extension://${l.extensionId}/`;
    // Every site: history with grooming lines, so nudges show and events are logged.
    const pages: Page[] = [];
    for (const f of fixtures) {
      const at = servedAs(f);
      const page = await visit(server.url(at.host, at.path));
      await page.waitForFunction(() => typeof window.chatFixture === 'object');
      for (const t of GROOMING) await page.evaluate((x) => void window.chatFixture.add('in', x), t);
      pages.push(page);
    }
    const discord = pages[0]!;
    await waitFor(() => findShadowUi(discord, 'data-chaperone-nudge'), (n) => n.length > 0, 15_000);
    // The child opens help, then the report flow (a tab the child asked for: an extension page).
    await clickShadowButton(discord, 'data-chaperone-nudge', 'help');
    const reportTab = l.context.waitForEvent('page', { timeout: 10_000 });
    await clickShadowButton(discord, 'data-chaperone-nudge', 'report');
    const report = await reportTab;
    await report.waitForLoadState();
    expect(report.url().startsWith(origin)).toBe(true);
    // The inline reminder while typing personal details to a new contact.
    await discord.evaluate(() => window.chatFixture.switchThread('9876', 'Stranger'));
    await discord.evaluate(() => window.chatFixture.composer().focus());
    await discord.keyboard.type('my number is 012 345 678', { delay: 5 });
    await waitFor(() => findShadowUi(discord, 'data-chaperone-reminder'), (r) => r.length > 0, 10_000);

    // The popup, and the dashboard: set-up, summary, data and an export.
    const popup = await openExtensionPage(l, 'popup.html');
    await popup.waitForSelector('h1');
    const dash = await openExtensionPage(l, 'dashboard.html#/setup');
    await dash.waitForSelector('[data-testid="setup-form"]');
    await dash.fill('[data-testid="pin-input"]', PIN);
    await dash.fill('[data-testid="pin-confirm"]', PIN);
    await dash.click('[data-testid="pin-submit"]');
    await dash.waitForSelector('[data-testid="summary"]');
    await dash.goto(`${origin}dashboard.html#/data`);
    await dash.waitForSelector('[data-testid="export-json"]');
    await dash.click('[data-testid="export-json"]');
    await dash.waitForSelector('[data-testid="export-status"]', { timeout: 10_000 });
    const sw = await currentWorker(l.context);
    expect((await readEvents(sw)).length).toBeGreaterThan(0);
    // Give the worker's timers (heartbeat, maintenance) and any late request a moment.
    await dash.waitForTimeout(2000);

    expect(seen.length).toBeGreaterThan(fixtures.length);
    const bad = seen.map((s) => ({ ...s, why: verdict(s, origin) })).filter((s) => s.why !== null);
    expect(bad).toEqual([]);
    // The fixture server saw only the pages opened.
    const paths = new Set([...opened].map((u) => new URL(u).pathname));
    expect(server.requests.filter((r) => !paths.has(r.path) && r.path !== '/from-the-worker' && r.path !== '/favicon.ico')).toEqual([]);
    for (const p of [...pages, report, popup, dash]) await p.close();
  }, 120_000);
});
