/**
 * The payment ledger (`payment_ledger`, append-only): what each party owes per open document.
 *
 * Every receivable/payable effect appends a row `against` the document it belongs to:
 *   - an invoice (or a journal line on a receivable/payable account with a party) appends
 *     +amount against itself (what the party owes us / we owe the party);
 *   - a payment allocation appends -amount against the invoice it settles;
 *   - an unallocated payment remainder appends -amount against the payment itself (an advance);
 *   - a credit note appends -amount against the invoice it returns (the excess against itself).
 * Cancelling a voucher appends the opposite of each of its rows.
 * So outstanding(document) = sum(amount of rows against it), in the document currency, and
 * `amountBase` sums to the base-currency book value still open (used to realise exchange
 * gain/loss). Signs follow the party: positive = the party owes (receivable) / is owed (payable).
 */
import { newId } from '../kernel/ids';
import type { Table } from 'dexie';
import type { TxContext } from '../kernel/tx';
import type { Session } from '../kernel/session';
import { DomainError } from '../kernel/errors';
import type { PartyType } from './vouchers.doctypes';

export const PL_TABLE = 'payment_ledger';

export interface PaymentLedgerRow {
  id: string;
  postingDate: string;
  /** Due date of the document the row is against (aging buckets). */
  dueDate: string;
  partyType: PartyType;
  party: string;
  /** The receivable/payable account. */
  account: string;
  voucherType: string;
  voucherId: string;
  voucherNumber: string;
  againstType: string;
  againstId: string;
  againstNumber: string;
  /** Document-currency minor units (signed). */
  amount: number;
  currency: string;
  /** Base-currency minor units (signed). */
  amountBase: number;
  isReversal: boolean;
  branchId: string;
  createdAt: string;
}

export type PlDraft = Omit<PaymentLedgerRow, 'id' | 'isReversal' | 'branchId' | 'createdAt'>;

export async function appendPl(ctx: TxContext, rows: PlDraft[]): Promise<void> {
  const full: PaymentLedgerRow[] = rows
    .filter((r) => r.amount !== 0 || r.amountBase !== 0)
    .map((r) => ({ ...r, id: newId(), isReversal: false, branchId: ctx.session.branchId, createdAt: ctx.now }));
  await ctx.append(PL_TABLE, full as unknown as Record<string, unknown>[]);
}

/** Append the opposite of every original row a voucher wrote (cancel). */
export async function reversePl(ctx: TxContext, voucherId: string): Promise<void> {
  const originals = (await ctx.t<PaymentLedgerRow>(PL_TABLE).where('voucherId').equals(voucherId).toArray()).filter((r) => !r.isReversal);
  const rows = originals.map((r) => ({ ...r, id: newId(), amount: -r.amount, amountBase: -r.amountBase, isReversal: true, branchId: ctx.session.branchId, createdAt: ctx.now }));
  await ctx.append(PL_TABLE, rows as unknown as Record<string, unknown>[]);
}

export interface Outstanding {
  amount: number;
  amountBase: number;
  currency: string;
  partyType: PartyType | '';
  party: string;
  account: string;
  dueDate: string;
}

/**
 * Outstanding of one document from its rows (pass a transaction-bound table inside a command).
 * A journal entry may carry several parties: give `party` to get one party's part.
 */
export async function outstandingIn(table: Table<PaymentLedgerRow, string>, againstId: string, opts: { partyType?: string; party?: string; asOf?: string } = {}): Promise<Outstanding> {
  const rows = await table.where('againstId').equals(againstId).toArray();
  const o: Outstanding = { amount: 0, amountBase: 0, currency: '', partyType: '', party: '', account: '', dueDate: '' };
  for (const r of rows) {
    if (opts.asOf && r.postingDate > opts.asOf) continue;
    if ((opts.party && r.party !== opts.party) || (opts.partyType && r.partyType !== opts.partyType)) continue;
    o.amount += r.amount;
    o.amountBase += r.amountBase;
    if (!o.party || (r.voucherId === againstId && !r.isReversal)) {
      o.currency = r.currency;
      o.partyType = r.partyType;
      o.party = r.party;
      o.account = r.account;
      o.dueDate = r.dueDate;
    }
  }
  return o;
}

/** Outstanding amount of a document (invoice, opening journal, payment advance = negative). */
export async function getOutstanding(s: Session, docType: string, id: string, opts: { partyType?: string; party?: string; asOf?: string } = {}): Promise<Outstanding> {
  s.require(docType, 'read');
  return outstandingIn(s.db.t<PaymentLedgerRow>(PL_TABLE), id, opts);
}

/**
 * Refuse cancelling a document that other live vouchers (payments, credit notes) still settle.
 * Throws error.invoice_has_payments naming them.
 */
export async function assertNoLiveAllocations(ctx: TxContext, docId: string, docNumber: string): Promise<void> {
  const rows = await ctx.t<PaymentLedgerRow>(PL_TABLE).where('againstId').equals(docId).toArray();
  const byVoucher = new Map<string, { number: string; amount: number; amountBase: number }>();
  for (const r of rows) {
    if (r.voucherId === docId) continue;
    const v = byVoucher.get(r.voucherId) ?? { number: r.voucherNumber, amount: 0, amountBase: 0 };
    v.amount += r.amount;
    // a revaluation settles nothing in the document currency but moves the base amount
    v.amountBase += r.amountBase ?? 0;
    byVoucher.set(r.voucherId, v);
  }
  const live = [...byVoucher.values()].filter((v) => v.amount !== 0 || v.amountBase !== 0).map((v) => v.number);
  if (live.length) throw new DomainError('error.invoice_has_payments', { number: docNumber, payments: live.join(', ') });
}
