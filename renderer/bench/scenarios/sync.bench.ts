/**
 * Sync benchmarks against a real HQ server (issue #6), in Chromium on real IndexedDB. Runs
 * only when scripts/bench.mjs started one: bench.html?...&hq=<url>&codes=<c1,c2,c3>&syncRows=N
 * (the server was seeded by server/bench-seed.ts until a new branch-scope device of these
 * codes' branch has N rows to pull); otherwise it logs that it was skipped.
 *
 * (a) Initial sync of a NEW device: joinCompany (not timed), then syncOnce with the largest
 *     page (LIMITS.maxPullLimit) until caught up. FLOOR: the same pages fetched over HTTP with
 *     a second device's token (GET /v1/pull, same limit) and each page's `data` written with
 *     raw bulkPut into a scratch Dexie database with the same tables and indexes, one
 *     transaction per page.
 * (b) Steady state: device 1 creates 10,000 changes locally (5,000 customers through
 *     importDocs: a put and an audit row each; not timed) and the PUSH part of syncOnce is
 *     timed. FLOOR: a third device POSTs the same number of changes (fresh change and record
 *     ids) in same-size batches to /v1/push with fetch. Then a second device pulls those
 *     10,000 (syncOnce), FLOOR as in (a).
 */
import Dexie from 'dexie';
import { openEnv, type Session } from '../../../shared/api';
import { importDocs } from '../../../shared/kernel/import.service';
import { companyStores } from '../../../shared/kernel/schema';
import { newId } from '../../../shared/kernel/ids';
import { joinCompany } from '../../../shared/sync/join';
import { httpTransport, syncOnce, type SyncConfig, type SyncTransport } from '../../../shared/sync/client';
import { META_CURSOR } from '../../../shared/sync/apply';
import { LIMITS, PROTOCOL_VERSION, type EnrolResponse, type PullResponse, type WireChange } from '../../../shared/sync/protocol';
import { registerScenario, result, type BenchContext, type BenchResult } from '../harness';

const PAGE = LIMITS.maxPullLimit;
const BATCH = LIMITS.maxChangesPerBatch;
const STEADY_DOCS = 5000; // x 2 changes (record + audit row) = 10,000

/** A transport that records how long the device waited on HQ (request + JSON) and when it first pulled. */
function timed(t: SyncTransport) {
  const st = { pushMs: 0, pullMs: 0, pushes: 0, pulls: 0, firstPullAt: 0 };
  const wrapped: SyncTransport = {
    ...t,
    async push(token, req) {
      const t0 = performance.now();
      try {
        return await t.push(token, req);
      } finally {
        st.pushMs += performance.now() - t0;
        st.pushes++;
      }
    },
    async pull(token, after, limit, count) {
      const t0 = performance.now();
      if (!st.firstPullAt) st.firstPullAt = t0;
      try {
        return await t.pull(token, after, limit, count);
      } finally {
        st.pullMs += performance.now() - t0;
        st.pulls++;
      }
    },
  };
  return { transport: wrapped, st };
}

async function join(hq: string, code: string, n: number): Promise<{ s: Session; cfg: SyncConfig }> {
  const env = await openEnv({ registryName: `bench-sync-${n}-${newId().slice(-8)}`, pbkdf2Iterations: 1000 });
  const { session, config } = await joinCompany(env, httpTransport(hq), { serverUrl: hq, code, deviceName: `bench device ${n}`, language: 'en', admin: { username: 'admin', password: 'bench-pass-1' } });
  return { s: session, cfg: config };
}

/**
 * Raw floor of a pull: GET the pages after `after` with `token` (same limit as the client) and
 * bulkPut each page's records into `db`, one transaction per page. Returns rows and seconds.
 */
