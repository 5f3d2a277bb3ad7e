import { first, messageKey, queryAll, textOf, passMemo } from './dom';
import type { SiteAdapter } from './types';

// Telegram WebK (morethanwords/tweb): one ".chat" tab per open chat, the visible one is ".active".
const BUBBLE = '.bubble[data-mid]';
const NOT_MESSAGE = '.service, .is-date, .is-sponsored';
// Time, reactions, reply header, link preview and comment counter are rendered inside ".message".
const SKIP = '.time, .time-inner, .reactions, .reactions-element, .replies-element, .reply, .web, .bubble-beside-button';

function inActiveChat(el: Element): boolean {
  const chat = el.closest('.chat');
  return !chat || chat.classList.contains('active');
}

function isMessage(el: Element): boolean {
  return el.matches(BUBBLE) && !el.matches(NOT_MESSAGE) && el.closest('.bubbles-inner') !== null && inActiveChat(el);
}

function headerTitle(doc: Document): Element | null {
  return first(doc, ['.chat.active .chat-info .peer-title', '.chat-info .peer-title']);
}

// The hash can read "#@username" or "#<peerId>" for the same chat; the header's peer id cannot.
function threadKey(doc: Document, url: URL): string | null {
  const peer = headerTitle(doc)?.getAttribute('data-peer-id');
  if (peer) return peer;
  const hash = decodeURIComponent(url.hash.slice(1));
  return hash || null;
}

export const telegramK: SiteAdapter = {
  id: 'telegram-k',
  matches: (url) => url.hostname === 'web.telegram.org' && (url.pathname === '/' || url.pathname.startsWith('/k')),
  threadKey,
  partyName: (doc) => textOf(headerTitle(doc)) || null,
  rootSelector: BUBBLE,
  isRoot: isMessage,
  messageRoots: (root) => queryAll(root, BUBBLE).filter(isMessage),
  readMessage(el, doc, url) {
    if (!isMessage(el)) return null;
    const text = textOf(el.querySelector('.message'), SKIP);
    if (!text) return null;
    const name = Array.from(el.querySelectorAll('.name .peer-title, .name')).find((n) => !n.closest('.reply, .quote'));
    const thread = passMemo(doc, `telegram-k.thread:${url.href}`, () => threadKey(doc, url)) ?? el.getAttribute('data-peer-id') ?? '';
    const seconds = Number(el.getAttribute('data-timestamp'));
    return {
      key: messageKey('telegram-k', thread, el.getAttribute('data-mid'), []),
      text,
      dir: el.classList.contains('is-out') ? 'out' : 'in',
      sender: textOf(name),
      thread,
      time: seconds > 0 ? seconds * 1000 : undefined,
      node: el,
    };
  },
  container: (doc) => first(doc, ['.chat.active .bubbles-inner', '.bubbles-inner']),
  // tweb keeps a hidden contenteditable twin (".input-field-input-fake") to measure height.
  composer: (doc) =>
    first<HTMLElement>(doc, [
      '.chat.active .input-message-input[contenteditable="true"]:not(.input-field-input-fake)',
      '.input-message-input[contenteditable="true"]:not(.input-field-input-fake)',
    ]),
};
