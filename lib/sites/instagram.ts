import { metaComposer, metaLists, metaPartyName, metaRead, metaRoots } from './meta';
import { passMemo } from './dom';
import type { SiteAdapter } from './types';

const LISTS = metaLists(['[data-pagelet="IGDMessagesList"]', '[data-pagelet="IGDOpenMessageList"]']);

function threadKey(_doc: Document, url: URL): string | null {
  const m = /^\/direct\/t\/([^/?#]+)/.exec(url.pathname);
  return m?.[1] ? `t/${m[1]}` : null;
}

export const instagram: SiteAdapter = {
  id: 'instagram',
  matches: (url) => url.hostname === 'www.instagram.com' && /^\/direct(\/|$)/.test(url.pathname),
  threadKey,
  partyName: (doc) => metaPartyName(doc, LISTS),
  messageRoots: (root) => metaRoots(root, LISTS),
  readMessage: (el, doc, url) => metaRead('instagram', el, LISTS, passMemo(doc, `instagram.thread:${url.href}`, () => threadKey(doc, url)) ?? ''),
  container: (doc) => doc.querySelector(LISTS),
  composer: (doc) => metaComposer(doc),
};
