/**
 * Pure conversions between stored records and the generic form's editable values.
 *
 * The form edits STRINGS for every numeric field so that nothing passes through binary floating
 * point: money is shown in major units with the currency's decimals (toMajor(...).toFixed) and
 * sent back as that string, which normalizeDoc parses exactly; int/decimal/percent keep the
 * text the user typed. Child table rows are edited the same way, keyed by their row index.
 */
import { type DocTypeDef, type FieldDef, type FieldIssue, emptyValue, toMajor, minorUnitsOf, isCurrency } from '../../shared/api';

export type FormRow = Record<string, unknown>;
export type FormValues = Record<string, unknown>;

const NUMERIC = new Set(['int', 'decimal', 'percent', 'money']);

/** Currency of a money field: its `currencyField` sibling, else the company base currency. */
export function moneyCurrency(f: FieldDef, values: Record<string, unknown>, fallback: string): string {
  const c = f.currencyField ? values[f.currencyField] : undefined;
  return typeof c === 'string' && isCurrency(c) ? c : isCurrency(fallback) ? fallback : 'CNY';
}

/** Stored minor units -> major-unit string with exactly the currency's decimals. */
export function minorToMajorText(minor: unknown, currency: string): string {
  if (typeof minor !== 'number' || !Number.isSafeInteger(minor)) return minor === undefined || minor === null ? '' : String(minor);
  return toMajor({ minor, currency }).toFixed(minorUnitsOf(currency));
}

function toFormValue(f: FieldDef, v: unknown, currency: string, isNew: boolean): unknown {
  if (f.type === 'check') return Boolean(v);
  if (NUMERIC.has(f.type) && isNew && f.default === undefined) return '';
  if (f.type === 'money') return minorToMajorText(v, currency);
  return v === undefined || v === null ? '' : String(v);
}

/** Record (or null for a new document) -> editable values. */
export function toFormValues(def: DocTypeDef, rec: Record<string, unknown> | null, baseCurrency: string): FormValues {
  const isNew = rec === null;
  const src: Record<string, unknown> = rec ?? Object.fromEntries(def.fields.map((f) => [f.name, emptyValue(f)]));
  const out: FormValues = {};
  for (const f of def.fields) {
    if (!(f.name in src)) continue; // redacted (sensitive) fields stay absent
    if (f.type === 'table') {
      const tableCur = moneyCurrency(f, src, baseCurrency);
      const rows = Array.isArray(src[f.name]) ? (src[f.name] as Record<string, unknown>[]) : [];
      out[f.name] = rows.map((r) => childRow(f, r, tableCur, false));
    } else {
      out[f.name] = toFormValue(f, src[f.name], moneyCurrency(f, src, baseCurrency), isNew);
    }
  }
  return out;
}

function childRow(table: FieldDef, r: Record<string, unknown>, tableCur: string, isNew: boolean): FormRow {
  const row: FormRow = {};
  if (typeof r.id === 'string') row.id = r.id;
  for (const cf of table.fields ?? []) row[cf.name] = toFormValue(cf, r[cf.name], moneyCurrency(cf, r, tableCur), isNew);
  return row;
}

/** A fresh child row with the declared defaults. */
export function newChildRow(table: FieldDef, baseCurrency: string): FormRow {
  return childRow(table, Object.fromEntries((table.fields ?? []).map((cf) => [cf.name, emptyValue(cf)])), baseCurrency, true);
}

/**
 * Editable values -> service input. Read-only top-level fields are left out (the service
 * computes them); fields the form never had (redacted) are left out too.
 */
export function toInput(def: DocTypeDef, values: FormValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const f of def.fields) {
    if (!(f.name in values) || f.readOnly) continue;
    input[f.name] = values[f.name];
  }
  return input;
}

/** Form path of an issue: 'customer', or 'lines.2.qty' for a child-table cell. */
export function issuePath(i: FieldIssue): string {
  if (!i.field) return '';
  const dot = i.field.indexOf('.');
  if (i.row !== undefined && dot > 0) return `${i.field.slice(0, dot)}.${i.row}.${i.field.slice(dot + 1)}`;
  return i.field;
}

/** Issues grouped by form path; those without a shown field are returned apart (for a toast). */
export function groupIssues(issues: readonly FieldIssue[], shownPaths: (path: string) => boolean): { byPath: Map<string, FieldIssue[]>; other: FieldIssue[] } {
  const byPath = new Map<string, FieldIssue[]>();
  const other: FieldIssue[] = [];
  for (const i of issues) {
    const p = issuePath(i);
    if (p && shownPaths(p)) byPath.set(p, [...(byPath.get(p) ?? []), i]);
    else other.push(i);
  }
  return { byPath, other };
}

/** Is `path` a field of this declaration (top-level, or table.row.child)? */
export function isFieldPath(def: DocTypeDef, path: string): boolean {
  const [top, row, child] = path.split('.');
  const f = def.fields.find((x) => x.name === top);
  if (!f || f.hidden) return false;
  if (row === undefined) return true;
  return f.type === 'table' && /^\d+$/.test(row) && !!f.fields?.some((cf) => cf.name === child);
}
