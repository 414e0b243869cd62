/**
 * TxContext: what an application service and the behaviour hooks it calls see inside the ONE
 * read-write Dexie transaction of a command. Every write goes through it, so that each write
 * also appends its audit row and its replication outbox change in the same transaction: if
 * anything throws, Dexie aborts and nothing at all is written.
 *
 * A bulk import attaches a TxBatch (./tx-batch.ts): its records, audit and outbox rows then wait
 * in memory and reach the store in bulk, and `t(name)` is the read barrier that issues a table's
 * buffered writes before anyone reads it. Without a batch (every other command) each write is
 * awaited on its own, as always.
 */
import type { Table, Transaction } from 'dexie';
import type { CompanyDb } from './db';
import type { Session } from './session';
import { newId } from './ids';
import type { BaseRecord, DocTypeDef } from './doctype';
import { allTables } from './registry';
import { DomainError } from './errors';
import type { TxBatch } from './tx-batch';

export type AuditAction = 'create' | 'update' | 'submit' | 'cancel' | 'delete' | 'login' | 'login_failed' | 'restore' | 'settings' | 'merge' | 'import';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditRow {
  id: string;
  at: string;
  hlc: string;
  userId: string;
  userName: string;
  deviceId: string;
  branchId: string;
  docType: string;
  docId: string;
  docNumber: string;
  action: AuditAction;
  changes: FieldChange[];
  note?: string;
}

export interface OutboxChange {
  seq?: number;
  changeId: string;
  table: string;
  recordId: string;
  /** put: full record after the write; append: a new ledger row; */
  op: 'put' | 'append';
  hlc: string;
  at: string;
  branchId: string;
  deviceId: string;
  data: Record<string, unknown>;
  /**
   * Written while a company template was installed (chart of accounts...). A branch device does
   * not push seeded rows of head-office tables: head office installed the same template with the
   * same ids (seedId) and its version is the one that counts (shared/sync/client.ts).
   */
  seed?: boolean;
}

const INTERNAL = new Set(['_search', '_rev', '_hlc', '_fieldHlc', 'modifiedAt', 'modifiedBy']);

/** Field-level differences between two versions of a record (internal fields left out). */
export function diffRecords(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChange[] {
  const a = before ?? {};
  const b = after ?? {};
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: FieldChange[] = [];
  for (const k of keys) {
    if (INTERNAL.has(k)) continue;
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) out.push({ field: k, before: a[k] ?? null, after: b[k] ?? null });
  }
  return out;
}

export class TxContext {
  readonly now: string;
  readonly today: string;
  /**
   * Set while a company template is installed (company creation): records of head-office
   * tables get deterministic ids (seedId) and their outbox rows are marked `seed`.
   */
  seed?: { template: string };
  /** Set by importDocs for its transaction: writes are buffered (see ./tx-batch.ts). */
  batch?: TxBatch;
  /**
   * The id insertDocInTx just made for the record whose `beforeSave` is running, in a batched
   * import: a behaviour need not look for a stored version of it (see `isNewRecord`).
   */
  newRecordId?: string;

  constructor(
    readonly db: CompanyDb,
    readonly session: Session,
    /** The Dexie transaction; every read and write goes through tables bound to it. */
    readonly tx: Transaction,
  ) {
    const d = session.now();
    this.now = d.toISOString();
    this.today = session.localDate(d);
  }

  /**
   * A table bound to this transaction. Use it for EVERY read and write inside a command:
   * Dexie's implicit zone can be lost across native awaits in hooks, and a write that escapes
   * the transaction would no longer be atomic with the rest.
   */
  t<T = Record<string, unknown>>(name: string): Table<T, string> {
    this.batch?.barrier(name);
    return this.tx.table(name) as Table<T, string>;
  }

  /** True when `id` was just made for the record being inserted: nothing stored can have it. */
  isNewRecord(id: string): boolean {
    return this.newRecordId !== undefined && this.newRecordId === id;
  }

