import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandler, type HandlerDeps } from '@/lib/background/handler';
import { RateLimiter } from '@/lib/background/rate-limit';
import { TabRegistry } from '@/lib/background/tabs';
import { LIMITS, type Response } from '@/lib/messaging';
import type { DB } from '@/lib/store/db';
import { bulkLoad } from '@/lib/store/bulk';
import { dayKey } from '@/lib/store/counts';
import { verifyExport } from '@/lib/store/hash-chain';
import type { ExportFile, SummaryPair } from '@/lib/store/types';
import { DAY, HOUR, NOW, ev, freshDb, sig } from '../store/helpers';

const ID = 'test-extension-id';
const ORIGIN = `chrome-extension://${ID}/`;
const content = (tab = 7) => ({ id: ID, url: 'https://discord.com/channels/@me/1', tab: { id: tab } });
const dashboard = { id: ID, url: `${ORIGIN}dashboard.html` };
const popup = { id: ID, url: `${ORIGIN}popup.html` };
const otherExtension = { id: 'someone-else', url: 'https://discord.com/', tab: { id: 7 } };

const signalMsg = (over = {}) => ({ type: 'signal', v: 1, signal: sig(over) });
const DARA = 'discord.com|/channels/@me/1|Dara';

let db: DB;
let tabs: TabRegistry;
let clock: number;

function handler(over: Partial<HandlerDeps> = {}) {
  return createHandler({
    db: async () => db,
    tabs,
    extensionId: ID,
    extensionOrigin: ORIGIN,
    now: () => clock,
    log: () => undefined,
    ...over,
  });
}

function errorCode(r: Response<unknown>): string | null {
  return r.ok ? null : r.error.code;
}

beforeEach(async () => {
  db = await freshDb();
  tabs = new TabRegistry(fakeBrowser.storage.session);
  clock = NOW;
});

describe('intake: who may send what', () => {
  it.each<[string, unknown, object, string | null]>([
    ['a signal from the content script in a tab', signalMsg(), content(), null],
    ['a signal from the dashboard', signalMsg(), dashboard, 'forbidden'],
    ['a signal from another extension', signalMsg(), otherExtension, 'forbidden'],
    ['a signal from no tab and no page', signalMsg(), { id: ID }, 'forbidden'],
    ['a signal from a tab with id -1 (devtools, prerender)', signalMsg(), { id: ID, tab: { id: -1 } }, 'forbidden'],
    ['a summary asked by the content script', { type: 'summary', v: 1, now: NOW, detailed: true }, content(), 'forbidden'],
    ['an export asked by the content script', { type: 'export', v: 1, format: 'json', conversation: null }, content(), 'forbidden'],
    ['a delete asked by the content script', { type: 'delete-all', v: 1, confirm: 'delete-everything' }, content(), 'forbidden'],
    ['recent events asked by a web page through the content script', { type: 'recent-events', v: 1, limit: 5 }, content(), 'forbidden'],
    ['a summary asked by the dashboard', { type: 'summary', v: 1, now: NOW, detailed: false }, dashboard, null],
    ['a ping from the popup', { type: 'ping', v: 1 }, popup, null],
  ])('%s', async (_name, msg, sender, code) => {
    const res = await handler()(msg, sender);
    expect(errorCode(res)).toBe(code);
    if (code) expect(await db.count('events')).toBe(0);
  });
});

