/**
 * Batched ingest decides a batch exactly as if each of its changes had been pushed on its own:
 * the same changes pushed as ONE batch and as one batch per change (or smaller batches) leave
 * the same change log (seqs, data, compaction flags), records, conflicts and field history, and
 * get the same per-change answers. Covers what the in-memory batch view must get right: two
 * changes of one record in a batch (the second merges onto the first, the first row is
 * superseded), a changeId repeated inside a batch, a ledger id appended earlier in the same
 * batch (same content: duplicate; other content: conflict), rows of earlier batches superseded,
 * rejected changes, clamped clocks; and a batch too big for one statement (chunked writes; on
 * PostgreSQL the one-statement write falls back to one statement per write). SQLite always,
 * PostgreSQL when reachable.
 */
import { describe, it, expect } from 'vitest';
import '../../shared/modules';
import { registerSyncTestTypes } from './sync-doctypes';
import { openTestHq, pgReachable, customerPut, orderPut, ledgerAppend, hlcAt, type BackendKind, type TestHq } from './harness';
import type { Device } from '../../server/store';
import type { WireChange } from '../../shared/sync/protocol';
import { newId } from '../../shared/kernel/ids';

registerSyncTestTypes();

const PG = await pgReachable();
const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const NOW = T0 + 60_000;
const CO = 'co-batch';
const BR_A = 'br-a';
const BR_B = 'br-b';

interface Side {
  hq: TestHq;
  devA: Device;
  devHq: Device;
  roles: Map<string, string>;
}

async function openSide(kind: BackendKind): Promise<Side> {
  const hq = await openTestHq(kind, { now: () => new Date(NOW) });
  await hq.store.createCompany('Batch Co', { id: CO });
  await hq.store.createBranch({ companyId: CO, code: 'SH', name: 'Shanghai', id: BR_A });
  await hq.store.createBranch({ companyId: CO, code: 'BJ', name: 'Beijing', id: BR_B });
  const enrol = async (branchId: string, scope: 'branch' | 'all') => {
    const { code } = await hq.store.issueCode({ branchId, scope });
    const r = await hq.store.enrol({ code, deviceName: scope });
    return hq.store.authenticate(`Bearer ${r.token}`);
  };
  const devA = await enrol(BR_A, 'branch');
  const devHq = await enrol(BR_A, 'all');
  return { hq, devA, devHq, roles: new Map([[devA.id, 'devA'], [devHq.id, 'devHq']]) };
}

/** Everything ingest writes, with device ids replaced by their role. */
async function dump(s: Side) {
  const db = s.hq.store.db;
  const dev = (id: string | null) => (id === null ? null : s.roles.get(id) ?? id);
  const changes = (await db.selectFrom('changes').selectAll().orderBy('seq').execute()).map((r) => ({ ...r, seq: Number(r.seq), superseded: Number(r.superseded), device_id: dev(r.device_id) }));
  const records = (await db.selectFrom('records').selectAll().orderBy('tbl').orderBy('record_id').execute()).map((r) => ({ ...r, updated_seq: Number(r.updated_seq) }));
  const conflicts = (await db.selectFrom('conflicts').selectAll().orderBy('id').execute()).map(({ id: _id, ...r }) => ({ ...r, device_id: dev(r.device_id) }));
  const history = (await db.selectFrom('field_history').selectAll().orderBy('id').execute()).map(({ id: _id, ...r }) => r);
  const counter = Number((await db.selectFrom('counters').select('value').where('name', '=', 'seq').executeTakeFirstOrThrow()).value);
  return { changes, records, conflicts, history, counter };
}

type Step = { device: 'A' | 'HQ'; changes: WireChange[] };

/** Push the steps, each step's changes in batches of `split` (Infinity: one batch per step). */
async function run(kind: BackendKind, steps: Step[], split: number) {
  const s = await openSide(kind);
  try {
    const results: unknown[] = [];
    for (const step of steps) {
      const dev = step.device === 'A' ? s.devA : s.devHq;
      for (let i = 0; i < step.changes.length; i += split) {
        const res = await s.hq.store.push(dev, { batchId: newId(), clientVersion: 1, changes: step.changes.slice(i, i + split) });
        results.push(...res.results);
      }
    }
    return { results, ...(await dump(s)) };
  } finally {
    await s.hq.cleanup();
  }
}

const at = (ms: number, node = 'node-a') => hlcAt(T0 + ms, node);

