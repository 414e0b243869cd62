/**
 * Payment behaviour. beforeSave: party type (empty = the usual party of the payment type) and
 * party, currency and rate (an empty rate: the exchange-rate table's for the payment date),
 * default party account, bank/cash account check, allocations not
 * above the amount (a refund: exactly the amount); unallocated and base amount computed.
 * onSubmit: every allocation is checked against the payment ledger INSIDE the transaction (the
 * referenced document is submitted, of this party, in this currency, and the amount is not above
 * its outstanding — for a refund, not above its open credit), then ledger rows from
 * ./payment.posting.ts and payment-ledger rows (allocations against the documents, the remainder
 * as an advance against the payment). onCancel: reversing rows.
 *
 * Refunds (`isRefund`): pay + customer returns a customer's credit (a credit note's excess, an
 * unallocated advance, a credit journal line); receive + supplier takes back a supplier's debit
 * (a debit note's excess, an advance we paid). The posting rule is the same (the money direction
 * decides the bank side; the party account takes the other), the payment-ledger rows move the
 * credit towards zero (+amount against it instead of −amount), and the whole amount must be
 * allocated: a refund never leaves an advance of its own. Payments and refunds are in the
 * currency of the documents they settle; any other currency (a third currency, or base currency
 * for a foreign document) is refused with error.allocation_currency.
 */
import { DomainError, type FieldIssue } from '../kernel/errors';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import { postGl, reverseGl } from './gl';
import { appendPl, reversePl, assertNoLiveAllocations, outstandingIn, PL_TABLE, type PaymentLedgerRow, type PlDraft } from './payment-ledger';
import { postPayment } from './payment.posting';
import { toBase } from './invoice.totals';
import { defaultAccount, minorOf, showAmount } from './books.context';
import { isRefund, usualPartyType, type PartyType } from './vouchers.doctypes';
import { normaliseRate, assertPartyAccount } from './invoice.behaviour';
import { applyTableRate, EXCHANGE_RATE_TABLE } from './exchange-rates';

const REF_TABLE: Record<string, string> = { SalesInvoice: 'sales_invoices', PurchaseInvoice: 'purchase_invoices', JournalEntry: 'journal_entries', Payment: 'payments' };

interface Allocation {
  referenceType: string;
  referenceId: string;
  amount: number;
}

