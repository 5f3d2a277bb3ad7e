import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  // Benchmarks and parallel checks can build elsewhere without touching the tested build.
  outDir: process.env.CHAPERONE_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'activeTab'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'chaperone@chaperone.invalid', strict_min_version: '115.0' },
          },
        }
      : {}),
  }),
});
