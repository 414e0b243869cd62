/**
 * Landed cost behaviour and services (document type in ./landed-cost.doctypes.ts, rules in
 * ./landed-cost.posting.ts).
 *
 * Save: the receipts must be submitted purchase receipts (not returns) dated on or before the
 * landed cost, with stock rows; each charge > 0; the charges are allocated over the receipts'
 * stock ledger rows (so a receipt split by quality inspection gets a part per warehouse).
 * Submit (same transaction): how much of each row's quantity is still in stock decides the split
 *   - FIFO: what is left of the receipt's own layers in that warehouse;
 *   - moving average: the quantity on hand, taken by the latest received rows first (the
 *     oldest goods are assumed gone first);
 * the stock share is posted as value-only ledger rows (qty 0, `againstVoucher` = the receipt)
 * that raise the moving-average pool or the receipt's FIFO layers; the rest is charged to
 * `expenseAccount` (cost of goods sold). Dr stock + Dr expense, Cr the charges' accounts.
 * Every allocated row gets a ledger row, even worth 0, so a receipt finds its landed costs
 * through the `againstVoucher` index.
 * Cancel: reversing rows (refused once the item has left that warehouse since the landed cost:
 * the value went with it, error.landed_cost_consumed). A purchase receipt with a submitted landed
 * cost cannot be cancelled (error.receipt_has_landed_costs).
 */
import { DomainError, type FieldIssue } from '../kernel/errors';
import { D } from '../kernel/money';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { TxContext } from '../kernel/tx';
import type { Session } from '../kernel/session';
import { createDoc } from '../kernel/docs.service';
import { postGl, reverseGl } from '../books/gl';
import { postStock, reverseStock, StockCache, methodFor, SLE_TABLE, type StockLedgerRow, type StockMove } from './stock-ledger';
import { POSTING_TABLES } from './stock-entry.behaviour';
import { stockAccount } from './stock.settings';
import { throwIssues } from './stock.context';
import { allocateCharges, splitShare, landedCostGl } from './landed-cost.posting';
import type { DistributeBy } from './landed-cost.doctypes';

export const LC_TABLE = 'landed_costs';
const PR_TABLE = 'purchase_receipts';

type Row = Record<string, unknown>;

/** The receipt's own incoming stock rows (not reversals), oldest first. */
async function receiptRows(ctx: TxContext, receiptId: string): Promise<StockLedgerRow[]> {
  const rows = (await ctx.t<StockLedgerRow>(SLE_TABLE).where('voucherId').equals(receiptId).toArray()).filter((r) => !r.isReversal && new D(r.qty).gt(0));
  return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
}

