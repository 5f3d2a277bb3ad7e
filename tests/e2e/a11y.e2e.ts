// Accessibility in real Chromium, in English and in Khmer: axe-core over the first-run page,
// the dashboard (summary, settings, data, unlock), the popup (with the parent's view open), the
// privacy page and every nudge view, with no serious or critical violation; Tab reaches every
// control in document order with a visible focus ring; nothing moves under
// prefers-reduced-motion. It also saves the README's screenshots (docs/screenshots), so they
// show what the code draws today.
//
// The nudge lives in a closed shadow root that axe cannot enter. Its views are therefore bundled
// on their own (Vite, the same components, NUDGE_CSS and font registration as the content script)
// and shown in an open shadow root on a plain page; the real nudge on a chat page is still
// checked for its language and font, and photographed.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import preact from '@preact/preset-vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, type Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXTENSION_DIR,
  ROOT,
  chromiumPath,
  findShadowUi,
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

const EXT = process.env.CHAPERONE_OUT_DIR ? path.join(process.env.CHAPERONE_OUT_DIR, 'chrome-mv3') : EXTENSION_DIR;
const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');
const require = createRequire(path.join(ROOT, 'package.json'));
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const LANGS = ['en', 'km'] as const;
type Lang = (typeof LANGS)[number];
const LOCALE: Record<Lang, string> = { en: 'en-GB', km: 'km-KH' };
const KHMER = /[\u1780-\u17FF]/;
const PIN = '2468';

const GROOMING = [
  'hey, your drawings are amazing',
  'you are so mature for your age',
  'are your parents home right now?',
  'this is just between us ok, dont tell anyone',
  'send me a pic of you',
];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const minorFindings: string[] = [];

/**
 * axe-core's violations on the page (or inside `selector`). Injected with page.evaluate: the
 * extension pages' CSP (script-src 'self') refuses addScriptTag's inline script, while the
 * DevTools protocol's evaluation is not subject to it.
 */
async function axe(page: Page, label: string, selector?: string): Promise<Violation[]> {
  // A transition under way (a nav link changing colour after a click) would be measured mid-way.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)).then(() => undefined));
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (sel) => {
    const run = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe.run;
    interface AxeViolation {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: unknown[] }[];
    }
    const r = await run(sel ?? document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }, selector);
  for (const v of violations.filter((x) => x.impact !== 'serious' && x.impact !== 'critical')) {
    minorFindings.push(`${label}: ${v.id} (${v.impact}) ${v.help} at ${v.targets.join(' ')}`);
  }
  return violations;
}

