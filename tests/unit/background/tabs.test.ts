import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TabRegistry } from '@/lib/background/tabs';
import { sig } from '../store/helpers';

let tabs: TabRegistry;
beforeEach(() => {
  tabs = new TabRegistry(fakeBrowser.storage.session);
});

describe('TabRegistry', () => {
  it('keeps the highest level of a tab and each message once', async () => {
    const s = sig({ key: 'k1' });
    await tabs.note(3, 'c1', 'watch', s);
    await tabs.note(3, 'c1', 'watch', { ...s });
    await tabs.note(3, 'c2', 'alert', sig({ party: 'Sok', key: 'k2' }));
    const st = await tabs.status(3);
    expect(st.level).toBe('alert');
    expect(st.conversations.map((c) => [c.conversation, c.messages.length])).toEqual([
      ['c1', 1],
      ['c2', 1],
    ]);
  });

  it('survives concurrent notes without losing one', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => tabs.note(4, 'c', 'watch', sig({ key: `k${i}` }))));
    expect((await tabs.status(4)).conversations[0]?.messages).toHaveLength(10);
  });

  it('forgets one tab, or all tabs but nothing else', async () => {
    await tabs.note(1, 'c', 'warn', sig());
    await tabs.note(2, 'c', 'warn', sig());
    await fakeBrowser.storage.session.set({ other: true });
    await tabs.forget(1);
    expect((await tabs.status(1)).conversations).toEqual([]);
    expect((await tabs.status(2)).conversations).toHaveLength(1);
    await tabs.clearAll();
    expect((await tabs.status(2)).conversations).toEqual([]);
    expect(await fakeBrowser.storage.session.get('other')).toEqual({ other: true });
  });
});
