// The parent dashboard end to end (issue #7), in real Chromium with the built extension: the
// first run opens set-up and lands on the summary; the PIN gate (wrong tries, the right one, the
// lockout); the summary of events logged for real by the content script on a chat page; settings
// that survive a browser restart; an evidence export that the project's verifier accepts; and
// "delete everything". One browser at a time; the tests run in order and share the profile.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROOT,
  currentWorker,
  fixtureHtml,
  launchExtension,
  readEvents,
  startFixtureServer,
  waitFor,
  type FixtureServer,
  type Launched,
} from './harness';
import './fixture-hook';

const PIN = '482916';
const WRONG = ['111111', '222222', '333333', '444444', '555555'];
const VIEWPORT = { width: 1100, height: 900 };
const SCREENSHOT = path.join(ROOT, 'docs/screenshots/dashboard-flow.png');

/** Said to the child by "Alex" on the Discord fixture: one category each, rising to alert. */
const RISKY = [
  { id: '1390000000000000001', text: 'you are so mature for your age' },
  { id: '1390000000000000002', text: 'are your parents home right now?' },
  { id: '1390000000000000003', text: 'this is just between us ok, dont tell anyone' },
  { id: '1390000000000000004', text: 'send me a pic of you rn' },
];

type Area = 'local' | 'session';
interface ChromeStorage {
  chrome: { storage: Record<Area, { get(key: string): Promise<Record<string, unknown>> }> };
}

/** A value from chrome.storage, read inside the service worker. */
async function stored(w: Worker, area: Area, key: string): Promise<unknown> {
  return w.evaluate(
    async ([a, k]) => (await (globalThis as unknown as ChromeStorage).chrome.storage[a as Area].get(k!))[k!],
    [area, key],
  );
}

const tid = (id: string) => `[data-testid="${id}"]`;

async function dataCount(page: Page, testid: string): Promise<number> {
  const v = await page.locator(tid(testid)).first().getAttribute('data-count');
  return Number(v);
}

function countBy<T>(items: T[], key: (t: T) => string | string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) for (const k of [key(it)].flat()) out[k] = (out[k] ?? 0) + 1;
  return out;
}

