/**
 * Stock entry and stock count behaviour.
 *
 * Stock entry: beforeSave converts units and checks the warehouses the purpose needs;
 * onSubmit posts the movements (./stock-ledger.ts) and their GL effect (./stock-gl.posting.ts);
 * onCancel appends reversals (refused when a receipt's stock has since been issued, or when an
 * in-transit send has been received at the other branch).
 * Batches and serials (./batch-serial.ts), checked at submit like receipts and deliveries: a
 * `hasBatch` item needs a batch on every line, a `hasSerial` item one serial per stock unit. A
 * receipt creates them (a serial in stock anywhere is refused), an issue / transfer / transit
 * moves exactly the serials named (each must be in the source warehouse) and no more of a batch
 * than it holds there. Cancelling is refused while a serial or batch it brought in has moved on.
 *
 * Stock count: onSubmit reads the book quantity of each counted line (of its batch when it names
 * one: batch items are counted per batch), posts the difference as a receipt (at the line rate
 * or the current valuation) or an issue, against the stock adjustment account. For a serial item
 * the serials found are compared with those the books hold in the warehouse: found but not held
 * are received, held but not found are issued (listed on the line: serialsReceived /
 * serialsIssued). The book quantity is shown when the draft is saved and fixed at submit.
 */
import { DomainError, type FieldIssue } from '../kernel/errors';
import { D } from '../kernel/money';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import { reverseGl } from '../books/gl';
import { EXCHANGE_RATE_TABLE } from '../books/exchange-rates';
import { postStock, reverseStock, StockCache, LEDGER_TABLES, type StockMove, type StockVoucher } from './stock-ledger';
import { valueOf } from './valuation';
import { prepareLines, stockItemIssues, throwIssues, postStockGl, linesOf, total } from './stock.context';
import { startProgress, addDone, progressOf, getProgress, openQty, PROGRESS_TABLE, RES_TABLE } from './order-progress';
import { batchSerialIssues, parseSerials, checkSerialsIn, checkTrackedOut, checkReversible, serialsInStock, BATCH_TABLE, SERIAL_TABLE, type BatchBalance, type SerialState } from './batch-serial';
import type { TxContext } from '../kernel/tx';

/**
 * Every table a stock-posting behaviour touches (price lists: default rates of order / receipt /
 * delivery lines; exchange rates: the default rate of a foreign order / receipt / delivery, and of
 * an automatic reorder draft made inside a posting, ./auto-reorder.ts).
 */
export const POSTING_TABLES = [...LEDGER_TABLES, 'gl_entries', 'account_balances', 'accounts', PROGRESS_TABLE, RES_TABLE, 'price_lists', EXCHANGE_RATE_TABLE] as const;

function voucher(doc: BaseRecord, type: string, dateField = 'postingDate'): StockVoucher {
  return { type, id: doc.id, number: doc.number, postingDate: doc[dateField] as string };
}

