/**
 * Payment reconciliation: apply a party's open credit (an unallocated payment advance, a credit
 * note's excess, a credit journal line) to its open invoices, after the fact.
 *
 * The PaymentReconciliation voucher appends payment-ledger rows (+amount against the credit,
 * −amount against the invoice). In a foreign currency the two sides' base values differ (the
 * advance was booked at the payment-date rate, the invoice at its own rate): the difference is
 * realised exchange gain/loss, posted with the receivable/payable adjustment so the GL party
 * account always equals the payment ledger's base amounts. Same rate (or base currency): no GL
 * rows at all. Cancel appends the reversing rows; a payment whose advance was applied cannot be
 * cancelled (error.invoice_has_payments names this voucher).
 */
import { DomainError } from '../kernel/errors';
import type { BaseRecord, DocTypeDef } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import { postGl, reverseGl, type PostingLine } from './gl';
import { appendPl, reversePl, outstandingIn, PL_TABLE, type PaymentLedgerRow, type PlDraft } from './payment-ledger';
import { toBase } from './invoice.totals';
import { defaultAccount, minorOf } from './books.context';
import { PARTY_TYPES } from './vouchers.doctypes';

const DOC_TYPES = ['Payment', 'SalesInvoice', 'PurchaseInvoice', 'JournalEntry'] as const;
const TABLE: Record<string, string> = { Payment: 'payments', SalesInvoice: 'sales_invoices', PurchaseInvoice: 'purchase_invoices', JournalEntry: 'journal_entries' };

export const PaymentReconciliation = {
  name: 'PaymentReconciliation',
  table: 'payment_reconciliations',
  module: 'books',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'REC' },
  titleField: 'number',
  icon: 'arrows-exchange',
  fields: [
    { name: 'partyType', type: 'select', options: PARTY_TYPES, required: true, default: 'customer' },
    { name: 'customer', type: 'link', link: 'Customer' },
    { name: 'supplier', type: 'link', link: 'Supplier' },
    { name: 'postingDate', type: 'date', required: true },
    /** Currency of the documents reconciled ('' = base). */
    { name: 'currency', type: 'currency' },
    {
      name: 'lines',
      type: 'table',
      required: true,
      currencyField: 'currency',
      fields: [
        /** The document with a negative outstanding (advance, credit note, credit journal). */
        { name: 'creditType', type: 'select', options: DOC_TYPES, required: true },
        { name: 'creditId', type: 'data', required: true, maxLength: 40 },
        /** The invoice (or debit journal) it settles. */
        { name: 'invoiceType', type: 'select', options: DOC_TYPES, required: true },
        { name: 'invoiceId', type: 'data', required: true, maxLength: 40 },
        { name: 'amount', type: 'money', required: true, min: 0 },
      ],
    },
    { name: 'remarks', type: 'text', maxLength: 1000 },
  ],
  listColumns: ['number', 'partyType', 'customer', 'supplier', 'postingDate'],
  searchFields: ['remarks'],
} as const satisfies DocTypeDef;

interface Line {
  creditType: string;
  creditId: string;
  invoiceType: string;
  invoiceId: string;
  amount: number;
}

