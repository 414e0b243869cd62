/**
 * Batches (lot numbers with an expiry date) and serial numbers.
 *
 * Both are bookkeeping beside the stock ledger, written by `postStock` / `reverseStock` in the
 * SAME transaction from the ledger rows they append (a row's `batch` and `serials`), so every
 * document that moves stock keeps them current, reversals included:
 * - `stock_batches` (derived): qty per item x warehouse x batch, with the batch's expiry date
 *   (taken from the receipt line that first brought the batch). A batch never goes negative
 *   (error.batch_insufficient), whatever the negative-stock setting: a batch is a physical lot.
 * - `stock_serials` (derived): per item x serial, where it is and whether it is in stock. A
 *   serial comes in only when it is not in stock anywhere (error.serial_in_stock) and goes out
 *   only from the warehouse that holds it (error.serial_not_available: never received, or
 *   delivered already).
 * Both can be rebuilt from the ledger (rows carry batch and serials); the expiry date comes
 * from the receipt lines (a batch arriving in a new warehouse by transfer takes the expiry the
 * batch already has elsewhere). `verifyBatchesAndSerials` replays the ledger and proves the two
 * tables agree with it.
 *
 * Friendlier refusals than the tracker's, naming the warehouse and the document that moved a
 * serial, are checked BEFORE posting by `checkSerialsIn` / `checkTrackedOut` (stock entries and
 * counts) and `checkReversible` (cancelling): the tracker stays the last guard.
 *
 * `fefoBatches` is the read service of "first expired, first out": the batches of an item in a
 * warehouse with stock, earliest expiry first (no expiry last), expired ones left out unless
 * asked, and how much of a quantity each should give.
 */
import { DomainError, type FieldIssue } from '../kernel/errors';
import { D } from '../kernel/money';
import type { TxContext } from '../kernel/tx';
import type { Session } from '../kernel/session';
import type { BaseRecord } from '../kernel/doctype';

export const BATCH_TABLE = 'stock_batches';
export const SERIAL_TABLE = 'stock_serials';

export interface BatchBalance {
  /** `${item}|${warehouse}|${batch}` */
  key: string;
  item: string;
  warehouse: string;
  batch: string;
  qty: string;
  /** 'YYYY-MM-DD' or '' (no expiry). */
  expiryDate: string;
}

export interface SerialState {
  /** `${item}|${serial}` */
  key: string;
  item: string;
  serial: string;
  warehouse: string;
  inStock: boolean;
  /** Voucher of the last movement. */
  voucherId: string;
  /** Batch the serial came in with ('' or absent: none / recorded before batches were kept). */
  batch?: string;
  /** When the last movement was posted (its ledger row's createdAt): orders replicated rows. */
  at?: string;
}

/** What the ledger hands over: one row's item, warehouse, signed qty, batch and serials. */
export interface TrackedRow {
  item: string;
  warehouse: string;
  qty: string;
  batch: string;
  serials: string[];
  voucherId: string;
  /** Expiry date of the batch, for rows that bring a batch in. */
  expiryDate?: string;
  line: number;
}

/** Split a serials cell ("SN1, SN2\nSN3") into unique trimmed serial numbers. */
export function parseSerials(text: unknown): string[] {
  if (Array.isArray(text)) return text.map(String).map((x) => x.trim()).filter(Boolean);
  return String(text ?? '').split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);
}

function lineIssue(code: string, row: number, params: Record<string, unknown>, field: string): DomainError {
  return new DomainError(code, params, field, [{ code, field, row: row >= 0 ? row : undefined, params }]);
}

/** The expiry an item's batch already has in some warehouse ('' = none known). */
async function knownExpiry(ctx: TxContext, item: string, batch: string, pending: Map<string, BatchBalance>): Promise<string> {
  for (const b of pending.values()) if (b.item === item && b.batch === batch && b.expiryDate) return b.expiryDate;
  const rows = await ctx.t<BatchBalance>(BATCH_TABLE).where('[item+batch]').equals([item, batch]).toArray();
  return rows.find((b) => b.expiryDate)?.expiryDate ?? '';
}