export const stockEntryBehaviour: DocBehaviour = {
  tables: [...POSTING_TABLES, 'stock_entries'],
  async beforeSave(doc, ctx) {
    const issues: FieldIssue[] = [];
    const lines = linesOf(doc);
    const purpose = doc.purpose as string;
    const sent: (Record<string, unknown> | undefined)[] = [];
    if (purpose === 'transit_receive') {
      const send = doc.againstEntry ? await ctx.t<BaseRecord>('stock_entries').get(doc.againstEntry as string) : undefined;
      if (!send || send.purpose !== 'transit_send' || send.status !== 'submitted') throw new DomainError('error.transit_send_required', {}, 'againstEntry');
      doc.fromWarehouse = send.toWarehouse;
      const sendLines = linesOf(send);
      lines.forEach((l, row) => {
        const i = l.orderLine as number;
        const src = sendLines[i];
        if (!src || src.item !== l.item) issues.push({ code: 'error.order_line_mismatch', field: 'items.item', row });
        else {
          l.sourceWarehouse = (src.targetWarehouse as string) || (send.toWarehouse as string);
          sent[row] = src;
        }
      });
    } else doc.againstEntry = '';
    const items = await prepareLines(ctx, lines, null, issues);
    stockItemIssues(lines, items, issues);
    if (purpose === 'transit_receive') await transitDefaults(ctx, lines, sent, items);
    if (purpose !== 'material_receipt') for (const l of lines) l.expiryDate = '';
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
    // batches and serials: the line rules, then where each serial / batch is (before posting,
    // so the refusal names the warehouse or the document that moved it)
    const items = new Map<string, BaseRecord>();
    for (const l of lines) items.set(l.item as string, await cache.item(l.item as string));
    const issues: FieldIssue[] = [];
    batchSerialIssues(lines, items, issues);
    throwIssues(issues);
    const sns = lines.map((l) => parseSerials(l.serials));
    if (purpose === 'material_receipt') await checkSerialsIn(ctx, lines.map((l, row) => ({ row, item: items.get(l.item as string)!, serials: sns[row] })));
    else await checkTrackedOut(ctx, lines.map((l, row) => ({ row, item: items.get(l.item as string)!, warehouse: l.sourceWarehouse as string, batch: (l.batch as string) || '', qty: l.stockQty as string, serials: sns[row] })));
    const moves: StockMove[] = lines.map((l, line) => {
      const base = { item: l.item as string, qty: l.stockQty as string, line, batch: (l.batch as string) || undefined, serials: sns[line] };
      if (purpose === 'material_receipt') return { ...base, kind: 'in', warehouse: l.targetWarehouse as string, value: l.amount as number, expiryDate: (l.expiryDate as string) || undefined };
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
    await checkReversible(ctx, doc.id, doc.number);
    await reverseStock(ctx, doc.id);
    await reverseGl(ctx, doc.id);
  },
};

/**
 * transit_receive lines default to what was sent: the batch of the line sent, and the serials of
 * that line still in the in-transit warehouse (as many as the line receives).
 */
async function transitDefaults(ctx: TxContext, lines: Record<string, unknown>[], sent: (Record<string, unknown> | undefined)[], items: Map<string, BaseRecord>): Promise<void> {
  for (const [row, l] of lines.entries()) {
    const src = sent[row];
    const it = items.get(l.item as string);
    if (!src || !it) continue;
    if (it.hasBatch && !String(l.batch ?? '').trim() && src.batch) l.batch = src.batch;
    if (it.hasSerial && parseSerials(l.serials).length === 0 && l.stockQty) {
      const inTransit: string[] = [];
      for (const sn of parseSerials(src.serials)) {
        const st = await ctx.t<SerialState>(SERIAL_TABLE).get(`${it.id}|${sn}`);
        if (st?.inStock && st.warehouse === l.sourceWarehouse) inTransit.push(sn);
      }
      const n = Number(l.stockQty);
      if (Number.isInteger(n) && n <= inTransit.length) l.serials = inTransit.slice(0, n).join('\n');
    }
  }
}

/** Book quantity of a count line: the batch's quantity in the warehouse, or the item's balance. */
async function bookQty(ctx: TxContext, cache: StockCache, item: string, warehouse: string, batch: string): Promise<string> {
  if (batch) return (await ctx.t<BatchBalance>(BATCH_TABLE).get(`${item}|${warehouse}|${batch}`))?.qty ?? '0';
  return (await cache.balance(item, warehouse)).qty;
}

export const stockCountBehaviour: DocBehaviour = {
  tables: [...POSTING_TABLES],
  async beforeSave(doc, ctx) {
    const seen = new Set<string>();
    const issues: FieldIssue[] = [];
    const lines = linesOf(doc);
    lines.forEach((l, row) => {
      l.batch = String(l.batch ?? '').trim();
      const key = `${l.item as string}|${l.batch as string}`;
      if (seen.has(key)) issues.push({ code: 'error.duplicate_line', field: 'items.item', row });
      seen.add(key);
    });
    throwIssues(issues);
    // show the book quantity (per batch) on the draft; submit fixes it again
    if (doc.status !== 'draft' || !doc.warehouse) return;
    const cache = new StockCache(ctx);
    for (const l of lines) {
      if (!l.item) continue;
      l.systemQty = await bookQty(ctx, cache, l.item as string, doc.warehouse as string, l.batch as string);
      l.differenceQty = l.countedQty === undefined || l.countedQty === '' ? '' : new D(l.countedQty as string).sub(l.systemQty as string).toString();
    }
  },
  async onSubmit(doc, ctx) {
    const cache = new StockCache(ctx);
    const wh = doc.warehouse as string;
    const moves: StockMove[] = [];
    const lines = linesOf(doc);
    const items = new Map<string, BaseRecord>();
    for (const l of lines) items.set(l.item as string, await cache.item(l.item as string));
    // the receipt / delivery line rules, the counted quantity standing for the stock quantity
    const issues: FieldIssue[] = [];
    batchSerialIssues(lines.map((l) => ({ item: l.item, batch: l.batch, serials: l.serials, stockQty: l.countedQty })), items, issues);
    throwIssues(issues);
    for (const [line, l] of lines.entries()) {
      const it = items.get(l.item as string)!;
      const batch = (l.batch as string) || '';
      const b = await cache.balance(l.item as string, wh);
      const system = await bookQty(ctx, cache, it.id, wh, batch);
      const diff = new D(l.countedQty as string).sub(system);
      const rate = (l.rate as number) || b.valuationRate;
      const tracked = { item: it.id, line, batch: batch || undefined };
      const expiryDate = (l.expiryDate as string) || undefined;
      l.systemQty = system;
      l.differenceQty = diff.toString();
      l.serialsReceived = '';
      l.serialsIssued = '';
      let rest = diff;
      if (it.hasSerial) {
        const found = parseSerials(l.serials);
        const held = new Set((await serialsInStock(ctx, it.id, wh, batch)).map((x) => x.serial));
        const surplus = found.filter((sn) => !held.has(sn));
        const missing = [...held].filter((sn) => !found.includes(sn));
        await checkSerialsIn(ctx, [{ row: line, item: it, serials: surplus }]);
        if (missing.length) moves.push({ kind: 'out', ...tracked, warehouse: wh, qty: String(missing.length), serials: missing });
        if (surplus.length) moves.push({ kind: 'in', ...tracked, warehouse: wh, qty: String(surplus.length), value: valueOf(String(surplus.length), rate), serials: surplus, expiryDate });
        l.serialsReceived = surplus.join('\n');
        l.serialsIssued = missing.join('\n');
        // units the books hold without a serial (stock from before the item was serial-tracked)
        rest = diff.sub(surplus.length).add(missing.length);
      }
      if (rest.gt(0)) moves.push({ kind: 'in', ...tracked, warehouse: wh, qty: rest.toString(), value: valueOf(rest, rate), expiryDate });
      else if (rest.lt(0)) moves.push({ kind: 'out', ...tracked, warehouse: wh, qty: rest.neg().toString() });
    }
    const v = voucher(doc, 'StockCount');
    const rows = await postStock(ctx, v, moves, cache);
    lines.forEach((l, i) => (l.differenceAmount = rows.filter((r) => r.line === i).reduce((s, r) => s + r.value, 0)));
    doc.totalDifference = total(lines, 'differenceAmount');
    await postStockGl(ctx, v, rows, cache, 'adjustment', doc.remarks as string);
  },
  async onCancel(doc, ctx) {
    await checkReversible(ctx, doc.id, doc.number);
    await reverseStock(ctx, doc.id);
    await reverseGl(ctx, doc.id);
  },
};
