/**
 * Picking list of a delivery note (draft or submitted) or of a submitted sales order's open
 * lines: what to take from which warehouse, in the order's unit and in the stock unit, with the
 * batch and serial numbers to pick. Read-only (a printout); nothing is reserved or written.
 *
 * - A line that already names its batch / serials shows them (a submitted delivery always does
 *   for tracked items).
 * - A batch item without a batch is split first-expired-first-out over the batches in stock in
 *   its warehouse (expired batches skipped, as `fefoBatches`), lines of the same item sharing the
 *   batches (a batch is not offered twice); what no batch can give is a line marked `short`.
 * - A serial item without serials gets the first serial numbers in stock in that warehouse
 *   (sorted), one per stock unit, marked as suggestions; fewer in stock -> `short`.
 * The model has no bin / shelf location below the warehouse, so the warehouse is the location.
 */
import { DomainError } from '../kernel/errors';
import { D } from '../kernel/money';
import type { BaseRecord } from '../kernel/doctype';
import type { Session } from '../kernel/session';
import { getDoc } from '../kernel/docs.service';
import { orderProgress, openQty } from './order-progress';
import { fromStockQty, toStockQty, uomFactor } from './uom';
import { BATCH_TABLE, SERIAL_TABLE, parseSerials, type BatchBalance, type SerialState } from './batch-serial';
import type { Line } from './stock.context';

export type PickingSource = 'DeliveryNote' | 'SalesOrder';

export interface PickLine {
  /** 1-based line number of the source document. */
  row: number;
  item: string;
  itemCode: string;
  itemName: string;
  itemNameZh: string;
  /** Quantity in the document line's unit (`uom`, the stock unit's name when the line has none); 12 decimals at most. */
  qty: string;
  uom: string;
  /**
   * The same as whole units of `uom` plus a rest in stock units, for a printout ("1 crate + 2
   * pcs"): `rest` is '0' when `qty` is a whole number of `uom` or `uom` is the stock unit.
   */
  whole: string;
  rest: string;
  stockQty: string;
  stockUom: string;
  warehouse: string;
  warehouseName: string;
  batch: string;
  expiryDate: string;
  /** The batch was chosen here (FEFO), not on the document. */
  batchSuggested: boolean;
  serials: string[];
  serialsSuggested: boolean;
  /** No batch / serial in stock covers this quantity: to sort out before shipping. */
  short: boolean;
}

export interface PickingList {
  docType: PickingSource;
  id: string;
  number: string;
  status: string;
  date: string;
  customer: string;
  customerName: string;
  company: string;
  remarks: string;
  lines: PickLine[];
}

type Dec = InstanceType<typeof D>;

