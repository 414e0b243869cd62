/**
 * Bank reconciliation: import a bank statement (CSV), suggest which ledger rows of the bank
 * account each statement line matches, and record confirmed matches.
 *
 * - `parseBankStatementCsv` (pure) reads the common layouts: one signed `amount` column or
 *   separate `deposit`/`withdrawal` columns (Chinese bank exports: 交易日期 / 摘要 / 收入 / 支出 /
 *   金额 / 流水号 are recognised too); dates YYYY-MM-DD or YYYY/MM/DD; amounts exact (no floats).
 * - `suggestBankMatches` (pure) pairs statement lines with ledger rows of the same signed amount
 *   within a few days, preferring the same date and a reference/number found in the text; each
 *   ledger row is suggested at most once. Rows of cancelled vouchers are never suggested.
 * - Confirmed matches are appended to `bank_matches` (append-only, replicated); a ledger row can
 *   be matched once (error.bank_already_matched).
 */
import { DomainError, type FieldIssue } from '../kernel/errors';
import { parseMoney } from '../kernel/money';
import { isValidDate } from '../kernel/validate';
import { newId } from '../kernel/ids';
import { inTx } from '../kernel/docs.service';
import type { Session } from '../kernel/session';
import { GL_TABLE, type GlEntry } from './gl';

export const BANK_MATCH_TABLE = 'bank_matches';

export interface BankStatementLine {
  /** Row number in the file (1 = first data row). */
  line: number;
  date: string;
  description: string;
  reference: string;
  /** Signed minor units: + money in (deposit), − money out. */
  amount: number;
}

