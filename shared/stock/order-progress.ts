/**
 * Derived progress of order-like documents, kept in the posting transaction:
 *
 * - `order_progress`: per document line (`${docId}|${line}`) the stock quantity ordered and the
 *   quantity done against it (received for a purchase order, delivered for a sales order,
 *   returned for a receipt or delivery, received for an in-transit send). Submitted documents
 *   never change, so this is where "received 30 of 50" lives.
 * - `stock_reservations`: per item x warehouse the quantity reserved by open sales orders and the
 *   quantity still ordered from suppliers: projected = on hand + ordered - reserved.
 *
 * Both are derived (never replicated) and rebuildable from the documents.
 */
import { D } from '../kernel/money';
import type { TxContext } from '../kernel/tx';
import type { Session } from '../kernel/session';
import Decimal from 'decimal.js';

export const PROGRESS_TABLE = 'order_progress';
export const RES_TABLE = 'stock_reservations';

export interface OrderProgress {
  key: string;
  docId: string;
  line: number;
  item: string;
  warehouse: string;
  /** Ordered quantity, stock unit. */
  qty: string;
  /** Done against it (received / delivered / returned), stock unit. */
  done: string;
}

export interface Reservation {
  /** `${item}|${warehouse}` */
  key: string;
  item: string;
  warehouse: string;
  reservedQty: string;
  orderedQty: string;
}

export function progressKey(docId: string, line: number): string {
  return `${docId}|${line}`;
}

/** What is still open on a line: max(0, qty - done). */
export function openQty(p: Pick<OrderProgress, 'qty' | 'done'>): Decimal {
  return Decimal.max(new D(0), new D(p.qty).sub(p.done)) as Decimal;
}

export async function startProgress(ctx: TxContext, rows: Omit<OrderProgress, 'key' | 'done'>[]): Promise<void> {
  await ctx.t(PROGRESS_TABLE).bulkPut(rows.map((r) => ({ ...r, key: progressKey(r.docId, r.line), done: '0' })));
}

export async function getProgress(ctx: TxContext, docId: string, line: number): Promise<OrderProgress | undefined> {
  return ctx.t<OrderProgress>(PROGRESS_TABLE).get(progressKey(docId, line));
}

export async function progressOf(ctx: TxContext, docId: string): Promise<OrderProgress[]> {
  return ctx.t<OrderProgress>(PROGRESS_TABLE).where('docId').equals(docId).toArray();
}

/**
 * Add `delta` (may be negative) to a line's done quantity; returns the change of its OPEN
 * quantity (what reservations and ordered quantities move by).
 */
export async function addDone(ctx: TxContext, docId: string, line: number, delta: Decimal.Value): Promise<{ before: OrderProgress; openDelta: Decimal }> {
  const t = ctx.t<OrderProgress>(PROGRESS_TABLE);
  const p = await t.get(progressKey(docId, line));
  if (!p) throw new Error(`order_progress ${docId}|${line} missing`);
  const next = { ...p, done: new D(p.done).add(delta).toString() };
  await t.put(next);
  return { before: p, openDelta: openQty(next).sub(openQty(p)) };
}

/** Move the reserved and/or ordered quantity of an item x warehouse. */
export async function adjustReservation(ctx: TxContext, item: string, warehouse: string, d: { reserved?: Decimal.Value; ordered?: Decimal.Value }): Promise<void> {
  const t = ctx.t<Reservation>(RES_TABLE);
  const key = `${item}|${warehouse}`;
  const r = (await t.get(key)) ?? { key, item, warehouse, reservedQty: '0', orderedQty: '0' };
  await t.put({ ...r, reservedQty: new D(r.reservedQty).add(d.reserved ?? 0).toString(), orderedQty: new D(r.orderedQty).add(d.ordered ?? 0).toString() });
}

export async function reservation(s: Session, item: string, warehouse: string): Promise<{ reservedQty: string; orderedQty: string }> {
  const r = await s.db.t<Reservation>(RES_TABLE).get(`${item}|${warehouse}`);
  return { reservedQty: r?.reservedQty ?? '0', orderedQty: r?.orderedQty ?? '0' };
}

/** Order progress of every line of a document (outside a transaction; UI and reports). */
export async function orderProgress(s: Session, docId: string): Promise<OrderProgress[]> {
  const rows = await s.db.t<OrderProgress>(PROGRESS_TABLE).where('docId').equals(docId).toArray();
  return rows.sort((a, b) => a.line - b.line);
}