export async function pickingList(s: Session, docType: PickingSource, id: string, opts: { asOf?: string } = {}): Promise<PickingList> {
  const doc = await getDoc(s, docType, id);
  if (doc.status === 'cancelled' || doc.isReturn || (docType === 'SalesOrder' && doc.status !== 'submitted')) throw new DomainError('error.picking_list_unavailable', { number: doc.number });
  const asOf = opts.asOf ?? ((docType === 'DeliveryNote' && (doc.postingDate as string)) || s.localDate());
  const src = (doc.items as Line[] | undefined) ?? [];
  // what to pick per source line, in stock units
  let wanted: { row: number; l: Line; stockQty: string }[];
  if (docType === 'SalesOrder') {
    const prog = await orderProgress(s, id);
    wanted = prog.filter((p) => openQty(p).gt(0)).map((p) => ({ row: p.line, l: src[p.line], stockQty: openQty(p).toString() }));
  } else wanted = src.map((l, row) => ({ row, l, stockQty: (l.stockQty as string) || '' }));
  const items = new Map((await s.db.t<BaseRecord>('items').bulkGet([...new Set(wanted.map((w) => w.l.item as string))])).filter(Boolean).map((i) => [i!.id, i!]));
  const whIds = [...new Set(wanted.map((w) => (w.l.warehouse as string) || (doc.warehouse as string)).filter(Boolean))];
  const whs = new Map((await s.db.t<BaseRecord>('warehouses').bulkGet(whIds)).filter(Boolean).map((w) => [w!.id, w!]));
  const usedBatch = new Map<string, Dec>();
  const usedSerial = new Set<string>();
  const lines: PickLine[] = [];
  for (const w of wanted) {
    const it = items.get(w.l.item as string);
    if (!it) continue;
    const wh = (w.l.warehouse as string) || (doc.warehouse as string) || '';
    const lineUom = (w.l.uom as string) || '';
    let stockQty = w.stockQty;
    if (!stockQty) {
      try {
        stockQty = toStockQty(it, (w.l.qty as string) || '0', lineUom).stockQty;
      } catch {
        stockQty = (w.l.qty as string) || '0';
      }
    }
    const inUnit = (q: string) => {
      try {
        return fromStockQty(it, q, lineUom);
      } catch {
        return q;
      }
    };
    const split = (q: string) => {
      let f = new D(1);
      try {
        f = new D(uomFactor(it, lineUom));
      } catch {
        /* a unit removed from the item since: show stock units */
      }
      const whole = new D(q).div(f).floor();
      return { qty: inUnit(q), whole: whole.toString(), rest: new D(q).sub(whole.mul(f)).toString() };
    };
    const base: PickLine = {
      row: w.row + 1, item: it.id, itemCode: it.itemCode as string, itemName: it.itemName as string, itemNameZh: (it.itemNameZh as string) || '',
      ...split(stockQty), uom: lineUom || (it.uom as string), stockQty, stockUom: it.uom as string,
      warehouse: wh, warehouseName: (whs.get(wh)?.warehouseName as string) || '', batch: (w.l.batch as string) || '', expiryDate: '', batchSuggested: false,
      serials: parseSerials(w.l.serials), serialsSuggested: false, short: false,
    };
    if (base.batch) {
      const b = await s.db.t<BatchBalance>(BATCH_TABLE).get(`${it.id}|${wh}|${base.batch}`);
      base.expiryDate = b?.expiryDate ?? '';
    }
    const parts: PickLine[] = [];
    if (it.hasBatch && !base.batch) {
      const rows = (await s.db.t<BatchBalance>(BATCH_TABLE).where('[item+warehouse]').equals([it.id, wh]).toArray()).filter((b) => !b.expiryDate || !asOf || b.expiryDate >= asOf);
      rows.sort((a, b) => ((a.expiryDate || '9999') !== (b.expiryDate || '9999') ? ((a.expiryDate || '9999') < (b.expiryDate || '9999') ? -1 : 1) : a.batch < b.batch ? -1 : 1));
      let left = new D(stockQty);
      for (const b of rows) {
        if (!left.gt(0)) break;
        const avail = new D(b.qty).sub(usedBatch.get(b.key) ?? 0);
        if (!avail.gt(0)) continue;
        const take = D.min(left, avail) as Dec;
        usedBatch.set(b.key, (usedBatch.get(b.key) ?? new D(0)).add(take));
        left = left.sub(take);
        parts.push({ ...base, ...split(take.toString()), stockQty: take.toString(), batch: b.batch, expiryDate: b.expiryDate, batchSuggested: true });
      }
      if (left.gt(0)) parts.push({ ...base, ...split(left.toString()), stockQty: left.toString(), short: true });
    } else parts.push(base);
    if (it.hasSerial) {
      for (const p of parts) {
        if (p.serials.length || p.short) continue;
        const need = new D(p.stockQty);
        if (!need.isInteger() || !need.gt(0)) continue;
        const inStock = (await s.db.t<SerialState>(SERIAL_TABLE).where('item').equals(it.id).toArray()).filter((x) => x.inStock && x.warehouse === wh && !usedSerial.has(x.key)).map((x) => x.serial).sort();
        const pick = inStock.slice(0, need.toNumber());
        pick.forEach((sn) => usedSerial.add(`${it.id}|${sn}`));
        p.serials = pick;
        p.serialsSuggested = true;
        if (pick.length < need.toNumber()) p.short = true;
      }
    }
    lines.push(...parts);
  }
  const customer = await s.db.t<BaseRecord>('customers').get(doc.customer as string);
  return {
    docType, id: doc.id, number: doc.number, status: doc.status,
    date: ((docType === 'DeliveryNote' ? doc.postingDate : doc.deliveryDate || doc.transactionDate) as string) || '',
    customer: doc.customer as string, customerName: (customer?.customerName as string) || '', company: s.settings.name as string, remarks: (doc.remarks as string) || '', lines,
  };
}
