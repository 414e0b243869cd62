/**
 * Bank statement files: read the text a bank exports (CSV, semicolon or tab separated, UTF-8 or
 * GB18030), find the header row, guess which column is what, and turn the rows into statement
 * lines through a column mapping the user can correct. Pure: no database, no DOM.
 *
 * - `readStatementTable(text, delimiter?)` -> cells (the delimiter is detected when not given);
 *   `decodeStatementBytes(bytes)` -> text (UTF-8, else GB18030: most Chinese bank exports).
 * - `guessBankMapping(table)` -> a `BankCsvMapping`: the header row (the first row naming at
 *   least two known columns, so a bank's preamble of account lines is passed over), the column of
 *   each target from English and Chinese header names (日期/交易日期, 摘要, 金额, 收入/支出,
 *   借方/贷方, 余额, 流水号/参考号, 借贷标志 ...), the date format and decimal separator from the
 *   values. A mapping is plain data: the screen shows it, the user changes it, it is remembered.
 * - `parseBankStatement(table, mapping, currency)` never throws for bad rows: it returns every
 *   data row with its line or its issues, so a preview can show them. Import is all-or-nothing:
 *   `statementLinesOrThrow` refuses the whole file (DomainError with every issue) if any row or
 *   the mapping is wrong. `parseBankStatementCsv(text, currency)` is the one-call form (guessed
 *   mapping), kept for callers that had the fixed-column import.
 *
 * Amounts are signed minor units (+ money in, − money out), parsed exactly (never floats):
 * thousands separators ("1,234.50", "1.234,50", "1 234,50"), a leading or trailing minus,
 * parentheses "(1,234.50)" as negatives, currency signs (¥ ￥ $ € £, CNY/RMB …) dropped; a
 * grouping that does not fit the chosen decimal separator is an error, never a silent misread.
 * Split columns: amount = money in − |money out|. A direction column (借/贷, DR/CR, 收/支) signs a
 * single amount column. Rows whose date cell is empty or a subtotal word (合计, 小计, Total …)
 * are not transactions and are left out (counted in `skipped`).
 */
import { decodeTextFile } from '../kernel/text-decode';
import { DomainError, type FieldIssue } from '../kernel/errors';
import { parseMoney } from '../kernel/money';
import { isValidDate } from '../kernel/validate';

export interface BankStatementLine {
  /** Row number among the data rows under the header (1 = first data row). */
  line: number;
  date: string;
  description: string;
  reference: string;
  /** Signed minor units: + money in (deposit), − money out. */
  amount: number;
  /** Running balance after the line (minor units), when the file has a balance column. */
  balance?: number;
}

export type CsvDelimiter = ',' | ';' | '\t';
export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

/** Date layouts a statement may use. Year-first layouts also accept '.', '-', '/', none (20260305) and 2026年3月5日. */
export const BANK_DATE_FORMATS = ['YYYY-MM-DD', 'YYYY/MM/DD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export type BankDateFormat = (typeof BANK_DATE_FORMATS)[number];

/** What a column can be. amount (+ optional direction) or deposit/withdrawal carry the money. */
export const BANK_TARGETS = ['date', 'description', 'reference', 'amount', 'direction', 'deposit', 'withdrawal', 'balance'] as const;
export type BankTarget = (typeof BANK_TARGETS)[number];

export interface BankCsvMapping {
  /** 0-based row of the header; rows above it (the bank's preamble) are ignored. */
  headerRow: number;
  delimiter: CsvDelimiter;
  /** 'single': one signed amount column (optionally signed by a direction column); 'split': money in / money out columns. */
  amountMode: 'single' | 'split';
  /** 0-based column of each target, −1 when the file has none. */
  columns: Record<BankTarget, number>;
  dateFormat: BankDateFormat;
  decimalSeparator: '.' | ',';
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF/LF; a leading BOM is dropped; blank rows are skipped. */
export function parseCsv(text: string, delimiter: CsvDelimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** The delimiter used most on one line (quotes respected) among the first 30 lines; ',' when none. */
export function detectDelimiter(text: string): CsvDelimiter {
  const best: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/).slice(0, 30);
  for (const line of lines) {
    const n: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) n[ch]++;
    }
    for (const d of CSV_DELIMITERS) best[d] = Math.max(best[d], n[d]);
  }
  return CSV_DELIMITERS.reduce((a, d) => (best[d] > best[a] ? d : a), ',' as CsvDelimiter);
}

