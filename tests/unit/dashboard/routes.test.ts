import { describe, expect, it } from 'vitest';
import { parseRoute, resolveRoute, type Gate, type Route } from '@/components/dashboard/routes';

describe('parseRoute', () => {
  it.each([
    ['#/setup', 'setup'],
    ['#/unlock', 'unlock'],
    ['#/summary', 'summary'],
    ['#/settings', 'settings'],
    ['#/data', 'data'],
    ['#settings', 'settings'],
    ['#/data?x=1', 'data'],
    ['', null],
    ['#/nope', null],
  ])('%j → %s', (hash, route) => {
    expect(parseRoute(hash)).toBe(route);
  });
});

describe('resolveRoute', () => {
  const g = (hasPin: boolean, setupDone: boolean, unlocked: boolean): Gate => ({ hasPin, setupDone, unlocked });
  it.each<[string, Route | null, Gate, Route]>([
    ['first run goes to set-up', 'summary', g(false, false, false), 'setup'],
    ['no PIN, even after set-up, goes to set-up', 'data', g(false, true, false), 'setup'],
    ['locked goes to unlock', 'settings', g(true, true, false), 'unlock'],
    ['locked cannot reach set-up', 'setup', g(true, false, false), 'unlock'],
    ['unlocked with a policy PIN and no set-up', 'summary', g(true, false, true), 'setup'],
    ['unlocked shows the page asked for', 'settings', g(true, true, true), 'settings'],
    ['unlocked and done: set-up is over', 'setup', g(true, true, true), 'summary'],
    ['unlocked: unlock page is over', 'unlock', g(true, true, true), 'summary'],
    ['no route: summary', null, g(true, true, true), 'summary'],
  ])('%s', (_name, asked, gate, expected) => {
    expect(resolveRoute(asked, gate)).toBe(expected);
  });
});
