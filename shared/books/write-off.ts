/**
 * Write-offs: the `WriteOff` voucher closes what is still open on one document of a party and
 * books it to a write-off account, audited and immutable like every submitted voucher.
 *
 *   a customer's unpaid invoice (bad debt, 坏账):        Dr write-off loss   · Cr receivable (party)
 *   a small difference we owe a supplier (payable kept):  Dr payable (party)  · Cr write-off gain
 *   a customer's small credit kept (overpayment, advance): Dr receivable       · Cr write-off gain
 *   a supplier's debit we give up (debit note, advance):  Dr write-off loss   · Cr payable
 *
 * Which side is a loss follows from the sign of the open amount (payment ledger: positive = the
 * customer owes us / we owe the supplier): a loss when the party owed us, a gain when we owed the
 * party. The amount (document currency) defaults to everything still open and may be less (a
 * partial write-off), never more (error.write_off_exceeds_outstanding). Both lines are at the
 * document's BOOK value (base currency): the whole remaining base value when the write-off closes
 * the document, else amount × the document's rate; so no exchange difference arises and the party
 * account keeps equal to the payment ledger.
 *
 * Payment ledger: one row against the document moving its outstanding towards zero (so aging,
 * statements and the payment allocation page show it settled); the document cannot be cancelled
 * while the write-off is live (error.invoice_has_payments names it). Cancelling the write-off
 * appends the reversing rows: the document is open again.
 *
 * Accounts: `account` on the voucher, default by direction from the company settings
 * (`defaultAccounts.writeOffLoss` / `writeOffGain`: 5711 营业外支出 / 5301 营业外收入 under
 * 小企业会计准则 — small enterprises write bad debts off directly, with no allowance; 6900 / 4900
 * in the generic chart). Companies created before those roles existed fall back to the template's
 * account by number. The write-off account may not be a receivable, payable, bank or cash account.
 * Output VAT is not adjusted (PRC VAT is not recovered on bad debts).
 */
import { DomainError } from '../kernel/errors';
import type { BaseRecord, DocTypeDef } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { TxContext } from '../kernel/tx';
import { assertOpen, postGl, reverseGl, type PostingLine } from './gl';
import { appendPl, reversePl, assertNoLiveAllocations, outstandingIn, PL_TABLE, type PaymentLedgerRow } from './payment-ledger';
import { toBase } from './invoice.totals';
import { minorOf, showAmount } from './books.context';
import { PARTY_TYPES, type PartyType } from './vouchers.doctypes';
import type { DefaultAccounts } from './coa.templates';

export const WRITE_OFF_TABLE = 'write_offs';
export const WRITE_OFF_REFERENCE_TYPES = ['SalesInvoice', 'PurchaseInvoice', 'JournalEntry', 'Payment'] as const;
export const WRITE_OFF_DIRECTIONS = ['loss', 'gain'] as const;
export type WriteOffDirection = (typeof WRITE_OFF_DIRECTIONS)[number];

const REF_TABLE: Record<string, string> = { SalesInvoice: 'sales_invoices', PurchaseInvoice: 'purchase_invoices', JournalEntry: 'journal_entries', Payment: 'payments' };

/** Account numbers tried when the company settings have no write-off role (older companies). */
export const WRITE_OFF_FALLBACK: Record<WriteOffDirection, readonly string[]> = { loss: ['5711', '6900'], gain: ['5301', '4900'] };

