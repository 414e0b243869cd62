/**
 * Pure invoice arithmetic: line amounts, discounts, taxes and document totals.
 *
 * Rounding rule (explicit, per line, half-up — the rule of China's VAT invoices 发票 and most
 * jurisdictions' per-line tax): every line amount is rounded to the minor unit, then document
 * totals are plain sums of the rounded line figures, so a printed invoice always adds up.
 *
 *   amount   = round_half_up(qty x rate)
 *   discount = round_half_up(amount x discount% / 100)
 *   inclusive taxes (rate sum R):  base = (amount - discount) / (1 + R/100);
 *                                  tax_i = round_half_up(base x r_i / 100); net = amount - discount - sum(tax_i)
 *   exclusive taxes:               tax_j = round_half_up(net x r_j / 100)
 *   gross    = net + all taxes
 */
import { D } from '../kernel/money';

export interface TaxRateLine {
  account: string;
  ratePercent: string;
  inclusive: boolean;
}

export interface LineInput {
  qty: string;
  /** Unit price, minor units. */
  rate: number;
  discountPercent?: string;
  taxes: readonly TaxRateLine[];
}

export interface LineTotals {
  amount: number;
  discount: number;
  net: number;
  tax: number;
  gross: number;
  taxes: { account: string; amount: number }[];
}

export interface DocTotals {
  lines: LineTotals[];
  netTotal: number;
  discountTotal: number;
  taxTotal: number;
  grandTotal: number;
  /** Tax per account, in first-seen order. */
  taxes: { account: string; amount: number }[];
}

const halfUp = (x: InstanceType<typeof D>): number => x.toDecimalPlaces(0, D.ROUND_HALF_UP).toNumber();

export function computeLine(l: LineInput): LineTotals {
  const amount = halfUp(new D(l.qty).mul(l.rate));
  const discount = halfUp(new D(amount).mul(new D(l.discountPercent || '0')).div(100));
  const afterDiscount = amount - discount;
  const incl = l.taxes.filter((t) => t.inclusive);
  const excl = l.taxes.filter((t) => !t.inclusive);
  const taxes: { account: string; amount: number }[] = [];
  let net = afterDiscount;
  if (incl.length) {
    const r = incl.reduce((s, t) => s.add(t.ratePercent), new D(0));
    const base = new D(afterDiscount).div(new D(1).add(r.div(100)));
    for (const t of incl) {
      const amt = halfUp(base.mul(t.ratePercent).div(100));
      taxes.push({ account: t.account, amount: amt });
      net -= amt;
    }
  }
  for (const t of excl) taxes.push({ account: t.account, amount: halfUp(new D(net).mul(t.ratePercent).div(100)) });
  const tax = taxes.reduce((s, t) => s + t.amount, 0);
  return { amount, discount, net, tax, gross: net + tax, taxes };
}

export function computeTotals(lines: readonly LineInput[]): DocTotals {
  const out = lines.map(computeLine);
  const byAccount = new Map<string, number>();
  for (const l of out) for (const t of l.taxes) byAccount.set(t.account, (byAccount.get(t.account) ?? 0) + t.amount);
  return {
    lines: out,
    netTotal: out.reduce((s, l) => s + l.net, 0),
    discountTotal: out.reduce((s, l) => s + l.discount, 0),
    taxTotal: out.reduce((s, l) => s + l.tax, 0),
    grandTotal: out.reduce((s, l) => s + l.gross, 0),
    taxes: [...byAccount].map(([account, amount]) => ({ account, amount })),
  };
}

/** Base-currency value of a document-currency amount: round_half_up(amount x rate). */
export function toBase(amountMinor: number, rate: string, fromMinorUnits = 2, baseMinorUnits = 2): number {
  return halfUp(new D(amountMinor).mul(rate).mul(new D(10).pow(baseMinorUnits - fromMinorUnits)));
}
