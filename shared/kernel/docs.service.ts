/**
 * Generic document application services: create, update a draft (or a master record), submit,
 * cancel, delete, read, list, search. The pattern of every command:
 *
 *   check rights -> normalise + validate input (pure) -> open ONE rw transaction ->
 *   re-read current state, run behaviour hooks (posting) -> write record + effects + audit +
 *   outbox -> commit. Any thrown error aborts the transaction: nothing is half-written.
 */
import { DomainError, type FieldIssue } from './errors';
import type { BaseRecord, DocTypeDef, FieldDef } from './doctype';
import { fieldOf } from './doctype';
import { getBehaviour, getDocType, allDocTypes, findDocType } from './registry';
import { normalizeDoc, searchTokens } from './validate';
import { newId } from './ids';
import { nextNumber } from './series';
import { TxContext, type AuditAction } from './tx';
import type { Session } from './session';
import type { Transaction } from 'dexie';
import { keysetPage } from './keyset';

const SYSTEM_TX_TABLES = ['audit', 'outbox', 'series', 'meta', 'notifications'];

function txTables(def: DocTypeDef): string[] {
  const b = getBehaviour(def.name);
  const set = new Set<string>([def.table, ...SYSTEM_TX_TABLES, ...(b.tables ?? [])]);
  // link targets are read for validation
  for (const f of def.fields) {
    if (f.link) set.add(getDocType(f.link).table);
    for (const cf of f.fields ?? []) if (cf.link) set.add(getDocType(cf.link).table);
  }
  return [...set];
}

/** Run `fn` in one rw transaction over the tables a document type's commands touch. */
export async function inDocTx<T>(s: Session, def: DocTypeDef, fn: (ctx: TxContext) => Promise<T>, extraTables: string[] = []): Promise<T> {
  const tables = [...new Set([...txTables(def), ...extraTables])];
  return s.db.transaction('rw', tables, (tx) => runInTx(s, tx, fn));
}

/** Run `fn` in one rw transaction over explicitly named tables (multi-document commands). */
export async function inTx<T>(s: Session, tables: string[], fn: (ctx: TxContext) => Promise<T>): Promise<T> {
  const all = [...new Set([...tables, ...SYSTEM_TX_TABLES])];
  return s.db.transaction('rw', all, (tx) => runInTx(s, tx, fn));
}

/**
 * Start every command with a store read: it refreshes the company settings (lock date, stock
 * policy) inside the transaction, and it gives the IndexedDB transaction a pending request
 * before any hook awaits a plain promise (an idle transaction auto-commits; Dexie then reports
 * PrematureCommitError).
 */
async function runInTx<T>(s: Session, tx: Transaction, fn: (ctx: TxContext) => Promise<T>): Promise<T> {
  const ctx = new TxContext(s.db, s, tx);
  const row = await ctx.t<{ key: string; value: unknown }>('meta').get('company');
  if (row) s.settings = row.value as Session['settings'];
  return fn(ctx);
}

async function checkLinks(ctx: TxContext, def: DocTypeDef, values: Record<string, unknown>): Promise<void> {
  const issues: FieldIssue[] = [];
  const batch = ctx.batch;
  const check = async (linkType: string, id: unknown, field: string, row?: number) => {
    if (typeof id !== 'string' || id === '') return;
    const table = getDocType(linkType).table;
    // in a batched import a target found good stays good until its table is written or handed
    // out through ctx.t (see TxBatch): one read per target instead of one per row
    if (batch?.linkKnown(table, id)) return;
    let target: BaseRecord | undefined;
    if (batch) {
      batch.readable(table);
      target = await ctx.tx.table<BaseRecord, string>(table).get(id);
    } else target = await ctx.t<BaseRecord>(table).get(id);
    if (!target || target.deleted) issues.push({ code: 'error.link_missing', field, row, params: { docType: linkType, value: id } });
    else if (target.status === 'cancelled') issues.push({ code: 'error.link_cancelled', field, row, params: { docType: linkType, value: target.number } });
    else batch?.rememberLink(table, id);
  };
  for (const f of def.fields) {
    if (f.link) await check(f.link, values[f.name], f.name);
    if (f.type === 'table') {
      const rows = (values[f.name] as Record<string, unknown>[]) ?? [];
      for (const cf of f.fields ?? []) if (cf.link) for (let i = 0; i < rows.length; i++) await check(cf.link, rows[i][cf.name], `${f.name}.${cf.name}`, i);
    }
  }
  if (issues.length) throw DomainError.invalid(issues);
}

