// Launching Chromium for the benchmarks: with the extension through the e2e harness (the same
// browser the tests use), and without it with exactly the same flags, as the baseline.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { CHAT_HOSTS, EXTENSION_DIR, chromiumPath, currentWorker, launchExtension } from '../../tests/e2e/harness';

/** The build under test: `CHAPERONE_EXT` (set by `npm run bench`), else the e2e build. */
export function extensionDir(): string {
  return process.env.CHAPERONE_EXT || EXTENSION_DIR;
}

export interface BenchBrowser {
  context: BrowserContext;
  /** The extension's id, or null for the baseline. */
  extensionId: string | null;
  /** The extension's service worker (woken if the browser stopped it); throws for the baseline. */
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

/** Quiet time after launch, in both modes, before a page is measured. */
const AFTER_LAUNCH_MS = 500;

/**
 * A freshly installed extension opens its first-run set-up page (the dashboard) about 3 s after
 * the browser starts, once its first read of the managed policy answers. That happens once in an
 * extension's life, not on every chat page: left open, it loaded the dashboard in the middle of
 * the measured page load. Waits for it (up to `waitMs`) and closes it.
 */
async function closeSetupTab(context: BrowserContext, waitMs = 8000): Promise<boolean> {
  const end = Date.now() + waitMs;
  while (Date.now() < end) {
    const setup = context.pages().find((p) => p.url().includes('/dashboard.html#/setup'));
    if (setup) {
      await setup.close();
      return true;
    }
    await sleep(100);
  }
  return false;
}

/**
 * A browser with or without the extension. By default it is settled before it is returned (the
 * set-up page closed, then a quiet moment); `settle: false` returns as soon as it runs (launch timing).
 */
export async function launchWith(withExtension: boolean, { settle = true } = {}): Promise<BenchBrowser> {
  if (withExtension) {
    const l = await launchExtension({ extensionDir: extensionDir() });
    if (settle) {
      if (!(await closeSetupTab(l.context))) console.warn('  ! the first-run set-up page did not open; measuring anyway');
      await sleep(AFTER_LAUNCH_MS);
    }
    return { context: l.context, extensionId: l.extensionId, worker: () => currentWorker(l.context), close: () => l.close() };
  }
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'chaperone-bench-profile-'));
  const rules = CHAT_HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(', ');
  // The harness's flags minus the two that load the extension.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    ignoreHTTPSErrors: true,
    args: [
      '--disable-extensions',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--ignore-certificate-errors',
      `--host-resolver-rules=${rules}, EXCLUDE localhost`,
    ],
  });
  if (settle) await sleep(AFTER_LAUNCH_MS);
  return {
    context,
    extensionId: null,
    worker: () => Promise.reject(new Error('the baseline browser has no extension')),
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function cdp(page: Page): Promise<CDPSession> {
  return page.context().newCDPSession(page);
}

/** DevTools `Performance.getMetrics` as a name → value map. */
export async function perfMetrics(session: CDPSession): Promise<Record<string, number>> {
  const { metrics } = (await session.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** The renderer's JS heap after a full garbage collection (bytes). */
export async function heapAfterGc(session: CDPSession): Promise<number> {
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** How many events the extension has logged, counted inside its service worker. */
export async function countEvents(sw: Worker): Promise<number> {
  return sw.evaluate(async () => {
    // Opening a database that does not exist yet would create it at version 1 under the
    // extension's feet; only look once the extension has created it.
    if (!(await indexedDB.databases()).some((d) => d.name === 'chaperone')) return 0;
    return new Promise<number>((resolve, reject) => {
      const open = indexedDB.open('chaperone');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('events')) {
          db.close();
          resolve(0);
          return;
        }
        const req = db.transaction('events').objectStore('events').count();
        req.onsuccess = () => {
          db.close();
          resolve(req.result);
        };
        req.onerror = () => reject(req.error);
      };
    });
  });
}
