import browser from 'webextension-polyfill';
import { CHAT_SITE_MATCHES } from '@/lib/matches';
import { startContent } from './start';

export default defineContentScript({
  matches: CHAT_SITE_MATCHES,
  runAt: 'document_idle',
  // WXT's "a newer copy started" signal goes by a DOM event only, not window.postMessage: the
  // message told every page script that an extension started (and woke the chat app's own message
  // listeners), and capturing its call stack had the browser re-parse the whole script (~15-25 ms
  // of the script's start-up in traces).
  noScriptStartedPostMessage: true,
  main(ctx) {
    void startContent(ctx, browser).catch((e: unknown) => {
      // A failure here must never break the chat page.
      console.debug('[chaperone] content script did not start', e);
    });
  },
});
