/**
 * The HQ sync server, through its HTTP handler, on SQLite always and on PostgreSQL whenever
 * one is reachable (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test).
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import '../../shared/modules';
import { registerSyncTestTypes } from './sync-doctypes';
import { openTestHq, pgReachable, client, setupOrg, customerPut, orderPut, ledgerAppend, priceListPut, batch, hlcAt, type BackendKind, type TestHq, type Org } from './harness';
import { memoryLogger } from '../../server/log';
import { LIMITS } from '../../shared/sync/protocol';
import { decodeHlc } from '../../shared/kernel/hlc';
import { newId } from '../../shared/kernel/ids';

registerSyncTestTypes();

const PG = await pgReachable();
const T0 = Date.parse('2026-03-01T10:00:00.000Z');

describe.each<BackendKind>(['sqlite', 'postgres'])('HQ sync server on %s', (kind) => {
  const skip = kind === 'postgres' && !PG;
  let hq: TestHq;
  let call: ReturnType<typeof client>;
  let org: Org;
  let now = T0;
  const log = memoryLogger();

  beforeEach(async () => {
    if (skip) return;
    now = T0;
    log.entries.length = 0;
    hq = await openTestHq(kind, { now: () => new Date(now), log, adminToken: 'admin-token-0123456789' });
    call = client(hq);
    org = await setupOrg(hq);
  });
  afterEach(async () => {
    if (!skip) await hq.cleanup();
  });

  const push = (token: string, b: unknown) => call('POST', '/v1/push', { token, body: b });
  const pullAll = async (token: string, limit = 500) => {
    const out: any[] = [];
    let after = '0';
    for (;;) {
      const r = await call('GET', `/v1/pull?after=${after}&limit=${limit}`, { token });
      expect(r.status).toBe(200);
      out.push(...r.body.changes);
      after = r.body.cursor;
      if (!r.body.hasMore) return { changes: out, cursor: after };
    }
  };

  it.skipIf(skip)('answers health without credentials', async () => {
    const r = await call('GET', '/v1/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, protocol: 1 });
  });

  it.skipIf(skip)('enrols a device once per code; used, unknown and expired codes are refused', async () => {
    const { code } = await hq.store.issueCode({ branchId: org.branchA });
    const r = await call('POST', '/v1/enrol', { body: { code: code.toLowerCase(), deviceName: 'Till 2' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ companyId: org.companyId, branchId: org.branchA, branchCode: 'SH', scope: 'branch' });
    expect(r.body.token.length).toBeGreaterThan(30);
    const again = await call('POST', '/v1/enrol', { body: { code, deviceName: 'Till 3' } });
    expect([again.status, again.body.error.code]).toEqual([400, 'sync.code_invalid']);
    const unknown = await call('POST', '/v1/enrol', { body: { code: 'AAAA-BBBB-CCCC', deviceName: 'x' } });
    expect(unknown.body.error.code).toBe('sync.code_invalid');
    const { code: old } = await hq.store.issueCode({ branchId: org.branchB, ttlHours: 1 });
    now += 2 * 3600_000;
    const expired = await call('POST', '/v1/enrol', { body: { code: old, deviceName: 'late' } });
    expect(expired.body.error.code).toBe('sync.code_invalid');
    const bad = await call('POST', '/v1/enrol', { body: { code: 5, deviceName: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: any) => i.path).sort()).toEqual(['code', 'deviceName']);
  });

  it.skipIf(skip)('requires a bearer token and refuses a revoked device at once', async () => {
    expect((await call('GET', '/v1/pull?after=0')).body.error.code).toBe('sync.unauthorized');
    expect((await call('GET', '/v1/pull?after=0', { token: 'x'.repeat(43) })).body.error.code).toBe('sync.unauthorized');
    expect((await call('GET', '/v1/pull?after=0', { token: org.tokenA })).status).toBe(200);
    await hq.store.revokeDevice(org.deviceA);
    const r = await push(org.tokenA, batch([customerPut({ branchId: org.branchA, hlc: hlcAt(T0), fields: { customerName: 'A' } })]));
    expect([r.status, r.body.error.code]).toEqual([401, 'sync.device_revoked']);
    expect((await call('GET', '/v1/pull?after=0', { token: org.tokenA })).status).toBe(401);
    expect(await hq.store.changeCount()).toBe(0);
  });

  it.skipIf(skip)("refuses HQ-owned tables from branch devices, unknown and derived tables, and another branch's rows", async () => {
    const mine = orderPut({ branchId: org.branchA, hlc: hlcAt(T0) });
    const r = await push(org.tokenA, batch([
      priceListPut({ branchId: org.branchA, hlc: hlcAt(T0) }),
      { ...ledgerAppend({ branchId: org.branchA, hlc: hlcAt(T0) }), table: 'test_balances' },
      { ...ledgerAppend({ branchId: org.branchA, hlc: hlcAt(T0) }), table: 'no_such_table' },
      orderPut({ branchId: org.branchB, envelopeBranch: org.branchA, hlc: hlcAt(T0) }),
      orderPut({ branchId: org.branchA, envelopeBranch: org.branchB, hlc: hlcAt(T0) }),
      ledgerAppend({ branchId: org.branchB, envelopeBranch: org.branchA, hlc: hlcAt(T0) }),
      { ...ledgerAppend({ branchId: org.branchA, hlc: hlcAt(T0) }), op: 'put' as const },
      mine,
    ]));
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: any) => x.code ?? x.status)).toEqual([
      'sync.forbidden_table', 'sync.unknown_table', 'sync.unknown_table', 'sync.forbidden_branch', 'sync.forbidden_branch', 'sync.forbidden_branch', 'sync.bad_op', 'ok',
    ]);
    // branch B may not overwrite A's document, even claiming it as its own
    const steal = await push(org.tokenB, batch([orderPut({ id: mine.recordId, branchId: org.branchB, hlc: hlcAt(T0 + 1000, 'node-b') })]));
    expect(steal.body.results[0]).toMatchObject({ status: 'rejected', code: 'sync.forbidden_branch' });
    const stored = await hq.store.records(org.companyId, 'test_orders');
    expect(stored.map((x) => x.branchId)).toEqual([org.branchA]);
    // the HQ device ('all' scope) may write HQ data
    const hqr = await push(org.tokenHq, batch([priceListPut({ branchId: org.branchA, hlc: hlcAt(T0) })]));
    expect(hqr.body.results[0].status).toBe('ok');
  });

  it.skipIf(skip)('answers a replayed batch with the stored identical answer and applies nothing twice', async () => {
    const b = batch([customerPut({ branchId: org.branchA, hlc: hlcAt(T0), fields: { customerName: 'Hengda' } }), ledgerAppend({ branchId: org.branchA, hlc: hlcAt(T0) })]);
    const first = await push(org.tokenA, b);
    const count = await hq.store.changeCount();
    now += 60_000;
    const second = await push(org.tokenA, b);
    expect(JSON.stringify(second.body)).toBe(JSON.stringify(first.body));
    expect(await hq.store.changeCount()).toBe(count);
    // the same changes in a new batch: each answered 'duplicate'
    const third = await push(org.tokenA, { ...b, batchId: newId() });
    expect(third.body.results.map((x: any) => x.status)).toEqual(['duplicate', 'duplicate']);
    expect(await hq.store.changeCount()).toBe(count);
    // the same batchId with other content is a client bug: refused, nothing applied
    const other = await push(org.tokenA, { ...b, changes: [ledgerAppend({ branchId: org.branchA, hlc: hlcAt(T0) })] });
    expect([other.status, other.body.error.code]).toEqual([409, 'sync.batch_mismatch']);
    expect(await hq.store.changeCount()).toBe(count);
  });

  it.skipIf(skip)('merges shared master data per field by HLC and keeps the losing values in history', async () => {
    const id = newId();
    const base = customerPut({ id, branchId: org.branchA, hlc: hlcAt(T0, 'node-a'), fields: { customerName: 'Hengda', city: 'Shanghai', phone: '1' } });
    expect((await push(org.tokenA, batch([base]))).body.results[0].status).toBe('ok');
    // A edits city at T0+10s; B, offline, edited phone at T0+20s and city at T0+5s (older)
    const a = customerPut({ id, branchId: org.branchA, hlc: hlcAt(T0 + 10_000, 'node-a'), fields: { customerName: 'Hengda', city: 'Suzhou', phone: '1' }, fieldHlc: { customerName: hlcAt(T0, 'node-a'), city: hlcAt(T0 + 10_000, 'node-a'), phone: hlcAt(T0, 'node-a') } });
    const b = customerPut({ id, branchId: org.branchA, envelopeBranch: org.branchB, hlc: hlcAt(T0 + 20_000, 'node-b'), fields: { customerName: 'Hengda', city: 'Hangzhou', phone: '2' }, fieldHlc: { customerName: hlcAt(T0, 'node-a'), city: hlcAt(T0 + 5_000, 'node-b'), phone: hlcAt(T0 + 20_000, 'node-b') } });
    await push(org.tokenA, batch([a]));
    await push(org.tokenB, batch([b]));
    const [rec] = await hq.store.records(org.companyId, 'customers');
    expect(rec.data).toMatchObject({ city: 'Suzhou', phone: '2', customerName: 'Hengda', _hlc: hlcAt(T0 + 20_000, 'node-b') });
    const hist = await hq.store.fieldHistory(org.companyId, 'customers', id);
    expect(hist).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'city', value: 'Shanghai' }),
      expect.objectContaining({ field: 'city', value: 'Hangzhou', hlc: hlcAt(T0 + 5_000, 'node-b') }),
      expect.objectContaining({ field: 'phone', value: '1' }),
    ]));
    // the same order of arrival reversed gives the same record (merge is commutative)
    const hq2 = await openTestHq(kind, { now: () => new Date(now) });
    try {
      const org2 = await setupOrg(hq2);
      const c2 = client(hq2);
      const fix = (c: any, branch: string) => ({ ...c, changeId: newId(), branchId: branch, data: { ...c.data, branchId: org2.branchA } });
      await c2('POST', '/v1/push', { token: org2.tokenB, body: batch([fix(b, org2.branchB)]) });
      await c2('POST', '/v1/push', { token: org2.tokenA, body: batch([fix(a, org2.branchA), fix(base, org2.branchA)]) });
      const [rec2] = await hq2.store.records(org2.companyId, 'customers');
      expect({ ...rec2.data, branchId: 'x' }).toEqual({ ...rec.data, branchId: 'x' });
    } finally {
      await hq2.cleanup();
    }
    // equal wall time and counter: the node id decides, deterministically
    const t1 = customerPut({ id, branchId: org.branchA, hlc: hlcAt(T0 + 30_000, 'node-a'), fields: { notes: 'from a' } });
    const t2 = customerPut({ id, branchId: org.branchA, envelopeBranch: org.branchB, hlc: hlcAt(T0 + 30_000, 'node-b'), fields: { notes: 'from b' } });
    await push(org.tokenB, batch([t2]));
    await push(org.tokenA, batch([t1]));
    expect((await hq.store.records(org.companyId, 'customers'))[0].data.notes).toBe('from b');
    // pulled master data is the merged record
    const pulled = await pullAll(org.tokenB);
    const last = pulled.changes.filter((c) => c.recordId === id).at(-1);
    expect(last.data).toMatchObject({ city: 'Suzhou', phone: '2', notes: 'from b' });
  });

  it.skipIf(skip)('unions ledger rows by id: same content is a duplicate, other content a recorded conflict, never an overwrite', async () => {
    const row = ledgerAppend({ branchId: org.branchA, hlc: hlcAt(T0), qty: 3 });
    expect((await push(org.tokenA, batch([row]))).body.results[0].status).toBe('ok');
    const same = { ...row, changeId: newId() };
    expect((await push(org.tokenA, batch([same]))).body.results[0].status).toBe('duplicate');
    const other = { ...row, changeId: newId(), data: { ...row.data, qty: 30 } };
    const r = await push(org.tokenA, batch([other]));
    expect(r.body.results[0]).toEqual({ changeId: other.changeId, status: 'conflict', code: 'sync.append_conflict' });
    expect((await hq.store.records(org.companyId, 'test_ledger'))[0].data.qty).toBe(3);
    const conflicts = await hq.store.listConflicts(org.companyId, 'append_conflict');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0].detail).toMatchObject({ stored: { qty: 3 }, incoming: { qty: 30 } });
    // pushing the conflicting change again answers 'conflict' again without a second row
    expect((await push(org.tokenA, batch([other]))).body.results[0].status).toBe('conflict');
    expect(await hq.store.listConflicts(org.companyId, 'append_conflict')).toHaveLength(1);
  });

  it.skipIf(skip)('clamps a client clock more than 5 minutes ahead and flags it', async () => {
    const future = T0 + 60 * 60_000;
    const c = customerPut({ branchId: org.branchA, hlc: hlcAt(future, 'node-a', 7), fields: { customerName: 'Time Traveller' } });
    const near = customerPut({ branchId: org.branchA, hlc: hlcAt(T0 + 4 * 60_000), fields: { customerName: 'Slightly fast' } });
    const r = await push(org.tokenA, batch([c, near]));
    expect(r.body.results[0]).toMatchObject({ status: 'ok', code: 'sync.clock_clamped' });
    expect(r.body.results[1]).toEqual({ changeId: near.changeId, status: 'ok' });
    const rec = (await hq.store.records(org.companyId, 'customers')).find((x) => x.recordId === c.recordId)!;
    expect(decodeHlc(rec.data._hlc as string).wall).toBe(T0);
    expect(Object.values(rec.data._fieldHlc as Record<string, string>).every((h) => decodeHlc(h).wall === T0)).toBe(true);
    const skew = await hq.store.listConflicts(org.companyId, 'clock_skew');
    expect(skew).toHaveLength(1);
    expect(skew[0]).toMatchObject({ recordId: c.recordId, deviceId: org.deviceA });
    expect(log.entries.some((e) => e.level === 'warn' && e.msg.includes('clamped'))).toBe(true);
  });

  it.skipIf(skip)('refuses malformed and hostile requests with clear codes and changes nothing', async () => {
    const before = await hq.store.changeCount();
    const bad = async (r: Promise<any>, status: number, code: string) => {
      const x = await r;
      expect([x.status, x.body.error.code]).toEqual([status, code]);
      return x;
    };
    await bad(call('POST', '/v1/push', { token: org.tokenA, raw: '{"batchId": ' }), 400, 'sync.bad_json');
    await bad(call('POST', '/v1/push', { token: org.tokenA, raw: '' }), 400, 'sync.bad_json');
    await bad(call('POST', '/v1/push', { token: org.tokenA, body: [] }), 400, 'sync.invalid_request');
    const wrong = await bad(call('POST', '/v1/push', { token: org.tokenA, body: { batchId: 42, clientVersion: '1', changes: {} } }), 400, 'sync.invalid_request');
    expect(wrong.body.error.issues.map((i: any) => i.path)).toEqual(['batchId', 'clientVersion', 'changes']);
    const good = customerPut({ branchId: org.branchA, hlc: hlcAt(T0), fields: { customerName: 'ok' } });
    const typed = await bad(push(org.tokenA, batch([good, { ...good, changeId: newId(), op: 'delete', data: 'x', recordId: '../etc' } as unknown as typeof good])), 400, 'sync.invalid_request');
    expect(typed.body.error.issues.map((i: any) => i.path)).toEqual(['changes[1].recordId', 'changes[1].op', 'changes[1].data']);
    await bad(push(org.tokenA, batch([good, { ...good }])), 400, 'sync.invalid_request');
    const many = Array.from({ length: LIMITS.maxChangesPerBatch + 1 }, () => ledgerAppend({ branchId: org.branchA, hlc: hlcAt(T0) }));
    await bad(push(org.tokenA, batch(many)), 413, 'sync.too_many_changes');
    const huge = batch([customerPut({ branchId: org.branchA, hlc: hlcAt(T0), fields: { customerName: 'x', notes: 'y'.repeat(LIMITS.maxBodyBytes) } })]);
    await bad(push(org.tokenA, huge), 413, 'sync.body_too_large');
    await bad(push(org.tokenA, batch([good], 0)), 426, 'sync.update_required');
    await bad(push(org.tokenA, batch([good], 99)), 400, 'sync.server_too_old');
    await bad(call('GET', '/v1/pull?after=-1', { token: org.tokenA }), 400, 'sync.invalid_request');
    await bad(call('GET', '/v1/pull?after=0&v=0', { token: org.tokenA }), 426, 'sync.update_required');
    await bad(call('GET', '/v1/push', { token: org.tokenA }), 405, 'sync.method_not_allowed');
    await bad(call('GET', '/v1/nothing'), 404, 'sync.not_found');
    // a bad HLC inside an otherwise valid change is refused per change; the rest proceeds
    const badHlc = { ...customerPut({ branchId: org.branchA, hlc: hlcAt(T0), fields: { customerName: 'z' } }), hlc: 'yesterday' };
    expect(await hq.store.changeCount()).toBe(before);
    const mixed = await push(org.tokenA, batch([badHlc, good]));
    expect(mixed.body.results.map((x: any) => x.code ?? x.status)).toEqual(['sync.bad_hlc', 'ok']);
    expect(await hq.store.changeCount()).toBe(before + 1);
  });

  it.skipIf(skip)("pulls in pages: a branch device sees shared data and its own branch's rows, HQ sees everything", async () => {
    await push(org.tokenA, batch([customerPut({ branchId: org.branchA, hlc: hlcAt(T0), fields: { customerName: 'A1' } }), orderPut({ branchId: org.branchA, hlc: hlcAt(T0) }), ledgerAppend({ branchId: org.branchA, hlc: hlcAt(T0) })]));
    await push(org.tokenB, batch([customerPut({ branchId: org.branchB, hlc: hlcAt(T0), fields: { customerName: 'B1' } }), orderPut({ branchId: org.branchB, hlc: hlcAt(T0) }), ledgerAppend({ branchId: org.branchB, hlc: hlcAt(T0) })]));
    await push(org.tokenHq, batch([priceListPut({ branchId: org.branchA, hlc: hlcAt(T0) })]));
    const a = await pullAll(org.tokenA, 2);
    expect(a.changes.map((c) => c.table).sort()).toEqual(['customers', 'customers', 'test_ledger', 'test_orders', 'test_price_lists']);
    expect(a.changes.filter((c) => c.table !== 'customers' && c.table !== 'test_price_lists').every((c) => c.branchId === org.branchA)).toBe(true);
    const seqs = a.changes.map((c) => c.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    const all = await pullAll(org.tokenHq, 3);
    expect(all.changes.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const tail = await call('GET', `/v1/pull?after=${all.cursor}`, { token: org.tokenHq });
    expect(tail.body).toEqual({ changes: [], cursor: all.cursor, hasMore: false, storeId: expect.stringMatching(/^\d+$/) });
  });

  it.skipIf(skip)('admin API: token required; creates companies, branches, codes; lists and revokes devices', async () => {
    const admin = (method: string, url: string, body?: unknown, token = 'admin-token-0123456789') => call(method, url, { token, body });
    expect((await admin('GET', '/v1/admin/companies', undefined, 'wrong-token-0000000000')).status).toBe(401);
    expect((await call('GET', '/v1/admin/companies')).status).toBe(401);
    const co = await admin('POST', '/v1/admin/companies', { name: 'Beta Ltd' });
    expect(co.status).toBe(201);
    const br = await admin('POST', '/v1/admin/branches', { companyId: co.body.id, code: 'gz', name: 'Guangzhou' });
    expect(br.body).toMatchObject({ code: 'GZ' });
    const code = await admin('POST', '/v1/admin/codes', { branchId: br.body.id, scope: 'all' });
    const dev = await call('POST', '/v1/enrol', { body: { code: code.body.code, deviceName: 'HQ desk' } });
    expect(dev.body.scope).toBe('all');
    const list = await admin('GET', `/v1/admin/devices?companyId=${co.body.id}`);
    expect(list.body.devices.map((d: any) => d.name)).toEqual(['HQ desk']);
    expect((await admin('POST', `/v1/admin/devices/${dev.body.deviceId}/revoke`, {})).status).toBe(200);
    expect((await call('GET', '/v1/pull?after=0', { token: dev.body.token })).body.error.code).toBe('sync.device_revoked');
    expect((await admin('POST', '/v1/admin/branches', { companyId: co.body.id, code: 'bad code!', name: 'x' })).status).toBe(400);
  });
});
