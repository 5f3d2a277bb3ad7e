// First run: what Chaperone does and does not see, the family's choices, and the parent's PIN.
import { useState } from 'preact/hooks';
import type { Lang, T } from '@/lib/i18n';
import '@/lib/i18n/catalogues/dashboard';
import { AGE_BAND_DEFAULTS, type AgeBand, type SettingKey, type Settings } from '@/lib/settings/model';
import { AgeBandField, LanguageField, RegionField, Section, TrustedAdultFields } from './formParts';
import { PinFields } from './PinFields';

interface Props {
  t: T;
  lang: Lang;
  initial: Settings;
  locked: SettingKey[];
  /** False when a PIN exists already (set earlier, or by the school's or organisation's policy). */
  pinNeeded: boolean;
  pinManaged: boolean;
  busy: boolean;
  /** Translated problem from the last submit */
  error: string | null;
  onLanguage(lang: Settings['language']): void;
  onSubmit(settings: Settings, pin: string | null, confirm: string | null): void;
}

/** Picking an age band brings its defaults, except for what the policy locks. */
export function applyAgeBand(s: Settings, band: AgeBand, locked: SettingKey[]): Settings {
  const next: Settings = { ...s, ageBand: band };
  for (const [k, v] of Object.entries(AGE_BAND_DEFAULTS[band])) {
    if (!locked.includes(k as SettingKey)) Object.assign(next, { [k]: v });
  }
  return next;
}

export function SetupView({ t, lang, initial, locked, pinNeeded, pinManaged, busy, error, onLanguage, onSubmit }: Props) {
  const [draft, setDraft] = useState<Settings>(initial);
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const isLocked = (k: SettingKey) => locked.includes(k);
  const see = ['sees1', 'sees2', 'sees3'];
  const notSee = ['never1', 'never2', 'never3', 'never4'];

  return (
    <section class="setup" aria-labelledby="setup-title">
      <header class="page-head">
        <h2 id="setup-title">{t('dashboard.setup.title')}</h2>
        <p>{t('dashboard.setup.intro')}</p>
      </header>

      <div class="explain">
        <div class="explain-cols">
          <div>
            <h3>{t('dashboard.setup.seesTitle')}</h3>
            <ul>
              {see.map((k) => (
                <li key={k}>{t(`dashboard.setup.${k}`)}</li>
              ))}
            </ul>
          </div>
          <div>
            <h3>{t('dashboard.setup.neverTitle')}</h3>
            <ul>
              {notSee.map((k) => (
                <li key={k}>{t(`dashboard.setup.${k}`)}</li>
              ))}
            </ul>
          </div>
        </div>
        <p class="note strong">{t('dashboard.setup.childSees')}</p>
      </div>

      <form
        data-testid="setup-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) onSubmit({ ...draft, setupDone: true }, pinNeeded ? pin : null, pinNeeded ? confirm : null);
        }}
      >
        <Section id="setup-lang" title={t('dashboard.setup.step.language')}>
          <LanguageField
            t={t}
            lang={lang}
            value={draft.language}
            locked={isLocked('language')}
            onChange={(v) => {
              setDraft({ ...draft, language: v });
              onLanguage(v);
            }}
          />
          <RegionField
            t={t}
            lang={lang}
            value={draft.region}
            locked={isLocked('region')}
            onChange={(v) => setDraft({ ...draft, region: v })}
          />
        </Section>

        <Section id="setup-child" title={t('dashboard.setup.step.child')}>
          <AgeBandField
            t={t}
            lang={lang}
            value={draft.ageBand}
            locked={isLocked('ageBand')}
            onChange={(b) => setDraft(applyAgeBand(draft, b, locked))}
          />
          <TrustedAdultFields
            t={t}
            lang={lang}
            value={draft.trustedAdult}
            locked={isLocked('trustedAdult')}
            onChange={(v) => setDraft({ ...draft, trustedAdult: v })}
          />
        </Section>

        <Section id="setup-pin" title={t('dashboard.setup.step.pin')}>
          {pinNeeded ? (
            <>
              <p class="help">{t('dashboard.setup.pinWhy')}</p>
              <PinFields t={t} idPrefix="setup" primary pin={pin} confirm={confirm} onPin={setPin} onConfirm={setConfirm} />
            </>
          ) : (
            <p class={pinManaged ? 'locked-note' : 'note'}>
              {t(pinManaged ? 'dashboard.setup.pinManaged' : 'dashboard.setup.pinSet')}
            </p>
          )}
        </Section>

        {error && (
          <p class="error" role="alert" data-testid="setup-error">
            {error}
          </p>
        )}
        <button type="submit" class="primary" data-testid="pin-submit" disabled={busy}>
          {busy ? t('dashboard.setup.saving') : t('dashboard.setup.submit')}
        </button>
      </form>
    </section>
  );
}