export const WriteOff = {
  name: 'WriteOff',
  table: WRITE_OFF_TABLE,
  module: 'books',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'WOFF' },
  titleField: 'number',
  icon: 'eraser',
  fields: [
    /** Set from the document for invoices (customer for sales, supplier for purchases), else from the party field filled in. */
    { name: 'partyType', type: 'select', options: PARTY_TYPES, default: 'customer' },
    { name: 'customer', type: 'link', link: 'Customer' },
    { name: 'supplier', type: 'link', link: 'Supplier' },
    { name: 'postingDate', type: 'date', required: true },
    /** The document whose open amount is written off (a Payment = its unallocated advance). */
    { name: 'referenceType', type: 'select', options: WRITE_OFF_REFERENCE_TYPES, required: true, default: 'SalesInvoice' },
    { name: 'referenceId', type: 'data', required: true, maxLength: 40 },
    /** Computed: the document's number (lists, search). */
    { name: 'referenceNumber', type: 'data', readOnly: true, maxLength: 60 },
    /** Computed: the document's currency. */
    { name: 'currency', type: 'currency', readOnly: true },
    /** Document-currency amount written off; 0 / empty = everything still open. */
    { name: 'amount', type: 'money', min: 0, currencyField: 'currency' },
    /** Computed: loss (the party owed us) or gain (we owed the party). */
    { name: 'direction', type: 'select', options: WRITE_OFF_DIRECTIONS, readOnly: true },
    /** The write-off account; default from the company settings by direction. */
    { name: 'account', type: 'link', link: 'Account' },
    /** Computed: the base-currency book value written off. */
    { name: 'baseAmount', type: 'money', readOnly: true },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    { name: 'amendedFrom', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['number', 'postingDate', 'partyType', 'customer', 'supplier', 'referenceNumber', 'amount', 'direction'],
  searchFields: ['referenceNumber', 'remarks'],
  indexes: ['referenceId'],
} as const satisfies DocTypeDef;

export interface WriteOffPostingInput {
  partyType: PartyType;
  party: string;
  /** The receivable/payable account the document is open on. */
  partyAccount: string;
  writeOffAccount: string;
  /** Signed like the outstanding: + the party owes us (receivable) / we owe the party (payable). */
  amount: number;
  /** The base book value cleared, signed like `amount`. */
  base: number;
  currency: string;
  exchangeRate: string;
  remarks?: string;
}

/** Loss when the party owed us: a customer's positive or a supplier's negative outstanding. */
export function writeOffDirection(partyType: PartyType, signedOutstanding: number): WriteOffDirection {
  return (partyType === 'customer') === signedOutstanding > 0 ? 'loss' : 'gain';
}

/**
 * Pure posting rule. The party account moves by the payment-ledger change −base (receivable:
 * + = debit; payable: + = credit), the write-off account takes the other side.
 */
export function postWriteOff(inp: WriteOffPostingInput): PostingLine[] {
  const delta = -inp.base;
  const partyDebit = inp.partyType === 'customer' ? delta > 0 : delta < 0;
  const b = Math.abs(inp.base);
  const f = Math.abs(inp.amount);
  const lines: PostingLine[] = [
    { account: inp.partyAccount, debit: partyDebit ? b : 0, credit: partyDebit ? 0 : b, currency: inp.currency, debitFc: partyDebit ? f : 0, creditFc: partyDebit ? 0 : f, exchangeRate: inp.exchangeRate, partyType: inp.partyType, party: inp.party, against: inp.writeOffAccount, remarks: inp.remarks },
    { account: inp.writeOffAccount, debit: partyDebit ? 0 : b, credit: partyDebit ? b : 0, against: inp.party, remarks: inp.remarks },
  ];
  return lines;
}

async function accountByNumber(ctx: TxContext, numbers: readonly string[]): Promise<string> {
  for (const n of numbers) {
    const a = await ctx.t<BaseRecord>('accounts').where('number').equals(n).filter((r) => !r.deleted && !r.isGroup && !r.disabled).first();
    if (a) return a.id;
  }
  return '';
}

/** The write-off account of a direction: settings role, else the template's account by number. */
async function defaultWriteOffAccount(ctx: TxContext, direction: WriteOffDirection): Promise<string> {
  const role = direction === 'loss' ? 'writeOffLoss' : 'writeOffGain';
  const id = (ctx.session.settings.defaultAccounts as Partial<DefaultAccounts> | undefined)?.[role];
  return id || (await accountByNumber(ctx, WRITE_OFF_FALLBACK[direction]));
}

interface Resolved {
  ref: BaseRecord;
  party: string;
  partyType: PartyType;
  open: Awaited<ReturnType<typeof outstandingIn>>;
  signed: number;
  base: number;
}

/** Load and check the document and its open amount (inside the command's transaction). */
async function resolve(doc: BaseRecord, ctx: TxContext): Promise<Resolved> {
  const table = REF_TABLE[doc.referenceType as string];
  const ref = table ? await ctx.t<BaseRecord>(table).get(doc.referenceId as string) : undefined;
  if (!ref || ref.deleted || ref.status !== 'submitted') throw new DomainError('error.allocation_reference', { value: doc.referenceId }, 'referenceId');
  // an invoice fixes the party; journals and payments name it on the write-off
  if (doc.referenceType === 'SalesInvoice') {
    doc.partyType = 'customer';
    doc.customer ||= ref.customer;
  } else if (doc.referenceType === 'PurchaseInvoice') {
    doc.partyType = 'supplier';
    doc.supplier ||= ref.supplier;
  } else if (doc.customer && !doc.supplier) doc.partyType = 'customer';
  else if (doc.supplier && !doc.customer) doc.partyType = 'supplier';
  else if (doc.referenceType === 'Payment' && !doc.customer && !doc.supplier) {
    doc.partyType = (ref.partyType as string) || (ref.paymentType === 'pay' ? 'supplier' : 'customer');
    doc[doc.partyType as string] = ref[doc.partyType as string];
  }
  if (doc.partyType !== 'supplier') doc.partyType = 'customer';
  const partyType = doc.partyType as PartyType;
  const partyField = partyType === 'customer' ? 'customer' : 'supplier';
  doc[partyField === 'customer' ? 'supplier' : 'customer'] = '';
  const party = doc[partyField] as string;
  if (!party) throw new DomainError('error.party_required', {}, partyField);
  const open = await outstandingIn(ctx.t<PaymentLedgerRow>(PL_TABLE), ref.id, { partyType, party });
  if (open.party !== party) throw new DomainError('error.allocation_party', { number: ref.number }, 'referenceId');
  if (open.amount === 0) throw new DomainError('error.write_off_nothing_open', { number: ref.number }, 'referenceId');
  const cur = open.currency;
  const abs = Math.abs(open.amount);
  const amount = (doc.amount as number) || abs;
  if (amount > abs) throw new DomainError('error.write_off_exceeds_outstanding', { number: ref.number, amount: showAmount(amount, cur), outstanding: showAmount(abs, cur) }, 'amount');
  const sign = open.amount > 0 ? 1 : -1;
  const rate = (ref.exchangeRate as string) || '1';
  const base = amount === abs ? open.amountBase : sign * toBase(amount, rate, minorOf(cur), minorOf(ctx.session.baseCurrency));
  return { ref, party, partyType, open, signed: sign * amount, base };
}

export const writeOffBehaviour: DocBehaviour = {
  tables: ['gl_entries', 'account_balances', PL_TABLE, 'accounts', 'customers', 'suppliers', ...Object.values(REF_TABLE)],
  async beforeSave(doc, ctx) {
    const r = await resolve(doc, ctx);
    doc.referenceNumber = r.ref.number;
    doc.currency = r.open.currency;
    doc.amount = Math.abs(r.signed);
    doc.baseAmount = Math.abs(r.base);
    const direction = writeOffDirection(r.partyType, r.signed);
    // a changed direction (the document's balance flipped since the draft) takes its own default
    if (doc.direction && doc.direction !== direction) doc.account = '';
    doc.direction = direction;
    if (!doc.account) doc.account = await defaultWriteOffAccount(ctx, direction);
    if (!doc.account) throw new DomainError('error.default_account_missing', { role: direction === 'loss' ? 'writeOffLoss' : 'writeOffGain' }, 'account');
    const acc = await ctx.t<BaseRecord>('accounts').get(doc.account as string);
    if (acc && ['receivable', 'payable', 'bank', 'cash'].includes(acc.accountType as string)) throw new DomainError('error.write_off_account_type', { account: `${acc.accountNumber} ${acc.accountName}` }, 'account');
  },
  async onSubmit(doc, ctx) {
    const r = await resolve(doc, ctx);
    const remarks = (doc.remarks as string) || `${doc.number} ${r.ref.number}`;
    const lines = postWriteOff({ partyType: r.partyType, party: r.party, partyAccount: r.open.account, writeOffAccount: doc.account as string, amount: r.signed, base: r.base, currency: r.open.currency, exchangeRate: (r.ref.exchangeRate as string) || '1', remarks });
    // a few foreign minor units can be worth 0 in base: nothing to post, the lock date still applies
    if (r.base === 0) assertOpen(ctx.session.settings.lockDate, doc.postingDate as string);
    else await postGl(ctx, { type: 'WriteOff', id: doc.id, number: doc.number, postingDate: doc.postingDate as string }, lines);
    await appendPl(ctx, [{
      postingDate: doc.postingDate as string,
      dueDate: r.open.dueDate,
      partyType: r.partyType,
      party: r.party,
      account: r.open.account,
      voucherType: 'WriteOff',
      voucherId: doc.id,
      voucherNumber: doc.number,
      againstType: doc.referenceType as string,
      againstId: r.ref.id,
      againstNumber: r.ref.number,
      amount: -r.signed,
      currency: r.open.currency,
      amountBase: -r.base,
    }]);
  },
  async onCancel(doc, ctx) {
    await assertNoLiveAllocations(ctx, doc.id, doc.number);
    await reverseGl(ctx, doc.id);
    await reversePl(ctx, doc.id);
  },
};
