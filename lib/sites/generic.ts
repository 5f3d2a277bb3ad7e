import { first, messageKey, normalize, outermost, queryAll, sideByLayout, textOf, passMemo } from './dom';
import type { Direction, SiteAdapter } from './types';

// ARIA says "this is a stream of messages" on chat widgets built with accessibility in mind.
const STREAMS = '[role="log"], [role="feed"], [aria-live]:not([aria-live="off"])';
const CONTAINERS = `${STREAMS}, [role="list"], [role="grid"], [role="application"]`;
const ITEMS = '[role="article"], [role="listitem"], [role="row"]';
const CHROME =
  'nav, header, footer, form, [role="navigation"], [role="banner"], [role="menu"], [role="menubar"], [role="listbox"], [role="tablist"], [role="toolbar"], [role="tree"]';
const EDITABLE = 'textarea, input, [contenteditable="true"]';
const SENDER =
  '[class*="author" i], [class*="sender" i], [class*="username" i], [data-testid*="author" i], [data-testid*="sender" i], [itemprop="author"]';
const BODY = '[class*="content" i], [class*="text" i], [class*="body" i], [class*="bubble" i], [dir="auto"], p';
// Quoted replies show someone else's earlier words; sites name them "quote"/"reply" in classes or labels.
const QUOTE = '[class*="quote" i], [class*="repl" i], [aria-label*="quote" i], [aria-label*="repl" i]';
// Not [role="button"]: Messenger and Instagram wrap the bubble itself in one.
const NOISE = `time, button, [aria-hidden="true"], h1, h2, h3, h4, h5, h6, ${SENDER}, ${QUOTE}`;
// Sidebars of conversations are lists too; their rows are previews, not messages.
const CONVERSATION_LIST = /\b(chat list|chats|conversations|inbox|threads|contacts)\b/i;
const OUT_TOKEN = /^(outgoing|out|own|mine|self|sent|me)$/i;
const IN_TOKEN = /^(incoming|in|received|other|them|theirs)$/i;

function hasText(el: Element): boolean {
  return normalize(el.textContent ?? '').length > 0;
}

function candidate(el: Element): boolean {
  const list = el.closest(CONTAINERS);
  return (
    list !== null &&
    !CONVERSATION_LIST.test(list.getAttribute('aria-label') ?? '') &&
    !el.closest(CHROME) &&
    !el.querySelector(EDITABLE) &&
    hasText(el)
  );
}

// Streams without item roles: each child is an entry, unless it wraps the role-marked items.
const STREAM_CHILD = STREAMS.split(', ').map((s) => `${s} > *`).join(', ');

function isRoot(el: Element): boolean {
  return candidate(el) && (el.matches(ITEMS) || (el.matches(STREAM_CHILD) && !el.querySelector(ITEMS)));
}

function roots(root: ParentNode): Element[] {
  return outermost(queryAll(root, `${ITEMS}, ${STREAM_CHILD}`).filter(isRoot));
}

function bodyOf(item: Element): Element | null {
  let best: Element | null = null;
  let bestLength = 0;
  for (const el of Array.from(item.querySelectorAll(BODY))) {
    if (el.closest(NOISE) || el.querySelector(SENDER)) continue;
    const length = textOf(el, NOISE).length;
    if (length > bestLength) [best, bestLength] = [el, length];
  }
  return best;
}

function classSide(item: Element): Direction | null {
  for (let n: Element | null = item; n && n !== item.parentElement?.parentElement; n = n.parentElement) {
    const tokens = Array.from(n.classList).flatMap((c) => c.split(/[-_]+/));
    if (tokens.some((t) => OUT_TOKEN.test(t))) return 'out';
    if (tokens.some((t) => IN_TOKEN.test(t))) return 'in';
  }
  return null;
}

function threadKey(doc: Document, url: URL): string | null {
  if (!doc.querySelector(CONTAINERS)) return null;
  return `${url.host}${url.pathname}${url.hash.startsWith('#/') ? url.hash : ''}`;
}

export const generic: SiteAdapter = {
  id: 'generic',
  matches: () => true,
  threadKey,
  partyName(doc) {
    for (const el of Array.from(doc.querySelectorAll(`${STREAMS}, [role="list"][aria-label], [role="grid"][aria-label]`))) {
      const m = /(?:with|titled)\s+(.+)$/i.exec(el.getAttribute('aria-label') ?? '');
      if (m?.[1]) return m[1].trim();
    }
    const h = textOf(first(doc, ['main h1', 'main h2', '[role="main"] h1', '[role="main"] h2']));
    return h.replace(/^(chat|conversation|messages) with\s+/i, '') || null;
  },
  messageRoots: roots,
  readMessage(el, doc, url) {
    if (!isRoot(el)) return null;
    const body = bodyOf(el);
    const text = textOf(body ?? el, NOISE);
    if (!text) return null;
    const sender = textOf(Array.from(el.querySelectorAll(SENDER)).find((n) => !n.closest(`${QUOTE}, [aria-hidden="true"]`)));
    const stream = el.parentElement?.closest(CONTAINERS) ?? el;
    // Without site knowledge, layout is the only honest signal; unknown stays "in" so nothing is missed.
    const dir = sideByLayout(body ?? el, stream) ?? classSide(el) ?? 'in';
    const stamp = el.querySelector('time[datetime]')?.getAttribute('datetime') ?? '';
    const ms = Date.parse(stamp);
    const thread = passMemo(doc, `generic.thread:${url.href}`, () => threadKey(doc, url)) ?? `${url.host}${url.pathname}`;
    const id = el.getAttribute('data-message-id') ?? el.getAttribute('data-id') ?? (el.id || null);
    return {
      key: messageKey('generic', thread, id, [sender, dir, stamp, text]),
      text,
      dir,
      sender,
      thread,
      time: Number.isFinite(ms) ? ms : undefined,
      node: el,
    };
  },
  container: (doc) => roots(doc)[0]?.parentElement?.closest(CONTAINERS) ?? doc.querySelector(STREAMS),
  composer: (doc) =>
    Array.from(doc.querySelectorAll<HTMLElement>('textarea, [contenteditable="true"], input[type="text"]')).find(
      (el) => !/search/i.test(el.getAttribute('aria-label') ?? el.getAttribute('placeholder') ?? ''),
    ) ?? null,
};

/** The first of `adapters` made for this page's address, else the generic one (it reads any page). */
export function pickAdapter(url: URL, adapters: readonly SiteAdapter[]): SiteAdapter {
  return adapters.find((a) => a.id !== 'generic' && a.matches(url)) ?? generic;
}
