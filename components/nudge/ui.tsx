// The nudge views as the content script uses them: one object (NudgeUi) that mounts a view in a
// closed shadow root. Built into nudge-ui.js, which the content script imports into its isolated
// world the first time a view is needed (see lib/content/ui.ts).
import type { JSX } from 'preact';
import { render } from 'preact';
import { registerKhmerFont } from '@/lib/fonts/register';
import { mountClosedUi } from '@/lib/content/shadow-ui';
import type { NudgeUi, UiView } from '@/lib/content/ui';
import { ImagePause } from './ImagePause';
import { InfoReminder } from './InfoReminder';
import { Nudge } from './Nudge';
import { NUDGE_CSS } from './styles';

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

function viewFor(view: UiView, close: () => void): JSX.Element {
  switch (view.kind) {
    case 'nudge':
      return (
        <Nudge
          lang={view.lang}
          level={view.level}
          categories={view.categories}
          party={view.party}
          help={view.help}
          onReport={view.onReport}
          onDismiss={close}
        />
      );
    case 'reminder':
      return (
        <AboveComposer composer={view.composer}>
          <InfoReminder lang={view.lang} kinds={view.kinds} onDismiss={close} />
        </AboveComposer>
      );
    case 'pause':
      return (
        <AboveComposer composer={view.composer}>
          <ImagePause
            lang={view.lang}
            party={view.party}
            help={view.help}
            onContinue={() => {
              close();
              view.onContinue();
            }}
            onCancel={close}
            onReport={() => {
              close();
              view.onReport();
            }}
          />
        </AboveComposer>
      );
  }
}

export const nudgeUi: NudgeUi = {
  mount: (doc, view, close) =>
    mountClosedUi(doc, {
      name: hostName(),
      css: NUDGE_CSS,
      render: (container) => render(viewFor(view, close), container),
      // Unmount the Preact tree so its effects and listeners go with it.
      unrender: (container) => render(null, container),
    }),
  khmerFont: (doc, url) => registerKhmerFont(doc, url),
};
