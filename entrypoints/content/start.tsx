// Wires the content script to the page: adapter, watcher, controller, nudge UI. Everything is
// tied to WXT's ctx so it stops when the extension updates or unloads.
import type { Browser } from 'webextension-polyfill';
import { render } from 'preact';
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
import { mountClosedUi, type ClosedUi } from '@/lib/content/shadow-ui';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/model';
import { onSettingsChange, readSettings, readStoredSettings } from '@/lib/settings/reader';
import { adapterFor, ADAPTERS } from '@/lib/sites';
import type { HelpInfo } from '@/components/nudge/types';
import { Nudge } from '@/components/nudge/Nudge';
import { InfoReminder } from '@/components/nudge/InfoReminder';
import { ImagePause } from '@/components/nudge/ImagePause';
import { NUDGE_CSS } from '@/components/nudge/styles';
import type { JSX } from 'preact';
import type { Lang } from '@/lib/i18n';
import type { Level } from '@/lib/detect';
import { registerKhmerFont } from '@/lib/fonts/register';

/** Places a small view just above the message box (or bottom-left when there is none). */
function AboveComposer({ composer, children }: { composer: HTMLElement | null; children: JSX.Element }) {
  const r = composer?.getBoundingClientRect();
  const style = {
    position: 'fixed',
    zIndex: 2147483646,
    left: `${Math.max(8, r ? r.left : 16)}px`,
    bottom: `${Math.max(8, r ? window.innerHeight - r.top + 8 : 96)}px`,
    maxWidth: `${Math.max(240, Math.min(420, r ? r.width : 360))}px`,
  };
  return <div style={style}>{children}</div>;
}

/** A neutral, per-load element name, so the page has no fixed tag to look for. */
function hostName(): string {
  const n = Math.floor(Math.random() * 36 ** 6).toString(36).padStart(6, '0');
  return `x-${n}`;
}

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
  /** Shows one view per slot; a newer call for the same slot wins, even while an older one is loading. */
  async function show(slot: string, lang: Lang, view: (close: () => void) => JSX.Element): Promise<void> {
    const mine = ++shown;
    latest.set(slot, mine);
    // No Khmer font on the computer would show empty boxes: the bundled one is registered first.
    if (lang === 'km') await registerKhmerFont(document, (p) => browser.runtime.getURL(p as '/'));
    if (latest.get(slot) !== mine || ctx.isInvalid) return;
    uis.get(slot)?.remove();
    uis.set(
      slot,
      mountClosedUi(document, {
        name: hostName(),
        css: NUDGE_CSS,
        render: (container) => render(view(() => hide(slot)), container),
        // Unmount the Preact tree so its effects and listeners go with it.
        unrender: (container) => render(null, container),
      }),
    );
  }

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
    void show('nudge', req.lang, (close) => (
      <Nudge
        lang={req.lang}
        level={req.level}
        categories={req.categories}
        party={req.party}
        help={help}
        onReport={() => openReport(req.conversation)}
        onDismiss={close}
      />
    ));

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
    showReminder: (kinds, lang) =>
      void show('reminder', lang, (close) => (
        <AboveComposer composer={composer()}>
          <InfoReminder lang={lang} kinds={kinds} onDismiss={close} />
        </AboveComposer>
      )),
    hideReminder: () => hide('reminder'),
    showPause: (view, proceed) =>
      void show('pause', view.lang, (close) => (
        <AboveComposer composer={composer()}>
        <ImagePause
          lang={view.lang}
          party={view.party}
          help={help}
          onContinue={() => {
            close();
            proceed();
          }}
          onCancel={close}
          onReport={() => {
            close();
            openReport(view.conversation);
          }}
        />
        </AboveComposer>
      )),
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
