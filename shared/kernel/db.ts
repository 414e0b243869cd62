/**
 * Local stores: one registry database per installation (which companies exist, this device's
 * id) and one Dexie database per company.
 *
 * The company database enforces two invariants itself, below every service, through a DBCore
 * middleware: rows of append-only tables (ledgers, audit) are never overwritten or deleted, and
 * a submitted or cancelled document never changes except submitted -> cancelled. A renderer
 * bug or a script that bypasses the services still cannot rewrite the books.
 */
import Dexie, { type DBCore, type DBCoreMutateRequest, type Table, type Transaction } from 'dexie';
import { appendOnlyTables, companyStores, submittableTables, MIGRATIONS } from './schema';
import { DomainError } from './errors';

export interface CompanyInfo {
  id: string;
  name: string;
  dbName: string;
  baseCurrency: string;
  country: string;
  template: string;
  language: string;
  branchCode: string;
  branchName: string;
  createdAt: string;
  demo: boolean;
}

export class RegistryDb extends Dexie {
  companies!: Table<CompanyInfo, string>;
  local!: Table<{ key: string; value: unknown }, string>;
  constructor(name = 'branchline') {
    super(name);
    this.version(1).stores({ companies: 'id, name', local: '&key' });
  }
}

/** Fields that may change when a submitted document is cancelled. */
const CANCEL_FIELDS = new Set(['status', 'modifiedAt', 'modifiedBy', '_hlc', '_rev', 'cancelledAt', 'cancelledBy', 'cancelReason']);

function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const k of keys) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) out.push(k);
  return out;
}

/**
 * Transactions that apply replicated changes pulled from head office (shared/sync/apply.ts).
 * In them the guard lets a submitted or cancelled document be replaced by a newer version from
 * its owning branch (HQ accepted that version only from that branch, and the local copy is just
 * a replica); append-only rows stay protected even then. Keyed by the DBCore transaction that
 * every mutate request carries, so the flag cannot leak to another transaction.
 */
const replicatedTx = new WeakSet<object>();

/** Mark a rw transaction as applying replicated changes (see above). Call it inside the transaction. */
export function markReplicatedTx(tx: Transaction): void {
  replicatedTx.add((tx as unknown as { idbtrans: object }).idbtrans);
}

function guardMiddleware(appendOnly: Set<string>, submittable: Set<string>) {
  return {
    stack: 'dbcore' as const,
    name: 'branchline-guards',
    create(down: DBCore): DBCore {
      return {
        ...down,
        table(name: string) {
          const table = down.table(name);
          if (!appendOnly.has(name) && !submittable.has(name)) return table;
          return {
            ...table,
            // Plain promise chains, not async/await: a native await inside DBCore loses
            // Dexie's transaction zone under some call patterns (PrematureCommitError).
            mutate(req: DBCoreMutateRequest) {
              // an add never overwrites (IndexedDB refuses an existing key with ConstraintError),
              // so it needs no read of the old rows: every ledger row, audit row and new document
              // is written without one
              if (req.type === 'add') return table.mutate(req);
              if (req.type === 'deleteRange') return Promise.reject(new DomainError('error.store_append_only', { table: name }));
              if (req.type === 'delete') {
                if (appendOnly.has(name)) return Promise.reject(new DomainError('error.store_append_only', { table: name }));
                return table.getMany({ trans: req.trans, keys: req.keys }).then((olds) => {
                  for (const o of olds) if (o && o.status !== 'draft') throw new DomainError('error.store_immutable', { table: name, number: o.number });
                  return table.mutate(req);
                });
              }
              const keys: unknown[] = req.keys ?? req.values.map((v: { id?: string }) => v.id);
              if (keys.some((k) => k === undefined)) return table.mutate(req);
              return table.getMany({ trans: req.trans, keys }).then((olds) => {
                olds.forEach((old, i) => {
                  if (!old) return;
                  if (appendOnly.has(name)) throw new DomainError('error.store_append_only', { table: name });
                  if (old.status === 'draft' || replicatedTx.has(req.trans)) return;
                  const next = req.values[i] as Record<string, unknown>;
                  const changed = changedFields(old, next);
                  const cancelling = old.status === 'submitted' && next.status === 'cancelled' && changed.every((f) => CANCEL_FIELDS.has(f));
                  if (changed.length && !cancelling) throw new DomainError('error.store_immutable', { table: name, number: old.number });
                });
                return table.mutate(req);
              });
            },
          };
        },
      };
    },
  };
}

/**
 * Per-table write counters: every mutation of a table (through any path: services, replicated
 * pages, imports, restore) bumps its counter when it is requested. Readers that cache something
 * derived from a small, rarely written table (the chart of accounts for reports) compare the
 * counter instead of re-reading the table. A bump for a write whose transaction then aborts
 * only costs one needless re-read.
 */
function versionMiddleware(versions: Map<string, number>) {
  return {
    stack: 'dbcore' as const,
    name: 'branchline-table-versions',
    create(down: DBCore): DBCore {
      return {
        ...down,
        table(name: string) {
          const table = down.table(name);
          return {
            ...table,
            mutate(req: DBCoreMutateRequest) {
              versions.set(name, (versions.get(name) ?? 0) + 1);
              return table.mutate(req).then((res) => {
                versions.set(name, (versions.get(name) ?? 0) + 1);
                return res;
              });
            },
          };
        },
      };
    },
  };
}

export class CompanyDb extends Dexie {
  meta!: Table<{ key: string; value: unknown }, string>;
  users!: Table<Record<string, unknown>, string>;
  roles!: Table<Record<string, unknown>, string>;
  audit!: Table<Record<string, unknown>, string>;
  outbox!: Table<Record<string, unknown>, number>;
  series!: Table<{ key: string; next: number }, string>;
  notifications!: Table<Record<string, unknown>, string>;

  constructor(name: string) {
    super(name);
    const stores = companyStores();
    for (const m of MIGRATIONS) {
      // Every version declares the whole current schema: Dexie diffs each declared version against
      // what is installed, so an older version declared with fewer tables would DELETE the others
      // (and their data) on the way up. Removing a table needs its own migration.
      const v = this.version(m.version).stores(stores);
      if (m.upgrade) v.upgrade(m.upgrade);
    }
    this.use(guardMiddleware(appendOnlyTables(), submittableTables()));
    this.use(versionMiddleware(this.tableVersions));
  }

  private readonly tableVersions = new Map<string, number>();

  /** The write counter of a table in this process (see versionMiddleware). */
  tableVersion(name: string): number {
    return this.tableVersions.get(name) ?? 0;
  }

  t<T = Record<string, unknown>>(name: string): Table<T, string> {
    return this.table(name) as Table<T, string>;
  }
}

export function companyDbName(companyId: string): string {
  return `branchline-co-${companyId}`;
}
