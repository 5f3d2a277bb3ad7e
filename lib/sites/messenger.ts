import { metaComposer, metaLists, metaPartyName, metaRead, metaRoots } from './meta';
import { passMemo } from './dom';
import type { SiteAdapter } from './types';

const LISTS = metaLists();

// messenger.com/t/<id>, /e2ee/t/<id>; facebook.com/messages/t/<id>, /messages/e2ee/t/<id>.
function threadKey(_doc: Document, url: URL): string | null {
  const m = /^(?:\/messages)?\/(e2ee\/)?t\/([^/?#]+)/.exec(url.pathname);
  return m?.[2] ? `${m[1] ?? ''}t/${m[2]}` : null;
}

export const messenger: SiteAdapter = {
  id: 'messenger',
  matches: (url) =>
    url.hostname === 'www.messenger.com' ||
    (url.hostname === 'www.facebook.com' && /^\/messages(\/|$)/.test(url.pathname)),
  threadKey,
  partyName: (doc) => metaPartyName(doc, LISTS),
  messageRoots: (root) => metaRoots(root, LISTS),
  readMessage: (el, doc, url) => metaRead('messenger', el, LISTS, passMemo(doc, `messenger.thread:${url.href}`, () => threadKey(doc, url)) ?? ''),
  container: (doc) => doc.querySelector(LISTS),
  composer: (doc) => metaComposer(doc),
};
