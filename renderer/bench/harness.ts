/**
 * Benchmark harness (runs in Chromium on real IndexedDB, driven by scripts/bench.mjs).
 *
 * Every figure is reported beside a FLOOR: the same work done with raw Dexie calls in the same
 * run, on the same machine and database, so results are comparable across machines as ratios.
 * For rates (ops/s) ratio = value / floor (1.0 = as fast as raw Dexie; higher is better).
 * For latencies (ms) ratio = value / floor too (1.0 = as fast as raw; lower is better).
 */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  floor: number;
  ratio: number;
}

export interface BenchContext {
  large: boolean;
  log(msg: string): void;
}

export interface Scenario {
  name: string;
  run(ctx: BenchContext): Promise<BenchResult[]>;
}

const scenarios: Scenario[] = [];

export function registerScenario(s: Scenario): void {
  scenarios.push(s);
}

export function allScenarios(): Scenario[] {
  return scenarios;
}

export function result(name: string, value: number, unit: string, floor: number): BenchResult {
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { name, value: r(value), unit, floor: r(floor), ratio: floor ? r(value / floor) : 0 };
}

/** Median of several timed runs of `fn`, in milliseconds. */
export async function medianMs(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
