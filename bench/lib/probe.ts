// Instruments a page from its own (main) world before any of its scripts run: long tasks,
// DOM mutations of the page's content, and the moments an extension UI host is attached to or
// removed from <body>. Runs identically with and without the extension, so both pay its cost.
import type { Page } from 'playwright-core';

export interface ProbeData {
  longTasks: { start: number; dur: number }[];
  /** performance.now() of the last mutation of the page's own content. */
  lastPageMutation: number;
  pageMutationBatches: number;
  /** When a UI host (custom-element-named child of <body>, added after load) was attached. */
  uiAdded: number[];
  uiRemoved: number[];
  loadEnd: number;
}

declare global {
  interface Window {
    __bench?: ProbeData;
  }
}

/**
 * tsx compiles with esbuild's keepNames, which wraps named functions in a `__name(…)` helper;
 * functions serialised into a page (addInitScript, evaluate) need that helper there too.
 */
export const NAME_SHIM = 'globalThis.__name ??= (f) => f;';

/** Adds the probe (and the helper above) to every document the page loads from now on. */
export async function instrument(page: Page): Promise<void> {
  await page.addInitScript({ content: NAME_SHIM });
  await page.addInitScript(installProbe);
}

/** Serialised into the page by `instrument`: it must not use anything from this module. */
export function installProbe(): void {
  const b: ProbeData = { longTasks: [], lastPageMutation: 0, pageMutationBatches: 0, uiAdded: [], uiRemoved: [], loadEnd: 0 };
  window.__bench = b;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, dur: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task support: the list stays empty and the report says 0 of them were observed.
  }
  addEventListener('load', () => setTimeout(() => (b.loadEnd = performance.now()), 0));
  // Chaperone's nudge host is a neutral custom-element name appended to <body> after load; the
  // fixture pages never add to <body> themselves.
  const isUiHost = (n: Node) => n.nodeType === 1 && (n as Element).localName.includes('-');
  new MutationObserver((records) => {
    const t = performance.now();
    let page = false;
    for (const r of records) {
      if (r.type === 'childList' && r.target === document.body && document.readyState === 'complete') {
        const nodes = [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)];
        if (nodes.length > 0 && nodes.every(isUiHost)) {
          for (let i = 0; i < r.addedNodes.length; i++) b.uiAdded.push(t);
          for (let i = 0; i < r.removedNodes.length; i++) b.uiRemoved.push(t);
          continue;
        }
      }
      page = true;
    }
    if (page) {
      b.lastPageMutation = t;
      b.pageMutationBatches++;
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
}

/**
 * Time to idle, from navigation start: the end of the last of the load event, the last long
 * task and the last mutation of the page's own content. The caller reads it only once a quiet
 * window has followed (no new long task or mutation for a second).
 */
export function timeToIdle(d: Pick<ProbeData, 'longTasks' | 'lastPageMutation' | 'loadEnd'>): number {
  let t = Math.max(d.loadEnd, d.lastPageMutation);
  for (const lt of d.longTasks) t = Math.max(t, lt.start + lt.dur);
  return t;
}
