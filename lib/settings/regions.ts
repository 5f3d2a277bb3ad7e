/** Regions with a known hotline; anything else can still be typed as a hotline id. */
export const REGION_CODES = ['KH', 'TH', 'VN', 'PH', 'ID', 'MY', 'GB', 'US', 'CA', 'AU'] as const;
