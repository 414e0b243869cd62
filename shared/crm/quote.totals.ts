/**
 * Quote line and document totals, pure and exact (decimal.js through the kernel's Money).
 *
 *   amount         = qty x rate                 (half-up to the minor unit)
 *   discountAmount = amount x discountPercent%  (half-up)
 *   netAmount      = amount - discountAmount
 *   totals         = sums of the lines (exact integers, no further rounding)
 *   maxDiscount    = the largest line discount percent (what approval is about)
 * Quotes are before tax: the tax is computed by the order/invoice that follows.
 */
import { D, money, mul, pct } from '../kernel/money';

export interface QuoteLineIn {
  qty: string;
  /** Minor units of the quote currency. */
  rate: number;
  discountPercent: string;
}

export interface QuoteLineOut {
  amount: number;
  discountAmount: number;
  netAmount: number;
}

export interface QuoteTotals {
  lines: QuoteLineOut[];
  totalAmount: number;
  discountTotal: number;
  grandTotal: number;
  maxDiscount: string;
}

export function quoteTotals(lines: readonly QuoteLineIn[], currency: string): QuoteTotals {
  let totalAmount = 0;
  let discountTotal = 0;
  let maxDiscount = new D(0);
  const out = lines.map((l) => {
    const amount = mul(money(l.rate, currency), l.qty || '0', 'half-up');
    const disc = pct(amount, l.discountPercent || '0', 'half-up');
    const pctD = new D(l.discountPercent || '0');
    if (pctD.gt(maxDiscount)) maxDiscount = pctD;
    totalAmount += amount.minor;
    discountTotal += disc.minor;
    return { amount: amount.minor, discountAmount: disc.minor, netAmount: amount.minor - disc.minor };
  });
  money(totalAmount, currency); // range check
  return { lines: out, totalAmount, discountTotal, grandTotal: totalAmount - discountTotal, maxDiscount: maxDiscount.toString() };
}

/** The approval a quote needs given the rep limit and what a manager already approved. */
export function approvalFor(maxDiscount: string, repLimit: string, approvedDiscount: string): 'not_required' | 'pending_approval' | 'approved' {
  const max = new D(maxDiscount || '0');
  if (max.lte(new D(repLimit || '0'))) return 'not_required';
  return approvedDiscount && new D(approvedDiscount).gte(max) ? 'approved' : 'pending_approval';
}
