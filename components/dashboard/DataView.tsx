// Export and delete. Deleting asks for the PIN again and a clear second step, because it cannot
// be undone.
import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatNumber, type Lang, type T } from '@/lib/i18n';
import '@/lib/i18n/catalogues/dashboard';
import type { StoreStats } from '@/lib/store/types';
import type { SaveState } from './SettingsView';

interface Props {
  t: T;
  lang: Lang;
  /** null while loading or when the background could not tell */
  stats: StoreStats | null;
  exportState: SaveState;
  deleteState: SaveState;
  onExport(format: 'json' | 'csv'): void;
  onDelete(pin: string): void;
}

export function DataView({ t, lang, stats, exportState, deleteState, onExport, onDelete }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [pin, setPin] = useState('');
  const busy = exportState.kind === 'busy';
  useEffect(() => {
    if (deleteState.kind === 'saved') setConfirming(false);
  }, [deleteState]);

  return (
    <section class="data" aria-labelledby="data-title">
      <header class="page-head">
        <h2 id="data-title">{t('dashboard.data.title')}</h2>
      </header>

      {stats && (
        <p class="note" data-testid="store-events" data-count={stats.events}>
          {stats.events === 0 || stats.oldestTs === null
            ? t('dashboard.data.statsEmpty')
            : t('dashboard.data.stats', { n: formatNumber(lang, stats.events), since: formatDate(lang, stats.oldestTs) })}
        </p>
      )}

      <section class="panel" aria-labelledby="data-export">
        <h3 id="data-export">{t('dashboard.data.exportTitle')}</h3>
        <p class="help">{t('dashboard.data.exportHelp')}</p>
        <div class="actions">
          <button type="button" data-testid="export-json" disabled={busy} onClick={() => onExport('json')}>
            {t('dashboard.data.exportJson')}
          </button>
          <button type="button" data-testid="export-csv" disabled={busy} onClick={() => onExport('csv')}>
            {t('dashboard.data.exportCsv')}
          </button>
        </div>
        {exportState.kind === 'saved' && (
          <p class="ok" role="status" data-testid="export-status">
            {t('dashboard.data.exported')}
          </p>
        )}
        {exportState.kind === 'error' && (
          <p class="error" role="alert" data-testid="export-status">
            {exportState.message}
          </p>
        )}
      </section>

      <section class="panel danger" aria-labelledby="data-delete">
        <h3 id="data-delete">{t('dashboard.data.deleteTitle')}</h3>
        <p class="help">{t('dashboard.data.deleteHelp')}</p>
        {deleteState.kind === 'saved' && (
          <p class="ok" role="status" data-testid="delete-status">
            {t('dashboard.data.deleted')}
          </p>
        )}
        {!confirming ? (
          <button type="button" class="danger" data-testid="delete-all" onClick={() => setConfirming(true)}>
            {t('dashboard.data.delete')}
          </button>
        ) : (
          <form
            data-testid="delete-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (deleteState.kind === 'busy' || pin === '') return;
              onDelete(pin);
              setPin('');
            }}
          >
            <p class="warning" role="alert">
              {t('dashboard.data.deleteWarning')}
            </p>
            <label for="delete-pin">{t('dashboard.data.deletePin')}</label>
            <input
              id="delete-pin"
              data-testid="delete-pin"
              type="password"
              inputMode="numeric"
              autoComplete="current-password"
              required
              value={pin}
              onInput={(e) => setPin(e.currentTarget.value)}
              autoFocus
            />
            <div class="actions">
              <button type="submit" class="danger" data-testid="delete-confirm" disabled={deleteState.kind === 'busy'}>
                {deleteState.kind === 'busy' ? t('dashboard.data.deleting') : t('dashboard.data.deleteConfirm')}
              </button>
              <button type="button" data-testid="delete-cancel" onClick={() => setConfirming(false)}>
                {t('dashboard.data.cancel')}
              </button>
            </div>
            {deleteState.kind === 'error' && (
              <p class="error" role="alert" data-testid="delete-status">
                {deleteState.message}
              </p>
            )}
          </form>
        )}
      </section>
    </section>
  );
}
