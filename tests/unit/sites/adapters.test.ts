import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { adapterFor, findMessages } from '../../../lib/sites';
import { discord } from '../../../lib/sites/discord';
import { hash, messageKey, sideByLayout, textOf } from '../../../lib/sites/dom';
import { messenger } from '../../../lib/sites/messenger';
import { telegramK } from '../../../lib/sites/telegram-k';
import { parseWhatsAppStamp, whatsapp } from '../../../lib/sites/whatsapp';
import { x } from '../../../lib/sites/x';

const windows: Window[] = [];
afterEach(async () => {
  await Promise.all(windows.splice(0).map((w) => w.happyDOM.close()));
});

/** A bare page at `href` with `body` as its markup (no scripts run). */
function page(href: string, body: string): { doc: Document; url: URL } {
  const window = new Window({ url: href });
  windows.push(window);
  window.document.body.innerHTML = body;
  return { doc: window.document as unknown as Document, url: new URL(href) };
}

describe('adapterFor', () => {
  it.each([
    ['https://discord.com/channels/@me/123', 'discord'],
    ['https://ptb.discord.com/channels/4/5', 'discord'],
    ['https://web.whatsapp.com/', 'whatsapp'],
    ['https://www.messenger.com/t/123', 'messenger'],
    ['https://www.messenger.com/e2ee/t/123', 'messenger'],
    ['https://www.facebook.com/messages/t/123', 'messenger'],
    ['https://www.facebook.com/groups/42', 'generic'],
    ['https://www.instagram.com/direct/t/123/', 'instagram'],
    ['https://www.instagram.com/someone/', 'generic'],
    ['https://web.telegram.org/k/#@alex', 'telegram-k'],
    ['https://web.telegram.org/', 'telegram-k'],
    ['https://web.telegram.org/a/#123', 'telegram-a'],
    ['https://web.telegram.org/z/#123', 'telegram-a'],
    ['https://x.com/messages/1-2', 'x'],
    ['https://twitter.com/messages/1-2', 'x'],
    ['https://x.com/i/chat/1-2', 'x'],
    ['https://x.com/home', 'generic'],
    ['https://chat.example.test/room/1', 'generic'],
  ])('%s → %s', (href, id) => {
    expect(adapterFor(new URL(href)).id).toBe(id);
  });

  it.each([
    ['https://discord.com/channels/@me', discord, null],
    ['https://discord.com/channels/111/222/333', discord, '111/222'],
    ['https://www.messenger.com/', messenger, null],
    ['https://www.facebook.com/messages/e2ee/t/99', messenger, 'e2ee/t/99'],
    ['https://x.com/messages', x, null],
    ['https://x.com/messages/requests', x, null],
    ['https://x.com/i/chat/7-8', x, '7-8'],
  ] as const)('thread key of %s', (href, adapter, key) => {
    const { doc, url } = page(href, '');
    expect(adapter.threadKey(doc, url)).toBe(key);
  });
});

describe('shared DOM helpers', () => {
  it('textOf keeps line breaks, reads emoji images by alt, skips what it is told to', () => {
    const { doc } = page('https://a.test/', '<div id="m"><span>one<br>two </span><img alt="🙂"> <time>12:00</time> <b> three </b></div>');
    expect(textOf(doc.getElementById('m'), 'time')).toBe('one\ntwo 🙂 three');
  });

  it('message keys use the site id when there is one, else a content hash', () => {
    expect(messageKey('discord', 'g/c', '42', ['x'])).toBe('discord:g/c:42');
    expect(messageKey('x', 't', null, ['in', 'hi'])).toBe(messageKey('x', 't', null, ['in', 'hi']));
    expect(messageKey('x', 't', null, ['in', 'hi'])).not.toBe(messageKey('x', 't', null, ['out', 'hi']));
    expect(hash('a')).not.toBe(hash('b'));
  });

  it('sideByLayout uses geometry when the page is laid out, mirrored in RTL', () => {
    const { doc } = page('https://a.test/', '<div id="row"><div id="bubble">hi</div></div>');
    const row = doc.getElementById('row') as Element;
    const bubble = doc.getElementById('bubble') as Element;
    const rect = (left: number, width: number) => () => ({ left, width, right: left + width, top: 0, bottom: 10, height: 10, x: left, y: 0, toJSON: () => ({}) });
    row.getBoundingClientRect = rect(0, 600);
    bubble.getBoundingClientRect = rect(400, 150);
    expect(sideByLayout(bubble, row)).toBe('out');
    bubble.getBoundingClientRect = rect(10, 150);
    expect(sideByLayout(bubble, row)).toBe('in');
    doc.documentElement.setAttribute('dir', 'rtl');
    expect(sideByLayout(bubble, row)).toBe('out');
  });
});

