/**
 * Journal entry posting rule (pure): one ledger line per entry line, base currency.
 * Each line has exactly one of debit/credit > 0; the entry must balance to the minor unit
 * (no rounding line: a journal is typed by a person and must add up as typed).
 */
import { DomainError, type FieldIssue } from '../kernel/errors';
import { assertBalanced, type PostingLine } from './gl';
import type { PartyType } from './vouchers.doctypes';

export interface JournalLine {
  account: string;
  debit: number;
  credit: number;
  partyType?: PartyType | '';
  party?: string;
  remarks?: string;
}

/** Line-level problems (both sides, neither side), each with its row for the form. */
export function journalLineIssues(lines: readonly JournalLine[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  lines.forEach((l, row) => {
    if (l.debit > 0 && l.credit > 0) issues.push({ code: 'error.line_debit_and_credit', field: 'lines.debit', row });
    else if (!l.debit && !l.credit) issues.push({ code: 'error.line_zero', field: 'lines.debit', row });
    if ((l.partyType && !l.party) || (!l.partyType && l.party)) issues.push({ code: 'error.party_required', field: 'lines.party', row });
  });
  return issues;
}

export function postJournalEntry(lines: readonly JournalLine[], remarks = ''): PostingLine[] {
  const issues = journalLineIssues(lines);
  if (issues.length) throw DomainError.invalid(issues);
  const out: PostingLine[] = lines.map((l) => ({
    account: l.account,
    debit: l.debit,
    credit: l.credit,
    partyType: l.partyType ?? '',
    party: l.party ?? '',
    remarks: l.remarks || remarks,
  }));
  const drAccounts = [...new Set(lines.filter((l) => l.debit > 0).map((l) => l.account))];
  const crAccounts = [...new Set(lines.filter((l) => l.credit > 0).map((l) => l.account))];
  for (const o of out) o.against = (o.debit > 0 ? crAccounts : drAccounts).join(',');
  assertBalanced(out);
  return out;
}