function duplicateNumber(def: DocTypeDef, number: string): DomainError {
  const field = 'field' in def.naming ? def.naming.field : 'number';
  return new DomainError('error.duplicate', { value: number }, field);
}

async function checkUniqueNumber(ctx: TxContext, def: DocTypeDef, number: string, id: string): Promise<void> {
  const clash = await ctx.t<BaseRecord>(def.table).where('number').equals(number).filter((r) => r.id !== id && !r.deleted).first();
  if (clash) throw duplicateNumber(def, number);
}

/**
 * The store checks of a batched import's own inserts (importDocs), made once per chunk of rows
 * instead of once per row: a record's number must not be held by another live record.
 * - A number repeated within the import is refused at once: the earlier row counts as written.
 * - A number held by a stored record (or a buffered one) is found by `settle`, one index query
 *   for the whole chunk, made before the chunk's rows are issued. The caller settles before it
 *   reports any later error, so the earliest failing row is reported, as row by row.
 * Only used for tables whose writes the batch buffers; ids are fresh (newId) and the store's
 * `add` refuses a taken one.
 */
export class ImportChecks {
  private readonly own = new Map<string, string>();
  private pending: { number: string; id: string; row: number }[] = [];
  /** The import row being inserted (its index in the file). */
  row = -1;

  constructor(readonly def: DocTypeDef) {}

  note(rec: BaseRecord): void {
    const other = this.own.get(rec.number);
    if (other !== undefined && other !== rec.id) throw duplicateNumber(this.def, rec.number);
    this.own.set(rec.number, rec.id);
    this.pending.push({ number: rec.number, id: rec.id, row: this.row });
  }

  /** The first pending row whose number another live record holds, with its error (pending rows are then cleared). */
  async settle(ctx: TxContext): Promise<{ row: number; error: DomainError } | null> {
    if (this.pending.length === 0) return null;
    const pending = this.pending;
    this.pending = [];
    const wanted = new Map(pending.map((p) => [p.number, p]));
    const taken = new Set<string>();
    const see = (r: BaseRecord) => {
      const p = wanted.get(r.number);
      if (p && r.id !== p.id && !r.deleted) taken.add(r.number);
    };
    for (const r of ctx.batch?.pendingRows(this.def.table) ?? []) see(r as BaseRecord);
    // straight to the store, not through ctx.t: the chunk's own rows are not issued yet, so the
    // index walk meets only other records
    for (const r of await ctx.tx.table<BaseRecord, string>(this.def.table).where('number').anyOf([...wanted.keys()]).toArray()) see(r);
    const first = pending.find((p) => taken.has(p.number));
    return first ? { row: first.row, error: duplicateNumber(this.def, first.number) } : null;
  }
}

function seriesDate(def: DocTypeDef, values: Record<string, unknown>, today: string): string {
  for (const name of ['postingDate', 'date', 'transactionDate']) {
    const f = fieldOf(def, name);
    if (f && typeof values[name] === 'string' && values[name]) return values[name] as string;
  }
  return today;
}

function assignUserFields(rec: BaseRecord, values: Record<string, unknown>, def: DocTypeDef, hlc: string): void {
  for (const f of def.fields) {
    if (JSON.stringify(rec[f.name]) !== JSON.stringify(values[f.name])) {
      rec[f.name] = values[f.name];
      if (def.ownership === 'shared') (rec._fieldHlc ??= {})[f.name] = hlc;
    }
  }
}

export async function createDoc(s: Session, docType: string, input: Record<string, unknown>): Promise<BaseRecord> {
  const def = getDocType(docType);
  s.require(docType, 'create');
  const values = normalizeDoc(def, input, s.baseCurrency);
  return redact(s, def, await inDocTx(s, def, (ctx) => insertDocInTx(ctx, def, values, typeof input.id === 'string' && input.id ? input.id : undefined)));
}

/**
 * Build and write ONE new record inside an open transaction: link checks, numbering, behaviour
 * `beforeSave`, search tokens, uniqueness, then the record + audit + outbox. `values` must come
 * from normalizeDoc; rights are the caller's job. Shared by createDoc and importDocs (which
 * writes a whole file in one transaction).
 *
 * `checks` is importDocs' (with a TxBatch on ctx): the number's store check waits for the end of
 * the chunk, the fresh id is announced to the behaviour (ctx.isNewRecord) and the record is
 * buffered with an `add`; every step still runs for every row, in row order.
 */
