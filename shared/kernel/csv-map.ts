/**
 * CSV <-> document mapping, derived from the DocTypeDef (no per-type import code). Rows of an
 * Excel .xlsx sheet come through the same mapping (`tableToInputs`; see ./import-file.ts).
 *
 * - `parseCsv` / `toCsv`: RFC 4180 (quoted fields, doubled quotes, embedded commas and line
 *   breaks, CRLF or LF). A UTF-8 BOM is dropped on read and written on export, because Excel
 *   opens a BOM-less UTF-8 file as the legacy code page and garbles Chinese.
 * - Columns are the declaration's flat fields (not tables, not hidden). A header cell maps to a
 *   field by its English label, its Chinese label or its field name (case and spaces ignored),
 *   so a file exported in either language, or written by hand, imports.
 * - Values keep the storage conventions of ./doctype.ts exact: money leaves in MAJOR units as a
 *   plain decimal string ("1234.50", never a float) and comes back through normalizeDoc, which
 *   parses it exactly; link fields leave as the target's number and come back as a number or a
 *   title, resolved by import.service inside its transaction; selects accept the value or its
 *   label in either language.
 * Pure: no database, no DOM.
 */
import type { FieldIssue } from './errors';
import { isDomainError } from './errors';
import { type BaseRecord, type DocTypeDef, type FieldDef, fieldLabelKey } from './doctype';
import { formatPlain, minorUnitsOf } from './money';
import { normalizeDoc } from './validate';
import { translate, type Lang } from '../i18n';
import '../i18n/doc.messages';

const BOM = '\uFEFF';

/** Parse CSV text into rows of cells. Blank lines are skipped. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  const endRow = () => {
    row.push(cell);
    if (!(row.length === 1 && row[0] === '' && !wasQuoted)) rows.push(row);
    row = [];
    cell = '';
    wasQuoted = false;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') {
      quoted = true;
      wasQuoted = true;
    } else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRow();
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0 || wasQuoted) endRow();
  return rows;
}

function quoteCell(v: string): string {
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Serialise rows as CSV with CRLF line ends; `bom` (default true) prefixes a UTF-8 BOM for Excel. */
export function toCsv(rows: readonly (readonly string[])[], opts: { bom?: boolean } = {}): string {
  const body = rows.map((r) => r.map(quoteCell).join(',')).join('\r\n');
  return (opts.bom === false ? '' : BOM) + body + (rows.length ? '\r\n' : '');
}

/** Fields that travel through CSV: flat, visible fields (child tables and hidden fields do not). */
export function csvFields(def: DocTypeDef): FieldDef[] {
  return def.fields.filter((f) => f.type !== 'table' && !f.hidden);
}

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s_*]+/g, '');

function headerNames(def: DocTypeDef, f: FieldDef): string[] {
  const key = fieldLabelKey(def, f);
  return [f.name, translate('en', key), translate('zh-CN', key)].map(norm);
}

export interface HeaderMap {
  /** For each CSV column, the field it fills, or null (ignored: number, status, unknown). */
  columns: (FieldDef | null)[];
  /** Missing required columns (error.import_missing_column), field = the field name. */
  issues: FieldIssue[];
}

/** Map header cells to fields by name or by English or Chinese label. */
export function mapHeaders(def: DocTypeDef, headers: readonly string[], lang: Lang = 'en'): HeaderMap {
  const fields = csvFields(def).filter((f) => !f.readOnly);
  const columns = headers.map((h) => fields.find((f) => headerNames(def, f).includes(norm(h))) ?? null);
  const issues: FieldIssue[] = [];
  for (const f of fields) {
    if (f.required && !columns.includes(f)) {
      issues.push({ code: 'error.import_missing_column', field: f.name, params: { column: translate(lang, fieldLabelKey(def, f)) } });
    }
  }
  return { columns, issues };
}

/** A problem with one data row of an import (row = 0-based index among the data rows). */
export interface RowIssue extends FieldIssue {
  row: number;
  /** Row inside a child table, when there is one (not used by flat CSV). */
  childRow?: number;
}

/** Spreadsheet row number of a 0-based data row (the header is row 1). */
export function sheetRow(row: number): number {
  return row + 2;
}

function selectValue(f: FieldDef, cell: string): string {
  if (!f.options || f.options.includes(cell)) return cell;
  const n = norm(cell);
  return f.options.find((o) => norm(o) === n || norm(translate('en', `option.${o}`)) === n || norm(translate('zh-CN', `option.${o}`)) === n) ?? cell;
}

export interface CsvImport {
  /** Raw inputs keyed by field name (strings, as a form would send them). */
  rows: Record<string, unknown>[];
  /** Header problems: when present nothing may be imported. */
  headerIssues: FieldIssue[];
  columns: (FieldDef | null)[];
  /**
   * Spreadsheet row number (1-based, the header's row included) of each entry of `rows`, for
   * the per-row report: blank rows are skipped, so data row k is not always row k + 2. For CSV
   * it is the record number (parseCsv already drops blank lines, as before).
   */
  sheetRows: number[];
}