function seriousOf(violations: Violation[]): string[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(' ')}`);
}

interface TabStop {
  index: string | null;
  focusVisible: boolean;
  ring: boolean;
  what: string;
}

/**
 * Presses Tab from the top of the page once per control and returns where the focus went, with
 * the controls expected in document order (one stop per radio group, as browsers do).
 */
async function tabThrough(page: Page): Promise<{ expected: string[]; stops: TabStop[] }> {
  const expected = await page.evaluate(() => {
    const all = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]')];
    const focusable = all.filter((el) => {
      if ((el as HTMLButtonElement).disabled || el.tabIndex < 0) return false;
      if (el instanceof HTMLInputElement && el.type === 'hidden') return false;
      if (el.closest('[hidden], [inert], fieldset[disabled]')) return false;
      return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    });
    const radioStop = new Map<string, HTMLInputElement>();
    for (const el of focusable) {
      if (!(el instanceof HTMLInputElement) || el.type !== 'radio') continue;
      const current = radioStop.get(el.name);
      if (!current || (el.checked && !current.checked)) radioStop.set(el.name, el);
    }
    const stops = focusable.filter((el) => !(el instanceof HTMLInputElement && el.type === 'radio') || radioStop.get(el.name) === el);
    stops.forEach((el, i) => el.setAttribute('data-tab-stop', String(i)));
    // Start the sequential navigation from the top of the document.
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute('tabindex');
    return stops.map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} ${(el.textContent ?? '').trim().slice(0, 30)}`);
  });
  const stops: TabStop[] = [];
  for (let i = 0; i < expected.length; i++) {
    await page.keyboard.press('Tab');
    stops.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const st = el ? getComputedStyle(el) : null;
        const ring = !!st && ((st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) > 0) || st.boxShadow !== 'none');
        return {
          index: el?.getAttribute('data-tab-stop') ?? null,
          focusVisible: !!el && el.matches(':focus-visible'),
          ring,
          what: el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}` : 'nothing',
        };
      }),
    );
  }
  return { expected, stops };
}

async function expectKeyboardUsable(page: Page): Promise<void> {
  const { expected, stops } = await tabThrough(page);
  expect(expected.length).toBeGreaterThan(0);
  expect(stops.map((s) => s.index)).toEqual(expected.map((_, i) => String(i)));
  expect(stops.filter((s) => !s.focusVisible || !s.ring).map((s) => s.what)).toEqual([]);
}

/** Under prefers-reduced-motion: reduce, no animation runs and none is declared. */
async function expectStill(page: Page): Promise<void> {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const moving = await page.evaluate(() => ({
    running: document.getAnimations().length,
    declared: [...document.querySelectorAll('*')].filter((e) => getComputedStyle(e).animationName !== 'none').map((e) => e.tagName),
  }));
  expect(moving).toEqual({ running: 0, declared: [] });
  await page.emulateMedia({ reducedMotion: null });
}

async function saveScreenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Fonts first, so Khmer is drawn in the bundled font rather than a fallback.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' });
}

/** The browser's id for a page's tab (without the tabs permission, only the active tab is known by its state). */
async function tabIdOf(l: Launched, page: Page): Promise<number> {
  await page.bringToFront();
  const id = await l.sw.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } }).chrome;
    return (await api.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? null;
  });
  if (id === null) throw new Error(`no tab for ${page.url()}`);
  return id;
}

/** Chaperone's UI in the page's closed shadow roots; empty while the page is replacing it. */
async function shadowUi(page: Page, marker: string) {
  return findShadowUi(page, marker).catch(() => []);
}

describe.each(LANGS)('extension pages in %s', (lang) => {
  let l: Launched;
  let server: FixtureServer;
  let dash: Page;
  let chat: Page;

  beforeAll(async () => {
    server = await startFixtureServer();
    server.serve('discord.com', fixtureHtml('sites/discord.html'));
    l = await launchExtension({ extensionDir: EXT, locale: LOCALE[lang], timezoneId: 'Asia/Phnom_Penh' });
  });

  afterAll(async () => {
    await l?.close();
    await server?.close();
  });

  it('first-run set-up: axe, keyboard, focus, reduced motion; then the PIN is set', async () => {
    dash = await openExtensionPage(l, 'dashboard.html#/setup');
    await dash.setViewportSize({ width: 1100, height: 800 });
    await dash.waitForSelector('[data-testid="setup-form"]');
    await dash.selectOption('#f-language', lang);
    await waitFor(() => dash.evaluate(() => document.documentElement.lang), (v) => v === lang);
    if (lang === 'km') expect(await dash.locator('h2').first().textContent()).toMatch(KHMER);

    expect(seriousOf(await axe(dash, `setup ${lang}`))).toEqual([]);
    await expectKeyboardUsable(dash);
    await expectStill(dash);

    await dash.fill('[data-testid="pin-input"]', PIN);
    await dash.fill('[data-testid="pin-confirm"]', PIN);
    await dash.click('[data-testid="pin-submit"]');
    await dash.waitForSelector('[data-testid="summary"]');
    expect(dash.url()).toMatch(/#\/summary$/);
  });

  it('the nudge on a chat page speaks the family language', async () => {
    chat = await l.context.newPage();
    await chat.setViewportSize({ width: 1000, height: 720 });
    await chat.goto(server.url('discord.com', '/channels/@me/123'));
    await chat.waitForFunction(() => typeof window.chatFixture === 'object');
    for (const text of GROOMING) await chat.evaluate((t) => window.chatFixture.add('in', t), text);
    const [nudge] = await waitFor(
      () => shadowUi(chat, 'data-chaperone-nudge'),
      (n) => n[0]?.attributes['data-level'] === 'alert',
      15_000,
    );
    expect(nudge!.attributes.lang).toBe(lang);
    if (lang === 'km') expect(nudge!.text).toMatch(KHMER);
    await chat.waitForTimeout(400);
    await saveScreenshot(chat, `nudge-${lang}`, false);
  });

  // The content script registers the bundled font (lib/fonts/register.ts) for Khmer views only.
  it(`registers the bundled Khmer font on the chat page ${lang === 'km' ? 'for the Khmer nudge' : 'only when a view is in Khmer'}`, async () => {
    const count = () =>
      chat.evaluate(() => [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === 'Noto Sans Khmer' && f.status === 'loaded').length);
    if (lang === 'km') {
      const loaded = await waitFor(count, (n) => n >= 2, 5_000).catch(() => 0);
      expect(loaded, 'the content script must call registerKhmerFont (lib/fonts/register.ts)').toBeGreaterThanOrEqual(2);
    } else {
      expect(await count()).toBe(0);
    }
  });

  it('weekly summary: axe, keyboard, focus, reduced motion, screenshot', async () => {
    await waitFor(() => readEvents(l.sw), (e) => e.some((x) => x.level === 'alert'));
    await dash.reload();
    await dash.waitForSelector('[data-testid="summary"]');
    await waitFor(() => dash.getAttribute('[data-testid="flagged-conversations"]', 'data-count'), (n) => Number(n) > 0);
    expect(seriousOf(await axe(dash, `summary ${lang}`))).toEqual([]);
    await saveScreenshot(dash, `dashboard-summary-${lang}`);
    await expectKeyboardUsable(dash);
    await expectStill(dash);
  });

  it('settings and data pages: axe', async () => {
    await dash.click('[data-testid="nav-settings"]');
    await dash.waitForSelector('[data-testid="settings-form"]');
    expect(seriousOf(await axe(dash, `settings ${lang}`))).toEqual([]);
    await dash.click('[data-testid="nav-data"]');
    await dash.waitForSelector('[data-testid="delete-all"]');
    expect(seriousOf(await axe(dash, `data ${lang}`))).toEqual([]);
  });

  it('unlock page: axe, keyboard', async () => {
    await dash.click('[data-testid="lock-button"]');
    await dash.waitForSelector('[data-testid="unlock-form"]');
    expect(dash.url()).toMatch(/#\/unlock$/);
    expect(seriousOf(await axe(dash, `unlock ${lang}`))).toEqual([]);
    await expectKeyboardUsable(dash);
  });

  it('popup over the chat tab: axe (also with the parent view open), keyboard, focus, reduced motion, screenshot', async () => {
    const tab = await tabIdOf(l, chat);
    const popup = await openExtensionPage(l, `popup.html?tab=${tab}`);
    await popup.setViewportSize({ width: 380, height: 640 });
    await popup.waitForSelector('[data-testid="tab-conversation"]', { timeout: 15_000 });
    expect(await popup.getAttribute('.popup', 'lang')).toBe(lang);
    expect(seriousOf(await axe(popup, `popup ${lang}`))).toEqual([]);
    await saveScreenshot(popup, `popup-${lang}`);
    await expectKeyboardUsable(popup);
    await expectStill(popup);

    await popup.click('[data-testid="parent-toggle"]');
    await popup.waitForSelector('[data-testid="parent-view"] [data-testid="summary"]');
    expect(seriousOf(await axe(popup, `popup parent view ${lang}`))).toEqual([]);
    await popup.close();
  });

  it('privacy page: in the language asked for, axe, keyboard', async () => {
    const page = await openExtensionPage(l, `privacy.html?lang=${lang}`);
    await page.waitForSelector('h1');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    const heading = (await page.locator('h1').textContent()) ?? '';
    expect(KHMER.test(heading)).toBe(lang === 'km');
    expect(await page.locator('section[data-section]').count()).toBeGreaterThanOrEqual(8);
    expect(seriousOf(await axe(page, `privacy ${lang}`))).toEqual([]);
    await expectKeyboardUsable(page);
    await expectStill(page);
    await page.close();
  });
});

// The views of components/nudge, exactly as the content script mounts them, with the parent's
// settings and the Cambodian helpline.
const NUDGE_ENTRY = `
import { h, render } from 'preact';
import { ImagePause, InfoReminder, Nudge, NUDGE_CSS } from '@/components/nudge';
import { helpInfoFor } from '@/lib/report/help-info';
import { registerKhmerFont } from '@/lib/fonts/register';
import { DEFAULT_SETTINGS } from '@/lib/settings/model';

