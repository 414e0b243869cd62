/**
 * Application services of stock, purchasing and selling beyond the generic document commands:
 * drafts made from an order (open quantities), receiving an in-transit transfer, a sales order
 * from CRM-style input, the purchase bill of a receipt (through GRNI), and the three-way match.
 * Each goes through createDoc/submitDoc, so rights, validation and posting are the usual ones.
 */
import { D } from '../kernel/money';
import type { BaseRecord } from '../kernel/doctype';
import type { Session } from '../kernel/session';
import { createDoc, getDoc, submitDoc } from '../kernel/docs.service';
import { orderProgress, openQty } from './order-progress';
import { stockAccount } from './stock.settings';
import { fromStockQty, toStockQty } from './uom';
import { fefoBatches } from './batch-serial';

type Lines = Record<string, unknown>[];

/** A sales order from a customer and lines (`items` or `lines`: item, qty, optional uom/rate/warehouse). */
export async function createSalesOrder(s: Session, input: { customer: string; items?: Lines; lines?: Lines; [k: string]: unknown }): Promise<BaseRecord> {
  const { lines, ...rest } = input;
  return createDoc(s, 'SalesOrder', { ...rest, items: input.items ?? lines ?? [] });
}

async function openLines(s: Session, orderId: string, order: BaseRecord): Promise<Lines> {
  const prog = await orderProgress(s, orderId);
  const items = new Map((await s.db.t<BaseRecord>('items').bulkGet(prog.map((p) => p.item))).filter(Boolean).map((i) => [i!.id, i!]));
  const src = order.items as Lines;
  const out: Lines = [];
  for (const p of prog) {
    const open = openQty(p);
    if (!open.gt(0)) continue;
    const l = src[p.line];
    const it = items.get(p.item)!;
    out.push({ item: p.item, qty: fromStockQty(it, open.toString(), l.uom as string), uom: l.uom, rate: l.rate, warehouse: l.warehouse, orderLine: p.line });
  }
  return out;
}

/** A draft purchase receipt for everything still open on a purchase order. */
export async function makeReceiptFromOrder(s: Session, orderId: string, opts: { postingDate?: string } = {}): Promise<BaseRecord> {
  const po = await getDoc(s, 'PurchaseOrder', orderId);
  return createDoc(s, 'PurchaseReceipt', { supplier: po.supplier, postingDate: opts.postingDate ?? s.localDate(), purchaseOrder: po.id, warehouse: po.warehouse, items: await openLines(s, orderId, po) });
}

/**
 * A draft delivery note for everything still open on a sales order. Lines of batch items are
 * split over batches first-expired-first-out (in the stock unit; expired batches are skipped);
 * what no batch can give stays on a line without a batch, for the user to decide.
 */
export async function makeDeliveryFromOrder(s: Session, orderId: string, opts: { postingDate?: string } = {}): Promise<BaseRecord> {
  const so = await getDoc(s, 'SalesOrder', orderId);
  const postingDate = opts.postingDate ?? s.localDate();
  const lines: Lines = [];
  for (const l of await openLines(s, orderId, so)) {
    const it = await s.db.t<BaseRecord>('items').get(l.item as string);
    if (!it?.hasBatch) {
      lines.push(l);
      continue;
    }
    const { factor, stockQty } = toStockQty(it, l.qty as string, (l.uom as string) ?? '');
    const { picks, short } = await fefoBatches(s, it.id, (l.warehouse as string) || (so.warehouse as string), stockQty, { asOf: postingDate });
    // split lines are in the stock unit: the order's rate per its unit becomes a rate per stock unit (half-up)
    const rate = factor === '1' ? l.rate : new D((l.rate as number) ?? 0).div(factor).toDecimalPlaces(0, D.ROUND_HALF_UP).toNumber();
    for (const p of picks) if (new D(p.take).gt(0)) lines.push({ ...l, qty: p.take, uom: '', rate, batch: p.batch });
    if (new D(short).gt(0)) lines.push({ ...l, qty: short, uom: '', rate });
  }
  return createDoc(s, 'DeliveryNote', { customer: so.customer, postingDate, salesOrder: so.id, warehouse: so.warehouse, items: lines });
}

/** Receive (submit) what is still in transit from a transit_send entry into `toWarehouse`. */
export async function receiveTransit(s: Session, sendId: string, toWarehouse: string, postingDate = s.localDate()): Promise<BaseRecord> {
  const send = await getDoc(s, 'StockEntry', sendId);
  const prog = await orderProgress(s, sendId);
  const items = prog.filter((p) => openQty(p).gt(0)).map((p) => ({ item: p.item, qty: openQty(p).toString(), orderLine: p.line, targetWarehouse: toWarehouse }));
  const draft = await createDoc(s, 'StockEntry', { purpose: 'transit_receive', postingDate, againstEntry: send.id, toWarehouse, items });
  return submitDoc(s, 'StockEntry', draft.id);
}

