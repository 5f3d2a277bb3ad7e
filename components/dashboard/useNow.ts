import { useEffect, useState } from 'preact/hooks';

/** The current time, re-rendering every `everyMs` while `active` (for countdowns). */
export function useNow(active: boolean, clock: () => number = Date.now, everyMs = 1000): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(id);
  }, [active, everyMs]);
  // Read at render time, so the first frame of a countdown is already right.
  return clock();
}
