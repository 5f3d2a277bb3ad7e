import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InfoReminder, type InfoKind } from '@/components/nudge';
import type { Lang } from '@/lib/i18n';
import { focusedComposer, KHMER } from './helpers';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

function renderReminder(kinds: InfoKind[], lang: Lang = 'en') {
  const onDismiss = vi.fn();
  const view = render(<InfoReminder lang={lang} kinds={kinds} onDismiss={onDismiss} />);
  const root = view.container.querySelector<HTMLElement>('[data-chaperone-reminder]')!;
  const chips = () => [...root.querySelectorAll('.chp-chips li')].map((li) => li.textContent);
  return { ...view, root, onDismiss, chips };
}

const KIND_CASES: [InfoKind, string, string][] = [
  ['phone', 'phone number', 'លេខទូរស័ព្ទ'],
  ['address', 'home address', 'អាសយដ្ឋានផ្ទះ'],
  ['school', 'school', 'សាលារៀន'],
  ['age', 'age', 'អាយុ'],
  ['location', 'exact location', 'កន្លែងដែលអ្នកនៅ'],
  ['email', 'email address', 'អ៊ីមែល'],
  ['name', 'full name', 'ឈ្មោះពេញ'],
];

describe('InfoReminder', () => {
  it.each(KIND_CASES)('names %s in English and Khmer', (kind, en, km) => {
    expect(renderReminder([kind]).chips()).toEqual([en]);
    cleanup();
    expect(renderReminder([kind], 'km').chips()).toEqual([km]);
  });

  it('lists every kind once, in a stable order', () => {
    const { chips, root } = renderReminder(['school', 'phone', 'age', 'phone']);
    expect(chips()).toEqual(['phone number', 'school', 'age']);
    expect([...root.querySelectorAll('.chp-chips li')].map((li) => li.getAttribute('data-kind'))).toEqual(['phone', 'school', 'age']);
    expect(root.textContent).toContain('Before you send');
    expect(root.textContent).toContain('Only share these with people you know and trust in real life.');
  });

  it('still reminds when no kind is named', () => {
    const { chips, root } = renderReminder([]);
    expect(chips()).toEqual([]);
    expect(root.textContent).toContain('This message may share personal details about you.');
  });

  it('is in Khmer for a Khmer reader', () => {
    const { root } = renderReminder(['phone'], 'km');
    expect(root.getAttribute('lang')).toBe('km');
    expect(root.querySelector('button')!.textContent).toBe('យល់ហើយ');
    expect(root.textContent).toMatch(KHMER);
    expect(root.textContent).not.toMatch(/[A-Za-z]/);
  });

  it('is a polite live region and leaves the caret in the message box', () => {
    const box = focusedComposer();
    const { root } = renderReminder(['phone']);
    expect(document.activeElement).toBe(box);
    expect(root.querySelector('[autofocus]')).toBeNull();
    const region = root.querySelector('[aria-live]')!;
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.getAttribute('role')).toBe('status');
    expect(region.textContent).toContain('phone number');
  });

  it('is dismissed by its button or Escape', () => {
    const { root, onDismiss } = renderReminder(['phone']);
    const button = root.querySelector<HTMLButtonElement>('button[data-action="dismiss"]')!;
    expect(button.textContent).toBe('Got it');
    fireEvent.click(button);
    expect(onDismiss).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(button, { key: 'Tab' });
    expect(onDismiss).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(button, { key: 'Escape' });
    expect(onDismiss).toHaveBeenCalledTimes(2);
  });
});
