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
import { sql, type Insertable, type Kysely, type OperationNodeSource, type RawBuilder, type Transaction } from 'kysely';
import { newId } from '../shared/kernel/ids';
import { decodeHlc, encodeHlc } from '../shared/kernel/hlc';
import {
  LIMITS, SYNC_ERRORS, SyncProtocolError, canonicalJson, isHlc,
  type BranchInfo, type ChangeResult, type DeviceScope, type EnrolCheckResponse, type EnrolRequest, type EnrolResponse, type ValidationIssue, type PullResponse, type PushRequest, type PushResponse, type WireChange,
} from '../shared/sync/protocol';
import { tablePolicy, type TablePolicy } from '../shared/sync/policy';
import { mergeRecord, sameContent, type LostValue, type Rec } from '../shared/sync/merge';
import type { ChangesTable, ConflictsTable, Engine, FieldHistoryTable, HqDatabase, HqDb, RecordsTable } from './db';
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

  private storeIdCache: string | undefined;

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

  /**
   * Ingest one batch. The changes are decided one after another, in order, exactly as if each
   * were applied on its own (a later change of the batch sees what the earlier ones did), but
   * against an in-memory view of the batch, so the transaction runs a fixed handful of
   * statements instead of ~5 per change:
   *   1. take the counter row lock (first statement, held to commit: ingest stays serialised);
   *   2. ONE read (loadBatch): the batch's stored answer (a replay), which of its change ids
   *      are already logged or recorded as append conflicts, and every record it touches;
   *   3. decide each change in memory (ingestOne: no statement);
   *   4. write what was decided: multi-row inserts of change-log rows, records, history and
   *      conflicts, the compaction flags, ONE counter update assigning the batch's seqs, the
   *      device's last-seen time and the answer. On PostgreSQL these go as one statement
   *      (data-modifying WITH): the lock is held for the lock, the read, the write and the
   *      commit (four round trips, where there were ~5 per change).
   * Every change still sees what the changes before it did, so results, seqs (gap-free, in
   * commit order), records, compaction flags, history and conflicts are what pushing the
   * changes one at a time would give (tests/server/batch-ingest.test.ts).
   */
  /**
   * The store's identity (counters 'store_id'), in every push and pull answer: a restore gives
   * the copy a new one (server/backup.ts), and a device that sees it change resynchronises.
   */
  async storeId(): Promise<string> {
    if (this.storeIdCache === undefined) {
      const row = await this.db.selectFrom('counters').select('value').where('name', '=', 'store_id').executeTakeFirst();
      this.storeIdCache = row ? String(row.value) : '';
    }
    return this.storeIdCache;
  }

  async push(device: Device, req: PushRequest): Promise<PushResponse> {
    const res = await this.pushBatch(device, req);
    const storeId = await this.storeId();
    return storeId ? { ...res, storeId } : res;
  }

  private async pushBatch(device: Device, req: PushRequest): Promise<PushResponse> {
    const requestHash = sha256(canonicalJson(req.changes));
    const prior = await this.db.selectFrom('batches').selectAll().where('device_id', '=', device.id).where('batch_id', '=', req.batchId).executeTakeFirst();
    if (prior) return this.replay(prior, requestHash);
    const out = await this.db.transaction().execute(async (trx) => {
      // FIRST statement: take the counter row lock (serialises ingest until commit).
      const lock = await trx.updateTable('counters').set({ value: sql`value` }).where('name', '=', 'seq').returning('value').executeTakeFirstOrThrow();
      const now = this.now();
      const b = new IngestBatch(device.companyId, Number(lock.value), now);
      const again = await this.loadBatch(trx, device, req, b);
      if (again) return this.replay(again, requestHash);
      const results: ChangeResult[] = [];
      for (const c of req.changes) results.push(this.ingestOne(b, device, c));
      const res: PushResponse = { batchId: req.batchId, results, serverTime: now.toISOString() };
      const last: Write[] = [];
      // one counter update assigns the batch's seqs (lock value + 1 .. b.seq)
      if (b.seq !== b.base) last.push({ q: trx.updateTable('counters').set({ value: b.seq }).where('name', '=', 'seq'), params: 2 });
      last.push({ q: trx.updateTable('devices').set({ last_seen_at: now.toISOString() }).where('id', '=', device.id), params: 2 });
      last.push({ q: trx.insertInto('batches').values({ device_id: device.id, batch_id: req.batchId, request_hash: requestHash, response: JSON.stringify(res), created_at: now.toISOString() }), params: 5 });
      await this.writeBatch(trx, b, last);
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

  /**
   * Read, under the lock, everything the batch's decisions depend on, in one statement (more
   * only past LOOKUP_CHUNK ids): the batch's stored answer, if another request stored it
   * meanwhile (returned: a replay); which of its change ids are already logged ('log') or
   * recorded as append conflicts ('conflict'); and the stored state of every record a change
   * of a replicated table touches ('record'; absent = not stored yet).
   */
  private async loadBatch(trx: Trx, device: Device, req: PushRequest, b: IngestBatch): Promise<{ request_hash: string; response: string } | undefined> {
    const ids = [...new Set(req.changes.map((c) => c.changeId))];
    const keys: [string, string][] = [];
    for (const c of req.changes) {
      const k = recordKey(c.table, c.recordId);
      if (!b.policy(c.table) || b.records.has(k)) continue;
      b.records.set(k, null);
      keys.push([c.table, c.recordId]);
    }
    let again: { request_hash: string; response: string } | undefined;
    const rounds = Math.max(1, Math.ceil(ids.length / LOOKUP_CHUNK), Math.ceil(keys.length / LOOKUP_CHUNK));
    for (let i = 0; i < rounds; i++) {
      // every part yields (k, a, b, c, d, e, f, n): one row shape for a UNION ALL
      const parts: RawBuilder<unknown>[] = [];
      if (i === 0) parts.push(sql`select 'batch' as k, request_hash as a, response as b, null as c, null as d, null as e, null as f, cast(null as bigint) as n from batches where device_id = ${device.id} and batch_id = ${req.batchId}`);
      const idPart = ids.slice(i * LOOKUP_CHUNK, (i + 1) * LOOKUP_CHUNK);
      if (idPart.length) {
        if (this.engine === 'postgres') {
          // change_id is unique in `changes`: `= any(array)` probes that index. `conflicts` is
          // probed id by id through its change_id index (see the records part below).
          const list = sql`${sql.val(idPart)}::text[]`;
          parts.push(sql`select 'log', change_id, null, null, null, null, null, null from changes where change_id = any(${list})`);
          parts.push(sql`select 'conflict', x.change_id, null, null, null, null, null, null from unnest(${list}) as k(id) cross join lateral (select change_id from conflicts where change_id = k.id and kind = 'append_conflict' limit 1) x`);
        } else {
          const list = sql.join(idPart);
          parts.push(sql`select 'log', change_id, null, null, null, null, null, null from changes where change_id in (${list})`);
          parts.push(sql`select 'conflict', change_id, null, null, null, null, null, null from conflicts where kind = 'append_conflict' and change_id in (${list})`);
        }
      }
      const keyPart = keys.slice(i * LOOKUP_CHUNK, (i + 1) * LOOKUP_CHUNK);
      if (keyPart.length && this.engine === 'postgres') {
        // One primary-key probe per key (LIMIT 1 keeps the subquery from being flattened into
        // a join): a plan that cannot turn into a scan of the company's records, whatever the
        // table's statistics say (on a young table, `tbl = ? and record_id = any(?)` did).
        parts.push(sql`select 'record', r.tbl, r.record_id, r.data, r.hlc, r.branch_id, r.kind, r.updated_seq from unnest(${sql.val(keyPart.map((k) => k[0]))}::text[], ${sql.val(keyPart.map((k) => k[1]))}::text[]) as k(tbl, record_id) cross join lateral (select * from records where company_id = ${device.companyId} and tbl = k.tbl and record_id = k.record_id limit 1) r`);
      } else if (keyPart.length) {
        const byTable = new Map<string, string[]>();
        for (const [t, id] of keyPart) {
          const l = byTable.get(t);
          if (l) l.push(id);
          else byTable.set(t, [id]);
        }
        for (const [t, recordIds] of byTable) {
          parts.push(sql`select 'record', tbl, record_id, data, hlc, branch_id, kind, updated_seq from records where company_id = ${device.companyId} and tbl = ${t} and record_id in (${sql.join(recordIds)})`);
        }
      }
      const { rows } = await sql<LookupRow>`${sql.join(parts, sql` union all `)}`.execute(trx);
      for (const r of rows) {
        if (r.k === 'batch') again = { request_hash: r.a as string, response: r.b as string };
        else if (r.k === 'log') b.logged.add(r.a as string);
        else if (r.k === 'conflict') b.appendConflicts.add(r.a as string);
        else b.records.set(recordKey(r.a as string, r.b as string), { data: r.c as string, hlc: r.d as string, branchId: r.e as string, kind: r.f as string, updatedSeq: Number(r.n), stored: true, dirty: false });
      }
    }
    return again;
  }

  /** Decide one change against the batch's view (synchronous: no statement runs here). */
  private ingestOne(b: IngestBatch, device: Device, c: WireChange): ChangeResult {
    const now = b.now;
    const reject = (code: string): ChangeResult => ({ changeId: c.changeId, status: 'rejected', code });
    if (b.logged.has(c.changeId)) return { changeId: c.changeId, status: 'duplicate' };
    if (b.appendConflicts.has(c.changeId)) return { changeId: c.changeId, status: 'conflict', code: SYNC_ERRORS.appendConflict };
    const policy = b.policy(c.table);
    if (!policy) return reject(SYNC_ERRORS.unknownTable);
    if (c.op !== policy.op) return reject(SYNC_ERRORS.badOp);
    if (policy.kind === 'hq' && device.scope !== 'all') return reject(SYNC_ERRORS.forbiddenTable);
    if (device.scope !== 'all' && c.branchId !== device.branchId) return reject(SYNC_ERRORS.forbiddenBranch);

    // Clocks: every HLC must parse; one too far in the future is clamped to server time.
    // A shallow copy is enough: only `_hlc` and `_fieldHlc` are replaced (never mutated) below,
    // and the merge and the log read `data` without changing it (the merge clones what it keeps).
    const data = { ...c.data } as Rec;
    if (policy.op === 'put') {
      if (data.id !== c.recordId || !isHlc(data._hlc)) return reject(SYNC_ERRORS.badRecord);
      if (data._fieldHlc !== undefined && (typeof data._fieldHlc !== 'object' || data._fieldHlc === null || Object.values(data._fieldHlc).some((h) => !isHlc(h)))) return reject(SYNC_ERRORS.badHlc);
    }
    if (!isHlc(c.hlc)) return reject(SYNC_ERRORS.badHlc);
    const horizon = now.getTime() + LIMITS.maxClockSkewMs;
    const skewed: string[] = [];
    // every HLC here passed isHlc: its first 15 characters are its wall time (ms)
    const ahead = (h: string): boolean => Number(h.slice(0, 15)) > horizon;
    const clamp = (h: string): string => {
      if (!ahead(h)) return h;
      const d = decodeHlc(h);
      skewed.push(h);
      return encodeHlc(now.getTime(), d.counter, d.node);
    };
    const hlc = clamp(c.hlc);
    if (policy.op === 'put') {
      data._hlc = clamp(data._hlc as string);
      const fieldHlc = data._fieldHlc as Record<string, string> | undefined;
      if (fieldHlc && Object.values(fieldHlc).some(ahead)) data._fieldHlc = Object.fromEntries(Object.entries(fieldHlc).map(([k, v]) => [k, clamp(v)]));
    }
    // the clamp is recorded only for a change that is accepted (a refused one changed nothing)
    const accepted = (): ChangeResult => {
      if (!skewed.length) return { changeId: c.changeId, status: 'ok' };
      this.conflict(b, device, 'clock_skew', c, { hlc: c.hlc, serverTime: now.toISOString(), aheadMs: decodeHlc(skewed[0]).wall - now.getTime() });
      this.log.log('warn', 'client clock ahead: HLC clamped', { deviceId: device.id, changeId: c.changeId, hlc: skewed[0], serverTime: now.toISOString() });
      return { changeId: c.changeId, status: 'ok', code: SYNC_ERRORS.clockClamped };
    };

    const key = recordKey(c.table, c.recordId);
    const existing = b.records.get(key) ?? null;

    if (policy.kind === 'ledger') {
      const rowBranch = typeof data.branchId === 'string' ? data.branchId : device.branchId;
      if (device.scope !== 'all' && rowBranch !== device.branchId) return reject(SYNC_ERRORS.forbiddenBranch);
      if (existing) {
        if (sameContent(JSON.parse(existing.data) as Rec, data)) return { changeId: c.changeId, status: 'duplicate' };
        this.conflict(b, device, 'append_conflict', c, { stored: JSON.parse(existing.data), incoming: data });
        b.appendConflicts.add(c.changeId);
        this.log.log('warn', 'append conflict: same id, different content', { deviceId: device.id, table: c.table, recordId: c.recordId });
        return { changeId: c.changeId, status: 'conflict', code: SYNC_ERRORS.appendConflict };
      }
      const seq = ++b.seq;
      const text = JSON.stringify(data);
      b.records.set(key, { data: text, hlc, branchId: rowBranch, kind: policy.kind, updatedSeq: seq, stored: false, dirty: true });
      this.logChange(b, seq, device, c, text, hlc, rowBranch, 'branch');
      return accepted();
    }

    // put: documents and master data
    let rowBranch: string;
    if (policy.kind === 'branch') {
      if (typeof data.branchId !== 'string') return reject(SYNC_ERRORS.badRecord);
      rowBranch = data.branchId;
      // '' is a company-wide row (a user of every branch): only head office writes one
      if (rowBranch === '' && !policy.companyWide) return reject(SYNC_ERRORS.badRecord);
      if (device.scope !== 'all' && rowBranch !== device.branchId) return reject(SYNC_ERRORS.forbiddenBranch);
      if (existing && existing.branchId !== rowBranch) return reject(SYNC_ERRORS.forbiddenBranch);
    } else {
      rowBranch = existing?.branchId ?? (typeof data.branchId === 'string' ? data.branchId : device.branchId);
    }
    const current = existing ? (JSON.parse(existing.data) as Rec) : null;
    const merged = mergeRecord(policy.kind, current, data, policy.docType);
    const seq = ++b.seq;
    const text = JSON.stringify(merged.record);
    if (!existing) {
      b.records.set(key, { data: text, hlc: String(merged.record._hlc), branchId: rowBranch, kind: policy.kind, updatedSeq: seq, stored: false, dirty: true });
    } else if (merged.changed) {
      // compaction: the record's previous state is carried by this row from now on
      b.supersede(existing.updatedSeq);
      existing.data = text;
      existing.hlc = String(merged.record._hlc);
      existing.updatedSeq = seq;
      existing.dirty = true;
    }
    if (policy.kind !== 'branch') this.history(b, device, c, merged.lost);
    // Every accepted change is logged (so each acknowledged changeId exists exactly once); a
    // stale put logs the unchanged merged record, already carried by the record's latest row,
    // so it is logged as superseded and pulls skip it.
    this.logChange(b, seq, device, c, text, hlc, rowBranch, visibility(policy, rowBranch), !!existing && !merged.changed);
    return accepted();
  }

  private logChange(b: IngestBatch, seq: number, device: Device, c: WireChange, data: string, hlc: string, branchId: string, vis: 'all' | 'branch', superseded = false): void {
    if (seq !== b.base + b.changeRows.length + 1) throw new Error(`ingest: seq ${seq} out of order`);
    b.changeRows.push({ seq, company_id: device.companyId, tbl: c.table, record_id: c.recordId, op: c.op, data, hlc, branch_id: branchId, device_id: device.id, change_id: c.changeId, visibility: vis, at: b.nowIso, superseded: superseded ? 1 : 0 });
    b.logged.add(c.changeId);
  }

  private conflict(b: IngestBatch, device: Device, kind: string, c: WireChange, detail: unknown): void {
    b.conflictRows.push({ company_id: device.companyId, kind, tbl: c.table, record_id: c.recordId, change_id: c.changeId, device_id: device.id, branch_id: device.branchId, detail: JSON.stringify(detail), at: this.now().toISOString() });
  }

  private history(b: IngestBatch, device: Device, c: WireChange, lost: LostValue[]): void {
    for (const l of lost) b.historyRows.push({ company_id: device.companyId, tbl: c.table, record_id: c.recordId, field: l.field, value: JSON.stringify(l.value ?? null), hlc: l.hlc, won_by: l.wonBy, change_id: c.changeId, at: b.nowIso });
  }

  /**
   * Write what the batch decided, then `last` (counter, device, answer). Rows keep the batch's
   * order (conflict and history ids follow it, as when each change was written on its own).
   * PostgreSQL: one statement, every write a data-modifying WITH part (they touch disjoint rows:
   * the compaction update only flags rows of earlier batches), unless the batch is too big for
   * one statement's parameters; SQLite (no round trips to save): one statement after another.
   */
  private async writeBatch(trx: Trx, b: IngestBatch, last: Write[]): Promise<void> {
    const writes: Write[] = [];
    for (const part of chunks(b.conflictRows, rowsPerStatement(9))) writes.push({ q: trx.insertInto('conflicts').values(part), params: part.length * 9 });
    const inserts: Insertable<RecordsTable>[] = [];
    const updates: Insertable<RecordsTable>[] = [];
    for (const [k, r] of b.records) {
      if (!r?.dirty) continue;
      const [tbl, record_id] = splitRecordKey(k);
      (r.stored ? updates : inserts).push({ company_id: b.companyId, tbl, record_id, data: r.data, hlc: r.hlc, branch_id: r.branchId, kind: r.kind, updated_seq: r.updatedSeq });
    }
    for (const part of chunks(inserts, rowsPerStatement(8))) writes.push({ q: trx.insertInto('records').values(part), params: part.length * 8 });
    // stored records: only data, hlc and updated_seq change (branch and kind never do); the
    // rows exist (nothing deletes records, and ingest is serialised), so every row conflicts
    for (const part of chunks(updates, rowsPerStatement(8))) {
      writes.push({
        q: trx
          .insertInto('records')
          .values(part)
          .onConflict((oc) => oc.columns(['company_id', 'tbl', 'record_id']).doUpdateSet((eb) => ({ data: eb.ref('excluded.data'), hlc: eb.ref('excluded.hlc'), updated_seq: eb.ref('excluded.updated_seq') }))),
        params: part.length * 8,
      });
    }
    for (const part of chunks([...b.supersededStored], LOOKUP_CHUNK)) writes.push({ q: trx.updateTable('changes').set({ superseded: 1 }).where('seq', 'in', part), params: part.length + 1 });
    for (const part of chunks(b.historyRows, rowsPerStatement(9))) writes.push({ q: trx.insertInto('field_history').values(part), params: part.length * 9 });
    for (const part of chunks(b.changeRows, rowsPerStatement(13))) writes.push({ q: trx.insertInto('changes').values(part), params: part.length * 13 });
    writes.push(...last);
    if (this.engine === 'postgres' && writes.reduce((n, w) => n + w.params, 0) <= PG_MAX_PARAMS) {
      const main = writes.pop()!;
      const ctes = writes.map((w, i) => sql`${sql.ref(`w${i}`)} as (${w.q})`);
      await (ctes.length ? sql`with ${sql.join(ctes)} ${main.q}` : sql`${main.q}`).execute(trx);
      return;
    }
    for (const w of writes) await w.q.execute();
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
    const storeId = await this.storeId();
    return { changes, cursor: String(cursor), hasMore, ...(remaining !== undefined ? { remaining } : {}), ...(storeId ? { storeId } : {}) };
  }
}

function visibility(p: TablePolicy, rowBranch: string): 'all' | 'branch' {
  if (p.companyWide && rowBranch === '') return 'all';
  return p.kind === 'shared' || p.kind === 'hq' ? 'all' : 'branch';
}

/**
 * Ids per IN list, and bound parameters per multi-row statement: below SQLite's 32,766 and
 * PostgreSQL's 65,535, so a batch of up to 1,000 changes is one statement of each kind.
 */
const LOOKUP_CHUNK = 1000;
const MAX_PARAMS = 30_000;
/** Parameters of the single write statement on PostgreSQL (its protocol allows 65,535). */
const PG_MAX_PARAMS = 60_000;

/** One write of a batch, and how many parameters it binds. */
interface Write {
  q: { execute(): Promise<unknown> } & OperationNodeSource;
  params: number;
}

/** A row of the batch lookup (loadBatch): k says which part it comes from. */
interface LookupRow {
  k: 'batch' | 'log' | 'conflict' | 'record';
  a: string | null;
  b: string | null;
  c: string | null;
  d: string | null;
  e: string | null;
  f: string | null;
  n: number | string | null;
}

function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.floor(MAX_PARAMS / columns));
}

