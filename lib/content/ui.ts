// The nudge views are not part of the content script: Preact, the views, their styles and the
// nudge wording (about 12 KB gzipped, a quarter of the script's code) would otherwise be parsed on
// every chat page a child opens, while most pages never show a nudge. The content script
// import()s `nudge-ui.js` the first time a view is needed; a module imported by a content script
// runs in the same isolated world, where it registers itself under UI_KEY, out of the page
// scripts' reach. The file is web-accessible under a per-session address (use_dynamic_url), so
// a page cannot probe for it. (Injecting it from the worker with scripting.executeScript would
// need host permissions, which would also show the worker every chat tab's address.)
import type { NudgeProps } from '@/components/nudge/Nudge';
import type { HelpInfo, InfoKind } from '@/components/nudge/types';
import type { Lang } from '@/lib/i18n';
import type { ClosedUi } from './shadow-ui';

/** The file imported (a WXT unlisted script, entrypoints/nudge-ui.ts). */
export const UI_SCRIPT_FILE = '/nudge-ui.js';

export type UiView =
  | ({ kind: 'nudge' } & Omit<NudgeProps, 'onDismiss' | 'onHelpOpened'>)
  | { kind: 'reminder'; lang: Lang; kinds: InfoKind[]; composer: HTMLElement | null }
  | {
      kind: 'pause';
      lang: Lang;
      party: string;
      help: HelpInfo;
      composer: HTMLElement | null;
      /** "Send anyway": the view closes first. */
      onContinue(): void;
      /** "Report": the view closes first. */
      onReport(): void;
    };

export interface NudgeUi {
  /**
   * Shows `view` in a fresh closed shadow root at the end of the page; `close` is what the view's
   * own dismiss buttons (and Escape) call.
   */
  mount(doc: Document, view: UiView, close: () => void): ClosedUi;
  /** Registers the bundled Khmer font on the page (once); resolves false when it could not. */
  khmerFont(doc: Document, url: (path: string) => string): Promise<boolean>;
}

const UI_KEY = Symbol.for('chaperone.nudge-ui');

/** Called by nudge-ui.js when it runs; a second run keeps the first registration. */
export function registerUi(ui: NudgeUi, scope: object = globalThis): void {
  const s = scope as Record<symbol, NudgeUi | undefined>;
  s[UI_KEY] ??= ui;
}

export function loadedUi(scope: object = globalThis): NudgeUi | undefined {
  return (scope as Record<symbol, NudgeUi | undefined>)[UI_KEY];
}

/**
 * Returns the UI, calling `load` (the import) to load it the first time. Calls made while it
 * loads share one load; a failed one is tried again on the next call.
 */
export function uiLoader(load: () => Promise<unknown>, scope: object = globalThis): () => Promise<NudgeUi> {
  let loading: Promise<NudgeUi> | null = null;
  return () => {
    const ui = loadedUi(scope);
    if (ui) return Promise.resolve(ui);
    loading ??= load().then(
      () => {
        const got = loadedUi(scope);
        if (got) return got;
        loading = null;
        throw new Error('the nudge views did not register after being loaded');
      },
      (e: unknown) => {
        loading = null;
        throw e;
      },
    );
    return loading;
  };
}

export interface ViewSlotsOptions {
  doc: Document;
  load: () => Promise<NudgeUi>;
  /** Maps an extension file to its address (the Khmer font). */
  fontUrl: (path: string) => string;
  /** True once the content script is invalidated: nothing new is shown then. */
  invalid: () => boolean;
}

/**
 * One view per slot ('nudge', 'reminder', 'pause'): a newer show() for a slot replaces the older
 * view, even while the older one is still loading; hide() also cancels a view that is loading.
 */
export class ViewSlots {
  private readonly mounted = new Map<string, ClosedUi>();
  private readonly latest = new Map<string, number>();
  private seq = 0;

  constructor(private readonly o: ViewSlotsOptions) {}

  /**
   * Shows `view` in `slot`. Never rejects: when the views cannot be loaded, `failed` runs instead
   * (an image held back for the pause must then go through), and nothing reaches the page.
   */
  show(slot: string, view: UiView, failed: () => void = () => undefined): Promise<void> {
    const mine = ++this.seq;
    this.latest.set(slot, mine);
    return this.o
      .load()
      .then(async (ui) => {
        // No Khmer font on the computer would show empty boxes: the bundled one is registered first.
        if (view.lang === 'km') await ui.khmerFont(this.o.doc, this.o.fontUrl);
        if (this.latest.get(slot) !== mine || this.o.invalid()) return;
        this.mounted.get(slot)?.remove();
        this.mounted.set(slot, ui.mount(this.o.doc, view, () => this.hide(slot)));
      })
      .catch(() => failed());
  }

  hide(slot: string): void {
    this.latest.set(slot, ++this.seq);
    this.mounted.get(slot)?.remove();
    this.mounted.delete(slot);
  }

  /** Takes every view off the page (the content script was invalidated). */
  clear(): void {
    for (const slot of [...this.mounted.keys()]) this.hide(slot);
  }
}
