import { afterEach, describe, expect, it } from 'vitest';
import axe from 'axe-core';
import { cleanup, render, screen } from '@testing-library/preact';
import { DashboardApp } from '@/components/dashboard/DashboardApp';
import { fakeServices } from './fakeServices';

afterEach(cleanup);

async function violations() {
  // Contrast needs real layout and fonts; it is checked by hand against the palette instead.
  const res = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return res.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('dashboard accessibility (axe)', () => {
  it.each([
    ['#/setup', { hasPin: false }, 'setup-form'],
    ['#/unlock', { settings: { setupDone: true } }, 'unlock-form'],
    ['#/summary', { settings: { setupDone: true }, unlocked: true }, 'summary'],
    ['#/settings', { settings: { setupDone: true }, unlocked: true, locked: ['region' as const] }, 'settings-form'],
    ['#/data', { settings: { setupDone: true }, unlocked: true }, 'export-json'],
  ])('%s has no violations', async (hash, init, testid) => {
    history.replaceState(null, '', hash);
    const { services } = fakeServices(init);
    render(<DashboardApp services={services} />);
    await screen.findByTestId(testid);
    expect(await violations()).toEqual([]);
  });
});
