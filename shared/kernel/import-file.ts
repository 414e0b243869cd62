/**
 * An import file (CSV or Excel .xlsx) as rows of text cells, so both formats share the column
 * mapping, preview, dry run, per-row report and all-or-nothing write of ./csv-map.ts and
 * ./import.service.ts.
 *
 * The format is decided by the bytes, not the name: a zip is read as .xlsx (./xlsx-read.ts), an
 * OLE compound file is refused as a legacy .xls / password-protected workbook, a file NAMED
 * .xlsx that is neither is refused as damaged, anything else is CSV text (UTF-8, else GB18030 /
 * GBK as Chinese Excel saves it; BOM dropped).
 * Pure: no database, no DOM.
 */
import type { DocTypeDef } from './doctype';
import type { Lang } from '../i18n';
import { parseCsv, tableToInputs, type CsvImport } from './csv-map';
import { DomainError } from './errors';
import { looksLikeOle, looksLikeZip, readXlsx } from './xlsx-read';
import { decodeTextFile, type TextEncodingName } from './text-decode';

export interface ImportFile {
  name: string;
  data: Uint8Array;
}

export interface ImportSource {
  kind: 'csv' | 'xlsx';
  /** Worksheet names in tab order (xlsx); [] for CSV. */
  sheets: string[];
  /** The sheet read when none is chosen (the first visible one); '' for CSV. */
  defaultSheet: string;
  /** Rows of text cells; index + 1 is the spreadsheet row number. */
  table(sheet?: string): string[][];
  /** How a CSV file's bytes were read ('gb18030' for a GBK "CSV" saved by Chinese Excel). */
  encoding?: TextEncodingName;
}

const XLSX_NAME = /\.(xlsx|xlsm)$/i;

/** Open an import file. Throws DomainError (error.xlsx_*) for a damaged or unsupported workbook. */
export function openImportFile(file: ImportFile): ImportSource {
  const { data } = file;
  if (looksLikeZip(data) || looksLikeOle(data) || XLSX_NAME.test(file.name)) {
    const wb = readXlsx(data);
    return { kind: 'xlsx', sheets: wb.sheets.map((s) => s.name), defaultSheet: wb.defaultSheet, table: (sheet) => wb.rows(sheet) };
  }
  if (data.includes(0)) throw new DomainError('error.import_not_text', { file: file.name });
  const { text, encoding } = decodeTextFile(data);
  return { kind: 'csv', sheets: [], defaultSheet: '', table: () => parseCsv(text), encoding };
}

/** An import file straight to raw document inputs (one sheet of a workbook, default the first visible). */
export function fileToInputs(def: DocTypeDef, file: ImportFile, lang: Lang = 'en', sheet?: string): CsvImport & { kind: 'csv' | 'xlsx'; sheets: string[]; sheet: string } {
  const src = openImportFile(file);
  const chosen = sheet ?? src.defaultSheet;
  return { ...tableToInputs(def, src.table(chosen || undefined), lang), kind: src.kind, sheets: src.sheets, sheet: chosen };
}
