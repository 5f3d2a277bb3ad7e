import { describe, expect, it, vi } from 'vitest';
import { KHMER_FONT_FILES } from './files';
import { registerKhmerFont } from './register';

class FakeFace {
  static made: FakeFace[] = [];
  constructor(
    readonly family: string,
    readonly source: ArrayBuffer | string,
    readonly descriptors: FontFaceDescriptors,
  ) {
    FakeFace.made.push(this);
  }
  load() {
    return Promise.resolve(this);
  }
}

function fakeDoc() {
  const added: unknown[] = [];
  return { doc: { fonts: { add: (f: unknown) => added.push(f) }, defaultView: null } as unknown as Document, added };
}

const ok = (bytes: number) => ({ ok: true, arrayBuffer: async () => new ArrayBuffer(bytes) });

describe('registerKhmerFont', () => {
  it('adds both weights from the bytes, for Khmer code points only', async () => {
    FakeFace.made = [];
    const { doc, added } = fakeDoc();
    const fetch = vi.fn(async (_url: string) => ok(10));
    const url = (p: string) => `chrome-extension://dyn/${p}`;
    expect(await registerKhmerFont(doc, url, { fetch, FontFace: FakeFace as unknown as typeof FontFace })).toBe(true);
    expect(fetch.mock.calls.map((c) => c[0])).toEqual(KHMER_FONT_FILES.map((f) => `chrome-extension://dyn/${f.path}`));
    expect(added).toHaveLength(2);
    expect(FakeFace.made.map((f) => [f.family, f.descriptors.weight])).toEqual([
      ['Noto Sans Khmer', '400'],
      ['Noto Sans Khmer', '700'],
    ]);
    // Bytes, not a url(): the page's CSP never sees a font request.
    for (const f of FakeFace.made) expect(f.source).toBeInstanceOf(ArrayBuffer);
    expect(FakeFace.made[0]!.descriptors.unicodeRange).toMatch(/^U\+1780-17FF/);
  });

  it('registers once per document', async () => {
    const { doc, added } = fakeDoc();
    const fetch = vi.fn(async (_url: string) => ok(10));
    const deps = { fetch, FontFace: FakeFace as unknown as typeof FontFace };
    await Promise.all([registerKhmerFont(doc, String, deps), registerKhmerFont(doc, String, deps)]);
    await registerKhmerFont(doc, String, deps);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(added).toHaveLength(2);
  });

  it.each([
    ['a missing file', async () => ({ ok: false, arrayBuffer: async () => new ArrayBuffer(0) })],
    ['a failed fetch', async () => Promise.reject(new TypeError('Failed to fetch'))],
  ])('resolves false on %s and adds nothing', async (_why, fetch) => {
    const { doc, added } = fakeDoc();
    expect(await registerKhmerFont(doc, String, { fetch, FontFace: FakeFace as unknown as typeof FontFace })).toBe(false);
    expect(added).toEqual([]);
  });

  it('resolves false where there is no FontFace API', async () => {
    const { doc } = fakeDoc();
    expect(await registerKhmerFont(doc, String, { fetch: async () => ok(1) })).toBe(false);
  });
});
