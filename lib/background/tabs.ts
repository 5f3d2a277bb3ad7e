// What each open tab has flagged, for the popup's "This tab". Kept in session storage so a
// restarted service worker still knows, and forgotten when the browser closes.
import type { CategoryId, Level } from '../detect';
import { levelRank } from '../detect';
import type { Signal } from '../messaging';

export interface TabConversation {
  conversation: string;
  site: string;
  thread: string;
  party: string;
  url: string;
  level: Level;
  categories: CategoryId[];
  /** The flagged messages, newest last, masked excerpts only (bounded). `key` is the page's message key. */
  messages: { ts: number; dir: 'in' | 'out'; categories: CategoryId[]; excerpt: string; key?: string }[];
}

export interface TabStatus {
  tabId: number;
  level: Level;
  conversations: TabConversation[];
}

export interface SessionArea {
  /** `null` reads everything (used to forget every tab at once). */
  get(key: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const MAX_CONVERSATIONS = 20;
const MAX_MESSAGES = 30;

export class TabRegistry {
  // Signals from one tab arrive concurrently; updates are chained so none overwrites another.
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly area: SessionArea) {}

  private key(tabId: number): string {
    return `tab:${tabId}`;
  }

  private async read(tabId: number): Promise<TabConversation[]> {
    const got = await this.area.get(this.key(tabId));
    const v = got[this.key(tabId)];
    return Array.isArray(v) ? (v as TabConversation[]) : [];
  }

  note(tabId: number, conversation: string, level: Level, s: Signal): Promise<void> {
    if (tabId < 0) return Promise.resolve();
    const run = this.queue.then(() => this.update(tabId, conversation, level, s));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async update(tabId: number, conversation: string, level: Level, s: Signal): Promise<void> {
    const list = await this.read(tabId);
    let c = list.find((x) => x.conversation === conversation);
    if (!c) {
      c = { conversation, site: s.site, thread: s.thread, party: s.party, url: s.url, level, categories: [], messages: [] };
      list.push(c);
      if (list.length > MAX_CONVERSATIONS) list.shift();
    }
    c.level = level;
    c.url = s.url || c.url;
    c.categories = [...new Set([...c.categories, ...s.categories])];
    // A reloaded chat sends its messages again; the popup shows each once.
    if (!c.messages.some((m) => m.key === s.key && m.dir === s.dir)) {
      c.messages.push({ ts: s.ts, dir: s.dir, categories: s.categories, excerpt: s.excerpt, key: s.key });
    }
    if (c.messages.length > MAX_MESSAGES) c.messages.splice(0, c.messages.length - MAX_MESSAGES);
    await this.area.set({ [this.key(tabId)]: list });
  }

  async status(tabId: number): Promise<TabStatus> {
    const conversations = await this.read(tabId);
    let level: Level = 'none';
    for (const c of conversations) if (levelRank(c.level) > levelRank(level)) level = c.level;
    return { tabId, level, conversations };
  }

  forget(tabId: number): Promise<void> {
    const run = this.queue.then(() => this.area.remove(this.key(tabId)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Forgets every tab (delete-all). Chained after pending updates so none writes back afterwards. */
  clearAll(): Promise<void> {
    const run = this.queue.then(async () => {
      const all = await this.area.get(null);
      await Promise.all(Object.keys(all).filter((k) => k.startsWith('tab:')).map((k) => this.area.remove(k)));
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