export interface BankMatch {
  id: string;
  account: string;
  glEntryId: string;
  voucherType: string;
  voucherId: string;
  statementDate: string;
  statementReference: string;
  amount: number;
  matchedAt: string;
  matchedBy: string;
  branchId: string;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF/LF; a leading BOM is dropped. */
export function parseCsv(text: string): string[][] {
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
    else if (ch === ',') {
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

const HEADERS: Record<string, string[]> = {
  date: ['date', 'transaction date', 'posting date', 'value date', '交易日期', '日期', '记账日期'],
  description: ['description', 'memo', 'details', 'narrative', 'payee', '摘要', '用途', '对方户名', '备注'],
  reference: ['reference', 'ref', 'transaction id', 'cheque no', '流水号', '交易流水号', '凭证号'],
  amount: ['amount', '金额', '交易金额'],
  deposit: ['deposit', 'credit', 'money in', 'paid in', '收入', '贷方发生额', '收入金额'],
  withdrawal: ['withdrawal', 'debit', 'money out', 'paid out', '支出', '借方发生额', '支出金额'],
};

/** Parse a bank statement CSV into signed statement lines (currency: the bank account's). */
export function parseBankStatementCsv(text: string, currency: string): BankStatementLine[] {
  const rows = parseCsv(text);
  if (rows.length < 2) throw new DomainError('error.import_no_rows');
  const head = rows[0].map((h) => h.trim().toLowerCase());
  const col = (k: string) => head.findIndex((h) => HEADERS[k].includes(h));
  const c = { date: col('date'), description: col('description'), reference: col('reference'), amount: col('amount'), deposit: col('deposit'), withdrawal: col('withdrawal') };
  if (c.date < 0) throw new DomainError('error.import_missing_column', { column: 'date' });
  if (c.amount < 0 && c.deposit < 0 && c.withdrawal < 0) throw new DomainError('error.import_missing_column', { column: 'amount' });
  const issues: FieldIssue[] = [];
  const out: BankStatementLine[] = [];
  const money = (v: string, row: number, field: string): number => {
    const t = v.trim();
    if (!t) return 0;
    try {
      return parseMoney(t.replace(/^\((.*)\)$/, '-$1'), currency).minor;
    } catch (e) {
      issues.push({ code: (e as DomainError).code ?? 'error.not_a_number', field, row, params: { value: t } });
      return 0;
    }
  };
  rows.slice(1).forEach((r, i) => {
    const date = (r[c.date] ?? '').trim().replace(/\//g, '-').replace(/^(\d{4})-(\d)-/, '$1-0$2-').replace(/-(\d)$/, '-0$1');
    if (!isValidDate(date)) issues.push({ code: 'error.date_invalid', field: 'date', row: i, params: { value: r[c.date] ?? '' } });
    const amount = c.amount >= 0 ? money(r[c.amount] ?? '', i, 'amount') : money(r[c.deposit] ?? '', i, 'deposit') - money(r[c.withdrawal] ?? '', i, 'withdrawal');
    out.push({ line: i + 1, date, description: c.description >= 0 ? (r[c.description] ?? '').trim() : '', reference: c.reference >= 0 ? (r[c.reference] ?? '').trim() : '', amount });
  });
  if (issues.length) throw DomainError.invalid(issues);
  return out;
}

export interface MatchSuggestion {
  line: BankStatementLine;
  /** The ledger row (bank account side) suggested, or null when nothing fits. */
  entry: GlEntry | null;
  /** Higher is surer: 3 same amount and date, +2 reference/number found in the text, −1 per day apart. */
  score: number;
}

const daysApart = (a: string, b: string) => Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;

/** Pure: best unique ledger row per statement line (greedy by score). */
export function suggestBankMatches(lines: readonly BankStatementLine[], entries: readonly GlEntry[], dayWindow = 3): MatchSuggestion[] {
  const reversed = new Set(entries.filter((e) => e.isReversal).map((e) => e.voucherId));
  const open = entries.filter((e) => !reversed.has(e.voucherId));
  const pairs: { li: number; ei: number; score: number }[] = [];
  lines.forEach((l, li) => {
    open.forEach((e, ei) => {
      if (e.debit - e.credit !== l.amount) return;
      const d = daysApart(l.date, e.postingDate);
      if (d > dayWindow) return;
      const text = `${l.description} ${l.reference}`.toLowerCase();
      const ref = (e.voucherNumber && text.includes(e.voucherNumber.toLowerCase())) || (l.reference && (e.remarks ?? '').toLowerCase().includes(l.reference.toLowerCase()));
      pairs.push({ li, ei, score: 3 - d + (ref ? 2 : 0) });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.li - b.li || a.ei - b.ei);
  const usedL = new Set<number>();
  const usedE = new Set<number>();
  const best = new Map<number, { ei: number; score: number }>();
  for (const p of pairs) {
    if (usedL.has(p.li) || usedE.has(p.ei)) continue;
    usedL.add(p.li);
    usedE.add(p.ei);
    best.set(p.li, { ei: p.ei, score: p.score });
  }
  return lines.map((line, li) => {
    const b = best.get(li);
    return { line, entry: b ? open[b.ei] : null, score: b ? b.score : 0 };
  });
}

/** Ledger rows of a bank account in a date range not yet matched to a statement line. */
export async function unmatchedBankEntries(s: Session, account: string, fromDate: string, toDate: string): Promise<GlEntry[]> {
  s.require('Account', 'read');
  const rows = await s.db.t<GlEntry>(GL_TABLE).where('[account+postingDate]').between([account, fromDate], [account, toDate], true, true).toArray();
  const matched = new Set((await s.db.t<BankMatch>(BANK_MATCH_TABLE).where('glEntryId').anyOf(rows.map((r) => r.id)).toArray()).map((m) => m.glEntryId));
  return rows.filter((r) => !matched.has(r.id));
}

/** Suggestions for a parsed statement against the bank account's unmatched ledger rows. */
export async function bankMatchSuggestions(s: Session, account: string, lines: BankStatementLine[], dayWindow = 3): Promise<MatchSuggestion[]> {
  if (lines.length === 0) return [];
  const dates = lines.map((l) => l.date).sort();
  const shift = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const entries = await unmatchedBankEntries(s, account, shift(dates[0], -dayWindow), shift(dates[dates.length - 1], dayWindow));
  return suggestBankMatches(lines, entries, dayWindow);
}

/** Record confirmed matches (one transaction; refuses a row matched before or a different amount). */
export async function confirmBankMatches(s: Session, account: string, matches: { line: BankStatementLine; glEntryId: string }[]): Promise<BankMatch[]> {
  s.require('JournalEntry', 'submit');
  return inTx(s, [GL_TABLE, BANK_MATCH_TABLE], async (ctx) => {
    const rows: BankMatch[] = [];
    const seen = new Set<string>();
    for (const m of matches) {
      const e = await ctx.t<GlEntry>(GL_TABLE).get(m.glEntryId);
      if (!e || e.account !== account || e.debit - e.credit !== m.line.amount) throw new DomainError('error.bank_amount_mismatch', { line: m.line.line });
      if (seen.has(e.id) || (await ctx.t(BANK_MATCH_TABLE).where('glEntryId').equals(e.id).count())) throw new DomainError('error.bank_already_matched', { number: e.voucherNumber });
      seen.add(e.id);
      rows.push({ id: newId(), account, glEntryId: e.id, voucherType: e.voucherType, voucherId: e.voucherId, statementDate: m.line.date, statementReference: m.line.reference || m.line.description, amount: m.line.amount, matchedAt: ctx.now, matchedBy: s.user.id, branchId: s.branchId });
    }
    await ctx.append(BANK_MATCH_TABLE, rows as unknown as Record<string, unknown>[]);
    return rows;
  });
}