async function prepare(doc: BaseRecord, ctx: TxContext): Promise<{ receipts: Map<string, BaseRecord> }> {
  if (!doc.postingDate) doc.postingDate = ctx.today;
  if (!doc.expenseAccount) doc.expenseAccount = stockAccount(ctx.session.settings, 'costOfGoodsSold');
  const issues: FieldIssue[] = [];
  const lines = (doc.receipts as Row[]) ?? [];
  const receipts = new Map<string, BaseRecord>();
  for (const [row, l] of lines.entries()) {
    const id = l.receipt as string;
    const r = await ctx.t<BaseRecord>(PR_TABLE).get(id);
    if (!r || r.deleted) {
      issues.push({ code: 'error.link_missing', field: 'receipts.receipt', row, params: { docType: 'PurchaseReceipt', value: id } });
      continue;
    }
    if (receipts.has(id)) issues.push({ code: 'error.duplicate_line', field: 'receipts.receipt', row });
    else if (r.status !== 'submitted') issues.push({ code: 'error.landed_cost_receipt_state', field: 'receipts.receipt', row, params: { number: r.number, status: r.status } });
    else if (r.isReturn) issues.push({ code: 'error.landed_cost_return', field: 'receipts.receipt', row, params: { number: r.number } });
    else if ((r.postingDate as string) > (doc.postingDate as string)) issues.push({ code: 'error.landed_cost_before_receipt', field: 'receipts.receipt', row, params: { number: r.number, date: r.postingDate } });
    receipts.set(id, r);
    Object.assign(l, { supplier: r.supplier ?? '', receiptDate: r.postingDate ?? '', receiptTotal: r.netTotal ?? 0 });
  }
  const charges = (doc.charges as Row[]) ?? [];
  charges.forEach((c, row) => {
    if (!((c.amount as number) > 0)) issues.push({ code: 'error.landed_cost_zero', field: 'charges.amount', row, params: { description: c.description } });
  });
  throwIssues(issues);
  // the receipts' stock rows, in the order of the receipts and of their rows
  const allocations: Row[] = [];
  for (const r of receipts.values()) {
    const rows = await receiptRows(ctx, r.id);
    if (rows.length === 0) throw new DomainError('error.landed_cost_no_stock_lines', { number: r.number }, 'receipts');
    for (const sle of rows) allocations.push({ receipt: r.id, line: sle.line, item: sle.item, warehouse: sle.warehouse, qty: sle.qty, receivedAmount: sle.value, allocated: 0, qtyInStock: '', toStock: 0, toExpense: 0 });
  }
  const parts = allocateCharges(charges.map((c) => ({ amount: c.amount as number, distributeBy: (c.distributeBy as DistributeBy) || 'by_qty' })), allocations.map((a) => ({ qty: a.qty as string, amount: a.receivedAmount as number })));
  allocations.forEach((a, i) => (a.allocated = parts.reduce((s, p) => s + p[i], 0)));
  doc.allocations = allocations;
  doc.totalCharges = charges.reduce((s, c) => s + (c.amount as number), 0);
  doc.totalToStock = 0;
  doc.totalToExpense = 0;
  return { receipts };
}

export const landedCostBehaviour: DocBehaviour = {
  tables: [...POSTING_TABLES, LC_TABLE, PR_TABLE],
  async beforeSave(doc, ctx) {
    await prepare(doc, ctx);
  },

  async onSubmit(doc, ctx) {
    const charges = (doc.charges as Row[]) ?? [];
    if (charges.length === 0) throw new DomainError('error.landed_cost_no_charges', {}, 'charges');
    const { receipts } = await prepare(doc, ctx);
    const allocations = doc.allocations as Row[];
    const cache = new StockCache(ctx);
    // quantity still in stock per pool: the receipt's FIFO layers, or the moving-average balance
    const pools = new Map<string, InstanceType<typeof D>>();
    const order = allocations.map((a, i) => ({ a, i })).sort((x, y) => {
      const dx = receipts.get(x.a.receipt as string)!.postingDate as string;
      const dy = receipts.get(y.a.receipt as string)!.postingDate as string;
      return dx !== dy ? (dx < dy ? 1 : -1) : y.i - x.i; // latest receipt rows first
    });
    for (const { a } of order) {
      const item = a.item as string;
      const wh = a.warehouse as string;
      const fifo = methodFor(await cache.item(item), ctx.session.settings) === 'fifo';
      const key = fifo ? `${item}|${wh}|${a.receipt}` : `${item}|${wh}`;
      if (!pools.has(key)) {
        const b = await cache.balance(item, wh);
        const q = fifo ? (b.method === 'fifo' ? b.queue : []).filter((l) => l.voucherId === a.receipt && new D(l.qty).gt(0)).reduce((s, l) => s.add(l.qty), new D(0)) : D.max(new D(b.qty), 0);
        pools.set(key, q);
      }
      const pool = pools.get(key)!;
      const take = D.min(pool, new D(a.qty as string));
      pools.set(key, pool.sub(take));
      a.qtyInStock = take.toString();
      Object.assign(a, splitShare(a.allocated as number, a.qty as string, take));
    }
    const v = { type: 'LandedCost', id: doc.id, number: doc.number, postingDate: doc.postingDate as string };
    const moves: StockMove[] = allocations.map((a, line) => ({ kind: 'value', item: a.item as string, warehouse: a.warehouse as string, value: a.toStock as number, line, againstVoucher: a.receipt as string }));
    const rows = await postStock(ctx, v, moves, cache);
    const inventory = stockAccount(ctx.session.settings, 'inventory');
    const stock: { account: string; value: number }[] = [];
    for (const r of rows) stock.push({ account: ((await cache.warehouse(r.warehouse)).account as string) || inventory, value: r.value });
    doc.totalToStock = allocations.reduce((s, a) => s + (a.toStock as number), 0);
    doc.totalToExpense = allocations.reduce((s, a) => s + (a.toExpense as number), 0);
    const lines = landedCostGl(stock, doc.expenseAccount as string, doc.totalToExpense as number, charges.map((c) => ({ account: c.account as string, amount: c.amount as number })), (doc.remarks as string) ?? '');
    await postGl(ctx, v, lines);
  },

  async onCancel(doc, ctx) {
    const rows = (await ctx.t<StockLedgerRow>(SLE_TABLE).where('voucherId').equals(doc.id).toArray()).filter((r) => !r.isReversal && r.value !== 0);
    const cache = new StockCache(ctx);
    for (const r of rows) {
      const out = await ctx.t<StockLedgerRow>(SLE_TABLE).where('[item+warehouse+seq]').between([r.item, r.warehouse, r.seq + 1], [r.item, r.warehouse, Infinity], true, true).filter((x) => new D(x.qty).lt(0)).first();
      if (out) {
        const it = await cache.item(r.item);
        const w = await cache.warehouse(r.warehouse);
        throw new DomainError('error.landed_cost_consumed', { number: doc.number, item: `${it.itemCode} ${it.itemName}`, warehouse: String(w.warehouseName), voucher: out.voucherNumber });
      }
    }
    await reverseStock(ctx, doc.id, cache);
    await reverseGl(ctx, doc.id);
  },
};

