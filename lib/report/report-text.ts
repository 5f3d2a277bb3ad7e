// The text "Report this" copies for a hotline's form. No hotline accepts pre-filled forms, so
// the report travels through the clipboard: what happened in plain words, where, who, when, and
// the flagged messages as the child saw them (already masked). Text only: a report must never
// carry a picture, because a copy of a sexual image of a child is itself illegal to send.
import { levelRank } from '../detect';
import type { TabConversation, TabStatus } from '../background/tabs';
import { formatDate, t, type Lang } from '../i18n';
import '@/lib/i18n/catalogues/popup';
import { LIMITS, type ReportLog } from '../messaging';

export interface ReportInput {
  lang: Lang;
  /** The tab's address; '' when the browser did not give it. */
  pageUrl: string;
  status: TabStatus | null;
  now: number;
  /** Defaults to the browser's zone; tests fix it. */
  timeZone?: string;
  /** The conversation the child reported from a nudge: it comes first. */
  conversation?: string | null;
}

/** Enough for a hotline analyst to act, short enough for a web form's text box. */
export const MAX_CONVERSATIONS = 3;
export const MAX_MESSAGES = 10;

/**
 * The order the popup shows and the report lists: the conversation the child picked (from a
 * nudge) first, then the most serious, then the most recent.
 */
export function sortConversations(list: readonly TabConversation[], first: string | null = null): TabConversation[] {
  const last = (c: TabConversation) => c.messages.at(-1)?.ts ?? 0;
  const picked = (c: TabConversation) => (c.conversation === first ? 1 : 0);
  return [...list].sort(
    (a, b) => picked(b) - picked(a) || levelRank(b.level) - levelRank(a.level) || last(b) - last(a),
  );
}

/** The conversations a report covers. */
export function reportConversations(status: TabStatus | null, first: string | null = null): TabConversation[] {
  return sortConversations(status?.conversations ?? [], first).slice(0, MAX_CONVERSATIONS);
}

/** Only web addresses go into a report: a data: or blob: address can be an image itself. */
export function safeUrl(url: string): string {
  const u = url.trim();
  return /^https?:\/\/\S+$/i.test(u) ? u.slice(0, LIMITS.url) : '';
}

function hostOf(url: string): string {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}

/** One line of plain text, with anything that could embed a picture taken out. */
export function cleanText(s: string, max: number = LIMITS.excerpt): string {
  return s
    .replace(/\b(?:data|blob|filesystem):\S*/gi, '[…]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

export function buildReportText(input: ReportInput): string {
  const { lang, now, timeZone } = input;
  const tr = (key: string, params?: Record<string, string | number>) => t(lang, `popup.reportText.${key}`, params);
  const when = (ts: number) =>
    formatDate(lang, ts, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
      timeZone,
    });
  const categories = (ids: readonly string[]) => ids.map((c) => t(lang, `common.category.${c}`)).join('; ');
  const convs = reportConversations(input.status, input.conversation);
  const page = safeUrl(input.pageUrl) || safeUrl(convs[0]?.url ?? '');

  const lines = [tr('title'), tr('intro'), '', page ? tr('page', { url: page }) : tr('pageUnknown')];
  if (convs.length === 0) {
    const site = hostOf(page);
    if (site) lines.push(tr('site', { site }));
    lines.push(tr('whatNothing'));
  }
  convs.forEach((c, i) => {
    lines.push('');
    if (convs.length > 1) lines.push(tr('chat', { n: i + 1, count: convs.length }));
    const url = safeUrl(c.url);
    if (url && url !== page) lines.push(tr('page', { url }));
    lines.push(tr('site', { site: cleanText(c.site, LIMITS.site) }));
    const party = cleanText(c.party, LIMITS.party);
    lines.push(party ? tr('party', { party }) : tr('partyUnknown'));
    if (c.categories.length > 0) lines.push(tr('what', { what: categories(c.categories) }));
    const shown = c.messages.slice(-MAX_MESSAGES);
    const first = shown[0];
    const last = shown.at(-1);
    if (first && last) lines.push(tr('when', { from: when(first.ts), to: when(last.ts) }));
    if (shown.length > 0) lines.push(tr('messages'));
    for (const m of shown) {
      lines.push(
        tr('message', {
          time: when(m.ts),
          who: tr(m.dir === 'in' ? 'fromThem' : 'fromChild'),
          text: cleanText(m.excerpt),
          categories: categories(m.categories),
        }),
      );
    }
    const hidden = c.messages.length - shown.length;
    if (hidden > 0) lines.push(tr('more', { count: hidden }));
  });
  lines.push('', tr('madeAt', { time: when(now) }), tr('noImages'));
  return lines.join('\n');
}

/** The local record of a report (the text itself stays in the clipboard). */
export function reportLogFor(
  input: Pick<ReportInput, 'pageUrl' | 'status' | 'now' | 'conversation'>,
  hotline: string,
): ReportLog {
  const top = reportConversations(input.status, input.conversation)[0];
  const url = safeUrl(input.pageUrl) || safeUrl(top?.url ?? '');
  return {
    site: (top?.site ?? hostOf(url)).slice(0, LIMITS.site),
    thread: (top?.thread ?? '').slice(0, LIMITS.thread),
    party: (top?.party ?? '').slice(0, LIMITS.party),
    url,
    hotline,
    ts: input.now,
  };
}
