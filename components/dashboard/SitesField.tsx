// Extra sites for the generic fallback. Each one becomes a host permission the browser asks the
// parent for when the settings are saved.
import { useState } from 'preact/hooks';
import type { T } from '@/lib/i18n';
import '@/lib/i18n/catalogues/dashboard';
import { siteHost, sitePattern } from '@/lib/settings/sites';
import { LockedNote } from './formParts';

interface Props {
  t: T;
  value: string[];
  locked: boolean;
  onChange(v: string[]): void;
}

export function SitesField({ t, value, locked, onChange }: Props) {
  const [input, setInput] = useState('');
  const [error, setError] = useState(false);
  const add = () => {
    const p = sitePattern(input);
    if (!p) return setError(true);
    setError(false);
    setInput('');
    if (!value.includes(p)) onChange([...value, p]);
  };
  return (
    <fieldset class="field" disabled={locked}>
      <legend>{t('dashboard.field.sites')}</legend>
      <p class="help">{t('dashboard.field.sitesHelp')}</p>
      {value.length > 0 && (
        <ul class="sites" data-testid="extra-sites">
          {value.map((p) => (
            <li key={p}>
              <span class="site">{siteHost(p)}</span>
              <button type="button" class="link" onClick={() => onChange(value.filter((x) => x !== p))}>
                {t('dashboard.field.sitesRemove', { site: siteHost(p) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <label for="f-site-add">{t('dashboard.field.sitesAdd')}</label>
      <div class="row">
        <input
          id="f-site-add"
          data-testid="site-input"
          inputMode="url"
          placeholder="chat.example.org"
          value={input}
          aria-invalid={error}
          aria-describedby={error ? 'f-site-error' : undefined}
          onInput={(e) => setInput(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" data-testid="site-add" onClick={add}>
          {t('dashboard.field.sitesAddButton')}
        </button>
      </div>
      {error && (
        <p id="f-site-error" class="error" role="alert">
          {t('dashboard.field.sitesInvalid')}
        </p>
      )}
      <LockedNote t={t} locked={locked} />
    </fieldset>
  );
}