const help = helpInfoFor(
  { ...DEFAULT_SETTINGS, region: 'KH', trustedAdult: { name: 'Sophea', contact: '012 345 678' } },
  { timeZone: 'Asia/Phnom_Penh', language: 'km' },
);
const noop = () => {};
const VIEWS = {
  warn: (lang) => h(Nudge, { lang, level: 'warn', categories: ['secrecy', 'isolation_check'], party: 'Dara', help, onReport: noop, onDismiss: noop }),
  alert: (lang) => h(Nudge, { lang, level: 'alert', categories: ['sextortion_threat', 'image_request'], party: '', help, onReport: noop, onDismiss: noop }),
  reminder: (lang) => h(InfoReminder, { lang, kinds: ['phone', 'school'], onDismiss: noop }),
  pause: (lang) => h(ImagePause, { lang, party: 'Dara', help, onContinue: noop, onCancel: noop, onReport: noop }),
};

window.showView = (name, lang) => {
  const host = document.getElementById('nudge-host');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = NUDGE_CSS;
  const container = document.createElement('div');
  shadow.append(style, container);
  render(VIEWS[name](lang), container);
  window.nudgeShadow = shadow;
  return registerKhmerFont(document, (p) => '/' + p);
};
`;

const NUDGE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Chat</title></head>
<body><main><h1>Chat</h1><p>Messages would be here.</p></main><div id="nudge-host"></div>
<script type="module" src="/nudge.js"></script></body></html>`;

