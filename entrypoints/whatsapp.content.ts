// WhatsApp Web (lib/sites/README.md):
// this site's adapter only, with the generic fallback.
import { chatScript } from '@/lib/content/start';
import { CHAT_SCRIPT, SITE_SCRIPTS } from '@/lib/matches';
import { whatsapp } from '@/lib/sites/whatsapp';

export default defineContentScript({
  matches: [...SITE_SCRIPTS.whatsapp],
  runAt: CHAT_SCRIPT.runAt,
  noScriptStartedPostMessage: CHAT_SCRIPT.noScriptStartedPostMessage,
  main: (ctx) => chatScript(ctx, [whatsapp]),
});
