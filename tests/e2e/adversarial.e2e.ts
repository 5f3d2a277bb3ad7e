// Pages that try to knock Chaperone over, in real Chromium with the built extension: a message
// flood, a 1 MB message, a 50,000-element page, a page hunting for the nudge, a page spoofing the
// child's own messages. Each must leave the page responsive (a page-side heartbeat is compared with
// the same page on a host the content script does not run on), the log bounded, and the extension
// still working. `CHAPERONE_EXT=<dir>` points it at another build than .output/chrome-mv3.
// About two minutes: the flood runs for 20 s three times (baseline, extension, baseline).
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  currentWorker,
  findShadowUi,
  FIXTURES,
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

const ADVERSARIAL = path.join(FIXTURES, 'adversarial');
const js = (name: string) => path.join(ADVERSARIAL, name);
const SITE = 'discord.com';
/** Same page, no content script (not a chat site): the baseline for responsiveness. */
const PLAIN = 'chat.example.test';
/** Extra main-thread stall the extension may add over the baseline's worst one. */
const LAG_ALLOWANCE_MS = 300;
/** The background's per-tab limit: a burst of 60 signals, then 5 a second (lib/background/handler.ts). */
const TAB_BURST = 60;
const TAB_RATE = 5;
const RISKY = 'send me a pic of you rn';

interface PageHooks {
  heartbeat: { start(): void; stop(): { maxLag: number; over50: number[] } };
  flood(ms: number, perMinute: number, texts: string[]): Promise<number>;
  bigDom: { count(): number; churn(ms: number): Promise<number>; stop(): void };
  nudgeProbe: {
    hosts(): string[];
    probe(words: string): {
      host: string | null;
      shadowRootVisible: boolean | null;
      hostText: string | null;
      bodyTextHas: boolean;
      htmlHas: boolean;
      selectAllHas: boolean;
    };
    findProbe(words: string): { found: boolean; selected: string };
    attack(): string[];
  };
  removedByPage: { name: string; at: number }[];
  spoof: Record<'secondList' | 'claimInText' | 'sameDisplayName' | 'replyToChild' | 'insideList', (text: string) => string> & {
    outsideList(text: string, dir?: 'in' | 'out'): string;
    reinsert(times: number, text: string): string;
  };
}
type W = Window & PageHooks;

let l: Launched;
let server: FixtureServer;
let threadSeq = 7000;

async function open(host: string, opts: { init?: string[]; scripts?: string[] } = {}): Promise<{ page: Page; thread: string }> {
  const thread = String(++threadSeq);
  const page = await l.context.newPage();
  for (const f of opts.init ?? []) await page.addInitScript({ path: js(f) });
  await page.goto(server.url(host, `/channels/@me/${thread}`));
  await page.waitForFunction(() => typeof window.chatFixture === 'object');
  for (const f of ['heartbeat.js', ...(opts.scripts ?? [])]) await page.addScriptTag({ path: js(f) });
  return { page, thread };
}

/** Events logged for one Discord DM thread (the adapter's thread key is `@me/<channel>`). */
async function eventsIn(thread: string): Promise<Record<string, unknown>[]> {
  const sw = await currentWorker(l.context);
  return (await readEvents(sw)).filter((e) => e.thread === `@me/${thread}`);
}

const nudges = (page: Page) => findShadowUi(page, 'data-chaperone-nudge');

/** The nudge card's computed position, read through the DevTools protocol (the page cannot). */
async function cardBox(page: Page): Promise<{ position: string }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: unknown };
    const found: number[] = [];
    const walk = (n: { nodeId: number; attributes?: string[]; children?: unknown[]; shadowRoots?: unknown[] }) => {
      if ((n.attributes ?? []).includes('data-chaperone-nudge')) found.push(n.nodeId);
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c as typeof n);
    };
    walk(root as Parameters<typeof walk>[0]);
    if (!found[0]) throw new Error('no nudge card on the page');
    const { computedStyle } = (await cdp.send('CSS.getComputedStyleForNode', { nodeId: found[0] })) as { computedStyle: { name: string; value: string }[] };
    return { position: computedStyle.find((p) => p.name === 'position')?.value ?? '' };
  } finally {
    await cdp.detach();
  }
}

/** A new risky message in a fresh tab is still logged and nudged. */
async function stillWorks(): Promise<void> {
  const { page, thread } = await open(SITE);
  await page.evaluate((t) => window.chatFixture.add('in', t), RISKY);
  const events = await waitFor(() => eventsIn(thread), (e) => e.length > 0, 20_000);
  expect(events[0]!.categories).toContain('image_request');
  await waitFor(() => nudges(page), (n) => n.length > 0, 10_000);
  await page.close();
}

