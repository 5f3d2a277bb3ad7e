// The page that runs the store benchmark inside real Chromium: the real lib/store over the
// browser's own IndexedDB. store.bench.ts bundles this with Vite and calls window.storeBench;
// progress goes to the console, which the bench forwards.
import { runStoreBench, type BenchOptions, type BenchResult } from './workload';

declare global {
  interface Window {
    storeBench: (opts: BenchOptions) => Promise<BenchResult>;
  }
}

window.storeBench = (opts) => runStoreBench(opts, (s) => console.log(s));
