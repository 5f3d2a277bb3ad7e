// Finds the chat messages on the page as they appear. The MutationObserver only marks the page
// dirty; a coalesced rescan (one querySelectorAll) collects the message roots not seen before,
// and a SliceQueue reads and analyses them in small slices. A page that adds 10,000 nodes at
// once costs one rescan, not 10,000 callbacks' worth of work.
import type { SiteAdapter, SiteMessage } from '../sites/types';
import { inPass, passMemo } from '../sites/dom';
import { SliceQueue, type SliceHost } from './scheduler';

export interface WatcherOptions {
  doc: Document;
  host: SliceHost & { clearTimeout?: (id: unknown) => void };
  url: () => URL;
  adapter: SiteAdapter;
  /** Used when the site adapter finds nothing (the site changed its DOM). */
  fallback?: SiteAdapter;
  onMessage: (msg: SiteMessage, ctx: MessageContext) => void;
  onThreadChange?: (thread: string | null) => void;
  onAdapterMiss?: (adapter: SiteAdapter['id']) => void;
  /** How long mutations are coalesced before a rescan. */
  rescanDelayMs?: number;
  /** Most message keys remembered (oldest forgotten first). */
  maxKeys?: number;
}

export interface MessageContext {
  thread: string;
  party: string;
  /** How many messages of this thread had been read before this one. */
  index: number;
}

export class ChatWatcher {
  private observer: MutationObserver | null = null;
  private seenNodes = new WeakSet<Element>();
  /** Roots that read as empty so far: their text may render a moment later (Discord, WhatsApp). */
  private emptyReads = new WeakMap<Element, number>();
  private seenKeys = new Set<string>();
  private queue: SliceQueue<Element>;
  private rescanTimer: unknown = null;
  private thread: string | null = null;
  private threadCount = 0;
  private active: SiteAdapter;
  private missReported = false;

  constructor(private readonly o: WatcherOptions) {
    this.active = o.adapter;
    // Each slice is one pass: look-ups of the page (the address, the header, the account) are
    // made once per slice instead of once per message.
    this.queue = new SliceQueue(o.host, (el) => this.read(el), { around: inPass });
  }

  get currentThread(): string | null {
    return this.thread;
  }

  get messagesInThread(): number {
    return this.threadCount;
  }

  get adapterId(): SiteAdapter['id'] {
    return this.active.id;
  }

  start(): void {
    const MO = this.o.doc.defaultView?.MutationObserver ?? MutationObserver;
    this.observer = new MO(() => this.markDirty());
    this.observer.observe(this.o.doc.documentElement, { childList: true, subtree: true });
    this.rescan();
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.queue.stop();
    if (this.rescanTimer !== null) this.o.host.clearTimeout?.(this.rescanTimer);
    this.rescanTimer = null;
  }

  private markDirty(): void {
    if (this.rescanTimer !== null) return;
    this.rescanTimer = this.o.host.setTimeout(() => {
      this.rescanTimer = null;
      this.rescan();
    }, this.o.rescanDelayMs ?? 50);
  }

  /** Collects message roots not seen before; cheap enough to run on every batch of mutations. */
  rescan(): void {
    const { doc } = this.o;
    const url = this.o.url();
    const thread = this.active.threadKey(doc, url) ?? this.o.fallback?.threadKey(doc, url) ?? null;
    if (thread !== this.thread) {
      this.thread = thread;
      this.threadCount = 0;
      this.o.onThreadChange?.(thread);
    }
    let roots = this.active.messageRoots(doc);
    if (roots.length === 0 && this.o.fallback && this.active !== this.o.fallback) {
      const alt = this.o.fallback.messageRoots(doc);
      if (alt.length > 0) {
        if (!this.missReported) this.o.onAdapterMiss?.(this.o.adapter.id);
        this.missReported = true;
        this.active = this.o.fallback;
        roots = alt;
      }
    }
    const fresh: Element[] = [];
    for (const el of roots) {
      if (!this.seenNodes.has(el)) {
        this.seenNodes.add(el);
        fresh.push(el);
      }
    }
    if (fresh.length) this.queue.push(...fresh);
  }

  private read(el: Element): void {
    if (!el.isConnected) return;
    const url = passMemo(this, 'url', () => this.o.url());
    const msg = this.active.readMessage(el, this.o.doc, url);
    if (!msg || msg.text === '') {
      // Let a later rescan (the late text is itself a mutation) try again, a few times at most.
      const tries = (this.emptyReads.get(el) ?? 0) + 1;
      this.emptyReads.set(el, tries);
      if (tries < 4) this.seenNodes.delete(el);
      return;
    }
    if (this.seenKeys.has(msg.key)) return;
    this.remember(msg.key);
    const active = this.active;
    const header = passMemo(this, `party:${active.id}`, () => active.partyName(this.o.doc));
    const party = header ?? (msg.dir === 'in' ? msg.sender : '');
    this.o.onMessage(msg, { thread: msg.thread || this.thread || url.pathname, party, index: this.threadCount++ });
  }

  private remember(key: string): void {
    this.seenKeys.add(key);
    const max = this.o.maxKeys ?? 20000;
    if (this.seenKeys.size > max) {
      // Sets iterate in insertion order: drop the oldest tenth at once.
      let drop = Math.ceil(max / 10);
      for (const k of this.seenKeys) {
        this.seenKeys.delete(k);
        if (--drop === 0) break;
      }
    }
  }
}
