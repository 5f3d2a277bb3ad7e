// "Help now": people to call or text in the child's country, what to do when someone threatens
// to share pictures, how to get a nude picture taken down, and the adult the family named.
import type { T } from '@/lib/i18n';
import '@/lib/i18n/catalogues/popup';
import { telHref, type ContactLink, type Help } from '@/lib/report/help';
import { isPhoneNumber } from '@/lib/report/hotlines';
import { INTERNATIONAL } from '@/lib/report/region';

interface Props {
  t: T;
  help: Help;
  trustedAdult: { name: string; contact: string };
}

function Tags({ t, link }: { t: T; link: ContactLink }) {
  const tags = [link.free && t('popup.help.free'), link.hours24 && t('popup.help.hours24')].filter(Boolean);
  return tags.length > 0 ? <span class="tags"> ({tags.join(', ')})</span> : null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A phone number or email becomes a link, anything else stays text. */
function contactHref(contact: string): string | null {
  if (isPhoneNumber(contact)) return telHref(contact);
  if (EMAIL.test(contact)) return `mailto:${contact}`;
  return null;
}

export function HelpNow({ t, help, trustedAdult }: Props) {
  const { helpline, emergency, imageRemoval, directory } = help;
  const adultHref = contactHref(trustedAdult.contact);
  return (
    <section class="panel help" aria-labelledby="help-heading">
      <h2 id="help-heading">{t('popup.help.heading')}</h2>
      {helpline && (helpline.call || helpline.sms) && (
        <div class="helpline">
          <p>{t('popup.help.helpline', { name: helpline.hotline.name })}</p>
          <p class="contact-links">
            {helpline.call && (
              <a class="button" href={helpline.call.href} data-testid="help-call">
                {t('popup.help.call', { number: helpline.call.number })}
                <Tags t={t} link={helpline.call} />
              </a>
            )}
            {helpline.sms && (
              <a class="button" href={helpline.sms.href} data-testid="help-sms">
                {t('popup.help.sms', { number: helpline.sms.number })}
              </a>
            )}
          </p>
        </div>
      )}
      {emergency && (
        <p class="emergency">
          {t('popup.help.emergency', { name: emergency.hotline.name })}{' '}
          <a href={emergency.call.href} data-testid="help-emergency">
            {emergency.call.number}
          </a>
        </p>
      )}

      <h3>{t('popup.help.sextortion.heading')}</h3>
      <ul class="advice" data-testid="help-sextortion">
        <li>{t('popup.help.sextortion.pay')}</li>
        <li>{t('popup.help.sextortion.delete')}</li>
        <li>{t('popup.help.sextortion.block')}</li>
        <li>{t('popup.help.sextortion.notInTrouble')}</li>
      </ul>

      <h3>{t('popup.help.images.heading')}</h3>
      <p>{t('popup.help.images.text')}</p>
      <p>
        <a href={imageRemoval.url} target="_blank" rel="noopener noreferrer" data-testid="help-takeitdown">
          {t('popup.help.images.link')}
          <span class="visually-hidden"> {t('popup.opensNewTab')}</span>
        </a>
      </p>

      <h3>{t('popup.help.adult.heading')}</h3>
      {trustedAdult.name ? (
        <p data-testid="help-adult">
          {t('popup.help.adult.named', { name: trustedAdult.name })}
          {trustedAdult.contact && (
            <>
              {' '}
              {adultHref ? (
                <a href={adultHref}>{t('popup.help.adult.contact', { contact: trustedAdult.contact })}</a>
              ) : (
                t('popup.help.adult.contact', { contact: trustedAdult.contact })
              )}
            </>
          )}
        </p>
      ) : (
        <p data-testid="help-adult">{t('popup.help.adult.generic')}</p>
      )}

      {help.region === INTERNATIONAL && (
        <p>
          <a href={directory.url} target="_blank" rel="noopener noreferrer" data-testid="help-directory">
            {t('popup.help.directory')}
            <span class="visually-hidden"> {t('popup.opensNewTab')}</span>
          </a>
        </p>
      )}
    </section>
  );
}