/** Cells of a statement file (delimiter detected when not given). */
export function readStatementTable(text: string, delimiter?: CsvDelimiter): { table: string[][]; delimiter: CsvDelimiter } {
  const d = delimiter ?? detectDelimiter(text);
  return { table: parseCsv(text, d), delimiter: d };
}

/** File bytes -> text: UTF-8 when valid (a BOM is dropped later), otherwise GB18030 (GBK), which Chinese banks export. */
export function decodeStatementBytes(data: Uint8Array): string {
  return decodeTextFile(data).text;
}

// ---- header names -------------------------------------------------------------------------

/** Lower case, full-width folded, without spaces, punctuation and a bracketed unit ("金额（元）" -> "金额"). */
export function normHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[([［【].*?[)\]］】]/g, '')
    .replace(/[\s_.:：*#/\\\-'"]/g, '');
}

/** Header names per target, most specific first (normalised with `normHeader`). */
export const BANK_HEADER_NAMES: Record<BankTarget, readonly string[]> = {
  date: ['date', 'transactiondate', 'transdate', 'txndate', 'postingdate', 'bookingdate', 'valuedate', '交易日期', '日期', '记账日期', '入账日期', '交易时间', '发生日期', '交易日', '记账日', '起息日'],
  description: ['description', 'memo', 'details', 'transactiondetails', 'narrative', 'particulars', 'summary', 'payee', 'remarks', '摘要', '交易摘要', '用途', '附言', '交易说明', '备注', '对方户名', '对方名称', '交易对方'],
  reference: ['reference', 'ref', 'refno', 'referenceno', 'referencenumber', 'transactionid', 'transactionno', 'chequeno', 'checkno', 'chequenumber', '参考号', '流水号', '交易流水号', '凭证号', '交易参考号', '业务编号', '票据号', '交易号'],
  amount: ['amount', 'transactionamount', '金额', '交易金额', '发生额', '交易额'],
  direction: ['direction', 'drcr', 'debitcredit', 'crdr', '借贷标志', '借贷方向', '借贷', '收支方向', '收支标志', '交易方向'],
  // a bank statement is written from the bank's side: 贷方 (credit) = money in, 借方 (debit) = money out
  deposit: ['deposit', 'deposits', 'credit', 'credits', 'creditamount', 'moneyin', 'paidin', 'income', '收入', '收入金额', '贷方', '贷方发生额', '贷方金额', '存入', '存入金额', '收款金额', '入账金额'],
  withdrawal: ['withdrawal', 'withdrawals', 'debit', 'debits', 'debitamount', 'moneyout', 'paidout', 'expense', '支出', '支出金额', '借方', '借方发生额', '借方金额', '取出', '支取', '付款金额', '出账金额'],
  balance: ['balance', 'runningbalance', 'closingbalance', '余额', '账户余额', '当前余额', '可用余额', '账面余额'],
};

const EXACT_ORDER: readonly BankTarget[] = ['date', 'deposit', 'withdrawal', 'balance', 'amount', 'direction', 'reference', 'description'];
const hasCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

const noColumns = (): Record<BankTarget, number> => Object.fromEntries(BANK_TARGETS.map((t) => [t, -1])) as Record<BankTarget, number>;

/** Column of each target by its header name: exact names first, then a header containing a name. */
export function guessColumns(header: readonly string[]): Record<BankTarget, number> {
  const names = header.map(normHeader);
  const cols = noColumns();
  const used = new Set<number>();
  const take = (t: BankTarget, match: (h: string, syn: string) => boolean) => {
    if (cols[t] >= 0) return;
    for (const syn of BANK_HEADER_NAMES[t]) {
      const i = names.findIndex((h, k) => !used.has(k) && h !== '' && match(h, syn));
      if (i >= 0) {
        cols[t] = i;
        used.add(i);
        return;
      }
    }
  };
  for (const t of EXACT_ORDER) take(t, (h, syn) => h === syn);
  for (const t of EXACT_ORDER) take(t, (h, syn) => (hasCjk(syn) ? syn.length >= 2 : syn.length >= 4) && h.includes(syn));
  return cols;
}

/** The header row: the first of the top 30 rows naming the most known columns (at least two), else row 0. */
export function detectHeaderRow(table: readonly (readonly string[])[]): number {
  let best = 0;
  let bestScore = 1;
  table.slice(0, 30).forEach((r, i) => {
    const score = Object.values(guessColumns(r)).filter((c) => c >= 0).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

// ---- values ------------------------------------------------------------------------------

const TIME_OF_DAY = /[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:am|pm)?$/i;
const pad2 = (n: string) => n.padStart(2, '0');

/** 'YYYY-MM-DD' of a statement date in the given layout, or null. A time of day after the date is ignored. */
export function parseBankDate(value: string, format: BankDateFormat): string | null {
  const t = value.trim().replace(TIME_OF_DAY, '').trim().replace(/^(\d{4})年(\d{1,2})月(\d{1,2})日?$/, '$1-$2-$3');
  let y: string, m: string, d: string;
  if (format === 'YYYY-MM-DD' || format === 'YYYY/MM/DD') {
    const a = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
    if (!a) return null;
    [, y, m, d] = a;
  } else {
    const a = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
    if (!a) return null;
    y = a[3];
    [m, d] = format === 'DD/MM/YYYY' ? [a[2], a[1]] : [a[1], a[2]];
  }
  const iso = `${y}-${pad2(m)}-${pad2(d)}`;
  return isValidDate(iso) ? iso : null;
}

/** Signed minor units of a statement amount, null for an empty cell; throws DomainError (not_a_number / too_many_decimals). */
export function parseBankAmount(value: string, decimalSeparator: '.' | ',', currency: string): number | null {
  let t = value.normalize('NFKC').trim();
  if (!t) return null;
  let negative = false;
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) {
    negative = true;
    t = paren[1].trim();
  }
  t = t.replace(/^(?:cny|rmb|usd|eur|hkd|gbp|jpy)\s*/i, '').replace(/\s*(?:cny|rmb|usd|eur|hkd|gbp|jpy|元)$/i, '').replace(/[¥$€£]/g, '');
  if (/^[-+]?[\d.,\s']+-$/.test(t)) {
    negative = !negative;
    t = t.slice(0, -1);
  }
  t = t.replace(/[\s']/g, '');
  let sign = '';
  if (/^[-+]/.test(t)) {
    sign = t[0] === '-' ? '-' : '';
    t = t.slice(1);
  }
  const group = decimalSeparator === '.' ? ',' : '.';
  if (t.includes(group)) {
    const grouped = decimalSeparator === '.' ? /^\d{1,3}(,\d{3})+(\.\d*)?$/ : /^\d{1,3}(\.\d{3})+(,\d*)?$/;
    if (!grouped.test(t)) throw new DomainError('error.not_a_number', { value });
    t = t.split(group).join('');
  }
  if (decimalSeparator === ',') t = t.replace(',', '.');
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(t)) throw new DomainError('error.not_a_number', { value });
  let minor: number;
  try {
    minor = parseMoney(t, currency).minor;
  } catch (e) {
    throw new DomainError((e as DomainError).code ?? 'error.not_a_number', { ...((e as DomainError).params ?? {}), value });
  }
  if (sign === '-') negative = !negative;
  return negative && minor !== 0 ? -minor : minor;
}

const IN_WORDS = new Set(['贷', '贷方', '收', '收入', '存入', '入', 'c', 'cr', 'credit', 'in', 'deposit', '+']);
const OUT_WORDS = new Set(['借', '借方', '支', '支出', '取出', '出', 'd', 'dr', 'debit', 'out', 'withdrawal', '-']);

/** +1 money in, −1 money out, 0 unknown, for a direction cell (借/贷, DR/CR, 收/支 …). */
export function directionSign(value: string): 1 | -1 | 0 {
  const v = normHeader(value) || value.trim();
  return IN_WORDS.has(v) ? 1 : OUT_WORDS.has(v) ? -1 : 0;
}

const SUBTOTAL = /^(合计|总计|小计|本页合计|本页小计|累计|共计|total|totals|subtotal|grandtotal)$/;

// ---- guessing ---------------------------------------------------------------------------

/** Date layout that reads the sample: year-first when it starts with a year, else day-first unless a second part above 12 says month-first. */
export function guessDateFormat(values: readonly string[]): BankDateFormat {
  const vals = values.map((v) => v.trim()).filter(Boolean).slice(0, 100);
  const yearFirst = vals.filter((v) => /^\d{4}/.test(v));
  if (yearFirst.length && yearFirst.length >= vals.length / 2) return yearFirst.some((v) => /^\d{4}\//.test(v)) ? 'YYYY/MM/DD' : 'YYYY-MM-DD';
  const score = (f: BankDateFormat) => vals.filter((v) => parseBankDate(v, f)).length;
  return score('MM/DD/YYYY') > score('DD/MM/YYYY') ? 'MM/DD/YYYY' : 'DD/MM/YYYY';
}

/** ',' when more amounts end in ",d" / ",dd" than in ".d" / ".dd" ("1.234,50"), else '.'. */
export function guessDecimalSeparator(values: readonly string[]): '.' | ',' {
  let comma = 0;
  let dot = 0;
  for (const v of values) {
    const m = /([.,])\d{1,2}\)?\s*-?$/.exec(v.trim());
    if (m?.[1] === ',') comma++;
    else if (m?.[1] === '.') dot++;
  }
  return comma > dot ? ',' : '.';
}

/**
 * A complete mapping guessed from the file (header row, columns, amount mode, date format,
 * decimal separator). `headerRow` forces the header row (the user chose it) instead of detecting it.
 */
export function guessBankMapping(table: readonly (readonly string[])[], delimiter: CsvDelimiter = ',', headerRow = detectHeaderRow(table)): BankCsvMapping {
  const columns = guessColumns(table[headerRow] ?? []);
  const split = (columns.deposit >= 0 && columns.withdrawal >= 0) || (columns.amount < 0 && (columns.deposit >= 0 || columns.withdrawal >= 0));
  const data = table.slice(headerRow + 1);
  const cells = (c: number) => (c >= 0 ? data.map((r) => r[c] ?? '') : []);
  const moneyCells = (['amount', 'deposit', 'withdrawal', 'balance'] as const).flatMap((t) => cells(columns[t]));
  return {
    headerRow,
    delimiter,
    amountMode: split ? 'split' : 'single',
    columns,
    dateFormat: guessDateFormat(cells(columns.date)),
    decimalSeparator: guessDecimalSeparator(moneyCells),
  };
}

// ---- parsing with a mapping ---------------------------------------------------------------

/** Mapping problems (nothing can be read until they are fixed): field = the target. */
export function bankMappingIssues(m: BankCsvMapping): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const c = m.columns;
  if (c.date < 0) issues.push({ code: 'error.import_missing_column', field: 'date', params: { column: 'date' } });
  if (m.amountMode === 'single' && c.amount < 0) issues.push({ code: 'error.import_missing_column', field: 'amount', params: { column: 'amount' } });
  if (m.amountMode === 'split' && c.deposit < 0 && c.withdrawal < 0) issues.push({ code: 'error.import_missing_column', field: 'deposit', params: { column: 'amount' } });
  const active = activeTargets(m);
  const seen = new Map<number, BankTarget>();
  for (const t of active) {
    const col = c[t];
    if (col < 0) continue;
    if (seen.has(col)) issues.push({ code: 'error.bank_column_twice', field: t, params: { column: col + 1 } });
    else seen.set(col, t);
  }
  return issues;
}

/** The targets a mapping reads (split mode ignores amount/direction, single mode deposit/withdrawal). */
export function activeTargets(m: Pick<BankCsvMapping, 'amountMode'>): BankTarget[] {
  return BANK_TARGETS.filter((t) => (m.amountMode === 'split' ? t !== 'amount' && t !== 'direction' : t !== 'deposit' && t !== 'withdrawal'));
}

export interface BankRowResult {
  /** 1-based row of the file (blank lines not counted), as found in a spreadsheet. */
  sourceRow: number;
  /** Raw cells of the row. */
  cells: string[];
  /** The statement line, or null when the row has issues. */
  line: BankStatementLine | null;
  /** This row's problems (field = target, row = data-row index, i.e. line − 1). */
  issues: FieldIssue[];
}

export interface BankStatementParse {
  header: string[];
  /** Data rows that are transactions (subtotals and date-less rows left out). */
  rows: BankRowResult[];
  /** Lines of the rows without issues. Import only when `issues` is empty. */
  lines: BankStatementLine[];
  /** Mapping issues, then row issues in file order. */
  issues: FieldIssue[];
  /** Rows left out: empty date cell or a subtotal word (合计, Total …). */
  skipped: number;
  /** 'mismatch' when a balance column does not follow from the amounts (a swapped in/out column?), in either row order. */
  balanceCheck: 'ok' | 'mismatch' | 'none';
}

/** Statement lines per the mapping; every bad cell is reported, nothing is thrown for row problems. */
export function parseBankStatement(table: readonly (readonly string[])[], m: BankCsvMapping, currency: string): BankStatementParse {
  const header = [...(table[m.headerRow] ?? [])];
  const mappingIssues = bankMappingIssues(m);
  const out: BankStatementParse = { header, rows: [], lines: [], issues: [...mappingIssues], skipped: 0, balanceCheck: 'none' };
  if (mappingIssues.length) return out;
  const c = m.columns;
  const split = m.amountMode === 'split';
  table.slice(m.headerRow + 1).forEach((r, i) => {
    const cell = (t: BankTarget) => (c[t] >= 0 ? (r[c[t]] ?? '').trim() : '');
    const dateText = cell('date');
    if (!dateText || SUBTOTAL.test(normHeader(dateText))) {
      out.skipped++;
      return;
    }
    const issues: FieldIssue[] = [];
    const money = (t: BankTarget): number | null => {
      try {
        return parseBankAmount(cell(t), m.decimalSeparator, currency);
      } catch (e) {
        issues.push({ code: (e as DomainError).code ?? 'error.not_a_number', field: t, row: i, params: (e as DomainError).params ?? { value: cell(t) } });
        return 0;
      }
    };
    const date = parseBankDate(dateText, m.dateFormat);
    // the kernel's date message names YYYY-MM-DD already; other layouts say which one was expected
    if (!date) issues.push({ code: m.dateFormat === 'YYYY-MM-DD' ? 'error.date_invalid' : 'error.bank_date', field: 'date', row: i, params: { value: dateText, format: m.dateFormat } });
    let amount: number | null;
    if (split) {
      const inn = c.deposit >= 0 ? money('deposit') : null;
      const outt = c.withdrawal >= 0 ? money('withdrawal') : null;
      amount = inn === null && outt === null ? null : (inn ?? 0) - Math.abs(outt ?? 0);
    } else {
      amount = money('amount');
      if (amount !== null && c.direction >= 0) {
        const sign = directionSign(cell('direction'));
        if (sign === 0) issues.push({ code: 'error.bank_direction', field: 'direction', row: i, params: { value: cell('direction') } });
        else amount = sign * Math.abs(amount);
      }
    }
    if (amount === null && !issues.some((x) => x.field !== 'date')) issues.push({ code: 'error.bank_amount_empty', field: split ? 'deposit' : 'amount', row: i, params: {} });
    const balance = c.balance >= 0 ? money('balance') : null;
    const line: BankStatementLine = { line: i + 1, date: date ?? dateText, description: cell('description'), reference: cell('reference'), amount: amount ?? 0 };
    if (balance !== null) line.balance = balance;
    out.rows.push({ sourceRow: m.headerRow + i + 2, cells: [...r], line: issues.length ? null : line, issues });
    if (issues.length) out.issues.push(...issues);
    else out.lines.push(line);
  });
  if (out.rows.length === 0) out.issues.push({ code: 'error.import_no_rows' });
  out.balanceCheck = balanceCheck(out);
  return out;
}

function balanceCheck(p: BankStatementParse): BankStatementParse['balanceCheck'] {
  if (p.issues.length || p.lines.length < 2 || p.lines.some((l) => l.balance === undefined)) return 'none';
  const ls = p.lines;
  const ascending = ls.every((l, k) => k === 0 || l.balance! - ls[k - 1].balance! === l.amount);
  const descending = ls.every((l, k) => k === 0 || ls[k - 1].balance! - l.balance! === ls[k - 1].amount);
  return ascending || descending ? 'ok' : 'mismatch';
}

/** All-or-nothing: the lines when the whole file is good, else a DomainError carrying every issue. */
export function statementLinesOrThrow(p: BankStatementParse): BankStatementLine[] {
  if (p.issues.length) throw DomainError.invalid(p.issues);
  return p.lines;
}

/** Parse a bank statement CSV with the guessed mapping (currency: the bank account's). Throws on any problem. */
export function parseBankStatementCsv(text: string, currency: string): BankStatementLine[] {
  const { table, delimiter } = readStatementTable(text);
  if (table.length < 2) throw new DomainError('error.import_no_rows');
  return statementLinesOrThrow(parseBankStatement(table, guessBankMapping(table, delimiter), currency));
}

// ---- remembering a mapping ----------------------------------------------------------------

/** A mapping as remembered for a bank account: columns by header name, so a file with reordered columns still fits. */
export interface SavedBankMapping {
  v: 1;
  delimiter: CsvDelimiter;
  amountMode: BankCsvMapping['amountMode'];
  dateFormat: BankDateFormat;
  decimalSeparator: BankCsvMapping['decimalSeparator'];
  /** Normalised header name per mapped target. */
  columns: Partial<Record<BankTarget, string>>;
}

export function toSavedBankMapping(m: BankCsvMapping, header: readonly string[]): SavedBankMapping {
  const columns: Partial<Record<BankTarget, string>> = {};
  for (const t of activeTargets(m)) if (m.columns[t] >= 0) columns[t] = normHeader(header[m.columns[t]] ?? '');
  return { v: 1, delimiter: m.delimiter, amountMode: m.amountMode, dateFormat: m.dateFormat, decimalSeparator: m.decimalSeparator, columns };
}

/** The remembered mapping applied to a new file, when one of its top rows has every remembered header; else null (guess instead). */
export function fromSavedBankMapping(saved: SavedBankMapping, table: readonly (readonly string[])[]): BankCsvMapping | null {
  if (saved?.v !== 1) return null;
  const wanted = Object.entries(saved.columns) as [BankTarget, string][];
  if (wanted.length === 0 || wanted.some(([, h]) => !h)) return null;
  for (let row = 0; row < Math.min(30, table.length); row++) {
    const names = table[row].map(normHeader);
    const columns = noColumns();
    if (!wanted.every(([t, h]) => (columns[t] = names.indexOf(h)) >= 0)) continue;
    const m: BankCsvMapping = { headerRow: row, delimiter: saved.delimiter, amountMode: saved.amountMode, columns, dateFormat: saved.dateFormat, decimalSeparator: saved.decimalSeparator };
    return bankMappingIssues(m).length ? null : m;
  }
  return null;
}
