import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { translator, type Lang } from '@/lib/i18n';
import { SummaryView } from '@/components/dashboard/SummaryView';
import { niceMax } from '@/components/dashboard/WeekChart';
import { LAST_WEEK, PAIR, THIS_WEEK, emptyWeek } from './fixtures';

function show(opts: { lang?: Lang; showExcerpts?: boolean; data?: typeof PAIR } = {}) {
  const lang = opts.lang ?? 'en';
  return render(<SummaryView t={translator(lang)} lang={lang} data={opts.data ?? PAIR} showExcerpts={opts.showExcerpts ?? false} />);
}

afterEach(cleanup);

const count = (id: string) => screen.getByTestId(id).textContent;

describe('SummaryView counts', () => {
  it('shows this week\'s total and reports', () => {
    show();
    expect(count('count-total')).toBe('7');
    expect(count('count-reports')).toBe('1');
    expect(screen.getByTestId('summary').textContent).toContain('Last week: 4');
  });

  it.each([
    ['watch', '4'],
    ['warn', '2'],
    ['alert', '1'],
  ])('counts level %s', (level, n) => {
    show();
    expect(count(`count-level-${level}`)).toBe(n);
  });

  it('leaves out the none level when nothing was logged at it', () => {
    show();
    expect(screen.queryByTestId('count-level-none')).toBeNull();
  });

  it.each([
    ['discord.com', '5'],
    ['web.whatsapp.com', '2'],
  ])('counts site %s', (host, n) => {
    show();
    expect(count(`count-site-${host}`)).toBe(n);
  });
});

describe('SummaryView chart', () => {
  it('draws one bar segment per day and category with the right counts', () => {
    show();
    const chart = screen.getByTestId('chart');
    const bars = [...chart.querySelectorAll('rect[data-testid="bar"]')].map((r) => [
      r.getAttribute('data-day'),
      r.getAttribute('data-category'),
      Number(r.getAttribute('data-count')),
    ]);
    const expected = THIS_WEEK.days.flatMap((d) =>
      Object.entries(d.byCategory).map(([c, n]) => [d.day, c, n]),
    );
    expect(bars.sort()).toEqual(expected.sort());
  });

  it('draws taller bars for bigger counts, on one scale', () => {
    show();
    const h = (day: string, cat: string) =>
      Number(screen.getByTestId('chart').querySelector(`rect[data-day="${day}"][data-category="${cat}"]`)!.getAttribute('height'));
    const [d0, , , , , d5] = THIS_WEEK.days;
    // image_request on day 0 (2) is twice secrecy on day 0 (1) and equals platform_move on day 5 (2).
    expect(h(d0!.day, 'image_request')).toBeCloseTo(2 * h(d0!.day, 'secrecy'));
    expect(h(d0!.day, 'image_request')).toBeCloseTo(h(d5!.day, 'platform_move'));
  });

  it('shows last week beside each day', () => {
    show();
    const last = [...screen.getByTestId('chart').querySelectorAll('rect[data-testid="bar-last"]')].map((r) =>
      Number(r.getAttribute('data-count')),
    );
    expect(last).toEqual(LAST_WEEK.days.map((d) => d.total));
  });

  it('is an accessible image with a title and a description', () => {
    show();
    const svg = screen.getByRole('img', { name: 'Risky messages per day, this week and last week' });
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(svg.querySelector('desc')!.textContent).toContain('3 this week, 0 last week');
  });

  it('repeats the data in a table', () => {
    show();
    const table = screen.getByTestId('chart-table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(7);
    THIS_WEEK.days.forEach((d, i) => {
      const row = rows[i]!;
      expect(row.querySelector('[data-col="total"]')!.textContent).toBe(String(d.total));
      expect(row.querySelector('[data-col="last"]')!.textContent).toBe(String(LAST_WEEK.days[i]!.total));
      for (const [c, n] of Object.entries(d.byCategory)) {
        expect(row.querySelector(`[data-category="${c}"]`)!.textContent).toBe(String(n));
      }
    });
    expect(within(table).getByRole('columnheader', { name: 'Asked for photos or video' })).toBeTruthy();
  });

  it('still draws an empty week', () => {
    show({ data: { thisWeek: emptyWeek(THIS_WEEK.from), lastWeek: emptyWeek(LAST_WEEK.from) } });
    expect(screen.getByTestId('chart').querySelectorAll('rect[data-testid="bar"]')).toHaveLength(0);
    expect(count('count-total')).toBe('0');
    expect(screen.getByTestId('flagged-conversations').textContent).toBe('No conversation needed a warning this week.');
  });

  it.each([
    [0, 1],
    [1, 1],
    [3, 5],
    [7, 10],
    [12, 20],
    [51, 100],
  ])('scale top for %i is %i', (n, top) => {
    expect(niceMax(n)).toBe(top);
  });
});

describe('SummaryView conversations and privacy', () => {
  it('lists flagged conversations, alert first, with who, what and whether reported', () => {
    show();
    const items = screen.getByTestId('flagged-conversations').querySelectorAll('li');
    expect([...items].map((li) => li.getAttribute('data-level'))).toEqual(['alert', 'warn']);
    expect(items[0]!.textContent).toContain('Mr X');
    expect(items[0]!.textContent).toContain('Threats');
    expect(items[0]!.textContent).toContain('Reported');
    expect(items[1]!.textContent).toContain('stranger42');
    expect(items[1]!.textContent).toContain('Asked to keep secrets');
    expect(items[1]!.textContent).toContain('Not reported');
  });

  it('hides excerpts in the categories mode even when the data has them', () => {
    show({ showExcerpts: false });
    expect(screen.queryAllByTestId('excerpt')).toHaveLength(0);
    expect(screen.getByTestId('summary').textContent).not.toContain('pay or everyone sees');
  });

  it('shows excerpts in the detailed mode', () => {
    show({ showExcerpts: true });
    expect(screen.getAllByTestId('excerpt').map((e) => e.textContent)).toEqual([
      'pay or everyone sees',
      'send me a pic, dont tell ur mum',
    ]);
  });

  it('lists when protection was off', () => {
    show();
    const off = screen.getByTestId('off-periods');
    expect(off.getAttribute('data-count')).toBe('1');
    expect(off.textContent).toContain('60 minutes');
  });
});

describe('SummaryView in Khmer', () => {
  it('uses the Khmer catalogue', () => {
    show({ lang: 'km' });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('សប្ដាហ៍នេះ');
    expect(screen.getByTestId('flagged-conversations').textContent).toContain('ការគំរាមកំហែង');
    expect(screen.getByTestId('count-total').getAttribute('data-count')).toBe('7');
  });
});
