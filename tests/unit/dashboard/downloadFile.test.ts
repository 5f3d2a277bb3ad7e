import { describe, expect, it, vi } from 'vitest';
import { downloadFile, safeName } from '@/entrypoints/dashboard/downloadFile';

describe('downloadFile', () => {
  it('clicks a hidden download link to a Blob URL and cleans up', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      created.push(b as Blob);
      return 'blob:chaperone/1';
    });
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.useFakeTimers();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    downloadFile({ filename: 'chaperone-2024.csv', mime: 'text/csv', text: 'a,b\n1,2\n' });
    expect(click).toHaveBeenCalledOnce();
    const clicked = click.mock.contexts[0] as HTMLAnchorElement;
    expect(clicked.download).toBe('chaperone-2024.csv');
    expect(clicked.href).toBe('blob:chaperone/1');
    expect(document.querySelector('a[download]')).toBeNull();
    expect(await created[0]!.text()).toBe('a,b\n1,2\n');
    expect(created[0]!.type).toContain('text/csv');
    vi.advanceTimersByTime(60_000);
    expect(revoke).toHaveBeenCalledWith('blob:chaperone/1');
    vi.useRealTimers();
  });

  it.each([
    ['chaperone.json', 'chaperone.json'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['a:b*c?.csv', 'a_b_c_.csv'],
    ['', 'chaperone-export'],
    ['...', 'chaperone-export'],
  ])('safeName(%j) → %j', (input, out) => {
    expect(safeName(input)).toBe(out);
  });
});
