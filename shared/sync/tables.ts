/**
 * Local tables of the sync engine and the conflict inbox, plus the ledger-applier registry.
 *
 * Both tables are `replicate: false`: they describe THIS replica's view (what it detected,
 * what it overwrote) and never leave the device; HQ keeps its own `conflicts` and
 * `field_history` tables.
 *
 * Importing this module registers the tables; it must be imported before a company database
 * is opened (shared/sync/index.ts does it; shared/modules.ts should import shared/sync).
 */
import type { Table } from 'dexie';
import { registerTable } from '../kernel/registry';
import { newId } from '../kernel/ids';
import type { TxContext } from '../kernel/tx';
import type { Session } from '../kernel/session';

export const CONFLICTS_TABLE = 'sync_conflicts';
export const HISTORY_TABLE = 'sync_history';

registerTable(CONFLICTS_TABLE, { schema: 'id, at, kind, resolved, [table+recordId]', replicate: false });
registerTable(HISTORY_TABLE, { schema: 'id, at, [table+recordId]', replicate: false });

export type ConflictKind =
  /** HQ or this replica holds a ledger row with this id and other content (never overwritten). */
  | 'append_conflict'
  /** HQ refused one of our changes (forbidden table, another branch's document, ...). */
  | 'rejected'
  /** Two live records of one table share a document number / code (e.g. one customer created at two branches). */
  | 'duplicate_number'
  /** Two active users who may sign in here share a user name (made at two places while offline). */
  | 'duplicate_username'
  /** A pulled change names a table this build does not know (an older app version). */
  | 'unknown_table'
  /** Raised by a module's ledger applier (negative stock, double payment, credit limit, ...). */
  | 'business'
  /** HQ was restored from a backup: this device sent its data again and downloaded everything (./resync.ts). */
  | 'hq_restored';

export interface SyncConflict {
  id: string;
  at: string;
  kind: ConflictKind | string;
  table: string;
  recordId: string;
  changeId?: string;
  /** Machine-readable details: codes, both versions, ids. */
  detail: Record<string, unknown>;
  /** i18n key of the suggested resolution, e.g. 'sync.suggest.merge_records'. */
  suggestion: string;
  /** 0 open, 1 resolved (a number: IndexedDB cannot index booleans). */
  resolved: 0 | 1;
  resolvedAt?: string;
  resolvedBy?: string;
  resolution?: string;
  note?: string;
  /** The document a resolution made (e.g. a stock count), linked from the inbox. */
  document?: ResolutionDocument;
}

export interface FieldHistoryRow {
  id: string;
  at: string;
  table: string;
  recordId: string;
  field: string;
  value: unknown;
  hlc: string;
  wonBy: string;
}

type TableOf = (name: string) => Table<Record<string, unknown>, string>;

/** Add an open conflict unless the same one (kind, table, record, change) is already open. */
export async function addConflict(t: TableOf, c: Omit<SyncConflict, 'id' | 'resolved' | 'at'> & { at?: string }): Promise<void> {
  const open = await t(CONFLICTS_TABLE)
    .where('[table+recordId]')
    .equals([c.table, c.recordId])
    .filter((x) => x.kind === c.kind && x.resolved === 0 && (x.changeId ?? null) === (c.changeId ?? null))
    .first();
  if (open) return;
  const row: SyncConflict = { id: newId(), at: c.at ?? new Date().toISOString(), resolved: 0, ...c };
  await t(CONFLICTS_TABLE).add(row as unknown as Record<string, unknown>);
}

// ---- ledger appliers ----------------------------------------------------------------------

/**
 * How a module keeps its derived tables (balances) current for ledger rows that arrive by
 * sync. Balances never replicate: each replica derives them from the ledger rows it holds.
 * Locally posted rows update balances in the posting transaction; pulled rows do it here.
 *
 * Contract:
 *  - `apply` runs INSIDE the transaction that writes the pulled page and its cursor, once per
 *    page, with the rows of `table` that this page newly added (a row already held is never
 *    passed again, so re-applying a page after a crash cannot double-count);
 *  - it may read anything and write only the tables it lists in `tables`;
 *  - it must NOT call ctx.append / ctx.putDoc / ctx.audit / ctx.outbox: replicated rows must
 *    not re-enter the outbox. It may call `addConflict(ctx.t.bind(ctx), ...)` with kind
 *    'business' to report an invariant the merge broke (e.g. negative stock).
 */
export interface LedgerApplier {
  readonly tables: readonly string[];
  apply(ctx: TxContext, rows: Record<string, unknown>[]): Promise<void>;
}

const appliers = new Map<string, LedgerApplier[]>();

export function registerLedgerApplier(table: string, applier: LedgerApplier): void {
  const list = appliers.get(table) ?? [];
  if (!list.includes(applier)) list.push(applier);
  appliers.set(table, list);
}

export function ledgerAppliers(table: string): readonly LedgerApplier[] {
  return appliers.get(table) ?? [];
}

export function allApplierTables(): string[] {
  return [...new Set([...appliers.values()].flat().flatMap((a) => a.tables))];
}

/**
 * A resolution that makes an ordinary document for a kind of business conflict (by its
 * `detail.code`): e.g. a stock count for negative stock after a merge. The document is made
 * through the application services (rights, validation, audit, outbox as usual) and linked from
 * the resolved inbox entry; the person finishes it (enters the counted quantity) and submits.
 */
export interface ConflictResolver {
  /** Resolution id shown in the inbox (i18n key `syncui.resolution.<id>`). */
  readonly resolution: string;
  resolve(s: Session, c: SyncConflict): Promise<ResolutionDocument>;
}

export interface ResolutionDocument {
  docType: string;
  id: string;
  number: string;
}

const resolvers = new Map<string, ConflictResolver[]>();

export function registerConflictResolver(detailCode: string, r: ConflictResolver): void {
  const list = resolvers.get(detailCode) ?? [];
  if (!list.some((x) => x.resolution === r.resolution)) list.push(r);
  resolvers.set(detailCode, list);
}

export function conflictResolvers(c: Pick<SyncConflict, 'detail'>): readonly ConflictResolver[] {
  const code = typeof c.detail?.code === 'string' ? c.detail.code : '';
  return resolvers.get(code) ?? [];
}