describe('intake: shape and sizes', () => {
  it.each<[string, unknown, RegExp]>([
    ['a string', 'signal', /object/],
    ['a wrong protocol version', { ...signalMsg(), v: 2 }, /version/],
    ['an unknown type', { type: 'drop-tables', v: 1 }, /unknown message type/],
    ['an excerpt over the limit', signalMsg({ excerpt: 'x'.repeat(LIMITS.excerpt + 1) }), /excerpt is longer/],
    ['a party name over the limit', signalMsg({ party: 'p'.repeat(LIMITS.party + 1) }), /party is longer/],
    ['a url over the limit', signalMsg({ url: `https://a.b/${'x'.repeat(LIMITS.url)}` }), /url is longer/],
    ['a non-http url', signalMsg({ url: 'data:text/html,hi' }), /url must be http/],
    ['an unknown category', signalMsg({ categories: ['nice_weather'] }), /unknown category/],
    ['a missing key', signalMsg({ key: '' }), /key must not be empty/],
    ['a report without hotline', { type: 'log-report', v: 1, report: { site: 's', thread: 't', party: 'p', url: '', hotline: '', ts: NOW } }, /hotline/],
  ])('refuses %s as a bad request and stores nothing', async (_name, msg, error) => {
    const res = await handler()(msg, content());
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('bad-request');
      expect(res.error.message).toMatch(error);
    }
    expect(await db.count('events')).toBe(0);
  });
});

describe('intake: rate limits', () => {
  it('refuses a tab past its burst while another tab goes on', async () => {
    const h = handler({ perTab: new RateLimiter(3, 1) });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push(errorCode(await h(signalMsg(), content(7))));
    expect(codes).toEqual([null, null, null, 'rate-limited', 'rate-limited']);
    expect(errorCode(await h(signalMsg(), content(8)))).toBeNull();
    expect(await db.count('events')).toBe(4);
    clock += 1000; // one token back for tab 7
    expect(errorCode(await h(signalMsg(), content(7)))).toBeNull();
    expect(errorCode(await h(signalMsg(), content(7)))).toBe('rate-limited');
  });

  it('refuses everyone past the global limit', async () => {
    const h = handler({ global: new RateLimiter(4, 0) });
    const codes = [];
    for (let tab = 1; tab <= 6; tab++) codes.push(errorCode(await h(signalMsg(), content(tab))));
    expect(codes).toEqual([null, null, null, null, 'rate-limited', 'rate-limited']);
    expect(await db.count('events')).toBe(4);
  });

  it('limits level look-ups per tab too', async () => {
    const h = handler({ perTabReads: new RateLimiter(2, 0) });
    const ask = { type: 'conversation-level', v: 1, site: 'discord.com', thread: 't', party: 'p' };
    const codes = [await h(ask, content()), await h(ask, content()), await h(ask, content())].map(errorCode);
    expect(codes).toEqual([null, null, 'rate-limited']);
  });
});

describe('signals', () => {
  it('answers the level, logs the message once, and tells the popup', async () => {
    const onActivity = vi.fn();
    const h = handler({ onActivity });
    const msg = signalMsg({ key: 'dup', categories: ['image_request'] });
    const first = await h(msg, content());
    const second = await h(msg, content());
    expect(first).toEqual({ ok: true, data: { conversation: DARA, level: 'warn', logged: true } });
    expect(second).toEqual({ ok: true, data: { conversation: DARA, level: 'warn', logged: false } });
    expect(await db.count('events')).toBe(1);
    expect(onActivity).toHaveBeenCalledTimes(2);
    const status = await tabs.status(7);
    expect(status.level).toBe('warn');
    expect(status.conversations[0]?.messages).toHaveLength(1);
  });

  it('answers the conversation level to the content script', async () => {
    const h = handler();
    await h(signalMsg({ categories: ['sextortion_threat'] }), content());
    const res = await h({ type: 'conversation-level', v: 1, site: 'discord.com', thread: '/channels/@me/1', party: 'Dara' }, content());
    expect(res).toEqual({ ok: true, data: 'alert' });
  });

  it('does not log messages older than the retention setting', async () => {
    const h = handler({ retentionDays: async () => 7 });
    const res = await h(signalMsg({ ts: NOW - 8 * DAY }), content());
    expect(res).toMatchObject({ ok: true, data: { logged: false } });
    expect(await db.count('events')).toBe(0);
  });

  it('still answers when the popup registry fails', async () => {
    vi.spyOn(tabs, 'note').mockRejectedValue(new Error('session storage full'));
    const res = await handler()(signalMsg(), content());
    expect(res.ok).toBe(true);
    expect(await db.count('events')).toBe(1);
  });

  it('checks the storage budget in the background after enough new events', async () => {
    await bulkLoad(db, Array.from({ length: 12 }, (_, i) => ev({ id: `w${i}`, ts: NOW - DAY + i, level: 'watch' })));
    const h = handler({ budget: { maxEvents: 10, lowWater: 8, hardMaxEvents: 100, maxUsageRatio: 1, minFreeBytes: 0 }, budgetEvery: 2 });
    await h(signalMsg({ categories: ['sextortion_threat'] }), content());
    expect(await db.count('events')).toBe(13);
    await h(signalMsg({ categories: ['sextortion_threat'] }), content());
    await h.idle();
    expect(await db.count('events')).toBe(8);
    const left = await db.getAll('events');
    expect(left.filter((e) => e.level === 'alert')).toHaveLength(2);
  });
});

