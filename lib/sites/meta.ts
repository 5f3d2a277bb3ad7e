/**
 * Messenger and Instagram direct share one web codebase: rows in a grid/log labelled
 * "Messages in conversation with …", an accessible label per bubble, and a screen-reader heading
 * ("You sent", or the sender's name) before each group. This module reads that shape.
 */
import { first, messageKey, outermost, queryAll, sideByLayout, textOf } from './dom';
import type { Direction, SiteId, SiteMessage } from './types';

const ROW = '[role="row"], [aria-roledescription="message"]';
const HEADING = 'h1, h2, h3, h4, h5, h6';
const QUOTE = '[aria-label^="Go to replied message"], [aria-label^="Original message"]';
// The quoted original of a reply, reactions and timestamps are not what this message says.
const FOREIGN = [
  QUOTE,
  '[aria-label*="reaction"]',
  '[aria-label*="Reaction"]',
  '[aria-hidden="true"]',
  'time',
].join(', ');
const SENT = /^Enter, Message sent (.*?) by (.+?): ([\s\S]*)$/;
const AT = /^At (.*?\d{1,2}[:.]\d{2}(?:\s?[APap]\.?[Mm]\.?)?), (.+?): ([\s\S]*)$/;
const CONVERSATION = /^Messages in conversation (?:with|titled) (.+)$/;

interface Label {
  time: string;
  sender: string;
  body: string;
}

function labelOf(row: Element): Label | null {
  // A quoted original may carry its own label; it names the quoted sender, not this one.
  const own = Array.from(row.querySelectorAll('[aria-label]')).filter((el) => !el.closest(QUOTE));
  for (const el of [row, ...own]) {
    const value = el.getAttribute('aria-label') ?? '';
    const m = SENT.exec(value) ?? AT.exec(value);
    if (m?.[1] && m[2]) return { time: m[1], sender: m[2].trim(), body: (m[3] ?? '').trim() };
  }
  return null;
}

/** The visually hidden group heading: "You sent", "You replied to …", "Sam replied to you" or "Sam". */
function headingOf(row: Element): string | null {
  const h = Array.from(row.querySelectorAll('h4, h5, h6')).find((el) => !el.closest(FOREIGN));
  return h ? textOf(h) || null : null;
}

function bodyText(row: Element): string {
  const candidates = Array.from(row.querySelectorAll('[dir="auto"]')).filter(
    (el) => !el.closest(HEADING) && !el.closest(FOREIGN) && !el.querySelector(`${HEADING}, ${QUOTE}`),
  );
  return outermost(candidates)
    .map((el) => textOf(el, FOREIGN))
    .filter(Boolean)
    .join('\n');
}

export function metaLists(extra: readonly string[] = []): string {
  return [
    ...extra,
    '[role="log"]',
    '[aria-label^="Messages in conversation"]',
    '[role="grid"][aria-label^="Messages"]',
  ].join(', ');
}

export function metaRoots(root: ParentNode, lists: string): Element[] {
  return outermost(queryAll(root, ROW).filter((el) => el.closest(lists)));
}

export function metaPartyName(doc: Document, lists: string): string | null {
  for (const list of Array.from(doc.querySelectorAll(lists))) {
    const m = CONVERSATION.exec(list.getAttribute('aria-label') ?? '');
    // Marketplace threads read "<name> · <listing>".
    if (m?.[1]) return m[1].split(' \u00b7 ')[0]?.trim() || null;
  }
  const titled = doc.querySelector('[aria-label^="Conversation titled "]');
  if (titled) return (titled.getAttribute('aria-label') ?? '').slice('Conversation titled '.length).trim() || null;
  return textOf(first(doc, ['[role="main"] header h2', '[role="main"] h2'])) || null;
}

export function metaRead(site: SiteId, row: Element, lists: string, thread: string): SiteMessage | null {
  if (!row.matches(ROW) || !row.closest(lists) || row.parentElement?.closest(ROW)) return null;
  const label = labelOf(row);
  const text = bodyText(row) || label?.body || '';
  if (!text) return null;
  const heading = headingOf(row);
  let dir: Direction | null = null;
  let sender = '';
  // Both signals are written by the site, not by the sender: a message body cannot become a label or a heading.
  if (label) {
    sender = label.sender;
    dir = /^you$/i.test(sender) ? 'out' : 'in';
  } else if (heading) {
    const out = /^you (sent|replied)\b/i.test(heading);
    dir = out ? 'out' : 'in';
    sender = out ? 'You' : heading.replace(/ replied to .*$/i, '');
  }
  const bubble = row.querySelector('[dir="auto"]') ?? row;
  dir ??= sideByLayout(bubble, row) ?? 'in';
  const id = row.getAttribute('data-message-id') ?? row.querySelector('[data-message-id]')?.getAttribute('data-message-id') ?? null;
  return {
    key: messageKey(site, thread, id, [sender, dir, label?.time ?? '', text]),
    text,
    dir,
    sender,
    thread,
    node: row,
  };
}

/** The message box: an editable in the main pane that is not a search field. */
export function metaComposer(doc: Document): HTMLElement | null {
  const pick = (scope: string) =>
    Array.from(doc.querySelectorAll<HTMLElement>(`${scope}[contenteditable="true"], ${scope}textarea`)).find(
      (el) => !/search/i.test(el.getAttribute('aria-label') ?? el.getAttribute('placeholder') ?? ''),
    );
  return pick('[role="main"] ') ?? pick('') ?? null;
}