/** Update batch balances and serial states for ledger rows (in the caller's transaction). */
export async function trackBatchesAndSerials(ctx: TxContext, rows: TrackedRow[], label: (item: string) => Promise<string>): Promise<void> {
  const batches = new Map<string, BatchBalance>();
  const serials = new Map<string, SerialState>();
  for (const r of rows) {
    if (r.batch) {
      const key = `${r.item}|${r.warehouse}|${r.batch}`;
      let b = batches.get(key) ?? (await ctx.t<BatchBalance>(BATCH_TABLE).get(key));
      b ??= { key, item: r.item, warehouse: r.warehouse, batch: r.batch, qty: '0', expiryDate: r.expiryDate || (await knownExpiry(ctx, r.item, r.batch, batches)) };
      if (!b.expiryDate && r.expiryDate) b.expiryDate = r.expiryDate;
      const q = new D(b.qty).add(r.qty);
      if (q.lt(0)) throw lineIssue('error.batch_insufficient', r.line, { batch: r.batch, item: await label(r.item), available: b.qty, needed: new D(r.qty).neg().toString() }, 'items.batch');
      b.qty = q.toString();
      batches.set(key, b);
    }
    const incoming = new D(r.qty).gt(0);
    for (const sn of r.serials) {
      const key = `${r.item}|${sn}`;
      const cur = serials.get(key) ?? (await ctx.t<SerialState>(SERIAL_TABLE).get(key));
      if (incoming) {
        if (cur?.inStock) throw lineIssue('error.serial_in_stock', r.line, { serial: sn, item: await label(r.item) }, 'items.serials');
      } else if (!cur || !cur.inStock || cur.warehouse !== r.warehouse) {
        throw lineIssue('error.serial_not_available', r.line, { serial: sn, item: await label(r.item) }, 'items.serials');
      }
      serials.set(key, { key, item: r.item, serial: sn, warehouse: r.warehouse, inStock: incoming, voucherId: r.voucherId, batch: incoming ? r.batch : (r.batch || cur?.batch || ''), at: ctx.now });
    }
  }
  if (batches.size) await ctx.t(BATCH_TABLE).bulkPut([...batches.values()] as unknown as Record<string, unknown>[]);
  if (serials.size) await ctx.t(SERIAL_TABLE).bulkPut([...serials.values()] as unknown as Record<string, unknown>[]);
}

/**
 * Lines of a receipt or delivery for batch / serial items: a batch item needs a batch, a serial
 * item exactly one serial per stock unit, no serial twice in the document. Collects issues.
 */
export function batchSerialIssues(lines: Record<string, unknown>[], items: Map<string, BaseRecord>, issues: FieldIssue[]): void {
  const seen = new Set<string>();
  lines.forEach((l, row) => {
    const it = items.get(l.item as string);
    if (!it) return;
    if (it.hasBatch && !String(l.batch ?? '').trim()) issues.push({ code: 'error.batch_required', field: 'items.batch', row, params: { item: `${it.itemCode} ${it.itemName}` } });
    if (!it.hasBatch && String(l.batch ?? '').trim()) issues.push({ code: 'error.batch_not_tracked', field: 'items.batch', row, params: { item: `${it.itemCode} ${it.itemName}` } });
    const sns = parseSerials(l.serials);
    if (it.hasSerial) {
      if (!new D(sns.length).eq((l.stockQty as string) || '0')) issues.push({ code: 'error.serial_count', field: 'items.serials', row, params: { item: `${it.itemCode} ${it.itemName}`, qty: l.stockQty, count: sns.length } });
      for (const sn of sns) {
        if (seen.has(`${it.id}|${sn}`)) issues.push({ code: 'error.serial_duplicate', field: 'items.serials', row, params: { serial: sn } });
        seen.add(`${it.id}|${sn}`);
      }
    } else if (sns.length) issues.push({ code: 'error.serial_not_tracked', field: 'items.serials', row, params: { item: `${it.itemCode} ${it.itemName}` } });
  });
}

