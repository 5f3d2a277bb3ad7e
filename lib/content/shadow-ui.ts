// The nudge's home on the chat page: an element with a neutral per-load name at the end of
// <body>, holding a closed shadow root, so the page can neither style nor read what is inside.
// (WXT's createShadowRootUi does the same with more options and about 3 KB more code; the content
// script loads on every chat page.)

export interface ClosedUi {
  /** Unmounts the view and takes the host off the page. Safe to call twice. */
  remove(): void;
}

export interface ClosedUiOptions {
  /** A custom-element name (two words, kebab-case), fresh per page load. */
  name: string;
  css: string;
  /** Renders the view into the container inside the shadow root. */
  render(container: HTMLElement): void;
  /** Unmounts it (its effects and listeners go with it). */
  unrender(container: HTMLElement): void;
}

/** Keys typed in the view must not reach the page's shortcuts (a chat app's hotkeys). */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

export function mountClosedUi(doc: Document, o: ClosedUiOptions): ClosedUi {
  const host = doc.createElement(o.name);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  // Nothing from the page's styles reaches inside (inherited properties included).
  style.textContent = `:host{all:initial !important;}\n${o.css}`;
  const container = doc.createElement('div');
  for (const type of ISOLATED_EVENTS) container.addEventListener(type, (e) => e.stopPropagation());
  shadow.append(style, container);
  (doc.body ?? doc.documentElement).append(host);
  o.render(container);
  let removed = false;
  return {
    remove() {
      if (removed) return;
      removed = true;
      try {
        o.unrender(container);
      } finally {
        host.remove();
      }
    },
  };
}
