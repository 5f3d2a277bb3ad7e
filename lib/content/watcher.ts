// Finds the chat messages on the page as they appear. The MutationObserver only collects the
// nodes that were added; a coalesced rescan looks for message roots in those alone, and a
// SliceQueue reads and analyses them in small slices. A full scan of the page (at start, after a
// thread switch, or when a mutation batch is too big to look at node by node) walks the page's
// candidates in slices too, so a 5,000-message history never costs one long task.
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

/** A full scan in progress: the candidates of one query, walked a chunk at a time. */
interface ScanCursor {
  candidates: ArrayLike<Element>;
  at: number;
  adapter: SiteAdapter;
  /** Another full scan was asked for while this one ran: run one more when it ends. */
  again: boolean;
}

type Work = Element | ScanCursor;

/** Added nodes looked at one by one; beyond this, one full scan is cheaper. */
const MAX_ADDED = 300;
/** Candidates a full scan looks at per queue item (a few milliseconds on a slow computer). */
const SCAN_CHUNK = 250;

export class ChatWatcher {
  private observer: MutationObserver | null = null;
  /** Nodes added since the last rescan (text nodes as their parent element). */
  private added: Node[] = [];
  private fullScanNeeded = true;
  /** Until a first message is found, every rescan also looks at the whole page (and may fall back). */
  private foundAny = false;
  /** The full scan walking the page from the queue, if one is. */
  private scan: ScanCursor | null = null;
  private seenNodes = new WeakSet<Element>();
  /** Roots that read as empty so far: their text may render a moment later (Discord, WhatsApp). */
  private emptyReads = new WeakMap<Element, number>();
  private seenKeys = new Set<string>();
  private queue: SliceQueue<Work>;
  private rescanTimer: unknown = null;
  private thread: string | null = null;
  private threadCount = 0;
  private active: SiteAdapter;
  private missReported = false;

  constructor(private readonly o: WatcherOptions) {
    this.active = o.adapter;
    // Each slice is one pass: look-ups of the page (the address, the header, the account) are
    // made once per slice instead of once per message.
    this.queue = new SliceQueue<Work>(o.host, (w) => ('candidates' in w ? this.scanSome(w) : this.read(w)), { around: inPass });
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
    this.observer = new MO((records) => this.collect(records));
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

  /** The observer's callback: notes what was added, nothing more. */
  private collect(records: MutationRecord[], schedule = true): void {
    if (!this.fullScanNeeded) {
      for (const r of records) {
        const nodes = r.addedNodes;
        for (let i = 0; i < nodes.length; i++) {
          const n = nodes[i] as Node;
          this.added.push(n.nodeType === 1 ? n : r.target);
        }
        if (this.added.length > MAX_ADDED) {
          this.fullScanNeeded = true;
          this.added = [];
          break;
        }
      }
    }
    if (schedule) this.markDirty();
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
    // Mutations not delivered yet (a rescan called right after a change) count too.
    const pending = this.observer?.takeRecords();
    if (pending?.length) this.collect(pending, false);
    const { doc } = this.o;
    const url = this.o.url();
    const thread = this.active.threadKey(doc, url) ?? this.o.fallback?.threadKey(doc, url) ?? null;
    if (thread !== this.thread) {
      this.thread = thread;
      this.threadCount = 0;
      this.o.onThreadChange?.(thread);
      // A single-page app may show another chat without adding a node (a class toggled): the
      // page is walked again from the start.
      this.added = [];
      this.fullScanNeeded = false;
      this.fullScan(true);
      return;
    }
    if (this.fullScanNeeded) {
      this.fullScanNeeded = false;
      this.added = [];
      this.fullScan(false);
      return;
    }
    const added = this.added;
    this.added = [];
    const looked = new Set<Node>();
    const roots: Element[] = [];
    for (const n of added) {
      if (looked.has(n) || !n.isConnected) continue;
      looked.add(n);
      roots.push(...this.active.messageRoots(n as Element));
    }
    this.enqueue(roots);
    // Nothing found on this page yet (a chat still rendering, or a site that changed): look at the
    // whole page again, which is also where the generic fallback is tried.
    if (!this.foundAny && this.scan === null) this.fullScan(false);
  }

  /** Queues the roots not seen before; any root at all means the adapter reads this page. */
  private enqueue(roots: readonly Element[]): void {
    if (roots.length > 0) this.foundAny = true;
    const fresh: Element[] = [];
    for (const el of roots) {
      if (!this.seenNodes.has(el)) {
        this.seenNodes.add(el);
        fresh.push(el);
      }
    }
    if (fresh.length) this.queue.push(...fresh);
  }

  /**
   * The whole page. An adapter that names a selector for its message roots is walked in chunks
   * from the queue (touching each of thousands of elements for the first time is what costs);
   * the others are asked for their roots at once.
   */
  private fullScan(restart: boolean): void {
    const a = this.active;
    if (this.scan) {
      // One walk at a time: a thread switch restarts it on the new page; anything else runs
      // once more after it, so a page that keeps churning cannot keep the walk from its end.
      if (restart && a.rootSelector) {
        this.scan.candidates = this.o.doc.querySelectorAll(a.rootSelector);
        this.scan.at = 0;
        this.scan.adapter = a;
      } else this.scan.again = true;
      return;
    }
    if (a.rootSelector && a.isRoot) {
      const candidates = this.o.doc.querySelectorAll(a.rootSelector);
      if (candidates.length > 0) {
        this.scan = { candidates, at: 0, adapter: a, again: false };
        this.queue.push(this.scan);
        return;
      }
      if (!this.foundAny) this.fallBack();
      return;
    }
    const roots = a.messageRoots(this.o.doc);
    if (roots.length === 0 && !this.foundAny) this.fallBack();
    this.enqueue(roots);
  }

  private scanSome(c: ScanCursor): void {
    if (c !== this.scan) return;
    if (c.adapter !== this.active) {
      this.scan = null;
      return;
    }
    const isRoot = c.adapter.isRoot as (el: Element) => boolean;
    const end = Math.min(c.candidates.length, c.at + SCAN_CHUNK);
    const roots: Element[] = [];
    for (; c.at < end; c.at++) {
      const el = c.candidates[c.at] as Element;
      if (!this.seenNodes.has(el) && el.isConnected && isRoot(el)) roots.push(el);
    }
    this.enqueue(roots);
    if (c.at < c.candidates.length) {
      this.queue.push(c);
      return;
    }
    this.scan = null;
    if (!this.foundAny) this.fallBack();
    if (c.again) this.fullScan(false);
  }

  /** The site adapter found no message on the page: the generic one may (the site changed). */
  private fallBack(): void {
    const fb = this.o.fallback;
    if (!fb || this.active === fb) return;
    const alt = fb.messageRoots(this.o.doc);
    if (alt.length === 0) return;
    if (!this.missReported) this.o.onAdapterMiss?.(this.o.adapter.id);
    this.missReported = true;
    this.active = fb;
    this.enqueue(alt);
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
