// The parent's settings, saved together with one button; settings fixed by a policy are shown
// disabled with a note. The PIN is changed in its own small form below.
import { useEffect, useState } from 'preact/hooks';
import { CATEGORY_IDS } from '@/lib/detect/categories';
import type { Lang, T } from '@/lib/i18n';
import '@/lib/i18n/catalogues/dashboard';
import {
  NUDGE_LEVELS,
  PRIVACY_MODES,
  RETENTION_MAX_DAYS,
  RETENTION_MIN_DAYS,
  detailedAllowed,
  type SettingKey,
  type Settings,
} from '@/lib/settings/model';
import { AgeBandField, LanguageField, LockedNote, RegionField, Section, TrustedAdultFields } from './formParts';
import { SitesField } from './SitesField';
import { PinFields } from './PinFields';

export type SaveState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'saved'; note?: string } | { kind: 'error'; message: string };

interface Props {
  t: T;
  lang: Lang;
  settings: Settings;
  locked: SettingKey[];
  pinManaged: boolean;
  save: SaveState;
  pinSave: SaveState;
  onSave(next: Settings): void;
  onChangePin(current: string, next: string, confirm: string): void;
}

export function SettingsView(p: Props) {
  const { t, lang, locked } = p;
  const [d, setD] = useState<Settings>(p.settings);
  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => setD((old) => ({ ...old, [k]: v }));
  const isLocked = (k: SettingKey) => locked.includes(k);
  const detailedOk = detailedAllowed(d.ageBand);

  return (
    <section class="settings" aria-labelledby="settings-title">
      <header class="page-head">
        <h2 id="settings-title">{t('dashboard.settings.title')}</h2>
      </header>
      <form
        data-testid="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (p.save.kind !== 'busy') p.onSave(d);
        }}
      >
        <Section id="s-lang" title={t('dashboard.settings.languageRegion')}>
          <LanguageField t={t} lang={lang} value={d.language} locked={isLocked('language')} onChange={(v) => set('language', v)} />
          <RegionField t={t} lang={lang} value={d.region} locked={isLocked('region')} onChange={(v) => set('region', v)} />
          <div class="field">
            <label for="f-hotline">{t('dashboard.field.hotline')}</label>
            <input
              id="f-hotline"
              name="hotline"
              maxLength={100}
              value={d.hotline ?? ''}
              disabled={isLocked('hotline')}
              onInput={(e) => set('hotline', e.currentTarget.value.trim() === '' ? null : e.currentTarget.value)}
            />
            <p class="help">{t('dashboard.field.hotlineHelp')}</p>
            <LockedNote t={t} locked={isLocked('hotline')} />
          </div>
        </Section>

        <Section id="s-child" title={t('dashboard.settings.child')}>
          <AgeBandField
            t={t}
            lang={lang}
            value={d.ageBand}
            locked={isLocked('ageBand')}
            onChange={(b) => setD((old) => ({ ...old, ageBand: b, privacyMode: detailedAllowed(b) ? old.privacyMode : 'categories' }))}
          />
          <fieldset class="field" disabled={isLocked('privacyMode')}>
            <legend>{t('dashboard.field.privacy')}</legend>
            {PRIVACY_MODES.map((m) => (
              <label key={m} class="choice">
                <input
                  type="radio"
                  name="privacyMode"
                  value={m}
                  data-testid={`privacy-${m}`}
                  checked={d.privacyMode === m}
                  disabled={m === 'detailed' && !detailedOk}
                  onChange={() => set('privacyMode', m)}
                />
                <span>
                  <strong>{t(`dashboard.privacy.${m}`)}</strong>
                  <span class="help">{t(`dashboard.privacy.${m}.help`)}</span>
                </span>
              </label>
            ))}
            {!detailedOk && <p class="help">{t('dashboard.privacy.teenNote')}</p>}
            <LockedNote t={t} locked={isLocked('privacyMode')} />
          </fieldset>
          <TrustedAdultFields t={t} lang={lang} value={d.trustedAdult} locked={isLocked('trustedAdult')} onChange={(v) => set('trustedAdult', v)} />
        </Section>

        <Section id="s-sensitivity" title={t('dashboard.settings.sensitivity')}>
          <fieldset class="field" disabled={isLocked('nudgeFrom')}>
            <legend>{t('dashboard.field.nudgeFrom')}</legend>
            {NUDGE_LEVELS.map((l) => (
              <label key={l} class="choice">
                <input type="radio" name="nudgeFrom" value={l} checked={d.nudgeFrom === l} onChange={() => set('nudgeFrom', l)} />
                <span>
                  <strong>{t(`dashboard.nudgeFrom.${l}`)}</strong>
                </span>
              </label>
            ))}
            <LockedNote t={t} locked={isLocked('nudgeFrom')} />
          </fieldset>
          <fieldset class="field" disabled={isLocked('quietCategories')}>
            <legend>{t('dashboard.field.quiet')}</legend>
            <p class="help">{t('dashboard.field.quietHelp')}</p>
            <div class="checks">
              {CATEGORY_IDS.map((c) => (
                <label key={c} class="check">
                  <input
                    type="checkbox"
                    name="quietCategories"
                    value={c}
                    checked={d.quietCategories.includes(c)}
                    onChange={(e) =>
                      set('quietCategories', e.currentTarget.checked ? [...d.quietCategories, c] : d.quietCategories.filter((x) => x !== c))
                    }
                  />
                  {t(`common.category.${c}`)}
                </label>
              ))}
            </div>
            <LockedNote t={t} locked={isLocked('quietCategories')} />
          </fieldset>
        </Section>

        <Section id="s-sites" title={t('dashboard.settings.sites')}>
          <p class="help">{t('dashboard.settings.builtInSites')}</p>
          <SitesField t={t} value={d.extraSites} locked={isLocked('extraSites')} onChange={(v) => set('extraSites', v)} />
        </Section>

        <Section id="s-data" title={t('dashboard.settings.keeping')}>
          <div class="field">
            <label for="f-retention">{t('dashboard.field.retention')}</label>
            <input
              id="f-retention"
              data-testid="retention-input"
              type="number"
              min={RETENTION_MIN_DAYS}
              max={RETENTION_MAX_DAYS}
              step={1}
              value={d.retentionDays}
              disabled={isLocked('retentionDays')}
              onInput={(e) => {
                const n = e.currentTarget.valueAsNumber;
                if (Number.isFinite(n)) set('retentionDays', n);
              }}
            />
            <p class="help">{t('dashboard.field.retentionHelp', { min: RETENTION_MIN_DAYS, max: RETENTION_MAX_DAYS })}</p>
            <LockedNote t={t} locked={isLocked('retentionDays')} />
          </div>
          <div class="field">
            <label class="check">
              <input
                type="checkbox"
                name="weeklyNotification"
                data-testid="weekly-notification"
                checked={d.weeklyNotification}
                disabled={isLocked('weeklyNotification')}
                onChange={(e) => set('weeklyNotification', e.currentTarget.checked)}
              />
              {t('dashboard.field.weekly')}
            </label>
            <LockedNote t={t} locked={isLocked('weeklyNotification')} />
          </div>
        </Section>

        <div class="actions">
          <button type="submit" class="primary" data-testid="settings-save" disabled={p.save.kind === 'busy'}>
            {p.save.kind === 'busy' ? t('dashboard.settings.saving') : t('dashboard.settings.save')}
          </button>
          <SaveMessage t={t} state={p.save} testid="settings-status" />
        </div>
      </form>

      {!p.pinManaged && <ChangePin t={t} state={p.pinSave} onSubmit={p.onChangePin} />}
    </section>
  );
}

