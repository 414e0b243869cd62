/**
 * Changing the stock settings (`settings.stock`, ./stock.settings.ts) from the stock settings
 * page: valuation method, over-receipt tolerance, automatic reorder. Every value is checked
 * before anything is written; the accounts stay as the company hook set them. Goes through the
 * kernel's updateSettings (Settings admin right, audited, one transaction).
 */
import { DomainError, type FieldIssue } from '../kernel/errors';
import { D } from '../kernel/money';
import type { Session } from '../kernel/session';
import { updateSettings } from '../kernel/company.service';
import { stockSettings, type StockSettings } from './stock.settings';
import { VALUATION_METHODS } from './valuation';

export type StockSettingsPatch = Partial<Pick<StockSettings, 'valuationMethod' | 'overReceiptPercent' | 'autoReorder'>>;

/** Validate and save part of the stock settings; returns the stock settings after. */
export async function updateStockSettings(s: Session, patch: StockSettingsPatch): Promise<StockSettings> {
  s.require('Settings', 'admin');
  const issues: FieldIssue[] = [];
  const next: Partial<StockSettings> = {};
  if (patch.valuationMethod !== undefined) {
    if (!VALUATION_METHODS.includes(patch.valuationMethod)) issues.push({ code: 'error.option_invalid', field: 'valuationMethod', params: { value: String(patch.valuationMethod), options: VALUATION_METHODS.join(', ') } });
    else next.valuationMethod = patch.valuationMethod;
  }
  if (patch.overReceiptPercent !== undefined) {
    const t = String(patch.overReceiptPercent).trim();
    if (!/^\d+(\.\d+)?$/.test(t)) issues.push({ code: 'error.not_a_number', field: 'overReceiptPercent', params: { value: t } });
    else if (new D(t).gt(1000)) issues.push({ code: 'error.above_max', field: 'overReceiptPercent', params: { max: 1000 } });
    else next.overReceiptPercent = new D(t).toString();
  }
  if (patch.autoReorder !== undefined) {
    if (typeof patch.autoReorder !== 'boolean') issues.push({ code: 'error.not_boolean', field: 'autoReorder', params: { value: String(patch.autoReorder) } });
    else next.autoReorder = patch.autoReorder;
  }
  if (issues.length) throw DomainError.invalid(issues);
  const current = (s.settings.stock ?? {}) as Partial<StockSettings>;
  const after = await updateSettings(s, { stock: { ...current, ...next } });
  return stockSettings(after);
}
