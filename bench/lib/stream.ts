// New messages arriving at a steady rate on a fixture page, and the pairing of risky ones with
// the nudges they caused.
import '../../tests/e2e/fixture-hook';

export interface StreamOptions {
  total: number;
  perSecond: number;
  /** Every n-th message is risky and opens a fresh conversation (a nudge shows once per conversation and level). */
  riskyEvery: number;
  /** Numeric id of the first fresh thread (Discord channel ids are numbers). */
  firstThread: number;
  benign: string[];
  risky: string[];
}

/**
 * Runs in the page (serialised by page.evaluate): inserts the messages on a drift-free schedule
 * and returns the performance.now() of each risky insertion.
 */
export function streamMessages(o: StreamOptions): Promise<number[]> {
  const fx = window.chatFixture;
  const inserts: number[] = [];
  const interval = 1000 / o.perSecond;
  const t0 = performance.now();
  let i = 0;
  return new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(o.total, Math.floor((performance.now() - t0) / interval) + 1);
      for (; i < due; i++) {
        if (i % o.riskyEvery === o.riskyEvery - 1) {
          const k = inserts.length;
          fx.switchThread(String(o.firstThread + k), `Stranger ${k}`);
          inserts.push(performance.now());
          fx.add('in', o.risky[k % o.risky.length]!);
        } else {
          fx.add(i % 3 === 0 ? 'out' : 'in', o.benign[i % o.benign.length]!);
        }
      }
      if (i < o.total) setTimeout(tick, Math.max(0, t0 + i * interval - performance.now()));
      else resolve(inserts);
    };
    tick();
  });
}

/**
 * Pairs each risky insertion with its nudge. Every risky line opens a fresh conversation, so it
 * gets at most one nudge, and nudges come in the order the lines were read. `logged` says which
 * lines reached the log (a line never read gets neither event nor nudge): when the logged lines
 * and the nudges agree in number they are paired in order and the rest are missed; otherwise each
 * line takes the first nudge after it and before the next line (a late one then counts as missed).
 */
export function matchNudges(inserts: number[], shown: number[], logged?: boolean[]): (number | null)[] {
  const read = logged ? inserts.flatMap((t, i) => (logged[i] ? [i] : [])) : inserts.map((_, i) => i);
  if (read.length === shown.length) {
    const out: (number | null)[] = inserts.map(() => null);
    read.forEach((i, k) => (out[i] = shown[k]! - inserts[i]!));
    return out;
  }
  return inserts.map((t, i) => {
    const next = inserts[i + 1] ?? Infinity;
    const n = shown.find((s) => s >= t && s < next);
    return n === undefined ? null : n - t;
  });
}
