import { describe, expect, it } from 'vitest';
import { contactHref, dialHref, webHref } from '@/components/nudge/links';

describe('help links', () => {
  it.each([
    ['tel', '1280', 'tel:1280'],
    ['tel', ' +855 12 345 678 ', 'tel:+85512345678'],
    ['tel', '(023) 123-456', 'tel:023123456'],
    ['sms', '*123#', 'sms:*123%23'],
    ['tel', 'javascript:alert(1)', 'tel:1'],
    ['tel', 'call us', undefined],
    ['sms', '', undefined],
  ] as const)('%s %j → %j', (scheme, number, href) => {
    expect(dialHref(scheme, number)).toBe(href);
  });

  it.each([
    ['https://example.org/help', 'https://example.org/help'],
    ['http://example.org', 'http://example.org/'],
    ['javascript:alert(1)', undefined],
    ['data:text/html,hi', undefined],
    ['not a url', undefined],
  ])('web %j → %j', (url, href) => {
    expect(webHref(url)).toBe(href);
  });

  it.each([
    ['012 345 678', 'tel:012345678'],
    ['mum@example.com', 'mailto:mum@example.com'],
    ['ask at school', undefined],
    ['javascript:x@y.z', undefined],
  ])('contact %j → %j', (contact, href) => {
    expect(contactHref(contact)).toBe(href);
  });
});
