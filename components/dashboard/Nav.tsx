import type { T } from '@/lib/i18n';
import '@/lib/i18n/catalogues/dashboard';
import type { Route } from './routes';

const PAGES = ['summary', 'settings', 'data'] as const satisfies readonly Route[];

export function Nav({ t, route, onLock }: { t: T; route: Route; onLock(): void }) {
  return (
    <nav class="nav" aria-label={t('dashboard.nav.label')}>
      <ul>
        {PAGES.map((p) => (
          <li key={p}>
            <a href={`#/${p}`} data-testid={`nav-${p}`} aria-current={route === p ? 'page' : undefined}>
              {t(`dashboard.nav.${p}`)}
            </a>
          </li>
        ))}
      </ul>
      <button type="button" class="lock" data-testid="lock-button" onClick={onLock}>
        {t('dashboard.nav.lock')}
      </button>
    </nav>
  );
}