/** A history and a batch that exercise every intra-batch case. */
function scenario(): Step[] {
  const z = newId();
  const m = newId();
  const earlier: WireChange[] = [
    customerPut({ id: z, branchId: BR_A, hlc: at(100), fields: { customerName: 'Zeta', city: 'Suzhou', phone: '1' } }),
    ledgerAppend({ id: m, branchId: BR_A, hlc: at(100), qty: 2 }),
    customerPut({ id: z, branchId: BR_A, hlc: at(200), fields: { customerName: 'Zeta', city: 'Wuxi', phone: '1' } }),
  ];
  const x = newId();
  const l = newId();
  const o = newId();
  const x1 = customerPut({ id: x, branchId: BR_A, hlc: at(1000), fields: { customerName: 'Xi', city: 'Shanghai', phone: '10' } });
  const x2 = customerPut({ id: x, branchId: BR_A, hlc: at(2000), fields: { customerName: 'Xi', city: 'Hangzhou', phone: '10' }, fieldHlc: { customerName: at(1000), city: at(2000), phone: at(1000) } });
  const x3stale = customerPut({ id: x, branchId: BR_A, hlc: at(500, 'node-b'), fields: { customerName: 'Old Xi', city: 'Nanjing', phone: '99' } });
  const l1 = ledgerAppend({ id: l, branchId: BR_A, hlc: at(1000), qty: 3 });
  const l1same = { ...l1, changeId: newId() };
  const l1other = { ...l1, changeId: newId(), data: { ...l1.data, qty: 30 } };
  const o1 = orderPut({ id: o, branchId: BR_A, hlc: at(1000), qty: 1 });
  const o2 = orderPut({ id: o, branchId: BR_A, hlc: at(3000), qty: 4, status: 'submitted' });
  const o0stale = orderPut({ id: o, branchId: BR_A, hlc: at(10), qty: 9 });
  const future = customerPut({ branchId: BR_A, hlc: hlcAt(NOW + 3_600_000, 'node-a', 7), fields: { customerName: 'Time Traveller' } });
  const futureForeignLedger = ledgerAppend({ branchId: BR_B, envelopeBranch: BR_A, hlc: hlcAt(NOW + 3_600_000, 'node-a', 1) });
  const batch: WireChange[] = [
    x1,
    x2, // merges onto x1 (in this batch): x1's row superseded
    x3stale, // nothing new: logged superseded, its values go to history
    { ...x1 }, // the changeId of x1 again: duplicate
    l1,
    l1same, // same ledger id and content, appended earlier in this batch: duplicate
    l1other, // same id, other content: conflict
    { ...l1other }, // that changeId again: conflict, no second conflict row
    { ...earlier[1], changeId: newId() }, // a ledger row of an earlier batch, same content: duplicate
    { ...earlier[1], changeId: newId(), data: { ...earlier[1].data, qty: 5 } }, // other content: conflict
    { ...earlier[0] }, // a changeId of an earlier batch: duplicate
    customerPut({ id: z, branchId: BR_A, hlc: at(3000), fields: { customerName: 'Zeta', city: 'Wuxi', phone: '2' }, fieldHlc: { customerName: at(100), city: at(200), phone: at(3000) } }), // supersedes an earlier batch's row
    customerPut({ id: z, branchId: BR_A, hlc: at(4000), fields: { customerName: 'Zeta Ltd', city: 'Wuxi', phone: '2' }, fieldHlc: { customerName: at(4000), city: at(200), phone: at(3000) } }), // and again, in this batch
    o1,
    o2,
    o0stale,
    orderPut({ id: o, branchId: BR_B, envelopeBranch: BR_A, hlc: at(5000) }), // another branch's claim: rejected, nothing applied
    { ...ledgerAppend({ branchId: BR_A, hlc: at(1000) }), table: 'no_such_table' }, // rejected
    { ...customerPut({ branchId: BR_A, hlc: at(1000), fields: { customerName: 'bad' } }), hlc: 'not-an-hlc' }, // rejected
    future, // clamped, clock_skew conflict
    futureForeignLedger, // rejected: its clock is not recorded (a refused change changes nothing)
    ledgerAppend({ branchId: BR_A, hlc: at(6000) }),
  ];
  return [
    { device: 'A', changes: earlier },
    { device: 'A', changes: batch },
  ];
}

