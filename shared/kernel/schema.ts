/**
 * The company database schema, derived from the registry.
 *
 * Dexie 4 applies additive schema changes (new tables, new indexes) without a version bump, so
 * modules only declare; SCHEMA_VERSION moves when a data migration is needed, and each
 * migration is kept in MIGRATIONS forever (an old backup or an old install upgrades through it).
 */
import { allDocTypes, allTables } from './registry';
import { indexedFields } from './doctype';

export const SCHEMA_VERSION = 2;

export const SYSTEM_TABLES: Record<string, string> = {
  meta: '&key',
  branches: 'id, &code',
  // not unique: users replicate (shared/sync/policy.ts), and two places may each make a "wang"
  // while offline; creating a user refuses a name taken here, login tries each (company.service)
  users: 'id, usernameLower',
  roles: 'id, &name',
  audit: 'id, at, [docType+docId], userId, action',
  outbox: '++seq, &changeId',
  series: '&key',
  notifications: 'id, at, read',
};

/** Tables whose rows may be added but never changed or deleted. */
export function appendOnlyTables(): Set<string> {
  const s = new Set<string>(['audit']);
  for (const [name, t] of allTables()) if (t.appendOnly) s.add(name);
  return s;
}

export function submittableTables(): Set<string> {
  return new Set(allDocTypes().filter((d) => d.submittable).map((d) => d.table));
}

/** Dexie `stores()` spec for the whole company database. */
export function companyStores(): Record<string, string> {
  const stores: Record<string, string> = { ...SYSTEM_TABLES };
  for (const def of allDocTypes()) {
    // One single-field index per sortable / filtered column: keyset paging walks it in
    // (value, id) order with continuePrimaryKey (shared/kernel/keyset.ts), so no `[field+id]`
    // compound index is kept (each cost about two single ones on every write); migration 2
    // drops them from an older install.
    stores[def.table] = ['id', ...indexedFields(def), '*_search', 'deleted'].join(', ');
  }
  for (const [name, t] of allTables()) stores[name] = t.schema;
  return stores;
}

export interface Migration {
  version: number;
  /** Runs inside Dexie's upgrade transaction. */
  upgrade?: (tx: import('dexie').Transaction) => Promise<void>;
}

export const MIGRATIONS: Migration[] = [
  { version: 1 },
  // 2: the `[field+id]` compound index of every sortable column is dropped (keyset paging walks
  // the single-field index: shared/kernel/keyset.ts). No data changes; Dexie only deletes
  // indexes on a version bump (without one it adds what is missing and keeps the rest).
  { version: 2 },
];
