/**
 * HqStore: the head office's replicated data and the rules it enforces on every change.
 *
 * Invariants:
 *  - Identity comes from the device credential (bearer token -> device -> branch, scope),
 *    never from the payload: a change whose envelope or row names another branch is refused.
 *  - Each changeId is applied at most once; a batch is answered once and a replayed batchId
 *    gets the stored answer (same bytes).
 *  - `changes.seq` is assigned while holding the row lock of the single `counters` row, taken
 *    as the FIRST statement of the ingest transaction and held until commit. So ingests are
 *    serialised, seqs are gap-free and become visible in seq order: a reader that sees seq N
 *    sees every seq < N, and a pull cursor never skips a row. (A PostgreSQL SEQUENCE would
 *    not give this: nextval() is handed out at call time and committed in any order.)
 *  - Nothing is overwritten silently: an append with a known id and other content is recorded
 *    in `conflicts` and the stored row kept; every value a master-data merge overwrites goes
 *    to `field_history`; a future client clock is clamped and recorded as 'clock_skew'.
 *  - One bad change never halts the batch: it is answered 'rejected' with a code and the
 *    others proceed; only a store failure fails the whole batch (nothing applied, retryable).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { newId } from '../shared/kernel/ids';
import { decodeHlc, encodeHlc } from '../shared/kernel/hlc';
import {
  LIMITS, SYNC_ERRORS, SyncProtocolError, canonicalJson, isHlc,
  type BranchInfo, type ChangeResult, type DeviceScope, type EnrolCheckResponse, type EnrolRequest, type EnrolResponse, type ValidationIssue, type PullResponse, type PushRequest, type PushResponse, type WireChange,
} from '../shared/sync/protocol';
import { tablePolicy, type TablePolicy } from '../shared/sync/policy';
import { mergeRecord, sameContent, type LostValue, type Rec } from '../shared/sync/merge';
import type { Engine, HqDatabase, HqDb } from './db';
import { newEnrolCode, newToken, normaliseCode, sha256 } from './secrets';
import { silentLogger, type Logger } from './log';

export interface Device {
  id: string;
  companyId: string;
  branchId: string;
  scope: DeviceScope;
  name: string;
}

export interface CompanySetup {
  id?: string;
  baseCurrency?: string;
  template?: string;
  country?: string;
}

function companySetupIssues(c: CompanySetup): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  if (c.id !== undefined && !/^[A-Za-z0-9_.:-]{1,64}$/.test(c.id)) out.push({ path: 'id', code: 'id_expected' });
  if (c.baseCurrency !== undefined && !/^[A-Za-z]{3}$/.test(c.baseCurrency)) out.push({ path: 'baseCurrency', code: 'currency_expected' });
  if (c.template !== undefined && !/^[a-z0-9-]{1,40}$/.test(c.template)) out.push({ path: 'template', code: 'template_expected' });
  if (c.country !== undefined && !/^[A-Za-z]{2}$/.test(c.country)) out.push({ path: 'country', code: 'country_expected' });
  return out;
}

function enrolInfo(company: { name: string; base_currency: string | null; template: string | null; country: string | null }, branchName: string): Pick<EnrolResponse, 'companyName' | 'branchName' | 'baseCurrency' | 'template' | 'country'> {
  return {
    companyName: company.name,
    branchName,
    ...(company.base_currency ? { baseCurrency: company.base_currency } : {}),
    ...(company.template ? { template: company.template } : {}),
    ...(company.country ? { country: company.country } : {}),
  };
}

/** Devices ever enrolled on a branch (revoked ones keep their number: numbers are never reused). */
async function branchDeviceCount(db: Kysely<HqDatabase> | Transaction<HqDatabase>, branchId: string): Promise<number> {
  const r = await db.selectFrom('devices').select((eb) => eb.fn.countAll().as('n')).where('branch_id', '=', branchId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface StoreOptions {
  now?: () => Date;
  log?: Logger;
}

type Trx = Transaction<HqDatabase>;

export class HqStore {
  private readonly nowFn: () => Date;
  readonly log: Logger;

  constructor(
    readonly db: HqDb,
    readonly engine: Engine,
    opts: StoreOptions = {},
  ) {
    this.nowFn = opts.now ?? (() => new Date());
    this.log = opts.log ?? silentLogger;
  }

  now(): Date {
    return this.nowFn();
  }

  // ---- administration ------------------------------------------------------------------

  /**
   * Register a company. `setup` (base currency, chart template, country) is what a branch that
   * joins from the desktop app installs, so its template records get the ids head office's have.
   */
  async createCompany(name: string, setup: CompanySetup = {}): Promise<{ id: string; name: string } & CompanySetup> {
    if (!name.trim()) throw new SyncProtocolError(400, SYNC_ERRORS.invalidRequest, 'company name required');
    const issues = companySetupIssues(setup);
    if (issues.length) throw new SyncProtocolError(400, SYNC_ERRORS.invalidRequest, `invalid company setup: ${issues.map((i) => i.path).join(', ')}`, issues);
    const id = setup.id ?? newId();
    const row = { base_currency: setup.baseCurrency?.toUpperCase() ?? null, template: setup.template ?? null, country: setup.country?.toUpperCase() ?? null };
    await this.db.insertInto('companies').values({ id, name: name.trim(), created_at: this.now().toISOString(), ...row }).execute();
    return { id, name: name.trim(), ...(row.base_currency ? { baseCurrency: row.base_currency } : {}), ...(row.template ? { template: row.template } : {}), ...(row.country ? { country: row.country } : {}) };
  }

  async listCompanies(): Promise<{ id: string; name: string; baseCurrency: string | null; template: string | null; country: string | null }[]> {
    const rows = await this.db.selectFrom('companies').select(['id', 'name', 'base_currency', 'template', 'country']).orderBy('name').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, baseCurrency: r.base_currency, template: r.template, country: r.country }));
  }

  /**
   * Register a branch. `id` may be given to register an installation that already exists (the
   * branch id its local company was created with), so its pending outbox is accepted as is.
   */
  async createBranch(input: { companyId: string; code: string; name: string; id?: string }): Promise<{ id: string; companyId: string; code: string; name: string }> {
    const code = input.code.trim().toUpperCase();
    if (!/^[A-Z0-9]{1,8}$/.test(code)) throw new SyncProtocolError(400, SYNC_ERRORS.invalidRequest, 'branch code: 1-8 letters or digits');
    if (input.id !== undefined && !/^[A-Za-z0-9_.:-]{1,64}$/.test(input.id)) throw new SyncProtocolError(400, SYNC_ERRORS.invalidRequest, 'bad branch id');
    const co = await this.db.selectFrom('companies').select('id').where('id', '=', input.companyId).executeTakeFirst();
    if (!co) throw new SyncProtocolError(404, SYNC_ERRORS.notFound, 'company not found');
    const id = input.id ?? newId();
    await this.db.insertInto('branches').values({ id, company_id: input.companyId, code, name: input.name.trim() || code, created_at: this.now().toISOString() }).execute();
    return { id, companyId: input.companyId, code, name: input.name.trim() || code };
  }

  /** The company's branches (what a device shows in report filters). */
  async listBranches(companyId: string): Promise<BranchInfo[]> {
    return this.db.selectFrom('branches').select(['id', 'code', 'name']).where('company_id', '=', companyId).orderBy('code').execute();
  }

  async findBranch(ref: string): Promise<{ id: string; company_id: string; code: string } | undefined> {
    return this.db.selectFrom('branches').select(['id', 'company_id', 'code']).where((eb) => eb.or([eb('id', '=', ref), eb('code', '=', ref.toUpperCase())])).executeTakeFirst();
  }

  /** A one-time enrolment code for a branch (returned once, stored hashed). */
  async issueCode(input: { branchId: string; scope?: DeviceScope; ttlHours?: number }): Promise<{ code: string; expiresAt: string; branchId: string; scope: DeviceScope }> {
    const branch = await this.db.selectFrom('branches').select(['id', 'company_id']).where('id', '=', input.branchId).executeTakeFirst();
    if (!branch) throw new SyncProtocolError(404, SYNC_ERRORS.notFound, 'branch not found');
    const scope = input.scope ?? 'branch';
    const code = newEnrolCode();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + (input.ttlHours ?? 72) * 3600_000).toISOString();
    await this.db.insertInto('enrol_codes').values({ code_hash: sha256(normaliseCode(code)), company_id: branch.company_id, branch_id: branch.id, scope, expires_at: expiresAt, used_at: null, device_id: null, created_at: now.toISOString() }).execute();
    return { code, expiresAt, branchId: branch.id, scope };
  }

  async enrol(req: EnrolRequest): Promise<EnrolResponse> {
    const hash = sha256(normaliseCode(req.code));
    const now = this.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('enrol_codes').selectAll().where('code_hash', '=', hash).executeTakeFirst();
      if (!row || row.used_at || row.expires_at <= now) throw new SyncProtocolError(400, SYNC_ERRORS.codeInvalid, 'enrolment code unknown, already used or expired');
      const deviceId = newId();
      // the WHERE used_at IS NULL makes a concurrent second use of the same code fail
      const upd = await trx.updateTable('enrol_codes').set({ used_at: now, device_id: deviceId }).where('code_hash', '=', hash).where('used_at', 'is', null).executeTakeFirst();
      if (Number(upd.numUpdatedRows) !== 1) throw new SyncProtocolError(400, SYNC_ERRORS.codeInvalid, 'enrolment code already used');
      const branch = await trx.selectFrom('branches').select(['id', 'code', 'name', 'company_id']).where('id', '=', row.branch_id).executeTakeFirstOrThrow();
      const company = await trx.selectFrom('companies').select(['name', 'base_currency', 'template', 'country']).where('id', '=', branch.company_id).executeTakeFirstOrThrow();
      const token = newToken();
      await trx.insertInto('devices').values({ id: deviceId, company_id: branch.company_id, branch_id: branch.id, name: req.deviceName, token_hash: sha256(token), scope: row.scope, revoked: 0, created_at: now, revoked_at: null, last_seen_at: null }).execute();
      this.log.log('info', 'device enrolled', { deviceId, branchId: branch.id, scope: row.scope });
      const deviceNo = await branchDeviceCount(trx, branch.id);
      return { deviceId, token, companyId: branch.company_id, branchId: branch.id, branchCode: branch.code, scope: row.scope, deviceNo, ...enrolInfo(company, branch.name) };
    });
  }

  /**
   * What a code would enrol into (company, branch, scope), WITHOUT using it: the desktop app
   * shows it before a new installation joins, so a wrong code costs nothing.
   */
  async checkCode(req: { code: string }): Promise<EnrolCheckResponse> {
    const row = await this.db.selectFrom('enrol_codes').selectAll().where('code_hash', '=', sha256(normaliseCode(req.code))).executeTakeFirst();
    if (!row || row.used_at || row.expires_at <= this.now().toISOString()) throw new SyncProtocolError(400, SYNC_ERRORS.codeInvalid, 'enrolment code unknown, already used or expired');
    const branch = await this.db.selectFrom('branches').select(['id', 'code', 'name', 'company_id']).where('id', '=', row.branch_id).executeTakeFirstOrThrow();
    const company = await this.db.selectFrom('companies').select(['name', 'base_currency', 'template', 'country']).where('id', '=', branch.company_id).executeTakeFirstOrThrow();
    const deviceNo = (await branchDeviceCount(this.db, branch.id)) + 1;
    return { companyId: branch.company_id, branchId: branch.id, branchCode: branch.code, scope: row.scope, expiresAt: row.expires_at, deviceNo, ...enrolInfo(company, branch.name) };
  }

  /** The device behind `Authorization: Bearer <token>`; revoked devices are refused at once. */
  async authenticate(authorization: string | undefined): Promise<Device> {
    const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '');
    if (!m) throw new SyncProtocolError(401, SYNC_ERRORS.unauthorized, 'missing or malformed bearer token');
    const d = await this.db.selectFrom('devices').selectAll().where('token_hash', '=', sha256(m[1])).executeTakeFirst();
    if (!d) throw new SyncProtocolError(401, SYNC_ERRORS.unauthorized, 'unknown device token');
    if (d.revoked) throw new SyncProtocolError(401, SYNC_ERRORS.deviceRevoked, 'this device has been revoked by head office');
    return { id: d.id, companyId: d.company_id, branchId: d.branch_id, scope: d.scope, name: d.name };
  }

  async revokeDevice(id: string): Promise<boolean> {
    const r = await this.db.updateTable('devices').set({ revoked: 1, revoked_at: this.now().toISOString() }).where('id', '=', id).where('revoked', '=', 0).executeTakeFirst();
    const ok = Number(r.numUpdatedRows) === 1;
    if (ok) this.log.log('info', 'device revoked', { deviceId: id });
    return ok;
  }

  async listDevices(companyId?: string): Promise<{ id: string; name: string; branchId: string; scope: string; revoked: boolean; createdAt: string; lastSeenAt: string | null }[]> {
    let q = this.db.selectFrom('devices').selectAll();
    if (companyId) q = q.where('company_id', '=', companyId);
    const rows = await q.orderBy('created_at').execute();
    return rows.map((d) => ({ id: d.id, name: d.name, branchId: d.branch_id, scope: d.scope, revoked: !!d.revoked, createdAt: d.created_at, lastSeenAt: d.last_seen_at }));
  }

  async listConflicts(companyId: string, kind?: string): Promise<{ id: number; kind: string; table: string; recordId: string; changeId: string | null; deviceId: string | null; branchId: string | null; detail: unknown; at: string }[]> {
    let q = this.db.selectFrom('conflicts').selectAll().where('company_id', '=', companyId);
    if (kind) q = q.where('kind', '=', kind);
    const rows = await q.orderBy('id').execute();
    return rows.map((r) => ({ id: Number(r.id), kind: r.kind, table: r.tbl, recordId: r.record_id, changeId: r.change_id, deviceId: r.device_id, branchId: r.branch_id, detail: JSON.parse(r.detail), at: r.at }));
  }

  async fieldHistory(companyId: string, table: string, recordId: string): Promise<{ field: string; value: unknown; hlc: string; wonBy: string; changeId: string }[]> {
    const rows = await this.db.selectFrom('field_history').selectAll().where('company_id', '=', companyId).where('tbl', '=', table).where('record_id', '=', recordId).orderBy('id').execute();
    return rows.map((r) => ({ field: r.field, value: JSON.parse(r.value), hlc: r.hlc, wonBy: r.won_by, changeId: r.change_id }));
  }

  /** Current records (tests, admin views). */
  async records(companyId: string, table?: string): Promise<{ table: string; recordId: string; branchId: string; data: Rec }[]> {
    let q = this.db.selectFrom('records').selectAll().where('company_id', '=', companyId);
    if (table) q = q.where('tbl', '=', table);
    const rows = await q.orderBy('tbl').orderBy('record_id').execute();
    return rows.map((r) => ({ table: r.tbl, recordId: r.record_id, branchId: r.branch_id, data: JSON.parse(r.data) as Rec }));
  }

  async changeCount(companyId?: string): Promise<number> {
    let q = this.db.selectFrom('changes').select((eb) => eb.fn.countAll<number>().as('n'));
    if (companyId) q = q.where('company_id', '=', companyId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }

  // ---- push ------------------------------------------------------------------------------

  async push(device: Device, req: PushRequest): Promise<PushResponse> {
    const requestHash = sha256(canonicalJson(req.changes));
    const prior = await this.db.selectFrom('batches').selectAll().where('device_id', '=', device.id).where('batch_id', '=', req.batchId).executeTakeFirst();
    if (prior) return this.replay(prior, requestHash);
    const out = await this.db.transaction().execute(async (trx) => {
      // FIRST statement: take the counter row lock (serialises ingest until commit).
      const lock = await trx.updateTable('counters').set({ value: sql`value` }).where('name', '=', 'seq').returning('value').executeTakeFirstOrThrow();
      const again = await trx.selectFrom('batches').selectAll().where('device_id', '=', device.id).where('batch_id', '=', req.batchId).executeTakeFirst();
      if (again) return this.replay(again, requestHash);
      let seq = Number(lock.value);
      const now = this.now();
      const results: ChangeResult[] = [];
      for (const c of req.changes) results.push(await this.ingestOne(trx, device, c, now, () => ++seq));
      await trx.updateTable('counters').set({ value: seq }).where('name', '=', 'seq').execute();
      await trx.updateTable('devices').set({ last_seen_at: now.toISOString() }).where('id', '=', device.id).execute();
      const res: PushResponse = { batchId: req.batchId, results, serverTime: now.toISOString() };
      await trx.insertInto('batches').values({ device_id: device.id, batch_id: req.batchId, request_hash: requestHash, response: JSON.stringify(res), created_at: now.toISOString() }).execute();
      return res;
    });
    const counts: Record<string, number> = {};
    for (const r of out.results) counts[r.status] = (counts[r.status] ?? 0) + 1;
    this.log.log('info', 'push', { deviceId: device.id, branchId: device.branchId, batchId: req.batchId, changes: req.changes.length, ...counts });
    return out;
  }

  private replay(row: { request_hash: string; response: string }, requestHash: string): PushResponse {
    if (row.request_hash !== requestHash) throw new SyncProtocolError(409, SYNC_ERRORS.batchMismatch, 'this batchId was already used for different changes');
    return JSON.parse(row.response) as PushResponse;
  }

  private async ingestOne(trx: Trx, device: Device, c: WireChange, now: Date, nextSeq: () => number): Promise<ChangeResult> {
    const reject = (code: string): ChangeResult => ({ changeId: c.changeId, status: 'rejected', code });
    if (await trx.selectFrom('changes').select('seq').where('change_id', '=', c.changeId).executeTakeFirst()) return { changeId: c.changeId, status: 'duplicate' };
    if (await trx.selectFrom('conflicts').select('id').where('change_id', '=', c.changeId).where('kind', '=', 'append_conflict').executeTakeFirst()) return { changeId: c.changeId, status: 'conflict', code: SYNC_ERRORS.appendConflict };
    const policy = tablePolicy(c.table);
    if (!policy) return reject(SYNC_ERRORS.unknownTable);
    if (c.op !== policy.op) return reject(SYNC_ERRORS.badOp);
    if (policy.kind === 'hq' && device.scope !== 'all') return reject(SYNC_ERRORS.forbiddenTable);
    if (device.scope !== 'all' && c.branchId !== device.branchId) return reject(SYNC_ERRORS.forbiddenBranch);

    // Clocks: every HLC must parse; one too far in the future is clamped to server time.
    const data = structuredClone(c.data) as Rec;
    if (policy.op === 'put') {
      if (data.id !== c.recordId || !isHlc(data._hlc)) return reject(SYNC_ERRORS.badRecord);
      if (data._fieldHlc !== undefined && (typeof data._fieldHlc !== 'object' || data._fieldHlc === null || Object.values(data._fieldHlc).some((h) => !isHlc(h)))) return reject(SYNC_ERRORS.badHlc);
    }
    if (!isHlc(c.hlc)) return reject(SYNC_ERRORS.badHlc);
    const horizon = now.getTime() + LIMITS.maxClockSkewMs;
    const skewed: string[] = [];
    const clamp = (h: string): string => {
      const d = decodeHlc(h);
      if (d.wall <= horizon) return h;
      skewed.push(h);
      return encodeHlc(now.getTime(), d.counter, d.node);
    };
    const hlc = clamp(c.hlc);
    if (policy.op === 'put') {
      data._hlc = clamp(data._hlc as string);
      if (data._fieldHlc) data._fieldHlc = Object.fromEntries(Object.entries(data._fieldHlc as Record<string, string>).map(([k, v]) => [k, clamp(v)]));
    }
    if (skewed.length) {
      await this.conflict(trx, device, 'clock_skew', c, { hlc: c.hlc, serverTime: now.toISOString(), aheadMs: decodeHlc(skewed[0]).wall - now.getTime() });
      this.log.log('warn', 'client clock ahead: HLC clamped', { deviceId: device.id, changeId: c.changeId, hlc: skewed[0], serverTime: now.toISOString() });
    }
    const ok: ChangeResult = skewed.length ? { changeId: c.changeId, status: 'ok', code: SYNC_ERRORS.clockClamped } : { changeId: c.changeId, status: 'ok' };

    const existing = await trx.selectFrom('records').select(['data', 'branch_id', 'updated_seq']).where('company_id', '=', device.companyId).where('tbl', '=', c.table).where('record_id', '=', c.recordId).executeTakeFirst();

    if (policy.kind === 'ledger') {
      const rowBranch = typeof data.branchId === 'string' ? data.branchId : device.branchId;
      if (device.scope !== 'all' && rowBranch !== device.branchId) return reject(SYNC_ERRORS.forbiddenBranch);
      if (existing) {
        if (sameContent(JSON.parse(existing.data) as Rec, data)) return { changeId: c.changeId, status: 'duplicate' };
        await this.conflict(trx, device, 'append_conflict', c, { stored: JSON.parse(existing.data), incoming: data });
        this.log.log('warn', 'append conflict: same id, different content', { deviceId: device.id, table: c.table, recordId: c.recordId });
        return { changeId: c.changeId, status: 'conflict', code: SYNC_ERRORS.appendConflict };
      }
      const seq = nextSeq();
      await trx.insertInto('records').values({ company_id: device.companyId, tbl: c.table, record_id: c.recordId, data: JSON.stringify(data), hlc, branch_id: rowBranch, kind: policy.kind, updated_seq: seq }).execute();
      await this.logChange(trx, seq, device, c, data, hlc, rowBranch, 'branch', now);
      return ok;
    }

    // put: documents and master data
    let rowBranch: string;
    if (policy.kind === 'branch') {
      if (typeof data.branchId !== 'string') return reject(SYNC_ERRORS.badRecord);
      rowBranch = data.branchId;
      if (device.scope !== 'all' && rowBranch !== device.branchId) return reject(SYNC_ERRORS.forbiddenBranch);
      if (existing && existing.branch_id !== rowBranch) return reject(SYNC_ERRORS.forbiddenBranch);
    } else {
      rowBranch = existing?.branch_id ?? (typeof data.branchId === 'string' ? data.branchId : device.branchId);
    }
    const current = existing ? (JSON.parse(existing.data) as Rec) : null;
    const merged = mergeRecord(policy.kind, current, data, policy.docType);
    const seq = nextSeq();
    if (!existing) {
      await trx.insertInto('records').values({ company_id: device.companyId, tbl: c.table, record_id: c.recordId, data: JSON.stringify(merged.record), hlc: String(merged.record._hlc), branch_id: rowBranch, kind: policy.kind, updated_seq: seq }).execute();
    } else if (merged.changed) {
      await trx.updateTable('records').set({ data: JSON.stringify(merged.record), hlc: String(merged.record._hlc), updated_seq: seq }).where('company_id', '=', device.companyId).where('tbl', '=', c.table).where('record_id', '=', c.recordId).execute();
      // compaction: the record's previous state is carried by this row from now on
      await trx.updateTable('changes').set({ superseded: 1 }).where('seq', '=', Number(existing.updated_seq)).execute();
    }
    if (policy.kind !== 'branch') await this.history(trx, device, c, merged.lost, now);
    // Every accepted change is logged (so each acknowledged changeId exists exactly once); a
    // stale put logs the unchanged merged record, already carried by the record's latest row,
    // so it is logged as superseded and pulls skip it.
    await this.logChange(trx, seq, device, c, merged.record, hlc, rowBranch, visibility(policy), now, !!existing && !merged.changed);
    return ok;
  }

  private async logChange(trx: Trx, seq: number, device: Device, c: WireChange, data: Rec, hlc: string, branchId: string, vis: 'all' | 'branch', now: Date, superseded = false): Promise<void> {
    await trx.insertInto('changes').values({ seq, company_id: device.companyId, tbl: c.table, record_id: c.recordId, op: c.op, data: JSON.stringify(data), hlc, branch_id: branchId, device_id: device.id, change_id: c.changeId, visibility: vis, at: now.toISOString(), ...(superseded ? { superseded: 1 } : {}) }).execute();
  }

  private async conflict(trx: Trx, device: Device, kind: string, c: WireChange, detail: unknown): Promise<void> {
    await trx.insertInto('conflicts').values({ company_id: device.companyId, kind, tbl: c.table, record_id: c.recordId, change_id: c.changeId, device_id: device.id, branch_id: device.branchId, detail: JSON.stringify(detail), at: this.now().toISOString() }).execute();
  }

  private async history(trx: Trx, device: Device, c: WireChange, lost: LostValue[], now: Date): Promise<void> {
    if (!lost.length) return;
    await trx
      .insertInto('field_history')
      .values(lost.map((l) => ({ company_id: device.companyId, tbl: c.table, record_id: c.recordId, field: l.field, value: JSON.stringify(l.value ?? null), hlc: l.hlc, won_by: l.wonBy, change_id: c.changeId, at: now.toISOString() })))
      .execute();
  }

  // ---- pull ------------------------------------------------------------------------------

  /**
   * Changes after `after` visible to the device: a 'branch' device sees shared and HQ data and
   * its own branch's documents and ledger rows; an 'all' device (HQ) sees the whole company.
   */
  async pull(device: Device, after: number, limit: number, count = false): Promise<PullResponse> {
    const visible = (from: number) => {
      // superseded puts are skipped: the record's later row carries its state (compaction)
      let q = this.db.selectFrom('changes').where('company_id', '=', device.companyId).where('seq', '>', from).where('superseded', '=', 0);
      if (device.scope !== 'all') q = q.where((eb) => eb.or([eb('visibility', '=', 'all'), eb('branch_id', '=', device.branchId)]));
      return q;
    };
    const rows = await visible(after).selectAll().orderBy('seq').limit(limit + 1).execute();
    const hasMore = rows.length > limit;
    const page = hasMore ? rows.slice(0, limit) : rows;
    const changes = page.map((r) => ({ seq: Number(r.seq), table: r.tbl, recordId: r.record_id, op: r.op, data: JSON.parse(r.data) as Rec, hlc: r.hlc, branchId: r.branch_id }));
    const cursor = page.length ? Number(page[page.length - 1].seq) : after;
    // asked once per round (first page): how much is left, for the client's progress bar
    const remaining = count ? (hasMore ? Number((await visible(cursor).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) : 0) : undefined;
    return { changes, cursor: String(cursor), hasMore, ...(remaining !== undefined ? { remaining } : {}) };
  }
}

function visibility(p: TablePolicy): 'all' | 'branch' {
  return p.kind === 'shared' || p.kind === 'hq' ? 'all' : 'branch';
}
