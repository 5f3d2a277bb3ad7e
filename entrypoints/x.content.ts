// X (and twitter.com) direct messages (lib/sites/README.md):
// this site's adapter only, with the generic fallback.
import { chatScript } from '@/lib/content/start';
import { CHAT_SCRIPT, SITE_SCRIPTS } from '@/lib/matches';
import { x } from '@/lib/sites/x';

export default defineContentScript({
  matches: [...SITE_SCRIPTS.x],
  runAt: CHAT_SCRIPT.runAt,
  noScriptStartedPostMessage: CHAT_SCRIPT.noScriptStartedPostMessage,
  main: (ctx) => chatScript(ctx, [x]),
});
