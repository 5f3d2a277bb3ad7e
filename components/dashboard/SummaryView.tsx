// The weekly summary: this week against last week, in numbers, a chart and a list of the
// conversations worth a talk. Pure view: the container fetches the SummaryPair.
import { LEVELS, type Level } from '@/lib/detect/levels';
import { formatDate, formatNumber, type Lang, type T } from '@/lib/i18n';
import '@/lib/i18n/catalogues/dashboard';
import type { OffPeriod, SummaryPair } from '@/lib/store/types';
import { WeekChart } from './WeekChart';
import { FlaggedList } from './FlaggedList';
import { dateTime, weekRange } from './dates';

interface Props {
  t: T;
  lang: Lang;
  data: SummaryPair;
  /** True only in the detailed privacy mode. */
  showExcerpts: boolean;
}

/** 'none' only shows when something was logged at that level, to keep the list short. */
export function levelsShown(byLevel: Partial<Record<Level, number>>): Level[] {
  return LEVELS.filter((l) => l !== 'none' || (byLevel.none ?? 0) > 0);
}

export function SummaryView({ t, lang, data, showExcerpts }: Props) {
  const { thisWeek: now, lastWeek: last } = data;
  const fmt = (n: number) => formatNumber(lang, n);
  const lastNote = (n: number) => t('dashboard.summary.lastWeek', { n: fmt(n) });
  const sites = Object.entries(now.bySite).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

  return (
    <section class="summary" data-testid="summary" aria-labelledby="summary-title">
      <header class="page-head">
        <h2 id="summary-title">{t('dashboard.summary.title')}</h2>
        <p class="muted">{weekRange(lang, now.from, now.to)}</p>
      </header>
      <p class="note">
        {showExcerpts ? t('dashboard.summary.privacyDetailed') : t('dashboard.summary.privacyCategories')}
      </p>

      <div class="cards">
        <div class="card">
          <h3>{t('dashboard.summary.total')}</h3>
          <p class="big" data-testid="count-total" data-count={now.total}>
            {fmt(now.total)}
          </p>
          <p class="muted">{lastNote(last.total)}</p>
        </div>
        <div class="card">
          <h3>{t('dashboard.summary.reports')}</h3>
          <p class="big" data-testid="count-reports" data-count={now.reports}>
            {fmt(now.reports)}
          </p>
          <p class="muted">{lastNote(last.reports)}</p>
        </div>
      </div>

      <h3>{t('dashboard.summary.byLevel')}</h3>
      <ul class="counts">
        {levelsShown(now.byLevel).map((l) => (
          <li key={l} class={`level-${l}`}>
            <span class={`badge badge-${l}`}>{t(`common.level.${l}`)}</span>
            <strong data-testid={`count-level-${l}`} data-count={now.byLevel[l] ?? 0}>
              {fmt(now.byLevel[l] ?? 0)}
            </strong>
            <span class="muted">{lastNote(last.byLevel[l] ?? 0)}</span>
          </li>
        ))}
      </ul>

      <h3>{t('dashboard.summary.byDay')}</h3>
      <WeekChart t={t} lang={lang} thisWeek={now} lastWeek={last} />

      <h3>{t('dashboard.summary.bySite')}</h3>
      {sites.length === 0 ? (
        <p class="empty">{t('dashboard.summary.noSites')}</p>
      ) : (
        <ul class="counts">
          {sites.map(([host, n]) => (
            <li key={host}>
              <span class="site">{host}</span>
              <strong data-testid={`count-site-${host}`} data-count={n}>
                {fmt(n)}
              </strong>
              <span class="muted">{lastNote(last.bySite[host] ?? 0)}</span>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('dashboard.summary.flagged')}</h3>
      <FlaggedList t={t} lang={lang} conversations={now.conversations} showExcerpts={showExcerpts} />

      <h3>{t('dashboard.summary.offTitle')}</h3>
      <OffPeriods t={t} lang={lang} periods={now.offPeriods} />
    </section>
  );
}

function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

function OffPeriods({ t, lang, periods }: { t: T; lang: Lang; periods: OffPeriod[] }) {
  if (periods.length === 0) {
    return (
      <p class="empty" data-testid="off-periods" data-count={0}>
        {t('dashboard.summary.offNone')}
      </p>
    );
  }
  const minutes = (p: OffPeriod) => Math.max(1, Math.round((p.to - p.from) / 60_000));
  return (
    <ul class="off" data-testid="off-periods" data-count={periods.length}>
      {periods.map((p) => (
        <li key={p.from}>
          {t('dashboard.summary.offPeriod', {
            from: dateTime(lang, p.from),
            to: sameDay(p.from, p.to) ? formatDate(lang, p.to, { timeStyle: 'short' }) : dateTime(lang, p.to),
            minutes: formatNumber(lang, minutes(p)),
          })}
        </li>
      ))}
    </ul>
  );
}
