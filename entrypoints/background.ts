import browser from 'webextension-polyfill';
import { createHandler } from '@/lib/background/handler';
import { TabRegistry } from '@/lib/background/tabs';
import { openChaperoneDB, type DB } from '@/lib/store/db';

export default defineBackground({
  main() {
    let dbPromise: Promise<DB> | null = null;
    const db = (): Promise<DB> => {
      dbPromise ??= openChaperoneDB({
        onBlocking: () => {
          void dbPromise?.then((d) => d.close());
          dbPromise = null;
        },
      }).catch((e: unknown) => {
        dbPromise = null;
        throw e;
      });
      return dbPromise;
    };
    const tabs = new TabRegistry(browser.storage.session);
    const handle = createHandler({
      db,
      tabs,
      extensionId: browser.runtime.id,
      extensionOrigin: browser.runtime.getURL('/'),
      openPage: async (path) => {
        await browser.tabs.create({ url: browser.runtime.getURL(path as '/popup.html') });
      },
    });

    browser.runtime.onMessage.addListener((msg, sender) => handle(msg, sender));
    browser.tabs.onRemoved.addListener((tabId) => void tabs.forget(tabId));
  },
});
