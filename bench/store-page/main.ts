// The page that runs the store benchmark inside real Chromium: the real lib/store over the
// browser's own IndexedDB. store.bench.ts bundles this with Vite and calls window.storeBench;
// progress goes to the console, which the bench forwards.
import { runAppendBench, runStoreBench, type AppendFigures, type BenchOptions, type BenchResult } from './workload';

declare global {
  interface Window {
    storeBench: (opts: BenchOptions) => Promise<BenchResult>;
    storeAppendBench: (opts: Pick<BenchOptions, 'appendRuns'>) => Promise<AppendFigures>;
    /** Exposed by store.bench.ts: notes the browser's CPU time at a mark. */
    benchMark?: (label: string) => Promise<void>;
  }
}

const log = (s: string) => console.log(s);
const mark = (label: string) => window.benchMark?.(label);
window.storeBench = (opts) => runStoreBench(opts, log, mark);
window.storeAppendBench = (opts) => runAppendBench(opts, log, mark);
