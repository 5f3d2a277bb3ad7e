import { useEffect, useState } from 'preact/hooks';

/**
 * False on the first render, true once the view is in the page. Live regions are filled only
 * then: screen readers announce text that appears in a region already present, while a region
 * inserted together with its text is silent in some of them.
 */
export function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

let seq = 0;

/**
 * An id unique within this script. Preact's useId restarts at the same value for every render
 * root, and the content script may render several roots into one shadow root.
 */
export function useUniqueId(): string {
  const [id] = useState(() => `chp-${++seq}`);
  return id;
}
