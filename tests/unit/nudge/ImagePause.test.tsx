import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImagePause, type ImagePauseProps } from '@/components/nudge';
import { focusedComposer, HELP, KHMER } from './helpers';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

function renderPause(over: Partial<ImagePauseProps> = {}) {
  const props: ImagePauseProps = {
    lang: 'en',
    party: 'Sam',
    help: HELP,
    onContinue: vi.fn(),
    onCancel: vi.fn(),
    onReport: vi.fn(),
    ...over,
  };
  const view = render(<ImagePause {...props} />);
  const root = view.container.querySelector<HTMLElement>('[data-chaperone-pause]')!;
  const byId = (id: string | null) => (id ? root.querySelector(`[id="${id}"]`) : null);
  const button = (action: string) => root.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`)!;
  return { ...view, props, root, byId, button };
}

describe('ImagePause', () => {
  it('is a non-modal alert dialog with a labelled title and description', () => {
    const { root, byId } = renderPause();
    expect(root.getAttribute('role')).toBe('alertdialog');
    expect(root.hasAttribute('aria-modal')).toBe(false);
    expect(byId(root.getAttribute('aria-labelledby'))!.textContent).toBe('Send this photo?');
    const desc = byId(root.getAttribute('aria-describedby'))!.textContent;
    expect(desc).toContain('Photos can be saved and shared by others, even after you delete them.');
    expect(desc).toContain('You never have to send a photo, even if Sam asks.');
  });

  it('speaks without a name when the party is unknown', () => {
    const { root } = renderPause({ party: '' });
    expect(root.textContent).toContain('You never have to send a photo to anyone.');
    expect(root.textContent).not.toContain('{name}');
  });

  it.each([
    ['Sam', 'ទោះបី Sam សុំក៏ដោយ'],
    ['', 'ទៅនរណាម្នាក់'],
  ])('is in Khmer (party %j)', (party, phrase) => {
    const { root, button } = renderPause({ lang: 'km', party });
    expect(root.getAttribute('lang')).toBe('km');
    expect(root.textContent).toContain(phrase);
    expect(root.textContent).toContain('ផ្ញើរូបនេះមែនទេ?');
    expect(button('cancel').textContent).toBe('កុំផ្ញើ');
    expect(button('continue').textContent).toBe('នៅតែផ្ញើ');
    expect(button('report').textContent).toMatch(KHMER);
  });

  it.each([
    ['continue', 'onContinue'],
    ['cancel', 'onCancel'],
    ['report', 'onReport'],
  ] as const)('%s calls only %s', (action, callback) => {
    const { button, props } = renderPause();
    fireEvent.click(button(action));
    for (const cb of ['onContinue', 'onCancel', 'onReport'] as const) {
      expect(props[cb]).toHaveBeenCalledTimes(cb === callback ? 1 : 0);
    }
  });

  it('cancels on Escape', () => {
    const { button, props } = renderPause();
    fireEvent.keyDown(button('continue'), { key: 'Escape' });
    expect(props.onCancel).toHaveBeenCalledTimes(1);
    expect(props.onContinue).not.toHaveBeenCalled();
  });

  it('keeps help at hand without a click', () => {
    const { root } = renderPause();
    const panel = root.querySelector<HTMLElement>('.chp-help')!;
    expect(panel.hidden).toBe(false);
    expect(root.querySelector('a[data-link="tel"]')!.getAttribute('href')).toBe('tel:1280');
    expect(root.querySelector('a[data-link="sms"]')!.getAttribute('href')).toBe('sms:1280');
    expect(root.textContent).toContain('Worried? Help is here.');
  });

  it('announces itself without taking focus', () => {
    const box = focusedComposer();
    const { root } = renderPause();
    expect(document.activeElement).toBe(box);
    expect(root.querySelector('[autofocus]')).toBeNull();
    expect(root.querySelector('[aria-live="assertive"]')!.textContent).toContain('Send this photo?');
  });
});