  /**
   * Write a plain row without audit or outbox (branch-local derived state, e.g. round-robin
   * pointers). In a batched import it waits in the batch, one write per key, and reads through
   * `t(table)` see it.
   */
  async putRow(table: string, row: Record<string, unknown>): Promise<void> {
    if (this.batch?.buffers(table, 'put')) this.batch.write(table, row, 'put');
    else await this.t(table).put(row);
  }

  hlc(): string {
    return this.session.clock.tick();
  }

  /** Write a document record (create or update) with its audit row and outbox change. */
  async putDoc(def: DocTypeDef, rec: BaseRecord, before: BaseRecord | null, action: AuditAction, note?: string): Promise<void> {
    await this.writeDoc(def, rec, before, action, note, 'put');
  }

  /**
   * Write a NEW document record with its audit row and outbox change: like putDoc, but the store
   * refuses an id that exists (a batched import checks its fresh ids this way, in bulk).
   */
  async addDoc(def: DocTypeDef, rec: BaseRecord, action: AuditAction): Promise<void> {
    await this.writeDoc(def, rec, null, action, undefined, 'add');
  }

  private async writeDoc(def: DocTypeDef, rec: BaseRecord, before: BaseRecord | null, action: AuditAction, note: string | undefined, mode: 'add' | 'put'): Promise<void> {
    // a branch device enrolled with head office holds HQ's chart, tax templates, budgets...:
    // head office alone changes them (HQ would refuse the change at the next sync anyway)
    if (def.ownership === 'hq' && this.session.settings.hqManaged && !this.seed) throw new DomainError('error.hq_managed', { docType: def.name });
    if (this.batch?.buffers(def.table, mode)) this.batch.write(def.table, rec, mode);
    else if (mode === 'add') await this.t(def.table).add(rec);
    else await this.t(def.table).put(rec);
    await this.outbox(def.table, rec.id, 'put', rec);
    await this.audit(def.name, rec.id, rec.number, action, diffRecords(before, rec), note);
  }

  /** Append ledger rows (append-only tables) with their outbox changes. */
  async append(table: string, rows: Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    await this.t(table).bulkAdd(rows);
    const t = allTables().get(table);
    if (t?.derived || t?.replicate === false) return;
    const hlc = this.hlc();
    const changes = rows.map((r) => ({ changeId: newId(), table, recordId: String(r.id), op: 'append', hlc, at: this.now, branchId: this.session.branchId, deviceId: this.session.deviceId, data: r, ...(this.seed ? { seed: true } : {}) }) as OutboxChange as unknown as Record<string, unknown>);
    if (this.batch) for (const c of changes) this.batch.write('outbox', c, 'add');
    else await this.t('outbox').bulkAdd(changes);
  }

  async audit(docType: string, docId: string, docNumber: string, action: AuditAction, changes: FieldChange[], note?: string): Promise<void> {
    const row: AuditRow = {
      id: newId(),
      at: this.now,
      hlc: this.hlc(),
      userId: this.session.user.id,
      userName: this.session.user.username,
      deviceId: this.session.deviceId,
      branchId: this.session.branchId,
      docType,
      docId,
      docNumber,
      action,
      changes,
      ...(note ? { note } : {}),
    };
    if (this.batch) this.batch.write('audit', row as unknown as Record<string, unknown>, 'add');
    else await this.t('audit').add(row as unknown as Record<string, unknown>);
    await this.outbox('audit', row.id, 'append', row as unknown as Record<string, unknown>);
  }

  async outbox(table: string, recordId: string, op: OutboxChange['op'], data: Record<string, unknown>): Promise<void> {
    const c: OutboxChange = { changeId: newId(), table, recordId, op, hlc: (data._hlc as string) ?? this.hlc(), at: this.now, branchId: this.session.branchId, deviceId: this.session.deviceId, data, ...(this.seed ? { seed: true } : {}) };
    if (this.batch) this.batch.write('outbox', c as unknown as Record<string, unknown>, 'add');
    else await this.t('outbox').add(c as unknown as Record<string, unknown>);
  }
}