async function bundleNudgeViews(): Promise<string> {
  const id = 'virtual:nudge-views';
  const out = (await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    resolve: { alias: { '@': ROOT } },
    plugins: [
      preact(),
      { name: 'nudge-views', resolveId: (s) => (s === id ? `\0${id}` : null), load: (s) => (s === `\0${id}` ? NUDGE_ENTRY : null) },
    ],
    build: { write: false, minify: false, modulePreload: false, rollupOptions: { input: id } },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const chunk = (Array.isArray(out) ? out[0]! : out).output.find((o): o is Rollup.OutputChunk => o.type === 'chunk' && o.isEntry);
  if (!chunk) throw new Error('the nudge views did not bundle');
  return chunk.code;
}

const NUDGE_VIEWS = ['warn', 'alert', 'reminder', 'pause'] as const;

describe('nudge views (standalone, in an open shadow root)', () => {
  let browser: Browser;
  let script: string;

  beforeAll(async () => {
    script = await bundleNudgeViews();
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function show(view: (typeof NUDGE_VIEWS)[number], lang: Lang, reducedMotion: 'reduce' | 'no-preference' = 'reduce') {
    const page = await browser.newPage({ viewport: { width: 1000, height: 720 }, reducedMotion });
    await page.route('http://nudge.test/**', (route) => {
      const { pathname } = new URL(route.request().url());
      if (pathname === '/nudge.js') return route.fulfill({ contentType: 'text/javascript', body: script });
      if (pathname.startsWith('/fonts/')) {
        const file = require.resolve(`@fontsource/noto-sans-khmer/files/${path.basename(pathname)}`);
        return route.fulfill({ contentType: 'font/woff2', body: readFileSync(file) });
      }
      return route.fulfill({ contentType: 'text/html', body: NUDGE_PAGE });
    });
    await page.goto('http://nudge.test/');
    await page.waitForFunction(() => 'showView' in window);
    const fontsOk = await page.evaluate(
      ([v, l]) => (window as unknown as { showView(v: string, l: string): Promise<boolean> }).showView(v, l),
      [view, lang] as const,
    );
    await page.waitForFunction(() => {
      const root = (window as unknown as { nudgeShadow: ShadowRoot }).nudgeShadow.querySelector('.chp-root');
      return root?.hasAttribute('data-ready');
    });
    return { page, fontsOk };
  }

  it.each(LANGS.flatMap((lang) => NUDGE_VIEWS.map((view) => [view, lang] as const)))(
    '%s in %s: no serious or critical axe violation',
    async (view, lang) => {
      const { page, fontsOk } = await show(view, lang);
      expect(fontsOk).toBe(true);
      if (view === 'warn' || view === 'alert') {
        // With the help panel open too: its links are part of what the child meets.
        await page.evaluate(() => (window as unknown as { nudgeShadow: ShadowRoot }).nudgeShadow.querySelector<HTMLElement>('[data-action="help"]')?.click());
      }
      const text = await page.evaluate(() => (window as unknown as { nudgeShadow: ShadowRoot }).nudgeShadow.textContent ?? '');
      expect(KHMER.test(text)).toBe(lang === 'km');
      expect(seriousOf(await axe(page, `nudge ${view} ${lang}`, '#nudge-host'))).toEqual([]);
      await page.close();
    },
  );

  it('the card rises in only when motion is welcome', async () => {
    const names = async (page: Page) =>
      page.evaluate(() => {
        const shadow = (window as unknown as { nudgeShadow: ShadowRoot }).nudgeShadow;
        const card = shadow.querySelector('.chp-card')!;
        return { name: getComputedStyle(card).animationName, running: shadow.getAnimations().length + document.getAnimations().length };
      });
    const moving = await show('alert', 'en', 'no-preference');
    expect((await names(moving.page)).name).toBe('chp-rise');
    await moving.page.close();
    const still = await show('alert', 'en', 'reduce');
    expect(await names(still.page)).toEqual({ name: 'none', running: 0 });
    await still.page.close();
  });

  afterAll(() => {
    // Moderate and minor findings do not fail the run, but stay visible.
    if (minorFindings.length > 0) console.info(`axe, moderate and minor:\n${[...new Set(minorFindings)].join('\n')}`);
  });
});