export const reconciliationBehaviour: DocBehaviour = {
  tables: ['gl_entries', 'account_balances', PL_TABLE, ...Object.values(TABLE), 'accounts'],
  beforeSave(doc, ctx) {
    doc.currency = (doc.currency as string) || ctx.session.baseCurrency;
    const field = doc.partyType === 'customer' ? 'customer' : 'supplier';
    if (!doc[field]) throw new DomainError('error.party_required', {}, field);
    doc[field === 'customer' ? 'supplier' : 'customer'] = '';
    (doc.lines as Line[]).forEach((l, row) => {
      if (!(l.amount > 0)) throw new DomainError('error.amount_zero', {}, 'lines.amount', [{ code: 'error.amount_zero', field: 'lines.amount', row }]);
    });
  },
  async onSubmit(doc, ctx) {
    const base = ctx.session.baseCurrency;
    const cur = doc.currency as string;
    const partyType = doc.partyType as 'customer' | 'supplier';
    const party = (partyType === 'customer' ? doc.customer : doc.supplier) as string;
    const pl = ctx.t<PaymentLedgerRow>(PL_TABLE);
    const rows: PlDraft[] = [];
    const byAccount = new Map<string, number>(); // signed: + = debit
    // the open amounts change as lines apply: track them per document
    const open = new Map<string, { amount: number; amountBase: number; account: string; dueDate: string; number: string; rate: string }>();
    const load = async (type: string, id: string) => {
      if (!open.has(id)) {
        const d = await ctx.t<BaseRecord>(TABLE[type]).get(id);
        if (!d || d.status !== 'submitted') throw new DomainError('error.allocation_reference', { value: id });
        const o = await outstandingIn(pl, id, { partyType, party });
        if (o.party !== party) throw new DomainError('error.allocation_party', { number: d.number });
        if (o.currency !== cur) throw new DomainError('error.allocation_currency', { number: d.number, currency: o.currency });
        open.set(id, { amount: o.amount, amountBase: o.amountBase, account: o.account, dueDate: o.dueDate, number: d.number, rate: (d.exchangeRate as string) || '1' });
      }
      return open.get(id)!;
    };
    const fx = (a: number, rate: string) => toBase(a, rate, minorOf(cur), minorOf(base));
    for (const l of doc.lines as Line[]) {
      const c = await load(l.creditType, l.creditId);
      const i = await load(l.invoiceType, l.invoiceId);
      if (l.amount > -c.amount) throw new DomainError('error.allocation_exceeds_outstanding', { number: c.number, outstanding: -c.amount });
      if (l.amount > i.amount) throw new DomainError('error.allocation_exceeds_outstanding', { number: i.number, outstanding: i.amount });
      const cBase = l.amount === -c.amount ? -c.amountBase : fx(l.amount, c.rate);
      const iBase = l.amount === i.amount ? i.amountBase : fx(l.amount, i.rate);
      c.amount += l.amount;
      c.amountBase += cBase;
      i.amount -= l.amount;
      i.amountBase -= iBase;
      const common = { postingDate: doc.postingDate as string, partyType, party, voucherType: 'PaymentReconciliation', voucherId: doc.id, voucherNumber: doc.number, currency: cur };
      rows.push({ ...common, account: c.account, againstType: l.creditType, againstId: l.creditId, againstNumber: c.number, dueDate: c.dueDate, amount: l.amount, amountBase: cBase });
      rows.push({ ...common, account: i.account, againstType: l.invoiceType, againstId: l.invoiceId, againstNumber: i.number, dueDate: i.dueDate, amount: -l.amount, amountBase: -iBase });
      // the party account moves by the payment-ledger base change (receivable: + = debit; payable: + = credit)
      const sign = partyType === 'customer' ? 1 : -1;
      byAccount.set(c.account, (byAccount.get(c.account) ?? 0) + sign * cBase);
      byAccount.set(i.account, (byAccount.get(i.account) ?? 0) - sign * iBase);
    }
    const lines: PostingLine[] = [];
    let net = 0;
    for (const [account, v] of byAccount) {
      if (v === 0) continue;
      lines.push({ account, debit: v > 0 ? v : 0, credit: v < 0 ? -v : 0, partyType, party });
      net += v;
    }
    if (net !== 0) lines.push({ account: defaultAccount(ctx.session.settings, 'exchangeGainLoss'), debit: net < 0 ? -net : 0, credit: net > 0 ? net : 0, against: party });
    if (lines.length) await postGl(ctx, { type: 'PaymentReconciliation', id: doc.id, number: doc.number, postingDate: doc.postingDate as string }, lines);
    await appendPl(ctx, rows);
  },
  async onCancel(doc, ctx) {
    await reverseGl(ctx, doc.id);
    await reversePl(ctx, doc.id);
  },
};
