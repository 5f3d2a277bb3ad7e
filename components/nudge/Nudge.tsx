import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { CategoryId } from '@/lib/detect';
import { translator, type Lang } from '@/lib/i18n';
import '@/lib/i18n/catalogues/nudge';
import { onEscape } from './escape';
import { HelpPanel } from './HelpPanel';
import { useMounted, useUniqueId } from './hooks';
import { LiveRegion } from './LiveRegion';
import { wordingFor } from './messages';
import { ShieldIcon } from './ShieldIcon';
import type { HelpInfo } from './types';
import { partyName, WithName } from './WithName';

export interface NudgeProps {
  lang: Lang;
  level: 'warn' | 'alert';
  /** What was noticed in this conversation; the most important one is named. */
  categories: CategoryId[];
  /** The other party's display name, '' when unknown. */
  party: string;
  help: HelpInfo;
  /** Opens the report flow for this conversation. */
  onReport(): void;
  /** "I'm OK", or Escape. */
  onDismiss(): void;
  onHelpOpened?(): void;
}

const TITLE = { warn: 'nudge.title.warn', alert: 'nudge.title.alert' } as const;
const ASK = { warn: 'nudge.ask.warn', alert: 'nudge.ask.alert' } as const;

/**
 * The safety card for risk in an incoming conversation. It sits in a corner, is announced once
 * by screen readers and never takes focus, so a child who is typing keeps typing.
 */
export function Nudge(props: NudgeProps): JSX.Element {
  const { lang, level, help } = props;
  const tr = translator(lang);
  const mounted = useMounted();
  const id = useUniqueId();
  const [helpOpen, setHelpOpen] = useState(false);
  const wording = wordingFor(props.categories);
  const name = partyName(props.party);

  function toggleHelp() {
    setHelpOpen(!helpOpen);
    if (!helpOpen) props.onHelpOpened?.();
  }

  return (
    <section
      class="chp-root chp-card chp-nudge"
      lang={lang}
      data-chaperone-nudge=""
      data-level={level}
      data-ready={mounted ? '' : undefined}
      aria-labelledby={`${id}-title`}
      onKeyDown={onEscape(() => props.onDismiss())}
    >
      <LiveRegion urgent={level === 'alert'} filled={mounted}>
        <div class="chp-head">
          <ShieldIcon />
          <h2 id={`${id}-title`} class="chp-title">
            {tr(TITLE[level])}
          </h2>
        </div>
        <div class="chp-body">
          <p class="chp-noticed">
            <WithName template={tr(name ? wording.named : wording.anon)} name={name} />
          </p>
          {typeof wording.advice === 'string' ? (
            <>
              <p class="chp-advice">{tr(wording.advice)}</p>
              <p class="chp-ask">{tr(ASK[level])}</p>
            </>
          ) : (
            // Steps already end with "get help now"; no extra question after them.
            <ul class="chp-steps">
              {wording.advice.map((k) => (
                <li key={k}>{tr(k)}</li>
              ))}
            </ul>
          )}
        </div>
      </LiveRegion>
      <div class="chp-actions">
        <button
          type="button"
          class="chp-btn chp-btn-primary"
          data-action="help"
          aria-expanded={helpOpen}
          aria-controls={`${id}-help`}
          onClick={toggleHelp}
        >
          {tr('nudge.action.help')}
        </button>
        <button type="button" class="chp-btn" data-action="report" onClick={() => props.onReport()}>
          {tr('nudge.action.report')}
        </button>
        <button type="button" class="chp-btn" data-action="dismiss" onClick={() => props.onDismiss()}>
          {tr('nudge.action.dismiss')}
        </button>
      </div>
      <HelpPanel id={`${id}-help`} lang={lang} help={help} hidden={!helpOpen} />
    </section>
  );
}
