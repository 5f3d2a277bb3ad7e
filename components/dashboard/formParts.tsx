// Form pieces shared by the first-run set-up and the settings page.
import type { ComponentChildren } from 'preact';
import type { Lang, T } from '@/lib/i18n';
import '@/lib/i18n/catalogues/dashboard';
import { AGE_BANDS, type AgeBand, type SettingKey, type Settings } from '@/lib/settings/model';
import { REGION_CODES } from '@/lib/settings/regions';

export function regionName(lang: Lang, code: string): string {
  try {
    return new Intl.DisplayNames([lang === 'km' ? 'km' : 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function LockedNote({ t, locked }: { t: T; locked: boolean }) {
  return locked ? <p class="locked-note">{t('dashboard.locked')}</p> : null;
}

interface FieldProps<K extends SettingKey> {
  t: T;
  lang: Lang;
  value: Settings[K];
  locked: boolean;
  onChange(v: Settings[K]): void;
}

export function LanguageField({ t, value, locked, onChange }: FieldProps<'language'>) {
  return (
    <div class="field">
      <label for="f-language">{t('dashboard.field.language')}</label>
      <select
        id="f-language"
        name="language"
        value={value}
        disabled={locked}
        onChange={(e) => onChange(e.currentTarget.value as Settings['language'])}
      >
        <option value="auto">{t('dashboard.field.languageAuto')}</option>
        <option value="en" lang="en">
          English
        </option>
        <option value="km" lang="km">
          ភាសាខ្មែរ
        </option>
      </select>
      <LockedNote t={t} locked={locked} />
    </div>
  );
}

export function RegionField({ t, lang, value, locked, onChange }: FieldProps<'region'>) {
  const known = (REGION_CODES as readonly string[]).includes(value) || value === 'auto';
  return (
    <div class="field">
      <label for="f-region">{t('dashboard.field.region')}</label>
      <select id="f-region" name="region" value={value} disabled={locked} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="auto">{t('dashboard.field.regionAuto')}</option>
        {REGION_CODES.map((c) => (
          <option key={c} value={c}>
            {regionName(lang, c)}
          </option>
        ))}
        {!known && <option value={value}>{regionName(lang, value)}</option>}
      </select>
      <p class="help">{t('dashboard.field.regionHelp')}</p>
      <LockedNote t={t} locked={locked} />
    </div>
  );
}

export function AgeBandField({ t, value, locked, onChange }: FieldProps<'ageBand'>) {
  return (
    <fieldset class="field" disabled={locked}>
      <legend>{t('dashboard.field.ageBand')}</legend>
      {AGE_BANDS.map((b: AgeBand) => (
        <label key={b} class="choice">
          <input type="radio" name="ageBand" value={b} checked={value === b} onChange={() => onChange(b)} />
          <span>
            <strong>{t(`dashboard.ageBand.${b}`)}</strong>
            <span class="help">{t(`dashboard.ageBand.${b}.help`)}</span>
          </span>
        </label>
      ))}
      <LockedNote t={t} locked={locked} />
    </fieldset>
  );
}

export function TrustedAdultFields({ t, value, locked, onChange }: FieldProps<'trustedAdult'>) {
  return (
    <fieldset class="field" disabled={locked}>
      <legend>{t('dashboard.field.trustedAdult')}</legend>
      <p class="help">{t('dashboard.field.trustedAdultHelp')}</p>
      <label for="f-ta-name">{t('dashboard.field.trustedAdultName')}</label>
      <input
        id="f-ta-name"
        data-testid="trusted-name"
        autoComplete="name"
        maxLength={100}
        value={value.name}
        onInput={(e) => onChange({ ...value, name: e.currentTarget.value })}
      />
      <label for="f-ta-contact">{t('dashboard.field.trustedAdultContact')}</label>
      <input
        id="f-ta-contact"
        data-testid="trusted-contact"
        maxLength={200}
        value={value.contact}
        onInput={(e) => onChange({ ...value, contact: e.currentTarget.value })}
      />
      <LockedNote t={t} locked={locked} />
    </fieldset>
  );
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id: string }) {
  return (
    <section class="panel" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}
