// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mountClosedUi } from '@/lib/content/shadow-ui';

describe('mountClosedUi', () => {
  it('puts the view in a closed shadow root at the end of <body>, and takes it away again', () => {
    document.body.innerHTML = '<main>chat</main>';
    let unrendered = 0;
    const ui = mountClosedUi(document, {
      name: 'x-abc123',
      css: '.v{color:red}',
      render: (c) => (c.innerHTML = '<p class="v">This person asked for a photo of you.</p>'),
      unrender: (c) => {
        unrendered++;
        c.textContent = '';
      },
    });
    const host = document.body.lastElementChild!;
    expect(host.localName).toBe('x-abc123');
    // Closed: the page gets no shadowRoot, and the text is not part of the page's own tree.
    expect(host.shadowRoot).toBeNull();
    expect(document.body.textContent).not.toContain('asked for a photo');
    ui.remove();
    ui.remove();
    expect(unrendered).toBe(1);
    expect(document.querySelector('x-abc123')).toBeNull();
  });

  it('keeps keys typed in the view away from the page\'s shortcuts', () => {
    document.body.innerHTML = '';
    const heard: string[] = [];
    document.addEventListener('keydown', (e) => heard.push(e.key));
    let button: HTMLButtonElement | null = null;
    const ui = mountClosedUi(document, {
      name: 'x-def456',
      css: '',
      render: (c) => {
        button = document.createElement('button');
        c.append(button);
      },
      unrender: () => undefined,
    });
    button!.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', bubbles: true, composed: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'p', bubbles: true }));
    expect(heard).toEqual(['p']);
    ui.remove();
  });
});
