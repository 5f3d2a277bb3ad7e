// "Report this": one button that prepares the report, then the three things to do next and the
// text itself, so a child whose clipboard failed can still copy it by hand.
import { useEffect, useRef } from 'preact/hooks';
import type { T } from '@/lib/i18n';
import '@/lib/i18n/catalogues/popup';

export type ReportState =
  | { step: 'idle' }
  | { step: 'working' }
  | {
      step: 'done';
      text: string;
      ts: number;
      hotline: string;
      copied: boolean;
      /** null while not tried (the form opens only after a successful copy). */
      opened: boolean | null;
      logged: boolean;
      /** Shown again from a report made before the popup was last closed. */
      recalled: boolean;
    };

interface Props {
  t: T;
  /** The service whose form opens, and its address. */
  hotlineName: string;
  formUrl: string;
  state: ReportState;
  /** The child came from a nudge's report button: one more press (or Enter) reports. */
  focus: boolean;
  /** "You made a report at …", for a recalled report. */
  madeAt: string;
  onReport: () => void;
  onCopy: () => void;
}

export function ReportPanel({ t, hotlineName, formUrl, state, focus, madeAt, onReport, onCopy }: Props) {
  const done = state.step === 'done' ? state : null;
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focus) button.current?.focus();
  }, [focus]);
  return (
    <section class="panel report" aria-label={t('popup.report.button')}>
      <button
        ref={button}
        type="button"
        class="primary"
        data-testid="report-button"
        aria-describedby="report-goes-to"
        disabled={state.step === 'working'}
        onClick={onReport}
      >
        {t('popup.report.button')}
      </button>
      <p id="report-goes-to" class="muted">
        {t('popup.report.goesTo', { name: hotlineName })}
      </p>
      {/* Always in the page, so screen readers announce what appears in it. */}
      <p role="status" aria-live="polite" class="status" data-testid="report-status">
        {state.step === 'working' && t('popup.report.working')}
        {done?.copied && t('popup.report.copied')}
      </p>
      {done && !done.copied && (
        <p class="error" role="alert" data-testid="error">
          {t('popup.report.copyFailed')}
        </p>
      )}
      {done?.opened === false && (
        <p class="error" role="alert" data-testid="error">
          {t('popup.report.openFailed')}
        </p>
      )}
      {done && !done.logged && <p class="muted">{t('popup.report.logFailed')}</p>}
      {done?.recalled && <p>{madeAt}</p>}
      {done && (
        <div class="report-result">
          <h3 id="steps-heading">{t('popup.report.stepsHeading')}</h3>
          <ol class="steps" data-testid="report-steps" aria-labelledby="steps-heading">
            <li>{t('popup.report.step.paste')}</li>
            <li>{t('popup.report.step.images')}</li>
            <li>{t('popup.report.step.keep')}</li>
          </ol>
          <p class="actions">
            <a href={formUrl} target="_blank" rel="noopener noreferrer" data-testid="report-open">
              {t('popup.report.openForm', { name: hotlineName })}
              <span class="visually-hidden"> {t('popup.opensNewTab')}</span>
            </a>
            <button type="button" onClick={onCopy} data-testid="report-copy">
              {t('popup.report.copyAgain')}
            </button>
          </p>
          <label for="report-text">{t('popup.report.textLabel')}</label>
          <textarea
            id="report-text"
            data-testid="report-text"
            readOnly
            rows={8}
            value={done.text}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
    </section>
  );
}
