// Drives the BUILT extension in real Chromium. Fixture pages are served over HTTPS from
// 127.0.0.1 *as the real chat hosts* (Chromium's --host-resolver-rules), so the content script
// runs on its shipped match patterns and nothing is widened for tests.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
// CHAPERONE_EXT points the tests at another build (parallel work, the zip test's unpacked zip).
export const EXTENSION_DIR = process.env.CHAPERONE_EXT ?? path.join(ROOT, '.output/chrome-mv3');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');

export const CHAT_HOSTS = [
  'discord.com',
  'web.whatsapp.com',
  'www.messenger.com',
  'www.facebook.com',
  'www.instagram.com',
  'web.telegram.org',
  'x.com',
  'twitter.com',
  // Not a supported site: for the generic fallback and "other page" tests.
  'chat.example.test',
];

export function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(p)) {
    throw new Error(
      `Chromium not found at ${p}. Install Debian's package (apt-get update && apt-get install -y chromium) ` +
        'or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return p;
}

let certCache: { key: string; cert: string } | null = null;
function selfSignedCert(): { key: string; cert: string } {
  if (certCache) return certCache;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chaperone-cert-'));
  const san = CHAT_HOSTS.map((h) => `DNS:${h}`).join(',');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-subj', '/CN=chaperone-e2e', '-addext', `subjectAltName=${san}`,
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  certCache = { key: readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
  rmSync(dir, { recursive: true, force: true });
  return certCache;
}

export type Route = (host: string, pathname: string) => { type: string; body: string | Buffer } | null;

export interface FixtureServer {
  port: number;
  /**
   * Registers what a host serves (any path on the host gets it: the fixtures are single-page apps),
   * with extra response headers (a Content-Security-Policy) when given.
   */
  serve(host: string, html: string, headers?: Record<string, string>): void;
  url(host: string, pathAndHash: string): string;
  requests: { host: string; path: string }[];
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const pages = new Map<string, string>();
  const extraHeaders = new Map<string, Record<string, string>>();
  const requests: { host: string; path: string }[] = [];
  const server = https.createServer(selfSignedCert(), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    requests.push({ host, path: req.url ?? '/' });
    const html = pages.get(host);
    if (!html || (req.url ?? '').startsWith('/favicon')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...extraHeaders.get(host) }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    requests,
    serve: (host, html, headers) => {
      pages.set(host, html);
      if (headers) extraHeaders.set(host, headers);
      else extraHeaders.delete(host);
    },
    url: (host, p) => `https://${host}:${port}${p.startsWith('/') ? p : `/${p}`}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface Launched {
  context: BrowserContext;
  sw: Worker;
  extensionId: string;
  userDataDir: string;
  close(opts?: { keepProfile?: boolean }): Promise<void>;
}

export interface LaunchOptions {
  userDataDir?: string;
  extensionDir?: string;
  timezoneId?: string;
  locale?: string;
  headless?: boolean;
  /** Extra Chromium flags. */
  args?: string[];
  /** Extra --host-resolver-rules entries (e.g. a hotline's host mapped to the fixture server). */
  resolverRules?: string[];
}

export async function launchExtension(opts: LaunchOptions = {}): Promise<Launched> {
  const ext = opts.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(path.join(ext, 'manifest.json'))) {
    throw new Error(`No built extension at ${ext}: run \`npm run build\` first.`);
  }
  const userDataDir = opts.userDataDir ?? mkdtempSync(path.join(os.tmpdir(), 'chaperone-profile-'));
  const rules = [...CHAT_HOSTS.map((h) => `MAP ${h} 127.0.0.1`), ...(opts.resolverRules ?? [])].join(', ');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: opts.headless ?? true,
    timezoneId: opts.timezoneId,
    locale: opts.locale,
    ignoreHTTPSErrors: true,
    args: [
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--ignore-certificate-errors',
      `--host-resolver-rules=${rules}, EXCLUDE localhost`,
      ...(opts.args ?? []),
    ],
  });
  let [sw] = context.serviceWorkers();
  sw ??= await context.waitForEvent('serviceworker', { timeout: 15000 });
  const extensionId = new URL(sw.url()).host;
  return {
    context,
    sw,
    extensionId,
    userDataDir,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The service worker, waiting for a new one if the browser stopped the old one. */
export async function currentWorker(context: BrowserContext): Promise<Worker> {
  const [sw] = context.serviceWorkers();
  return sw ?? context.waitForEvent('serviceworker', { timeout: 15000 });
}

/** Reads every event straight from IndexedDB inside the service worker (no extension code involved). */
export async function readEvents(sw: Worker): Promise<Record<string, unknown>[]> {
  return sw.evaluate(
    () =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        // Opening a database that does not exist yet would create an empty one at version 1,
        // and the extension's own upgrade would then skip its stores: look before opening.
        void indexedDB.databases().then((dbs) => {
          if (!dbs.some((d) => d.name === 'chaperone')) {
            resolve([]);
            return;
          }
        const open = indexedDB.open('chaperone');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('events')) {
            db.close();
            resolve([]);
            return;
          }
          const req = db.transaction('events').objectStore('events').getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result as Record<string, unknown>[]);
          };
          req.onerror = () => reject(req.error);
        };
        }, reject);
      }),
  );
}

