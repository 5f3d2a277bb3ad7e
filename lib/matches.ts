// The chat sites Chaperone reads, grouped by the content script that reads them: each site gets a
// script with only its own adapter (and the generic fallback). One list: the entrypoints' matches
// and the manifest come from here, so they cannot drift apart.
export const SITE_SCRIPTS = {
  discord: ['*://discord.com/*'],
  whatsapp: ['*://web.whatsapp.com/*'],
  // Messenger, facebook.com/messages and Instagram's direct messages (lib/sites/meta.ts).
  meta: ['*://www.messenger.com/*', '*://www.facebook.com/*', '*://www.instagram.com/*'],
  // Both Telegram Web clients, /k/ and /a/.
  telegram: ['*://web.telegram.org/*'],
  x: ['*://x.com/*', '*://twitter.com/*'],
} as const;

export const CHAT_SITE_MATCHES: string[] = Object.values(SITE_SCRIPTS).flat();

/** What every chat content script shares (see entrypoints/*.content.ts). */
export const CHAT_SCRIPT = {
  runAt: 'document_idle',
  // WXT's "a newer copy started" signal goes by a DOM event only, not window.postMessage: the
  // message told every page script that an extension started (and woke the chat app's own message
  // listeners), and capturing its call stack had the browser re-parse the whole script (~15-25 ms
  // of the script's start-up in traces).
  noScriptStartedPostMessage: true,
} as const;
