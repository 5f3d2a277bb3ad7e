// Asks for the parent's PIN. After five wrong tries the form pauses, with a countdown.
import { useState } from 'preact/hooks';
import { formatNumber, type Lang, type T } from '@/lib/i18n';
import '@/lib/i18n/catalogues/dashboard';
import { useNow } from './useNow';

export type UnlockNotice = 'idle' | 'locked' | null;

interface Props {
  t: T;
  lang: Lang;
  /** ms since epoch until which tries are paused; 0 when not paused */
  lockedUntil: number;
  /** Wrong-try message from the last attempt, already translated */
  error: string | null;
  notice: UnlockNotice;
  busy: boolean;
  onSubmit(pin: string): void;
  clock?: () => number;
}

export function UnlockView({ t, lang, lockedUntil, error, notice, busy, onSubmit, clock = Date.now }: Props) {
  const [pin, setPin] = useState('');
  const now = useNow(lockedUntil > 0, clock);
  const secondsLeft = Math.max(0, Math.ceil((lockedUntil - now) / 1000));
  const paused = secondsLeft > 0;

  return (
    <section class="narrow" aria-labelledby="unlock-title">
      <h2 id="unlock-title">{t('dashboard.unlock.title')}</h2>
      {notice && <p class="note">{t(`dashboard.unlock.notice.${notice}`)}</p>}
      <form
        data-testid="unlock-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (paused || busy || pin === '') return;
          onSubmit(pin);
          setPin('');
        }}
      >
        <label for="unlock-pin">{t('dashboard.pin.label')}</label>
        <input
          id="unlock-pin"
          data-testid="pin-input"
          type="password"
          inputMode="numeric"
          autoComplete="current-password"
          value={pin}
          disabled={paused}
          aria-describedby={error ? 'unlock-error' : paused ? 'lockout' : undefined}
          onInput={(e) => setPin(e.currentTarget.value)}
          autoFocus
        />
        <button type="submit" class="primary" data-testid="pin-submit" disabled={paused || busy}>
          {busy ? t('dashboard.unlock.checking') : t('dashboard.unlock.submit')}
        </button>
      </form>
      {paused ? (
        <p id="lockout" class="error" role="status" data-testid="lockout" data-seconds={secondsLeft}>
          {t('dashboard.unlock.lockout', { seconds: formatNumber(lang, secondsLeft) })}
        </p>
      ) : (
        error && (
          <p id="unlock-error" class="error" role="alert" data-testid="unlock-error">
            {error}
          </p>
        )
      )}
      <p class="muted small">{t('dashboard.unlock.forgot')}</p>
    </section>
  );
}
