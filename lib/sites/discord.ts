import { first, messageKey, queryAll, textOf } from './dom';
import type { SiteAdapter } from './types';

const LIST = 'ol[data-list-id="chat-messages"]';
const ROW = 'li[id^="chat-messages-"], li[data-list-item-id^="chat-messages___"]';
// Real ids are numeric snowflakes; test pages may use any token.
const ROW_ID = /chat-messages-(\d+)-([\w-]+)$/;
// Inside the body Discord renders "(edited)" with its own <time>; neither is what was said.
const BODY_SKIP = 'time, [class*="edited"], [class*="timestamp"]';
// The reply preview, embeds and the body carry other people's avatars and names.
const FOREIGN = '[id^="message-reply-context-"], [class*="repliedMessage"], [id^="message-accessories-"], [id^="message-content-"]';
const AVATAR_UID = /\/avatars\/(\d+)\//;

interface Author {
  name: string;
  uid: string | null;
}

function rowIds(li: Element): { channel: string; id: string } | null {
  const m = ROW_ID.exec(li.id) ?? ROW_ID.exec(li.getAttribute('data-list-item-id') ?? '');
  return m?.[1] && m[2] ? { channel: m[1], id: m[2] } : null;
}

function uidOf(img: Element | null | undefined): string | null {
  return AVATAR_UID.exec(img?.getAttribute('src') ?? '')?.[1] ?? null;
}

function headerAuthor(li: Element, id: string): Author | null {
  const label = li.querySelector(`[id="message-username-${id}"]`);
  if (!label) return null;
  const nameEl = label.querySelector('[class*="username"]') ?? label;
  const avatar = Array.from(li.querySelectorAll('img[src*="/avatars/"]')).find((img) => !img.closest(FOREIGN));
  return { name: (nameEl.getAttribute('data-text') ?? textOf(nameEl)).trim(), uid: uidOf(avatar) };
}

/** A grouped message has no header; Discord points it at the group's first message via aria-labelledby. */
function authorOf(li: Element, id: string, doc: Document): Author | null {
  const own = headerAuthor(li, id);
  if (own) return own;
  const labelled = [li, ...Array.from(li.querySelectorAll('[aria-labelledby]'))]
    .flatMap((el) => (el.getAttribute('aria-labelledby') ?? '').split(/\s+/))
    .map((ref) => /^message-username-([\w-]+)$/.exec(ref)?.[1])
    .find((ref): ref is string => Boolean(ref));
  const head = labelled ? doc.getElementById(`message-username-${labelled}`)?.closest(ROW) : null;
  if (head && labelled) return headerAuthor(head, labelled);
  // Older builds without the reference: carry the author of the nearest headed row above.
  for (let prev = li.previousElementSibling, n = 0; prev && n < 100; prev = prev.previousElementSibling, n++) {
    const ids = prev.matches(ROW) ? rowIds(prev) : null;
    const found = ids ? headerAuthor(prev, ids.id) : null;
    if (found) return found;
  }
  return null;
}

/** The logged-in account, from the panel at the bottom-left of the app. */
function currentUser(doc: Document): Author | null {
  const area =
    doc.querySelector('section[aria-label="User area"]') ??
    doc.querySelector('[class*="panelTitleContainer"]')?.closest('section') ??
    null;
  if (!area) return null;
  const name = textOf(first(area, ['[class*="panelTitleContainer"]', '[class*="nameTag"]']));
  return { name, uid: uidOf(area.querySelector('img[src*="/avatars/"]')) };
}

function timeOf(li: Element, id: string): number | undefined {
  const el = li.querySelector(`[id="message-timestamp-${id}"]`);
  const time = el?.matches('time') ? el : el?.querySelector('time');
  const ms = Date.parse(time?.getAttribute('datetime') ?? '');
  return Number.isFinite(ms) ? ms : undefined;
}

function threadKey(_doc: Document, url: URL): string | null {
  const m = /^\/channels\/(@me|\d+)\/(\d+)/.exec(url.pathname);
  return m ? `${m[1]}/${m[2]}` : null;
}

export const discord: SiteAdapter = {
  id: 'discord',
  matches: (url) => /^(?:(?:ptb|canary)\.)?discord\.com$/.test(url.hostname),
  threadKey,
  partyName(doc) {
    const h = first(doc, [
      'section[aria-label="Channel header"] h1',
      '[class*="titleWrapper"] h1',
      'section[aria-label="Channel header"] h3',
      '[class*="titleWrapper"] h3',
    ]);
    const name = textOf(h) || /@(.+)$/.exec(doc.title)?.[1]?.trim() || '';
    return name || null;
  },
  messageRoots: (root) => queryAll(root, ROW).filter((li) => li.closest(LIST) && rowIds(li)),
  readMessage(el, doc, url) {
    const ids = rowIds(el);
    if (!ids || !el.closest(LIST)) return null;
    const text = textOf(el.querySelector(`[id="message-content-${ids.id}"]`), BODY_SKIP);
    if (!text) return null;
    const author = authorOf(el, ids.id, doc);
    const me = currentUser(doc);
    let dir: 'in' | 'out' = 'in';
    if (author && me) {
      // The account id in the avatar URL cannot be copied by another user; a display name can.
      dir = author.uid && me.uid ? (author.uid === me.uid ? 'out' : 'in') : author.name === me.name ? 'out' : 'in';
    }
    const thread = threadKey(doc, url) ?? ids.channel;
    return {
      key: messageKey('discord', thread, ids.id, []),
      text,
      dir,
      sender: author?.name ?? '',
      thread,
      time: timeOf(el, ids.id),
      node: el,
    };
  },
  container: (doc) => doc.querySelector(LIST),
  composer: (doc) =>
    first<HTMLElement>(doc, [
      '[role="textbox"][data-slate-editor="true"]',
      'form [class*="channelTextArea"] [contenteditable="true"]',
      'main form [contenteditable="true"]',
    ]),
};
