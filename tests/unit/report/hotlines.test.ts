import { describe, expect, it } from 'vitest';
import raw from '@/lib/report/hotlines.json';
import {
  DIRECTORY,
  FACT_FIELDS,
  HOTLINE_KINDS,
  hotlineById,
  isHttpUrl,
  isPhoneNumber,
  validateDirectory,
} from '@/lib/report/hotlines';
import { INTERNATIONAL, REGION_CODES } from '@/lib/report/region';

type Json = Record<string, unknown> & { hotlines: Record<string, unknown>[]; regions: Record<string, Record<string, unknown>> };

/** A fresh copy of the shipped data to break one thing in. */
function shipped(): Json {
  return structuredClone(raw) as unknown as Json;
}

function entry(d: Json, id: string): Record<string, unknown> & { sources: Record<string, unknown>; phones?: Record<string, unknown>[] } {
  const e = d.hotlines.find((h) => h.id === id);
  if (!e) throw new Error(`no ${id} in the shipped data`);
  return e as ReturnType<typeof entry>;
}

function errorsOf(d: unknown): string[] {
  const v = validateDirectory(d);
  return v.ok ? [] : v.errors;
}

describe('the shipped hotline directory', () => {
  it('passes the validator', () => {
    expect(errorsOf(raw)).toEqual([]);
  });

  it('has a source for every fact of every service', () => {
    for (const h of DIRECTORY.hotlines) {
      for (const f of FACT_FIELDS) {
        if (h[f] !== undefined) expect(h.sources[f]?.length, `${h.id}.${f}`).toBeGreaterThan(0);
      }
      for (const p of h.phones) expect(p.sources.length, `${h.id} ${p.number}`).toBeGreaterThan(0);
    }
  });

  it('covers every region the settings offer, plus the international fallback', () => {
    expect(Object.keys(DIRECTORY.regions).sort()).toEqual([...REGION_CODES, INTERNATIONAL].sort());
  });

  it('has the Cambodian services the issue names', () => {
    const aple = hotlineById('kh-ihc-aple');
    expect(aple?.reportUrl).toBe('https://aplecambodia.org/reporting-page/');
    expect(aple?.phones.map((p) => p.number)).toEqual(['092 311 511']);
    const chc = hotlineById('kh-chc-1280');
    expect(chc?.phones).toEqual([
      expect.objectContaining({ number: '1280', channels: ['call', 'sms'], free: true, hours24: true }),
    ]);
    expect(hotlineById('kh-police-1288')?.phones[0]?.number).toBe('1288');
    expect(DIRECTORY.regions.KH).toEqual({ report: 'kh-ihc-aple', helpline: 'kh-chc-1280', emergency: 'kh-police-1288' });
  });

  it.each(['us-ncmec-cybertipline', 'global-takeitdown', 'gb-iwf', 'global-inhope', 'ca-cybertip', 'au-accce', 'th-thaihotline', 'vn-111', 'ph-makabata-1383', 'id-sapa-129', 'my-talian-kasih'])(
    'ships %s',
    (id) => {
      expect(hotlineById(id)).toBeDefined();
    },
  );

  it('keeps out what the research could not verify', () => {
    // Whole entries without a verified way to reach them, or with secondary sources only.
    for (const id of ['global-chi', 'gb-ceop', 'global-iwf-icmec', 'ph-dswd-blockchildporn-sms', 'us-fbi-tips']) {
      expect(hotlineById(id), id).toBeUndefined();
    }
    // Single facts marked unverified.
    expect(hotlineById('kh-ihc-aple')?.languages).not.toContain('km');
    expect(hotlineById('kh-chc-1280')?.reportUrl).toBeUndefined();
    expect(hotlineById('kh-chc-1280')?.languages).toBeUndefined();
    expect(hotlineById('kh-police-1288')?.org).toBeUndefined();
    expect(hotlineById('vn-111')?.reportUrl).toBeUndefined();
    expect(hotlineById('ph-bantay-bata-163')?.org).toBeUndefined();
    expect(hotlineById('th-thaihotline')?.languages).toEqual(['en']);
  });

  it('uses only https for the addresses the popup opens', () => {
    for (const h of DIRECTORY.hotlines) if (h.reportUrl) expect(h.reportUrl, h.id).toMatch(/^https:\/\//);
  });
});

describe('validateDirectory rejects broken data', () => {
  const cases: [string, (d: Json) => void, RegExp][] = [
    ['a fact without its source', (d) => delete entry(d, 'kh-ihc-aple').sources.reportUrl, /kh-ihc-aple\)\.sources\.reportUrl: is missing/],
    ['an empty source list', (d) => (entry(d, 'gb-iwf').sources.name = []), /gb-iwf\)\.sources\.name: must be a non-empty list/],
    ['a source that is not a URL', (d) => (entry(d, 'gb-iwf').sources.org = ['archived copy']), /sources\.org\[0\]: "archived copy" is not an http\(s\) URL/],
    ['a phone without sources', (d) => delete entry(d, 'kh-chc-1280').phones![0]!.sources, /kh-chc-1280\)\.phones\[0\]\.sources: must be a non-empty list/],
    ['a source for a fact that is not there', (d) => (entry(d, 'kh-chc-1280').sources.reportUrl = ['https://childhelplinecambodia.org/page/8']), /sources\.reportUrl: is a source for an absent reportUrl/],
    ['a report URL without a scheme', (d) => (entry(d, 'kh-ihc-aple').reportUrl = 'aplecambodia.org/reporting-page/'), /kh-ihc-aple\)\.reportUrl: .* is not an https URL/],
    ['a plain-http report URL', (d) => (entry(d, 'kh-ihc-aple').reportUrl = 'http://aplecambodia.org/reporting-page/'), /reportUrl: .* is not an https URL/],
    ['a report URL with a space', (d) => (entry(d, 'gb-iwf').reportUrl = 'https://www.iwf.org.uk/re port'), /gb-iwf\)\.reportUrl/],
    ['a javascript: URL', (d) => (entry(d, 'gb-iwf').reportUrl = 'javascript:alert(1)'), /gb-iwf\)\.reportUrl/],
    ['a URL template', (d) => (entry(d, 'gb-iwf').reportUrl = 'https://report.iwf.org.uk/<cc>'), /gb-iwf\)\.reportUrl/],
    ['a phone number with letters', (d) => (entry(d, 'us-ncmec-cybertipline').phones![0]!.number = '1-800-CALL-FBI'), /phones\[0\]\.number: "1-800-CALL-FBI" is not a phone number/],
    ['a phone number with a note in it', (d) => (entry(d, 'kh-chc-1280').phones![0]!.number = '1280 (free)'), /phones\[0\]\.number/],
    ['a phone number too short', (d) => (entry(d, 'kh-chc-1280').phones![0]!.number = '12'), /phones\[0\]\.number/],
    ['a phone number too long', (d) => (entry(d, 'kh-chc-1280').phones![0]!.number = '+1234567890123456'), /phones\[0\]\.number/],
    ['an unknown channel', (d) => (entry(d, 'kh-chc-1280').phones![0]!.channels = ['call', 'fax']), /channels\[1\]: "fax" is not a known channel/],
    ['an unknown kind', (d) => (entry(d, 'gb-iwf').kinds = ['csam', 'counseling']), /gb-iwf\)\.kinds\[1\]: "counseling" is not a known kind/],
    ['no kinds', (d) => (entry(d, 'gb-iwf').kinds = []), /gb-iwf\)\.kinds: must be a non-empty list/],
    ['a country name instead of a code', (d) => (entry(d, 'kh-ihc-aple').countries = ['Cambodia']), /countries\[0\]: "Cambodia" is not an ISO country code/],
    ['a misspelt field', (d) => (entry(d, 'gb-iwf').reportURL = 'https://www.iwf.org.uk/report'), /gb-iwf\): unknown field "reportURL"/],
    ['an id used twice', (d) => (entry(d, 'gb-iwf').id = 'kh-ihc-aple'), /the id is used twice/],
    ['no way to reach a service', (d) => delete entry(d, 'gb-iwf').reportUrl, /gb-iwf\): has no way to reach it/],
    ['a region pointing at no service', (d) => (d.regions.KH!.report = 'kh-nope'), /regions\.KH\.report: "kh-nope" is not a hotline id/],
    ['a region whose report service has no form', (d) => (d.regions.KH!.report = 'kh-chc-1280'), /regions\.KH\.report: kh-chc-1280 has no reportUrl/],
    ["a region using another country's service", (d) => (d.regions.TH!.report = 'kh-ihc-aple'), /regions\.TH\.report: kh-ihc-aple does not serve TH/],
    ['a helpline without a number', (d) => (d.regions.KH!.helpline = 'global-inhope'), /regions\.KH\.helpline: global-inhope has no number to call or text/],
    ['no international fallback', (d) => delete d.regions['*'], /regions: needs "\*"/],
    ['an image removal service that is not one', (d) => ((d.global as Record<string, unknown>).imageRemoval = 'gb-iwf'), /global\.imageRemoval: gb-iwf is not an image removal service/],
  ];

  it.each(cases)('%s', (_name, breakIt, expected) => {
    const d = shipped();
    breakIt(d);
    const errors = errorsOf(d);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(expected);
  });

  it('rejects what is not a directory at all', () => {
    expect(errorsOf(null)).toEqual(['directory: must be an object']);
    expect(errorsOf({ hotlines: [] }).join('\n')).toMatch(/hotlines: must be a non-empty list/);
  });

  it('knows the kinds the research uses', () => {
    expect(HOTLINE_KINDS).toEqual(
      expect.arrayContaining(['csam', 'grooming', 'sextortion', 'image_removal_minor', 'helpline', 'directory']),
    );
  });
});

describe('isPhoneNumber and isHttpUrl', () => {
  it.each([
    ['1280', true],
    ['092 311 511', true],
    ['1-800-843-5678', true],
    ['+855 23 224 841', true],
    ['019-261 5999', true],
    ['000', true],
    ['12', false],
    ['1-800-CALL-FBI', false],
    ['092  311 511', false],
    ['1280 ', false],
    ['-1280', false],
    ['', false],
  ])('phone %j → %s', (s, ok) => {
    expect(isPhoneNumber(s)).toBe(ok);
  });

  it.each([
    ['https://aplecambodia.org/reporting-page/', true, true],
    ['https://www.cybertip.ca/app/en/report_general?i=1', true, true],
    ['http://safechildthailand.org/projects/child-protection-0', true, false],
    ['ftp://example.org/x', false, false],
    ['https://localhost/x', false, false],
    ['https://user:pw@example.org/', false, false],
    ['https://example.org/a b', false, false],
    ['not a url', false, false],
  ])('url %j → http(s) %s, https %s', (s, http, https) => {
    expect(isHttpUrl(s)).toBe(http);
    expect(isHttpUrl(s, true)).toBe(https);
  });
});