/** Runs `action` on the page with the heartbeat on; the worst stall it saw. */
async function stall(page: Page, action: () => Promise<unknown>, settleMs = 1000): Promise<number> {
  await page.evaluate(() => (window as unknown as W).heartbeat.start());
  await action();
  await page.waitForTimeout(settleMs);
  const r = await page.evaluate(() => (window as unknown as W).heartbeat.stop());
  return r.maxLag;
}

/**
 * The baseline's worst stall, measured before and after the run with the extension (the larger
 * of the two), so a burst of load from elsewhere on a shared machine does not decide the result.
 */
async function baselineLag(baseline: () => Promise<number>, withExtension: () => Promise<void>): Promise<number> {
  const before = await baseline();
  await withExtension();
  return Math.max(before, await baseline());
}

beforeAll(async () => {
  server = await startFixtureServer();
  const html = fixtureHtml('sites/discord.html');
  server.serve(SITE, html);
  server.serve(PLAIN, html);
  l = await launchExtension({ extensionDir: process.env.CHAPERONE_EXT || undefined });
}, 60_000);

afterAll(async () => {
  await l?.close();
  await server?.close();
});

describe('floods and sizes', () => {
  // 10,000 a minute for 20 s (3,333 messages) keeps CI short; the rate is what matters.
  const FLOOD_MS = 20_000;
  const FLOOD_TEXTS = [RISKY, 'dont tell your parents about us', 'are you home alone right now?', 'add me on telegram, its more private', 'you are so mature for your age'];

  it('a page inserting 10,000 risky messages a minute stays responsive and the log stays within the per-tab limit', async () => {
    const flood = async (host: string) => {
      const { page, thread } = await open(host, { scripts: ['flood.js'] });
      const started = Date.now();
      let inserted = 0;
      const lag = await stall(page, async () => {
        inserted = await page.evaluate(([ms, texts]) => (window as unknown as W).flood(ms as number, 10_000, texts as string[]), [FLOOD_MS, FLOOD_TEXTS] as const);
      });
      return { page, thread, started, inserted, lag };
    };
    let ext = { inserted: 0, lag: 0, events: 0, seconds: 0 };
    const baseLag = await baselineLag(
      async () => {
        const b = await flood(PLAIN);
        await b.page.close();
        return b.lag;
      },
      async () => {
        const e = await flood(SITE);
        const events = (await eventsIn(e.thread)).length;
        ext = { inserted: e.inserted, lag: e.lag, events, seconds: (Date.now() - e.started) / 1000 };
        await e.page.close();
      },
    );
    console.info(`flood, worst stall: extension ${ext.lag} ms, baseline ${baseLag} ms; ${ext.events} events for ${ext.inserted} messages in ${Math.round(ext.seconds)} s`);
    expect(ext.inserted).toBeGreaterThanOrEqual(3300);
    // Thousands of flagged messages, but only what the per-tab token bucket lets through is kept.
    expect(ext.events).toBeGreaterThan(0);
    expect(ext.events).toBeLessThanOrEqual(TAB_BURST + TAB_RATE * ext.seconds + 1);
    expect(ext.lag, `baseline ${baseLag} ms`).toBeLessThanOrEqual(baseLag + LAG_ALLOWANCE_MS);
    await stillWorks();
  }, 150_000);

  it('a 1 MB message is read without freezing the page and logged once, with a short excerpt', async () => {
    const filler = ' and then we played the new level until dinner, it was so much fun honestly';
    const big = `${RISKY}.${filler.repeat(Math.ceil((1 << 20) / filler.length))}`.slice(0, 1 << 20);
    // A few seconds each, so three of each, interleaved, and medians: one stray stall decides nothing.
    const baseLags: number[] = [];
    const extLags: number[] = [];
    for (let i = 0; i < 3; i++) {
      const base = await open(PLAIN);
      baseLags.push(await stall(base.page, () => base.page.evaluate((t) => void window.chatFixture.add('in', t), big), 2000));
      await base.page.close();
      const { page, thread } = await open(SITE);
      extLags.push(
        await stall(page, async () => {
          await page.evaluate((t) => void window.chatFixture.add('in', t), big);
          await waitFor(() => eventsIn(thread), (e) => e.length > 0, 30_000);
        }),
      );
      const events = await eventsIn(thread);
      await page.close();
      expect(events).toHaveLength(1);
      expect(events[0]!.categories).toContain('image_request');
      expect(String(events[0]!.excerpt).length).toBeLessThanOrEqual(320);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    console.info(`1 MB message, worst stall: extension ${extLags.join(', ')} ms; baseline ${baseLags.join(', ')} ms`);
    expect(median(extLags), `extension ${extLags.join(', ')} ms; baseline ${baseLags.join(', ')} ms`).toBeLessThanOrEqual(median(baseLags) + LAG_ALLOWANCE_MS);
    await stillWorks();
  }, 120_000);

  it('a 50,000-element page with a churning sidebar stays responsive, and only the real message is read', async () => {
    const churn = async (host: string) => {
      const { page, thread } = await open(host, { scripts: ['big-dom.js'] });
      const count = await page.evaluate(() => (window as unknown as W).bigDom.count());
      const lag = await stall(page, async () => {
        const done = page.evaluate(() => (window as unknown as W).bigDom.churn(4000));
        await page.waitForTimeout(1500);
        await page.evaluate((t) => void window.chatFixture.add('in', t), RISKY);
        await done;
      });
      return { page, thread, count, lag };
    };
    let ext = { count: 0, lag: 0, events: [] as Record<string, unknown>[], nudges: 0 };
    const baseLag = await baselineLag(
      async () => {
        const b = await churn(PLAIN);
        await b.page.close();
        return b.lag;
      },
      async () => {
        const e = await churn(SITE);
        await waitFor(() => eventsIn(e.thread), (x) => x.length > 0, 20_000);
        await e.page.waitForTimeout(1000);
        ext = { count: e.count, lag: e.lag, events: await eventsIn(e.thread), nudges: (await nudges(e.page)).length };
        await e.page.close();
      },
    );
    console.info(`50,000 elements, worst stall: extension ${ext.lag} ms, baseline ${baseLag} ms (${ext.count} elements)`);
    expect(ext.count).toBeGreaterThanOrEqual(50_000);
    // The sidebar's 10,000 "send me a pic of you" lines are not messages.
    expect(ext.events).toHaveLength(1);
    expect(ext.events[0]!.categories).toContain('image_request');
    expect(ext.nudges).toBe(1);
    expect(ext.lag, `baseline ${baseLag} ms`).toBeLessThanOrEqual(baseLag + LAG_ALLOWANCE_MS);
  }, 120_000);
});

describe('a page hunting for the nudge', () => {
  let page: Page;
  let words: string;

  beforeAll(async () => {
    // The page patches attachShadow before any script runs, hoping to get the root opened.
    ({ page } = await open(SITE, { init: ['force-open-shadow.js'], scripts: ['nudge-probe.js'] }));
    await page.evaluate((t) => void window.chatFixture.add('in', t), RISKY);
    const ui = await waitFor(() => nudges(page), (n) => n.length > 0, 15_000);
    words = ui[0]!.text.split(' ').slice(0, 3).join(' ');
  }, 60_000);

  afterAll(async () => {
    await page?.close();
  });

  it('hears no window message from the extension (nothing tells page scripts it started)', async () => {
    const p = await l.context.newPage();
    await p.addInitScript(() => {
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      window.addEventListener('message', (e) => heard.push(JSON.stringify(e.data)?.slice(0, 200) ?? String(e.data)), true);
    });
    await p.goto(server.url(SITE, `/channels/@me/${++threadSeq}`));
    await p.waitForFunction(() => typeof window.chatFixture === 'object');
    await p.evaluate((t) => void window.chatFixture.add('in', t), RISKY);
    await waitFor(() => nudges(p), (n) => n.length > 0, 15_000);
    // The fixture's own scripts post no messages either: anything heard came from the extension.
    expect(await p.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual([]);
    await p.close();
  });

  it('finds the host element but cannot open it or read its text', async () => {
    const seen = await page.evaluate((w) => (window as unknown as W).nudgeProbe.probe(w), words);
    expect(seen.host).toMatch(/^[a-z]+-[a-z0-9]+$/);
    expect(seen.shadowRootVisible).toBe(false);
    expect(seen.hostText).toBe('');
    expect(seen.bodyTextHas).toBe(false);
    expect(seen.htmlHas).toBe(false);
    expect(seen.selectAllHas).toBe(false);
  });

  it('clicks, focus and key presses from the page neither dismiss it nor press its buttons', async () => {
    const before = await nudges(page);
    const tabs = l.context.pages().length;
    const hit = await page.evaluate(() => (window as unknown as W).nudgeProbe.attack());
    expect(hit).toHaveLength(1);
    await page.waitForTimeout(500);
    const after = await nudges(page);
    expect(after).toHaveLength(1);
    expect(after[0]!.text).toBe(before[0]!.text);
    // The Report button opens a tab; nothing the page did pressed it.
    expect(l.context.pages().length).toBe(tabs);
  });

  // Known leak, kept visible: window.find() walks rendered text inside closed shadow roots, so a
  // page can test for a known nudge sentence and read the match from its selection. When the
  // nudge moves out of the page's reach (an extension iframe), this test fails: flip it then.
  it('KNOWN LEAK: window.find() can match the nudge text (page learns which wording is shown)', async () => {
    const r = await page.evaluate((w) => (window as unknown as W).nudgeProbe.findProbe(w), words);
    expect(r.found).toBe(true);
  });

  it('a page that removes unknown elements from <body> hides the nudge; the flag is still logged and a new level mounts a new one', async () => {
    const { page: p, thread } = await open(SITE, { init: ['remove-unknown.js'] });
    await p.evaluate((t) => void window.chatFixture.add('in', t), RISKY);
    await waitFor(() => p.evaluate(() => (window as unknown as W).removedByPage.length), (n) => n >= 1, 15_000);
    expect(await nudges(p)).toHaveLength(0);
    const first = await eventsIn(thread);
    expect(first.length).toBeGreaterThan(0);
    // Chaperone does not fight the page for the DOM: the same level is not re-shown...
    await p.waitForTimeout(1000);
    expect(await p.evaluate(() => (window as unknown as W).removedByPage.length)).toBe(1);
    // ...but a higher level is a new nudge (which this page removes again).
    for (const t of ['this is just between us ok, dont tell anyone', 'are your parents home right now?', 'send me a photo of you in your room']) {
      await p.evaluate((x) => void window.chatFixture.add('in', x), t);
    }
    const levels = await waitFor(
      async () => (await eventsIn(thread)).map((e) => e.level as string),
      (ls) => ls.includes('alert'),
      15_000,
    );
    expect(levels).toContain('alert');
    await waitFor(() => p.evaluate(() => (window as unknown as W).removedByPage.length), (n) => n >= 2, 10_000);
    // The toolbar popup still has the tab's flag, whatever the page did to the nudge.
    const popup = await openExtensionPage(l, 'popup.html');
    const flagged = await popup.evaluate(async (t) => {
      // chrome.d.ts (shared) types only runtime; tabs.query is available to every extension page.
      const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } }).chrome;
      const tabs = await api.tabs.query({});
      for (const tab of tabs) {
        const r = (await chrome.runtime.sendMessage({ type: 'tab-status', v: 1, tabId: tab.id })) as {
          ok: boolean;
          data?: { level: string; conversations: { thread: string }[] };
        };
        if (r.ok && r.data?.conversations.some((c) => c.thread === t)) return r.data.level;
      }
      return null;
    }, `@me/${thread}`);
    expect(flagged).toBe('alert');
    await popup.close();
    await p.close();
  }, 60_000);
});