export async function insertDocInTx(ctx: TxContext, def: DocTypeDef, values: Record<string, unknown>, id?: string, action: AuditAction = 'create', checks?: ImportChecks): Promise<BaseRecord> {
  const s = ctx.session;
  await checkLinks(ctx, def, values);
  const hlc = ctx.hlc();
  const number = 'series' in def.naming ? await nextNumber(ctx, s.settings.seriesCode || s.settings.branchCode, def.naming.series, seriesDate(def, values, ctx.today)) : String(values[def.naming.field]);
  const rec: BaseRecord = {
    id: id ?? newId(),
    number,
    branchId: s.branchId,
    status: def.submittable ? 'draft' : 'active',
    createdAt: ctx.now,
    createdBy: s.user.id,
    modifiedAt: ctx.now,
    modifiedBy: s.user.id,
    _hlc: hlc,
    deleted: 0,
    _rev: 1,
    _search: [],
  };
  if (def.ownership === 'shared') rec._fieldHlc = {};
  assignUserFields(rec, values, def, hlc);
  const batched = !!checks && id === undefined && !!ctx.batch?.buffers(def.table, 'add');
  if (batched) ctx.newRecordId = rec.id;
  try {
    await getBehaviour(def.name).beforeSave?.(rec, ctx);
  } finally {
    if (batched) ctx.newRecordId = undefined;
  }
  rec._search = searchTokens(def, rec);
  if (batched) {
    checks!.note(rec);
    await ctx.addDoc(def, rec, action);
    return rec;
  }
  await checkUniqueNumber(ctx, def, rec.number, rec.id);
  if (await ctx.t(def.table).get(rec.id)) throw new DomainError('error.duplicate', { value: rec.id });
  await ctx.putDoc(def, rec, null, action);
  return rec;
}

async function loadForWrite(ctx: TxContext, def: DocTypeDef, id: string): Promise<BaseRecord> {
  const rec = await ctx.t<BaseRecord>(def.table).get(id);
  if (!rec || rec.deleted) throw new DomainError('error.not_found', { docType: def.name, id });
  return rec;
}

/** Update a draft document or an active master record. `expectedRev` guards against lost updates. */
export async function updateDoc(s: Session, docType: string, id: string, input: Record<string, unknown>, expectedRev?: number): Promise<BaseRecord> {
  const def = getDocType(docType);
  s.require(docType, 'edit');
  const values = normalizeDoc(def, input, s.baseCurrency);
  const out = await inDocTx(s, def, async (ctx) => {
    const before = await loadForWrite(ctx, def, id);
    if (before.status !== 'draft' && before.status !== 'active') throw new DomainError('error.not_draft', { number: before.number, status: before.status });
    if (expectedRev !== undefined && before._rev !== expectedRev) throw new DomainError('error.stale', { number: before.number });
    await checkLinks(ctx, def, values);
    const hlc = ctx.hlc();
    const rec: BaseRecord = structuredClone(before);
    // a user who cannot see a sensitive field never sent it: keep the stored value, don't wipe it
    for (const f of hiddenFields(s, def)) values[f.name] = before[f.name];
    // nor does a form send read-only fields (amendedFrom, links set by services): a value not
    // sent is kept; computed ones are computed again by the behaviour's beforeSave
    for (const f of def.fields) if (f.readOnly && !(f.name in input)) values[f.name] = before[f.name] ?? values[f.name];
    assignUserFields(rec, values, def, hlc);
    if ('field' in def.naming) rec.number = String(values[def.naming.field]);
    rec.modifiedAt = ctx.now;
    rec.modifiedBy = s.user.id;
    rec._hlc = hlc;
    rec._rev = before._rev + 1;
    await getBehaviour(docType).beforeSave?.(rec, ctx);
    rec._search = searchTokens(def, rec);
    await checkUniqueNumber(ctx, def, rec.number, rec.id);
    await ctx.putDoc(def, rec, before, 'update');
    return rec;
  });
  return redact(s, def, out);
}

export async function submitDoc(s: Session, docType: string, id: string): Promise<BaseRecord> {
  const def = getDocType(docType);
  if (!def.submittable) throw new DomainError('error.not_submittable', { docType });
  s.require(docType, 'submit');
  const out = await inDocTx(s, def, async (ctx) => {
    const before = await loadForWrite(ctx, def, id);
    if (before.status !== 'draft') throw new DomainError('error.not_draft', { number: before.number, status: before.status });
    const rec: BaseRecord = { ...structuredClone(before), status: 'submitted', submittedAt: ctx.now, submittedBy: s.user.id, modifiedAt: ctx.now, modifiedBy: s.user.id, _hlc: ctx.hlc(), _rev: before._rev + 1 };
    await getBehaviour(docType).beforeSave?.(rec, ctx);
    await getBehaviour(docType).onSubmit?.(rec, ctx);
    await ctx.putDoc(def, rec, before, 'submit');
    return rec;
  });
  return redact(s, def, out);
}

