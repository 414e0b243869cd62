/**
 * Document type declarations: a document type is declared ONCE (fields, links, required, list
 * columns, search fields, indexes, rights module, number series) and that declaration drives the
 * Dexie schema (./schema.ts), the runtime validator (./validate.ts), the generic list and form
 * screens in the renderer, CSV import/export column mapping (./csv-map.ts) and global search.
 *
 * Field storage conventions (the same everywhere, including sync and backups):
 *   data/text/email/phone/select/link -> string ('' when empty, so every indexed field is indexable)
 *   int -> integer number; decimal/percent/rate -> exact decimal string ("12.50" normalised to "12.5")
 *   money -> integer minor units of the document currency (the field named by `currencyField`,
 *            or the company's base currency)
 *   date -> 'YYYY-MM-DD'; datetime -> ISO-8601 UTC; check -> boolean; table -> array of child rows
 */

export type FieldType =
  | 'data' | 'text' | 'email' | 'phone' | 'select' | 'link' | 'int' | 'decimal' | 'percent'
  | 'money' | 'date' | 'datetime' | 'check' | 'table' | 'currency';

export type Right = 'read' | 'create' | 'edit' | 'submit' | 'cancel' | 'export' | 'admin';
export const RIGHTS: readonly Right[] = ['read', 'create', 'edit', 'submit', 'cancel', 'export', 'admin'];

export interface FieldDef {
  /** Property name on the record. */
  readonly name: string;
  readonly type: FieldType;
  /** i18n key of the label; defaults to `field.<doctype>.<name>`. */
  readonly label?: string;
  readonly required?: boolean;
  /** For select: allowed values (each also an i18n key `option.<value>` when shown). */
  readonly options?: readonly string[];
  /** For link: target document type name. */
  readonly link?: string;
  /** For table: the child row fields. */
  readonly fields?: readonly FieldDef[];
  /** For money: the sibling field holding the currency code. */
  readonly currencyField?: string;
  readonly default?: unknown;
  /** Max length for text-like fields. */
  readonly maxLength?: number;
  /** Minimum for numeric fields (int/decimal/money/percent); e.g. 0 to refuse negatives. */
  readonly min?: number;
  readonly max?: number;
  /** Shown but not editable in forms (computed by the service). */
  readonly readOnly?: boolean;
  /** Hidden from generic forms/lists (internal). */
  readonly hidden?: boolean;
  /** Rights module needed to see the value (e.g. 'hr-private'); enforced in services and export. */
  readonly sensitive?: string;
}

export interface DocTypeDef {
  /** Registry name, PascalCase, e.g. 'Customer', 'SalesInvoice'. Also the rights key. */
  readonly name: string;
  /** Dexie table name, snake_case plural. */
  readonly table: string;
  /** Rights module ('books', 'stock', 'crm', 'people', 'masters', 'system'). */
  readonly module: string;
  /** Draft -> submitted -> cancelled lifecycle (transactional documents). */
  readonly submittable: boolean;
  /**
   * Replication ownership (ARCHITECTURE: branch replication):
   *  'shared' master data merges per field by HLC; 'branch' documents are written only by
   *  their owning branch; 'hq' data is changed by head office only.
   */
  readonly ownership: 'shared' | 'branch' | 'hq';
  /** How `number` is made: from a per-branch series with this prefix, or copied from a field. */
  readonly naming: { readonly series: string } | { readonly field: string };
  /** Field shown as the record's title (lists, links, search results). */
  readonly titleField: string;
  readonly fields: readonly FieldDef[];
  /** Default list columns, in order. */
  readonly listColumns: readonly string[];
  /** Fields tokenised into the lower-cased `_search` multi-entry index. */
  readonly searchFields: readonly string[];
  /** Extra indexed fields (sortable/filterable in lists) beyond list columns. */
  readonly indexes?: readonly string[];
  /** Icon name for the sidebar (renderer maps it). */
  readonly icon?: string;
  /**
   * Read access granted besides the module's: to whoever may create one of these document types
   * (exchange rates are readable by everyone who may create an invoice). A role's own docRights
   * entry for this type still decides for that role (see `can` in ./auth.ts).
   */
  readonly readableBy?: readonly string[];
}

/** Fields every document record carries, maintained by the kernel. */
export interface BaseRecord {
  id: string;
  number: string;
  branchId: string;
  status: 'draft' | 'submitted' | 'cancelled' | 'active';
  createdAt: string;
  createdBy: string;
  modifiedAt: string;
  modifiedBy: string;
  /** HLC timestamp of the last write. */
  _hlc: string;
  /** Per-field HLC (shared master data: per-field last-writer-wins). */
  _fieldHlc?: Record<string, string>;
  /** Tombstone: 1 when deleted (never physically removed once it may have synced). */
  deleted: 0 | 1;
  /** Monotonic revision, for optimistic concurrency in forms. */
  _rev: number;
  /** Lower-cased search tokens. */
  _search: string[];
  [field: string]: unknown;
}

export const BASE_FIELDS = ['id', 'number', 'branchId', 'status', 'createdAt', 'createdBy', 'modifiedAt', 'modifiedBy', '_hlc', '_fieldHlc', 'deleted', '_rev', '_search'] as const;

/** Types whose values can sit in an IndexedDB index (sortable, filterable). */
export function isIndexable(t: FieldType): boolean {
  return t !== 'table' && t !== 'text' && t !== 'check';
}

export function fieldOf(def: DocTypeDef, name: string): FieldDef | undefined {
  return def.fields.find((f) => f.name === name);
}

export function fieldLabelKey(def: DocTypeDef, f: FieldDef): string {
  return f.label ?? `field.${def.name}.${f.name}`;
}

export function docLabelKey(name: string): string {
  return `doctype.${name}`;
}

/** Columns that get an index: list columns + declared indexes (indexable types only). */
export function indexedFields(def: DocTypeDef): string[] {
  const names = new Set<string>(['number', 'status', 'modifiedAt']);
  for (const n of [...def.listColumns, ...(def.indexes ?? [])]) {
    const f = fieldOf(def, n);
    if (f && isIndexable(f.type)) names.add(n);
    else if ((BASE_FIELDS as readonly string[]).includes(n)) names.add(n);
  }
  names.delete('id');
  return [...names];
}

/** Empty value of a field's storage type (indexed fields are never undefined). */
export function emptyValue(f: FieldDef): unknown {
  if (f.default !== undefined) return typeof f.default === 'object' && f.default !== null ? structuredClone(f.default) : f.default;
  switch (f.type) {
    case 'int':
    case 'money':
      return 0;
    case 'decimal':
    case 'percent':
      return '0';
    case 'check':
      return false;
    case 'table':
      return [];
    default:
      return '';
  }
}
