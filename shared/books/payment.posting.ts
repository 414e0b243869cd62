/**
 * Payment posting rule (pure).
 *
 * Receive (from a customer):
 *   Dr bank/cash                 amount x payment-date rate
 *       Cr receivable (party)    book value of each settled document (its own rate)
 *       Cr receivable (party)    unallocated remainder x payment-date rate (an advance)
 *       Cr/Dr exchange gain/loss the difference (realised on settling a foreign document)
 * Pay (to a supplier) mirrors it: Cr bank, Dr payable, and the difference Dr (loss) / Cr (gain).
 * The money direction (paymentType) alone decides the sides, so refunds need no rule of their
 * own: a refund to a customer (pay) is Cr bank · Dr receivable (the credit note / advance cleared
 * at its book value) · Dr loss / Cr gain; a refund from a supplier (receive) is Dr bank · Cr
 * payable · the difference. `partyAccount` is the receivable or payable account of the party.
 *
 * The service supplies, per allocation, the base value being cleared: the document's remaining
 * base outstanding when the allocation settles it completely, else amount x the document's rate.
 */
import type { PostingLine } from './gl';
import { compactLines } from './gl';
import { toBase } from './invoice.totals';
import type { PartyType } from './vouchers.doctypes';

export interface PaymentPostingInput {
  paymentType: 'receive' | 'pay';
  currency: string;
  exchangeRate: string;
  currencyMinorUnits: number;
  baseMinorUnits: number;
  amount: number;
  bankAccount: string;
  partyAccount: string;
  partyType: PartyType;
  party: string;
  exchangeAccount: string;
  allocations: readonly { amount: number; base: number }[];
  remarks?: string;
}

export interface PaymentPosting {
  lines: PostingLine[];
  bankBase: number;
  unallocated: number;
  unallocatedBase: number;
  /** Realised exchange result in base minor units: positive = gain, negative = loss. */
  exchangeGain: number;
}

export function postPayment(inp: PaymentPostingInput): PaymentPosting {
  const fx = (a: number) => toBase(a, inp.exchangeRate, inp.currencyMinorUnits, inp.baseMinorUnits);
  const allocated = inp.allocations.reduce((s, a) => s + a.amount, 0);
  const unallocated = inp.amount - allocated;
  const bankBase = fx(inp.amount);
  const unallocatedBase = fx(unallocated);
  const clearedBase = inp.allocations.reduce((s, a) => s + a.base, 0);
  const receive = inp.paymentType === 'receive';
  const common = { currency: inp.currency, exchangeRate: inp.exchangeRate, remarks: inp.remarks };
  const mk = (account: string, base: number, fc: number, debit: boolean, extra: Partial<PostingLine> = {}): PostingLine => {
    // a negative amount flips the side (keeps every line non-negative)
    const d = base < 0 ? !debit : debit;
    const b = Math.abs(base);
    const f = Math.abs(fc);
    return { account, debit: d ? b : 0, credit: d ? 0 : b, debitFc: d ? f : 0, creditFc: d ? 0 : f, ...common, ...extra };
  };
  const party = { partyType: inp.partyType, party: inp.party, against: inp.bankAccount };
  const lines: PostingLine[] = [
    mk(inp.bankAccount, bankBase, inp.amount, receive, { against: inp.party }),
    ...inp.allocations.map((a) => mk(inp.partyAccount, a.base, a.amount, !receive, party)),
    mk(inp.partyAccount, unallocatedBase, unallocated, !receive, party),
  ];
  // receive: gain when the bank got more base than the book value cleared
  const diff = bankBase - clearedBase - unallocatedBase;
  const exchangeGain = receive ? diff : diff === 0 ? 0 : -diff;
  if (diff !== 0) lines.push(mk(inp.exchangeAccount, Math.abs(diff), 0, receive ? diff < 0 : diff > 0, { against: inp.party, currency: undefined, exchangeRate: undefined, debitFc: undefined, creditFc: undefined }));
  return { lines: compactLines(lines), bankBase, unallocated, unallocatedBase, exchangeGain };
}
