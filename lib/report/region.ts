// Which country's hotlines to offer, guessed from what the browser already knows (its time zone
// and language), because asking a frightened child "where do you live?" first is one step too many.
import { REGION_CODES } from '../settings/regions';

export { REGION_CODES };
export const INTERNATIONAL = '*';
export type Country = (typeof REGION_CODES)[number];
export type RegionCode = Country | typeof INTERNATIONAL;

export interface RegionHints {
  /** An IANA time zone, e.g. Intl.DateTimeFormat().resolvedOptions().timeZone. */
  timeZone?: string;
  /** A BCP 47 language tag, e.g. navigator.language. */
  language?: string;
}

export function isCountry(x: unknown): x is Country {
  return typeof x === 'string' && (REGION_CODES as readonly string[]).includes(x);
}

const ZONES: Record<string, Country> = {
  'Asia/Phnom_Penh': 'KH',
  'Asia/Bangkok': 'TH',
  'Asia/Ho_Chi_Minh': 'VN',
  'Asia/Saigon': 'VN',
  'Asia/Manila': 'PH',
  'Asia/Jakarta': 'ID',
  'Asia/Pontianak': 'ID',
  'Asia/Makassar': 'ID',
  'Asia/Ujung_Pandang': 'ID',
  'Asia/Jayapura': 'ID',
  'Asia/Kuala_Lumpur': 'MY',
  'Asia/Kuching': 'MY',
  'Europe/London': 'GB',
  'Europe/Belfast': 'GB',
  GB: 'GB',
  'GB-Eire': 'GB',
  'Pacific/Honolulu': 'US',
};

const US_ZONES = [
  'New_York', 'Detroit', 'Chicago', 'Menominee', 'Denver', 'Boise', 'Phoenix', 'Los_Angeles', 'Anchorage',
  'Juneau', 'Sitka', 'Metlakatla', 'Yakutat', 'Nome', 'Adak', 'Indianapolis', 'Fort_Wayne', 'Louisville',
  'Knox_IN', 'Shiprock', 'Atka',
];
const CA_ZONES = [
  'Toronto', 'Montreal', 'Vancouver', 'Edmonton', 'Winnipeg', 'Regina', 'Halifax', 'St_Johns', 'Moncton',
  'Glace_Bay', 'Goose_Bay', 'Whitehorse', 'Dawson', 'Dawson_Creek', 'Fort_Nelson', 'Creston', 'Yellowknife',
  'Inuvik', 'Cambridge_Bay', 'Iqaluit', 'Pangnirtung', 'Rankin_Inlet', 'Resolute', 'Swift_Current',
  'Atikokan', 'Coral_Harbour', 'Blanc-Sablon', 'Nipigon', 'Thunder_Bay', 'Rainy_River',
];
for (const z of US_ZONES) ZONES[`America/${z}`] = 'US';
for (const z of CA_ZONES) ZONES[`America/${z}`] = 'CA';

const ZONE_PREFIXES: [string, Country][] = [
  ['America/Indiana/', 'US'],
  ['America/Kentucky/', 'US'],
  ['America/North_Dakota/', 'US'],
  ['US/', 'US'],
  ['Canada/', 'CA'],
  ['Australia/', 'AU'],
];

/**
 * Zones that Windows reports for several countries at once: without a home region set, a
 * computer in Phnom Penh says Asia/Bangkok and one in Kuala Lumpur says Asia/Singapore.
 * There the language decides among the countries that share the zone.
 */
const SHARED_ZONES: Record<string, Country[]> = {
  'Asia/Bangkok': ['TH', 'KH', 'VN'],
  'Asia/Singapore': ['MY', 'PH', 'ID'],
};

/** Languages spoken mostly in one of our regions. English, French and the rest say nothing. */
const LANGUAGES: Record<string, Country> = {
  km: 'KH',
  th: 'TH',
  vi: 'VN',
  fil: 'PH',
  tl: 'PH',
  id: 'ID',
  in: 'ID',
  ms: 'MY',
};

const GEOGRAPHIC = /^(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)\//;

function zoneCountry(tz: string): Country | undefined {
  return ZONES[tz] ?? ZONE_PREFIXES.find(([p]) => tz.startsWith(p))?.[1];
}

/** The country a language tag points at: its region subtag ("en-GB"), else the language ("km"). */
function languageCountry(tag: string): Country | undefined {
  const parts = tag.trim().split(/[-_]/);
  const region = parts.slice(1).find((p) => /^[A-Za-z]{2}$/.test(p))?.toUpperCase();
  if (isCountry(region)) return region;
  return LANGUAGES[parts[0]?.toLowerCase() ?? ''];
}

/**
 * The hotline region for a browser. The time zone says where the computer is; the language
 * only decides where the zone is shared, or where there is no real zone (UTC, unset).
 * Anywhere else gets the international services.
 */
export function regionFor({ timeZone, language }: RegionHints): RegionCode {
  const tz = timeZone?.trim() ?? '';
  const fromLanguage = language ? languageCountry(language) : undefined;
  const shared = SHARED_ZONES[tz];
  if (shared && fromLanguage && shared.includes(fromLanguage)) return fromLanguage;
  const fromZone = zoneCountry(tz);
  if (fromZone) return fromZone;
  if (GEOGRAPHIC.test(tz)) return INTERNATIONAL;
  return fromLanguage ?? INTERNATIONAL;
}

/**
 * The region in use: the family's choice when it is one we have hotlines for, the browser's
 * guess when it is 'auto', and the international services for any other country.
 */
export function resolveRegion(setting: string, hints: RegionHints): RegionCode {
  if (setting === 'auto') return regionFor(hints);
  return isCountry(setting) ? setting : INTERNATIONAL;
}
