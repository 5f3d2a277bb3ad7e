// Telegram Web, both clients (/a/ and /k/) (lib/sites/README.md):
// this site's adapter only, with the generic fallback.
import { chatScript } from '@/lib/content/start';
import { CHAT_SCRIPT, SITE_SCRIPTS } from '@/lib/matches';
import { telegramA } from '@/lib/sites/telegram-a';
import { telegramK } from '@/lib/sites/telegram-k';

export default defineContentScript({
  matches: [...SITE_SCRIPTS.telegram],
  runAt: CHAT_SCRIPT.runAt,
  noScriptStartedPostMessage: CHAT_SCRIPT.noScriptStartedPostMessage,
  main: (ctx) => chatScript(ctx, [telegramA, telegramK]),
});
