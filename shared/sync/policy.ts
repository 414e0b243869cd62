/**
 * Replication policy of a table, derived from the registry (the one place ownership is
 * declared): the HQ server uses it to authorise each pushed change, the client to choose the
 * merge rule for each pulled one. Both sides load the same modules, so they agree.
 *
 *  shared  master data (customers, items): 'put', merged per field by HLC, any branch writes;
 *  branch  branch-owned documents: 'put', written only by the owning branch, newest _hlc wins;
 *  hq      head-office data (price lists, chart of accounts): 'put' only from an 'all'-scope
 *          device (HQ); branches send change requests instead;
 *  ledger  append-only events (GL/stock/payment rows, audit): 'append', union by id.
 *
 * Users and roles (kernel system tables) replicate too: roles are head-office data; a user row
 * belongs to the branch in its `branchId`, and a user with `branchId: ''` is company-wide:
 * written only by head office, received by every branch (`companyWide`).
 *
 * Tables that are derived (balances) or declared `replicate: false` (local conflict inbox,
 * history) have no policy: they never leave the device and the server refuses them.
 */
import type { DocTypeDef } from '../kernel/doctype';
import { allDocTypes, allTables, docTypeByTable } from '../kernel/registry';

export type TableKind = 'shared' | 'branch' | 'hq' | 'ledger';

export interface TablePolicy {
  table: string;
  kind: TableKind;
  /** The operation changes of this table must carry. */
  op: 'put' | 'append';
  docType?: DocTypeDef;
  /** Rows with `branchId: ''` belong to no branch: only HQ writes them and every branch receives them. */
  companyWide?: boolean;
}

/** Append-only system tables of the kernel that replicate like ledgers. */
const SYSTEM_LEDGERS = new Set(['audit']);

/** Kernel system tables that replicate as records (see the header). */
const SYSTEM_RECORDS: Record<string, TablePolicy> = {
  roles: { table: 'roles', kind: 'hq', op: 'put' },
  users: { table: 'users', kind: 'branch', op: 'put', companyWide: true },
};

export function tablePolicy(table: string): TablePolicy | null {
  const def = docTypeByTable(table);
  if (def) return { table, kind: def.ownership, op: 'put', docType: def };
  if (SYSTEM_LEDGERS.has(table)) return { table, kind: 'ledger', op: 'append' };
  if (Object.hasOwn(SYSTEM_RECORDS, table)) return SYSTEM_RECORDS[table];
  const t = allTables().get(table);
  if (!t || t.derived || t.replicate === false) return null;
  // a replicated table that is not append-only (attachments) is owned by the branch that wrote
  // each row: 'put', newest _hlc wins, only that branch may change it
  if (!t.appendOnly) return { table, kind: 'branch', op: 'put' };
  return { table, kind: 'ledger', op: 'append' };
}

/** Every replicated table known to this build (doc tables, ledgers, audit). */
export function replicatedTables(): TablePolicy[] {
  const names = new Set<string>([...SYSTEM_LEDGERS, ...Object.keys(SYSTEM_RECORDS)]);
  for (const d of allDocTypes()) names.add(d.table);
  for (const [name] of allTables()) names.add(name);
  const out: TablePolicy[] = [];
  for (const n of names) {
    const p = tablePolicy(n);
    if (p) out.push(p);
  }
  return out;
}

/**
 * Rows of a replicated table that stay on their installation by design, never pushed: the
 * roles installed with the company (built-in and module setup roles: same ids and rights on
 * every installation, never written through saveRole, so without `_hlc`)
 * and an installation's own first administrator (a user without `branchId`).
 */
export function isLocalOnly(table: string, row: Record<string, unknown>): boolean {
  if (table === 'roles') return row._hlc === undefined;
  if (table === 'users') return row.branchId === undefined;
  return false;
}
