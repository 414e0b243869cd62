/**
 * The stock ledger: append-only `stock_ledger` rows (one per item x warehouse movement) and the
 * derived `stock_balances` (qty, value, rate and FIFO queue per item x warehouse), written in
 * the SAME transaction as the document that moves the stock.
 *
 * Invariants:
 * - A ledger row is never changed. Cancelling a voucher appends reversing rows (`reverseStock`)
 *   carrying the original posting date and exactly the opposite qty and value.
 * - For every item x warehouse, sum(row.qty) = balance.qty and sum(row.value) = balance.value,
 *   exactly (decimal strings and integer minor units). `verifyStock` proves it from the ledger.
 * - Negative stock is refused unless `settings.allowNegativeStock`; the refusal names the item,
 *   the warehouse and the quantity available (error.insufficient_stock). A back-dated issue must
 *   also find the stock at the end of its date and of every later date (lowestQtyFrom,
 *   error.insufficient_stock_on_date); a back-dated posting writes a `repost_needed` notice.
 * - Value-only rows (qty 0: landed costs, valuation reposts in ./repost.ts) change value, never qty.
 * - A cancelled receipt whose stock has since been issued is refused (error.stock_consumed).
 * - Quantities are in the item's stock unit, exact; conversion from document units happens in
 *   ./uom.ts before anything reaches this module.
 *
 * Every read and write goes through `ctx.t(...)` / `ctx.append(...)`: callers list LEDGER_TABLES
 * in their behaviour's `tables`.
 */
