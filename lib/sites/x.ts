import { first, messageKey, outermost, queryAll, sideByLayout, textOf, passMemo } from './dom';
import type { SiteAdapter } from './types';

const LISTS = [
  '[data-testid="DmActivityContainer"]',
  '[data-testid="DmScrollerContainer"]',
  '[data-testid="dm-conversation-panel"]',
  '[data-testid="DMDrawer"]',
].join(', ');
const ENTRY = '[data-testid="messageEntry"]';
const TEXT = '[data-testid="tweetText"], [data-testid="dm-message-text"]';
// A shared post brings its own tweetText inside a card or link; it is not what the sender typed.
const SHARED = '[role="link"], [data-testid*="card"], article, [data-testid="quoteTweet"]';

function threadKey(_doc: Document, url: URL): string | null {
  const m =
    /^\/messages\/(?!requests\b|settings\b|compose\b|media\b)([^/?#]+)/.exec(url.pathname) ??
    /^\/i\/chat\/([^/?#]+)/.exec(url.pathname);
  return m?.[1] ?? null;
}

export const x: SiteAdapter = {
  id: 'x',
  matches: (url) =>
    /^(?:(?:www|mobile)\.)?(?:x|twitter)\.com$/.test(url.hostname) && /^\/(messages|i\/chat)(\/|$)/.test(url.pathname),
  threadKey,
  partyName(doc) {
    const h = first(doc, [
      '[data-testid="DmActivityContainer"] h2',
      '[data-testid="dm-conversation-panel"] h2',
      '[data-testid="DMDrawerHeader"] h2',
    ]);
    return textOf(h?.querySelector('span') ?? h) || null;
  },
  messageRoots: (root) => outermost(queryAll(root, ENTRY).filter((e) => e.closest(LISTS))),
  readMessage(el, doc, url) {
    if (!el.matches(ENTRY) || !el.closest(LISTS)) return null;
    const body = Array.from(el.querySelectorAll(TEXT)).find((t) => !t.closest(SHARED));
    const text = textOf(body);
    if (!body || !text) return null;
    // X marks the child's messages only by putting them on the right; there is no attribute for it.
    const dir = sideByLayout(body, el) ?? 'in';
    const stamp = el.querySelector('time[datetime]')?.getAttribute('datetime') ?? '';
    const ms = Date.parse(stamp);
    const thread = passMemo(doc, `x.thread:${url.href}`, () => threadKey(doc, url)) ?? '';
    return {
      key: messageKey('x', thread, el.getAttribute('data-message-id'), [dir, stamp, text]),
      text,
      dir,
      sender: '',
      thread,
      time: Number.isFinite(ms) ? ms : undefined,
      node: el,
    };
  },
  container: (doc) =>
    first(doc, [
      '[data-testid="DmScrollerContainer"]',
      '[data-testid="DmActivityViewport"]',
      '[data-testid="dm-conversation-panel"]',
      '[data-testid="DmActivityContainer"]',
    ]),
  composer: (doc) =>
    first<HTMLElement>(doc, ['[data-testid="dmComposerTextInput"]', `[data-testid="DmActivityContainer"] [role="textbox"]`]),
};
