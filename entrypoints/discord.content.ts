// Discord (lib/sites/README.md):
// this site's adapter only, with the generic fallback.
import { chatScript } from '@/lib/content/start';
import { CHAT_SCRIPT, SITE_SCRIPTS } from '@/lib/matches';
import { discord } from '@/lib/sites/discord';

export default defineContentScript({
  matches: [...SITE_SCRIPTS.discord],
  runAt: CHAT_SCRIPT.runAt,
  noScriptStartedPostMessage: CHAT_SCRIPT.noScriptStartedPostMessage,
  main: (ctx) => chatScript(ctx, [discord]),
});
