export type SiteId =
  | 'discord'
  | 'whatsapp'
  | 'messenger'
  | 'instagram'
  | 'telegram-k'
  | 'telegram-a'
  | 'x'
  | 'generic';

export type Direction = 'in' | 'out';

export interface SiteMessage {
  /** Stable per message: the site's message id when the DOM carries one, else a hash of content features. */
  key: string;
  /** The visible text as the child sees it (emoji images → alt text), trimmed. */
  text: string;
  /** in = from the other party, out = from the child (the logged-in user). */
  dir: Direction;
  /** Display name as the page gives it for this message ('' if it gives none). */
  sender: string;
  /** Stable key of the conversation. */
  thread: string;
  /** ms since epoch when the page shows a full timestamp. */
  time?: number;
  /** The message's root element. */
  node: Element;
}

export interface SiteAdapter {
  id: SiteId;
  matches(url: URL): boolean;
  /** null when no conversation is open. */
  threadKey(doc: Document, url: URL): string | null;
  /** The other party's name from the conversation header. */
  partyName(doc: Document): string | null;
  /** Message root elements under (and including, or around) `root`; cheap, selector based. */
  messageRoots(root: ParentNode): Element[];
  /**
   * For full scans of long histories, walked in slices: a selector every message root matches,
   * and the test that tells a match is one. Together they give what `messageRoots(document)`
   * gives (a unit test checks it on every fixture page).
   */
  rootSelector?: string;
  isRoot?(el: Element): boolean;
  readMessage(el: Element, doc: Document, url: URL): SiteMessage | null;
  /** The scrolling message list to observe. */
  container(doc: Document): Element | null;
  /** The message input (textarea or contenteditable). */
  composer(doc: Document): HTMLElement | null;
}
