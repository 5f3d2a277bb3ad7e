import { afterEach, describe, expect, it } from 'vitest';
import { adapterFor, findMessages } from '../../../lib/sites';
import type { SiteId } from '../../../lib/sites/types';
import { loadFixture, type LoadedFixture } from './load-fixture';

let page: LoadedFixture | null = null;
afterEach(async () => {
  await page?.close();
  page = null;
});

const BAIT = 'send me a photo';

/** Markup shaped like the site's own outgoing message, placed where the real list is not. */
const OUTSIDE: Array<{ id: SiteId; where: string; html: string }> = [
  {
    id: 'discord',
    where: 'section[aria-label="User area"]',
    html: `<li id="chat-messages-123-1399999999999999999" class="messageListItem__5126c"><div role="article"><img src="https://cdn.discordapp.com/avatars/1000000000000000001/5e1f0c2a.webp"><h3><span id="message-username-1399999999999999999"><span class="username_c19a55" data-text="Mia">Mia</span></span></h3><div id="message-content-1399999999999999999">${BAIT}</div></div></li>`,
  },
  {
    id: 'whatsapp',
    where: '#side',
    html: `<div role="row"><div data-id="true_447700900123@c.us_SPOOF1"><div class="message-out"><div class="copyable-text" data-pre-plain-text="[16:30, 14/05/2026] Mia: "><span data-testid="selectable-text" class="selectable-text copyable-text">${BAIT}</span></div></div></div></div>`,
  },
  {
    id: 'whatsapp',
    where: '#main footer',
    html: `<div data-id="SPOOF2"><div class="message-out"><div class="copyable-text" data-pre-plain-text="[16:30, 14/05/2026] Mia: "><span data-testid="selectable-text" class="selectable-text copyable-text">${BAIT}</span></div></div></div>`,
  },
  {
    id: 'messenger',
    where: '[role="navigation"]',
    html: `<div role="row"><h5>You sent</h5><div role="button" aria-label="Enter, Message sent 16:30 by You: ${BAIT}"><div dir="auto">${BAIT}</div></div></div>`,
  },
  {
    id: 'instagram',
    where: '.inbox',
    html: `<div role="row"><div role="gridcell" data-scope="messages_table"><h6>You sent</h6><div role="button" aria-label="Double tap to like"><div dir="auto">${BAIT}</div></div></div></div>`,
  },
  {
    id: 'telegram-k',
    where: '#column-left',
    html: `<div class="bubble is-out" data-mid="9999" data-peer-id="777000123"><div class="bubble-content"><div class="message">${BAIT}</div></div></div>`,
  },
  {
    // A chat tab that is mounted but not the one on screen.
    id: 'telegram-k',
    where: '.chats-container',
    html: `<div class="chat tabs-tab" data-type="chat"><div class="bubbles"><div class="bubbles-inner"><div class="bubble is-out" data-mid="9998"><div class="bubble-content"><div class="message">${BAIT}</div></div></div></div></div></div>`,
  },
  {
    id: 'telegram-a',
    where: '#LeftColumn',
    html: `<div id="message-9999" class="Message message-list-item own" data-message-id="9999"><div class="text-content">${BAIT}</div></div>`,
  },
  {
    // The slide of the previous chat, still mounted during the switch animation.
    id: 'telegram-a',
    where: '#MiddleColumn .messages-layout > .Transition',
    html: `<div class="Transition_slide"><div class="MessageList"><div class="Message own" data-message-id="9998"><div class="text-content">${BAIT}</div></div></div></div>`,
  },
  {
    id: 'x',
    where: 'section.inbox',
    html: `<div data-testid="messageEntry"><div style="display:flex;justify-content:flex-end"><div data-testid="tweetText">${BAIT}</div></div></div>`,
  },
  {
    id: 'generic',
    where: 'nav',
    html: `<div role="log"><div role="article" class="msg msg--out">${BAIT}</div></div>`,
  },
];

describe('look-alike messages outside the real message list', () => {
  it.each(OUTSIDE)('$id: not read when placed in $where', ({ id, where, html }) => {
    page = loadFixture(id);
    const before = findMessages(page.doc, page.url()).messages.length;
    const host = page.doc.querySelector(where);
    if (!host) throw new Error(`no ${where} in the ${id} fixture`);
    host.insertAdjacentHTML('beforeend', html);
    const spoof = host.lastElementChild as Element;
    const adapter = adapterFor(page.url());
    expect(adapter.messageRoots(page.doc).some((r) => spoof.contains(r) || r.contains(spoof))).toBe(false);
    for (const el of [spoof, ...Array.from(spoof.querySelectorAll('*'))]) {
      expect(adapter.readMessage(el, page.doc, page.url())).toBeNull();
    }
    const after = findMessages(page.doc, page.url());
    expect(after.messages).toHaveLength(before);
    expect(after.messages.map((m) => m.text)).not.toContain(BAIT);
  });
});

describe('what the other party types cannot flip the direction', () => {
  it('messenger: a message whose text reads like the "You" label stays incoming', () => {
    page = loadFixture('messenger');
    page.hook.add('in', 'Enter, Message sent 16:31 by You: You sent');
    const last = findMessages(page.doc, page.url()).messages.at(-1);
    expect(last).toMatchObject({ dir: 'in', sender: 'Sam Rivera', text: 'Enter, Message sent 16:31 by You: You sent' });
  });

  it('whatsapp: a message that imitates the metadata prefix stays incoming', () => {
    page = loadFixture('whatsapp');
    page.hook.add('in', '[16:30, 14/05/2026] Mia: You:');
    expect(findMessages(page.doc, page.url()).messages.at(-1)).toMatchObject({ dir: 'in', sender: 'Alex' });
  });

  it('discord: another account using the child\'s display name stays incoming (account ids differ)', () => {
    page = loadFixture('discord');
    page.hook.add('in', 'it is me, Mia', { sender: 'Mia' });
    expect(findMessages(page.doc, page.url()).messages.at(-1)).toMatchObject({ dir: 'in', sender: 'Mia', text: 'it is me, Mia' });
  });

  it('instagram: the words "You sent" in a message body stay incoming', () => {
    page = loadFixture('instagram');
    page.hook.add('in', 'You sent');
    expect(findMessages(page.doc, page.url()).messages.at(-1)).toMatchObject({ dir: 'in', text: 'You sent' });
  });
});
