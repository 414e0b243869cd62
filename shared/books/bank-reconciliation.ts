/**
 * Bank reconciliation: import a bank statement (CSV), suggest which ledger rows of the bank
 * account each statement line matches, and record confirmed matches.
 *
 * - Statement files (./bank-statement.ts, re-exported here): `guessBankMapping` guesses which
 *   column is what (English and Chinese headers), the user corrects the mapping on screen,
 *   `parseBankStatement(table, mapping, currency)` (pure) reads every row with its issues, and
 *   import is all-or-nothing (`statementLinesOrThrow`). `parseBankStatementCsv(text, currency)`
 *   is the one-call form with the guessed mapping.
 * - `suggestBankMatches` (pure) pairs statement lines with ledger rows of the same signed amount
 *   within a few days, preferring the same date and a reference/number found in the text; each
 *   ledger row is suggested at most once. Rows of cancelled vouchers are never suggested.
 * - Confirmed matches are appended to `bank_matches` (append-only, replicated); a ledger row can
 *   be matched once (error.bank_already_matched).
 */
import { DomainError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import { inTx } from '../kernel/docs.service';
import type { Session } from '../kernel/session';
import { GL_TABLE, type GlEntry } from './gl';
import type { BankStatementLine } from './bank-statement';

// The statement file side (reading, column mapping, parsing) lives in ./bank-statement.ts.
export * from './bank-statement';

export const BANK_MATCH_TABLE = 'bank_matches';

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
