import { describe, expect, it } from 'vitest';
import { helpFor, smsHref, telHref } from '@/lib/report/help';
import { DIRECTORY } from '@/lib/report/hotlines';
import { INTERNATIONAL, REGION_CODES, type RegionCode } from '@/lib/report/region';

describe('helpFor', () => {
  it('gives Cambodia its hotline form, the 1280 helpline and the police for immediate danger', () => {
    const h = helpFor('KH');
    expect(h.report.url).toBe('https://aplecambodia.org/reporting-page/');
    expect(h.report.hotline.id).toBe('kh-ihc-aple');
    expect(h.helpline?.call).toEqual({ number: '1280', href: 'tel:1280', free: true, hours24: true });
    expect(h.helpline?.sms?.href).toBe('sms:1280');
    expect(h.emergency?.call.href).toBe('tel:1288');
    expect(h.imageRemoval.url).toBe('https://takeitdown.ncmec.org/');
  });

  it.each([
    ['TH', 'https://www.thaihotline.org/', 'tel:1387', undefined],
    ['VN', 'https://report.cybertip.org/', 'tel:111', undefined],
    ['PH', 'https://report.cybertip.org/', 'tel:1383', undefined],
    ['ID', 'https://report.iwf.org.uk/id', 'tel:129', undefined],
    ['MY', 'https://report.iwf.org.uk/my', 'tel:15999', undefined],
    ['GB', 'https://www.iwf.org.uk/report', 'tel:08088005000', undefined],
    ['US', 'https://report.cybertip.org/', 'tel:18008435678', undefined],
    ['CA', 'https://www.cybertip.ca/app/en/report_general?i=1', 'tel:18666589022', undefined],
    ['AU', 'https://www.accce.gov.au/report', undefined, 'tel:000'],
    [INTERNATIONAL, 'https://report.cybertip.org/', undefined, undefined],
  ] as const)('%s: form %s, helpline %s, emergency %s', (region, form, call, emergency) => {
    const h = helpFor(region);
    expect(h.report.url).toBe(form);
    expect(h.helpline?.call?.href).toBe(call);
    expect(h.emergency?.call.href).toBe(emergency);
    expect(h.directory.url).toBe('https://www.inhope.org/what-we-do/how-to-report');
  });

  it('has an https form for every region', () => {
    for (const r of [...REGION_CODES, INTERNATIONAL] as RegionCode[]) expect(helpFor(r).report.url).toMatch(/^https:\/\//);
  });

  it("uses the family's chosen hotline when it has a form", () => {
    expect(helpFor('KH', 'us-ncmec-cybertipline').report.hotline.id).toBe('us-ncmec-cybertipline');
  });

  it("falls back to the region's hotline when the chosen one is unknown or has no form", () => {
    expect(helpFor('KH', 'no-such-hotline').report.hotline.id).toBe('kh-ihc-aple');
    expect(helpFor('KH', 'kh-chc-1280').report.hotline.id).toBe('kh-ihc-aple');
  });

  it('falls back to the international services for a region the directory does not know', () => {
    const dir = { ...DIRECTORY, regions: { [INTERNATIONAL]: DIRECTORY.regions[INTERNATIONAL]! } };
    expect(helpFor('KH', null, dir).report.hotline.id).toBe('us-ncmec-cybertipline');
  });
});

describe('tel: and sms: links', () => {
  it.each([
    ['1280', 'tel:1280', 'sms:1280'],
    ['092 311 511', 'tel:092311511', 'sms:092311511'],
    ['1-800-843-5678', 'tel:18008435678', 'sms:18008435678'],
    ['+855 23 224 841', 'tel:+85523224841', 'sms:+85523224841'],
  ])('%s', (n, tel, sms) => {
    expect(telHref(n)).toBe(tel);
    expect(smsHref(n)).toBe(sms);
  });
});
