// What the child is about to send. It reads only the page: the composer's text, and whether a
// paste, drop or file picker carries an image or video (by type, never the contents).
import type { MessageAnalysis } from '../detect';
import { levelRank } from '../detect';
import type { Lang } from '../i18n';
import type { InfoKind } from '../../components/nudge/types';
import type { ConversationView } from './controller';

export type { InfoKind };

/**
 * The kinds of personal information the detector found, for the reminder's wording. The detector
 * is the one place that knows what personal information looks like: its built-in finders report
 * `code.<kind>`, and the lexicon's share entries name what they are about in their ids (a unit
 * test keeps every share entry mapped).
 */
const ENTRY_KINDS: [RegExp, InfoKind][] = [
  [/^code\.phone$|number|phone/, 'phone'],
  [/^code\.email$|email/, 'email'],
  [/^code\.address$|address|where_i_live|home/, 'address'],
  [/school/, 'school'],
  [/age/, 'age'],
  [/^code\.location$|where_i_am|routine|location/, 'location'],
];

export function infoKindsOf(entries: readonly string[]): InfoKind[] {
  const out: InfoKind[] = [];
  for (const [re, kind] of ENTRY_KINDS) if (!out.includes(kind) && entries.some((e) => re.test(e))) out.push(kind);
  return out.length ? out : ['location'];
}

export interface OutgoingOptions {
  doc: Document;
  composer: () => HTMLElement | null;
  active: () => ConversationView | null;
  isNewContact: () => boolean;
  analyze: (text: string, opts: { dir: 'in' | 'out' }) => MessageAnalysis;
  setTimeout: (cb: () => void, ms: number) => unknown;
  showReminder: (kinds: InfoKind[], lang: Lang) => void;
  hideReminder: () => void;
  /** Shows the pause; `proceed` lets the child go on (re-dispatches or allows the next try). */
  showPause: (view: ConversationView, proceed: () => void) => void;
  logImage: (view: ConversationView) => void;
  debounceMs?: number;
}

function carriesMedia(list: DataTransferItemList | FileList | null | undefined): boolean {
  if (!list) return false;
  for (let i = 0; i < list.length; i++) {
    const it = list[i] as DataTransferItem | File | undefined;
    if (!it) continue;
    const type = it.type ?? '';
    const isFile = 'kind' in it ? it.kind === 'file' : true;
    if (isFile && (type.startsWith('image/') || type.startsWith('video/') || type === '')) return true;
  }
  return false;
}

export class OutgoingGuard {
  private timer: unknown = null;
  private bypassUntil = 0;
  private reminding = false;
  private readonly off: (() => void)[] = [];

  constructor(private readonly o: OutgoingOptions) {}

  start(): void {
    const on = <K extends keyof DocumentEventMap>(type: K, fn: (e: DocumentEventMap[K]) => void) => {
      this.o.doc.addEventListener(type, fn as EventListener, true);
      this.off.push(() => this.o.doc.removeEventListener(type, fn as EventListener, true));
    };
    on('input', (e) => this.onInput(e));
    on('paste', (e) => this.onMedia(e, carriesMedia(e.clipboardData?.items)));
    on('drop', (e) => this.onMedia(e, carriesMedia(e.dataTransfer?.items)));
    on('change', (e) => {
      const t = e.target as HTMLInputElement | null;
      if (t?.tagName === 'INPUT' && t.type === 'file') this.onMedia(e, carriesMedia(t.files), t);
    });
  }

  stop(): void {
    for (const f of this.off.splice(0)) f();
  }

  private inComposer(target: EventTarget | null): HTMLElement | null {
    const c = this.o.composer();
    return c && target instanceof Node && (c === target || c.contains(target)) ? c : null;
  }

  private onInput(e: Event): void {
    const c = this.inComposer(e.target);
    if (!c) return;
    if (this.timer !== null) return;
    this.timer = this.o.setTimeout(() => {
      this.timer = null;
      this.check(c);
    }, this.o.debounceMs ?? 300);
  }

  /** Looks at what is typed; shows or hides the reminder. */
  check(c: HTMLElement): void {
    const text = (c instanceof HTMLTextAreaElement || c instanceof HTMLInputElement ? c.value : c.innerText ?? c.textContent ?? '').slice(0, 2000);
    const view = this.o.active();
    const risky = view !== null && levelRank(view.level) >= levelRank('watch');
    const analysis = text.trim() !== '' ? this.o.analyze(text, { dir: 'out' }) : null;
    const shares = analysis !== null && analysis.categories.includes('share_personal_info');
    if (analysis && shares && (risky || this.o.isNewContact())) {
      this.reminding = true;
      this.o.showReminder(infoKindsOf(analysis.entries), view?.lang ?? 'en');
    } else if (this.reminding) {
      this.reminding = false;
      this.o.hideReminder();
    }
  }

  private onMedia(e: Event, media: boolean, input?: HTMLInputElement): void {
    if (!media) return;
    const view = this.o.active();
    if (!view || levelRank(view.level) < levelRank('watch')) return;
    if (levelRank(view.level) < levelRank('warn') || Date.now() < this.bypassUntil) {
      // In a conversation already being watched, sharing a photo is worth a line in the log.
      this.o.logImage(view);
      return;
    }
    // Hold the image back until the child decides; nothing about it is read or kept.
    e.preventDefault();
    e.stopImmediatePropagation();
    this.o.showPause(view, () => {
      if (input) {
        this.bypassUntil = Date.now() + 2000;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      } else {
        // A paste or drop cannot be replayed: the child's next one within a minute goes through.
        this.bypassUntil = Date.now() + 60_000;
      }
    });
  }
}
