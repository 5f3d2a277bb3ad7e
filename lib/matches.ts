// The chat sites Chaperone reads. One list: the content script's matches and the manifest
// come from here, so they cannot drift apart.
export const CHAT_SITE_MATCHES = [
  '*://discord.com/*',
  '*://web.whatsapp.com/*',
  '*://www.messenger.com/*',
  '*://www.facebook.com/*',
  '*://www.instagram.com/*',
  '*://web.telegram.org/*',
  '*://x.com/*',
  '*://twitter.com/*',
];
