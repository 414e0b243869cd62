/**
 * HQ ingest benchmark (issue #6): 20 devices push concurrently through the in-process handler
 * (the code node:http serves: JSON body -> validation -> HqStore.push), on SQLite and on
 * PostgreSQL. Run by scripts/bench.mjs:
 *
 *   node --import tsx server/bench-ingest.ts [--large] [--ops N] [--devices 20] [--batch 200]
 *        [--engines sqlite,postgres] [--out results.json]
 *
 * FLOOR: the same number of rows, with the same concurrency and batch size, written as raw
 * Kysely inserts (one multi-row INSERT, one transaction per batch) into a scratch table with
 * the columns and indexes of `changes` (no lookups, merge, records table or compaction), on the same engine and database. The ratio is
 * ingest / floor (1.0 = as fast as writing the change log alone).
 *
 * PostgreSQL: $BENCH_DATABASE_URL, else $TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/test, in a throw-away schema dropped at the end; skipped
 * with a note when unreachable.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { openHq, type Hq } from './app';
import { ChangeGen } from './bench-data';
import { newId } from '../shared/kernel/ids';
import { PROTOCOL_VERSION, type WireChange } from '../shared/sync/protocol';

interface BenchResult {
  name: string;
  value: number;
  unit: string;
  floor: number;
  ratio: number;
}

const args = process.argv.slice(2);
const arg = (k: string): string | undefined => {
  const i = args.indexOf(`--${k}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const large = args.includes('--large');
const DEVICES = Number(arg('devices') ?? 20);
const BATCH = Number(arg('batch') ?? 200);
/**
 * Changes per engine (defaults kept from when PostgreSQL ingest ran a round trip per statement,
 * ~5 per change, under the counter lock; a batch now takes a fixed handful of statements on
 * either engine, see HqStore.push).
 */
const OPS_ARG = arg('ops');
const opsFor = (engine: string): number => Number(OPS_ARG ?? (large ? 1_000_000 : engine === 'sqlite' ? 100_000 : 40_000));
const ENGINES = (arg('engines') ?? 'sqlite,postgres').split(',').filter(Boolean);
const OUT = arg('out');
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
let BATCHES_PER_DEVICE = 1;
let TOTAL = 0;

const log = (m: string) => process.stderr.write(`  [ingest] ${m}\n`);
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const result = (name: string, value: number, unit: string, floor: number): BenchResult => ({ name, value: r3(value), unit, floor: r3(floor), ratio: floor ? r3(value / floor) : 0 });

async function pgReachable(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await c.end().catch(() => {});
  }
}

async function pgAdmin(q: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
}

interface Opened {
  hq: Hq;
  cleanup(): Promise<void>;
}