/** A batch of 1000 stale edits that each lose many fields: history rows beyond one statement. */
function bigScenario(): Step[] {
  const fields = (v: string) => Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, `${v}-${i}`]));
  const ids = Array.from({ length: 500 }, () => newId());
  const seed = ids.map((id) => customerPut({ id, branchId: BR_A, hlc: at(9000), fields: { customerName: `C ${id}`, ...fields('new') } }));
  const stale = ids.flatMap((id, i) => [
    customerPut({ id, branchId: BR_A, hlc: at(100 + i, 'node-b'), fields: { customerName: `Old ${id}`, ...fields('old') } }),
    customerPut({ id, branchId: BR_A, hlc: at(200 + i, 'node-c'), fields: { customerName: `Older ${id}`, ...fields('older') } }),
  ]);
  return [
    { device: 'HQ', changes: seed },
    { device: 'HQ', changes: stale },
  ];
}

describe.each<BackendKind>(['sqlite', 'postgres'])('batched ingest on %s', (kind) => {
  const skip = kind === 'postgres' && !PG;

  it.skipIf(skip)('a batch ends as its changes pushed one by one would', async () => {
    const steps = scenario();
    const whole = await run(kind, steps, Infinity);
    const single = await run(kind, steps, 1);
    expect(whole.results.map((r: any) => r.code ?? r.status)).toEqual([
      'ok', 'ok', 'ok', 'ok', 'ok', 'ok', // earlier batch (3) + x1, x2, x3stale
      'duplicate', 'ok', 'duplicate', 'sync.append_conflict', 'sync.append_conflict', 'duplicate', 'sync.append_conflict', 'duplicate',
      'ok', 'ok', 'ok', 'ok', 'ok',
      'sync.forbidden_branch', 'sync.unknown_table', 'sync.bad_hlc', 'sync.clock_clamped', 'sync.forbidden_branch', 'ok',
    ]);
    expect(whole.results).toEqual(single.results);
    expect(whole.changes).toEqual(single.changes);
    expect(whole.records).toEqual(single.records);
    expect(whole.conflicts).toEqual(single.conflicts);
    expect(whole.history).toEqual(single.history);
    expect(whole.counter).toBe(single.counter);
    // the log: gap-free, and each record's latest row is the only one not superseded
    expect(whole.changes.map((c) => c.seq)).toEqual(whole.changes.map((_, i) => i + 1));
    for (const r of whole.records) {
      const rows = whole.changes.filter((c) => c.tbl === r.tbl && c.record_id === r.record_id);
      expect(rows.filter((c) => !c.superseded).map((c) => c.seq)).toEqual([r.updated_seq]);
    }
    expect(whole.conflicts.map((c) => c.kind)).toEqual(['append_conflict', 'append_conflict', 'clock_skew']);
  }, 60_000);

  it.skipIf(skip)('the same batch pushed twice at once is applied once and answered twice the same; an empty batch is answered', async () => {
    const s = await openSide(kind);
    try {
      const req = { batchId: newId(), clientVersion: 1, changes: scenario()[1].changes };
      const [a, b] = await Promise.all([s.hq.store.push(s.devA, req), s.hq.store.push(s.devA, req)]);
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      const n = await s.hq.store.changeCount();
      expect(n).toBe(a.results.filter((r) => r.status === 'ok').length);
      const empty = await s.hq.store.push(s.devA, { batchId: newId(), clientVersion: 1, changes: [] });
      expect(empty.results).toEqual([]);
      expect(await s.hq.store.changeCount()).toBe(n);
    } finally {
      await s.hq.cleanup();
    }
  });

  it.skipIf(skip)('a batch of 1000 changes with thousands of history rows ends as ten batches of 100 would', async () => {
    const steps = bigScenario();
    const whole = await run(kind, steps, Infinity);
    const tenths = await run(kind, steps, 100);
    expect(whole.results.every((r: any) => r.status === 'ok')).toBe(true);
    expect(whole.history.length).toBeGreaterThan(60_000 / 9); // more than one PostgreSQL statement's parameters
    expect(whole.results).toEqual(tenths.results);
    expect(whole.changes).toEqual(tenths.changes);
    expect(whole.records).toEqual(tenths.records);
    expect(whole.history).toEqual(tenths.history);
    expect(whole.changes.filter((c) => !c.superseded)).toHaveLength(500);
  }, 120_000);
});