function SaveMessage({ t, state, testid }: { t: T; state: SaveState; testid: string }) {
  if (state.kind === 'saved')
    return (
      <p class="ok" role="status" data-testid={testid}>
        {t('dashboard.settings.saved')} {state.note}
      </p>
    );
  if (state.kind === 'error')
    return (
      <p class="error" role="alert" data-testid={testid}>
        {state.message}
      </p>
    );
  return null;
}

function ChangePin({ t, state, onSubmit }: { t: T; state: SaveState; onSubmit: Props['onChangePin'] }) {
  const [current, setCurrent] = useState('');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  useEffect(() => {
    if (state.kind !== 'saved') return;
    setPin('');
    setConfirm('');
  }, [state]);
  return (
    <form
      class="panel"
      data-testid="change-pin-form"
      aria-labelledby="s-pin"
      onSubmit={(e) => {
        e.preventDefault();
        if (state.kind === 'busy') return;
        onSubmit(current, pin, confirm);
        setCurrent('');
      }}
    >
      <h3 id="s-pin">{t('dashboard.settings.changePin')}</h3>
      <label for="cp-current">{t('dashboard.pin.current')}</label>
      <input
        id="cp-current"
        data-testid="change-pin-current"
        type="password"
        inputMode="numeric"
        autoComplete="current-password"
        required
        value={current}
        onInput={(e) => setCurrent(e.currentTarget.value)}
      />
      <PinFields t={t} idPrefix="change-pin" pin={pin} confirm={confirm} onPin={setPin} onConfirm={setConfirm} />
      <div class="actions">
        <button type="submit" data-testid="change-pin-save" disabled={state.kind === 'busy'}>
          {t('dashboard.settings.changePinButton')}
        </button>
        <SaveMessage t={t} state={state} testid="change-pin-status" />
      </div>
    </form>
  );
}
