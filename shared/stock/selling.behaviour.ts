/**
 * Sales order and delivery note behaviour.
 *
 * Sales order: submit reserves the ordered stock quantity per item x warehouse
 * (`stock_reservations.reservedQty`) and opens its lines in `order_progress`; cancel is refused
 * once anything was delivered, otherwise the reservation is released.
 *
 * Both carry a document currency and exchange rate (./currency.ts): prices and amounts in the
 * document currency, base amounts derived per line; costs are valuation, always base currency.
 *
 * Delivery note: against an order, each line may deliver at most the open quantity; goods leave
 * at valuation, the cost is posted Dr cost of goods sold / Cr stock, and the reservation falls by
 * what the line fulfils. A return (isReturn) brings back goods of `returnAgainst` at the cost they
 * left with (proportionally), Dr stock / Cr cost of goods sold.
 */
import { DomainError, type FieldIssue } from '../kernel/errors';
import { D } from '../kernel/money';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { TxContext } from '../kernel/tx';
import { reverseGl } from '../books/gl';
import { postStock, reverseStock, StockCache, type StockMove } from './stock-ledger';
import { prepareLines, stockItemIssues, throwIssues, postStockGl, linesOf, total, defaultWarehouse, type Line } from './stock.context';
import { startProgress, addDone, progressOf, getProgress, openQty, adjustReservation } from './order-progress';
import { POSTING_TABLES } from './stock-entry.behaviour';
import { lineError } from './purchasing.behaviour';
import { batchSerialIssues, parseSerials } from './batch-serial';
import { prepareFulfilment, orderBehaviour, lineWarehouse } from './fulfilment';
import { withCurrency, SALES_ORDER_SHAPE, DELIVERY_SHAPE } from './currency';


export const salesOrderBehaviour: DocBehaviour = withCurrency(orderBehaviour({ priceField: 'salePrice', bucket: 'reserved', busyError: 'error.order_has_deliveries' }), SALES_ORDER_SHAPE);


export const deliveryNoteBehaviour: DocBehaviour = withCurrency({
  tables: [...POSTING_TABLES, 'sales_orders', 'delivery_notes'],
  beforeSave: (doc, ctx) => prepareFulfilment(doc, ctx, { docTable: 'delivery_notes', orderTable: 'sales_orders', orderField: 'salesOrder', partyField: 'customer', priceField: 'salePrice' }),

  async onSubmit(doc, ctx) {
    const lines = linesOf(doc);
    const cache = new StockCache(ctx);
    const v = { type: 'DeliveryNote', id: doc.id, number: doc.number, postingDate: doc.postingDate as string };
    const items = new Map<string, BaseRecord>();
    for (const l of lines) items.set(l.item as string, await cache.item(l.item as string));
    const issues: FieldIssue[] = [];
    batchSerialIssues(lines, items, issues);
    throwIssues(issues);
    const track = (l: Line) => ({ batch: (l.batch as string) || undefined, serials: parseSerials(l.serials) });
    if (doc.isReturn) {
      const orig = (await ctx.t<BaseRecord>('delivery_notes').get(doc.returnAgainst as string))!;
      const origLines = linesOf(orig);
      const moves: StockMove[] = [];
      for (const [row, l] of lines.entries()) {
        const p = await getProgress(ctx, orig.id, l.orderLine as number);
        if (!p || new D(l.stockQty as string).gt(openQty(p))) throw lineError('error.over_return', row, { open: p ? openQty(p).toString() : '0' });
        await addDone(ctx, orig.id, l.orderLine as number, l.stockQty as string);
        const o = origLines[l.orderLine as number];
        // back at the cost it left with, in proportion (the last return takes the remainder)
        const value = new D(l.stockQty as string).eq(openQty(p)) ? (o.costAmount as number) - (await returnedCost(ctx, orig.id, l.orderLine as number)) : new D(o.costAmount as number).mul(l.stockQty as string).div(o.stockQty as string).toDecimalPlaces(0, D.ROUND_HALF_EVEN).toNumber();
        moves.push({ kind: 'in', item: l.item as string, warehouse: lineWarehouse(doc, l), qty: l.stockQty as string, value, line: row, ...track(l) });
      }
      const rows = await postStock(ctx, v, moves, cache);
      lines.forEach((l, i) => (l.costAmount = rows.filter((r) => r.line === i).reduce((s, r) => s + r.value, 0)));
      doc.totalCost = total(lines, 'costAmount');
      await postStockGl(ctx, v, rows, cache, 'costOfGoodsSold', doc.remarks as string);
      return;
    }
    if (doc.salesOrder) {
      for (const [row, l] of lines.entries()) {
        const p = (await getProgress(ctx, doc.salesOrder as string, l.orderLine as number))!;
        if (new D(l.stockQty as string).gt(openQty(p))) throw lineError('error.over_delivery', row, { ordered: p.qty, delivered: p.done, open: openQty(p).toString() });
        const { openDelta } = await addDone(ctx, doc.salesOrder as string, l.orderLine as number, l.stockQty as string);
        await adjustReservation(ctx, p.item, p.warehouse, { reserved: openDelta });
      }
    }
    const rows = await postStock(ctx, v, lines.map((l, line) => ({ kind: 'out', item: l.item as string, warehouse: lineWarehouse(doc, l), qty: l.stockQty as string, line, ...track(l) })), cache);
    lines.forEach((l, i) => (l.costAmount = -rows.filter((r) => r.line === i).reduce((s, r) => s + r.value, 0)));
    doc.totalCost = total(lines, 'costAmount');
    await startProgress(ctx, lines.map((l, line) => ({ docId: doc.id, line, item: l.item as string, warehouse: lineWarehouse(doc, l), qty: l.stockQty as string })));
    await postStockGl(ctx, v, rows, cache, 'costOfGoodsSold', doc.remarks as string);
  },

  async onCancel(doc, ctx) {
    const lines = linesOf(doc);
    if (doc.isReturn) {
      for (const l of lines) await addDone(ctx, doc.returnAgainst as string, l.orderLine as number, new D(l.stockQty as string).neg());
    } else {
      const prog = await progressOf(ctx, doc.id);
      if (prog.some((p) => !new D(p.done).isZero())) throw new DomainError('error.delivery_has_returns', { number: doc.number });
      if (doc.salesOrder) {
        for (const l of lines) {
          const { before, openDelta } = await addDone(ctx, doc.salesOrder as string, l.orderLine as number, new D(l.stockQty as string).neg());
          await adjustReservation(ctx, before.item, before.warehouse, { reserved: openDelta });
        }
      }
    }
    await reverseStock(ctx, doc.id);
    await reverseGl(ctx, doc.id);
  },
}, DELIVERY_SHAPE);

/** Cost already brought back by submitted returns of one delivery line. */
async function returnedCost(ctx: TxContext, deliveryId: string, line: number): Promise<number> {
  const returns = await ctx.t<BaseRecord>('delivery_notes').where('returnAgainst').equals(deliveryId).toArray();
  let sum = 0;
  for (const r of returns) if (r.status === 'submitted') for (const l of linesOf(r)) if (l.orderLine === line) sum += (l.costAmount as number) ?? 0;
  return sum;
}
