// Other chat sites a parent adds in the dashboard: the generic adapter alone. Registered at run
// time on the granted sites (lib/background/extra-sites.ts), so it is not in the manifest.
import { chatScript } from '@/lib/content/start';
import { CHAT_SCRIPT } from '@/lib/matches';

export default defineContentScript({
  registration: 'runtime',
  matches: [],
  runAt: CHAT_SCRIPT.runAt,
  noScriptStartedPostMessage: CHAT_SCRIPT.noScriptStartedPostMessage,
  main: (ctx) => chatScript(ctx, []),
});
