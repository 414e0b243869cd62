/**
 * Pure posting rules of invoices (sales here, purchase in ./purchase-invoice.posting.ts).
 *
 * Sales invoice:   Dr receivable (party = customer)  grand total
 *                      Cr income (per income account)      net amounts
 *                      Cr output VAT (per tax account)     tax amounts
 * Credit note (isReturn): the same rows with debit and credit swapped.
 *
 * Every amount is converted to base currency separately (half-up, at the invoice rate); the
 * party line's base value is given by the service (it must equal what the payment ledger
 * records), and the few minor units by which the converted lines may differ go to the rounding
 * account. The result is balanced or the function throws.
 */
import { addRoundingLine, compactLines, type PostingLine } from './gl';
import { toBase } from './invoice.totals';
import type { PartyType } from './vouchers.doctypes';

export interface InvoicePostingInput {
  currency: string;
  exchangeRate: string;
  currencyMinorUnits: number;
  baseMinorUnits: number;
  partyAccount: string;
  partyType: PartyType;
  party: string;
  /** Document-currency grand total (minor units). */
  grandTotal: number;
  /** Base value of the party line (normally toBase(grandTotal)). */
  partyBase: number;
  /** Income (sales) or expense/stock (purchase) per line, document currency. */
  lines: readonly { account: string; net: number }[];
  taxes: readonly { account: string; amount: number }[];
  roundingAccount: string;
  isReturn: boolean;
  remarks?: string;
}

/**
 * Shared rule: the party line on `partySide`, everything else on the other side.
 * Exported for the purchase rule; use postSalesInvoice / postPurchaseInvoice.
 */
export function postInvoice(inp: InvoicePostingInput, partySide: 'debit' | 'credit'): PostingLine[] {
  const side = inp.isReturn ? (partySide === 'debit' ? 'credit' : 'debit') : partySide;
  const fx = (amount: number) => toBase(amount, inp.exchangeRate, inp.currencyMinorUnits, inp.baseMinorUnits);
  const line = (account: string, base: number, fc: number, onPartySide: boolean, extra: Partial<PostingLine> = {}): PostingLine => {
    const dr = onPartySide ? side === 'debit' : side !== 'debit';
    return {
      account,
      debit: dr ? base : 0,
      credit: dr ? 0 : base,
      currency: inp.currency,
      debitFc: dr ? fc : 0,
      creditFc: dr ? 0 : fc,
      exchangeRate: inp.exchangeRate,
      remarks: inp.remarks,
      ...extra,
    };
  };
  const others = [
    ...inp.lines.map((l) => line(l.account, fx(l.net), l.net, false, { partyType: '', party: '', against: inp.party })),
    ...inp.taxes.map((t) => line(t.account, fx(t.amount), t.amount, false, { against: inp.party })),
  ];
  const partyLine = line(inp.partyAccount, inp.partyBase, inp.grandTotal, true, { partyType: inp.partyType, party: inp.party, against: [...new Set(others.map((o) => o.account))].join(',') });
  const lines = compactLines([partyLine, ...others]);
  // each conversion is off by at most half a minor unit
  return addRoundingLine(lines, inp.roundingAccount, Math.ceil(others.length / 2) + 1);
}

export function postSalesInvoice(inp: InvoicePostingInput): PostingLine[] {
  return postInvoice(inp, 'debit');
}
