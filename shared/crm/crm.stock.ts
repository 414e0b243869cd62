/**
 * What quoting takes from the stock module, kept in this one file so the CRM depends on it in
 * exactly one place: live stock (the balance report per item and warehouse, with what is
 * reserved) installed as the quote service's stock provider, and the selling price lists that
 * give quote lines their default rate (`withQuotePricing`).
 */
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import { stockBalanceReport } from '../stock/stock.reports';
import { loadPricer, PRICE_LIST_TABLE } from '../stock/price-lists';
import { setStockProvider, type StockLine } from './quote.service';

setStockProvider(async (s, itemIds) => {
  const out = new Map<string, StockLine[]>();
  if (!s.can('Warehouse', 'read')) return out;
  for (const item of itemIds) {
    const { rows } = await stockBalanceReport(s, { item });
    out.set(item, rows.map((r) => ({ warehouse: r.warehouseName || r.warehouse, qty: r.qty, available: r.projected })));
  }
  return out;
});

/**
 * Quote lines without a rate are priced from the selling price lists for the quote's customer,
 * currency and date (shared/stock/price-lists.ts; in the item's stock unit), before the quote's
 * own beforeSave, which still gives a base-currency line the item's price when no list has one.
 */
export function withQuotePricing(prev: DocBehaviour): DocBehaviour {
  return {
    ...prev,
    tables: [...new Set([...(prev.tables ?? []), PRICE_LIST_TABLE, 'customers', 'items'])],
    async beforeSave(doc, ctx) {
      const lines = ((doc.items as Record<string, unknown>[] | undefined) ?? []).filter((l) => l.item && Number(l.rate ?? 0) === 0);
      if (lines.length) {
        const base = ctx.session.baseCurrency;
        const pricer = await loadPricer((t) => ctx.t(t), base, { customer: String(doc.customer ?? ''), currency: String(doc.currency || base), date: String(doc.quoteDate || ctx.today), selling: true });
        const items = new Map((await ctx.t<BaseRecord>('items').bulkGet([...new Set(lines.map((l) => String(l.item)))])).filter(Boolean).map((i) => [i!.id, i!]));
        for (const l of lines) {
          const it = items.get(String(l.item));
          const p = it ? pricer.price(it, String(l.qty || '0'), '') : null;
          if (p) l.rate = p.rate;
        }
      }
      await prev.beforeSave?.(doc, ctx);
    },
  };
}
