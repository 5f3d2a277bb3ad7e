import type { JSX } from 'preact';
import { translator, type Lang } from '@/lib/i18n';
import '@/lib/i18n/catalogues/nudge';
import { onEscape } from './escape';
import { HelpPanel } from './HelpPanel';
import { useMounted, useUniqueId } from './hooks';
import { LiveRegion } from './LiveRegion';
import { ShieldIcon } from './ShieldIcon';
import type { HelpInfo } from './types';
import { partyName, WithName } from './WithName';

export interface ImagePauseProps {
  lang: Lang;
  party: string;
  help: HelpInfo;
  onContinue(): void;
  /** "Don't send", or Escape. */
  onCancel(): void;
  onReport(): void;
}

/**
 * A pause before an image goes into a risky conversation. Non-modal (no aria-modal, no focus
 * trap): the page stays usable, and the choice stays the child's. Focus is not moved; the
 * question is announced through a live region instead.
 */
export function ImagePause(props: ImagePauseProps): JSX.Element {
  const { lang, help } = props;
  const tr = translator(lang);
  const mounted = useMounted();
  const id = useUniqueId();
  const name = partyName(props.party);
  return (
    <div
      class="chp-root chp-card chp-pause"
      lang={lang}
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      data-chaperone-pause=""
      data-ready={mounted ? '' : undefined}
      onKeyDown={onEscape(() => props.onCancel())}
    >
      <LiveRegion urgent filled={mounted}>
        <div class="chp-head">
          <ShieldIcon />
          <h2 id={`${id}-title`} class="chp-title">
            {tr('nudge.pause.title')}
          </h2>
        </div>
        <div id={`${id}-desc`} class="chp-body">
          <p>{tr('nudge.pause.keep')}</p>
          <p class="chp-advice">
            {name ? <WithName template={tr('nudge.pause.never')} name={name} /> : tr('nudge.pause.never.anon')}
          </p>
        </div>
      </LiveRegion>
      <div class="chp-actions">
        <button type="button" class="chp-btn chp-btn-primary" data-action="cancel" onClick={() => props.onCancel()}>
          {tr('nudge.pause.cancel')}
        </button>
        <button type="button" class="chp-btn" data-action="continue" onClick={() => props.onContinue()}>
          {tr('nudge.pause.continue')}
        </button>
        <button type="button" class="chp-btn" data-action="report" onClick={() => props.onReport()}>
          {tr('nudge.action.report')}
        </button>
      </div>
      <div class="chp-pause-help">
        <p class="chp-help-title">{tr('nudge.pause.worried')}</p>
        <HelpPanel lang={lang} help={help} bare />
      </div>
    </div>
  );
}
