/**
 * What purchase receipts and delivery notes share before they are saved: resolve the source
 * (the order they fulfil, or the document a return goes back against), check it is submitted and
 * belongs to the same party, default the warehouse and each line's rate/unit/warehouse from the
 * source line, then price and check the lines. Runs inside the save transaction (beforeSave).
 */
import { DomainError, type FieldIssue } from '../kernel/errors';
import type { BaseRecord } from '../kernel/doctype';
import type { TxContext } from '../kernel/tx';
import { prepareLines, stockItemIssues, throwIssues, linesOf, total, defaultWarehouse } from './stock.context';

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
  const items = await prepareLines(ctx, lines, shape.priceField, issues);
  stockItemIssues(lines, items, issues);
  throwIssues(issues);
  doc.netTotal = total(lines, 'amount');
}
