// The content script's logic, apart from the page wiring: each message found is analysed on the
// spot; only flagged ones leave, as category ids and a masked excerpt; the level that comes back
// decides whether the child sees a nudge.
import { excerptFor, levelRank, type CategoryId, type Level, type MessageAnalysis } from '../detect';
import { langFromTag, type Lang } from '../i18n';
import type { Response, Signal, SignalResult } from '../messaging';
import { conversationKey } from '../messaging';
import type { Settings } from '../settings';
import type { SiteMessage } from '../sites/types';
import type { MessageContext } from './watcher';

/** How much of one message is analysed. */
export const MAX_ANALYSED = 20_000;

export interface NudgeRequest {
  conversation: string;
  level: 'warn' | 'alert';
  categories: CategoryId[];
  party: string;
  lang: Lang;
}

export interface ConversationView {
  conversation: string;
  thread: string;
  party: string;
  level: Level;
  categories: CategoryId[];
  lang: Lang;
}

export interface ControllerDeps {
  site: string;
  url: () => string;
  analyze: (text: string, opts: { dir: 'in' | 'out' }) => MessageAnalysis;
  send: (signal: Signal) => Promise<Response<SignalResult>>;
  settings: () => Settings;
  browserLang: string;
  now: () => number;
  /** Remembers which (conversation, level) nudges were shown, across page loads. */
  wasNudged: (conversation: string, level: Level) => boolean;
  markNudged: (conversation: string, level: Level) => void;
  showNudge: (req: NudgeRequest) => void;
}

export class ContentController {
  private conversations = new Map<string, ConversationView>();
  private current: ConversationView | null = null;

  constructor(private readonly d: ControllerDeps) {}

  /** The conversation open on the page (for the outgoing checks). */
  get active(): ConversationView | null {
    return this.current;
  }

  languageFor(analysis: MessageAnalysis | null): Lang {
    const s = this.d.settings().language;
    if (s !== 'auto') return s;
    if (analysis && (analysis.lang === 'km' || analysis.lang === 'km-Latn')) return 'km';
    return langFromTag(this.d.browserLang);
  }

  private view(thread: string, party: string): ConversationView {
    const key = conversationKey(this.d.site, thread, party);
    let v = this.conversations.get(key);
    if (!v) {
      v = { conversation: key, thread, party, level: 'none', categories: [], lang: this.languageFor(null) };
      this.conversations.set(key, v);
    }
    return v;
  }

  /** A thread opened on the page (or changed in a single-page app). */
  enterThread(thread: string, party: string): ConversationView {
    this.current = this.view(thread, party);
    return this.current;
  }

  setLevel(thread: string, party: string, level: Level): void {
    this.view(thread, party).level = level;
  }

  async onMessage(msg: SiteMessage, ctx: MessageContext): Promise<void> {
    // A chat message is short; a megabyte of text is a page trying to stall us. The start of it
    // is what a child reads, and analysing it stays within a slice.
    const text = msg.text.length > MAX_ANALYSED ? msg.text.slice(0, MAX_ANALYSED) : msg.text;
    const analysis = this.d.analyze(text, { dir: msg.dir });
    const v = this.view(ctx.thread, ctx.party);
    if (this.current === null) this.current = v;
    if (msg.dir === 'in' && analysis.lang !== 'other') v.lang = this.languageFor(analysis);
    if (analysis.categories.length === 0) return;
    const res = await this.d.send({
      site: this.d.site,
      thread: ctx.thread,
      party: ctx.party,
      key: msg.key,
      dir: msg.dir,
      categories: analysis.categories,
      excerpt: excerptFor(text, analysis),
      ts: msg.time ?? this.d.now(),
      url: this.d.url(),
    });
    if (!res.ok) return;
    v.level = res.data.level;
    v.categories = [...new Set([...v.categories, ...analysis.categories])];
    this.maybeNudge(v);
  }

  private maybeNudge(v: ConversationView): void {
    const s = this.d.settings();
    if (levelRank(v.level) < levelRank(s.nudgeFrom)) return;
    const loud = v.categories.filter((c) => !s.quietCategories.includes(c) && c !== 'share_personal_info');
    if (loud.length === 0) return;
    const level = v.level as 'warn' | 'alert';
    if (this.d.wasNudged(v.conversation, level)) return;
    this.d.markNudged(v.conversation, level);
    this.d.showNudge({ conversation: v.conversation, level, categories: loud, party: v.party, lang: v.lang });
  }
}
