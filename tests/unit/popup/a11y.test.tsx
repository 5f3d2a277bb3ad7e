import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { PopupApp } from '@/components/popup/PopupApp';
import { fakeDeps } from './fake-deps';

afterEach(cleanup);

async function violations(root: Element) {
  // Colour contrast needs real layout, which happy-dom does not do; the e2e run covers it.
  const res = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
  return res.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility', () => {
  it.each(['en', 'km'] as const)('has no axe violations with everything open (%s)', async (language) => {
    render(<PopupApp deps={fakeDeps({}, { language, trustedAdult: { name: 'Aunt Srey', contact: '012 345 678' } })} />);
    await screen.findByTestId('tab-level');
    fireEvent.click(screen.getByTestId('report-button'));
    await screen.findByTestId('report-steps');
    fireEvent.click(screen.getByTestId('parent-toggle'));
    await within(await screen.findByTestId('parent-view')).findByTestId('summary');
    expect(await violations(document.body)).toEqual([]);
  });

  it('uses real buttons, links and a labelled select', async () => {
    render(<PopupApp deps={fakeDeps()} />);
    await screen.findByTestId('tab-level');
    expect(screen.getByTestId('report-button').tagName).toBe('BUTTON');
    expect(screen.getByTestId('help-call').tagName).toBe('A');
    expect(screen.getByRole('combobox', { name: 'Your country' })).toBe(screen.getByTestId('region-select'));
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'This page',
      'Help now',
      'What my parent can see',
    ]);
  });
});
