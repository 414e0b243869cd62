/**
 * Stock entry and stock count behaviour.
 *
 * Stock entry: beforeSave converts units and checks the warehouses the purpose needs;
 * onSubmit posts the movements (./stock-ledger.ts) and their GL effect (./stock-gl.posting.ts);
 * onCancel appends reversals (refused when a receipt's stock has since been issued, or when an
 * in-transit send has been received at the other branch).
 *
 * Stock count: onSubmit reads the book quantity of each counted item, posts the difference as
 * a receipt (at the line rate or the current valuation) or an issue, against the stock
 * adjustment account.
 */
import { DomainError, type FieldIssue } from '../kernel/errors';
import { D } from '../kernel/money';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import { reverseGl } from '../books/gl';
import { postStock, reverseStock, StockCache, LEDGER_TABLES, type StockMove, type StockVoucher } from './stock-ledger';
import { valueOf } from './valuation';
import { prepareLines, stockItemIssues, throwIssues, postStockGl, linesOf, total } from './stock.context';
import { startProgress, addDone, progressOf, getProgress, openQty, PROGRESS_TABLE, RES_TABLE } from './order-progress';

/** Every table a stock-posting behaviour touches (price lists: default rates of order / receipt / delivery lines). */
export const POSTING_TABLES = [...LEDGER_TABLES, 'gl_entries', 'account_balances', 'accounts', PROGRESS_TABLE, RES_TABLE, 'price_lists'] as const;

function voucher(doc: BaseRecord, type: string, dateField = 'postingDate'): StockVoucher {
  return { type, id: doc.id, number: doc.number, postingDate: doc[dateField] as string };
}

export const stockEntryBehaviour: DocBehaviour = {
  tables: [...POSTING_TABLES, 'stock_entries'],
  async beforeSave(doc, ctx) {
    const issues: FieldIssue[] = [];
    const lines = linesOf(doc);
    const purpose = doc.purpose as string;
    if (purpose === 'transit_receive') {
      const send = doc.againstEntry ? await ctx.t<BaseRecord>('stock_entries').get(doc.againstEntry as string) : undefined;
      if (!send || send.purpose !== 'transit_send' || send.status !== 'submitted') throw new DomainError('error.transit_send_required', {}, 'againstEntry');
      doc.fromWarehouse = send.toWarehouse;
      const sendLines = linesOf(send);
      lines.forEach((l, row) => {
        const i = l.orderLine as number;
        const src = sendLines[i];
        if (!src || src.item !== l.item) issues.push({ code: 'error.order_line_mismatch', field: 'items.item', row });
        else l.sourceWarehouse = (src.targetWarehouse as string) || (send.toWarehouse as string);
      });
    } else doc.againstEntry = '';
    const items = await prepareLines(ctx, lines, null, issues);
    stockItemIssues(lines, items, issues);
    const needFrom = purpose !== 'material_receipt';
    const needTo = purpose !== 'material_issue';
    for (const [row, l] of lines.entries()) {
      if (needFrom && !l.sourceWarehouse) l.sourceWarehouse = doc.fromWarehouse;
      if (needTo && !l.targetWarehouse) l.targetWarehouse = doc.toWarehouse;
      if (!needFrom) l.sourceWarehouse = '';
      if (!needTo) l.targetWarehouse = '';
      if (needFrom && !l.sourceWarehouse) issues.push({ code: 'error.warehouse_required', field: 'items.sourceWarehouse', row });
      if (needTo && !l.targetWarehouse) issues.push({ code: 'error.warehouse_required', field: 'items.targetWarehouse', row });
      if (needFrom && needTo && l.sourceWarehouse && l.sourceWarehouse === l.targetWarehouse) issues.push({ code: 'error.same_warehouse', field: 'items.targetWarehouse', row });
      if (purpose === 'material_receipt') l.amount = valueOf(l.qty as string, (l.rate as number) ?? 0);
    }
    if (purpose === 'transit_send') {
      for (const [row, l] of lines.entries()) {
        const w = l.targetWarehouse ? await ctx.t<BaseRecord>('warehouses').get(l.targetWarehouse as string) : undefined;
        if (w && w.warehouseType !== 'in_transit') issues.push({ code: 'error.not_in_transit', field: 'items.targetWarehouse', row, params: { warehouse: w.warehouseName } });
      }
    }
    throwIssues(issues);
  },

  async onSubmit(doc, ctx) {
    const lines = linesOf(doc);
    const purpose = doc.purpose as string;
    const v = voucher(doc, 'StockEntry');
    const cache = new StockCache(ctx);
    const moves: StockMove[] = lines.map((l, line) => {
      const base = { item: l.item as string, qty: l.stockQty as string, line, batch: l.batch as string };
      if (purpose === 'material_receipt') return { ...base, kind: 'in', warehouse: l.targetWarehouse as string, value: l.amount as number };
      if (purpose === 'material_issue') return { ...base, kind: 'out', warehouse: l.sourceWarehouse as string };
      return { ...base, kind: 'transfer', from: l.sourceWarehouse as string, to: l.targetWarehouse as string };
    });
    if (purpose === 'transit_receive') {
      for (const [row, l] of lines.entries()) {
        const p = await getProgress(ctx, doc.againstEntry as string, l.orderLine as number);
        if (!p || new D(l.stockQty as string).gt(openQty(p))) throw new DomainError('error.over_transit_receipt', { item: l.item, open: p ? openQty(p).toString() : '0' }, 'items.qty', [{ code: 'error.over_transit_receipt', field: 'items.qty', row, params: { open: p ? openQty(p).toString() : '0' } }]);
        await addDone(ctx, doc.againstEntry as string, l.orderLine as number, l.stockQty as string);
      }
    }
    const rows = await postStock(ctx, v, moves, cache);
    // line amounts: the value that moved (for transfers, the value that left the source)
    for (const [i, l] of lines.entries()) {
      const mine = rows.filter((r) => r.line === i);
      l.amount = purpose === 'material_receipt' ? l.amount : Math.abs(mine.find((r) => r.value <= 0 && new D(r.qty).lt(0))?.value ?? 0);
      if (purpose !== 'material_receipt') l.rate = new D(l.qty as string).gt(0) ? Math.round(new D(l.amount as number).div(l.qty as string).toNumber()) : 0;
    }
    doc.totalAmount = total(lines, 'amount');
    if (purpose === 'transit_send') await startProgress(ctx, lines.map((l, line) => ({ docId: doc.id, line, item: l.item as string, warehouse: l.targetWarehouse as string, qty: l.stockQty as string })));
    await postStockGl(ctx, v, rows, cache, 'adjustment', doc.remarks as string);
  },

  async onCancel(doc, ctx) {
    if (doc.purpose === 'transit_send') {
      const prog = await progressOf(ctx, doc.id);
      if (prog.some((p) => new D(p.done).gt(0))) throw new DomainError('error.transit_received', { number: doc.number });
    }
    if (doc.purpose === 'transit_receive') for (const l of linesOf(doc)) await addDone(ctx, doc.againstEntry as string, l.orderLine as number, new D(l.stockQty as string).neg());
    await reverseStock(ctx, doc.id);
    await reverseGl(ctx, doc.id);
  },
};

