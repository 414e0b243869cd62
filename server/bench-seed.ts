/**
 * Seeds an HQ data directory for the browser sync benchmark (renderer/bench/scenarios/
 * sync.bench.ts), before scripts/bench.mjs starts the real server on it:
 *
 *   node --import tsx server/bench-seed.ts --dir <DATA_DIR> --rows <N> [--codes 3]
 *
 * Through the store, in process: a company (base currency CNY, template 'generic'), branches
 * SH and BJ, one seeding device of scope 'all' on SH that pushes realistic changes
 * (server/bench-data.ts: customers, items, their audit rows; some documents are edits of an
 * earlier customer, 1 in 5) in batches of 1000 until a new device of SH has exactly N rows to pull
 * (an edit supersedes the record's previous row: HQ's pull compaction), then one-time
 * enrolment codes for branch-scope devices of SH.
 * Prints ONE JSON line on stdout: { companyId, branchId, rows, changes, codes, seconds }
 * (rows: what a new device pulls; changes: what HQ logged).
 */
import { openHq } from './app';
import { ChangeGen } from './bench-data';
import { newId } from '../shared/kernel/ids';
import { PROTOCOL_VERSION } from '../shared/sync/protocol';

const args = process.argv.slice(2);
const arg = (k: string): string | undefined => {
  const i = args.indexOf(`--${k}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = arg('dir');
const rows = Number(arg('rows') ?? 200_000);
const nCodes = Number(arg('codes') ?? 3);
const BATCH = 1000;

async function main(): Promise<void> {
  if (!dir) throw new Error('--dir <DATA_DIR> required');
  const t0 = performance.now();
  const hq = await openHq({ dataDir: dir });
  try {
    const co = await hq.store.createCompany('Bench Trading Co', { baseCurrency: 'CNY', template: 'generic', country: 'CN' });
    const sh = await hq.store.createBranch({ companyId: co.id, code: 'SH', name: 'Shanghai' });
    await hq.store.createBranch({ companyId: co.id, code: 'BJ', name: 'Beijing' });
    const seeder = await hq.store.enrol({ code: (await hq.store.issueCode({ branchId: sh.id, scope: 'all' })).code, deviceName: 'HQ seeding desk' });
    const device = await hq.store.authenticate(`Bearer ${seeder.token}`);
    const gen = new ChangeGen({ branchId: sh.id, node: 'hqseed', prefix: 'HQ', seed: 7 });
    const byTable: Record<string, number> = {};
    let bytes = 0;
    let pushed = 0;
    let batches = 0;
    // each edit supersedes one earlier row, so a new device pulls (changes - edits) rows
    for (let visible = 0; visible < rows; visible = pushed - gen.edits) {
      const changes = gen.next(Math.min(BATCH, rows - visible));
      for (const c of changes) {
        byTable[c.table] = (byTable[c.table] ?? 0) + 1;
        bytes += JSON.stringify(c.data).length;
      }
      const res = await hq.store.push(device, { batchId: newId(), clientVersion: PROTOCOL_VERSION, changes });
      const bad = res.results.find((r) => r.status !== 'ok');
      if (bad) throw new Error(`seed push: ${bad.status} ${bad.code ?? ''}`);
      pushed += changes.length;
      if (++batches % 50 === 0) process.stderr.write(`  [seed] ${pushed.toLocaleString('en')} changes, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    }
    // what a new branch device of SH will pull (checked through the store, not assumed)
    const first = await hq.store.pull(device, 0, 1, true);
    const visible = first.changes.length + (first.remaining ?? 0);
    if (visible !== rows) throw new Error(`seeded ${pushed} changes: ${visible} visible to a new device, ${rows} expected`);
    const codes: string[] = [];
    for (let i = 0; i < nCodes; i++) codes.push((await hq.store.issueCode({ branchId: sh.id, scope: 'branch', ttlHours: 24 })).code);
    const seconds = (performance.now() - t0) / 1000;
    process.stderr.write(`  [seed] ${pushed.toLocaleString('en')} changes (${Object.entries(byTable).map(([t, n]) => `${t} ${n}`).join(', ')}; ${(bytes / pushed).toFixed(0)} bytes of JSON each on average; ${gen.edits} edits) = ${rows.toLocaleString('en')} rows for a new device, in ${seconds.toFixed(1)} s\n`);
    console.log(JSON.stringify({ companyId: co.id, branchId: sh.id, rows, changes: pushed, codes, seconds: Math.round(seconds * 10) / 10 }));
  } finally {
    await hq.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exit(1);
});
