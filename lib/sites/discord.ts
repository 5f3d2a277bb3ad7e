import { first, isElement, messageKey, passMemo, textOf } from './dom';
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

/**
 * The element of `li` with this id: the document's id index first (no selector to parse for every
 * message), then a search inside the row when the first element of that id is elsewhere (a reply
 * preview repeats the replied message's content id).
 */
function byId(li: Element, id: string): Element | null {
  const el = li.isConnected ? li.ownerDocument.getElementById(id) : null;
  if (el && li.contains(el)) return el;
  return el || !li.isConnected ? li.querySelector(`[id="${id}"]`) : null;
}

function uidOf(img: Element | null | undefined): string | null {
  return AVATAR_UID.exec(img?.getAttribute('src') ?? '')?.[1] ?? null;
}

/** A header row's author; a group of messages asks for the same header again and again. */
function headerAuthor(li: Element, id: string): Author | null {
  return passMemo(li, `discord.author:${id}`, () => readHeaderAuthor(li, id));
}

function readHeaderAuthor(li: Element, id: string): Author | null {
  const label = byId(li, `message-username-${id}`);
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
  return passMemo(doc, 'discord.me', () => readCurrentUser(doc));
}

function readCurrentUser(doc: Document): Author | null {
  const area =
    doc.querySelector('section[aria-label="User area"]') ??
    doc.querySelector('[class*="panelTitleContainer"]')?.closest('section') ??
    null;
  if (!area) return null;
  const name = textOf(first(area, ['[class*="panelTitleContainer"]', '[class*="nameTag"]']));
  return { name, uid: uidOf(area.querySelector('img[src*="/avatars/"]')) };
}

function timeOf(li: Element, id: string): number | undefined {
  const el = byId(li, `message-timestamp-${id}`);
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
  rootSelector: ROW,
  isRoot: (el) => el.matches(ROW) && el.closest(LIST) !== null && rowIds(el) !== null,
  messageRoots(root) {
    // The rows of the message lists; a mutation's root may also be (or sit inside) one row.
    const own = isElement(root) ? root.closest(ROW) : null;
    if (own) return own.closest(LIST) && rowIds(own) ? [own] : [];
    const lists = isElement(root) && root.matches(LIST) ? [root] : Array.from(root.querySelectorAll(LIST));
    if (isElement(root) && lists.length === 0 && root.closest(LIST)) return Array.from(root.querySelectorAll(ROW)).filter((li) => rowIds(li));
    const out: Element[] = [];
    for (const list of lists) {
      // Rows are the list's children (with day dividers between them): walking the children costs
      // far less than matching a selector against every node of a long history.
      for (let c = list.firstElementChild; c; c = c.nextElementSibling) {
        if (c.localName === 'li' && c.matches(ROW)) {
          if (rowIds(c)) out.push(c);
        } else if (c.firstElementChild) {
          for (const li of Array.from(c.querySelectorAll(ROW))) if (rowIds(li)) out.push(li);
        }
      }
    }
    return out;
  },
  readMessage(el, doc, url) {
    const ids = rowIds(el);
    if (!ids || !el.closest(LIST)) return null;
    const text = textOf(byId(el, `message-content-${ids.id}`), BODY_SKIP);
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