describe('whatsapp', () => {
  it.each([
    ['16:20, 14/05/2026', new Date(2026, 4, 14, 16, 20).getTime()],
    ['8:05 pm, 14/12/2025', new Date(2025, 11, 14, 20, 5).getTime()],
    ['12:10 am, 20/01/2026', new Date(2026, 0, 20, 0, 10).getTime()],
    ['10:54 PM, 12/19/2025', new Date(2025, 11, 19, 22, 54).getTime()],
    ['not a stamp', undefined],
  ])('stamp %s', (stamp, ms) => {
    expect(parseWhatsAppStamp(stamp)).toBe(ms);
  });

  it('takes the ambiguous day/month reading closest to now', () => {
    expect(parseWhatsAppStamp('10:33 am, 8/5/2025', new Date(2025, 4, 10).getTime())).toBe(new Date(2025, 4, 8, 10, 33).getTime());
    expect(parseWhatsAppStamp('10:33 am, 8/5/2025', new Date(2025, 8, 1).getTime())).toBe(new Date(2025, 7, 5, 10, 33).getTime());
  });

  it('reads direction from the pre-2026 packed data-id when the classes are absent', () => {
    const row = (id: string, text: string) =>
      `<div role="row"><div data-id="${id}"><div class="copyable-text" data-pre-plain-text="[16:20, 14/05/2026] Sam: "><span class="selectable-text copyable-text">${text}</span></div></div></div>`;
    const { doc, url } = page(
      'https://web.whatsapp.com/',
      `<div id="main"><header><span title="Sam">Sam</span></header><div role="application">${row('false_447700900123@c.us_3A01', 'hello')}${row('true_447700900123@c.us_3A02', 'hi back')}</div></div>`,
    );
    expect(findMessages(doc, url).messages.map((m) => [m.dir, m.text, m.key])).toEqual([
      ['in', 'hello', 'whatsapp:Sam:false_447700900123@c.us_3A01'],
      ['out', 'hi back', 'whatsapp:Sam:true_447700900123@c.us_3A02'],
    ]);
  });

  it('has no thread while no chat is open', () => {
    const { doc, url } = page('https://web.whatsapp.com/', '<div id="side"></div>');
    expect(whatsapp.threadKey(doc, url)).toBeNull();
    expect(whatsapp.container(doc)).toBeNull();
  });
});

describe('discord', () => {
  const headed = (id: string, uid: string | null, name: string, text: string) =>
    `<li id="chat-messages-5-${id}"><div role="article"><img class="avatar_c19a55" src="${uid ? `https://cdn.discordapp.com/avatars/${uid}/a.webp` : 'https://cdn.discordapp.com/embed/avatars/3.png'}"><h3><span id="message-username-${id}"><span class="username_c19a55">${name}</span></span></h3><div id="message-content-${id}">${text}</div></div></li>`;
  const grouped = (id: string, text: string) => `<li id="chat-messages-5-${id}"><div role="article"><div id="message-content-${id}">${text}</div></div></li>`;
  const me = (uid: string | null) =>
    `<section aria-label="User area"><img src="${uid ? `https://cdn.discordapp.com/avatars/${uid}/m.webp` : 'https://cdn.discordapp.com/embed/avatars/1.png'}"><div class="panelTitleContainer__37e49">Mia</div></section>`;

  it('carries the author of the last headed row to grouped rows without a reference', () => {
    const { doc, url } = page(
      'https://discord.com/channels/4/5',
      `${me('11')}<ol data-list-id="chat-messages">${headed('1', '22', 'Alex', 'a')}${grouped('2', 'b')}${headed('3', '11', 'Mia', 'c')}${grouped('4', 'd')}</ol>`,
    );
    expect(findMessages(doc, url).messages.map((m) => [m.sender, m.dir, m.text])).toEqual([
      ['Alex', 'in', 'a'],
      ['Alex', 'in', 'b'],
      ['Mia', 'out', 'c'],
      ['Mia', 'out', 'd'],
    ]);
  });

  it('falls back to the display name when an avatar carries no account id', () => {
    const { doc, url } = page(
      'https://discord.com/channels/4/5',
      `${me(null)}<ol data-list-id="chat-messages">${headed('1', null, 'Mia', 'mine')}${headed('2', null, 'Alex', 'theirs')}</ol>`,
    );
    expect(findMessages(doc, url).messages.map((m) => m.dir)).toEqual(['out', 'in']);
  });

  it('treats every message as incoming when the account panel is missing', () => {
    const { doc, url } = page('https://discord.com/channels/4/5', `<ol data-list-id="chat-messages">${headed('1', '11', 'Mia', 'x')}</ol>`);
    expect(findMessages(doc, url).messages.map((m) => m.dir)).toEqual(['in']);
  });
});

