/**
 * Pure column logic of the generic list: which columns can be shown (indexable, visible fields),
 * which can be sorted (only indexed fields: see indexedFields), and the user's
 * choice remembered per document type in localStorage.
 */
import { type DocTypeDef, type FieldDef, fieldOf, indexedFields, isIndexable } from '../../shared/api';

/** A list column: a declared field, or one of the kernel's base fields. */
export interface ListColumn {
  name: string;
  field?: FieldDef;
  sortable: boolean;
}

const BASE_COLUMNS = ['number', 'status', 'modifiedAt'];

/** Columns offered in the picker: number, every indexable visible field, status, modified. */
export function pickableColumns(def: DocTypeDef): ListColumn[] {
  const sortable = new Set(indexedFields(def));
  const names = ['number', ...def.fields.filter((f) => isIndexable(f.type) && !f.hidden).map((f) => f.name)];
  if (def.submittable) names.push('status');
  names.push('modifiedAt');
  return [...new Set(names)].map((name) => ({ name, field: fieldOf(def, name), sortable: sortable.has(name) }));
}

export function defaultColumns(def: DocTypeDef): string[] {
  const ok = new Set(pickableColumns(def).map((c) => c.name));
  const cols = def.listColumns.filter((c) => ok.has(c));
  if ('series' in def.naming && !cols.includes('number')) cols.unshift('number');
  // submittable documents always show where they are in their lifecycle
  if (def.submittable && !cols.includes('status')) cols.push('status');
  return cols;
}

export function columnsKey(docType: string): string {
  return `branchline.list.columns.${docType}`;
}

/** The remembered columns, dropping names the declaration no longer has. */
export function loadColumns(def: DocTypeDef, storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): string[] {
  try {
    const raw = storage?.getItem(columnsKey(def.name));
    if (raw) {
      const ok = new Set(pickableColumns(def).map((c) => c.name));
      const saved = (JSON.parse(raw) as unknown[]).filter((c): c is string => typeof c === 'string' && ok.has(c));
      if (saved.length) return saved;
    }
  } catch {
    // unreadable preference: fall back to the declaration
  }
  return defaultColumns(def);
}

export function saveColumns(docType: string, cols: string[], storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(columnsKey(docType), JSON.stringify(cols));
  } catch {
    // storage full or disabled: the choice lasts for this session only
  }
}

/** Toggle one column, keeping declaration order; never leaves the list without columns. */
export function toggleColumn(def: DocTypeDef, cols: string[], name: string): string[] {
  const on = new Set(cols);
  if (on.has(name)) {
    if (on.size === 1) return cols;
    on.delete(name);
  } else on.add(name);
  return pickableColumns(def).map((c) => c.name).filter((n) => on.has(n));
}

export function isBaseColumn(name: string): boolean {
  return BASE_COLUMNS.includes(name);
}

/** Header click: same column flips the direction, another column sorts ascending. */
export function nextSort(cur: { sort: string; dir: 'asc' | 'desc' }, name: string): { sort: string; dir: 'asc' | 'desc' } {
  if (cur.sort === name) return { sort: name, dir: cur.dir === 'asc' ? 'desc' : 'asc' };
  return { sort: name, dir: 'asc' };
}
