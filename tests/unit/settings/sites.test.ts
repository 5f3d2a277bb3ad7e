import { describe, expect, it } from 'vitest';
import { siteHost, sitePattern } from '@/lib/settings';

describe('sitePattern', () => {
  it.each([
    ['chat.example.org', 'https://chat.example.org/*'],
    ['  Chat.Example.ORG  ', 'https://chat.example.org/*'],
    ['https://chat.example.org/room/1?x=2', 'https://chat.example.org/*'],
    ['http://chat.example.org', 'http://chat.example.org/*'],
    ['https://chat.example.org/*', 'https://chat.example.org/*'],
    ['*.example.org', 'https://*.example.org/*'],
    ['bücher.example', 'https://xn--bcher-kva.example/*'],
    ['localhost', 'https://localhost/*'],
    ['', null],
    ['com', null],
    ['*.com', null],
    ['ftp://chat.example.org', null],
    ['https://user:pw@chat.example.org', null],
    ['https://chat.example.org:8443', null],
    ['javascript:alert(1)', null],
    ['not a site', null],
  ])('%j → %s', (input, expected) => {
    expect(sitePattern(input)).toBe(expected);
  });

  it('shows the host of a pattern', () => {
    expect(siteHost('https://chat.example.org/*')).toBe('chat.example.org');
  });
});
