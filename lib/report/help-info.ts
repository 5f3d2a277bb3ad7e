// The help a nudge offers: the same helpline the popup shows, for the family's region, and the
// trusted adult the parent named at set-up. Worked out in the background worker, so the content
// script does not carry the hotline directory.
import { helpFor } from './help';
import { resolveRegion } from './region';
import type { Settings } from '../settings';
import type { HelpInfo } from '@/components/nudge/types';

export function helpInfoFor(
  settings: Settings,
  hints: { timeZone?: string; language?: string } = {
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    language: navigator.language,
  },
): HelpInfo {
  const help = helpFor(resolveRegion(settings.region, hints), settings.hotline);
  const line = help.helpline;
  const adult = settings.trustedAdult;
  return {
    helplineName: line?.hotline.name ?? help.report.hotline.name,
    tel: line?.call?.href,
    sms: line?.sms?.href,
    url: line ? undefined : help.report.url,
    trustedAdult: adult.name.trim() ? adult : undefined,
  };
}
