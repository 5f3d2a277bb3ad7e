import { describe, expect, it } from 'vitest';
import { LIMITS, parseRequest, senderAllowed, type RequestType } from '@/lib/messaging';

const signal = {
  site: 'discord.com',
  thread: '/channels/@me/1',
  party: 'Dara',
  key: 'm1',
  dir: 'in',
  categories: ['image_request'],
  excerpt: 'send me a pic',
  ts: 1_700_000_000_000,
  url: 'https://discord.com/channels/@me/1',
};

const valid = (over: Record<string, unknown> = {}) => ({ type: 'signal', v: 1, signal: { ...signal, ...over } });

describe('parseRequest', () => {
  it('accepts a well-formed signal and keeps its fields', () => {
    const r = parseRequest(valid());
    expect(r).toEqual({ ok: true, value: { type: 'signal', v: 1, signal } });
  });

  it('accepts the content script asking for the helpline', () => {
    expect(parseRequest({ type: 'help-info', v: 1 })).toEqual({ ok: true, value: { type: 'help-info', v: 1 } });
  });

  it('removes repeated categories', () => {
    const r = parseRequest(valid({ categories: ['secrecy', 'secrecy'] }));
    expect(r.ok && r.value.type === 'signal' && r.value.signal.categories).toEqual(['secrecy']);
  });

  it.each([
    ['not an object', 'hello', /object/],
    ['null', null, /object/],
    ['an array', [], /object/],
    ['a wrong version', { type: 'ping', v: 2 }, /version/],
    ['an unknown type', { type: 'steal-everything', v: 1 }, /unknown message type/],
    ['a missing signal', { type: 'signal', v: 1 }, /signal must be an object/],
    ['an unknown category', valid({ categories: ['image_request', 'evil'] }), /unknown category/],
    ['no category', valid({ categories: [] }), /categories/],
    ['too many categories', valid({ categories: Array(14).fill('secrecy') }), /categories/],
    ['a bad direction', valid({ dir: 'sideways' }), /dir/],
    ['an empty site', valid({ site: '' }), /site must not be empty/],
    ['a huge excerpt', valid({ excerpt: 'x'.repeat(LIMITS.excerpt + 1) }), /excerpt is longer/],
    ['a huge thread', valid({ thread: 't'.repeat(LIMITS.thread + 1) }), /thread is longer/],
    ['a non-string party', valid({ party: 42 }), /party must be a string/],
    ['a fractional time', valid({ ts: 1.5 }), /ts must be an integer/],
    ['a negative time', valid({ ts: -1 }), /ts must be an integer/],
    ['a javascript: url', valid({ url: 'javascript:alert(1)' }), /url must be http/],
    ['a tab id that is not a number', { type: 'tab-status', v: 1, tabId: '3' }, /tabId/],
    ['a list limit over the cap', { type: 'recent-events', v: 1, limit: LIMITS.listLimit + 1 }, /limit/],
    ['an export in an unknown format', { type: 'export', v: 1, format: 'xml', conversation: null }, /format/],
    ['a delete without confirmation', { type: 'delete-all', v: 1, confirm: 'yes' }, /confirm/],
    ['a summary without detailed flag', { type: 'summary', v: 1, now: 1 }, /detailed/],
  ])('refuses %s with a clear error', (_name, msg, error) => {
    const r = parseRequest(msg);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });

  it('never throws, whatever it is given', () => {
    const weird: unknown[] = [undefined, 0, NaN, Symbol('x'), () => 1, { type: 'signal', v: 1, signal: { get dir() { throw new Error('trap'); } } }];
    for (const w of weird) expect(() => parseRequest(w)).not.toThrow();
  });
});

describe('senderAllowed', () => {
  const id = 'abcdefghijklmnop';
  const origin = `chrome-extension://${id}/`;
  const contentScript = { id, url: 'https://discord.com/channels/@me/1', tab: { id: 7 } };
  const popup = { id, url: `${origin}popup.html` };
  const otherExtension = { id: 'zzzzzzzzzzzzzzzz', url: 'https://discord.com/', tab: { id: 7 } };

  it.each<[string, RequestType, object, boolean]>([
    ['content script signal', 'signal', contentScript, true],
    ['content script asking for the helpline', 'help-info', contentScript, true],
    ['content script asking for the summary', 'summary', contentScript, false],
    ['content script deleting everything', 'delete-all', contentScript, false],
    ['popup asking for the tab status', 'tab-status', popup, true],
    ['popup forging a signal', 'signal', popup, false],
    ['another extension', 'signal', otherExtension, false],
    ['a sender with no tab and no page', 'signal', { id }, false],
    ['a sender with a negative tab id', 'signal', { id, tab: { id: -1 } }, false],
  ])('%s → %s', (_name, type, sender, allowed) => {
    expect(senderAllowed(type, sender, id, origin)).toBe(allowed);
  });
});
