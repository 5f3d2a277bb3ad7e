import { afterEach, describe, expect, it } from 'vitest';
import { adapterFor, findMessages } from '../../../lib/sites';
import type { Direction, SiteId } from '../../../lib/sites/types';
import { loadFixture, manifest, type LoadedFixture } from './load-fixture';

interface Case {
  id: SiteId;
  thread: string;
  party: string;
  history: Array<[Direction, string, string]>;
  firstTime?: number;
  switchTo: { threadId: string; party: string; thread: string };
}

const CASES: Case[] = [
  {
    id: 'discord',
    thread: '@me/123',
    party: 'Alex',
    history: [
      ['in', 'Alex', 'hey, did you finish the level?'],
      ['in', 'Alex', 'the boss at the end is so hard 😅'],
      ['out', 'Mia', 'yes!! took me like 20 tries'],
      ['in', 'Alex', 'nice, gg'],
    ],
    firstTime: Date.parse('2026-05-14T16:20:00.000Z'),
    switchTo: { threadId: '789', party: 'Sam', thread: '@me/789' },
  },
  {
    id: 'whatsapp',
    thread: 'Alex',
    party: 'Alex',
    history: [
      ['in', 'Alex', 'are you coming to the match on saturday?'],
      ['out', 'Mia', 'yes! mum is driving us 🚗'],
      ['in', 'Alex', 'cool, see you there'],
    ],
    firstTime: new Date(2026, 4, 14, 16, 20).getTime(),
    switchTo: { threadId: '447700900123', party: 'Mum', thread: 'Mum' },
  },
  {
    id: 'messenger',
    thread: 't/123',
    party: 'Sam Rivera',
    history: [
      ['in', 'Sam Rivera', 'hey! are you the one who drew that dragon?'],
      ['out', 'You', 'yeah, for the art club'],
      ['in', 'Sam Rivera', "it's really good 👍"],
    ],
    switchTo: { threadId: '456', party: 'Priya', thread: 't/456' },
  },
  {
    id: 'instagram',
    thread: 't/123',
    party: 'Jordan K',
    history: [
      ['in', 'Jordan K', 'your sketches are amazing'],
      ['out', 'You', 'thank you!! 😊'],
      ['in', 'Jordan K', 'do you take commissions?'],
    ],
    switchTo: { threadId: '456', party: 'art_club_2026', thread: 't/456' },
  },
  {
    id: 'telegram-k',
    thread: '777000123',
    party: 'Alex',
    history: [
      ['in', '', 'hi! I saw your speedrun, it was sick'],
      ['out', '', 'thanks 😄'],
      ['in', '', 'what game are you playing next?'],
    ],
    firstTime: 1778775600000,
    switchTo: { threadId: '777000456', party: 'Grandma', thread: '777000456' },
  },
  {
    id: 'telegram-a',
    thread: '123',
    party: 'Alex',
    history: [
      ['in', '', 'do you want to join our minecraft server?'],
      ['out', '', 'maybe, which version? 🤔'],
      ['in', '', 'the newest one'],
    ],
    switchTo: { threadId: '456', party: 'Grandma', thread: '456' },
  },
  {
    id: 'x',
    thread: '1-2',
    party: 'Riley',
    history: [
      ['in', '', 'saw your kickflip video!! how long did that take'],
      ['out', '', 'like two weeks lol 🛹'],
      ['in', '', 'respect. which park do you go to?'],
    ],
    firstTime: Date.parse('2026-05-14T16:20:00.000Z'),
    switchTo: { threadId: '1-3', party: 'Coach Dana', thread: '1-3' },
  },
  {
    id: 'generic',
    thread: 'chat.example.test/room/42',
    party: 'Kai',
    history: [
      ['in', 'Kai', "hi, you're in the drawing contest too right?"],
      ['out', 'You', 'yep, I entered the cat one'],
      ['in', 'Kai', 'that one was my favourite ⭐'],
    ],
    firstTime: Date.parse('2026-05-14T16:20:00.000Z'),
    switchTo: { threadId: '7', party: 'Lena', thread: 'chat.example.test/room/7' },
  },
];

let page: LoadedFixture | null = null;
afterEach(async () => {
  await page?.close();
  page = null;
});

function open(id: SiteId): LoadedFixture {
  page = loadFixture(id);
  return page;
}

const summary = (p: LoadedFixture) =>
  findMessages(p.doc, p.url()).messages.map((m) => [m.dir, m.sender, m.text] as [Direction, string, string]);

