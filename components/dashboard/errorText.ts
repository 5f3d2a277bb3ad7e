import type { T } from '@/lib/i18n';
import '@/lib/i18n/catalogues/dashboard';
import { PIN_MAX_LENGTH, PIN_MIN_LENGTH } from '@/lib/pin/pinHash';
import type { FailCode } from './services';

/** The parent-facing sentence for a failed action. */
export function errorText(t: T, code: FailCode, message = ''): string {
  return t(`dashboard.error.${code}`, { message, min: PIN_MIN_LENGTH, max: PIN_MAX_LENGTH });
}
