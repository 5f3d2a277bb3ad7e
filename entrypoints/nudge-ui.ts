// Imported by the content script into its isolated world when the first nudge, reminder or pause
// is needed (lib/content/ui.ts); web-accessible, not a content script of its own.
import { nudgeUi } from '@/components/nudge/ui';
import { registerUi } from '@/lib/content/ui';

export default defineUnlistedScript(() => {
  registerUi(nudgeUi);
});
