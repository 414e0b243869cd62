/**
 * Bench page entry: runs every registered scenario (or those named in ?only=a,b) and exposes
 * the results on window.__bench for scripts/bench.mjs.
 */
import '../../shared/modules';
import { allScenarios, type BenchResult } from './harness';
import './scenarios/index';

declare global {
  interface Window {
    __bench?: { done: boolean; results: BenchResult[]; error?: string; log: string[] };
  }
}

const params = new URLSearchParams(location.search);
const large = params.get('large') === '1';
const onlyList = params.get('only')?.split(',').filter(Boolean) ?? [];
const only = onlyList.length ? onlyList : null;
const out = document.getElementById('out')!;
const state: NonNullable<Window['__bench']> = { done: false, results: [], log: [] };
window.__bench = state;

function log(msg: string) {
  state.log.push(msg);
  out.textContent += `\n${msg}`;
}

(async () => {
  try {
    for (const sc of allScenarios()) {
      if (only && !only.includes(sc.name)) continue;
      log(`== ${sc.name}`);
      const rs = await sc.run({ large, log });
      state.results.push(...rs);
      for (const r of rs) log(`${r.name}: ${r.value} ${r.unit} (floor ${r.floor}, ratio ${r.ratio})`);
    }
  } catch (e) {
    state.error = e instanceof Error ? `${e.message}\n${e.stack}` : String(e);
    log(`ERROR ${state.error}`);
  }
  state.done = true;
})();
