// For every site adapter and the generic fallback, in real Chromium on pages served as the real
// hosts: a grooming conversation nudges at the right moment (history at load, then new messages
// over time) and logs events; a benign conversation with risky-looking words stays quiet; the
// child typing personal details to a new contact gets the inline reminder.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXTURES,
  findShadowUi,
  launchExtension,
  readEvents,
  startFixtureServer,
  waitFor,
  type FixtureServer,
  type Launched,
  servedAs,
  siteFixtures,
} from './harness';
import './fixture-hook';

const fixtures = siteFixtures();

/** The page with extra history appended before the content script starts (document_idle). */
function withHistory(html: string, history: { dir: 'in' | 'out'; text: string }[]): string {
  const script = `<script>window.chatFixture.addMany(${JSON.stringify(history)});</script>`;
  return html.replace(/<\/body>/i, `${script}</body>`);
}

const GROOMING_HISTORY = [
  { dir: 'in' as const, text: 'hey, your drawings are amazing' },
  { dir: 'out' as const, text: 'thanks!' },
  { dir: 'in' as const, text: 'you are so mature for your age' },
];
const GROOMING_LIVE = [
  'are your parents home right now?',
  'this is just between us ok, dont tell anyone',
  'send me a pic of you',
];
const BENIGN = [
  { dir: 'in' as const, text: 'can you send me the pic of the homework from class?' },
  { dir: 'in' as const, text: "don't tell mum about her birthday surprise!!" },
  { dir: 'in' as const, text: 'the class group is on telegram btw' },
  { dir: 'in' as const, text: 'how old is your dog now?' },
  { dir: 'out' as const, text: 'he is 3 lol' },
  { dir: 'in' as const, text: "i'll destroy you next round haha" },
];

async function nudges(page: Page) {
  return findShadowUi(page, 'data-chaperone-nudge');
}

describe.each(fixtures)('site $id', (f) => {
  let l: Launched;
  let server: FixtureServer;
  const at = servedAs(f);
  const html = readFileSync(path.join(FIXTURES, 'sites', f.file), 'utf8');

  beforeAll(async () => {
    server = await startFixtureServer();
    l = await launchExtension();
  });

  afterAll(async () => {
    await l?.close();
    await server?.close();
  });

  it('nudges at the right moment in a grooming conversation, and logs it', async () => {
    server.serve(at.host, withHistory(html, GROOMING_HISTORY));
    const page = await l.context.newPage();
    await page.goto(server.url(at.host, at.path));
    await page.waitForFunction(() => typeof window.chatFixture === 'object');
    // History alone (flattery) is a low-severity signal: logged, no nudge.
    await waitFor(() => readEvents(l.sw), (e) => e.length >= 1);
    await page.waitForTimeout(300);
    expect(await nudges(page)).toHaveLength(0);

    // Supervision check: two categories with one of the trigger set → warn.
    await page.evaluate((t) => window.chatFixture.add('in', t), GROOMING_LIVE[0]!);
    const warn = await waitFor(() => nudges(page), (n) => n.length > 0 && 'data-ready' in n[0]!.attributes);
    expect(warn[0]!.attributes['data-level']).toBe('warn');

    await page.evaluate((t) => window.chatFixture.add('in', t), GROOMING_LIVE[1]!);
    await page.evaluate((t) => window.chatFixture.add('in', t), GROOMING_LIVE[2]!);
    const alert = await waitFor(
      () => nudges(page),
      (n) => n[0]?.attributes['data-level'] === 'alert' && 'data-ready' in n[0].attributes,
    );
    expect(alert).toHaveLength(1);
    expect(alert[0]!.text.toLowerCase()).toMatch(/photo|picture|pic/);

    const events = await readEvents(l.sw);
    const cats = new Set(events.flatMap((e) => e.categories as string[]));
    for (const c of ['flattery_trust', 'isolation_check', 'secrecy', 'image_request']) expect(cats).toContain(c);
    expect(events.every((e) => e.site === at.host)).toBe(true);
    expect(events.some((e) => e.level === 'alert')).toBe(true);
    await page.close();
  });

  it('stays quiet in a benign conversation with risky-looking words', async () => {
    server.serve(at.host, html);
    const before = (await readEvents(l.sw)).length;
    const page = await l.context.newPage();
    await page.goto(server.url(at.host, at.path));
    await page.waitForFunction(() => typeof window.chatFixture === 'object');
    await page.evaluate(() => window.chatFixture.switchThread('benign-42', 'Sophea'));
    for (const m of BENIGN) await page.evaluate(([d, t]) => window.chatFixture.add(d as 'in', t!), [m.dir, m.text]);
    await page.waitForTimeout(1500);
    expect(await nudges(page)).toHaveLength(0);
    expect((await readEvents(l.sw)).length).toBe(before);
    await page.close();
  });

  it('reminds the child before they send personal details to a new contact', async () => {
    server.serve(at.host, html);
    const page = await l.context.newPage();
    await page.goto(server.url(at.host, at.path));
    await page.waitForFunction(() => typeof window.chatFixture === 'object');
    await page.evaluate(() => window.chatFixture.switchThread('new-contact-7', 'Stranger'));
    await page.waitForTimeout(300);
    await page.evaluate(() => window.chatFixture.composer().focus());
    await page.keyboard.type('my number is 012 345 678', { delay: 5 });
    // The reminder fills its live region one render after mounting (so screen readers announce it).
    const reminders = await waitFor(
      () => findShadowUi(page, 'data-chaperone-reminder'),
      (r) => r.length === 1 && 'data-ready' in r[0]!.attributes && /phone|number/i.test(r[0]!.text),
    );
    expect(reminders[0]!.text.toLowerCase()).toMatch(/phone|number/);
    // Focus stayed in the composer: the reminder never steals it.
    expect(await page.evaluate(() => document.activeElement === window.chatFixture.composer() || window.chatFixture.composer().contains(document.activeElement))).toBe(true);
    await page.close();
  });
});
