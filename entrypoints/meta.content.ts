// Messenger (messenger.com, facebook.com/messages) and Instagram direct messages (lib/sites/README.md):
// this site's adapter only, with the generic fallback.
import { chatScript } from '@/lib/content/start';
import { CHAT_SCRIPT, SITE_SCRIPTS } from '@/lib/matches';
import { instagram } from '@/lib/sites/instagram';
import { messenger } from '@/lib/sites/messenger';

export default defineContentScript({
  matches: [...SITE_SCRIPTS.meta],
  runAt: CHAT_SCRIPT.runAt,
  noScriptStartedPostMessage: CHAT_SCRIPT.noScriptStartedPostMessage,
  main: (ctx) => chatScript(ctx, [messenger, instagram]),
});