export const paymentBehaviour: DocBehaviour = {
  tables: ['gl_entries', 'account_balances', PL_TABLE, 'sales_invoices', 'purchase_invoices', 'journal_entries', 'payments', 'accounts', EXCHANGE_RATE_TABLE],
  async beforeSave(doc, ctx) {
    const base = ctx.session.baseCurrency;
    // the party filled in decides; both filled (a form whose payment type was switched): the
    // usual party of the payment type, as before refunds existed; none: as given, else the usual
    const usual = usualPartyType(doc.paymentType as string);
    const filled = doc.customer && !doc.supplier ? 'customer' : doc.supplier && !doc.customer ? 'supplier' : '';
    doc.partyType = filled || (doc.customer && doc.supplier ? usual : (doc.partyType as string) || usual);
    const partyType = doc.partyType as PartyType;
    const customer = partyType === 'customer';
    const refund = isRefund(doc.paymentType as string, partyType);
    const issues: FieldIssue[] = [];
    if (customer && !doc.customer) issues.push({ code: 'error.party_required', field: 'customer' });
    if (!customer && !doc.supplier) issues.push({ code: 'error.party_required', field: 'supplier' });
    if (customer) doc.supplier = '';
    else doc.customer = '';
    const allocs = doc.allocations as Allocation[];
    const seen = new Set<string>();
    allocs.forEach((a, row) => {
      // a customer's documents for a customer, a supplier's for a supplier; an advance (Payment) only in a refund
      const okType = (customer ? a.referenceType !== 'PurchaseInvoice' : a.referenceType !== 'SalesInvoice') && (refund || a.referenceType !== 'Payment');
      if (!okType || seen.has(a.referenceId)) issues.push({ code: 'error.allocation_reference', field: 'allocations.referenceId', row, params: { value: a.referenceId } });
      seen.add(a.referenceId);
    });
    const allocated = allocs.reduce((s, a) => s + a.amount, 0);
    const cur = (doc.currency as string) || base;
    if (allocated > (doc.amount as number)) issues.push({ code: 'error.over_allocated', field: 'allocations', params: { allocated, amount: doc.amount } });
    else if (refund && allocated !== doc.amount && (doc.amount as number) > 0) issues.push({ code: 'error.refund_unallocated', field: 'allocations', params: { amount: showAmount(doc.amount as number, cur), allocated: showAmount(allocated, cur) } });
    if (!((doc.amount as number) > 0)) issues.push({ code: 'error.amount_zero', field: 'amount' });
    const acct = await ctx.t<BaseRecord>('accounts').get(doc.account as string);
    if (acct && acct.accountType !== 'bank' && acct.accountType !== 'cash') issues.push({ code: 'error.account_not_bank', field: 'account', params: { account: acct.accountNumber } });
    if (issues.length) throw DomainError.invalid(issues);
    // no rate given: the exchange-rate table's rate of the payment date (./exchange-rates.ts)
    await applyTableRate(ctx, doc, doc.postingDate as string);
    normaliseRate(doc, base);
    if (!doc.partyAccount) doc.partyAccount = defaultAccount(ctx.session.settings, customer ? 'receivable' : 'payable');
    await assertPartyAccount(ctx, doc.partyAccount as string, customer ? 'receivable' : 'payable', 'partyAccount');
    doc.unallocated = (doc.amount as number) - allocated;
    doc.baseAmount = toBase(doc.amount as number, doc.exchangeRate as string, minorOf(doc.currency as string), minorOf(base));
  },

  async onSubmit(doc, ctx) {
    const base = ctx.session.baseCurrency;
    const cur = doc.currency as string;
    const receive = doc.paymentType === 'receive';
    const partyType = (doc.partyType as PartyType) || usualPartyType(doc.paymentType as string);
    const refund = isRefund(doc.paymentType as string, partyType);
    const party = (partyType === 'customer' ? doc.customer : doc.supplier) as string;
    const allocs = doc.allocations as Allocation[];
    const pl = ctx.t<PaymentLedgerRow>(PL_TABLE);
    const resolved: { amount: number; base: number; ref: BaseRecord; dueDate: string }[] = [];
    for (let row = 0; row < allocs.length; row++) {
      const a = allocs[row];
      const at = (code: string, params: Record<string, unknown> = {}) => new DomainError(code, params, 'allocations.amount', [{ code, field: 'allocations.referenceId', row, params }]);
      const ref = await ctx.t<BaseRecord>(REF_TABLE[a.referenceType]).get(a.referenceId);
      if (!ref || ref.status !== 'submitted') throw at('error.allocation_reference', { value: a.referenceId });
      const open = await outstandingIn(pl, ref.id, { partyType, party });
      if (open.party !== party || open.partyType !== partyType) throw at('error.allocation_party', { number: ref.number });
      if (open.currency !== cur) throw at('error.allocation_currency', { number: ref.number, currency: open.currency });
      const rate = (ref.exchangeRate as string) || '1';
      let cleared: number;
      if (refund) {
        // the party's credit on the document (a negative outstanding); refunding more is refused
        const credit = -open.amount;
        if (a.amount > credit) throw at('error.refund_exceeds_credit', { number: ref.number, amount: showAmount(a.amount, cur), credit: showAmount(Math.max(credit, 0), cur) });
        cleared = a.amount === credit ? -open.amountBase : toBase(a.amount, rate, minorOf(cur), minorOf(base));
      } else {
        if (a.amount > open.amount) throw at('error.allocation_exceeds_outstanding', { number: ref.number, outstanding: showAmount(Math.max(open.amount, 0), cur) });
        cleared = a.amount === open.amount ? open.amountBase : toBase(a.amount, rate, minorOf(cur), minorOf(base));
      }
      resolved.push({ amount: a.amount, base: cleared, ref, dueDate: open.dueDate });
    }
    const posting = postPayment({
      paymentType: receive ? 'receive' : 'pay',
      currency: cur,
      exchangeRate: doc.exchangeRate as string,
      currencyMinorUnits: minorOf(cur),
      baseMinorUnits: minorOf(base),
      amount: doc.amount as number,
      bankAccount: doc.account as string,
      partyAccount: doc.partyAccount as string,
      partyType,
      party,
      exchangeAccount: defaultAccount(ctx.session.settings, 'exchangeGainLoss'),
      allocations: resolved,
      remarks: doc.remarks as string,
    });
    await postGl(ctx, { type: 'Payment', id: doc.id, number: doc.number, postingDate: doc.postingDate as string }, posting.lines);
    const common = { postingDate: doc.postingDate as string, partyType, party, account: doc.partyAccount as string, voucherType: 'Payment', voucherId: doc.id, voucherNumber: doc.number, currency: cur } as const;
    // a payment reduces what is owed (−); a refund reduces the party's credit (+)
    const sign = refund ? 1 : -1;
    const rows: PlDraft[] = resolved.map((r) => ({ ...common, againstType: allocs.find((a) => a.referenceId === r.ref.id)!.referenceType, againstId: r.ref.id, againstNumber: r.ref.number, dueDate: r.dueDate, amount: sign * r.amount, amountBase: sign * r.base }));
    if (posting.unallocated) rows.push({ ...common, againstType: 'Payment', againstId: doc.id, againstNumber: doc.number, dueDate: doc.postingDate as string, amount: -posting.unallocated, amountBase: -posting.unallocatedBase });
    await appendPl(ctx, rows);
  },

  async onCancel(doc, ctx) {
    await assertNoLiveAllocations(ctx, doc.id, doc.number);
    await reverseGl(ctx, doc.id);
    await reversePl(ctx, doc.id);
  },
};
