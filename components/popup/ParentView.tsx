// "What my parent can see": the parent's weekly summary, open to the child without a PIN and
// drawn by the dashboard's own view, so it cannot show the child something different.
import { SummaryView } from '@/components/dashboard/SummaryView';
import type { Lang, T } from '@/lib/i18n';
import '@/lib/i18n/catalogues/popup';
import type { SummaryPair } from '@/lib/store/types';
import type { Loaded } from './deps';

interface Props {
  t: T;
  lang: Lang;
  open: boolean;
  /** null until first opened: the summary loads on demand. */
  summary: Loaded<SummaryPair> | null;
  /** The parent's privacy mode is 'detailed'. */
  showExcerpts: boolean;
  onToggle: () => void;
  onRetry: () => void;
}

export function ParentView({ t, lang, open, summary, showExcerpts, onToggle, onRetry }: Props) {
  return (
    <section class="panel parent">
      <h2>
        <button
          type="button"
          class="disclosure"
          aria-expanded={open}
          aria-controls="parent-panel"
          data-testid="parent-toggle"
          onClick={onToggle}
        >
          {t('popup.parent.toggle')}
        </button>
      </h2>
      {open && (
        <div id="parent-panel" data-testid="parent-view" aria-busy={summary?.state === 'loading'}>
          <p>{t('popup.parent.intro')}</p>
          {summary?.state === 'loading' && <p class="muted">{t('popup.parent.loading')}</p>}
          {summary?.state === 'error' && (
            <div class="error" role="alert" data-testid="error" data-message={summary.message}>
              <p>{t('popup.parent.error')}</p>
              <button type="button" onClick={onRetry}>
                {t('popup.parent.retry')}
              </button>
            </div>
          )}
          {summary?.state === 'ok' && <SummaryView t={t} lang={lang} data={summary.data} showExcerpts={showExcerpts} />}
        </div>
      )}
    </section>
  );
}