describe('a chat page with a strict Content-Security-Policy', () => {
  // Real chat sites send strict policies (no inline script or style without a nonce, no other
  // origins). The content script's isolated world, the views it imports from the extension
  // (lib/content/ui.ts) and their <style> in the closed shadow root must not be blocked by them.
  const CSP = "default-src 'none'; script-src 'nonce-fixture'; style-src 'nonce-fixture'; img-src 'self' data: https://cdn.discordapp.com; connect-src 'self'; font-src 'self'";
  const violations: string[] = [];
  let page: Page;

  beforeAll(async () => {
    const html = fixtureHtml('sites/discord.html').replace(/<(script|style)>/g, '<$1 nonce="fixture">');
    server.serve(SITE, html, { 'content-security-policy': CSP });
    page = await l.context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(server.url(SITE, `/channels/@me/${++threadSeq}`));
    await page.waitForFunction(() => typeof window.chatFixture === 'object');
  }, 60_000);

  afterAll(async () => {
    await page?.close();
    server.serve(SITE, fixtureHtml('sites/discord.html'));
  });

  it('the page runs under the policy, and the nudge still appears, styled, with its wording', async () => {
    // The policy is in force: the page itself cannot add an inline script.
    const inlineRan = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.append(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(inlineRan).toBe(false);
    // The fixture's own inline style attributes and the script above are refused before this.
    const pageOwn = violations.length;
    await page.evaluate((t) => void window.chatFixture.add('in', t), RISKY);
    const ui = await waitFor(() => nudges(page), (n) => n.length > 0, 15_000);
    expect(ui[0]!.text).toMatch(/photo|picture|pic/i);
    // Styled: the card is fixed in a corner (an unstyled one would sit in the page's flow).
    const box = await cardBox(page);
    expect(box.position).toBe('fixed');
    expect(violations.slice(pageOwn)).toEqual([]);
  });
});

describe('a page spoofing the child’s own messages (Discord; lib/sites/README.md trust model)', () => {
  const SHARE = 'my number is 012 345 678 and i live at 12 street 5';
  const shares = (events: Record<string, unknown>[]) =>
    events.filter((e) => e.dir === 'out' && (e.categories as string[]).includes('share_personal_info'));

  it('message rows outside any message list (the child’s or the other party’s) are not read', async () => {
    const { page, thread } = await open(SITE, { scripts: ['spoof.js'] });
    await page.evaluate((t) => (window as unknown as W).spoof.outsideList(t), SHARE);
    await page.evaluate((t) => (window as unknown as W).spoof.outsideList(t, 'in'), RISKY);
    // A real message afterwards: once it is logged, the spoofs before it have been looked at.
    await page.evaluate(() => void window.chatFixture.add('in', 'are your parents home right now?'));
    const events = await waitFor(() => eventsIn(thread), (e) => e.length > 0, 15_000);
    await page.waitForTimeout(500);
    expect(await eventsIn(thread)).toHaveLength(events.length);
    expect(shares(events)).toHaveLength(0);
    expect(events.every((e) => e.dir === 'in' && !(e.categories as string[]).includes('image_request'))).toBe(true);
    await page.close();
  });

  it('the other party’s words, display name or reply preview never make a message the child’s', async () => {
    const { page, thread } = await open(SITE, { scripts: ['spoof.js'] });
    const s = (fn: 'claimInText' | 'sameDisplayName' | 'replyToChild', t: string) =>
      page.evaluate(([f, x]) => (window as unknown as W).spoof[f as 'claimInText'](x as string), [fn, t] as const);
    for (const fn of ['claimInText', 'sameDisplayName', 'replyToChild'] as const) {
      await s(fn, SHARE);
      await s(fn, RISKY);
    }
    // Each risky line was read, and read as the other party's.
    const events = await waitFor(() => eventsIn(thread), (e) => e.filter((x) => (x.categories as string[]).includes('image_request')).length >= 3, 15_000);
    await page.waitForTimeout(500);
    const all = await eventsIn(thread);
    expect(all.filter((e) => (e.categories as string[]).includes('image_request')).every((e) => e.dir === 'in')).toBe(true);
    expect(all.some((e) => e.dir === 'out')).toBe(false);
    expect(shares(all)).toHaveLength(0);
    expect(events.length).toBeGreaterThanOrEqual(3);
    await page.close();
  });

  it('markup with the child’s markers inside the real list is read as the child’s, once per row (the page is the site)', async () => {
    const { page, thread } = await open(SITE, { scripts: ['spoof.js'] });
    await page.evaluate((t) => (window as unknown as W).spoof.insideList(t), SHARE);
    await page.evaluate((t) => (window as unknown as W).spoof.insideList(t), SHARE);
    const events = await waitFor(() => eventsIn(thread), (e) => shares(e).length >= 2, 15_000);
    await page.waitForTimeout(500);
    expect(shares(await eventsIn(thread))).toHaveLength(2);
    expect(events.every((e) => e.dir === 'out')).toBe(true);
    await page.close();
  });

  // The README promises reading only inside the real list; a page can add a look-alike list and
  // the adapter (which finds lists by their attributes) reads it as well. The page is the site,
  // so this is within the trust model, but it is wider than "the real list": reported.
  it('LIMIT: a second list copying the real one’s attributes, elsewhere on the page, is read like the real one', async () => {
    const { page, thread } = await open(SITE, { scripts: ['spoof.js'] });
    await page.evaluate((t) => (window as unknown as W).spoof.secondList(t), SHARE);
    const events = await waitFor(() => eventsIn(thread), (e) => shares(e).length >= 1, 15_000);
    expect(shares(events)).toHaveLength(1);
    await page.close();
  });

  it('one message row re-inserted 50 times is logged once', async () => {
    const { page, thread } = await open(SITE, { scripts: ['spoof.js'] });
    await page.evaluate((t) => (window as unknown as W).spoof.reinsert(50, t), RISKY);
    await waitFor(() => eventsIn(thread), (e) => e.length > 0, 15_000);
    await page.waitForTimeout(1000);
    expect(await eventsIn(thread)).toHaveLength(1);
    await page.close();
  });

  it('the extension still flags and nudges in a fresh tab afterwards', async () => {
    await stillWorks();
  }, 60_000);
});