describe('storage errors', () => {
  const quota = () => new DOMException('Quota exceeded', 'QuotaExceededError');

  it('prunes low-level events and retries once when a write hits the quota', async () => {
    await bulkLoad(db, [
      ...Array.from({ length: 600 }, (_, i) => ev({ id: `w${i}`, ts: NOW - 2 * DAY + i, level: 'watch' })),
      ev({ id: 'alert', ts: NOW - 3 * DAY, level: 'alert', categories: ['sextortion_threat'] }),
      ev({ id: 'report', ts: NOW - 3 * DAY, level: 'none', kind: 'report', categories: [] }),
    ]);
    const spy = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementationOnce(() => {
      throw quota();
    });
    const res = await handler()(signalMsg({ key: 'after-quota' }), content());
    expect(res).toMatchObject({ ok: true, data: { logged: true } });
    expect(spy).toHaveBeenCalledTimes(2);
    const ids = await db.getAllKeys('events');
    expect(ids).toContain('alert');
    expect(ids).toContain('report');
    expect(ids.length).toBe(600 + 2 + 1 - 500);
  });

  it('answers a clear storage error when the disk stays full, and never rejects', async () => {
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw quota();
    });
    const res = await handler()(signalMsg(), content());
    expect(res).toEqual({ ok: false, error: { code: 'storage', message: expect.stringMatching(/disk is full/) } });
    const rep = await handler()({ type: 'log-report', v: 1, report: { site: 's', thread: 't', party: 'p', url: '', hotline: 'h', ts: NOW } }, popup);
    expect(errorCode(rep)).toBe('storage');
  });

  it.each<[string, unknown, string]>([
    ['a database that cannot open', new DOMException('gone', 'UnknownError'), 'storage'],
    ['a closing connection', new DOMException('closing', 'InvalidStateError'), 'storage'],
    ['a bug', new TypeError('x is undefined'), 'internal'],
    ['a thrown string', 'weird', 'internal'],
  ])('turns %s into an error answer', async (_name, thrown, code) => {
    const h = handler({ db: () => Promise.reject(thrown) });
    const res = await h({ type: 'summary', v: 1, now: NOW, detailed: false }, dashboard);
    expect(errorCode(res)).toBe(code);
    if (!res.ok) expect(res.error.message.length).toBeGreaterThan(0);
  });
});

