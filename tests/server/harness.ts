/**
 * Server test harness: an HQ store on SQLite (in memory) or on PostgreSQL (a throw-away
 * schema per store), a JSON client over the in-process handler, and change builders.
 */
import pg from 'pg';
import { openHq, type Hq } from '../../server/app';
import type { Logger } from '../../server/log';
import type { HttpResponse } from '../../server/http';
import { encodeHlc } from '../../shared/kernel/hlc';
import { newId } from '../../shared/kernel/ids';
import { SyncProtocolError, type WireChange } from '../../shared/sync/protocol';
import type { SyncTransport } from '../../shared/sync/client';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let reachable: boolean | undefined;
export async function pgReachable(): Promise<boolean> {
  if (reachable !== undefined) return reachable;
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    reachable = true;
  } catch (e) {
    reachable = false;
    console.warn(`PostgreSQL not reachable at ${PG_URL} (${e instanceof Error ? e.message : e}): PostgreSQL server tests are SKIPPED. Set TEST_DATABASE_URL to run them.`);
  } finally {
    await c.end().catch(() => {});
  }
  return reachable;
}

export type BackendKind = 'sqlite' | 'postgres';

export interface TestHq extends Hq {
  cleanup(): Promise<void>;
}

export async function openTestHq(kind: BackendKind, opts: { now?: () => Date; log?: Logger; adminToken?: string } = {}): Promise<TestHq> {
  if (kind === 'sqlite') {
    const hq = await openHq({ dataDir: ':memory:', ...opts });
    return { ...hq, cleanup: () => hq.close() };
  }
  const schema = `t_${newId().replace(/-/g, '').slice(-16)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const hq = await openHq({ databaseUrl: PG_URL, pgSchema: schema, ...opts });
  return {
    ...hq,
    async cleanup() {
      await hq.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

/** JSON client over the in-process handler (the same code node:http serves). */
export function client(hq: Hq) {
  return async function call(method: string, url: string, opts: { token?: string; body?: unknown; raw?: string } = {}): Promise<HttpResponse & { body: any }> {
    return hq.handler({
      method,
      url,
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), 'content-type': 'application/json' },
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
  };
}

export interface Org {
  companyId: string;
  branchA: string;
  branchB: string;
  tokenA: string;
  deviceA: string;
  tokenB: string;
  deviceB: string;
  tokenHq: string;
  deviceHq: string;
}

/** A company with branches A and B, one device each, and an HQ ('all' scope) device on A. */
export async function setupOrg(hq: Hq): Promise<Org> {
  const co = await hq.store.createCompany('Acme Trading');
  const a = await hq.store.createBranch({ companyId: co.id, code: 'SH', name: 'Shanghai' });
  const b = await hq.store.createBranch({ companyId: co.id, code: 'BJ', name: 'Beijing' });
  const enrol = async (branchId: string, scope: 'branch' | 'all') => {
    const { code } = await hq.store.issueCode({ branchId, scope });
    return hq.store.enrol({ code, deviceName: `dev-${scope}` });
  };
  const da = await enrol(a.id, 'branch');
  const db = await enrol(b.id, 'branch');
  const dh = await enrol(a.id, 'all');
  return { companyId: co.id, branchA: a.id, branchB: b.id, tokenA: da.token, deviceA: da.deviceId, tokenB: db.token, deviceB: db.deviceId, tokenHq: dh.token, deviceHq: dh.deviceId };
}

export function hlcAt(ms: number, node = 'node-a', counter = 0): string {
  return encodeHlc(ms, counter, node);
}

/** A shared master 'put' (Customer) with per-field HLCs. */
export function customerPut(o: { id?: string; branchId: string; envelopeBranch?: string; hlc: string; fields: Record<string, unknown>; fieldHlc?: Record<string, string>; base?: Record<string, unknown> }): WireChange {
  const id = o.id ?? newId();
  const fieldHlc = o.fieldHlc ?? Object.fromEntries(Object.keys(o.fields).map((k) => [k, o.hlc]));
  const data = { id, number: `SH-CUST-2026-${id.slice(-5)}`, branchId: o.branchId, status: 'active', createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'u', modifiedAt: '2026-01-01T00:00:00.000Z', modifiedBy: 'u', _hlc: o.hlc, _fieldHlc: fieldHlc, deleted: 0, _rev: 1, _search: [], ...o.base, ...o.fields };
  return { changeId: newId(), table: 'customers', recordId: id, op: 'put', hlc: o.hlc, at: '2026-01-01T00:00:00.000Z', branchId: o.envelopeBranch ?? o.branchId, deviceId: newId(), data };
}

export function orderPut(o: { id?: string; branchId: string; envelopeBranch?: string; hlc: string; qty?: number; status?: string }): WireChange {
  const id = o.id ?? newId();
  const data = { id, number: `X-ORD-${id.slice(-6)}`, branchId: o.branchId, status: o.status ?? 'draft', createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'u', modifiedAt: '2026-01-01T00:00:00.000Z', modifiedBy: 'u', _hlc: o.hlc, deleted: 0, _rev: 1, _search: [], customer: 'c', item: 'i', qty: o.qty ?? 1 };
  return { changeId: newId(), table: 'test_orders', recordId: id, op: 'put', hlc: o.hlc, at: '2026-01-01T00:00:00.000Z', branchId: o.envelopeBranch ?? o.branchId, deviceId: newId(), data };
}

export function ledgerAppend(o: { id?: string; branchId: string; envelopeBranch?: string; hlc: string; qty?: number; table?: string }): WireChange {
  const id = o.id ?? newId();
  return { changeId: newId(), table: o.table ?? 'test_ledger', recordId: id, op: 'append', hlc: o.hlc, at: '2026-01-01T00:00:00.000Z', branchId: o.envelopeBranch ?? o.branchId, deviceId: newId(), data: { id, docId: 'd', branchId: o.branchId, item: 'i1', qty: o.qty ?? 1 } };
}

export function priceListPut(o: { branchId: string; hlc: string }): WireChange {
  const id = newId();
  return { changeId: newId(), table: 'test_price_lists', recordId: id, op: 'put', hlc: o.hlc, at: '2026-01-01T00:00:00.000Z', branchId: o.branchId, deviceId: newId(), data: { id, number: 'PL1', branchId: o.branchId, status: 'active', _hlc: o.hlc, deleted: 0, code: 'PL1', rate: 5 } };
}

export function batch(changes: WireChange[], clientVersion = 1) {
  return { batchId: newId(), clientVersion, changes };
}

/** A SyncTransport over the in-process handler (what httpTransport does over fetch). */
export function handlerTransport(hq: Hq): SyncTransport {
  const call = async <T>(method: string, url: string, token?: string, body?: unknown): Promise<T> => {
    const r = await hq.handler({ method, url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (r.status !== 200) {
      const e = (r.body as { error: { code: string; message: string } }).error;
      throw new SyncProtocolError(r.status, e.code, e.message);
    }
    return r.body as T;
  };
  return {
    enrol: (req) => call('POST', '/v1/enrol', undefined, req),
    checkCode: (req) => call('POST', '/v1/enrol/check', undefined, req),
    branches: (token) => call('GET', '/v1/branches', token),
    push: (token, req) => call('POST', '/v1/push', token, req),
    pull: (token, after, limit) => call('GET', `/v1/pull?after=${after}&limit=${limit}`, token),
  };
}
