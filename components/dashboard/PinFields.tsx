// A new PIN, typed twice. The parent sees the rule (at least 4 characters) before typing.
import { PIN_MIN_LENGTH } from '@/lib/pin/pinHash';
import type { T } from '@/lib/i18n';
import '@/lib/i18n/catalogues/dashboard';

interface Props {
  t: T;
  pin: string;
  confirm: string;
  onPin(v: string): void;
  onConfirm(v: string): void;
  idPrefix: string;
  /** Use the e2e test ids (the first-run PIN); the settings page uses its own. */
  primary?: boolean;
}

export function PinFields({ t, pin, confirm, onPin, onConfirm, idPrefix, primary = false }: Props) {
  return (
    <>
      <label for={`${idPrefix}-pin`}>{t('dashboard.pin.new')}</label>
      <input
        id={`${idPrefix}-pin`}
        data-testid={primary ? 'pin-input' : `${idPrefix}-pin`}
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        minLength={PIN_MIN_LENGTH}
        required
        aria-describedby={`${idPrefix}-pin-help`}
        value={pin}
        onInput={(e) => onPin(e.currentTarget.value)}
      />
      <p id={`${idPrefix}-pin-help`} class="help">
        {t('dashboard.pin.help', { n: PIN_MIN_LENGTH })}
      </p>
      <label for={`${idPrefix}-confirm`}>{t('dashboard.pin.confirm')}</label>
      <input
        id={`${idPrefix}-confirm`}
        data-testid={primary ? 'pin-confirm' : `${idPrefix}-confirm`}
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        required
        value={confirm}
        onInput={(e) => onConfirm(e.currentTarget.value)}
      />
    </>
  );
}
