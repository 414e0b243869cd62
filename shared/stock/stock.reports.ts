/**
 * Stock reports. Every figure comes from the derived balance tables or through an index of the
 * ledger (never a scan of the whole ledger for a total):
 * - stock balance by warehouse: `stock_balances` by its warehouse index (+ reservations);
 * - stock ledger of an item: `stock_ledger` by [item+postingDate], keyset-paged;
 * - item movement history in one warehouse: [item+warehouse+seq];
 * - valuation: value per warehouse summed from `stock_balances`;
 * - stock ageing: the FIFO layers kept on each balance (moving-average items age from their
 *   last movement date, which is all a moving average remembers).
 */
import { D } from '../kernel/money';
import type { BaseRecord } from '../kernel/doctype';
import type { Session } from '../kernel/session';
import { BAL_TABLE, SLE_TABLE, type StockBalance, type StockLedgerRow } from './stock-ledger';
import { RES_TABLE, type Reservation } from './order-progress';

export interface StockBalanceRow {
  item: string;
  itemCode: string;
  itemName: string;
  uom: string;
  warehouse: string;
  warehouseName: string;
  qty: string;
  value: number;
  valuationRate: string;
  reserved: string;
  ordered: string;
  projected: string;
}

type NameCache = { version: number; rows: Map<string, BaseRecord | null> };
const nameCaches = new WeakMap<object, Map<string, NameCache>>();

/**
 * Records by id for report labels, cached per database and table until that table is written
 * (CompanyDb.tableVersion): a stock report over 50,000 items reads the balances, not 50,000
 * item records every time it is refreshed.
 */
async function cachedRecords(s: Session, table: string, ids: string[]): Promise<Map<string, BaseRecord>> {
  const perDb = nameCaches.get(s.db) ?? nameCaches.set(s.db, new Map()).get(s.db)!;
  const version = s.db.tableVersion(table);
  let cache = perDb.get(table);
  if (!cache || cache.version !== version) perDb.set(table, (cache = { version, rows: new Map() }));
  const missing = [...new Set(ids)].filter((id) => !cache.rows.has(id));
  if (missing.length) {
    const got = await s.db.t<BaseRecord>(table).bulkGet(missing);
    // a write during the read moved the version: keep the rows for this call only
    const keep = s.db.tableVersion(table) === version ? cache.rows : new Map(cache.rows);
    missing.forEach((id, i) => keep.set(id, got[i] ?? null));
    if (keep !== cache.rows) return new Map(ids.flatMap((id) => (keep.get(id) ? [[id, keep.get(id)!] as const] : [])));
  }
  return new Map(ids.flatMap((id) => (cache.rows.get(id) ? [[id, cache.rows.get(id)!] as const] : [])));
}

async function names(s: Session, items: string[], whs: string[]) {
  const [it, wh] = await Promise.all([cachedRecords(s, 'items', items), cachedRecords(s, 'warehouses', whs)]);
  return { items: it, warehouses: wh };
}

/**
 * Balances of one warehouse (or of every warehouse), with reserved / ordered / projected, and
 * the totals. `includeZero` keeps rows whose quantity is zero.
 */
export async function stockBalanceReport(s: Session, opts: { warehouse?: string; item?: string; includeZero?: boolean } = {}): Promise<{ rows: StockBalanceRow[]; totalValue: number }> {
  s.require('Warehouse', 'read');
  const t = s.db.t<StockBalance>(BAL_TABLE);
  let bals: StockBalance[];
  if (opts.warehouse && opts.item) bals = [(await t.get(`${opts.item}|${opts.warehouse}`))!].filter(Boolean);
  else if (opts.warehouse) bals = await t.where('warehouse').equals(opts.warehouse).toArray();
  else if (opts.item) bals = await t.where('item').equals(opts.item).toArray();
  else bals = await t.toArray();
  if (!opts.includeZero) bals = bals.filter((b) => b.value !== 0 || (b.qty !== '0' && !new D(b.qty).isZero()));
  // reservations by the same index as the balances: few rows hold any, so reading those beats
  // one point look-up per balance (50,000 look-ups at 50,000 items)
  const rt = s.db.t<Reservation>(RES_TABLE);
  const resRows = opts.warehouse && opts.item ? [await rt.get(`${opts.item}|${opts.warehouse}`)].filter((r): r is Reservation => !!r) : opts.warehouse ? await rt.where('warehouse').equals(opts.warehouse).toArray() : opts.item ? await rt.where('item').equals(opts.item).toArray() : await rt.toArray();
  const res = new Map(resRows.map((r) => [r.key, r]));
  const n = await names(s, bals.map((b) => b.item), bals.map((b) => b.warehouse));
  const rows = bals.map((b) => {
    const it = n.items.get(b.item);
    const r = res.get(b.key);
    const reserved = r?.reservedQty ?? '0';
    const ordered = r?.orderedQty ?? '0';
    // most rows have nothing reserved or on order: no decimal arithmetic for them
    const projected = reserved === '0' && ordered === '0' ? b.qty : new D(b.qty).add(ordered).sub(reserved).toString();
    return { item: b.item, itemCode: String(it?.itemCode ?? ''), itemName: String(it?.itemName ?? ''), uom: String(it?.uom ?? ''), warehouse: b.warehouse, warehouseName: String(n.warehouses.get(b.warehouse)?.warehouseName ?? ''), qty: b.qty, value: b.value, valuationRate: b.valuationRate, reserved, ordered, projected };
  });
  rows.sort((a, b) => (a.itemCode < b.itemCode ? -1 : a.itemCode > b.itemCode ? 1 : a.warehouseName < b.warehouseName ? -1 : 1));
  return { rows, totalValue: rows.reduce((x, r) => x + r.value, 0) };
}

