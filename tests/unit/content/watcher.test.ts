import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SiteAdapter, SiteMessage } from '@/lib/sites/types';
import { ChatWatcher, type MessageContext } from '@/lib/content/watcher';
import { queryAll } from '@/lib/sites/dom';

/** A minimal site: messages are <li data-mid> in <ol id="list">, .out for the child's own. */
function listAdapter(id: SiteAdapter['id'], selector: string): SiteAdapter {
  return {
    id,
    matches: () => true,
    threadKey: (doc) => doc.body.getAttribute('data-thread'),
    partyName: (doc) => doc.querySelector('h1')?.textContent ?? null,
    messageRoots: (root) => queryAll(root, selector),
    readMessage: (el, _doc, url) => ({
      key: el.getAttribute('data-mid') ?? el.textContent ?? '',
      text: (el.textContent ?? '').trim(),
      dir: el.classList.contains('out') ? 'out' : 'in',
      sender: '',
      thread: url.pathname,
      node: el,
    }),
    container: (doc) => doc.getElementById('list'),
    composer: () => null,
  };
}

function syncHost() {
  const timers: (() => void)[] = [];
  return {
    host: { setTimeout: (cb: () => void) => void timers.push(cb), clearTimeout: () => undefined },
    flush() {
      while (timers.length) timers.shift()!();
    },
  };
}

function setup(html: string, adapter = listAdapter('discord', 'li[data-mid]'), fallback?: SiteAdapter) {
  document.body.innerHTML = html;
  document.body.setAttribute('data-thread', 't1');
  const h = syncHost();
  const seen: { msg: SiteMessage; ctx: MessageContext }[] = [];
  const misses: string[] = [];
  const threads: (string | null)[] = [];
  const w = new ChatWatcher({
    doc: document,
    host: h.host,
    url: () => new URL('https://discord.com/channels/@me/1'),
    adapter,
    fallback,
    onMessage: (msg, ctx) => void seen.push({ msg, ctx }),
    onAdapterMiss: (id) => void misses.push(id),
    onThreadChange: (t) => void threads.push(t),
  });
  return { w, h, seen, misses, threads };
}

afterEach(() => vi.useRealTimers());

describe('ChatWatcher', () => {
  it('reads the history already on the page, once each, with the thread and party', () => {
    const { w, h, seen } = setup('<h1>Dara</h1><ol id="list"><li data-mid="1">hi</li><li data-mid="2" class="out">hello</li></ol>');
    w.start();
    h.flush();
    expect(seen.map((s) => [s.msg.text, s.msg.dir, s.ctx.party, s.ctx.index])).toEqual([
      ['hi', 'in', 'Dara', 0],
      ['hello', 'out', 'Dara', 1],
    ]);
    w.rescan();
    h.flush();
    expect(seen).toHaveLength(2);
    w.stop();
  });

  it('picks up messages added later, after one coalesced rescan', async () => {
    const { w, h, seen } = setup('<h1>Dara</h1><ol id="list"></ol>');
    w.start();
    const list = document.getElementById('list')!;
    for (let i = 0; i < 50; i++) list.insertAdjacentHTML('beforeend', `<li data-mid="m${i}">msg ${i}</li>`);
    await new Promise((r) => setTimeout(r, 0)); // let the MutationObserver deliver
    h.flush();
    expect(seen).toHaveLength(50);
    w.stop();
  });

  it('does not read a re-rendered message twice (same key, new node)', () => {
    const { w, h, seen } = setup('<ol id="list"><li data-mid="1">hi</li></ol>');
    w.start();
    h.flush();
    document.getElementById('list')!.innerHTML = '<li data-mid="1">hi</li>';
    w.rescan();
    h.flush();
    expect(seen).toHaveLength(1);
    w.stop();
  });

  it('skips empty messages, and reads them once their text renders late', () => {
    const { w, h, seen } = setup('<ol id="list"><li data-mid="1">  </li><li data-mid="2">x</li></ol>');
    w.start();
    h.flush();
    expect(seen.map((s) => s.msg.key)).toEqual(['2']);
    document.querySelector('li[data-mid="1"]')!.textContent = 'late text';
    w.rescan();
    h.flush();
    expect(seen.map((s) => s.msg.text)).toEqual(['x', 'late text']);
    w.stop();
  });

  it('reports a thread switch and counts messages per thread', () => {
    const { w, h, seen, threads } = setup('<ol id="list"><li data-mid="1">a</li></ol>');
    w.start();
    h.flush();
    document.body.setAttribute('data-thread', 't2');
    document.getElementById('list')!.insertAdjacentHTML('beforeend', '<li data-mid="2">b</li>');
    w.rescan();
    h.flush();
    expect(threads).toEqual(['t1', 't2']);
    expect(seen[1]!.ctx.index).toBe(0);
    w.stop();
  });

  it('falls back to the generic adapter when the site adapter finds nothing, and says so once', () => {
    const broken = listAdapter('discord', 'li.no-longer-exists');
    const generic = listAdapter('generic', '[role="listitem"]');
    const { w, h, seen, misses } = setup('<div role="list"><div role="listitem" data-mid="g1">hey</div></div>', broken, generic);
    w.start();
    h.flush();
    w.rescan();
    h.flush();
    expect(seen.map((s) => s.msg.text)).toEqual(['hey']);
    expect(misses).toEqual(['discord']);
    expect(w.adapterId).toBe('generic');
    w.stop();
  });

  it('forgets the oldest keys past its bound', () => {
    document.body.innerHTML = '<ol id="list"></ol>';
    const h = syncHost();
    const seen: string[] = [];
    const w = new ChatWatcher({
      doc: document,
      host: h.host,
      url: () => new URL('https://discord.com/'),
      adapter: listAdapter('discord', 'li[data-mid]'),
      onMessage: (m) => void seen.push(m.key),
      maxKeys: 10,
    });
    w.start();
    const list = document.getElementById('list')!;
    for (let i = 0; i < 12; i++) list.insertAdjacentHTML('beforeend', `<li data-mid="k${i}">m</li>`);
    w.rescan();
    h.flush();
    expect(seen).toHaveLength(12);
    // k0 was forgotten (oldest), k11 was not: re-rendered, only k0 is read again.
    list.insertAdjacentHTML('beforeend', '<li data-mid="k0">m</li><li data-mid="k11">m</li>');
    w.rescan();
    h.flush();
    expect(seen.slice(12)).toEqual(['k0']);
    w.stop();
  });
});