function chunks<T>(xs: T[], size: number): T[][] {
  if (xs.length <= size) return xs.length ? [xs] : [];
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

function recordKey(table: string, recordId: string): string {
  return `${table}\u0000${recordId}`;
}

function splitRecordKey(k: string): [string, string] {
  const i = k.indexOf('\u0000');
  return [k.slice(0, i), k.slice(i + 1)];
}

/** A record as an ingest batch sees it: as stored, then as the batch's earlier changes left it. */
interface BatchRecord {
  /** JSON text, exactly as stored (and re-parsed by each change that reads it, as before). */
  data: string;
  hlc: string;
  branchId: string;
  kind: string;
  updatedSeq: number;
  /** The row exists in `records` (an earlier batch wrote it). */
  stored: boolean;
  /** Changed by this batch: written when the batch ends. */
  dirty: boolean;
}

/** What one ingest batch read and decided; written by HqStore.writeBatch before commit. */
class IngestBatch {
  /** The last seq assigned (this batch's seqs are base + 1 .. seq). */
  seq: number;
  readonly nowIso: string;
  /** Change ids already in the log, or logged by this batch. */
  readonly logged = new Set<string>();
  /** Change ids recorded as append conflicts, before or by this batch. */
  readonly appendConflicts = new Set<string>();
  /** Every record the batch touches, by recordKey; null = not stored. */
  readonly records = new Map<string, BatchRecord | null>();
  readonly changeRows: Insertable<ChangesTable>[] = [];
  readonly conflictRows: Insertable<ConflictsTable>[] = [];
  readonly historyRows: Insertable<FieldHistoryTable>[] = [];
  /** Seqs of earlier batches' rows that this batch supersedes. */
  readonly supersededStored = new Set<number>();
  private readonly policies = new Map<string, TablePolicy | null>();

  constructor(
    readonly companyId: string,
    readonly base: number,
    readonly now: Date,
  ) {
    this.seq = base;
    this.nowIso = now.toISOString();
  }

  policy(table: string): TablePolicy | null {
    let p = this.policies.get(table);
    if (p === undefined) {
      p = tablePolicy(table);
      this.policies.set(table, p);
    }
    return p;
  }

  /** Flag the row of `seq` superseded: in memory when this batch logged it, else when written. */
  supersede(seq: number): void {
    if (seq > this.base) {
      const row = this.changeRows[seq - this.base - 1];
      if (row?.seq !== seq) throw new Error(`ingest: no pending row for seq ${seq}`);
      row.superseded = 1;
    } else {
      this.supersededStored.add(seq);
    }
  }
}
