import { describe, expect, it } from 'vitest';
import { INTERNATIONAL, regionFor, resolveRegion, type RegionCode } from '@/lib/report/region';

describe('regionFor', () => {
  const cases: [string | undefined, string | undefined, RegionCode][] = [
    // The time zone says where the computer is.
    ['Asia/Phnom_Penh', 'en-US', 'KH'],
    ['Asia/Phnom_Penh', 'km-KH', 'KH'],
    ['Asia/Bangkok', 'th-TH', 'TH'],
    ['Asia/Bangkok', 'en-US', 'TH'],
    ['Asia/Ho_Chi_Minh', 'en', 'VN'],
    ['Asia/Saigon', 'en', 'VN'],
    ['Asia/Manila', 'en-US', 'PH'],
    ['Asia/Jakarta', 'en', 'ID'],
    ['Asia/Makassar', 'en', 'ID'],
    ['Asia/Jayapura', 'en', 'ID'],
    ['Asia/Kuala_Lumpur', 'en', 'MY'],
    ['Asia/Kuching', 'en', 'MY'],
    ['Europe/London', 'en-GB', 'GB'],
    ['Europe/London', 'km', 'GB'],
    ['America/New_York', 'en-US', 'US'],
    ['America/Los_Angeles', 'es-US', 'US'],
    ['America/Indiana/Indianapolis', 'en', 'US'],
    ['America/Kentucky/Louisville', 'en', 'US'],
    ['Pacific/Honolulu', 'en', 'US'],
    ['US/Eastern', 'en', 'US'],
    ['America/Toronto', 'en-CA', 'CA'],
    ['America/Toronto', 'fr-CA', 'CA'],
    ['America/Vancouver', 'en-US', 'CA'],
    ['America/St_Johns', 'en', 'CA'],
    ['Canada/Pacific', 'en', 'CA'],
    ['Australia/Sydney', 'en-AU', 'AU'],
    ['Australia/Perth', 'en-US', 'AU'],
    // Windows reports one zone for several countries: the language picks among them.
    ['Asia/Bangkok', 'km', 'KH'],
    ['Asia/Bangkok', 'km-KH', 'KH'],
    ['Asia/Bangkok', 'vi-VN', 'VN'],
    ['Asia/Bangkok', 'en-KH', 'KH'],
    ['Asia/Singapore', 'ms-MY', 'MY'],
    ['Asia/Singapore', 'fil', 'PH'],
    ['Asia/Singapore', 'id', 'ID'],
    ['Asia/Singapore', 'en-US', INTERNATIONAL],
    // A real zone elsewhere means elsewhere, whatever the language.
    ['Europe/Paris', 'fr-FR', INTERNATIONAL],
    ['Europe/Paris', 'km', INTERNATIONAL],
    ['America/Mexico_City', 'es-MX', INTERNATIONAL],
    ['America/Sao_Paulo', 'en-US', INTERNATIONAL],
    ['Africa/Nairobi', 'en', INTERNATIONAL],
    // No real zone: the language is all there is.
    ['UTC', 'km', 'KH'],
    ['Etc/GMT-7', 'th', 'TH'],
    [undefined, 'en-GB', 'GB'],
    ['', 'km-KH', 'KH'],
    ['UTC', 'en', INTERNATIONAL],
    [undefined, undefined, INTERNATIONAL],
    ['UTC', 'not a tag', INTERNATIONAL],
  ];

  it.each(cases)('%s + %s → %s', (timeZone, language, expected) => {
    expect(regionFor({ timeZone, language })).toBe(expected);
  });
});

describe('resolveRegion', () => {
  const hints = { timeZone: 'Asia/Phnom_Penh', language: 'en-US' };

  it.each([
    ['auto', 'KH'],
    ['TH', 'TH'],
    ['GB', 'GB'],
    // A country without hotlines of its own (from a policy, say) gets the international ones.
    ['FR', INTERNATIONAL],
  ])('setting %s → %s', (setting, expected) => {
    expect(resolveRegion(setting, hints)).toBe(expected);
  });
});