export const stockCountBehaviour: DocBehaviour = {
  tables: [...POSTING_TABLES],
  async beforeSave(doc) {
    const seen = new Set<string>();
    const issues: FieldIssue[] = [];
    linesOf(doc).forEach((l, row) => {
      if (seen.has(l.item as string)) issues.push({ code: 'error.duplicate_line', field: 'items.item', row });
      seen.add(l.item as string);
    });
    throwIssues(issues);
  },
  async onSubmit(doc, ctx) {
    const cache = new StockCache(ctx);
    const wh = doc.warehouse as string;
    const moves: StockMove[] = [];
    const lines = linesOf(doc);
    for (const [line, l] of lines.entries()) {
      const b = await cache.balance(l.item as string, wh);
      const diff = new D(l.countedQty as string).sub(b.qty);
      l.systemQty = b.qty;
      l.differenceQty = diff.toString();
      if (diff.gt(0)) moves.push({ kind: 'in', item: l.item as string, warehouse: wh, qty: diff.toString(), value: valueOf(diff, (l.rate as number) || b.valuationRate), line });
      else if (diff.lt(0)) moves.push({ kind: 'out', item: l.item as string, warehouse: wh, qty: diff.neg().toString(), line });
    }
    const v = voucher(doc, 'StockCount');
    const rows = await postStock(ctx, v, moves, cache);
    lines.forEach((l, i) => (l.differenceAmount = rows.filter((r) => r.line === i).reduce((s, r) => s + r.value, 0)));
    doc.totalDifference = total(lines, 'differenceAmount');
    await postStockGl(ctx, v, rows, cache, 'adjustment', doc.remarks as string);
  },
  async onCancel(doc, ctx) {
    await reverseStock(ctx, doc.id);
    await reverseGl(ctx, doc.id);
  },
};