export interface FefoPick {
  batch: string;
  expiryDate: string;
  /** In stock in the warehouse. */
  available: string;
  /** How much of the asked quantity to take from this batch. */
  take: string;
}

/**
 * FEFO suggestion: batches of `item` in `warehouse` with stock, earliest expiry first (batches
 * without expiry last, then by batch number), skipping batches expired before `asOf` unless
 * `includeExpired`. `take` fills `qty` in that order; `short` is what the batches cannot give.
 */
export async function fefoBatches(s: Session, item: string, warehouse: string, qty: string, opts: { asOf?: string; includeExpired?: boolean } = {}): Promise<{ picks: FefoPick[]; short: string }> {
  s.require('Warehouse', 'read');
  const asOf = opts.asOf ?? s.localDate();
  const rows = (await s.db.t<BatchBalance>(BATCH_TABLE).where('[item+warehouse]').equals([item, warehouse]).toArray())
    .filter((b) => new D(b.qty).gt(0) && (opts.includeExpired || !b.expiryDate || b.expiryDate >= asOf));
  rows.sort((a, b) => (a.expiryDate || '9999') < (b.expiryDate || '9999') ? -1 : (a.expiryDate || '9999') > (b.expiryDate || '9999') ? 1 : a.batch < b.batch ? -1 : 1);
  let left = new D(qty);
  const picks = rows.map((b) => {
    const take = D.min(left, b.qty);
    left = left.sub(take);
    return { batch: b.batch, expiryDate: b.expiryDate, available: b.qty, take: take.toString() };
  });
  return { picks, short: left.toString() };
}

/** Batch balances of an item (all warehouses), for screens. */
export async function batchBalances(s: Session, item: string): Promise<BatchBalance[]> {
  s.require('Warehouse', 'read');
  return (await s.db.t<BatchBalance>(BATCH_TABLE).where('item').equals(item).toArray()).filter((b) => !new D(b.qty).isZero());
}

/** Where a serial number is (undefined = never received). */
export async function serialState(s: Session, item: string, serial: string): Promise<SerialState | undefined> {
  s.require('Warehouse', 'read');
  return s.db.t<SerialState>(SERIAL_TABLE).get(`${item}|${serial}`);
}

// ---------------------------------------------------------------------------------------------
// Checks before posting (stock entries, stock counts, cancellations): the same rules as the
// tracker, with messages that name the warehouse and the document that moved a serial.

/** `ITEM-CODE Item name`, the way every stock message names an item. */
export function itemLabel(it: BaseRecord): string {
  return `${it.itemCode} ${it.itemName}`;
}

async function warehouseName(ctx: TxContext, id: string): Promise<string> {
  const w = id ? await ctx.t<BaseRecord>('warehouses').get(id) : undefined;
  return String(w?.warehouseName || w?.warehouseCode || id);
}

/** `Delivery note SH-DN-2026-00001`-style reference of a voucher: its type and number (from its ledger rows). */
async function voucherRef(ctx: TxContext, voucherId: string): Promise<{ voucherType: string; voucher: string }> {
  const r = await ctx.t<{ voucherType: string; voucherNumber: string }>('stock_ledger').where('voucherId').equals(voucherId).first();
  return { voucherType: r?.voucherType ?? '', voucher: r?.voucherNumber ?? voucherId };
}

/** Serials of an item in stock in a warehouse (and, when `batch` is given, of that batch). */
export async function serialsInStock(ctx: TxContext, item: string, warehouse: string, batch = ''): Promise<SerialState[]> {
  const rows = await ctx.t<SerialState>(SERIAL_TABLE).where('[item+warehouse]').equals([item, warehouse]).toArray();
  return rows.filter((r) => r.inStock && (!batch || (r.batch ?? '') === batch)).sort((a, b) => (a.serial < b.serial ? -1 : a.serial > b.serial ? 1 : 0));
}

