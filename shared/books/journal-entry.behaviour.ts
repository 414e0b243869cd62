/**
 * Journal entry behaviour: totals on save; on submit the lines are posted (./journal-entry.posting.ts)
 * and lines on receivable/payable accounts with a party enter the payment ledger (so opening
 * balances can be settled by payments and show in aging); cancel appends reversing rows.
 */
import { DomainError, type FieldIssue } from '../kernel/errors';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { TxContext } from '../kernel/tx';
import { postGl, reverseGl, postableAccounts } from './gl';
import { appendPl, reversePl, assertNoLiveAllocations, PL_TABLE, type PlDraft } from './payment-ledger';
import { postJournalEntry, journalLineIssues, type JournalLine } from './journal-entry.posting';

const PARTY_TABLE = { customer: 'customers', supplier: 'suppliers' } as const;

export const journalEntryBehaviour: DocBehaviour = {
  tables: ['gl_entries', 'account_balances', PL_TABLE, 'customers', 'suppliers'],
  beforeSave(doc) {
    const lines = doc.lines as JournalLine[];
    doc.totalDebit = lines.reduce((s, l) => s + l.debit, 0);
    doc.totalCredit = lines.reduce((s, l) => s + l.credit, 0);
    const issues = journalLineIssues(lines);
    if (issues.length) throw DomainError.invalid(issues);
  },
  async onSubmit(doc, ctx) {
    const lines = doc.lines as JournalLine[];
    const rows = postJournalEntry(lines, doc.remarks as string);
    const accounts = await postableAccounts(ctx, lines.map((l) => l.account));
    const issues: FieldIssue[] = [];
    for (let row = 0; row < lines.length; row++) {
      const l = lines[row];
      const type = accounts.get(l.account)?.accountType;
      if ((type === 'receivable' || type === 'payable') && !l.party) issues.push({ code: 'error.party_required', field: 'lines.party', row });
      if (l.party && l.partyType) {
        const p = await ctx.t<BaseRecord>(PARTY_TABLE[l.partyType]).get(l.party);
        if (!p || p.deleted) issues.push({ code: 'error.party_invalid', field: 'lines.party', row, params: { value: l.party } });
      }
    }
    if (issues.length) throw DomainError.invalid(issues);
    await postGl(ctx, { type: 'JournalEntry', id: doc.id, number: doc.number, postingDate: doc.postingDate as string, closing: doc.entryType === 'closing' }, rows);
    await appendPl(ctx, partyRows(doc, lines, accounts, ctx));
  },
  async onCancel(doc, ctx) {
    await assertNoLiveAllocations(ctx, doc.id, doc.number);
    await reverseGl(ctx, doc.id);
    await reversePl(ctx, doc.id);
  },
};

function partyRows(doc: BaseRecord, lines: JournalLine[], accounts: Map<string, BaseRecord>, ctx: TxContext): PlDraft[] {
  const out: PlDraft[] = [];
  for (const l of lines) {
    const type = accounts.get(l.account)?.accountType;
    if (!l.party || !l.partyType || (type !== 'receivable' && type !== 'payable')) continue;
    const amount = type === 'receivable' ? l.debit - l.credit : l.credit - l.debit;
    out.push({
      postingDate: doc.postingDate as string,
      dueDate: doc.postingDate as string,
      partyType: l.partyType,
      party: l.party,
      account: l.account,
      voucherType: 'JournalEntry',
      voucherId: doc.id,
      voucherNumber: doc.number,
      againstType: 'JournalEntry',
      againstId: doc.id,
      againstNumber: doc.number,
      amount,
      currency: ctx.session.baseCurrency,
      amountBase: amount,
    });
  }
  return out;
}
