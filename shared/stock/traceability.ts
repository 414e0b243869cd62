/**
 * Serial / batch traceability: where a serial number or a batch has been and where it is now.
 *
 * Read-only, through indexes only (never a scan of the ledger):
 * - the history comes from the stock ledger, whose rows carry `batch` and `serials`
 *   (`stock_ledger` indexes `batch` and multi-entry `*serials`), reversals included and marked;
 * - where a serial is now comes from the derived `stock_serials` (index `serial`): in stock in a
 *   warehouse (an in-transit warehouse = on its way to another branch), or gone with the document
 *   of its last movement — a delivery note (delivered to its customer), a purchase return (sent
 *   back to its supplier), a stock entry / count (issued);
 * - a batch's quantity per warehouse and its expiry come from the derived `stock_batches`
 *   (index `batch`).
 * The same number may exist for several items (two suppliers' lot "A1"): one trace per item.
 * The customer / supplier is named only to a user who may read that document type.
 */
import { DomainError } from '../kernel/errors';
import { D } from '../kernel/money';
import type { BaseRecord } from '../kernel/doctype';
import type { Session } from '../kernel/session';
import { SLE_TABLE, type StockLedgerRow } from './stock-ledger';
import { BATCH_TABLE, SERIAL_TABLE, type BatchBalance, type SerialState } from './batch-serial';
import './traceability.messages';

export interface TraceMovement {
  id: string;
  postingDate: string;
  voucherType: string;
  voucherId: string;
  voucherNumber: string;
  warehouse: string;
  warehouseName: string;
  /** Signed, in the stock unit: +1 / -1 for a serial, the row's quantity for a batch. */
  qty: string;
  direction: 'in' | 'out';
  /** A row appended by cancelling `voucherNumber`. */
  isReversal: boolean;
  batch: string;
}

export type SerialStatus = 'in_stock' | 'in_transit' | 'delivered' | 'returned' | 'issued' | 'out';

export interface TraceParty {
  docType: 'Customer' | 'Supplier';
  id: string;
  name: string;
}

export interface SerialTrace {
  item: string;
  itemCode: string;
  itemName: string;
  serial: string;
  /** Batch it came in with ('' = none). */
  batch: string;
  status: SerialStatus;
  /** In stock: the warehouse holding it; otherwise the warehouse it left. */
  warehouse: string;
  warehouseName: string;
  /** Not in stock: the document of its last movement. */
  lastVoucher?: { type: string; id: string; number: string };
  /** Delivered to / returned to (when the user may read that document). */
  party?: TraceParty;
  movements: TraceMovement[];
  truncated: boolean;
}

export interface BatchTrace {
  item: string;
  itemCode: string;
  itemName: string;
  batch: string;
  /** '' = no expiry. */
  expiryDate: string;
  /** In stock, all warehouses. */
  qty: string;
  warehouses: { warehouse: string; warehouseName: string; qty: string; expiryDate: string }[];
  movements: TraceMovement[];
  truncated: boolean;
}

export interface TraceResult {
  query: string;
  serials: SerialTrace[];
  batches: BatchTrace[];
}

/** History rows per trace at most (the newest beyond it are left out, `truncated` says so). */
export const TRACE_LIMIT = 500;

const byDate = (a: TraceMovement, b: TraceMovement) => (a.postingDate < b.postingDate ? -1 : a.postingDate > b.postingDate ? 1 : a.id < b.id ? -1 : 1);

async function recordsById(s: Session, table: string, ids: string[]): Promise<Map<string, BaseRecord>> {
  const uniq = [...new Set(ids.filter(Boolean))];
  const got = await s.db.t<BaseRecord>(table).bulkGet(uniq);
  return new Map(got.filter((r): r is BaseRecord => !!r).map((r) => [r.id, r]));
}

function movement(r: StockLedgerRow, qty: string, whs: Map<string, BaseRecord>): TraceMovement {
  const w = whs.get(r.warehouse);
  return {
    id: r.id, postingDate: r.postingDate, voucherType: r.voucherType, voucherId: r.voucherId, voucherNumber: r.voucherNumber,
    warehouse: r.warehouse, warehouseName: String(w?.warehouseName || w?.warehouseCode || ''), qty, direction: new D(qty).lt(0) ? 'out' : 'in', isReversal: !!r.isReversal, batch: r.batch ?? '',
  };
}

/** Who took a serial away with document `voucherId` of type `voucherType`, if the user may see it. */
async function partyOf(s: Session, voucherType: string, voucherId: string): Promise<TraceParty | undefined> {
  const src = voucherType === 'DeliveryNote' ? { table: 'delivery_notes', field: 'customer', party: 'customers', docType: 'Customer' as const, name: 'customerName' }
    : voucherType === 'PurchaseReceipt' ? { table: 'purchase_receipts', field: 'supplier', party: 'suppliers', docType: 'Supplier' as const, name: 'supplierName' } : undefined;
  if (!src || !s.can(voucherType, 'read')) return undefined;
  const doc = await s.db.t<BaseRecord>(src.table).get(voucherId);
  const id = doc?.[src.field] as string | undefined;
  if (!id) return undefined;
  const p = await s.db.t<BaseRecord>(src.party).get(id);
  return { docType: src.docType, id, name: String(p?.[src.name] ?? id) };
}