describe('messenger', () => {
  const log = (rows: string) => `<div role="main"><div role="log" aria-label="Messages in conversation with Sam">${rows}</div></div>`;

  it.each([
    ['At Sep 28, 2026 at 9:06 PM, You: see you', 'out', 'You'],
    ['At 21:06, Sam: hello, you there?', 'in', 'Sam'],
    ['Enter, Message sent 9:06 PM by Sam: a: b', 'in', 'Sam'],
  ])('label %s', (label, dir, sender) => {
    const { doc, url } = page('https://www.messenger.com/t/1', log(`<div role="row" aria-label="${label}"><div dir="auto">typed text</div></div>`));
    expect(findMessages(doc, url).messages[0]).toMatchObject({ dir, sender, text: 'typed text' });
  });

  it('uses the group heading when there is no label, and leaves the quoted original out', () => {
    const { doc, url } = page(
      'https://www.messenger.com/t/1',
      log(`<div role="row"><h5><span>You replied to Sam</span></h5><div role="button" aria-label="Go to replied message"><div dir="auto">old words</div></div><div dir="auto">new words</div></div>`),
    );
    expect(findMessages(doc, url).messages[0]).toMatchObject({ dir: 'out', sender: 'You', text: 'new words' });
    expect(messenger.partyName(doc)).toBe('Sam');
  });
});

describe('telegram-k', () => {
  it('skips service and date bubbles and uses the hash when the header is not rendered', () => {
    const { doc, url } = page(
      'https://web.telegram.org/k/#@alex',
      '<div class="bubbles-inner"><div class="bubble service" data-mid="1"><div class="message">Alex joined Telegram</div></div><div class="bubble is-in" data-mid="2"><div class="message">yo<span class="time">1:00</span></div></div></div>',
    );
    expect(findMessages(doc, url).messages.map((m) => [m.text, m.thread, m.key])).toEqual([['yo', '@alex', 'telegram-k:@alex:2']]);
    expect(telegramK.partyName(doc)).toBeNull();
  });
});

describe('x', () => {
  it('reads what the sender typed, not the text of a post they shared', () => {
    const { doc, url } = page(
      'https://x.com/messages/1-2',
      '<div data-testid="DmActivityContainer"><div data-testid="messageEntry"><div role="link"><div data-testid="tweetText">shared post text</div></div><div data-testid="tweetText">look at this</div></div></div>',
    );
    expect(findMessages(doc, url).messages.map((m) => m.text)).toEqual(['look at this']);
  });
});

describe('messenger replies', () => {
  it('ignores the label of the quoted original', () => {
    const { doc, url } = page(
      'https://www.messenger.com/t/1',
      `<div role="log" aria-label="Messages in conversation with Sam"><div role="row"><div role="button" aria-label="Go to replied message"><div aria-label="At 9:00 PM, You: old words"><div dir="auto">old words</div></div></div><div role="button" aria-label="Enter, Message sent 9:06 PM by Sam: new words"><div dir="auto">new words</div></div></div></div>`,
    );
    expect(findMessages(doc, url).messages).toMatchObject([{ dir: 'in', sender: 'Sam', text: 'new words' }]);
  });
});
