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
 * from the receipt lines.
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

/** Update batch balances and serial states for ledger rows (in the caller's transaction). */
export async function trackBatchesAndSerials(ctx: TxContext, rows: TrackedRow[], label: (item: string) => Promise<string>): Promise<void> {
  const batches = new Map<string, BatchBalance>();
  const serials = new Map<string, SerialState>();
  for (const r of rows) {
    if (r.batch) {
      const key = `${r.item}|${r.warehouse}|${r.batch}`;
      let b = batches.get(key) ?? (await ctx.t<BatchBalance>(BATCH_TABLE).get(key));
      b ??= { key, item: r.item, warehouse: r.warehouse, batch: r.batch, qty: '0', expiryDate: r.expiryDate ?? '' };
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
      serials.set(key, { key, item: r.item, serial: sn, warehouse: r.warehouse, inStock: incoming, voucherId: r.voucherId });
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