/**
 * Everything known about a serial number or batch number `query` (exact, trimmed): one
 * SerialTrace per item having that serial, one BatchTrace per item having that batch. Empty
 * lists = never seen. `error.trace_query_required` for an empty query.
 */
export async function traceNumber(s: Session, query: string, opts: { limit?: number } = {}): Promise<TraceResult> {
  s.require('Warehouse', 'read');
  const q = String(query ?? '').trim();
  if (!q) throw new DomainError('error.trace_query_required', {}, 'query');
  const limit = Math.min(Math.max(opts.limit ?? TRACE_LIMIT, 1), 5000);
  const sle = s.db.t<StockLedgerRow>(SLE_TABLE);
  const [states, serialPage, batchBals, batchPage] = await Promise.all([
    s.db.t<SerialState>(SERIAL_TABLE).where('serial').equals(q).toArray(),
    sle.where('serials').equals(q).limit(limit + 1).toArray(),
    s.db.t<BatchBalance>(BATCH_TABLE).where('batch').equals(q).toArray(),
    sle.where('batch').equals(q).limit(limit + 1).toArray(),
  ]);
  const serialRows = serialPage.slice(0, limit);
  const batchRows = batchPage.slice(0, limit);
  const allRows = [...serialRows, ...batchRows];
  const items = await recordsById(s, 'items', [...states.map((x) => x.item), ...batchBals.map((b) => b.item), ...allRows.map((r) => r.item)]);
  const whs = await recordsById(s, 'warehouses', [...states.map((x) => x.warehouse), ...batchBals.map((b) => b.warehouse), ...allRows.map((r) => r.warehouse)]);
  const itemInfo = (id: string) => ({ item: id, itemCode: String(items.get(id)?.itemCode ?? ''), itemName: String(items.get(id)?.itemName ?? '') });

  const serials: SerialTrace[] = [];
  const serialItems = [...new Set([...states.map((x) => x.item), ...serialRows.map((r) => r.item)])];
  for (const item of serialItems) {
    const rows = serialRows.filter((r) => r.item === item);
    const movements = rows.map((r) => movement(r, new D(r.qty).lt(0) ? '-1' : '1', whs)).sort(byDate);
    // the last movement on this replica: rows come in id (= posting) order
    const last = rows[rows.length - 1];
    const st = states.find((x) => x.item === item);
    const inStock = st ? st.inStock : !!last && new D(last.qty).gt(0);
    const warehouse = st?.warehouse ?? last?.warehouse ?? '';
    const w = whs.get(warehouse);
    const trace: SerialTrace = {
      ...itemInfo(item), serial: q, batch: st?.batch || rows.find((r) => new D(r.qty).gt(0))?.batch || '',
      status: inStock ? (w?.warehouseType === 'in_transit' ? 'in_transit' : 'in_stock') : 'out',
      warehouse, warehouseName: String(w?.warehouseName || w?.warehouseCode || ''), movements, truncated: serialPage.length > limit,
    };
    if (!inStock) {
      const voucherId = st?.voucherId ?? last?.voucherId ?? '';
      const ref = [...rows].reverse().find((r) => r.voucherId === voucherId) ?? last;
      if (ref) {
        trace.lastVoucher = { type: ref.voucherType, id: ref.voucherId, number: ref.voucherNumber };
        trace.status = ref.voucherType === 'DeliveryNote' ? 'delivered' : ref.voucherType === 'PurchaseReceipt' ? 'returned' : ref.voucherType === 'StockEntry' || ref.voucherType === 'StockCount' ? 'issued' : 'out';
        trace.party = await partyOf(s, ref.voucherType, ref.voucherId);
      }
    }
    serials.push(trace);
  }

  const batches: BatchTrace[] = [];
  const batchItems = [...new Set([...batchBals.map((b) => b.item), ...batchRows.map((r) => r.item)])];
  for (const item of batchItems) {
    const bals = batchBals.filter((b) => b.item === item);
    const held = bals.filter((b) => !new D(b.qty).isZero());
    batches.push({
      ...itemInfo(item), batch: q,
      expiryDate: bals.find((b) => b.expiryDate)?.expiryDate ?? '',
      qty: held.reduce((x, b) => x.add(b.qty), new D(0)).toString(),
      warehouses: held.map((b) => ({ warehouse: b.warehouse, warehouseName: String(whs.get(b.warehouse)?.warehouseName ?? ''), qty: b.qty, expiryDate: b.expiryDate })).sort((a, b) => (a.warehouseName < b.warehouseName ? -1 : 1)),
      movements: batchRows.filter((r) => r.item === item).map((r) => movement(r, r.qty, whs)).sort(byDate),
      truncated: batchPage.length > limit,
    });
  }
  const byItem = (a: { itemCode: string }, b: { itemCode: string }) => (a.itemCode < b.itemCode ? -1 : a.itemCode > b.itemCode ? 1 : 0);
  return { query: q, serials: serials.sort(byItem), batches: batches.sort(byItem) };
}
