/**
 * Helpers the stock, purchasing and selling behaviours share: default warehouses, line
 * preparation (unit conversion, default prices, amounts) and the GL posting of stock values.
 * All reads go through the command's transaction.
 */
import { DomainError, type FieldIssue } from '../kernel/errors';
import { D } from '../kernel/money';
import type { BaseRecord } from '../kernel/doctype';
import type { TxContext } from '../kernel/tx';
import { postGl } from '../books/gl';
import { toStockQty } from './uom';
import { loadPricer } from './price-lists';
import { valueOf } from './valuation';
import { stockGlLines } from './stock-gl.posting';
import { stockAccount } from './stock.settings';
import type { StockCache, StockLedgerRow, StockVoucher } from './stock-ledger';

export type Line = Record<string, unknown>;

export function linesOf(doc: BaseRecord): Line[] {
  return (doc.items as Line[] | undefined) ?? [];
}

/** The branch's first warehouse of a type (store by default), or error.warehouse_required. */
export async function defaultWarehouse(ctx: TxContext, type = 'store', field = 'warehouse'): Promise<string> {
  const all = await ctx.t<BaseRecord>('warehouses').where('branch').equals(ctx.session.branchId).toArray();
  const w = all.filter((x) => !x.deleted && !x.isGroup && !x.disabled && x.warehouseType === type).sort((a, b) => (a.number < b.number ? -1 : 1))[0];
  if (!w) throw new DomainError('error.warehouse_required', {}, field);
  return w.id;
}

/**
 * Fill stockQty, default rate and amount on every line; collect problems (quantity not
 * positive, unknown unit) as line issues. A line without a rate is priced by ./price-lists.ts
 * (price lists of the side `priceField` names, for `pricing.customer` on `pricing.date`, else the
 * item's price field converted to the line's unit); no price leaves 0.
 */
export async function prepareLines(ctx: TxContext, lines: Line[], priceField: 'salePrice' | 'purchasePrice' | null, issues: FieldIssue[], pricing: { customer?: string; supplier?: string; currency?: string; exchangeRate?: string; date?: string } = {}): Promise<Map<string, BaseRecord>> {
  const ids = [...new Set(lines.map((l) => l.item as string).filter(Boolean))];
  const items = new Map((await ctx.t<BaseRecord>('items').bulkGet(ids)).filter(Boolean).map((i) => [i!.id, i!]));
  // document currency / supplier / rate: see ./currency.ts (a foreign document never takes a base price as its own)
  const pricer = priceField && lines.some((l) => !l.rate) ? await loadPricer((t) => ctx.t(t), ctx.session.baseCurrency, { customer: pricing.customer, supplier: pricing.supplier, currency: pricing.currency, exchangeRate: pricing.exchangeRate, date: pricing.date || ctx.today, selling: priceField === 'salePrice' }) : null;
  lines.forEach((l, row) => {
    const it = items.get(l.item as string);
    if (!it) return;
    if (!new D((l.qty as string) || '0').gt(0)) {
      issues.push({ code: 'error.qty_zero', field: 'items.qty', row });
      return;
    }
    try {
      l.stockQty = toStockQty(it, l.qty as string, (l.uom as string) ?? '').stockQty;
    } catch (e) {
      const de = e as DomainError;
      issues.push({ code: de.code, field: 'items.uom', row, params: de.params });
      return;
    }
    if (pricer && !l.rate) l.rate = pricer.price(it, l.qty as string, (l.uom as string) ?? '')?.rate ?? 0;
    if (priceField) l.amount = valueOf(l.qty as string, (l.rate as number) ?? 0);
  });
  return items;
}

/** Refuse non-stock items on lines that move stock. */
export function stockItemIssues(lines: Line[], items: Map<string, BaseRecord>, issues: FieldIssue[]): void {
  lines.forEach((l, row) => {
    const it = items.get(l.item as string);
    if (it && it.itemType !== 'stock') issues.push({ code: 'error.not_stock_item', field: 'items.item', row, params: { item: `${it.itemCode} ${it.itemName}` } });
  });
}

export function throwIssues(issues: FieldIssue[]): void {
  if (issues.length) throw DomainError.invalid(issues);
}

/** Post the GL effect of stock ledger rows: stock accounts against `counterRole`'s account. */
export async function postStockGl(ctx: TxContext, v: StockVoucher, rows: StockLedgerRow[], cache: StockCache, counterRole: 'grni' | 'adjustment' | 'costOfGoodsSold', remarks = ''): Promise<void> {
  if (rows.every((r) => r.value === 0)) return;
  const inventory = stockAccount(ctx.session.settings, 'inventory');
  const values = [];
  for (const r of rows) {
    const w = await cache.warehouse(r.warehouse);
    values.push({ account: (w.account as string) || inventory, value: r.value });
  }
  const lines = stockGlLines(values, stockAccount(ctx.session.settings, counterRole), remarks);
  if (lines.length) await postGl(ctx, { type: v.type, id: v.id, number: v.number, postingDate: v.postingDate }, lines);
}

/** Sum of money amounts. */
export function total(lines: Line[], field: string): number {
  return lines.reduce((s, l) => s + ((l[field] as number) ?? 0), 0);
}
