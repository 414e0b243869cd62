/**
 * Stock settings kept in the company settings (`settings.stock`), written by the stock company
 * hook (./stock.setup.ts) and changed through updateSettings. Absent keys fall back to the
 * defaults here, so a company created before a key existed keeps working.
 */
import { DomainError } from '../kernel/errors';
import type { CompanySettings } from '../kernel/session';
import type { ValuationMethod } from './valuation';

export interface StockSettings {
  /** Company default; an item may override it (Item.valuationMethod). */
  valuationMethod: ValuationMethod;
  /** How far a purchase receipt may exceed its order line, in percent (decimal string). */
  overReceiptPercent: string;
  /** Liability credited on a goods receipt until the supplier's bill arrives (GRNI). */
  grniAccount: string;
  /** Gains and losses of counts, receipts without a purchase, issues to consumption. */
  adjustmentAccount: string;
  /**
   * Automatic reorder (off by default): a movement that leaves an item's projected quantity at or
   * below its reorder level makes or extends a draft purchase order (./auto-reorder.ts).
   */
  autoReorder?: boolean;
}

export function stockSettings(settings: CompanySettings): StockSettings {
  const st = (settings.stock ?? {}) as Partial<StockSettings>;
  return { valuationMethod: st.valuationMethod ?? 'moving_average', overReceiptPercent: st.overReceiptPercent ?? '0', grniAccount: st.grniAccount ?? '', adjustmentAccount: st.adjustmentAccount ?? '', autoReorder: st.autoReorder === true };
}

/** An account the stock module posts to, or error.default_account_missing naming its role. */
export function stockAccount(settings: CompanySettings, role: 'grni' | 'adjustment' | 'inventory' | 'costOfGoodsSold'): string {
  let id = '';
  if (role === 'grni') id = stockSettings(settings).grniAccount;
  else if (role === 'adjustment') id = stockSettings(settings).adjustmentAccount;
  else id = ((settings.defaultAccounts ?? {}) as Record<string, string>)[role] ?? '';
  if (!id) throw new DomainError('error.default_account_missing', { role });
  return id;
}
