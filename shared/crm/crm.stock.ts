/**
 * Live stock while quoting: the stock module's balance report (per item and warehouse, with
 * what is reserved) installed as the quote service's stock provider. Kept in its own file so the
 * CRM depends on the stock module in exactly one place.
 */
import { stockBalanceReport } from '../stock/stock.reports';
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