function refuse(code: string, row: number, params: Record<string, unknown>, field: string): never {
  throw lineIssue(code, row, params, field);
}

/** Serials about to come in: none may be in stock anywhere (error.serial_in_stock_at names where it is). */
export async function checkSerialsIn(ctx: TxContext, lines: { row: number; item: BaseRecord; serials: string[] }[]): Promise<void> {
  for (const l of lines) {
    for (const sn of l.serials) {
      const cur = await ctx.t<SerialState>(SERIAL_TABLE).get(`${l.item.id}|${sn}`);
      if (cur?.inStock) refuse('error.serial_in_stock_at', l.row, { serial: sn, item: itemLabel(l.item), warehouse: await warehouseName(ctx, cur.warehouse) }, 'items.serials');
    }
  }
}

/** Why a serial is not in `warehouse`: never received, in another warehouse, or gone with a voucher. */
async function serialAbsence(ctx: TxContext, cur: SerialState | undefined, sn: string, it: BaseRecord, warehouse: string, row: number): Promise<never> {
  const base = { serial: sn, item: itemLabel(it), warehouse: await warehouseName(ctx, warehouse) };
  if (!cur) refuse('error.serial_never_received', row, base, 'items.serials');
  if (cur.inStock) refuse('error.serial_elsewhere', row, { ...base, location: await warehouseName(ctx, cur.warehouse) }, 'items.serials');
  refuse('error.serial_gone', row, { ...base, ...(await voucherRef(ctx, cur.voucherId)) }, 'items.serials');
}

/**
 * Quantities about to leave warehouses: every serial must be in stock in its source warehouse,
 * and a batch cannot give more than it holds there (lines of one item x warehouse x batch summed).
 */
export async function checkTrackedOut(ctx: TxContext, outs: { row: number; item: BaseRecord; warehouse: string; batch: string; qty: string; serials: string[] }[]): Promise<void> {
  const need = new Map<string, { row: number; item: BaseRecord; warehouse: string; batch: string; qty: InstanceType<typeof D> }>();
  for (const o of outs) {
    for (const sn of o.serials) {
      const cur = await ctx.t<SerialState>(SERIAL_TABLE).get(`${o.item.id}|${sn}`);
      if (!cur || !cur.inStock || cur.warehouse !== o.warehouse) await serialAbsence(ctx, cur, sn, o.item, o.warehouse, o.row);
    }
    if (!o.batch) continue;
    const key = `${o.item.id}|${o.warehouse}|${o.batch}`;
    const n = need.get(key) ?? { row: o.row, item: o.item, warehouse: o.warehouse, batch: o.batch, qty: new D(0) };
    n.qty = n.qty.add(o.qty);
    need.set(key, n);
  }
  for (const [key, n] of need) {
    const have = (await ctx.t<BatchBalance>(BATCH_TABLE).get(key))?.qty ?? '0';
    if (n.qty.gt(have)) refuse('error.batch_short', n.row, { batch: n.batch, item: itemLabel(n.item), warehouse: await warehouseName(ctx, n.warehouse), available: have, needed: n.qty.toString() }, 'items.batch');
  }
}

/**
 * Before cancelling voucher `voucherId` (number `number`): what it brought in must still be
 * where it brought it — each serial in stock in that warehouse (else error.serial_moved names the
 * document that took it), each batch holding at least what the voucher added there
 * (error.batch_moved).
 */
