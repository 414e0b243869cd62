/**
 * Purchase order and purchase receipt behaviour.
 *
 * Purchase order: submit opens its lines in `order_progress` and adds the ordered stock
 * quantity to `stock_reservations.orderedQty`; cancel is refused once anything was received.
 *
 * Both carry a document currency and exchange rate (./currency.ts): lines are priced and totalled
 * in the document currency, each line's base amount is round_half_up(amount x rate).
 *
 * Purchase receipt: against an order, each line may bring at most the open quantity plus the
 * over-receipt tolerance (settings.stock.overReceiptPercent); the stock comes in at the line's
 * BASE amount (Dr stock, Cr GRNI: the stock ledger value and the GL movement are the same
 * integers). A return (isReturn) sends goods of `returnAgainst` back, at most
 * what that receipt brought less what was already returned, at the current valuation
 * (Dr GRNI, Cr stock). Cancelling reverses everything, refused when the stock has been used or
 * returned since.
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
import { stockSettings } from './stock.settings';
import { inspectionSplit, QI_TABLE } from './quality.behaviour';
import { batchSerialIssues, parseSerials } from './batch-serial';
import { prepareFulfilment, orderBehaviour, lineWarehouse } from './fulfilment';
import { withCurrency, lineBase, PURCHASE_ORDER_SHAPE, RECEIPT_SHAPE } from './currency';


export const purchaseOrderBehaviour: DocBehaviour = withCurrency(orderBehaviour({ priceField: 'purchasePrice', bucket: 'ordered', busyError: 'error.order_has_receipts' }), PURCHASE_ORDER_SHAPE);


export const purchaseReceiptBehaviour: DocBehaviour = withCurrency({
  tables: [...POSTING_TABLES, 'purchase_orders', 'purchase_receipts', QI_TABLE],
  beforeSave: (doc, ctx) => prepareFulfilment(doc, ctx, { docTable: 'purchase_receipts', orderTable: 'purchase_orders', orderField: 'purchaseOrder', partyField: 'supplier', priceField: 'purchasePrice' }),

  async onSubmit(doc, ctx) {
    const lines = linesOf(doc);
    const cache = new StockCache(ctx);
    const v = { type: 'PurchaseReceipt', id: doc.id, number: doc.number, postingDate: doc.postingDate as string };
    const items = new Map<string, BaseRecord>();
    for (const l of lines) items.set(l.item as string, await cache.item(l.item as string));
    const issues: FieldIssue[] = [];
    batchSerialIssues(lines, items, issues);
    throwIssues(issues);
    if (doc.isReturn) {
      for (const [row, l] of lines.entries()) {
        const p = await getProgress(ctx, doc.returnAgainst as string, l.orderLine as number);
        if (!p || new D(l.stockQty as string).gt(openQty(p))) throw lineError('error.over_return', row, { open: p ? openQty(p).toString() : '0' });
        await addDone(ctx, doc.returnAgainst as string, l.orderLine as number, l.stockQty as string);
      }
      const rows = await postStock(ctx, v, lines.map((l, line) => ({ kind: 'out', item: l.item as string, warehouse: lineWarehouse(doc, l), qty: l.stockQty as string, line, batch: (l.batch as string) || undefined, serials: parseSerials(l.serials) })), cache);
      await postStockGl(ctx, v, rows, cache, 'grni', doc.remarks as string);
      return;
    }
    if (doc.purchaseOrder) {
      const tol = new D(stockSettings(ctx.session.settings).overReceiptPercent || '0').div(100).add(1);
      for (const [row, l] of lines.entries()) {
        const p = (await getProgress(ctx, doc.purchaseOrder as string, l.orderLine as number))!;
        const allowed = new D(p.qty).mul(tol);
        const after = new D(p.done).add(l.stockQty as string);
        if (after.gt(allowed)) throw lineError('error.over_receipt', row, { ordered: p.qty, received: p.done, allowed: allowed.sub(p.done).toString() });
        const { openDelta } = await addDone(ctx, doc.purchaseOrder as string, l.orderLine as number, l.stockQty as string);
        await adjustReservation(ctx, p.item, p.warehouse, { ordered: openDelta });
      }
    }
    // quality inspection: the accepted quantity to the line's warehouse, the rejected one to
    // the rejected warehouse, the line's value split in proportion (half-even, remainder kept)
    const split = await inspectionSplit(ctx, doc, lines, items);
    const moves: StockMove[] = [];
    const base = ctx.session.baseCurrency;
    for (const [line, l] of lines.entries()) {
      const qty = new D(l.stockQty as string);
      const rej = new D(split[line].rejected);
      const acc = qty.sub(rej);
      // stock value in base currency: the line's base amount (./currency.ts), split half-even
      const value = lineBase(l, doc, base);
      const rejValue = rej.isZero() ? 0 : new D(value).mul(rej).div(qty).toDecimalPlaces(0, D.ROUND_HALF_EVEN).toNumber();
      const sns = parseSerials(l.serials);
      const nAcc = acc.toNumber();
      const common = { item: l.item as string, line, batch: (l.batch as string) || undefined, expiryDate: (l.expiryDate as string) || undefined };
      if (acc.gt(0)) moves.push({ kind: 'in', ...common, warehouse: lineWarehouse(doc, l), qty: acc.toString(), value: value - rejValue, serials: sns.slice(0, nAcc) });
      if (rej.gt(0)) {
        if (!doc.rejectedWarehouse) doc.rejectedWarehouse = await defaultWarehouse(ctx, 'rejected', 'rejectedWarehouse');
        moves.push({ kind: 'in', ...common, warehouse: doc.rejectedWarehouse as string, qty: rej.toString(), value: rejValue, serials: sns.slice(nAcc) });
      }
      l.rejectedQty = split[line].inspection ? rej.toString() : '';
      l.qualityInspection = split[line].inspection;
    }
    const rows = await postStock(ctx, v, moves, cache);
    // receipt lines can be returned: open them for returns
    await startProgress(ctx, lines.map((l, line) => ({ docId: doc.id, line, item: l.item as string, warehouse: lineWarehouse(doc, l), qty: l.stockQty as string })));
    await postStockGl(ctx, v, rows, cache, 'grni', doc.remarks as string);
  },

  async onCancel(doc, ctx) {
    const lines = linesOf(doc);
    if (doc.isReturn) {
      for (const l of lines) await addDone(ctx, doc.returnAgainst as string, l.orderLine as number, new D(l.stockQty as string).neg());
    } else {
      const prog = await progressOf(ctx, doc.id);
      if (prog.some((p) => !new D(p.done).isZero())) throw new DomainError('error.receipt_has_returns', { number: doc.number });
      if (doc.purchaseOrder) {
        for (const l of lines) {
          const { before, openDelta } = await addDone(ctx, doc.purchaseOrder as string, l.orderLine as number, new D(l.stockQty as string).neg());
          await adjustReservation(ctx, before.item, before.warehouse, { ordered: openDelta });
        }
      }
    }
    await reverseStock(ctx, doc.id);
    await reverseGl(ctx, doc.id);
  },
}, RECEIPT_SHAPE);

export function lineError(code: string, row: number, params: Record<string, unknown>): DomainError {
  return new DomainError(code, params, 'items.qty', [{ code, field: 'items.qty', row, params }]);
}
