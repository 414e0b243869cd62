/**
 * What purchase receipts and delivery notes share before they are saved: resolve the source
 * (the order they fulfil, or the document a return goes back against), check it is submitted and
 * belongs to the same party, default the warehouse and each line's rate/unit/warehouse from the
 * source line, then price and check the lines. Runs inside the save transaction (beforeSave).
 */
import { DomainError, type FieldIssue } from '../kernel/errors';
import type { BaseRecord } from '../kernel/doctype';
import type { TxContext } from '../kernel/tx';
import { D } from '../kernel/money';
import type { DocBehaviour } from '../kernel/behaviour';
import { prepareLines, stockItemIssues, throwIssues, linesOf, total, defaultWarehouse, type Line } from './stock.context';
import { startProgress, progressOf, openQty, adjustReservation } from './order-progress';
import { POSTING_TABLES } from './stock-entry.behaviour';

export interface FulfilmentShape {
  /** This document type's table (a return points at another row of it). */
  readonly docTable: string;
  /** The order table and the field linking to it. */
  readonly orderTable: string;
  readonly orderField: string;
  /** 'supplier' or 'customer'. */
  readonly partyField: string;
  /** Item price used when a line has no rate: 'purchasePrice' or 'salePrice'. */
  readonly priceField: 'purchasePrice' | 'salePrice';
}

export async function loadSubmitted(ctx: TxContext, table: string, id: string, field: string): Promise<BaseRecord> {
  const d = id ? await ctx.t<BaseRecord>(table).get(id) : undefined;
  if (!d || d.status !== 'submitted') throw new DomainError('error.source_not_submitted', {}, field);
  return d;
}

export async function prepareFulfilment(doc: BaseRecord, ctx: TxContext, shape: FulfilmentShape): Promise<void> {
  const issues: FieldIssue[] = [];
  const lines = linesOf(doc);
  let source: BaseRecord | undefined;
  if (doc.isReturn) {
    source = await loadSubmitted(ctx, shape.docTable, doc.returnAgainst as string, 'returnAgainst');
    if (source.isReturn || source[shape.partyField] !== doc[shape.partyField]) throw new DomainError('error.return_source_mismatch', {}, 'returnAgainst');
    doc[shape.orderField] = '';
  } else {
    doc.returnAgainst = '';
    if (doc[shape.orderField]) {
      source = await loadSubmitted(ctx, shape.orderTable, doc[shape.orderField] as string, shape.orderField);
      if (source[shape.partyField] !== doc[shape.partyField]) throw new DomainError('error.order_mismatch', {}, shape.orderField);
    }
  }
  if (!doc.warehouse) doc.warehouse = (source?.warehouse as string) || (await defaultWarehouse(ctx));
  const srcLines = source ? linesOf(source) : [];
  lines.forEach((l, row) => {
    if (!source) return void (l.orderLine = -1);
    const s = srcLines[l.orderLine as number];
    if (!s || s.item !== l.item) return void issues.push({ code: 'error.order_line_mismatch', field: 'items.item', row });
    if (!l.rate) l.rate = s.rate;
    if (!l.uom) l.uom = s.uom;
    if (!l.warehouse) l.warehouse = s.warehouse || source!.warehouse;
  });
  const items = await prepareLines(ctx, lines, shape.priceField, issues, { customer: doc.customer as string, supplier: doc.supplier as string, currency: doc.currency as string, exchangeRate: doc.exchangeRate as string, date: doc.postingDate as string });
  stockItemIssues(lines, items, issues);
  throwIssues(issues);
  doc.netTotal = total(lines, 'amount');
}

/** A line's warehouse, else the document's. */
export function lineWarehouse(doc: BaseRecord, l: Line): string {
  return (l.warehouse as string) || (doc.warehouse as string);
}

/**
 * Purchase and sales orders behave alike: lines priced from the price lists (else the item), submit opens the lines'
 * progress and books the open quantity as `ordered` (purchase) or `reserved` (sales) stock,
 * cancel releases it and is refused once anything was received/delivered.
 */
export function orderBehaviour(o: { priceField: 'purchasePrice' | 'salePrice'; bucket: 'ordered' | 'reserved'; busyError: string }): DocBehaviour {
  return {
    tables: [...POSTING_TABLES],
    async beforeSave(doc, ctx) {
      if (!doc.transactionDate) doc.transactionDate = ctx.today;
      if (!doc.warehouse) doc.warehouse = await defaultWarehouse(ctx);
      const issues: FieldIssue[] = [];
      const lines = linesOf(doc);
      await prepareLines(ctx, lines, o.priceField, issues, { customer: doc.customer as string, supplier: doc.supplier as string, currency: doc.currency as string, exchangeRate: doc.exchangeRate as string, date: doc.transactionDate as string });
      throwIssues(issues);
      doc.netTotal = total(lines, 'amount');
    },
    async onSubmit(doc, ctx) {
      const lines = linesOf(doc);
      await startProgress(ctx, lines.map((l, line) => ({ docId: doc.id, line, item: l.item as string, warehouse: lineWarehouse(doc, l), qty: l.stockQty as string })));
      const items = await ctx.t<BaseRecord>('items').bulkGet(lines.map((l) => l.item as string));
      for (const [i, l] of lines.entries()) if (items[i]?.itemType === 'stock') await adjustReservation(ctx, l.item as string, lineWarehouse(doc, l), { [o.bucket]: l.stockQty as string });
    },
    async onCancel(doc, ctx) {
      const prog = await progressOf(ctx, doc.id);
      if (prog.some((p) => !new D(p.done).isZero())) throw new DomainError(o.busyError, { number: doc.number });
      const items = new Map((await ctx.t<BaseRecord>('items').bulkGet(prog.map((p) => p.item))).filter(Boolean).map((i) => [i!.id, i!]));
      for (const p of prog) if (items.get(p.item)?.itemType === 'stock') await adjustReservation(ctx, p.item, p.warehouse, { [o.bucket]: openQty(p).neg() });
    },
  };
}