import { DomainError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import { D } from '../kernel/money';
import type { TxContext } from '../kernel/tx';
import type { Session } from '../kernel/session';
import type { BaseRecord } from '../kernel/doctype';
import { issue, receive, unreceive, revalue, rateOf, ShortageError, EMPTY_STATE, type Layer, type ValState, type ValuationMethod } from './valuation';
import { stockSettings } from './stock.settings';
import { trackBatchesAndSerials, BATCH_TABLE, SERIAL_TABLE } from './batch-serial';

export const SLE_TABLE = 'stock_ledger';
export const BAL_TABLE = 'stock_balances';
export const NOTIFY_TABLE = 'notifications';
/**
 * Tables a behaviour that posts stock must list (purchase orders and suppliers: the automatic
 * reorder hook may write a draft purchase order in the same transaction, ./auto-reorder.ts).
 */
export const LEDGER_TABLES = [SLE_TABLE, BAL_TABLE, BATCH_TABLE, SERIAL_TABLE, 'items', 'warehouses', NOTIFY_TABLE, 'purchase_orders', 'suppliers'] as const;

/**
 * Runs at the end of every posting and reversal, inside its transaction, after the balances and
 * low-stock notices are written: `touched` are the balances after, `before` their quantities
 * before. Registered by modules (automatic reorder drafts); reads and writes only through `ctx`.
 */
export type StockPostHook = (ctx: TxContext, cache: StockCache, touched: StockBalance[], before: Map<string, string>) => Promise<void>;
const postHooks: StockPostHook[] = [];

export function onStockPosted(hook: StockPostHook): void {
  if (!postHooks.includes(hook)) postHooks.push(hook);
}

export interface StockLedgerRow {
  id: string;
  item: string;
  warehouse: string;
  postingDate: string;
  /** Order of arrival per item x warehouse on this replica (1, 2, ...). */
  seq: number;
  /** Signed quantity in the stock unit: + in, - out. */
  qty: string;
  /** Minor units per stock unit after the movement (display). */
  valuationRate: string;
  /** Signed value of the movement, base-currency minor units. */
  value: number;
  balanceQty: string;
  balanceValue: number;
  voucherType: string;
  voucherId: string;
  voucherNumber: string;
  /** Index of the document line that caused the row (-1 for none). */
  line: number;
  isReversal: boolean;
  batch: string;
  serials: string[];
  /** Value-only rows of a landed cost: the receipt whose goods carry the value (indexed; absent otherwise). */
  againstVoucher?: string;
  /** Valuation repost rows (./repost.ts): the id of the ledger row whose value they correct. */
  adjusts?: string;
  branchId: string;
  createdAt: string;
}

export interface StockBalance {
  /** `${item}|${warehouse}` */
  key: string;
  item: string;
  warehouse: string;
  qty: string;
  value: number;
  valuationRate: string;
  method: ValuationMethod;
  queue: Layer[];
  seq: number;
  lastDate: string;
}

export interface StockVoucher {
  type: string;
  id: string;
  number: string;
  postingDate: string;
}

/** One movement asked of the ledger (quantities > 0 in the stock unit). */
export type StockMove =
  | { kind: 'in'; item: string; warehouse: string; qty: string; value: number; line?: number; batch?: string; layers?: Layer[]; expiryDate?: string; serials?: string[] }
  | { kind: 'out'; item: string; warehouse: string; qty: string; line?: number; batch?: string; serials?: string[] }
  | { kind: 'transfer'; item: string; from: string; to: string; qty: string; line?: number; batch?: string; serials?: string[] }
  /** Value only (qty 0): raise or lower the valuation; FIFO puts it on `againstVoucher`'s layers (./landed-cost.behaviour.ts). */
  | { kind: 'value'; item: string; warehouse: string; value: number; line?: number; againstVoucher?: string };

export function balanceKey(item: string, warehouse: string): string {
  return `${item}|${warehouse}`;
}

/** Reads items and warehouses once per posting, through the transaction. */
export class StockCache {
  readonly items = new Map<string, BaseRecord>();
  readonly warehouses = new Map<string, BaseRecord>();
  readonly balances = new Map<string, StockBalance>();
  constructor(readonly ctx: TxContext) {}

  async item(id: string): Promise<BaseRecord> {
    let it = this.items.get(id);
    if (!it) {
      it = await this.ctx.t<BaseRecord>('items').get(id);
      if (!it || it.deleted) throw new DomainError('error.link_missing', { docType: 'Item', value: id });
      this.items.set(id, it);
    }
    return it;
  }

  async warehouse(id: string): Promise<BaseRecord> {
    let w = this.warehouses.get(id);
    if (!w) {
      w = await this.ctx.t<BaseRecord>('warehouses').get(id);
      if (!w || w.deleted) throw new DomainError('error.link_missing', { docType: 'Warehouse', value: id });
      this.warehouses.set(id, w);
    }
    return w;
  }

  async balance(item: string, warehouse: string): Promise<StockBalance> {
    const key = balanceKey(item, warehouse);
    let b = this.balances.get(key);
    if (!b) {
      b = (await this.ctx.t<StockBalance>(BAL_TABLE).get(key)) ?? { key, item, warehouse, ...structuredClone(EMPTY_STATE), valuationRate: '0', method: 'moving_average', seq: 0, lastDate: '' };
      this.balances.set(key, b);
    }
    return b;
  }
}

/** The valuation method of an item: its own, else the company's. */
export function methodFor(item: BaseRecord, settings: Session['settings']): ValuationMethod {
  return ((item.valuationMethod as ValuationMethod) || stockSettings(settings).valuationMethod) ?? 'moving_average';
}

function stateOf(b: StockBalance, method: ValuationMethod): ValState {
  let queue = b.queue ?? [];
  // the method changed with stock on hand: FIFO starts from one layer of what is there
  if (method === 'fifo' && b.method !== 'fifo') queue = new D(b.qty).isZero() && b.value === 0 ? [] : [{ qty: b.qty, value: b.value, date: b.lastDate, voucherId: '' }];
  if (method !== 'fifo') queue = [];
  return { qty: b.qty, value: b.value, rate: b.valuationRate, queue };
}

async function label(cache: StockCache, item: string, warehouse: string): Promise<{ item: string; warehouse: string }> {
  const it = await cache.item(item);
  const w = await cache.warehouse(warehouse);
  return { item: `${it.itemCode} ${it.itemName}`, warehouse: String(w.warehouseName || w.warehouseCode) };
}

/**
 * Post `moves` for voucher `v`: ledger rows + balance updates + low-stock notifications, all in
 * the caller's transaction. Returns the rows written (their `value` is what the GL posts).
 */
export async function postStock(ctx: TxContext, v: StockVoucher, moves: StockMove[], cache = new StockCache(ctx)): Promise<StockLedgerRow[]> {
  const allowNeg = !!ctx.session.settings.allowNegativeStock;
  const rows: StockLedgerRow[] = [];
  const before = new Map<string, string>();
  const lastBefore = new Map<string, string>();
  const expiry = new Map<StockLedgerRow, string>();
  const row = async (item: string, warehouse: string, qtySigned: string, apply: (s: ValState, m: ValuationMethod) => { state: ValState; value: number; layers: Layer[] }, line: number, batch: string, serials: string[] = [], isReversal = false, againstVoucher?: string) => {
    const it = await cache.item(item);
    if (it.itemType !== 'stock') throw new DomainError('error.not_stock_item', { item: `${it.itemCode} ${it.itemName}` }, 'items.item', [{ code: 'error.not_stock_item', field: 'items.item', row: line, params: { item: `${it.itemCode} ${it.itemName}` } }]);
    const wh = await cache.warehouse(warehouse);
    if (wh.isGroup) throw new DomainError('error.warehouse_is_group', { warehouse: wh.warehouseName });
    const b = await cache.balance(item, warehouse);
    if (!before.has(b.key)) before.set(b.key, b.qty);
    if (!lastBefore.has(b.key)) lastBefore.set(b.key, b.lastDate);
    const method = methodFor(it, ctx.session.settings);
    let res;
    try {
      res = apply(stateOf(b, method), method);
    } catch (e) {
      if (e instanceof ShortageError) {
        const l = await label(cache, item, warehouse);
        throw new DomainError('error.insufficient_stock', { ...l, available: e.available, needed: e.needed }, 'items.qty', [{ code: 'error.insufficient_stock', field: 'items.qty', row: line >= 0 ? line : undefined, params: { ...l, available: e.available, needed: e.needed } }]);
      }
      throw e;
    }
    // back-dated issue: the stock must also have been there on that date and every date after it
    if (qtySigned.startsWith('-') && !allowNeg && v.postingDate < (lastBefore.get(b.key) ?? '')) {
      const low = await lowestQtyFrom(ctx, item, warehouse, v.postingDate, res.state.qty);
      if (low.qty.lt(0)) {
        const l = await label(cache, item, warehouse);
        const params = { ...l, date: low.date, available: low.qty.add(qtySigned.slice(1)).toString(), needed: qtySigned.slice(1) };
        throw new DomainError('error.insufficient_stock_on_date', params, 'items.qty', [{ code: 'error.insufficient_stock_on_date', field: 'items.qty', row: line >= 0 ? line : undefined, params }]);
      }
    }
    Object.assign(b, { qty: res.state.qty, value: res.state.value, valuationRate: res.state.rate, queue: res.state.queue, method, seq: b.seq + 1, lastDate: v.postingDate > b.lastDate ? v.postingDate : b.lastDate });
    const r: StockLedgerRow = {
      id: newId(), item, warehouse, postingDate: v.postingDate, seq: b.seq, qty: qtySigned, valuationRate: b.valuationRate, value: res.value,
      balanceQty: b.qty, balanceValue: b.value, voucherType: v.type, voucherId: v.id, voucherNumber: v.number, line, isReversal,
      batch, serials, ...(againstVoucher !== undefined ? { againstVoucher } : {}), branchId: ctx.session.branchId, createdAt: ctx.now,
    };
    rows.push(r);
    return res;
  };
  for (const m of moves) {
    if (m.kind === 'value') {
      const against = m.againstVoucher;
      const l = await label(cache, m.item, m.warehouse);
      await row(m.item, m.warehouse, '0', (s, meth) => {
        if (m.value === 0) return { state: s, value: 0, layers: [] };
        const r = revalue(meth, s, m.value, against || undefined);
        if (!r) throw new DomainError('error.revalue_no_stock', l);
        return r;
      }, m.line ?? -1, '', [], false, against ?? '');
      continue;
    }
    const q = new D(m.qty);
    if (!q.gt(0)) throw new DomainError('error.qty_zero', {}, 'items.qty');
    const line = m.line ?? -1;
    const batch = m.batch ?? '';
    const serials = m.serials ?? [];
    if (m.kind === 'in') {
      await row(m.item, m.warehouse, q.toString(), (s, meth) => receive(meth, s, q.toString(), m.value, v.postingDate, v.id, m.layers), line, batch, serials);
      if (m.expiryDate) expiry.set(rows[rows.length - 1], m.expiryDate);
    } else if (m.kind === 'out') await row(m.item, m.warehouse, q.neg().toString(), (s, meth) => issue(meth, s, q.toString(), allowNeg, v.postingDate), line, batch, serials);
    else {
      if (m.from === m.to) throw new DomainError('error.same_warehouse', {}, 'items.targetWarehouse');
      const out = await row(m.item, m.from, q.neg().toString(), (s, meth) => issue(meth, s, q.toString(), allowNeg, v.postingDate), line, batch, serials);
      // the value (and with FIFO, the layers with their dates) moves with the goods
      const layers = out.layers.map((l) => ({ ...l, voucherId: v.id }));
      await row(m.item, m.to, q.toString(), (s, meth) => receive(meth, s, q.toString(), -out.value, v.postingDate, v.id, meth === 'fifo' ? layers : undefined), line, batch, serials);
    }
  }
  await finish(ctx, cache, rows, before, expiry, lastBefore);
  return rows;
}

/**
 * Append rows reversing every original row of voucher `voucherId` (newest first), with the
 * original posting date. A receipt whose stock has gone refuses with error.stock_consumed.
 */
export async function reverseStock(ctx: TxContext, voucherId: string, cache = new StockCache(ctx)): Promise<StockLedgerRow[]> {
  const allowNeg = !!ctx.session.settings.allowNegativeStock;
  const originals = (await ctx.t<StockLedgerRow>(SLE_TABLE).where('voucherId').equals(voucherId).toArray()).filter((r) => !r.isReversal);
  originals.sort((a, b) => (a.id < b.id ? -1 : 1)); // ids are time-ordered and strictly increasing
  const rows: StockLedgerRow[] = [];
  const before = new Map<string, string>();
  const lastBefore = new Map<string, string>();
  for (const o of [...originals].reverse()) {
    const it = await cache.item(o.item);
    const b = await cache.balance(o.item, o.warehouse);
    if (!before.has(b.key)) before.set(b.key, b.qty);
    if (!lastBefore.has(b.key)) lastBefore.set(b.key, b.lastDate);
    const method = methodFor(it, ctx.session.settings);
    const st = stateOf(b, method);
    const q = new D(o.qty);
    let res;
    if (q.isZero()) {
      // a value-only row (landed cost): take the value back from what carries it
      const r = o.value === 0 ? { state: st, value: 0, layers: [] } : revalue(method, st, -o.value, o.againstVoucher || undefined);
      if (!r) throw new DomainError('error.revalue_no_stock', await label(cache, o.item, o.warehouse));
      res = r;
    } else if (q.gt(0)) {
      const r = unreceive(method, st, q.toString(), o.value, o.voucherId, allowNeg);
      if ('consumed' in r) {
        const l = await label(cache, o.item, o.warehouse);
        throw new DomainError('error.stock_consumed', { ...l, voucher: o.voucherNumber, qty: r.consumed, available: b.qty });
      }
      // a receipt dated before later movements: its stock must not have been needed on any date since
      if (!allowNeg && o.postingDate < (lastBefore.get(b.key) ?? '')) {
        const low = await lowestQtyFrom(ctx, o.item, o.warehouse, o.postingDate, r.state.qty);
        if (low.qty.lt(0)) {
          const l = await label(cache, o.item, o.warehouse);
          throw new DomainError('error.stock_consumed', { ...l, voucher: o.voucherNumber, qty: low.qty.neg().toString(), available: low.qty.add(q).toString() });
        }
      }
      res = r;
    } else {
      res = receive(method, st, q.neg().toString(), -o.value, o.postingDate, `${o.voucherId}:r`);
    }
    Object.assign(b, { qty: res.state.qty, value: res.state.value, valuationRate: res.state.rate, queue: res.state.queue, method, seq: b.seq + 1 });
    rows.push({ ...o, id: newId(), seq: b.seq, qty: q.neg().toString(), value: res.value, valuationRate: b.valuationRate, balanceQty: b.qty, balanceValue: b.value, isReversal: true, branchId: ctx.session.branchId, createdAt: ctx.now });
  }
  await finish(ctx, cache, rows, before, new Map(), lastBefore);
  return rows;
}

async function finish(ctx: TxContext, cache: StockCache, rows: StockLedgerRow[], before: Map<string, string>, expiry = new Map<StockLedgerRow, string>(), lastBefore = new Map<string, string>()): Promise<void> {
  if (rows.length === 0) return;
  if (rows.some((r) => r.batch || r.serials?.length)) {
    const tracked = rows.map((r) => ({ item: r.item, warehouse: r.warehouse, qty: r.qty, batch: r.batch, serials: r.serials ?? [], voucherId: r.voucherId, expiryDate: expiry.get(r), line: r.line }));
    await trackBatchesAndSerials(ctx, tracked, async (id) => { const it = await cache.item(id); return `${it.itemCode} ${it.itemName}`; });
  }
  await ctx.append(SLE_TABLE, rows as unknown as Record<string, unknown>[]);
  const touched = [...before.keys()].map((k) => cache.balances.get(k)!);
  await ctx.t(BAL_TABLE).bulkPut(touched as unknown as Record<string, unknown>[]);
  await lowStockNotices(ctx, cache, touched, before);
  await backdatedNotices(ctx, cache, rows, lastBefore);
  for (const hook of postHooks) await hook(ctx, cache, touched, before);
}

/**
 * A `low_stock` notification when a balance falls to or below the item's reorder level for that
 * warehouse (only on the crossing, so repeated issues do not flood the inbox).
 */
async function lowStockNotices(ctx: TxContext, cache: StockCache, touched: StockBalance[], before: Map<string, string>): Promise<void> {
  const notes: Record<string, unknown>[] = [];
  for (const b of touched) {
    const it = await cache.item(b.item);
    const lvl = ((it.reorderLevels as { warehouse: string; level: string; qty: string }[] | undefined) ?? []).find((r) => r.warehouse === b.warehouse);
    if (!lvl || new D(lvl.level || '0').lte(0)) continue;
    const was = new D(before.get(b.key) ?? '0');
    if (new D(b.qty).lte(lvl.level) && was.gt(lvl.level)) {
      const w = await cache.warehouse(b.warehouse);
      notes.push({ id: newId(), at: ctx.now, kind: 'low_stock', messageKey: 'notice.low_stock', params: { item: `${it.itemCode} ${it.itemName}`, itemId: it.id, warehouse: String(w.warehouseName), warehouseId: w.id, qty: b.qty, level: String(lvl.level) }, read: false, right: ['Warehouse', 'read'] });
    }
  }
  if (notes.length) await ctx.t(NOTIFY_TABLE).bulkAdd(notes);
}

/**
 * The lowest quantity item x warehouse holds at the end of `date` or of any later date, given
 * `qtyNow` (the balance including the movement being posted). Reads only the item's rows dated
 * after `date` through [item+postingDate] (every warehouse of the item; this one is kept).
 */
export async function lowestQtyFrom(ctx: TxContext, item: string, warehouse: string, date: string, qtyNow: string): Promise<{ qty: InstanceType<typeof D>; date: string }> {
  const later = (await ctx.t<StockLedgerRow>(SLE_TABLE).where('[item+postingDate]').between([item, date], [item, '\uffff'], false, true).toArray()).filter((r) => r.warehouse === warehouse);
  const byDate = new Map<string, InstanceType<typeof D>>();
  let sum = new D(0);
  for (const r of later) {
    byDate.set(r.postingDate, (byDate.get(r.postingDate) ?? new D(0)).add(r.qty));
    sum = sum.add(r.qty);
  }
  let run = new D(qtyNow).sub(sum);
  let low = { qty: run, date };
  for (const d of [...byDate.keys()].sort()) {
    run = run.add(byDate.get(d)!);
    if (run.lt(low.qty)) low = { qty: run, date: d };
  }
  return low;
}

/**
 * A `repost_needed` notification when a posting is dated before later movements of the same
 * item x warehouse: the values of the later issues were computed without it (./repost.ts
 * corrects them). Not repeated while an unread notice covers that item, warehouse and date.
 */
async function backdatedNotices(ctx: TxContext, cache: StockCache, rows: StockLedgerRow[], lastBefore: Map<string, string>): Promise<void> {
  const earliest = new Map<string, string>();
  for (const r of rows) {
    const k = balanceKey(r.item, r.warehouse);
    const last = lastBefore.get(k) ?? '';
    if (r.postingDate < last && (!earliest.has(k) || r.postingDate < earliest.get(k)!)) earliest.set(k, r.postingDate);
  }
  if (earliest.size === 0) return;
  const recent = await ctx.t<{ kind?: string; read?: boolean; readBy?: string[]; params?: { itemId?: string; warehouseId?: string; date?: string } }>(NOTIFY_TABLE).orderBy('at').reverse().limit(200).toArray();
  const notes: Record<string, unknown>[] = [];
  for (const [k, date] of earliest) {
    const [item, warehouse] = k.split('|');
    if (recent.some((n) => n.kind === 'repost_needed' && !n.read && !(n.readBy ?? []).length && n.params?.itemId === item && n.params?.warehouseId === warehouse && (n.params?.date ?? '') <= date)) continue;
    const l = await label(cache, item, warehouse);
    notes.push({ id: newId(), at: ctx.now, kind: 'repost_needed', messageKey: 'notice.repost_needed', params: { ...l, itemId: item, warehouseId: warehouse, date }, read: false, right: ['StockRepost', 'submit'] });
  }
  if (notes.length) await ctx.t(NOTIFY_TABLE).bulkAdd(notes);
}

export interface StockDifference {
  key: string;
  expected: { qty: string; value: number };
  actual: { qty: string; value: number };
}

/**
 * Recompute every balance from the ledger and compare with stock_balances (and, for FIFO
 * balances, with the sum of the queue). Empty = they agree. Read-only, one transaction.
 */
export async function verifyStock(s: Session): Promise<StockDifference[]> {
  s.require('Warehouse', 'read');
  return s.db.transaction('r', [SLE_TABLE, BAL_TABLE], async () => {
    const sums = new Map<string, { qty: ReturnType<typeof D.prototype.add>; value: number }>();
    await s.db.t<StockLedgerRow>(SLE_TABLE).each((r) => {
      const k = balanceKey(r.item, r.warehouse);
      const x = sums.get(k) ?? { qty: new D(0), value: 0 };
      x.qty = x.qty.add(r.qty);
      x.value += r.value;
      sums.set(k, x);
    });
    const bals = new Map((await s.db.t<StockBalance>(BAL_TABLE).toArray()).map((b) => [b.key, b]));
    const out: StockDifference[] = [];
    for (const key of new Set([...sums.keys(), ...bals.keys()])) {
      const e = sums.get(key) ?? { qty: new D(0), value: 0 };
      const a = bals.get(key);
      const aq = a?.qty ?? '0';
      const av = a?.value ?? 0;
      let ok = e.qty.eq(aq) && e.value === av;
      if (ok && a?.method === 'fifo') {
        const qq = a.queue.reduce((x, l) => x.add(l.qty), new D(0));
        const qv = a.queue.reduce((x, l) => x + l.value, 0);
        ok = qq.eq(aq) && qv === av;
      }
      if (!ok) out.push({ key, expected: { qty: e.qty.toString(), value: e.value }, actual: { qty: aq, value: av } });
    }
    return out;
  });
}

/** Current balance (qty, value, rate) of an item in a warehouse; zeros when never moved. */
export async function stockBalance(s: Session, item: string, warehouse: string): Promise<{ qty: string; value: number; valuationRate: string }> {
  const b = await s.db.t<StockBalance>(BAL_TABLE).get(balanceKey(item, warehouse));
  return { qty: b?.qty ?? '0', value: b?.value ?? 0, valuationRate: b?.valuationRate ?? '0' };
}

export { rateOf };
