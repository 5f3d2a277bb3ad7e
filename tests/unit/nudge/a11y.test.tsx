import { cleanup, fireEvent, render } from '@testing-library/preact';
import axe from 'axe-core';
import type { JSX } from 'preact';
import { afterEach, expect, it } from 'vitest';
import { ImagePause, InfoReminder, Nudge } from '@/components/nudge';
import { HELP } from './helpers';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

const noop = () => {};

// happy-dom has no layout, so colour contrast is checked by hand (see styles.ts) and left out here.
async function violations(ui: JSX.Element, expandHelp = false) {
  const { container } = render(ui);
  if (expandHelp) fireEvent.click(container.querySelector('button[data-action="help"]')!);
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

it.each(['en', 'km'] as const)('the nudge has no axe violations (%s, help open)', async (lang) => {
  const ui = <Nudge lang={lang} level="alert" categories={['sextortion_threat']} party="Sam" help={HELP} onReport={noop} onDismiss={noop} />;
  expect(await violations(ui, true)).toEqual([]);
});

it('the reminder has no axe violations', async () => {
  expect(await violations(<InfoReminder lang="km" kinds={['phone', 'school']} onDismiss={noop} />)).toEqual([]);
});

it('the image pause has no axe violations', async () => {
  const ui = <ImagePause lang="en" party="Sam" help={HELP} onContinue={noop} onCancel={noop} onReport={noop} />;
  expect(await violations(ui)).toEqual([]);
});
