import { afterEach, describe, expect, it } from 'vitest';
import { adapterFor, findMessages } from '../../../lib/sites';
import { generic } from '../../../lib/sites/generic';
import type { SiteId } from '../../../lib/sites/types';
import { loadFixture, type LoadedFixture } from './load-fixture';

let page: LoadedFixture | null = null;
afterEach(async () => {
  await page?.close();
  page = null;
});

const replaceAll = (pairs: Array<[string, string]>) => (html: string) =>
  pairs.reduce((h, [from, to]) => h.split(from).join(to), html);

/** Each site's own markers renamed, as a redesign would; the ARIA structure stays. */
const REDESIGNS: Array<{ id: SiteId; strip: (html: string) => string; texts: string[] }> = [
  {
    id: 'discord',
    strip: replaceAll([
      ['data-list-id="chat-messages"', 'data-list-id="thread"'],
      ['chat-messages-', 'msg-'],
      ['chat-messages___', 'msg___'],
    ]),
    texts: ['hey, did you finish the level?', 'the boss at the end is so hard 😅', 'yes!! took me like 20 tries', 'nice, gg'],
  },
  {
    id: 'whatsapp',
    strip: replaceAll([
      ['id="main"', 'id="conversation"'],
      ['#main', '#conversation'],
      ['data-id=', 'data-key='],
      ['message-in', '_b1'],
      ['message-out', '_b2'],
      ['data-pre-plain-text', 'data-meta'],
    ]),
    texts: ['are you coming to the match on saturday?', 'yes! mum is driving us 🚗', 'cool, see you there'],
  },
  {
    id: 'messenger',
    strip: replaceAll([
      ['role="log"', 'role="grid"'],
      ['aria-label="Messages in conversation titled Sam Rivera"', 'aria-label="Thread"'],
    ]),
    texts: ['hey! are you the one who drew that dragon?', 'yeah, for the art club', "it's really good 👍"],
  },
  {
    id: 'instagram',
    strip: replaceAll([
      ['data-pagelet="IGDOpenMessageList"', 'data-pagelet="Thread"'],
      ['aria-label="Messages in conversation with Jordan K"', 'aria-label="Thread"'],
    ]),
    texts: ['your sketches are amazing', 'thank you!! 😊', 'do you take commissions?'],
  },
];

describe('generic fallback', () => {
  it('reads a chat page no adapter knows, by its ARIA log', () => {
    page = loadFixture('generic');
    const found = findMessages(page.doc, page.url());
    expect(found).toMatchObject({ adapter: 'generic', fellBack: false });
    expect(found.messages.map((m) => [m.dir, m.sender, m.text])).toEqual([
      ['in', 'Kai', "hi, you're in the drawing contest too right?"],
      ['out', 'You', 'yep, I entered the cat one'],
      ['in', 'Kai', 'that one was my favourite ⭐'],
    ]);
    expect(found.messages[0]?.key).toBe('generic:chat.example.test/room/42:m-901');
  });

  it.each(REDESIGNS)('$id: after a redesign the site adapter misses and generic reads it (fellBack)', ({ id, strip, texts }) => {
    page = loadFixture(id, strip);
    const adapter = adapterFor(page.url());
    expect(adapter.id).toBe(id);
    expect(adapter.messageRoots(page.doc)).toEqual([]);
    const found = findMessages(page.doc, page.url());
    expect(found.adapter).toBe('generic');
    expect(found.fellBack).toBe(true);
    const read = found.messages.map((m) => m.text);
    expect(read).toEqual(expect.arrayContaining(texts));
    // Nothing from the sidebars (chat lists, navigation) or the composer.
    expect(read.every((t) => texts.includes(t) || /^\d{2}\/\d{2}\/\d{4}$/.test(t))).toBe(true);
  });

  it.each(REDESIGNS)('$id: the unmodified page does not fall back', ({ id }) => {
    page = loadFixture(id);
    expect(findMessages(page.doc, page.url()).fellBack).toBe(false);
  });

  it('reports no fallback when neither adapter finds anything', () => {
    page = loadFixture('telegram-k', replaceAll([['bubbles-inner', 'timeline']]));
    expect(findMessages(page.doc, page.url())).toEqual({ adapter: 'telegram-k', messages: [], fellBack: false });
  });

  it('ignores conversation sidebars, navigation and forms', () => {
    page = loadFixture('generic');
    const nav = page.doc.createElement('nav');
    nav.innerHTML = '<ul role="list"><li role="listitem">Settings</li></ul>';
    const side = page.doc.createElement('div');
    side.innerHTML = '<div role="list" aria-label="Chats"><div role="listitem">Kai: last message</div></div>';
    page.doc.body.append(nav, side);
    expect(generic.messageRoots(page.doc)).toHaveLength(3);
  });
});
