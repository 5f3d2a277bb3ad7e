// Wires the content script to the page: adapter, watcher, controller, nudge UI. Everything is
// tied to WXT's ctx so it stops when the extension updates or unloads.
import type { Browser } from 'webextension-polyfill';
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
import type { ClosedUi } from '@/lib/content/shadow-ui';
import { UI_SCRIPT_FILE, uiLoader, type UiView } from '@/lib/content/ui';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/model';
import { onSettingsChange, readSettings, readStoredSettings } from '@/lib/settings/reader';
import { adapterFor, ADAPTERS } from '@/lib/sites';
import type { HelpInfo } from '@/components/nudge/types';
import type { Level } from '@/lib/detect';

export async function startContent(ctx: ContentScriptContext, browser: Browser): Promise<void> {
  const url = () => new URL(location.href);
  const adapter = adapterFor(url());
  const generic = ADAPTERS.find((a) => a.id === 'generic');
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

  const uis = new Map<string, ClosedUi>();
  const latest = new Map<string, number>();
  let shown = 0;
  function hide(slot: string): void {
    latest.set(slot, ++shown);
    uis.get(slot)?.remove();
    uis.delete(slot);
  }
  ctx.onInvalidated(() => {
    for (const ui of uis.values()) ui.remove();
    uis.clear();
  });
  // The views (Preact, styles, wording) are loaded from the extension the first time one is needed.
  const loadUi = uiLoader(async () => {
    await import(/* @vite-ignore */ browser.runtime.getURL(UI_SCRIPT_FILE));
  });
  /** Shows one view per slot; a newer call for the same slot wins, even while an older one is loading. */
  async function show(slot: string, view: UiView): Promise<void> {
    const mine = ++shown;
    latest.set(slot, mine);
    const ui = await loadUi();
    // No Khmer font on the computer would show empty boxes: the bundled one is registered first.
    if (view.lang === 'km') await ui.khmerFont(document, (p) => browser.runtime.getURL(p as '/'));
    if (latest.get(slot) !== mine || ctx.isInvalid) return;
    uis.get(slot)?.remove();
    uis.set(slot, ui.mount(document, view, () => hide(slot)));
  }
  // A view that cannot be shown (the worker could not inject it) must not surface as a page error.
  const showing = (slot: string, view: UiView) => void show(slot, view).catch(() => undefined);

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

  const composer = () => adapter.composer(document) ?? generic?.composer(document) ?? null;
  const guard = new OutgoingGuard({
    doc: document,
    composer,
    active: () => controller.active,
    isNewContact: () => watcher.messagesInThread <= 1,
    analyze: analyzeMessage,
    setTimeout: (cb, ms) => window.setTimeout(cb, ms),
    showReminder: (kinds, lang) => showing('reminder', { kind: 'reminder', lang, kinds, composer: composer() }),
    hideReminder: () => hide('reminder'),
    showPause: (view, proceed) =>
      showing('pause', {
        kind: 'pause',
        lang: view.lang,
        party: view.party,
        help,
        composer: composer(),
        onContinue: proceed,
        onReport: () => openReport(view.conversation),
      }),
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
