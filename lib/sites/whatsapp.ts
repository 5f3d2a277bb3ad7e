import { first, messageKey, queryAll, textOf, passMemo } from './dom';
import type { Direction, SiteAdapter } from './types';

const ROOT = '[data-id]';
const TEXT = '[data-testid="selectable-text"], span.selectable-text';
// A reply shows the quoted message (with its own author and selectable text) above the new text.
const QUOTE = '[aria-label="Quoted message"], [aria-label="Quoted Message"], .quoted-mention';
// Before 2026 data-id packed direction, chat and message id: "true_<jid>_<id>" (true = sent by me).
const PACKED = /^(true|false)_/;
const PRE = /^\[([^\]]+)\]\s*(.*?):\s*$/;

function header(doc: Document): Element | null {
  return doc.querySelector('#main header');
}

function chatTitle(doc: Document): string | null {
  const el = first(header(doc), [
    '[data-testid="conversation-info-header-chat-title"]',
    'span[title]',
    'span[dir="auto"]',
  ]);
  const title = el?.getAttribute('title') || textOf(el);
  return title || null;
}

function outside(el: Element, selector: string): Element | undefined {
  return Array.from(el.querySelectorAll(selector)).find((n) => !n.closest(QUOTE));
}

/** A message row of the open chat: inside #main, not the header or composer, not nested in another row. */
function isMessage(el: Element): boolean {
  return (
    el.matches(ROOT) &&
    el.closest('#main') !== null &&
    !el.closest('header, footer') &&
    !el.parentElement?.closest(ROOT) &&
    (PACKED.test(el.getAttribute('data-id') ?? '') || el.querySelector('.message-in, .message-out, [data-pre-plain-text]') !== null)
  );
}

function directionOf(el: Element): Direction {
  const has = (s: string) => el.matches(s) || el.querySelector(s) !== null;
  if (has('.message-out')) return 'out';
  if (has('.message-in')) return 'in';
  const packed = PACKED.exec(el.getAttribute('data-id') ?? '');
  if (packed) return packed[1] === 'true' ? 'out' : 'in';
  if (has('[data-icon="tail-out"], [data-testid="tail-out"], span[aria-label="You:"]')) return 'out';
  return 'in';
}

/**
 * "[10:33 am, 8/5/2025]" or "[13:52, 22/03/2026]". The date order follows the phone's locale and is
 * not on the page, so an ambiguous day/month takes the reading closest to (and not after) now.
 */
export function parseWhatsAppStamp(stamp: string, now = Date.now()): number | undefined {
  const m = /^(\d{1,2})[:.](\d{2})\s*([ap])?\.?\s?m?\.?,\s*(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$/i.exec(stamp.trim());
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const meridiem = m[3]?.toLowerCase();
  if (meridiem === 'p' && hour < 12) hour += 12;
  if (meridiem === 'a' && hour === 12) hour = 0;
  const [a, b, c] = [Number(m[4]), Number(m[5]), Number(m[6])];
  const make = (y: number, mo: number, d: number) => {
    const t = new Date(y < 100 ? 2000 + y : y, mo - 1, d, hour, minute);
    return t.getMonth() === mo - 1 && t.getDate() === d ? t.getTime() : undefined;
  };
  if (a > 31) return make(a, b, c);
  const options = [make(c, b, a), make(c, a, b)].filter((t): t is number => t !== undefined);
  const past = options.filter((t) => t <= now + 86_400_000);
  return past.length ? Math.max(...past) : options[0];
}

export const whatsapp: SiteAdapter = {
  id: 'whatsapp',
  matches: (url) => url.hostname === 'web.whatsapp.com',
  // WhatsApp Web keeps one URL for every chat; the header title is the only per-chat marker on the page.
  threadKey: (doc) => chatTitle(doc),
  partyName: (doc) => chatTitle(doc),
  rootSelector: ROOT,
  isRoot: isMessage,
  messageRoots: (root) => queryAll(root, ROOT).filter(isMessage),
  readMessage(el, doc) {
    if (!isMessage(el)) return null;
    const text = textOf(outside(el, TEXT));
    if (!text) return null;
    const pre = PRE.exec(outside(el, '[data-pre-plain-text]')?.getAttribute('data-pre-plain-text') ?? '');
    const author = outside(el, '[data-testid="author"], [aria-label^="Maybe "]');
    const sender = textOf(author) || pre?.[2]?.trim() || '';
    const thread = passMemo(doc, 'whatsapp.thread', () => chatTitle(doc)) ?? '';
    const id = el.getAttribute('data-id') || null;
    return {
      key: messageKey('whatsapp', thread, id, [sender, text, pre?.[1] ?? '']),
      text,
      dir: directionOf(el),
      sender,
      thread,
      time: pre?.[1] ? parseWhatsAppStamp(pre[1]) : undefined,
      node: el,
    };
  },
  container: (doc) =>
    first(doc.querySelector('#main'), ['[data-testid="conversation-panel-messages"]', '[role="application"]']) ??
    doc.querySelector('#main'),
  composer: (doc) =>
    first<HTMLElement>(doc, [
      '#main footer [contenteditable="true"][data-tab]',
      '[data-testid="conversation-compose-box-input"]',
      '#main footer [contenteditable="true"]',
    ]),
};
