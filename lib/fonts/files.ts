// The Khmer font Chaperone ships (Noto Sans Khmer, Khmer subset, from @fontsource), in one place:
// the build copies these files into the extension (wxt.config.ts), the pages load them through
// khmer.css, and the content script registers them with registerKhmerFont. Plain data, so the
// build config can import it in Node.
export const KHMER_FONT_FAMILY = 'Noto Sans Khmer';

/** Khmer, Khmer Symbols, the zero-width joiners and the dotted circle, as in @fontsource's CSS. */
export const KHMER_UNICODE_RANGE = 'U+1780-17FF, U+19E0-19FF, U+200C-200D, U+25CC';

export interface KhmerFontFile {
  weight: '400' | '700';
  /** Where the file is in the built extension. */
  path: string;
  /** Where it comes from, relative to node_modules. */
  source: string;
}

export const KHMER_FONT_FILES: readonly KhmerFontFile[] = (['400', '700'] as const).map((weight) => ({
  weight,
  path: `fonts/noto-sans-khmer-khmer-${weight}-normal.woff2`,
  source: `@fontsource/noto-sans-khmer/files/noto-sans-khmer-khmer-${weight}-normal.woff2`,
}));
