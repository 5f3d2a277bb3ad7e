import { translator, type Lang } from '@/lib/i18n';
import '@/lib/i18n/catalogues/nudge';
import { contactHref, dialHref, webHref } from './links';
import type { HelpInfo } from './types';

interface HelpPanelProps {
  lang: Lang;
  help: HelpInfo;
  id?: string;
  hidden?: boolean;
  /** Without the "Help is here" heading, where the surrounding view already says it. */
  bare?: boolean;
}

/** Who the child can turn to: an adult they trust, then the helpline by phone, text or web. */
export function HelpPanel({ lang, help, id, hidden, bare }: HelpPanelProps) {
  const tr = translator(lang);
  const tel = help.tel ? dialHref('tel', help.tel) : undefined;
  const sms = help.sms ? dialHref('sms', help.sms) : undefined;
  const web = help.url ? webHref(help.url) : undefined;
  const adult = help.trustedAdult;
  const adultHref = adult ? contactHref(adult.contact) : undefined;
  const helpline = help.helplineName.trim();
  return (
    <div id={id} class="chp-help" hidden={hidden}>
      {!bare && <h3 class="chp-help-title">{tr('nudge.help.title')}</h3>}
      <p>{tr('nudge.help.adult')}</p>
      {adult && (
        <p class="chp-adult">
          {tr('nudge.help.trustedAdult')} <bdi class="chp-name">{adult.name}</bdi>{' '}
          {adultHref ? (
            <a href={adultHref} data-link="adult">
              <bdi>{adult.contact}</bdi>
            </a>
          ) : (
            <bdi>{adult.contact}</bdi>
          )}
        </p>
      )}
      {helpline && <p>{tr('nudge.help.helpline', { helpline })}</p>}
      {(tel || sms || web) && (
        <ul class="chp-links">
          {tel && help.tel && (
            <li>
              <a class="chp-link-btn" href={tel} data-link="tel">
                {tr('nudge.help.call', { number: help.tel.trim() })}
              </a>
            </li>
          )}
          {sms && help.sms && (
            <li>
              <a class="chp-link-btn" href={sms} data-link="sms">
                {tr('nudge.help.text', { number: help.sms.trim() })}
              </a>
            </li>
          )}
          {web && (
            <li>
              {/* noreferrer: the helpline's site must not learn which chat page the child was on. */}
              <a class="chp-link-btn" href={web} target="_blank" rel="noopener noreferrer" data-link="web">
                {tr('nudge.help.website')} <span class="chp-sr">{tr('nudge.help.newTab')}</span>
              </a>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
