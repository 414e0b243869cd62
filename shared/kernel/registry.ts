/**
 * The document type registry. Each module (masters, books, stock, crm, people) registers its
 * document types, behaviours (validation and posting hooks), extra tables (ledgers, balances)
 * and demo-data seeders when its index module is imported (see shared/modules.ts). The Dexie
 * schema, the rights matrix, the sidebar and global search are all derived from what is here.
 */
import type { DocTypeDef } from './doctype';
import type { DocBehaviour } from './behaviour';

export interface TableDef {
  /** Dexie index spec, e.g. 'id, [account+date], docId'. */
  readonly schema: string;
  /** Ledger-like: rows may be added, never changed or removed (enforced by the store). */
  readonly appendOnly?: boolean;
  /** Derived data (balances): never replicated, rebuildable from ledgers, skipped by sync. */
  readonly derived?: boolean;
  /** Included in replication (events that union by id). Default: true unless derived. */
  readonly replicate?: boolean;
}

export interface ModuleDef {
  /** Rights module id, e.g. 'books'. */
  readonly id: string;
  /** Sidebar order. */
  readonly order: number;
  readonly icon?: string;
}

const docTypes = new Map<string, DocTypeDef>();
const behaviours = new Map<string, DocBehaviour>();
const tables = new Map<string, TableDef>();
const modules = new Map<string, ModuleDef>();

export function registerModule(m: ModuleDef): void {
  modules.set(m.id, m);
}

export function registerDocType(def: DocTypeDef, behaviour: DocBehaviour = {}): void {
  if (docTypes.has(def.name) && docTypes.get(def.name) !== def) throw new Error(`document type ${def.name} registered twice`);
  for (const d of docTypes.values()) if (d.table === def.table && d.name !== def.name) throw new Error(`table ${def.table} used by ${d.name} and ${def.name}`);
  docTypes.set(def.name, def);
  behaviours.set(def.name, behaviour);
}

export function registerTable(name: string, def: TableDef): void {
  const prev = tables.get(name);
  if (prev && prev.schema !== def.schema) throw new Error(`table ${name} registered twice with different schemas`);
  tables.set(name, def);
}

export function getDocType(name: string): DocTypeDef {
  const d = docTypes.get(name);
  if (!d) throw new Error(`unknown document type ${name}`);
  return d;
}

export function findDocType(name: string): DocTypeDef | undefined {
  return docTypes.get(name);
}

export function docTypeByTable(table: string): DocTypeDef | undefined {
  for (const d of docTypes.values()) if (d.table === table) return d;
  return undefined;
}

export function getBehaviour(name: string): DocBehaviour {
  return behaviours.get(name) ?? {};
}

export function allDocTypes(): DocTypeDef[] {
  return [...docTypes.values()];
}

export function allTables(): ReadonlyMap<string, TableDef> {
  return tables;
}

export function allModules(): ModuleDef[] {
  return [...modules.values()].sort((a, b) => a.order - b.order);
}
