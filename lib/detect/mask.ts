import { CATEGORY_WEIGHT } from './categories';
import type { MessageAnalysis } from './analyze';
import { fold, origEnd, origStart } from './fold';
import { findPersonalInfo, type InfoKind } from './personal-info';

const MASK: Readonly<Record<InfoKind, string>> = {
  phone: '[phone]',
  email: '[email]',
  address: '[address]',
  location: '[location]',
};

interface OrigSpan {
  start: number;
  end: number;
  kind: InfoKind;
}

function infoSpans(text: string): OrigSpan[] {
  const view = fold(text);
  return findPersonalInfo(view.text).map((s) => ({
    kind: s.kind,
    start: origStart(view, s.start),
    end: origEnd(view, s.end - 1),
  }));
}

function maskRange(text: string, from: number, to: number, spans: readonly OrigSpan[]): string {
  let out = '';
  let at = from;
  for (const s of spans) {
    if (s.end <= from || s.start >= to) continue;
    out += text.slice(at, Math.max(at, s.start)) + MASK[s.kind];
    at = Math.max(at, s.end);
  }
  return out + text.slice(at, to);
}

/** The text with phone numbers, e-mail addresses, street addresses and coordinates replaced. */
export function maskPersonalInfo(text: string): string {
  return maskRange(text, 0, text.length, infoSpans(text));
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\n' || c === '\t';
}

/** Keeps a cut from splitting a surrogate pair. */
function safeCut(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff ? i - 1 : i;
}

/**
 * A short window of the message around its strongest evidence, personal details masked, for the
 * event log and the parent summary. At most `maxLen` characters, "…" where the message was cut.
 */
export function excerptFor(text: string, analysis: MessageAnalysis, maxLen = 160): string {
  const limit = Math.max(8, Math.floor(maxLen));
  const spans = infoSpans(text);
  const whole = maskRange(text, 0, text.length, spans);
  if (whole.length <= limit) return whole;

  let focus = analysis.spans[0];
  for (const s of analysis.spans) if (focus && CATEGORY_WEIGHT[s.category] > CATEGORY_WEIGHT[focus.category]) focus = s;
  const budget = limit - 2;
  let a = focus ? Math.max(0, Math.min(focus.start, text.length)) : 0;
  let b = focus ? Math.max(a, Math.min(focus.end, text.length)) : 0;
  if (b - a > budget) b = a + budget;
  // Widen evenly around the evidence, then back off to word boundaries.
  const spare = budget - (b - a);
  a = Math.max(0, a - Math.floor(spare / 2));
  b = Math.min(text.length, a + budget);
  a = Math.max(0, b - budget);
  if (a > 0) {
    let k = a;
    while (k < b && k - a < 20 && !isSpace(text[k - 1])) k++;
    if (k < b && k - a < 20) a = k;
  }
  if (b < text.length) {
    let k = b;
    while (k > a && b - k < 20 && !isSpace(text[k])) k--;
    if (k > a && b - k < 20) b = k;
  }
  // Never cut through a phone number or address: take it whole (it is masked anyway).
  for (const s of spans) {
    if (s.start < a && s.end > a) a = s.start;
    if (s.start < b && s.end > b) b = s.end;
  }
  a = safeCut(text, a);
  b = safeCut(text, b);
  let body = maskRange(text, a, b, spans).trim();
  const room = limit - (a > 0 ? 1 : 0) - (b < text.length ? 1 : 0);
  if (body.length > room) body = body.slice(0, safeCut(body, room)).trimEnd();
  return `${a > 0 ? '…' : ''}${body}${b < text.length ? '…' : ''}`;
}