async function rawPull(hq: string, token: string, after: string, db: Dexie): Promise<{ rows: number; secs: number }> {
  const t0 = performance.now();
  let rows = 0;
  let cursor = after;
  for (let first = true; ; first = false) {
    const res = await fetch(`${hq}/v1/pull?after=${encodeURIComponent(cursor)}&limit=${PAGE}&v=${PROTOCOL_VERSION}${first ? '&count=1' : ''}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`raw pull: HTTP ${res.status}`);
    const page = (await res.json()) as PullResponse;
    const byTable = new Map<string, Record<string, unknown>[]>();
    for (const c of page.changes) (byTable.get(c.table) ?? byTable.set(c.table, []).get(c.table)!).push(c.data);
    if (byTable.size) {
      await db.transaction('rw', [...byTable.keys()], async (tx) => {
        for (const [table, data] of byTable) await tx.table(table).bulkPut(data);
      });
    }
    rows += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return { rows, secs: (performance.now() - t0) / 1000 };
}

/** A scratch database with the company database's tables and indexes (no store guard, no hooks). */
async function scratchDb(tag: string): Promise<Dexie> {
  const db = new Dexie(`bench-sync-scratch-${tag}-${newId().slice(-8)}`);
  db.version(1).stores(companyStores());
  await db.open();
  return db;
}

/** The same changes with fresh change ids and record ids (an audit row follows its record). */
function freshCopies(rows: WireChange[], deviceId: string): WireChange[] {
  const ids = new Map<string, string>();
  const idFor = (old: string) => ids.get(old) ?? ids.set(old, newId()).get(old)!;
  return rows.map((r) => {
    const recordId = idFor(r.recordId);
    const data: Record<string, unknown> = { ...r.data, id: recordId };
    if (r.table === 'audit' && typeof data.docId === 'string') data.docId = idFor(data.docId);
    if (typeof data.number === 'string') data.number = `R${data.number}`;
    return { changeId: newId(), table: r.table, recordId, op: r.op, hlc: r.hlc, at: r.at, branchId: r.branchId, deviceId, data };
  });
}

async function rawPush(hq: string, token: string, changes: WireChange[]): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < changes.length; i += BATCH) {
    const res = await fetch(`${hq}/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ batchId: newId(), clientVersion: PROTOCOL_VERSION, changes: changes.slice(i, i + BATCH) }),
    });
    if (!res.ok) throw new Error(`raw push: HTTP ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { results: { status: string; code?: string }[] };
    const bad = body.results.find((r) => r.status !== 'ok');
    if (bad) throw new Error(`raw push: ${bad.status} ${bad.code ?? ''}`);
  }
  return (performance.now() - t0) / 1000;
}

const secs = (ms: number) => (ms / 1000).toFixed(1);

async function initialSync(ctx: BenchContext, hq: string, d1: { s: Session; cfg: SyncConfig }, d2: { s: Session; cfg: SyncConfig }, seeded: number): Promise<BenchResult[]> {
  const { transport, st } = timed(httpTransport(hq));
  let lastLog = 0;
  const t0 = performance.now();
  const rep = await syncOnce(d1.s, transport, {
    pageSize: PAGE,
    batchSize: BATCH,
    onProgress: (p) => {
      if (p.phase === 'pull' && performance.now() - lastLog > 15_000) {
        lastLog = performance.now();
        ctx.log(`  initial sync: ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')} rows, ${secs(lastLog - t0)} s`);
      }
    },
  });
  const total = (performance.now() - t0) / 1000;
  const pullSecs = (performance.now() - st.firstPullAt) / 1000;
  ctx.log(`initial sync (syncOnce): pushed ${rep.pushed} join rows, pulled ${rep.pulled.toLocaleString('en')} rows (${rep.applied.toLocaleString('en')} applied) in ${total.toFixed(1)} s; pull phase ${pullSecs.toFixed(1)} s of which waiting on HQ (request + JSON) ${secs(st.pullMs)} s over ${st.pulls} pages, validate + apply ${(pullSecs - st.pullMs / 1000).toFixed(1)} s`);
  if (rep.pulled < seeded) throw new Error(`initial sync pulled ${rep.pulled} rows, HQ was seeded with ${seeded}`);
  const scratch = await scratchDb('a');
  const raw = await rawPull(hq, d2.cfg.token, '0', scratch);
  ctx.log(`raw floor: ${raw.rows.toLocaleString('en')} rows fetched + bulkPut in ${raw.secs.toFixed(1)} s`);
  scratch.close();
  await scratch.delete();
  const n = rep.pulled.toLocaleString('en');
  return [
    result(`sync: initial sync of ${n} rows to a new device (syncOnce, pages of ${PAGE}) vs raw fetch + bulkPut`, rep.pulled / pullSecs, 'rows/s', raw.rows / raw.secs),
    result(`sync: initial sync of ${n} rows to a new device, total time (goal < 60 s)`, total, 's', raw.secs),
  ];
}