/** One page of an item's stock ledger, oldest first, by [item+postingDate] (keyset on date+id). */
export async function itemStockLedger(s: Session, item: string, opts: { from?: string; to?: string; limit?: number; after?: [string, string] } = {}): Promise<{ rows: StockLedgerRow[]; next: [string, string] | null }> {
  s.require('Warehouse', 'read');
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 1000);
  const lo = opts.after ? opts.after[0] : (opts.from ?? '');
  const hi = opts.to ?? '\uffff';
  let coll = s.db.t<StockLedgerRow>(SLE_TABLE).where('[item+postingDate]').between([item, lo], [item, hi], true, true);
  if (opts.after) coll = coll.filter((r) => r.postingDate > opts.after![0] || r.id > opts.after![1]);
  const rows = await coll.limit(limit + 1).toArray();
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? [last.postingDate, last.id] : null };
}

/** Movement history of an item in one warehouse, newest first, by [item+warehouse+seq]. */
export async function itemMovements(s: Session, item: string, warehouse: string, limit = 100): Promise<StockLedgerRow[]> {
  s.require('Warehouse', 'read');
  return s.db.t<StockLedgerRow>(SLE_TABLE).where('[item+warehouse+seq]').between([item, warehouse, 0], [item, warehouse, Infinity]).reverse().limit(limit).toArray();
}

/** Stock value per warehouse and in total, from the balance table. */
export async function valuationReport(s: Session): Promise<{ warehouses: { warehouse: string; warehouseName: string; value: number; items: number }[]; totalValue: number }> {
  s.require('Warehouse', 'read');
  const per = new Map<string, { value: number; items: number }>();
  await s.db.t<StockBalance>(BAL_TABLE).each((b) => {
    const x = per.get(b.warehouse) ?? { value: 0, items: 0 };
    x.value += b.value;
    if (!new D(b.qty).isZero()) x.items += 1;
    per.set(b.warehouse, x);
  });
  const n = await names(s, [], [...per.keys()]);
  const warehouses = [...per].map(([w, x]) => ({ warehouse: w, warehouseName: String(n.warehouses.get(w)?.warehouseName ?? ''), ...x }));
  return { warehouses, totalValue: warehouses.reduce((a, w) => a + w.value, 0) };
}

export interface AgeingRow {
  item: string;
  itemCode: string;
  warehouse: string;
  /** qty per bucket: [0-30], [31-60], [61-90], [90+] days by default */
  qty: string[];
  value: number[];
}

function days(from: string, to: string): number {
  return Math.floor((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from || to}T00:00:00Z`)) / 86_400_000);
}

/** Stock ageing at `asOf` in buckets of days (upper bounds; a last open bucket is added). */
export async function stockAgeing(s: Session, asOf: string, bounds: number[] = [30, 60, 90], warehouse?: string): Promise<AgeingRow[]> {
  s.require('Warehouse', 'read');
  const t = s.db.t<StockBalance>(BAL_TABLE);
  const bals = (warehouse ? await t.where('warehouse').equals(warehouse).toArray() : await t.toArray()).filter((b) => new D(b.qty).gt(0));
  const n = await names(s, bals.map((b) => b.item), []);
  const bucket = (age: number) => {
    const i = bounds.findIndex((b) => age <= b);
    return i < 0 ? bounds.length : i;
  };
  return bals.map((b) => {
    const qty = Array.from({ length: bounds.length + 1 }, () => new D(0));
    const value = Array.from({ length: bounds.length + 1 }, () => 0);
    const layers = b.method === 'fifo' && b.queue.length ? b.queue : [{ qty: b.qty, value: b.value, date: b.lastDate }];
    for (const l of layers) {
      const k = bucket(days(l.date, asOf));
      qty[k] = qty[k].add(l.qty);
      value[k] += l.value;
    }
    return { item: b.item, itemCode: String(n.items.get(b.item)?.itemCode ?? ''), warehouse: b.warehouse, qty: qty.map((q) => q.toString()), value };
  });
}

export interface LowStockRow {
  item: string;
  itemCode: string;
  itemName: string;
  warehouse: string;
  warehouseName: string;
  qty: string;
  level: string;
}

/** Items whose stock on hand is at or below their reorder level, per warehouse (reorder levels x balance table). */
export async function lowStockItems(s: Session): Promise<LowStockRow[]> {
  s.require('Warehouse', 'read');
  const items = (await s.db.t<BaseRecord>('items').toArray()).filter((i) => !i.deleted && i.itemType === 'stock' && ((i.reorderLevels as unknown[]) ?? []).length);
  const wanted = items.flatMap((it) => (it.reorderLevels as { warehouse: string; level: string }[]).filter((l) => new D(l.level || '0').gt(0)).map((l) => ({ it, l })));
  const bals = await s.db.t<StockBalance>(BAL_TABLE).bulkGet(wanted.map((w) => `${w.it.id}|${w.l.warehouse}`));
  const n = await names(s, [], wanted.map((w) => w.l.warehouse));
  const rows: LowStockRow[] = [];
  wanted.forEach(({ it, l }, i) => {
    const qty = bals[i]?.qty ?? '0';
    if (new D(qty).lte(l.level)) rows.push({ item: it.id, itemCode: String(it.itemCode), itemName: String(it.itemName), warehouse: l.warehouse, warehouseName: String(n.warehouses.get(l.warehouse)?.warehouseName ?? ''), qty, level: String(l.level) });
  });
  return rows.sort((a, b) => (a.itemCode < b.itemCode ? -1 : 1));
}
