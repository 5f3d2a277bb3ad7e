// The store packages, as `npm run zip` makes them: the Chrome zip loads in Chromium and its
// worker starts; the Firefox zip carries a Gecko id and its MV2 permissions; the sources zip for
// AMO holds what rebuilds the package and nothing built, local or installed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_FILE } from '../../lib/background/extra-sites';
import { ROOT, launchExtension, openExtensionPage } from './harness';

const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface Manifest {
  manifest_version: number;
  version: string;
  name: string;
  permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  background?: { service_worker?: string; scripts?: string[] };
  content_scripts?: { matches?: string[]; js?: string[] }[];
  web_accessible_resources?: (string | { resources: string[]; use_dynamic_url?: boolean })[];
  browser_specific_settings?: {
    gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: { required?: string[] } };
  };
  icons?: Record<string, string>;
}

async function readZip(file: string): Promise<JSZip> {
  return JSZip.loadAsync(readFileSync(file));
}

async function manifestOf(zip: JSZip): Promise<Manifest> {
  const entry = zip.file('manifest.json');
  if (!entry) throw new Error('no manifest.json at the root of the zip');
  return JSON.parse(await entry.async('string')) as Manifest;
}

async function unzipTo(zip: JSZip, dir: string): Promise<void> {
  for (const [name, entry] of Object.entries(zip.files)) {
    const target = path.join(dir, name);
    if (!target.startsWith(dir + path.sep)) throw new Error(`unsafe path in zip: ${name}`);
    if (entry.dir) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, await entry.async('nodebuffer'));
  }
}

describe('npm run zip', () => {
  let out: string;
  let zips: string[];

  beforeAll(() => {
    out = mkdtempSync(path.join(os.tmpdir(), 'chaperone-zip-'));
    execFileSync('npm', ['run', '--silent', 'zip'], {
      cwd: ROOT,
      env: { ...process.env, CHAPERONE_OUT_DIR: out },
      stdio: 'pipe',
      timeout: 150_000,
    });
    zips = readdirSync(out).filter((f) => f.endsWith('.zip')).sort();
  }, 160_000);

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('makes a Chrome, a Firefox and a sources zip, named with the version', () => {
    expect(zips).toEqual([`chaperone-${VERSION}-chrome.zip`, `chaperone-${VERSION}-firefox.zip`, `chaperone-${VERSION}-sources.zip`]);
  });

  it('the Chrome zip is a complete MV3 extension that loads and starts in Chromium', async () => {
    const zip = await readZip(path.join(out, `chaperone-${VERSION}-chrome.zip`));
    const manifest = await manifestOf(zip);
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.version).toBe(VERSION);
    expect(manifest.background?.service_worker).toBe('background.js');
    expect(manifest.permissions).toEqual(expect.arrayContaining(['storage', 'alarms', 'activeTab', 'notifications']));
    expect(manifest.content_scripts?.[0]?.matches).toContain('*://discord.com/*');
    // Only the Khmer font and the nudge views are exposed to pages, and only by a per-session address.
    expect(manifest.web_accessible_resources).toEqual([
      expect.objectContaining({
        resources: ['fonts/noto-sans-khmer-khmer-400-normal.woff2', 'fonts/noto-sans-khmer-khmer-700-normal.woff2', 'nudge-ui.js'],
        use_dynamic_url: true,
      }),
    ]);
    const referenced = [
      ...Object.values(manifest.icons ?? {}),
      ...(manifest.content_scripts ?? []).flatMap((c) => c.js ?? []),
      'popup.html',
      'dashboard.html',
      'privacy.html',
      '_locales/en/messages.json',
      '_locales/km/messages.json',
      'fonts/noto-sans-khmer-khmer-400-normal.woff2',
      'fonts/LICENSE-noto-sans-khmer.txt',
      'nudge-ui.js',
    ];
    expect(referenced.filter((f) => !zip.file(f))).toEqual([]);
    expect(Object.keys(zip.files).filter((f) => f.endsWith('.map'))).toEqual([]);
    // One content script per chat site, and the generic one for sites a parent adds (registered
    // at run time, so not in the manifest).
    const scripts = Object.keys(zip.files).filter((f) => f.startsWith('content-scripts/') && !zip.files[f]!.dir).sort();
    expect(scripts).toEqual(['discord', 'generic', 'meta', 'telegram', 'whatsapp', 'x'].map((n) => `content-scripts/${n}.js`));
    // The file the worker registers on the sites a parent adds is the generic one, and is there.
    expect(scripts).toContain(CONTENT_SCRIPT_FILE);
    // The nudge's font is a file fetched on demand, never inlined into a content script
    // ("d09GMg" is base64 for a woff2 file's signature).
    for (const f of scripts) expect(await zip.file(f)!.async('string')).not.toMatch(/d09GMg|data:font\//);

    const dir = mkdtempSync(path.join(os.tmpdir(), 'chaperone-unzipped-'));
    try {
      await unzipTo(zip, dir);
      const l = await launchExtension({ extensionDir: dir });
      try {
        expect(l.sw.url()).toBe(`chrome-extension://${l.extensionId}/background.js`);
        const loaded = await l.sw.evaluate(() => chrome.runtime.getManifest());
        expect(loaded.manifest_version).toBe(3);
        expect((loaded as unknown as Manifest).version).toBe(VERSION);
        const popup = await openExtensionPage(l, 'popup.html');
        expect(await popup.locator('h1').first().textContent()).toContain('Chaperone');
      } finally {
        await l.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the Firefox zip is MV2 with a Gecko id, no data collection, and the optional origins', async () => {
    const zip = await readZip(path.join(out, `chaperone-${VERSION}-firefox.zip`));
    const manifest = await manifestOf(zip);
    expect(manifest.manifest_version).toBe(2);
    expect(manifest.version).toBe(VERSION);
    expect(manifest.browser_specific_settings?.gecko).toEqual({
      id: 'chaperone@chaperone.invalid',
      strict_min_version: '115.0',
      data_collection_permissions: { required: ['none'] },
    });
    expect(manifest.background?.scripts).toEqual(['background.js']);
    expect(manifest.optional_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(manifest.optional_host_permissions).toBeUndefined();
    expect(manifest.web_accessible_resources).toEqual([
      'fonts/noto-sans-khmer-khmer-400-normal.woff2',
      'fonts/noto-sans-khmer-khmer-700-normal.woff2',
      'nudge-ui.js',
    ]);
    expect(zip.file('background.js')).not.toBeNull();
  });

  it('the sources zip holds what rebuilds the package, and nothing built, local or installed', async () => {
    const zip = await readZip(path.join(out, `chaperone-${VERSION}-sources.zip`));
    const files = Object.keys(zip.files).filter((f) => !zip.files[f]!.dir);
    for (const f of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'lib/i18n/index.ts', 'lib/fonts/files.ts', 'public/_locales/km/messages.json', 'entrypoints/background.ts']) {
      expect(files).toContain(f);
    }
    expect(files.some((f) => f.startsWith('components/'))).toBe(true);
    const unwanted = files.filter((f) =>
      /(^|\/)node_modules\/|^\.output\/|^\.wxt\/|^\.git\/|^tmp\/|^bench\/results\/|^tests\/|\.zip$|\.test\.tsx?$/.test(f),
    );
    expect(unwanted).toEqual([]);
  });
});