/**
 * A draft purchase invoice for a submitted receipt, its lines booked to the GRNI account (the
 * receipt already put the goods on the stock account), so the bill clears GRNI exactly.
 */
export async function makePurchaseInvoiceFromReceipt(s: Session, receiptId: string, opts: { postingDate?: string; billNo?: string; taxTemplate?: string } = {}): Promise<BaseRecord> {
  const grn = await getDoc(s, 'PurchaseReceipt', receiptId);
  const grni = stockAccount(s.settings, 'grni');
  const items = (grn.items as Lines).map((l) => ({ item: l.item, qty: l.qty, rate: l.rate, expenseAccount: grni, taxTemplate: opts.taxTemplate ?? '' }));
  // in the receipt's currency at the receipt's rate, so the bill clears GRNI exactly (./currency.ts)
  return createDoc(s, 'PurchaseInvoice', { supplier: grn.supplier, postingDate: opts.postingDate ?? grn.postingDate, billNo: opts.billNo ?? '', remarks: `${grn.number}`, currency: (grn.currency as string) || s.baseCurrency, exchangeRate: (grn.exchangeRate as string) || '1', items });
}

export interface MatchLine {
  line: number;
  item: string;
  ordered: string;
  received: string;
  billed: string;
  orderRate: number;
  billedRate: number | null;
  /** received = ordered */
  receivedOk: boolean;
  /** billed = received */
  billedOk: boolean;
  /** every bill line's rate = the order rate */
  priceOk: boolean;
}

/**
 * Three-way match of a purchase order: ordered vs received (order_progress) vs billed (purchase
 * invoices linked from its receipts through `purchaseInvoice`), per order line, in stock units.
 */
export async function threeWayMatch(s: Session, orderId: string): Promise<MatchLine[]> {
  const po = await getDoc(s, 'PurchaseOrder', orderId);
  const prog = await orderProgress(s, orderId);
  const receipts = (await s.db.t<BaseRecord>('purchase_receipts').where('purchaseOrder').equals(orderId).toArray()).filter((r) => r.status === 'submitted' && !r.isReturn);
  const billed = new Map<number, { qty: InstanceType<typeof D>; rates: number[] }>();
  const invoices = await s.db.t<BaseRecord>('purchase_invoices').bulkGet([...new Set(receipts.map((r) => r.purchaseInvoice as string).filter(Boolean))]);
  const inv = new Map(invoices.filter((i) => i && i.status === 'submitted').map((i) => [i!.id, i!]));
  for (const r of receipts) {
    const bill = inv.get(r.purchaseInvoice as string);
    if (!bill) continue;
    for (const l of r.items as Lines) {
      const bl = (bill.items as Lines).find((x) => x.item === l.item);
      if (!bl) continue;
      const b = billed.get(l.orderLine as number) ?? { qty: new D(0), rates: [] };
      b.qty = b.qty.add(l.stockQty as string);
      b.rates.push(bl.rate as number);
      billed.set(l.orderLine as number, b);
    }
  }
  return prog.map((p) => {
    const ol = (po.items as Lines)[p.line];
    const b = billed.get(p.line);
    return {
      line: p.line, item: p.item, ordered: p.qty, received: p.done, billed: b ? b.qty.toString() : '0', orderRate: ol.rate as number, billedRate: b?.rates[0] ?? null,
      receivedOk: new D(p.done).eq(p.qty), billedOk: (b?.qty ?? new D(0)).eq(p.done), priceOk: (b?.rates ?? []).every((r) => r === ol.rate),
    };
  });
}

export interface OpenOrder {
  id: string;
  number: string;
  /** Supplier or customer id. */
  party: string;
  date: string;
  /** Sum of open stock quantities over the order's lines. */
  openQty: string;
  lines: number;
}

/**
 * Submitted purchase or sales orders with something still to receive / deliver, newest first
 * (by the status index, then each order's progress rows by their docId index).
 */
export async function openOrders(s: Session, docType: 'PurchaseOrder' | 'SalesOrder', limit = 200): Promise<OpenOrder[]> {
  s.require(docType, 'read');
  const table = docType === 'PurchaseOrder' ? 'purchase_orders' : 'sales_orders';
  const orders = (await s.db.t<BaseRecord>(table).where('status').equals('submitted').toArray()).filter((o) => !o.deleted);
  orders.sort((a, b) => (a.number < b.number ? 1 : -1));
  const out: OpenOrder[] = [];
  for (const o of orders) {
    const prog = await orderProgress(s, o.id);
    const open = prog.reduce((x, p) => x.add(D.max(openQty(p), 0)), new D(0));
    if (!open.gt(0)) continue;
    out.push({ id: o.id, number: o.number, party: String(docType === 'PurchaseOrder' ? o.supplier : o.customer), date: String(o.transactionDate ?? ''), openQty: open.toString(), lines: prog.filter((p) => openQty(p).gt(0)).length });
    if (out.length >= limit) break;
  }
  return out;
}
