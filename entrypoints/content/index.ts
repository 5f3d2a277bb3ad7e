import browser from 'webextension-polyfill';
import { CHAT_SITE_MATCHES } from '@/lib/matches';
import { startContent } from './start';

export default defineContentScript({
  matches: CHAT_SITE_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    void startContent(ctx, browser).catch((e: unknown) => {
      // A failure here must never break the chat page.
      console.debug('[chaperone] content script did not start', e);
    });
  },
});