export async function checkReversible(ctx: TxContext, voucherId: string, number: string): Promise<void> {
  const rows = (await ctx.t<{ item: string; warehouse: string; qty: string; batch: string; serials?: string[]; isReversal: boolean; line: number }>('stock_ledger').where('voucherId').equals(voucherId).toArray()).filter((r) => !r.isReversal);
  const added = new Map<string, { item: string; warehouse: string; batch: string; qty: InstanceType<typeof D>; line: number }>();
  for (const r of rows) {
    if (r.batch) {
      const key = `${r.item}|${r.warehouse}|${r.batch}`;
      const a = added.get(key) ?? { item: r.item, warehouse: r.warehouse, batch: r.batch, qty: new D(0), line: r.line };
      a.qty = a.qty.add(r.qty);
      added.set(key, a);
    }
    if (!new D(r.qty).gt(0)) continue;
    for (const sn of r.serials ?? []) {
      const cur = await ctx.t<SerialState>(SERIAL_TABLE).get(`${r.item}|${sn}`);
      if (cur?.inStock && cur.warehouse === r.warehouse) continue;
      const it = await ctx.t<BaseRecord>('items').get(r.item);
      const by = cur ? await voucherRef(ctx, cur.voucherId) : { voucherType: '', voucher: '' };
      refuse('error.serial_moved', r.line, { number, serial: sn, item: it ? itemLabel(it) : r.item, warehouse: await warehouseName(ctx, r.warehouse), ...by }, 'items.serials');
    }
  }
  for (const [key, a] of added) {
    if (!a.qty.gt(0)) continue;
    const have = (await ctx.t<BatchBalance>(BATCH_TABLE).get(key))?.qty ?? '0';
    if (a.qty.gt(have)) {
      const it = await ctx.t<BaseRecord>('items').get(a.item);
      refuse('error.batch_moved', a.line, { number, batch: a.batch, item: it ? itemLabel(it) : a.item, warehouse: await warehouseName(ctx, a.warehouse), available: have, needed: a.qty.toString() }, 'items.batch');
    }
  }
}

export interface TrackingDifference {
  table: typeof BATCH_TABLE | typeof SERIAL_TABLE;
  key: string;
  expected: unknown;
  actual: unknown;
}

/**
 * Replay the stock ledger (rows in id order, i.e. the order they were posted on this replica)
 * and compare with `stock_batches` (qty per item x warehouse x batch) and `stock_serials` (where
 * each serial is, whether it is in stock). Empty = they agree. Read-only, one transaction; a
 * check command like `verifyStock`, it reads the whole ledger.
 */
export async function verifyBatchesAndSerials(s: Session): Promise<TrackingDifference[]> {
  s.require('Warehouse', 'read');
  return s.db.transaction('r', ['stock_ledger', BATCH_TABLE, SERIAL_TABLE], async () => {
    const batches = new Map<string, InstanceType<typeof D>>();
    const serials = new Map<string, { warehouse: string; inStock: boolean }>();
    await s.db.t<{ item: string; warehouse: string; qty: string; batch: string; serials?: string[] }>('stock_ledger').orderBy('id').each((r) => {
      if (r.batch) {
        const key = `${r.item}|${r.warehouse}|${r.batch}`;
        batches.set(key, (batches.get(key) ?? new D(0)).add(r.qty));
      }
      const incoming = new D(r.qty).gt(0);
      for (const sn of r.serials ?? []) serials.set(`${r.item}|${sn}`, { warehouse: r.warehouse, inStock: incoming });
    });
    const out: TrackingDifference[] = [];
    const storedB = new Map((await s.db.t<BatchBalance>(BATCH_TABLE).toArray()).map((b) => [b.key, b.qty]));
    for (const key of new Set([...batches.keys(), ...storedB.keys()])) {
      const e = batches.get(key) ?? new D(0);
      const a = storedB.get(key) ?? '0';
      if (!e.eq(a)) out.push({ table: BATCH_TABLE, key, expected: e.toString(), actual: a });
    }
    const storedS = new Map((await s.db.t<SerialState>(SERIAL_TABLE).toArray()).map((x) => [x.key, { warehouse: x.warehouse, inStock: x.inStock }]));
    for (const key of new Set([...serials.keys(), ...storedS.keys()])) {
      const e = serials.get(key);
      const a = storedS.get(key);
      if (!e || !a || e.warehouse !== a.warehouse || e.inStock !== a.inStock) out.push({ table: SERIAL_TABLE, key, expected: e ?? null, actual: a ?? null });
    }
    return out;
  });
}