describe('parent dashboard: first run, PIN, summary, settings, export, delete', () => {
  let l: Launched;
  let server: FixtureServer;
  let dash: Page;
  let events: Record<string, unknown>[] = [];
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'chaperone-dash-e2e-'));
  const sw = () => currentWorker(l.context);

  async function submitUnlock(pin: string): Promise<void> {
    await dash.locator(`${tid('unlock-form')} ${tid('pin-input')}`).fill(pin);
    await dash.locator(`${tid('unlock-form')} ${tid('pin-submit')}`).click();
  }

  /** A wrong PIN on the unlock form, waiting for the check (PBKDF2, a few hundred ms) to answer. */
  async function wrongTry(pin: string, triesLeft: number): Promise<void> {
    await submitUnlock(pin);
    if (triesLeft > 0) {
      await expect
        .poll(() => dash.locator(tid('unlock-error')).textContent().catch(() => ''), { timeout: 10_000 })
        .toContain(`Tries left before a short pause: ${triesLeft}.`);
    }
    await expect.poll(() => sw().then((w) => stored(w, 'local', 'pinLockout')).then((s) => (s as { failures: number }).failures)).toBe(5 - triesLeft);
  }

  async function goTo(route: 'summary' | 'settings' | 'data'): Promise<void> {
    await dash.locator(tid(`nav-${route}`)).click();
    await dash.waitForURL(new RegExp(`#/${route}$`));
  }

  beforeAll(async () => {
    server = await startFixtureServer();
    server.serve('discord.com', fixtureHtml('sites/discord.html'));
    l = await launchExtension({ locale: 'en-GB' });
  });

  afterAll(async () => {
    await l?.close();
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('first run: the set-up page opens by itself, and completing it lands on the summary', async () => {
    // The worker opens set-up on install; the test uses that very tab.
    const opened = await waitFor(
      async () => l.context.pages().find((p) => p.url().includes('/dashboard.html')),
      (p) => p !== undefined,
      15_000,
    );
    dash = opened!;
    expect(dash.url()).toBe(`chrome-extension://${l.extensionId}/dashboard.html#/setup`);
    await dash.setViewportSize(VIEWPORT);
    const form = dash.locator(tid('setup-form'));
    await form.waitFor();
    // No nav before set-up: nothing else is reachable yet.
    expect(await dash.locator(tid('nav-summary')).count()).toBe(0);

    await form.locator('select[name="language"]').selectOption('en');
    await form.locator('select[name="region"]').selectOption('KH');
    await form.locator('input[name="ageBand"][value="under13"]').check();
    await form.locator(tid('trusted-name')).fill('Aunt Srey');
    await form.locator(tid('trusted-contact')).fill('012 999 888');
    await form.locator(tid('pin-input')).fill(PIN);
    await form.locator(tid('pin-confirm')).fill(PIN);
    await form.locator(tid('pin-submit')).click();

    await dash.locator(tid('summary')).waitFor({ timeout: 15_000 });
    expect(new URL(dash.url()).hash).toBe('#/summary');
    expect(await dataCount(dash, 'count-total')).toBe(0);

    const settings = (await stored(l.sw, 'local', 'settings')) as Record<string, unknown>;
    expect(settings).toMatchObject({
      setupDone: true,
      language: 'en',
      region: 'KH',
      ageBand: 'under13',
      trustedAdult: { name: 'Aunt Srey', contact: '012 999 888' },
      // The under-13 defaults came with the age band.
      weeklyNotification: true,
      retentionDays: 30,
    });
    // The PIN is kept as a salted hash, never as typed.
    const pin = await stored(l.sw, 'local', 'pin');
    expect(pin).toBeTruthy();
    expect(JSON.stringify(pin)).not.toContain(PIN);
    expect(await stored(l.sw, 'session', 'pinUnlock')).toBeTruthy();
  });

  it('locks, refuses three wrong PINs with a message each, and opens with the right one', async () => {
    await dash.locator(tid('lock-button')).click();
    await dash.locator(tid('unlock-form')).waitFor();
    expect(new URL(dash.url()).hash).toBe('#/unlock');
    expect(await dash.locator(tid('summary')).count()).toBe(0);
    expect(await stored(l.sw, 'session', 'pinUnlock')).toBeUndefined();

    for (const [i, wrong] of WRONG.slice(0, 3).entries()) {
      await wrongTry(wrong, 4 - i);
      await expect(dash.locator(tid('unlock-error')).isVisible()).resolves.toBe(true);
      expect(await dash.locator(tid('summary')).count()).toBe(0);
      expect(await dash.locator(tid('lockout')).count()).toBe(0);
    }

    await submitUnlock(PIN);
    await dash.locator(tid('summary')).waitFor({ timeout: 15_000 });
    expect(new URL(dash.url()).hash).toBe('#/summary');
    expect(await stored(l.sw, 'local', 'pinLockout')).toMatchObject({ failures: 0, lockedUntil: 0 });
    expect(await stored(l.sw, 'session', 'pinUnlock')).toBeTruthy();
  });

  it('summarises the events the content script logged on a chat page', async () => {
    const chat = await l.context.newPage();
    await chat.goto(server.url('discord.com', '/channels/@me/123'));
    await chat.waitForFunction(() => typeof window.chatFixture === 'object');
    for (const m of RISKY) {
      await chat.evaluate(([text, id]) => window.chatFixture.add('in', text!, { id }), [m.text, m.id]);
      await chat.waitForTimeout(150);
    }
    events = await waitFor(() => readEvents(l.sw), (e) => e.length >= RISKY.length, 15_000);
    await chat.waitForTimeout(500);
    events = await readEvents(l.sw);
    expect(events).toHaveLength(RISKY.length);
    await chat.close();

    expect(events.every((e) => e.site === 'discord.com' && e.party === 'Alex' && e.dir === 'in')).toBe(true);
    const cats = new Set(events.flatMap((e) => e.categories as string[]));
    for (const c of ['flattery_trust', 'isolation_check', 'secrecy', 'image_request']) expect(cats).toContain(c);

    await dash.reload();
    await dash.locator(tid('summary')).waitFor({ timeout: 15_000 });

    // Totals, by level and by site, as the events say.
    expect(await dataCount(dash, 'count-total')).toBe(events.length);
    expect(await dataCount(dash, 'count-reports')).toBe(0);
    const byLevel = countBy(events, (e) => e.level as string);
    for (const level of ['watch', 'warn', 'alert']) {
      expect(await dataCount(dash, `count-level-${level}`), level).toBe(byLevel[level] ?? 0);
    }
    expect(byLevel.alert ?? 0).toBeGreaterThan(0);
    expect(await dataCount(dash, 'count-site-discord.com')).toBe(events.length);
    expect(await dash.locator(`[data-testid^="count-site-"]`).count()).toBe(1);

    // The chart: per day (the worker's local day of each event) and category, the bars add up.
    const days = await (await sw()).evaluate(
      (tss) =>
        tss.map((ts) => {
          const d = new Date(ts);
          return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
        }),
      events.map((e) => e.ts as number),
    );
    const expected: Record<string, Record<string, number>> = {};
    events.forEach((e, i) => {
      for (const c of e.categories as string[]) {
        const day = (expected[days[i]!] ??= {});
        day[c] = (day[c] ?? 0) + 1;
      }
    });
    const bars = await dash.locator(tid('bar')).evaluateAll((rects) =>
      rects.map((r) => ({ day: r.getAttribute('data-day')!, category: r.getAttribute('data-category')!, count: Number(r.getAttribute('data-count')) })),
    );
    const drawn: Record<string, Record<string, number>> = {};
    for (const b of bars) (drawn[b.day] ??= {})[b.category] = ((drawn[b.day] ??= {})[b.category] ?? 0) + b.count;
    expect(drawn).toEqual(expected);
    // Every bar has a height in proportion to its count (no empty or collapsed rect).
    const heights = await dash.locator(tid('bar')).evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    expect(heights.every((h) => h > 0)).toBe(true);
    // The table repeats the chart: today's row total is the number of messages that day.
    const today = days[days.length - 1]!;
    const todayTotal = days.filter((d) => d === today).length;
    expect(await dash.locator(`${tid('chart-table')} tr[data-day="${today}"] td[data-col="total"]`).textContent()).toBe(String(todayTotal));

    // The flagged conversation, with the other party's name, the site and its level.
    const flagged = dash.locator(`${tid('flagged-conversations')} li`);
    expect(await flagged.count()).toBe(1);
    expect(await flagged.getAttribute('data-conversation')).toBe(events[0]!.conversation);
    expect(await flagged.getAttribute('data-level')).toBe('alert');
    expect(await flagged.locator('.party').textContent()).toBe('Alex');
    expect(await flagged.locator('.site').textContent()).toBe('discord.com');
    expect(await flagged.locator('.reported').getAttribute('data-reported')).toBe('false');
    // Categories-only mode (the default): no message text reaches the page.
    expect(await dash.locator(tid('excerpt')).count()).toBe(0);
    const text = (await dash.locator(tid('summary')).textContent()) ?? '';
    for (const m of RISKY) expect(text).not.toContain(m.text);

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await dash.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('keeps changed settings across a browser restart', async () => {
    await goTo('settings');
    const form = dash.locator(tid('settings-form'));
    await form.waitFor();
    expect(await form.locator(tid('retention-input')).inputValue()).toBe('30');
    expect(await form.locator(tid('weekly-notification')).isChecked()).toBe(true);

    await form.locator(tid('retention-input')).fill('45');
    await form.locator(tid('weekly-notification')).uncheck();
    await form.locator(tid('privacy-detailed')).check();
    await form.locator(tid('settings-save')).click();
    await expect.poll(() => dash.locator(tid('settings-status')).textContent().catch(() => '')).toContain('Saved.');
    expect(await stored(l.sw, 'local', 'settings')).toMatchObject({ retentionDays: 45, weeklyNotification: false, privacyMode: 'detailed' });

    // Close the browser (profile kept), start it again on the same profile.
    const { userDataDir } = l;
    await l.close({ keepProfile: true });
    l = await launchExtension({ userDataDir, locale: 'en-GB' });
    dash = await l.context.newPage();
    await dash.setViewportSize(VIEWPORT);
    await dash.goto(`chrome-extension://${l.extensionId}/dashboard.html#/settings`);

    // A new browser session asks for the PIN again, then returns to the page asked for.
    await dash.locator(tid('unlock-form')).waitFor({ timeout: 15_000 });
    expect(await stored(l.sw, 'session', 'pinUnlock')).toBeUndefined();
    await submitUnlock(PIN);
    const form2 = dash.locator(tid('settings-form'));
    await form2.waitFor({ timeout: 15_000 });
    expect(new URL(dash.url()).hash).toBe('#/settings');
    expect(await form2.locator(tid('retention-input')).inputValue()).toBe('45');
    expect(await form2.locator(tid('weekly-notification')).isChecked()).toBe(false);
    expect(await form2.locator(tid('privacy-detailed')).isChecked()).toBe(true);
    expect(await form2.locator(tid('trusted-name')).inputValue()).toBe('Aunt Srey');
    expect(await form2.locator('select[name="region"]').inputValue()).toBe('KH');
    expect(await stored(await sw(), 'local', 'settings')).toMatchObject({
      retentionDays: 45,
      weeklyNotification: false,
      privacyMode: 'detailed',
      region: 'KH',
      setupDone: true,
    });

    // The log survived too, and the detailed mode now shows the conversation's excerpts.
    expect(await readEvents(await sw())).toHaveLength(RISKY.length);
    await goTo('summary');
    await dash.locator(tid('summary')).waitFor();
    expect(await dataCount(dash, 'count-total')).toBe(RISKY.length);
    const excerpts = await dash.locator(tid('excerpt')).allTextContents();
    expect(excerpts.length).toBeGreaterThan(0);
    for (const e of excerpts) expect(events.map((ev) => ev.excerpt)).toContain(e);
  });

  it('exports a JSON evidence file that the verifier accepts, and a CSV with a header row', async () => {
    await goTo('data');
    await dash.locator(tid('export-json')).waitFor();
    const [json] = await Promise.all([dash.waitForEvent('download'), dash.locator(tid('export-json')).click()]);
    expect(json.suggestedFilename()).toMatch(/^chaperone-log-.*\.json$/);
    const jsonPath = path.join(tmp, json.suggestedFilename());
    await json.saveAs(jsonPath);
    await expect.poll(() => dash.locator(tid('export-status')).getAttribute('class').catch(() => '')).toBe('ok');

    const verify = (file: string) => spawnSync('npx', ['tsx', 'scripts/verify-export.ts', file], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const ok = verify(jsonPath);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`VERIFIED: ${RISKY.length} events`);

    const doc = JSON.parse(readFileSync(jsonPath, 'utf8')) as {
      header: { format: string; eventCount: number; finalHash: string };
      events: { hash: string; event: Record<string, unknown> }[];
    };
    expect(doc.header.format).toBe('chaperone-evidence');
    expect(doc.header.eventCount).toBe(RISKY.length);
    expect(ok.stdout).toContain(`final hash: ${doc.header.finalHash}`);
    const excerpts = doc.events.map((e) => e.event.excerpt);
    for (const ev of events) expect(excerpts).toContain(ev.excerpt);
    for (const m of RISKY) expect(excerpts.some((x) => typeof x === 'string' && x.length > 0 && m.text.includes(x.replace(/…$/, '')))).toBe(true);
    expect(doc.events.every((e) => e.event.site === 'discord.com' && e.event.party === 'Alex')).toBe(true);

    // The same file with one excerpt changed no longer verifies (the check can fail).
    const tampered = structuredClone(doc);
    tampered.events[0]!.event.excerpt = 'nothing to see here';
    const tamperedPath = path.join(tmp, 'tampered.json');
    writeFileSync(tamperedPath, JSON.stringify(tampered, null, 2));
    const bad = verify(tamperedPath);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('NOT VERIFIED');

    const [csv] = await Promise.all([dash.waitForEvent('download'), dash.locator(tid('export-csv')).click()]);
    expect(csv.suggestedFilename()).toMatch(/^chaperone-log-.*\.csv$/);
    const csvPath = path.join(tmp, csv.suggestedFilename());
    await csv.saveAs(csvPath);
    const lines = readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter((x) => x !== '');
    expect(lines[0]).toBe('time_utc,time_local,site,party,thread,direction,kind,level,categories,excerpt,url,hotline,conversation,event_id');
    expect(lines).toHaveLength(RISKY.length + 1);
    expect(lines.slice(1).every((row) => row.includes(',discord.com,Alex,'))).toBe(true);
  });

  it('deletes everything after the PIN and a second step, emptying the store', async () => {
    if (!new URL(dash.url()).hash.startsWith('#/data')) await goTo('data');
    const count = dash.locator(tid('store-events'));
    await expect.poll(() => count.getAttribute('data-count').catch(() => null)).toBe(String(RISKY.length));

    // A wrong PIN deletes nothing.
    await dash.locator(tid('delete-all')).click();
    await dash.locator(tid('delete-pin')).fill(WRONG[0]!);
    await dash.locator(tid('delete-confirm')).click();
    await expect.poll(() => dash.locator(tid('delete-status')).getAttribute('class').catch(() => ''), { timeout: 10_000 }).toBe('error');
    expect(await readEvents(await sw())).toHaveLength(RISKY.length);

    await dash.locator(tid('delete-pin')).fill(PIN);
    await dash.locator(tid('delete-confirm')).click();
    await expect.poll(() => dash.locator(tid('delete-status')).getAttribute('class').catch(() => ''), { timeout: 10_000 }).toBe('ok');
    await expect.poll(() => count.getAttribute('data-count').catch(() => null)).toBe('0');
    expect(await readEvents(await sw())).toEqual([]);

    await goTo('summary');
    await dash.locator(tid('summary')).waitFor();
    expect(await dataCount(dash, 'count-total')).toBe(0);
    expect(await dash.locator(tid('bar')).count()).toBe(0);
    expect(await dataCount(dash, 'flagged-conversations')).toBe(0);
  });

  it('pauses after five wrong PINs and refuses even the right one while paused', async () => {
    await dash.locator(tid('lock-button')).click();
    await dash.locator(tid('unlock-form')).waitFor();
    expect(await stored(await sw(), 'local', 'pinLockout')).toMatchObject({ failures: 0 });

    for (const [i, wrong] of WRONG.slice(0, 4).entries()) await wrongTry(wrong, 4 - i);
    await submitUnlock(WRONG[4]!);
    const lockout = dash.locator(tid('lockout'));
    await lockout.waitFor({ timeout: 10_000 });
    const seconds = Number(await lockout.getAttribute('data-seconds'));
    expect(seconds).toBeGreaterThan(20);
    expect(seconds).toBeLessThanOrEqual(30);
    const state = (await stored(await sw(), 'local', 'pinLockout')) as { failures: number; lockedUntil: number };
    expect(state.failures).toBe(5);
    expect(state.lockedUntil - Date.now()).toBeGreaterThan(20_000);

    // The form is paused: the PIN field and the button are disabled.
    const input = dash.locator(`${tid('unlock-form')} ${tid('pin-input')}`);
    const submit = dash.locator(`${tid('unlock-form')} ${tid('pin-submit')}`);
    expect(await input.isDisabled()).toBe(true);
    expect(await submit.isDisabled()).toBe(true);

    // Even forcing the right PIN through (the disabled attributes removed) does not unlock.
    await dash.evaluate(() => {
      for (const el of document.querySelectorAll('[data-testid="unlock-form"] [disabled]')) el.removeAttribute('disabled');
    });
    await submitUnlock(PIN);
    await dash.waitForTimeout(1500);
    expect(await dash.locator(tid('summary')).count()).toBe(0);
    expect(await dash.locator(tid('unlock-form')).count()).toBe(1);
    expect(await lockout.isVisible()).toBe(true);
    expect(await stored(await sw(), 'session', 'pinUnlock')).toBeUndefined();
    expect(await stored(await sw(), 'local', 'pinLockout')).toMatchObject({ failures: 5, lockedUntil: state.lockedUntil });

    // The pause is kept outside the page: reloading it does not give fresh tries.
    await dash.reload();
    await lockout.waitFor({ timeout: 10_000 });
    expect(Number(await lockout.getAttribute('data-seconds'))).toBeGreaterThan(0);
    expect(await input.isDisabled()).toBe(true);
  });
});
