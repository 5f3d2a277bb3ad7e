import { first, messageKey, queryAll, textOf, passMemo } from './dom';
import type { SiteAdapter } from './types';

// Telegram WebA (Ajaxy/telegram-tt): "#message-<id>.Message[data-message-id]", ".own" when sent by the user.
const ROOT = '.Message[data-message-id]';
const REPLY = '.message-subheader, .EmbeddedMessage';
const SKIP = '.MessageMeta, .message-time, .Reactions, .reactions';

// During a chat switch the previous slide (and its MessageList) stays mounted until the animation ends.
function onActiveSlide(el: Element): boolean {
  const slide = el.closest('.Transition_slide');
  return !slide || slide.classList.contains('Transition_slide-active');
}

function isMessage(el: Element): boolean {
  return el.matches(ROOT) && !el.matches('.ActionMessage') && el.closest('.MessageList') !== null && onActiveSlide(el);
}

function threadKey(_doc: Document, url: URL): string | null {
  const hash = decodeURIComponent(url.hash.slice(1));
  return hash || null;
}

export const telegramA: SiteAdapter = {
  id: 'telegram-a',
  matches: (url) => url.hostname === 'web.telegram.org' && /^\/[az](\/|$)/.test(url.pathname),
  threadKey,
  partyName: (doc) =>
    textOf(first(doc, ['.MiddleHeader .ChatInfo .fullName', '.MiddleHeader .info .title h3', '.MiddleHeader .title'])) ||
    null,
  rootSelector: ROOT,
  isRoot: isMessage,
  messageRoots: (root) => queryAll(root, ROOT).filter(isMessage),
  readMessage(el, doc, url) {
    if (!isMessage(el)) return null;
    const body = Array.from(el.querySelectorAll('.text-content')).find((t) => !t.closest(REPLY));
    const text = textOf(body, SKIP);
    if (!text) return null;
    const name = Array.from(el.querySelectorAll('.message-title-name, .sender-title')).find((n) => !n.closest(REPLY));
    const thread = passMemo(doc, `telegram-a.thread:${url.href}`, () => threadKey(doc, url)) ?? '';
    return {
      key: messageKey('telegram-a', thread, el.getAttribute('data-message-id'), []),
      text,
      dir: el.classList.contains('own') ? 'out' : 'in',
      sender: textOf(name),
      thread,
      node: el,
    };
  },
  container: (doc) => first(doc, ['.Transition_slide-active .MessageList', '.MessageList']),
  composer: (doc) => doc.querySelector<HTMLElement>('#editable-message-text'),
};