export async function cancelDoc(s: Session, docType: string, id: string, reason = ''): Promise<BaseRecord> {
  const def = getDocType(docType);
  if (!def.submittable) throw new DomainError('error.not_submittable', { docType });
  s.require(docType, 'cancel');
  const out = await inDocTx(s, def, async (ctx) => {
    const before = await loadForWrite(ctx, def, id);
    if (before.status !== 'submitted') throw new DomainError('error.not_submitted', { number: before.number, status: before.status });
    const rec: BaseRecord = { ...structuredClone(before), status: 'cancelled', cancelledAt: ctx.now, cancelledBy: s.user.id, cancelReason: reason, modifiedAt: ctx.now, modifiedBy: s.user.id, _hlc: ctx.hlc(), _rev: before._rev + 1 };
    await getBehaviour(docType).onCancel?.(rec, ctx);
    await ctx.putDoc(def, rec, before, 'cancel', reason || undefined);
    return rec;
  });
  return redact(s, def, out);
}

/** Delete a draft or a master record: a tombstone (deleted = 1), never a physical delete. */
export async function deleteDoc(s: Session, docType: string, id: string): Promise<void> {
  const def = getDocType(docType);
  s.require(docType, 'edit');
  await inDocTx(s, def, async (ctx) => {
    const before = await loadForWrite(ctx, def, id);
    if (before.status !== 'draft' && before.status !== 'active') throw new DomainError('error.not_draft', { number: before.number, status: before.status });
    await getBehaviour(docType).beforeDelete?.(before, ctx);
    const rec: BaseRecord = { ...structuredClone(before), deleted: 1, modifiedAt: ctx.now, modifiedBy: s.user.id, _hlc: ctx.hlc(), _rev: before._rev + 1 };
    await ctx.putDoc(def, rec, before, 'delete' as AuditAction);
  });
}

/** Copy a cancelled (or any) document into a new draft: the "amend" of a correction. */
export async function amendDoc(s: Session, docType: string, id: string): Promise<BaseRecord> {
  const def = getDocType(docType);
  const src = await getDoc(s, docType, id);
  const values: Record<string, unknown> = {};
  for (const f of def.fields) values[f.name] = f.type === 'money' && typeof src[f.name] === 'number' ? src[f.name] : src[f.name];
  if ('amendedFrom' in Object.fromEntries(def.fields.map((f) => [f.name, 1]))) values.amendedFrom = src.id;
  return createDoc(s, docType, values);
}

export async function getDoc(s: Session, docType: string, id: string): Promise<BaseRecord> {
  const def = getDocType(docType);
  s.require(docType, 'read');
  const rec = await s.db.t<BaseRecord>(def.table).get(id);
  if (!rec || rec.deleted) throw new DomainError('error.not_found', { docType, id });
  return redact(s, def, rec);
}

/** Sensitive fields this session may not see (they need 'read' on the field's rights module). */
export function hiddenFields(s: Session, def: DocTypeDef): FieldDef[] {
  return def.fields.filter((f) => f.sensitive && !s.roles.some((r) => r.all || r.moduleRights[f.sensitive!]?.includes('read')));
}

/** Remove fields the user may not see (sensitive fields need the right on their module). */
export function redact(s: Session, def: DocTypeDef, rec: BaseRecord): BaseRecord {
  const hidden = hiddenFields(s, def);
  if (hidden.length === 0) return rec;
  const out = { ...rec };
  for (const f of hidden) delete out[f.name];
  return out;
}

export interface ListQuery {
  /** Sort field: must be an indexed field (list column, declared index, number, status, modifiedAt). */
  sort?: string;
  dir?: 'asc' | 'desc';
  /** Keyset cursor: the [sortValue, id] of the last row of the previous page. */
  after?: [unknown, string];
  limit?: number;
  /** Equality filters on any fields (e.g. { status: 'draft', customer: id }). */
  filters?: Record<string, unknown>;
  /** Prefix search over the `_search` tokens. */
  search?: string;
  includeDeleted?: boolean;
}

/** Ids of records with a search token starting with `text` (lower-cased), sorted, unique. */
export async function searchIds(table: import('dexie').Table<BaseRecord, string>, text: string): Promise<string[]> {
  const term = text.trim().toLowerCase().normalize('NFKC');
  const keys = (await table.where('_search').startsWith(term).primaryKeys()) as string[];
  return [...new Set(keys)].sort();
}

export interface ListPage {
  rows: BaseRecord[];
  /** Cursor for the next page, or null when this was the last. */
  next: [unknown, string] | null;
}