/** CSV text -> raw document inputs (not yet validated; see checkImportRows). */
export function csvToInputs(def: DocTypeDef, text: string, lang: Lang = 'en'): CsvImport {
  return tableToInputs(def, parseCsv(text), lang);
}

/**
 * Rows of cells (from parseCsv or an .xlsx sheet; index + 1 = row number, blank rows allowed)
 * -> raw document inputs. The first non-blank row is the header.
 */
export function tableToInputs(def: DocTypeDef, table: readonly (readonly string[])[], lang: Lang = 'en'): CsvImport {
  const blank = (r: readonly string[] | undefined) => !r || r.every((c) => (c ?? '').trim() === '');
  const head = table.findIndex((r) => !blank(r));
  if (head < 0) return { rows: [], headerIssues: [{ code: 'error.import_no_rows' }], columns: [], sheetRows: [] };
  const { columns, issues } = mapHeaders(def, table[head], lang);
  const rows: Record<string, unknown>[] = [];
  const sheetRows: number[] = [];
  for (let k = head + 1; k < table.length; k++) {
    const cells = table[k];
    if (blank(cells)) continue;
    const input: Record<string, unknown> = {};
    columns.forEach((f, i) => {
      if (!f) return;
      const cell = (cells[i] ?? '').trim();
      input[f.name] = f.type === 'select' ? selectValue(f, cell) : cell;
    });
    rows.push(input);
    sheetRows.push(k + 1);
  }
  if (rows.length === 0) issues.push({ code: 'error.import_no_rows' });
  return { rows, headerIssues: issues, columns, sheetRows };
}

/**
 * Validate every row with the same validator as the form (normalizeDoc): all issues of all rows,
 * each tagged with its row. Link values are checked for existence later, in the transaction.
 */
export function checkImportRows(def: DocTypeDef, rows: readonly Record<string, unknown>[], baseCurrency: string): { values: Record<string, unknown>[]; issues: RowIssue[] } {
  const values: Record<string, unknown>[] = [];
  const issues: RowIssue[] = [];
  rows.forEach((input, row) => {
    try {
      values.push(normalizeDoc(def, input, baseCurrency));
    } catch (e) {
      if (!isDomainError(e)) throw e;
      for (const i of e.issues) issues.push({ ...i, row, childRow: i.row });
      values.push({});
    }
  });
  return { values, issues };
}

/** Context for exporting records: language of the headers, base currency, link id -> number. */
export interface ExportContext {
  lang: Lang;
  baseCurrency: string;
  linkNumbers: ReadonlyMap<string, string>;
  /** Fields the reader may not see (sensitive): left out of the file. */
  omit?: ReadonlySet<string>;
}

function exportFields(def: DocTypeDef, ctx: ExportContext): FieldDef[] {
  return csvFields(def).filter((f) => !ctx.omit?.has(f.name));
}

function metaColumns(def: DocTypeDef): string[] {
  const m: string[] = [];
  if ('series' in def.naming) m.push('number');
  if (def.submittable) m.push('status');
  return m;
}

/** Header row in the reader's language. */
export function exportHeader(def: DocTypeDef, ctx: ExportContext): string[] {
  return [
    ...metaColumns(def).map((m) => translate(ctx.lang, `doc.${m}`)),
    ...exportFields(def, ctx).map((f) => translate(ctx.lang, fieldLabelKey(def, f))),
  ];
}

/** One record as CSV cells, exact (money in major units, links as the target's number). */
export function exportRow(def: DocTypeDef, rec: BaseRecord, ctx: ExportContext): string[] {
  const cells = metaColumns(def).map((m) => String(rec[m] ?? ''));
  for (const f of exportFields(def, ctx)) cells.push(cellOf(def, f, rec, ctx));
  return cells;
}

function cellOf(def: DocTypeDef, f: FieldDef, rec: BaseRecord, ctx: ExportContext): string {
  const v = rec[f.name];
  if (v === undefined || v === null) return '';
  switch (f.type) {
    case 'money': {
      const cur = (f.currencyField && typeof rec[f.currencyField] === 'string' && rec[f.currencyField]) || ctx.baseCurrency;
      try {
        minorUnitsOf(String(cur));
        return formatPlain({ minor: Number(v), currency: String(cur) });
      } catch {
        return String(v);
      }
    }
    case 'link':
      return v ? (ctx.linkNumbers.get(String(v)) ?? String(v)) : '';
    case 'check':
      return v ? 'yes' : 'no';
    default:
      return String(v);
  }
}

/** Link ids referenced by a page of records (to fetch their numbers in one read). */
export function linkIdsOf(def: DocTypeDef, recs: readonly BaseRecord[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of csvFields(def)) {
    if (f.type !== 'link' || !f.link) continue;
    const set = out.get(f.link) ?? new Set<string>();
    for (const r of recs) if (typeof r[f.name] === 'string' && r[f.name]) set.add(r[f.name] as string);
    out.set(f.link, set);
  }
  return out;
}
