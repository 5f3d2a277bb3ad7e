import { formatDate, type Lang } from '@/lib/i18n';

/** A summary day ("2024-05-06", local) as a timestamp at local noon, safe from DST edges. */
export function dayTs(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12).getTime();
}

export function dayLabel(lang: Lang, day: string): string {
  return formatDate(lang, dayTs(day), { weekday: 'short', day: 'numeric' });
}

export function dateTime(lang: Lang, ts: number): string {
  return formatDate(lang, ts, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "6 May – 12 May": `to` is exclusive, so the last day shown is the one before it. */
export function weekRange(lang: Lang, from: number, to: number): string {
  return `${formatDate(lang, from)} – ${formatDate(lang, to - 1)}`;
}