/**
 * One page of a document list, by keyset over the sort field's index in (value, id) order
 * (shared/kernel/keyset.ts): constant cost at any depth (offset paging costs seconds deep in a 100,000-row list). Filters run on the
 * cursor, so a page stops as soon as it is full.
 */
export async function listDocs(s: Session, docType: string, q: ListQuery = {}): Promise<ListPage> {
  const def = getDocType(docType);
  s.require(docType, 'read');
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const table = s.db.t<BaseRecord>(def.table);
  const filters = Object.entries(q.filters ?? {}).filter(([, v]) => v !== undefined && v !== '');
  const pred = (r: BaseRecord) => (q.includeDeleted || !r.deleted) && filters.every(([k, v]) => r[k] === v);
  let rows: BaseRecord[];
  if (q.search && q.search.trim()) {
    // Matching ids from the token index (keys only, no records), de-duplicated and ordered by
    // id; pages continue after the last id. Exact at any depth, and the count is known.
    const ids = await searchIds(table, q.search);
    const after = q.after?.[1];
    let i = after === undefined ? 0 : ids.findIndex((id) => id > after);
    if (i < 0) i = ids.length;
    rows = [];
    while (rows.length <= limit && i < ids.length) {
      const chunk = ids.slice(i, i + (limit + 1) * 2);
      i += chunk.length;
      for (const r of await table.bulkGet(chunk)) if (r && pred(r) && rows.length <= limit) rows.push(r);
    }
  } else {
    const sort = q.sort ?? 'modifiedAt';
    if (sort !== 'id' && !table.schema.idxByName[sort]) throw new DomainError('error.not_sortable', { docType, field: sort });
    const desc = q.dir === 'desc' || (q.dir === undefined && sort === 'modifiedAt');
    rows = await keysetPage(table, { index: sort, after: q.after, desc, filter: pred, limit: limit + 1 });
  }
  const more = rows.length > limit;
  if (more) rows = rows.slice(0, limit);
  const last = rows[rows.length - 1];
  const sortField = q.search ? 'id' : (q.sort ?? 'modifiedAt');
  return { rows: rows.map((r) => redact(s, def, r)), next: more && last ? [sortField === 'id' ? last.id : last[sortField], last.id] : null };
}

/** Count of live records (optionally with equality filters). */
export async function countDocs(s: Session, docType: string, filters: Record<string, unknown> = {}): Promise<number> {
  const def = getDocType(docType);
  s.require(docType, 'read');
  const table = s.db.t<BaseRecord>(def.table);
  const entries = Object.entries(filters).filter(([, v]) => v !== undefined && v !== '');
  if (entries.length === 0) return table.where('deleted').equals(0).count();
  const [k, v] = entries[0];
  const indexed = table.schema.indexes.some((i) => i.name === k);
  const base = indexed ? table.where(k).equals(v as string) : table.toCollection();
  return base.filter((r) => !r.deleted && entries.every(([kk, vv]) => r[kk] === vv)).count();
}

export interface SearchHit {
  docType: string;
  id: string;
  number: string;
  title: string;
  status: string;
}

/** Global search across every document type the user may read (type-ahead: a few per type). */
export async function searchAll(s: Session, text: string, perType = 5): Promise<SearchHit[]> {
  const term = text.trim().toLowerCase().normalize('NFKC');
  if (!term) return [];
  const defs = allDocTypes().filter((def) => s.can(def.name, 'read'));
  // one read transaction, every type's query in flight at once: the latency is that of the
  // slowest type, not the sum of ~50 (results keep the registry's order)
  const perDef = await s.db.transaction('r', [...new Set(defs.map((d) => d.table))], () =>
    Promise.all(defs.map((def) => s.db.t<BaseRecord>(def.table).where('_search').startsWith(term).distinct().filter((r) => !r.deleted).limit(perType).toArray())),
  );
  const hits: SearchHit[] = [];
  defs.forEach((def, i) => {
    for (const r of perDef[i]) hits.push({ docType: def.name, id: r.id, number: r.number, title: String(r[def.titleField] ?? r.number), status: r.status });
  });
  return hits;
}

/** Title of a linked record (for showing link fields). */
export async function linkTitles(s: Session, docType: string, ids: string[]): Promise<Map<string, string>> {
  const def = findDocType(docType);
  const out = new Map<string, string>();
  if (!def || ids.length === 0) return out;
  const recs = await s.db.t<BaseRecord>(def.table).bulkGet([...new Set(ids)]);
  for (const r of recs) if (r) out.set(r.id, String(r[def.titleField] || r.number));
  return out;
}