describe('ChatWatcher: scanning cost', () => {
  /** A host whose timers run one at a time, to watch the work spread over slices. */
  function stepHost() {
    const timers: (() => void)[] = [];
    return {
      host: { setTimeout: (cb: () => void) => void timers.push(cb), clearTimeout: () => undefined },
      step: () => timers.shift()?.(),
      get pending() {
        return timers.length;
      },
    };
  }

  function sliced(selector: string, isRoot: (el: Element) => boolean = () => true): SiteAdapter & { calls: ParentNode[] } {
    const base = listAdapter('discord', selector);
    const calls: ParentNode[] = [];
    return {
      ...base,
      calls,
      rootSelector: selector,
      isRoot,
      messageRoots: (root) => (calls.push(root), base.messageRoots(root)),
    };
  }

  it('walks a long history in chunks from the queue instead of touching every row at start', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `<li data-mid="h${i}">line ${i}</li>`).join('');
    document.body.innerHTML = `<ol id="list">${rows}</ol>`;
    let checked = 0;
    const adapter = sliced('li[data-mid]', () => (checked++, true));
    const h = stepHost();
    const seen: string[] = [];
    const w = new ChatWatcher({ doc: document, host: h.host, url: () => new URL('https://discord.com/'), adapter, onMessage: (m) => void seen.push(m.key) });
    w.start();
    expect(checked).toBe(0);
    expect(adapter.calls).toEqual([]);
    h.step();
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThan(1000);
    while (h.pending) h.step();
    expect(checked).toBe(1000);
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
    w.stop();
  });

  it('after the history, a rescan looks only at the nodes that were added', async () => {
    const adapter = sliced('li[data-mid]');
    const { w, h, seen } = setup('<ol id="list"><li data-mid="1">a</li></ol>', adapter);
    w.start();
    h.flush();
    const li = document.createElement('li');
    li.setAttribute('data-mid', '2');
    li.textContent = 'b';
    document.getElementById('list')!.append(li);
    await new Promise((r) => setTimeout(r, 0));
    h.flush();
    expect(seen.map((s) => s.msg.text)).toEqual(['a', 'b']);
    expect(adapter.calls).toEqual([li]);
    w.stop();
  });

  it('a batch of more added nodes than it is worth looking at one by one becomes one full scan', async () => {
    const adapter = sliced('li[data-mid]');
    const { w, h, seen } = setup('<ol id="list"><li data-mid="1">a</li></ol>', adapter);
    w.start();
    h.flush();
    const list = document.getElementById('list')!;
    for (let i = 0; i < 400; i++) list.insertAdjacentHTML('beforeend', `<li data-mid="n${i}">m${i}</li>`);
    await new Promise((r) => setTimeout(r, 0));
    h.flush();
    expect(seen).toHaveLength(401);
    expect(adapter.calls).toEqual([]);
    w.stop();
  });

  it('falls back when a full scan\'s candidates hold no message at all', () => {
    const broken = sliced('li', () => false);
    const generic = listAdapter('generic', '[role="listitem"]');
    const { w, h, seen, misses } = setup('<ol><li>not a message</li></ol><div role="list"><div role="listitem" data-mid="g1">hey</div></div>', broken, generic);
    w.start();
    h.flush();
    expect(misses).toEqual(['discord']);
    expect(seen.map((s) => s.msg.text)).toEqual(['hey']);
    w.stop();
  });

  it('a rescan while the first full scan is still walking the page neither starts a second walk nor falls back', async () => {
    const adapter = sliced('li[data-mid]');
    const generic = listAdapter('generic', 'li');
    const rows = Array.from({ length: 600 }, (_, i) => `<li data-mid="r${i}">line ${i}</li>`).join('');
    const { w, h, seen, misses } = setup(`<ol id="list">${rows}</ol>`, adapter, generic);
    w.start();
    // The page changes before the walk has found anything (a script tag, a sidebar).
    document.body.append(document.createElement('script'));
    await new Promise((r) => setTimeout(r, 0));
    w.rescan();
    h.flush();
    expect(misses).toEqual([]);
    expect(w.adapterId).toBe('discord');
    expect(seen).toHaveLength(600);
    w.stop();
  });
});
