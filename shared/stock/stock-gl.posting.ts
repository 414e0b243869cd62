/**
 * Accounting effect of stock movements (pure). The ledger rows' values are summed per stock
 * account (the warehouse's account or the company inventory account); each net amount is
 * posted against one counter account:
 *
 *   goods receipt (purchase)       Dr stock            Cr stock received not billed (GRNI)
 *   purchase return                Dr GRNI             Cr stock
 *   delivery (sale)                Dr cost of goods    Cr stock
 *   sales return                   Dr stock            Cr cost of goods
 *   material receipt / count gain  Dr stock            Cr stock adjustment
 *   material issue / count loss    Dr stock adjustment Cr stock
 *   transfer                       nothing, unless the two warehouses have different accounts
 *
 * So the stock account balance always equals the value in the stock ledger.
 */
import type { PostingLine } from '../books/gl';

export interface AccountValue {
  /** Stock account. */
  account: string;
  /** Signed value (+ into stock), minor units. */
  value: number;
}

export function stockGlLines(values: readonly AccountValue[], counterAccount: string, remarks = ''): PostingLine[] {
  const net = new Map<string, number>();
  for (const v of values) net.set(v.account, (net.get(v.account) ?? 0) + v.value);
  const lines: PostingLine[] = [];
  let counter = 0;
  for (const [account, value] of net) {
    if (value === 0) continue;
    lines.push({ account, debit: value > 0 ? value : 0, credit: value < 0 ? -value : 0, against: counterAccount, remarks });
    counter += value;
  }
  if (counter !== 0) lines.push({ account: counterAccount, debit: counter < 0 ? -counter : 0, credit: counter > 0 ? counter : 0, remarks });
  return lines;
}
