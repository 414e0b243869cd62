/**
 * Units of measure: a document line is entered in any unit the item declares (Item.uoms: uom,
 * factor = stock units per one of that unit); the ledger always moves the STOCK unit.
 * Conversion is an exact decimal product, never rounded, so no stock is lost to rounding in
 * any unit. (Choose the smallest unit as the stock unit: 1 box = 12 pcs gives factor 12 exact.)
 */
import { DomainError } from '../kernel/errors';
import { D } from '../kernel/money';
import type { BaseRecord } from '../kernel/doctype';

export interface UomRow {
  uom: string;
  factor: string;
}

/** Stock units per one `uom` of the item ('1' for its stock unit or an empty unit). */
export function uomFactor(item: BaseRecord, uom: string): string {
  if (!uom || uom === item.uom) return '1';
  const row = ((item.uoms as UomRow[] | undefined) ?? []).find((r) => r.uom === uom);
  if (!row || !new D(row.factor || '0').gt(0)) throw new DomainError('error.uom_unknown', { uom, item: `${item.itemCode} ${item.itemName}` }, 'items.uom');
  return new D(row.factor).toString();
}

/** qty (in `uom`) -> exact quantity in the stock unit. */
export function toStockQty(item: BaseRecord, qty: string, uom: string): { factor: string; stockQty: string } {
  const factor = uomFactor(item, uom);
  return { factor, stockQty: new D(qty).mul(factor).toString() };
}

/** Stock quantity -> quantity in `uom` (exact when the factor divides evenly; 12 decimals otherwise). */
export function fromStockQty(item: BaseRecord, stockQty: string, uom: string): string {
  const f = new D(uomFactor(item, uom));
  return new D(stockQty).div(f).toDecimalPlaces(12).toString();
}
