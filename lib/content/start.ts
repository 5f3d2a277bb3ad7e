// Wires a chat content script to the page: adapter, watcher, controller, nudge views. Everything
// is tied to WXT's ctx so it stops when the extension updates or unloads. Each site's script
// (entrypoints/*.content.ts) passes only its own adapters; the generic one is the fallback.
import browser from 'webextension-polyfill';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { analyzeMessage, prepareDetector } from '@/lib/detect';
import { call } from '@/lib/client';
import { ContentController, type NudgeRequest } from '@/lib/content/controller';
import { NudgeMemory } from '@/lib/content/nudge-memory';
import { ChatWatcher } from '@/lib/content/watcher';
import { inIdleSlices } from '@/lib/content/scheduler';
import { OutgoingGuard } from '@/lib/content/outgoing';
import type { Signal, SignalResult } from '@/lib/messaging';
import { RetryingSender } from '@/lib/content/retry';
import { UI_SCRIPT_FILE, uiLoader, ViewSlots, type UiView } from '@/lib/content/ui';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/model';
import { onSettingsChange, readSettings, readStoredSettings } from '@/lib/settings/reader';
import { generic, pickAdapter } from '@/lib/sites/generic';
import type { SiteAdapter } from '@/lib/sites/types';
import type { HelpInfo } from '@/components/nudge/types';
import type { Level } from '@/lib/detect';

/** A chat content script's main: reads the page with `adapters` (the first that matches, else generic). */
export function chatScript(ctx: ContentScriptContext, adapters: readonly SiteAdapter[]): void {
  startContent(ctx, adapters).catch((e: unknown) => {
    // A failure here must never break the chat page.
    console.debug('[chaperone] content script did not start', e);
  });
}

async function startContent(ctx: ContentScriptContext, adapters: readonly SiteAdapter[]): Promise<void> {
  const url = () => new URL(location.href);
  const adapter = pickAdapter(url(), adapters);
  // The family's settings first: local storage answers at once. A school's or NGO's policy
  // (storage.managed) is laid over them when it arrives; the first read of it after the browser
  // starts can take seconds, and the chat is read meanwhile (settings only shape the nudge).
  let settings: Settings = await readStoredSettings().catch(() => DEFAULT_SETTINGS);
  let watched = false;
  ctx.onInvalidated(
    onSettingsChange((s) => {
      watched = true;
      settings = s;
    }),
  );
  void readSettings().then(
    (s) => {
      if (!watched) settings = s;
    },
    () => undefined,
  );
  const memory = new NudgeMemory(browser.storage.local);
  await memory.load().catch(() => undefined);

  // The views (Preact, styles, wording) are loaded from the extension the first time one is needed.
  const views = new ViewSlots({
    doc: document,
    load: uiLoader(() => import(/* @vite-ignore */ browser.runtime.getURL(UI_SCRIPT_FILE))),
    fontUrl: (p) => browser.runtime.getURL(p as '/'),
    invalid: () => ctx.isInvalid,
  });
  ctx.onInvalidated(() => views.clear());
  const showing = (slot: string, view: UiView, failed?: () => void) => void views.show(slot, view, failed);

  // The helpline comes from the background (the hotline directory stays out of this bundle).
  let help: HelpInfo = { helplineName: '' };
  const loadHelp = () =>
    void call<HelpInfo>('help-info', {}).then((r) => {
      if (r.ok) help = r.data;
    });
  loadHelp();
  ctx.onInvalidated(onSettingsChange(loadHelp));

  const openReport = (conversation: string) => void call('open-report', { conversation });

  const showNudge = (req: NudgeRequest) =>
    showing('nudge', {
      kind: 'nudge',
      lang: req.lang,
      level: req.level,
      categories: req.categories,
      party: req.party,
      help,
      onReport: () => openReport(req.conversation),
    });

  const sender = new RetryingSender<Signal, SignalResult>((signal) => call<SignalResult>('signal', { signal }), {
    sleep: (ms) => new Promise((resolve) => window.setTimeout(resolve, ms)),
  });
  const controller = new ContentController({
    site: location.hostname,
    url: () => location.href,
    analyze: analyzeMessage,
    send: (signal) => sender.submit(signal),
    settings: () => settings,
    browserLang: navigator.language,
    now: Date.now,
    wasNudged: (c, l) => memory.has(c, l),
    markNudged: (c, l) => memory.add(c, l),
    showNudge,
  });

  const watcher = new ChatWatcher({
    doc: document,
    host: {
      // Plain timers: WXT's ctx timers add an abort listener per call, which a busy chat would
      // pile up; watcher.stop() on invalidation ends the work instead.
      requestIdleCallback: (cb, opts) => window.requestIdleCallback(cb, opts),
      setTimeout: (cb, ms) => window.setTimeout(cb, ms),
      clearTimeout: (id) => window.clearTimeout(id as number),
    },
    url,
    adapter,
    fallback: generic,
    // A message that cannot be analysed must not surface on the chat page as an error.
    onMessage: (msg, mctx) => void controller.onMessage(msg, mctx).catch(() => undefined),
    onThreadChange: (thread) => {
      if (thread === null) return;
      const party = adapter.partyName(document) ?? '';
      controller.enterThread(thread, party);
      // A conversation that reached a level last week still has it (the reminder and the image pause use it).
      void call<Level>('conversation-level', { site: location.hostname, thread, party }).then((r) => {
        if (r.ok) controller.setLevel(thread, party, r.data);
      });
    },
  });
  // The lexicon is indexed in idle slices of a few milliseconds before the history is read: done
  // by the first message instead, it was one long task on a slow computer. A tab in the background
  // gets idle callbacks about once a second, and nobody sees its tasks: it is done in one go there.
  await inIdleSlices(
    { requestIdleCallback: (cb, opts) => window.requestIdleCallback(cb, opts), setTimeout: (cb, ms) => window.setTimeout(cb, ms) },
    (deadline) => prepareDetector(document.visibilityState === 'hidden' ? Infinity : deadline),
  ).catch(() => undefined);
  if (ctx.isInvalid) return;
  watcher.start();
  ctx.onInvalidated(() => watcher.stop());

  const composer = () => adapter.composer(document) ?? generic.composer(document) ?? null;
  const guard = new OutgoingGuard({
    doc: document,
    composer,
    active: () => controller.active,
    isNewContact: () => watcher.messagesInThread <= 1,
    analyze: analyzeMessage,
    setTimeout: (cb, ms) => window.setTimeout(cb, ms),
    showReminder: (kinds, lang) => showing('reminder', { kind: 'reminder', lang, kinds, composer: composer() }),
    hideReminder: () => views.hide('reminder'),
    showPause: (view, proceed) =>
      showing(
        'pause',
        {
          kind: 'pause',
          lang: view.lang,
          party: view.party,
          help,
          composer: composer(),
          onContinue: proceed,
          onReport: () => openReport(view.conversation),
        },
        proceed,
      ),
    logImage: (view) =>
      void call<SignalResult>('signal', {
        signal: {
          site: location.hostname,
          thread: view.thread,
          party: view.party,
          key: `image:${Date.now()}`,
          dir: 'out',
          categories: ['share_image'],
          excerpt: '',
          ts: Date.now(),
          url: location.href,
        },
      }),
  });
  guard.start();
  ctx.onInvalidated(() => guard.stop());
}