/** Refuse cancelling a purchase receipt that a submitted landed cost has raised (wraps its behaviour). */
export function landedCostReceiptGuard(prev: DocBehaviour): DocBehaviour {
  return {
    ...prev,
    tables: [...new Set([...(prev.tables ?? []), LC_TABLE, SLE_TABLE])],
    async onCancel(doc, ctx) {
      if (!doc.isReturn) {
        const ids = [...new Set((await ctx.t<StockLedgerRow>(SLE_TABLE).where('againstVoucher').equals(doc.id).toArray()).map((r) => r.voucherId))];
        const live = (await ctx.t<BaseRecord>(LC_TABLE).bulkGet(ids)).filter((l): l is BaseRecord => !!l && l.status === 'submitted');
        if (live.length) throw new DomainError('error.receipt_has_landed_costs', { number: doc.number, landedCosts: live.map((l) => l.number).join(', ') });
      }
      await prev.onCancel?.(doc, ctx);
    },
  };
}

export interface ReceiptLandedCost {
  id: string;
  number: string;
  status: string;
  postingDate: string;
  totalCharges: number;
  totalToStock: number;
  totalToExpense: number;
}

/** The landed costs posted against a purchase receipt (submitted and cancelled), newest first. */
export async function landedCostsOfReceipt(s: Session, receiptId: string): Promise<ReceiptLandedCost[]> {
  s.require('LandedCost', 'read');
  return s.db.transaction('r', [SLE_TABLE, LC_TABLE], async () => {
    const ids = [...new Set((await s.db.t<StockLedgerRow>(SLE_TABLE).where('againstVoucher').equals(receiptId).toArray()).map((r) => r.voucherId))];
    const docs = (await s.db.t<BaseRecord>(LC_TABLE).bulkGet(ids)).filter((d): d is BaseRecord => !!d && !d.deleted);
    return docs
      .map((d) => ({ id: d.id, number: d.number, status: d.status, postingDate: d.postingDate as string, totalCharges: d.totalCharges as number, totalToStock: d.totalToStock as number, totalToExpense: d.totalToExpense as number }))
      .sort((a, b) => (a.id < b.id ? 1 : -1));
  });
}

/** A draft landed cost against a submitted receipt (charges to be entered), for the receipt form's "Add landed cost". */
export async function makeLandedCostFromReceipt(s: Session, receiptId: string): Promise<BaseRecord> {
  return createDoc(s, 'LandedCost', { postingDate: s.localDate(), receipts: [{ receipt: receiptId }], charges: [] });
}