describe('pages', () => {
  it('logs a report with the conversation level, no categories and no excerpt', async () => {
    const h = handler();
    await h(signalMsg({ categories: ['image_request'], ts: NOW - HOUR }), content());
    const report = { site: 'discord.com', thread: '/channels/@me/1', party: 'Dara', url: 'https://discord.com/x', hotline: 'kh-apleu', ts: NOW };
    const res = await h({ type: 'log-report', v: 1, report }, popup);
    expect(res).toMatchObject({ ok: true, data: { conversation: DARA, level: 'warn', logged: true } });
    const events = await db.getAll('events');
    const rep = events.find((e) => e.kind === 'report');
    expect(rep).toMatchObject({ kind: 'report', categories: [], level: 'warn', excerpt: '', hotline: 'kh-apleu', dir: 'out' });
    expect(await db.get('daily', dayKey(NOW))).toMatchObject({ reports: 1, total: 1 });
    expect((await db.get('conversations', DARA))?.firstReportTs).toBe(NOW);
    const again = await h({ type: 'log-report', v: 1, report }, popup);
    expect(again).toMatchObject({ ok: true, data: { logged: false } });
  });

  it('gives the summary pair', async () => {
    const h = handler();
    await h(signalMsg({ categories: ['sextortion_threat'] }), content());
    const res = await h({ type: 'summary', v: 1, now: NOW, detailed: true }, dashboard);
    expect(res.ok).toBe(true);
    const pair = (res as { data: SummaryPair }).data;
    expect(pair.thisWeek.total).toBe(1);
    expect(pair.thisWeek.conversations[0]).toMatchObject({ party: 'Dara', level: 'alert', excerpts: [expect.any(String)] });
    expect(pair.lastWeek.total).toBe(0);
  });

  it('exports a verifiable JSON file, CSV, and not-found for an unknown conversation', async () => {
    const h = handler({ version: '9.9.9' });
    await h(signalMsg(), content());
    const json = await h({ type: 'export', v: 1, format: 'json', conversation: DARA }, dashboard);
    const file = (json as { data: ExportFile }).data;
    expect(file.mime).toBe('application/json');
    expect(JSON.parse(file.text).header.extension.version).toBe('9.9.9');
    expect((await verifyExport(file.text)).ok).toBe(true);
    const csv = await h({ type: 'export', v: 1, format: 'csv', conversation: null }, dashboard);
    expect((csv as { data: ExportFile }).data.mime).toBe('text/csv');
    expect(errorCode(await h({ type: 'export', v: 1, format: 'json', conversation: 'no|such|chat' }, dashboard))).toBe('not-found');
  });

  it('deletes everything but the heartbeat, the tab registry included', async () => {
    const h = handler();
    await h(signalMsg(), content());
    await h({ type: 'log-report', v: 1, report: { site: 'discord.com', thread: 't', party: 'p', url: '', hotline: 'h', ts: NOW } }, popup);
    await db.put('meta', { firstSeen: NOW, spans: [[NOW, NOW]] }, 'activity');
    await fakeBrowser.storage.session.set({ unrelated: 1 });
    const res = await h({ type: 'delete-all', v: 1, confirm: 'delete-everything' }, dashboard);
    expect(res).toEqual({ ok: true, data: { events: 2 } });
    for (const store of ['events', 'conversations', 'daily'] as const) expect(await db.count(store)).toBe(0);
    expect(await db.get('meta', 'activity')).toBeDefined();
    expect(await db.get('meta', 'reported')).toBeUndefined();
    expect((await tabs.status(7)).conversations).toEqual([]);
    expect(await fakeBrowser.storage.session.get('unrelated')).toEqual({ unrelated: 1 });
  });

  it('reports the size of the store', async () => {
    const h = handler({ estimate: async () => ({ usage: 1234, quota: 99999 }) });
    await h(signalMsg({ ts: NOW - HOUR }), content());
    await h(signalMsg({ ts: NOW - 2 * HOUR }), content());
    const res = await h({ type: 'stats', v: 1 }, dashboard);
    expect(res).toEqual({
      ok: true,
      data: { events: 2, conversations: 1, oldestTs: NOW - 2 * HOUR, newestTs: NOW - HOUR, usageBytes: 1234, quotaBytes: 99999 },
    });
  });

  it('lists recent events for the pages', async () => {
    const h = handler();
    await h(signalMsg({ ts: NOW - HOUR }), content());
    const res = await h({ type: 'recent-events', v: 1, limit: 10 }, popup);
    expect(res).toMatchObject({ ok: true, data: [{ party: 'Dara', ts: NOW - HOUR }] });
  });

  it('opens the report flow for the nudge', async () => {
    const openPage = vi.fn(async () => undefined);
    const res = await handler({ openPage })({ type: 'open-report', v: 1, conversation: DARA }, content(5));
    expect(res).toEqual({ ok: true, data: true });
    expect(openPage).toHaveBeenCalledWith(`/popup.html?tab=5&conversation=${encodeURIComponent(DARA).replace(/%20/g, '+')}#report`);
  });
});
