// The country whose hotlines the popup offers: automatic from the browser, or the child's choice.
import type { T } from '@/lib/i18n';
import '@/lib/i18n/catalogues/popup';
import { isCountry, REGION_CODES, type RegionCode } from '@/lib/report/region';

interface Props {
  t: T;
  /** The stored setting: 'auto' or a country code. */
  value: string;
  /** What 'auto' resolves to on this browser. */
  detected: RegionCode;
  locked: boolean;
  failed: boolean;
  onChange: (region: string) => void;
}

export function RegionPicker({ t, value, detected, locked, failed, onChange }: Props) {
  // A country without hotlines of its own (set by a policy, say) still shows as chosen.
  const other = value !== 'auto' && !isCountry(value);
  return (
    <div class="region">
      <label for="region-select">{t('popup.region.label')}</label>
      <select
        id="region-select"
        data-testid="region-select"
        data-region={value === 'auto' ? detected : isCountry(value) ? value : '*'}
        value={value}
        disabled={locked}
        aria-describedby="region-hint"
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        <option value="auto">{t('popup.region.auto', { region: t(`popup.region.${detected}`) })}</option>
        {REGION_CODES.map((c) => (
          <option key={c} value={c}>
            {t(`popup.region.${c}`)}
          </option>
        ))}
        {other && <option value={value}>{t('popup.region.*')}</option>}
      </select>
      <p id="region-hint" class="muted">
        {locked ? t('popup.region.locked') : t('popup.region.hint')}
      </p>
      {failed && (
        <p class="error" role="alert" data-testid="error">
          {t('popup.region.saveError')}
        </p>
      )}
    </div>
  );
}