async function open(engine: string): Promise<Opened> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'branchline-bench-ingest-'));
    const hq = await openHq({ dataDir: dir });
    return {
      hq,
      async cleanup() {
        await hq.close().catch(() => {});
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `bench_${newId().replace(/-/g, '').slice(-16).toLowerCase()}`;
  await pgAdmin(`create schema ${schema}`);
  try {
    // pool as the real server's (openDb's default of 10 connections)
    const hq = await openHq({ databaseUrl: PG_URL, pgSchema: schema });
    return {
      hq,
      async cleanup() {
        await hq.close().catch(() => {});
        await pgAdmin(`drop schema ${schema} cascade`);
      },
    };
  } catch (e) {
    await pgAdmin(`drop schema ${schema} cascade`).catch(() => {});
    throw e;
  }
}

/** 20 devices, each with its own stream of realistic changes. */
async function setup(hq: Hq): Promise<{ branchId: string; tokens: string[] }> {
  const co = await hq.store.createCompany('Bench Trading Co', { baseCurrency: 'CNY', template: 'generic', country: 'CN' });
  const br = await hq.store.createBranch({ companyId: co.id, code: 'SH', name: 'Shanghai' });
  const tokens: string[] = [];
  for (let i = 0; i < DEVICES; i++) {
    const { code } = await hq.store.issueCode({ branchId: br.id, scope: 'branch' });
    tokens.push((await hq.store.enrol({ code, deviceName: `till ${i + 1}` })).token);
  }
  return { branchId: br.id, tokens };
}

function gens(branchId: string, tag: string): ChangeGen[] {
  return Array.from({ length: DEVICES }, (_, i) => new ChangeGen({ branchId, node: `${tag}${i}`, prefix: `${tag}${i}`, seed: 1 + i }));
}

/**
 * Each device pushes its batches one after another; all devices at once. The batches are made
 * (and serialised: client-side work) before the clock starts, a round of at most ~100,000
 * changes at a time so --large fits in memory; only the sending is timed.
 */
async function concurrently<T>(g: ChangeGen[], prepare: (device: number, changes: WireChange[]) => T, send: (device: number, prepared: T) => Promise<void>): Promise<number> {
  const perRound = Math.max(1, Math.min(BATCHES_PER_DEVICE, Math.ceil(100_000 / (DEVICES * BATCH))));
  let secs = 0;
  for (let done = 0; done < BATCHES_PER_DEVICE; done += perRound) {
    const n = Math.min(perRound, BATCHES_PER_DEVICE - done);
    const work = g.map((gen, d) => Array.from({ length: n }, () => prepare(d, gen.next(BATCH))));
    const t0 = performance.now();
    await Promise.all(
      work.map(async (batches, d) => {
        for (const b of batches) await send(d, b);
      }),
    );
    secs += (performance.now() - t0) / 1000;
  }
  return secs;
}

async function ingest(hq: Hq, branchId: string, tokens: string[]): Promise<number> {
  return concurrently(
    gens(branchId, 'D'),
    (_d, changes) => JSON.stringify({ batchId: newId(), clientVersion: PROTOCOL_VERSION, changes }),
    async (d, body) => {
      const r = await hq.handler({ method: 'POST', url: '/v1/push', headers: { authorization: `Bearer ${tokens[d]}`, 'content-type': 'application/json' }, body });
      if (r.status !== 200) throw new Error(`push answered ${r.status}: ${JSON.stringify(r.body)}`);
      const bad = (r.body as { results: { status: string; code?: string }[] }).results.filter((x) => x.status !== 'ok');
      if (bad.length) throw new Error(`push: ${bad.length} changes not ok (${bad[0].status} ${bad[0].code ?? ''})`);
    },
  );
}

async function floor(hq: Hq, branchId: string): Promise<number> {
  const db = hq.store.db as unknown as Kysely<any>;
  const pgEngine = hq.store.engine === 'postgres';
  await sql`create table bench_raw_changes (seq bigint primary key, company_id text not null, tbl text not null, record_id text not null, op text not null, data text not null, hlc text not null, branch_id text not null, device_id text not null, change_id text not null unique, visibility text not null, at text not null, superseded integer not null default 0)`.execute(db);
  await sql`create index bench_raw_changes_company_seq on bench_raw_changes (company_id, seq)`.execute(db);
  await sql`create index bench_raw_changes_company_branch_seq on bench_raw_changes (company_id, branch_id, seq)`.execute(db);
  const companyId = newId();
  const deviceIds = Array.from({ length: DEVICES }, () => newId());
  let seq = 0;
  try {
    return await concurrently(
      gens(branchId, 'R'),
      (d, changes) => changes.map((c) => ({ company_id: companyId, tbl: c.table, record_id: c.recordId, op: c.op, data: JSON.stringify(c.data), hlc: c.hlc, branch_id: branchId, device_id: deviceIds[d], change_id: c.changeId, visibility: c.op === 'put' ? 'all' : 'branch' })),
      async (_d, rows) => {
        const at = new Date().toISOString();
        await db.transaction().execute((trx) => trx.insertInto('bench_raw_changes').values(rows.map((r) => ({ ...r, seq: ++seq, at }))).execute());
      },
    );
  } finally {
    if (!pgEngine) await sql`drop table bench_raw_changes`.execute(db).catch(() => {});
  }
}

async function benchEngine(engine: string): Promise<BenchResult | null> {
  if (engine === 'postgres') {
    const why = await pgReachable();
    if (why) {
      const note = `PostgreSQL not reachable at ${PG_URL} (${why}): PostgreSQL ingest benchmark SKIPPED (set BENCH_DATABASE_URL).`;
      log(note);
      console.log(`NOTE ${note}`);
      return null;
    }
  }
  const label = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  BATCHES_PER_DEVICE = Math.max(1, Math.round(opsFor(engine) / DEVICES / BATCH));
  TOTAL = BATCHES_PER_DEVICE * DEVICES * BATCH;
  log(`${label}: ${DEVICES} devices x ${BATCHES_PER_DEVICE} batches x ${BATCH} changes = ${TOTAL.toLocaleString('en')}`);
  const o = await open(engine);
  try {
    const { branchId, tokens } = await setup(o.hq);
    // the floor first, on empty tables; then the real ingest, on empty tables too
    const rawSecs = await floor(o.hq, branchId);
    const rawRate = TOTAL / rawSecs;
    log(`${label} raw inserts: ${TOTAL} rows in ${rawSecs.toFixed(1)} s = ${rawRate.toFixed(0)} rows/s`);
    const secs = await ingest(o.hq, branchId, tokens);
    const rate = TOTAL / secs;
    const count = await o.hq.store.changeCount();
    if (count !== TOTAL) throw new Error(`${label}: ${count} changes logged, ${TOTAL} expected`);
    log(`${label} ingest: ${TOTAL} changes in ${secs.toFixed(1)} s = ${rate.toFixed(0)} ops/s`);
    return result(`sync: HQ ingest on ${label}, ${DEVICES} devices pushing concurrently (${TOTAL.toLocaleString('en')} changes, batches of ${BATCH}; goal > 5,000 ops/s) vs raw inserts`, rate, 'ops/s', rawRate);
  } finally {
    await o.cleanup();
  }
}

async function main(): Promise<void> {
  const results: BenchResult[] = [];
  for (const e of ENGINES) {
    const r = await benchEngine(e);
    if (r) results.push(r);
  }
  for (const r of results) console.log(`${r.name}: ${r.value} ${r.unit} (floor ${r.floor}, ratio ${r.ratio})`);
  if (OUT) writeFileSync(OUT, JSON.stringify(results, null, 2) + '\n');
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? e.stack ?? e.message : String(e));
    process.exit(1);
  },
);
