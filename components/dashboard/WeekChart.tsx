// This week against last week, per day: one bar per day stacked by category, beside a grey bar
// for the same weekday last week. Hand-written SVG (no chart library to ship), described for
// screen readers and repeated as a table.
// Leaf modules: the dashboard needs the ids, not the detector and its lexicons.
import { CATEGORY_IDS, type CategoryId } from '@/lib/detect/categories';
import { formatNumber, type Lang, type T } from '@/lib/i18n';
import '@/lib/i18n/catalogues/dashboard';
import type { WeekSummary } from '@/lib/store/types';
import { CATEGORY_COLOURS } from './palette';
import { dayLabel } from './dates';

const W = 640;
const H = 240;
const PAD = { top: 12, right: 8, bottom: 36, left: 36 };

interface Props {
  t: T;
  lang: Lang;
  thisWeek: WeekSummary;
  lastWeek: WeekSummary;
}

/** A round top for the scale (1, 2, 5, 10, 20, 50…), never 0 so an empty week still draws. */
export function niceMax(n: number): number {
  if (n <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

export function categoriesIn(weeks: WeekSummary[]): CategoryId[] {
  return CATEGORY_IDS.filter((c) => weeks.some((w) => w.days.some((d) => (d.byCategory[c] ?? 0) > 0)));
}

export function WeekChart({ t, lang, thisWeek, lastWeek }: Props) {
  const days = thisWeek.days;
  const cats = categoriesIn([thisWeek]);
  const lastTotals = days.map((_, i) => lastWeek.days[i]?.total ?? 0);
  const segmentSum = (i: number) => cats.reduce((s, c) => s + (days[i]?.byCategory[c] ?? 0), 0);
  // A message can carry several categories, so stacks can be taller than the day's total.
  const top = niceMax(Math.max(0, ...days.map((d, i) => Math.max(d.total, segmentSum(i))), ...lastTotals));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(days.length, 1);
  const barW = Math.min(28, slot / 3);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  // Counts are whole numbers: no 2.5 on the scale.
  const ticks = Number.isInteger(top / 2) ? [0, top / 2, top] : [0, top];
  const fmt = (n: number) => formatNumber(lang, n);
  const desc = days
    .map((d, i) => t('dashboard.chart.dayDesc', { day: dayLabel(lang, d.day), n: fmt(d.total), last: fmt(lastTotals[i] ?? 0) }))
    .join('; ');

  return (
    <figure class="chart" data-testid="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title" aria-describedby="chart-desc" class="chart-svg">
        <title id="chart-title">{t('dashboard.chart.title')}</title>
        <desc id="chart-desc">{desc}</desc>
        {ticks.map((v) => (
          <g key={v} class="chart-tick" aria-hidden="true">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end">
              {fmt(v)}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const x = PAD.left + i * slot + slot / 2;
          const last = lastTotals[i] ?? 0;
          let acc = 0;
          return (
            <g key={d.day} data-day={d.day}>
              <rect
                class="bar-last"
                data-testid="bar-last"
                data-count={last}
                x={x - barW - 2}
                y={y(last)}
                width={barW}
                height={y(0) - y(last)}
              >
                <title>{t('dashboard.chart.lastWeekBar', { n: fmt(last) })}</title>
              </rect>
              {cats.map((c) => {
                const n = d.byCategory[c] ?? 0;
                if (n === 0) return null;
                const y0 = y(acc);
                acc += n;
                return (
                  <rect
                    key={c}
                    data-testid="bar"
                    data-day={d.day}
                    data-category={c}
                    data-count={n}
                    x={x + 2}
                    y={y(acc)}
                    width={barW}
                    height={y0 - y(acc)}
                    fill={CATEGORY_COLOURS[c]}
                  >
                    <title>{`${t(`common.category.${c}`)}: ${fmt(n)}`}</title>
                  </rect>
                );
              })}
              <text class="chart-day" x={x} y={H - PAD.bottom + 18} text-anchor="middle" aria-hidden="true">
                {dayLabel(lang, d.day)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="legend">
          <li>
            <span class="swatch swatch-last" aria-hidden="true" />
            {t('dashboard.chart.lastWeek')}
          </li>
          {cats.map((c) => (
            <li key={c}>
              <span class="swatch" style={{ background: CATEGORY_COLOURS[c] }} aria-hidden="true" />
              {t(`common.category.${c}`)}
            </li>
          ))}
        </ul>
        <details class="chart-table">
          <summary>{t('dashboard.chart.showTable')}</summary>
          <ChartTable t={t} lang={lang} thisWeek={thisWeek} lastWeek={lastWeek} cats={cats} />
        </details>
      </figcaption>
    </figure>
  );
}

function ChartTable({ t, lang, thisWeek, lastWeek, cats }: Props & { cats: CategoryId[] }) {
  const fmt = (n: number) => formatNumber(lang, n);
  return (
    <div class="table-wrap">
      <table data-testid="chart-table">
        <caption>{t('dashboard.chart.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.chart.day')}</th>
            {cats.map((c) => (
              <th scope="col" key={c}>
                {t(`common.category.${c}`)}
              </th>
            ))}
            <th scope="col">{t('dashboard.chart.total')}</th>
            <th scope="col">{t('dashboard.chart.lastWeekTotal')}</th>
          </tr>
        </thead>
        <tbody>
          {thisWeek.days.map((d, i) => (
            <tr key={d.day} data-day={d.day}>
              <th scope="row">{dayLabel(lang, d.day)}</th>
              {cats.map((c) => (
                <td key={c} data-category={c}>
                  {fmt(d.byCategory[c] ?? 0)}
                </td>
              ))}
              <td data-col="total">{fmt(d.total)}</td>
              <td data-col="last">{fmt(lastWeek.days[i]?.total ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
