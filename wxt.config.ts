import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { KHMER_FONT_FILES } from './lib/fonts/files';

/**
 * Khmer text (lexicons, catalogues) as UTF-8 rather than \uXXXX escapes: about half the bytes.
 * WXT sets esbuild's charset to ASCII because Chrome refuses a content script that is not valid
 * UTF-8; esbuild writes valid UTF-8 (a lone surrogate stays escaped), and the e2e tests load it.
 */
function utf8Output(): Plugin {
  return { name: 'chaperone:utf8-output', config: () => ({ esbuild: { charset: 'utf8' } }) };
}

export default defineConfig({
  // Benchmarks and parallel checks can build elsewhere without touching the tested build.
  outDir: process.env.CHAPERONE_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact(), utf8Output()],
    // CHAPERONE_NO_MINIFY=1 keeps function names for profiling (see docs/benchmarks.md).
    build: { ...(process.env.CHAPERONE_NO_MINIFY ? { minify: false } : {}), ...(process.env.CHAPERONE_SOURCEMAP ? { sourcemap: true } : {}) },
  }),
  hooks: {
    // The Khmer font files, straight from the pinned @fontsource package (not copied into the
    // repository), with their licence: the pages and the nudge all load these.
    'build:publicAssets': (wxt, files) => {
      const require = createRequire(path.join(wxt.config.root, 'package.json'));
      for (const f of KHMER_FONT_FILES) files.push({ absoluteSrc: require.resolve(f.source), relativeDest: f.path });
      files.push({
        absoluteSrc: require.resolve('@fontsource/noto-sans-khmer/LICENSE'),
        relativeDest: 'fonts/LICENSE-noto-sans-khmer.txt',
      });
    },
  },
  zip: {
    // The AMO sources zip: what rebuilds the package (package.json, package-lock.json, configs,
    // lib/, components/, entrypoints/, public/, assets/, docs/), nothing built or local. WXT already
    // leaves out node_modules, dot folders and *.test.ts; the tests go as a whole.
    excludeSources: ['.output/**', 'tmp/**', 'bench/results/**', 'coverage/**', 'tests/**', 'docs/screenshots/**', '**/*.zip'],
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // The parent dashboard is the extension's options page (right-click → Options).
    options_ui: { page: 'dashboard.html', open_in_tab: true },
    permissions: ['storage', 'alarms', 'activeTab', 'notifications', 'scripting'],
    // Other chat sites a parent chooses to monitor (generic fallback), asked for at run time.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    storage: { managed_schema: 'managed_schema.json' },
    // The Khmer font for the nudge (lib/fonts/register.ts) and the nudge views (lib/content/ui.ts).
    // A per-session address, so a page cannot probe for Chaperone with a fixed URL.
    web_accessible_resources: [
      {
        // nudge-ui.js is imported by the content script when the page first shows a view.
        resources: [...KHMER_FONT_FILES.map((f) => f.path), 'nudge-ui.js'],
        matches: ['https://*/*', 'http://*/*'],
        use_dynamic_url: true,
      },
    ],
    // Firefox: Manifest V2 (see docs/firefox.md).
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'chaperone@chaperone.invalid',
              strict_min_version: '115.0',
              // Nothing is collected or transmitted.
              data_collection_permissions: { required: ['none'] },
            },
          },
          // MV2 has no optional_host_permissions (WXT drops it): the same origins go here.
          ...(manifestVersion === 2 ? { optional_permissions: ['https://*/*', 'http://*/*'] } : {}),
        }
      : {}),
  }),
});
