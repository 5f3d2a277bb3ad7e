import { discord } from './discord';
import { generic, pickAdapter } from './generic';
import { instagram } from './instagram';
import { messenger } from './messenger';
import { telegramA } from './telegram-a';
import { telegramK } from './telegram-k';
import type { SiteAdapter, SiteId, SiteMessage } from './types';
import { whatsapp } from './whatsapp';
import { x } from './x';

export type { Direction, SiteAdapter, SiteId, SiteMessage } from './types';

/** Site adapters first; generic last because it matches every URL. */
export const ADAPTERS: readonly SiteAdapter[] = [discord, whatsapp, messenger, instagram, telegramA, telegramK, x, generic];

export function adapterFor(url: URL): SiteAdapter {
  return pickAdapter(url, ADAPTERS);
}

export interface FoundMessages {
  adapter: SiteId;
  messages: SiteMessage[];
  /** The site adapter found no message roots and the generic one did: the site's DOM has likely changed. */
  fellBack: boolean;
}

function read(adapter: SiteAdapter, roots: Element[], doc: Document, url: URL): SiteMessage[] {
  const seen = new Set<string>();
  const out: SiteMessage[] = [];
  for (const el of roots) {
    const msg = adapter.readMessage(el, doc, url);
    if (msg && !seen.has(msg.key)) {
      seen.add(msg.key);
      out.push(msg);
    }
  }
  return out;
}

export function findMessages(doc: Document, url: URL, adapter: SiteAdapter = adapterFor(url)): FoundMessages {
  const roots = adapter.messageRoots(doc);
  if (roots.length === 0 && adapter.id !== 'generic') {
    const fallback = generic.messageRoots(doc);
    if (fallback.length > 0) return { adapter: 'generic', messages: read(generic, fallback, doc, url), fellBack: true };
  }
  return { adapter: adapter.id, messages: read(adapter, roots, doc, url), fellBack: false };
}
