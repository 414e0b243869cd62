/**
 * Books application services beyond the generic document commands.
 *
 * Documents (Account, TaxTemplate, JournalEntry, SalesInvoice, PurchaseInvoice, Payment) are
 * created, submitted and cancelled through the kernel's generic services
 * (createDoc / submitDoc / cancelDoc / amendDoc in shared/kernel/docs.service.ts); their
 * behaviours post the ledgers. This file adds lookups, the lock date and the year-end close.
 */
import { DomainError } from '../kernel/errors';
import type { BaseRecord } from '../kernel/doctype';
import type { Session } from '../kernel/session';
import { createDoc, submitDoc, deleteDoc } from '../kernel/docs.service';
import { updateSettings } from '../kernel/company.service';
import { isValidDate } from '../kernel/validate';
import { BALANCE_TABLE, type AccountBalance } from './gl';
import type { DefaultAccounts } from './coa.templates';

/** An account by its number (e.g. '1122'), or error.not_found. */
export async function findAccount(s: Session, accountNumber: string): Promise<BaseRecord> {
  s.require('Account', 'read');
  const a = await s.db.t<BaseRecord>('accounts').where('number').equals(accountNumber).filter((r) => !r.deleted).first();
  if (!a) throw new DomainError('error.not_found', { docType: 'Account', id: accountNumber });
  return a;
}

/** The company's default accounts (role -> account id). */
export function defaultAccounts(s: Session): DefaultAccounts {
  return s.settings.defaultAccounts as DefaultAccounts;
}

/** A tax template by name (e.g. 'VAT 13%'). */
export async function findTaxTemplate(s: Session, name: string): Promise<BaseRecord> {
  s.require('TaxTemplate', 'read');
  const t = await s.db.t<BaseRecord>('tax_templates').where('number').equals(name).filter((r) => !r.deleted).first();
  if (!t) throw new DomainError('error.not_found', { docType: 'TaxTemplate', id: name });
  return t;
}

/** Balance (debit - credit, base minor units) of a leaf account up to and including a period. */
export async function accountBalance(s: Session, accountId: string, toPeriod = '\uffff'): Promise<number> {
  s.require('Account', 'read');
  const rows = await s.db.t<AccountBalance>(BALANCE_TABLE).where('[account+period]').between([accountId, ''], [accountId, toPeriod], true, true).toArray();
  return rows.reduce((t, r) => t + r.debit - r.credit, 0);
}

/**
 * Create and submit a document in two steps (the normal draft -> submit flow). If the submit is
 * refused the draft is deleted (tombstoned) again and the error rethrown, so scripts and the
 * demo seeder leave no stray drafts.
 */
export async function createAndSubmit(s: Session, docType: string, input: Record<string, unknown>): Promise<BaseRecord> {
  const draft = await createDoc(s, docType, input);
  try {
    return await submitDoc(s, docType, draft.id);
  } catch (e) {
    await deleteDoc(s, docType, draft.id).catch(() => undefined);
    throw e;
  }
}

/**
 * Set (or clear with '') the lock date: nothing may be posted or cancelled on or before it.
 * Needs the Settings admin right. A lock date never moves back silently: moving it earlier is
 * allowed (re-opening a period) but audited like every settings change.
 */
export async function setLockDate(s: Session, lockDate: string): Promise<void> {
  if (lockDate && !isValidDate(lockDate)) throw new DomainError('error.date_invalid', { value: lockDate }, 'lockDate');
  await updateSettings(s, { lockDate: lockDate || undefined });
}

/**
 * Year-end close: one closing journal entry (entryType 'closing', dated YYYY-12-31, posted to
 * period YYYY-13) moving every income and expense account's balance of the year to the
 * retained earnings account. Refused when the year was already closed or has no result.
 */
export async function closeYear(s: Session, year: number): Promise<BaseRecord> {
  s.require('JournalEntry', 'submit');
  const y = String(year);
  const closed = await s.db.t<AccountBalance>(BALANCE_TABLE).where('period').equals(`${y}-13`).count();
  if (closed) throw new DomainError('error.year_already_closed', { year });
  const accounts = new Map((await s.db.t<BaseRecord>('accounts').toArray()).map((a) => [a.id, a]));
  const sums = new Map<string, number>();
  for (const b of await s.db.t<AccountBalance>(BALANCE_TABLE).where('period').between(`${y}-01`, `${y}-12`, true, true).toArray()) {
    const a = accounts.get(b.account);
    if (a?.rootType !== 'income' && a?.rootType !== 'expense') continue;
    sums.set(b.account, (sums.get(b.account) ?? 0) + b.debit - b.credit);
  }
  const lines: Record<string, unknown>[] = [];
  let net = 0;
  for (const [account, bal] of [...sums].sort((a, b) => String(accounts.get(a[0])!.accountNumber).localeCompare(String(accounts.get(b[0])!.accountNumber)))) {
    if (bal === 0) continue;
    lines.push({ account, debit: bal < 0 ? -bal : 0, credit: bal > 0 ? bal : 0 });
    net += bal;
  }
  if (lines.length === 0) throw new DomainError('error.year_nothing_to_close', { year });
  const retained = (s.settings.defaultAccounts as DefaultAccounts).retainedEarnings;
  // net = debits of income/expense accounts in the year: negative = profit (credit balance)
  if (net !== 0) lines.push({ account: retained, debit: net > 0 ? net : 0, credit: net < 0 ? -net : 0 });
  return createAndSubmit(s, 'JournalEntry', { postingDate: `${y}-12-31`, entryType: 'closing', remarks: `Year-end close ${y}`, lines });
}