async function steadyState(ctx: BenchContext, hq: string, d1: { s: Session; cfg: SyncConfig }, d2: { s: Session; cfg: SyncConfig }, rawCode: string): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  // device 2 joined but never pulled: it starts from device 1's position (as if it had made the
  // same initial sync; its database is just smaller), pushes its join rows and catches up
  const at = (await d1.s.db.meta.get(META_CURSOR))?.value as string;
  await d2.s.db.meta.put({ key: META_CURSOR, value: at });
  await syncOnce(d2.s, httpTransport(hq), { pageSize: PAGE, batchSize: BATCH });
  await syncOnce(d1.s, httpTransport(hq), { pageSize: PAGE, batchSize: BATCH });

  // 10,000 local changes on device 1 (not timed)
  const cities = ['Shanghai', 'Beijing', 'Shenzhen', 'Hangzhou', 'Chengdu'];
  for (let start = 0; start < STEADY_DOCS; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, STEADY_DOCS - start) }, (_, k) => {
      const i = start + k;
      return { customerName: `Steady ${i} Trading Co., Ltd.`, customerGroup: 'wholesale', taxId: `9131000066${String(i).padStart(8, '0')}`, email: `buyer${i}@steady.example.cn`, phone: `+86 21 6${String(i).padStart(7, '0')}`, city: cities[i % cities.length], address: `${i} Nanjing Road, Room ${i % 900}`, creditLimit: '50000.00', paymentTermsDays: '30', industry: 'Retail', source: 'referral' };
    });
    const r = await importDocs(d1.s, 'Customer', rows);
    if (!r.ok) throw new Error(`steady-state import: ${JSON.stringify(r.issues.slice(0, 3))}`);
  }
  const outbox = (await d1.s.db.outbox.orderBy('seq').toArray()) as unknown as WireChange[];
  const n = outbox.length;
  ctx.log(`steady state: ${n.toLocaleString('en')} local changes on device 1`);

  // (b1) push: the push part of syncOnce (until its first pull request)
  const cursorBefore = (await d2.s.db.meta.get(META_CURSOR))?.value as string;
  const p = timed(httpTransport(hq));
  const t0 = performance.now();
  const rep = await syncOnce(d1.s, p.transport, { pageSize: PAGE, batchSize: BATCH });
  const pushSecs = (p.st.firstPullAt - t0) / 1000;
  ctx.log(`push (syncOnce): ${rep.pushed} changes in ${pushSecs.toFixed(2)} s, of which waiting on HQ ${secs(p.st.pushMs)} s over ${p.st.pushes} batches; the round then pulled its own ${rep.pulled} changes back in ${((performance.now() - p.st.firstPullAt) / 1000).toFixed(2)} s`);
  if (rep.ok !== n) throw new Error(`steady-state push: ${rep.ok} of ${n} ok`);

  // (b2) pull by device 2 (syncOnce), floor: raw fetch + bulkPut of the same pages
  const q = timed(httpTransport(hq));
  const t1 = performance.now();
  const rep2 = await syncOnce(d2.s, q.transport, { pageSize: PAGE, batchSize: BATCH });
  const pullSecs = (performance.now() - q.st.firstPullAt) / 1000;
  ctx.log(`pull by device 2 (syncOnce): ${rep2.pulled} rows in ${pullSecs.toFixed(2)} s (round ${secs(performance.now() - t1)} s), waiting on HQ ${secs(q.st.pullMs)} s over ${q.st.pulls} pages`);
  const scratch = await scratchDb('b');
  const rawP = await rawPull(hq, d2.cfg.token, cursorBefore, scratch);
  scratch.close();
  await scratch.delete();
  ctx.log(`raw pull floor: ${rawP.rows} rows in ${rawP.secs.toFixed(2)} s`);

  // (b1) floor: a third device POSTs the same number of changes (fresh ids), same batch size
  const enrol = await fetch(`${hq}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: rawCode, deviceName: 'bench raw device' }) });
  if (!enrol.ok) throw new Error(`raw enrol: HTTP ${enrol.status}`);
  const d3 = (await enrol.json()) as EnrolResponse;
  const copies = freshCopies(outbox, newId());
  const rawSecs = await rawPush(hq, d3.token, copies);
  ctx.log(`raw push floor: ${copies.length} changes in ${rawSecs.toFixed(2)} s`);

  out.push(result(`sync: steady-state push of ${n.toLocaleString('en')} changes (syncOnce push part, batches of ${BATCH}) vs raw fetch POST`, n / pushSecs, 'changes/s', copies.length / rawSecs));
  out.push(result(`sync: steady-state pull of ${rep2.pulled.toLocaleString('en')} changes by a second device (syncOnce, pages of ${PAGE}) vs raw fetch + bulkPut`, rep2.pulled / pullSecs, 'rows/s', rawP.rows / rawP.secs));
  return out;
}

registerScenario({
  name: 'sync',
  async run(ctx) {
    const params = new URLSearchParams(location.search);
    const hq = params.get('hq');
    const codes = (params.get('codes') ?? '').split(',').filter(Boolean);
    if (!hq || codes.length < 3) {
      ctx.log('sync: SKIPPED (no HQ server: bench.html needs &hq=<url>&codes=<3 enrolment codes>, which scripts/bench.mjs passes)');
      return [];
    }
    const seeded = Number(params.get('syncRows') ?? 0);
    const d1 = await join(hq, codes[0], 1);
    const d2 = await join(hq, codes[1], 2);
    ctx.log(`joined 2 devices of branch ${d1.cfg.branchCode} (company ${d1.cfg.companyId}); HQ was seeded with ${seeded.toLocaleString('en')} rows for a new device`);
    const out = await initialSync(ctx, hq, d1, d2, seeded);
    out.push(...(await steadyState(ctx, hq, d1, d2, codes[2])));
    return out;
  },
});
