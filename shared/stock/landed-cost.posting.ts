/**
 * Landed cost rules (pure): how charges are spread over the receipts' stock rows, how each row's
 * part splits between stock still on hand and goods already issued, and the GL lines.
 *
 * Invariants:
 * - Allocation is exact: for every charge, the parts over the rows sum to the charge (largest
 *   remainder, ties to the earlier row; kernel `allocate`). By amount with rows all worth 0
 *   falls back to by quantity.
 * - A row's part splits as toStock = part x qtyInStock / qty (half-even) and toExpense = the
 *   rest, so toStock + toExpense = part exactly.
 * - GL: Dr stock (per stock account) + Dr expense = Cr the charges' accounts, to the minor unit,
 *   and the stock debit equals the value-only stock ledger rows posted.
 */
import Decimal from 'decimal.js';
import { allocate, D } from '../kernel/money';
import type { PostingLine } from '../books/gl';
import type { DistributeBy } from './landed-cost.doctypes';

export interface ChargeInput {
  amount: number;
  distributeBy: DistributeBy;
}

export interface RowBasis {
  /** Received quantity (stock unit). */
  qty: string;
  /** Received value, minor units. */
  amount: number;
}

/** parts[c][r]: the part of charge c on row r; each charge's parts sum to its amount. */
export function allocateCharges(charges: readonly ChargeInput[], rows: readonly RowBasis[]): number[][] {
  return charges.map((c) => {
    const byAmount = c.distributeBy === 'by_amount' && rows.some((r) => r.amount > 0);
    const weights = rows.map((r) => (byAmount ? new D(Math.max(r.amount, 0)) : new D(r.qty)));
    return allocate({ minor: c.amount, currency: '' }, weights).map((m) => m.minor);
  });
}

/** Split one row's part between the stock still on hand and the goods already issued. */
export function splitShare(part: number, qty: Decimal.Value, qtyInStock: Decimal.Value): { toStock: number; toExpense: number } {
  const q = new D(qty);
  const left = Decimal.min(Decimal.max(new D(qtyInStock), 0), q);
  const toStock = q.lte(0) ? 0 : new D(part).mul(left).div(q).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toNumber();
  return { toStock: toStock === 0 ? 0 : toStock, toExpense: part - toStock };
}

/**
 * Dr each stock account with what went to stock, Dr `expenseAccount` with what went to expense,
 * Cr each charge account with its charge (lines on the same account merged).
 */
export function landedCostGl(stock: readonly { account: string; value: number }[], expenseAccount: string, toExpense: number, charges: readonly { account: string; amount: number }[], remarks = ''): PostingLine[] {
  const debit = new Map<string, number>();
  for (const s of stock) debit.set(s.account, (debit.get(s.account) ?? 0) + s.value);
  if (toExpense) debit.set(expenseAccount, (debit.get(expenseAccount) ?? 0) + toExpense);
  const credit = new Map<string, number>();
  for (const c of charges) credit.set(c.account, (credit.get(c.account) ?? 0) + c.amount);
  const against = [...credit.keys()].join(', ');
  const lines: PostingLine[] = [];
  for (const [account, v] of debit) if (v) lines.push({ account, debit: v > 0 ? v : 0, credit: v < 0 ? -v : 0, against, remarks });
  for (const [account, v] of credit) if (v) lines.push({ account, debit: v < 0 ? -v : 0, credit: v > 0 ? v : 0, remarks });
  return lines;
}
