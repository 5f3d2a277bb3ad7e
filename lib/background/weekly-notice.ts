// The weekly "summary is ready" notification, only when the parent turned it on. The alarm
// fires every Sunday evening; the worker checks the setting when it fires (so turning it off
// needs no rescheduling) and remembers the last notice so a restart does not repeat it.
import { langFromTag, t, type Lang } from '../i18n';
import '../i18n/catalogues/background';
import '@/lib/i18n/catalogues/background';
import type { DB } from '../store/db';

export const WEEKLY_ALARM = 'chaperone.weekly';
export const WEEKLY_NOTICE_ID = 'chaperone.weekly-summary';
export const SUMMARY_PATH = '/dashboard.html#/summary';
const LAST_NOTICE_KEY = 'weeklyNotice';
const MIN_INTERVAL_MS = 6 * 24 * 60 * 60 * 1000;

export interface NoticeSettings {
  weeklyNotification: boolean;
  language: Lang | 'auto';
}

export interface NotificationsApi {
  create(id: string, opts: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<string>;
  clear(id: string): Promise<boolean>;
}

export interface NoticeApi {
  notifications?: NotificationsApi;
  runtime: { getURL(path: string): string };
  tabs: { create(opts: { url: string }): Promise<unknown> };
  uiLanguage: () => string | undefined;
}

/** The next `weekday` (0 = Sunday) at `hour`:00 local time strictly after `now`. */
export function nextWeeklyTime(now: number, weekday = 0, hour = 18): number {
  const d = new Date(now);
  d.setHours(hour, 0, 0, 0);
  d.setDate(d.getDate() + ((weekday - d.getDay() + 7) % 7));
  if (d.getTime() <= now) d.setDate(d.getDate() + 7);
  return d.getTime();
}

export function noticeLang(s: NoticeSettings, uiLanguage: string | undefined): Lang {
  return s.language === 'auto' ? langFromTag(uiLanguage) : s.language;
}

export type NoticeOutcome = 'off' | 'recent' | 'unavailable' | 'shown';

export async function showWeeklyNotice(api: NoticeApi, db: DB, s: NoticeSettings, now: number): Promise<NoticeOutcome> {
  if (!s.weeklyNotification) return 'off';
  if (!api.notifications) return 'unavailable';
  const last = await db.get('meta', LAST_NOTICE_KEY);
  if (typeof last === 'number' && now - last < MIN_INTERVAL_MS && now >= last) return 'recent';
  const lang = noticeLang(s, api.uiLanguage());
  await api.notifications.create(WEEKLY_NOTICE_ID, {
    type: 'basic',
    iconUrl: api.runtime.getURL('/icon/128.png'),
    title: t(lang, 'background.weekly.title'),
    message: t(lang, 'background.weekly.message'),
  });
  await db.put('meta', now, LAST_NOTICE_KEY);
  return 'shown';
}

/** A click on our notification opens the summary; clicks on others are not ours. */
export async function onNoticeClicked(api: NoticeApi, id: string): Promise<boolean> {
  if (id !== WEEKLY_NOTICE_ID) return false;
  await api.tabs.create({ url: api.runtime.getURL(SUMMARY_PATH) });
  await api.notifications?.clear(id);
  return true;
}