describe('site fixtures', () => {
  it('cover every adapter and are listed in the manifest', () => {
    expect(manifest.map((e) => e.id).sort()).toEqual(CASES.map((c) => c.id).sort());
  });

  it.each(CASES)('$id: a full scan in slices (rootSelector + isRoot) finds exactly the roots messageRoots finds', ({ id }) => {
    const p = open(id);
    const adapter = adapterFor(p.url());
    // A reply, a thread switch and new messages make the page less tidy than the stored history.
    p.hook.add('in', 'one more thing');
    p.hook.add('out', 'ok');
    const roots = adapter.messageRoots(p.doc);
    expect(roots.length).toBeGreaterThan(0);
    if (!adapter.rootSelector || !adapter.isRoot) return;
    const isRoot = adapter.isRoot.bind(adapter);
    expect(Array.from(p.doc.querySelectorAll(adapter.rootSelector)).filter(isRoot)).toEqual(roots);
    // ...and when asked about one root, messageRoots finds it from inside it as well.
    const last = roots[roots.length - 1]!;
    expect(adapter.messageRoots(last.lastElementChild ?? last)).toEqual([last]);
  });

  it('full scans in slices are declared by the adapters of the busiest sites', () => {
    expect(CASES.filter((c) => {
      const a = adapterFor(new URL(`https://${manifest.find((e) => e.id === c.id)!.host}${manifest.find((e) => e.id === c.id)!.path}`));
      return Boolean(a.rootSelector && a.isRoot);
    }).map((c) => c.id)).toEqual(expect.arrayContaining(['discord', 'whatsapp', 'telegram-k', 'telegram-a']));
  });

  it.each(CASES)('$id: the URL it is served at selects its adapter', ({ id }) => {
    const p = open(id);
    expect(adapterFor(p.url()).id).toBe(id);
  });

  it.each(CASES)('$id: reads the history with text, direction and sender', ({ id, history }) => {
    const p = open(id);
    const found = findMessages(p.doc, p.url());
    expect(found.adapter).toBe(id);
    expect(found.fellBack).toBe(false);
    expect(summary(p)).toEqual(history);
  });

  it.each(CASES)('$id: thread key, party name, composer and container', ({ id, thread, party }) => {
    const p = open(id);
    const adapter = adapterFor(p.url());
    expect(adapter.threadKey(p.doc, p.url())).toBe(thread);
    expect(adapter.partyName(p.doc)).toBe(party);
    const composer = adapter.composer(p.doc);
    expect(composer).not.toBeNull();
    expect(composer).toBe(p.hook.composer());
    const first = findMessages(p.doc, p.url()).messages[0];
    expect(adapter.container(p.doc)?.contains(first?.node ?? null)).toBe(true);
    expect(first?.thread).toBe(thread);
  });

  it.each(CASES)('$id: keys are unique and the same on a second read; times come from the page', ({ id, firstTime }) => {
    const p = open(id);
    const a = findMessages(p.doc, p.url()).messages;
    const b = findMessages(p.doc, p.url()).messages;
    expect(new Set(a.map((m) => m.key)).size).toBe(a.length);
    expect(b.map((m) => m.key)).toEqual(a.map((m) => m.key));
    if (firstTime !== undefined) expect(a[0]?.time).toBe(firstTime);
  });

  it.each(CASES)('$id: messages added through the hook are found, in both directions', ({ id, history }) => {
    const p = open(id);
    const adapter = adapterFor(p.url());
    const incoming = p.hook.add('in', 'can you keep a secret?');
    const outgoing = p.hook.add('out', 'what kind of secret');
    const all = findMessages(p.doc, p.url()).messages;
    expect(all).toHaveLength(history.length + 2);
    expect(all.slice(-2).map((m) => [m.dir, m.text])).toEqual([
      ['in', 'can you keep a secret?'],
      ['out', 'what kind of secret'],
    ]);
    // A mutation observer hands over the added node: it alone must be a root, and read the same.
    expect(adapter.messageRoots(incoming)).toEqual([incoming]);
    expect(adapter.readMessage(outgoing, p.doc, p.url())?.key).toBe(all.at(-1)?.key);
  });

  it.each(CASES)('$id: a message id given to the hook becomes the message key', ({ id }) => {
    const p = open(id);
    p.hook.add('in', 'with an id', { id: 'e2e-1' });
    const last = findMessages(p.doc, p.url()).messages.at(-1);
    expect(last?.text).toBe('with an id');
    expect(last?.key.endsWith(':e2e-1')).toBe(true);
  });

  it.each(CASES)('$id: addMany appends a batch in order with its directions', ({ id, history }) => {
    const p = open(id);
    const batch = Array.from({ length: 40 }, (_, i) => ({ dir: (i % 3 === 0 ? 'out' : 'in') as Direction, text: `batch message ${i}` }));
    const nodes = p.hook.addMany(batch);
    expect(nodes).toHaveLength(40);
    const found = findMessages(p.doc, p.url()).messages.slice(history.length);
    expect(found.map((m) => [m.dir, m.text])).toEqual(batch.map((m) => [m.dir, m.text]));
    expect(new Set(found.map((m) => m.key)).size).toBe(40);
  });

  it.each(CASES)('$id: a thread switch changes the thread key and empties the list', ({ id, thread, switchTo }) => {
    const p = open(id);
    const adapter = adapterFor(p.url());
    p.hook.switchThread(switchTo.threadId, switchTo.party);
    expect(adapter.threadKey(p.doc, p.url())).toBe(switchTo.thread);
    expect(switchTo.thread).not.toBe(thread);
    expect(adapter.partyName(p.doc)).toBe(switchTo.party);
    expect(findMessages(p.doc, p.url()).messages).toEqual([]);
    p.hook.add('in', 'hello from the new chat');
    const [msg] = findMessages(p.doc, p.url()).messages;
    expect(msg?.thread).toBe(switchTo.thread);
    expect(msg?.text).toBe('hello from the new chat');
    expect(msg?.dir).toBe('in');
  });
});