export async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10000, stepMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await fn();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`waitFor timed out; last value: ${JSON.stringify(last)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, stepMs));
    last = await fn();
  }
  return last;
}

export function fixtureHtml(relative: string): string {
  return readFileSync(path.join(FIXTURES, relative), 'utf8');
}

export async function openExtensionPage(l: Launched, page: string): Promise<Page> {
  const p = await l.context.newPage();
  await p.goto(`chrome-extension://${l.extensionId}/${page}`);
  return p;
}

interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

export interface ShadowUi {
  /** The attributes of the UI's root element (data-level, …). */
  attributes: Record<string, string>;
  /** Its text, as a screen reader would meet it. */
  text: string;
  html: string;
}

/**
 * Finds Chaperone's UI inside closed shadow roots. The page itself cannot see into them; the
 * DevTools protocol can (pierce: true), which is how a test looks at what the child sees.
 */
export async function findShadowUi(page: Page, marker: string): Promise<ShadowUi[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const found: CdpNode[] = [];
    const walk = (n: CdpNode, inShadow: boolean) => {
      const attrs = n.attributes ?? [];
      if (inShadow && attrs.includes(marker)) found.push(n);
      for (const c of n.children ?? []) walk(c, inShadow);
      for (const s of n.shadowRoots ?? []) walk(s, true);
      if (n.contentDocument) walk(n.contentDocument, inShadow);
    };
    walk(root, false);
    const out: ShadowUi[] = [];
    for (const n of found) {
      let outerHTML: string;
      try {
        ({ outerHTML } = (await cdp.send('DOM.getOuterHTML', { nodeId: n.nodeId })) as { outerHTML: string });
      } catch {
        // The UI was replaced between the two calls (a newer nudge took its place): not there any more.
        continue;
      }
      const attributes: Record<string, string> = {};
      const a = n.attributes ?? [];
      for (let i = 0; i + 1 < a.length; i += 2) attributes[a[i]!] = a[i + 1]!;
      const text = outerHTML.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
      out.push({ attributes, text, html: outerHTML });
    }
    return out;
  } finally {
    await cdp.detach();
  }
}

/** Clicks a button inside Chaperone's closed shadow UI, through the DevTools protocol. */
export async function clickShadowButton(page: Page, marker: string, action: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    let target: CdpNode | null = null;
    const walk = (n: CdpNode, inUi: boolean) => {
      const attrs = n.attributes ?? [];
      const here = inUi || attrs.includes(marker);
      if (here && attrs.includes('data-action') && attrs[attrs.indexOf('data-action') + 1] === action) target ??= n;
      for (const c of n.children ?? []) walk(c, here);
      for (const s of n.shadowRoots ?? []) walk(s, here);
    };
    walk(root, false);
    if (!target) throw new Error(`no ${action} button in ${marker}`);
    const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: (target as CdpNode).backendNodeId })) as {
      object: { objectId: string };
    };
    await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function () { this.click(); }' });
  } finally {
    await cdp.detach();
  }
}

/** One fixture page of tests/fixtures/sites/manifest.json: which real host and path it imitates. */
export interface FixtureEntry {
  id: string;
  host: string;
  path: string;
  file: string;
}

export function siteFixtures(): FixtureEntry[] {
  return JSON.parse(fixtureHtml('sites/manifest.json')) as FixtureEntry[];
}

/** Where a fixture is served. The generic page goes on a supported host whose own adapter finds nothing. */
export function servedAs(f: FixtureEntry): { host: string; path: string } {
  return f.id === 'generic' ? { host: 'www.facebook.com', path: '/groups/42/chat' } : f;
}
