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
}

/** Append-only system tables of the kernel that replicate like ledgers. */
const SYSTEM_LEDGERS = new Set(['audit']);

export function tablePolicy(table: string): TablePolicy | null {
  const def = docTypeByTable(table);
  if (def) return { table, kind: def.ownership, op: 'put', docType: def };
  if (SYSTEM_LEDGERS.has(table)) return { table, kind: 'ledger', op: 'append' };
  const t = allTables().get(table);
  if (!t || t.derived || t.replicate === false) return null;
  // a replicated table that is not append-only (attachments) is owned by the branch that wrote
  // each row: 'put', newest _hlc wins, only that branch may change it
  if (!t.appendOnly) return { table, kind: 'branch', op: 'put' };
  return { table, kind: 'ledger', op: 'append' };
}

/** Every replicated table known to this build (doc tables, ledgers, audit). */
export function replicatedTables(): TablePolicy[] {
  const names = new Set<string>([...SYSTEM_LEDGERS]);
  for (const d of allDocTypes()) names.add(d.table);
  for (const [name] of allTables()) names.add(name);
  const out: TablePolicy[] = [];
  for (const n of names) {
    const p = tablePolicy(n);
    if (p) out.push(p);
  }
  return out;
}
