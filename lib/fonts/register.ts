// The nudge lives in a closed shadow root, where an @font-face rule in its own <style> is not
// applied; fonts added to the document's FontFaceSet are. So the content script registers the
// Khmer font there, once per document.
//
// The bytes are fetched by the content script and handed over as an ArrayBuffer, never as a
// url(): a url() would be fetched by the chat page itself, under the page's CSP (font-src),
// which many chat sites set, and would put the extension's resource address in the page's DOM.
import { KHMER_FONT_FAMILY, KHMER_FONT_FILES, KHMER_UNICODE_RANGE } from './files';

export interface RegisterDeps {
  fetch?: (url: string) => Promise<{ ok: boolean; arrayBuffer(): Promise<ArrayBuffer> }>;
  /** The FontFace constructor; the document's own window's by default. */
  FontFace?: typeof FontFace;
}

const registered = new WeakMap<Document, Promise<boolean>>();

/**
 * Adds Noto Sans Khmer (400 and 700, Khmer code points only) to `doc.fonts`. `url` maps a file
 * path in the extension to its address: `(p) => browser.runtime.getURL(p)`. Resolves true when
 * the fonts are in, false when they could not be (the system's fonts are then used); never
 * rejects, so a failure cannot break the chat page. Calling it again returns the first result.
 */
export function registerKhmerFont(doc: Document, url: (path: string) => string, deps: RegisterDeps = {}): Promise<boolean> {
  const done = registered.get(doc);
  if (done) return done;
  const result = load(doc, url, deps).catch(() => false);
  registered.set(doc, result);
  return result;
}

async function load(doc: Document, url: (path: string) => string, deps: RegisterDeps): Promise<boolean> {
  const Face = deps.FontFace ?? (doc.defaultView as (Window & { FontFace?: typeof FontFace }) | null)?.FontFace;
  const get = deps.fetch ?? ((u: string) => fetch(u));
  if (!Face || !doc.fonts) return false;
  const faces = await Promise.all(
    KHMER_FONT_FILES.map(async (file) => {
      const res = await get(url(file.path));
      if (!res.ok) throw new Error(`font ${file.path}: not found`);
      const face = new Face(KHMER_FONT_FAMILY, await res.arrayBuffer(), {
        weight: file.weight,
        style: 'normal',
        display: 'swap',
        unicodeRange: KHMER_UNICODE_RANGE,
      });
      return face.load();
    }),
  );
  for (const face of faces) doc.fonts.add(face);
  return true;
}
