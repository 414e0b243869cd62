/**
 * Reorder: suggestions from each item's reorder levels (Item.reorderLevels, per warehouse) and
 * the projected quantity (on hand + still ordered from suppliers - reserved by sales orders),
 * and the command that turns chosen suggestions into draft purchase orders, one per default
 * supplier, all in ONE transaction (all or nothing).
 */
import { DomainError } from '../kernel/errors';
import { D } from '../kernel/money';
import Decimal from 'decimal.js';
import type { BaseRecord } from '../kernel/doctype';
import type { Session } from '../kernel/session';
import { getDocType } from '../kernel/registry';
import { inTx, insertDocInTx } from '../kernel/docs.service';
import { normalizeDoc } from '../kernel/validate';
import { BAL_TABLE, balanceKey, type StockBalance } from './stock-ledger';
import { RES_TABLE, type Reservation } from './order-progress';
import { POSTING_TABLES } from './stock-entry.behaviour';

export interface ReorderSuggestion {
  item: string;
  itemCode: string;
  itemName: string;
  warehouse: string;
  warehouseName: string;
  onHand: string;
  ordered: string;
  reserved: string;
  /** on hand + ordered - reserved */
  projected: string;
  level: string;
  reorderQty: string;
  /** max(reorder qty, level - projected), stock unit */
  suggestedQty: string;
  supplier: string;
}

/** Projected = on hand + ordered - reserved (pure). */
export function projectedQty(onHand: Decimal.Value, ordered: Decimal.Value, reserved: Decimal.Value): Decimal {
  return new D(onHand).add(ordered).sub(reserved);
}

/** Suggest when projected <= level: max(reorderQty, level - projected) (pure). */
export function suggestQty(projected: Decimal.Value, level: Decimal.Value, reorderQty: Decimal.Value): Decimal | null {
  const p = new D(projected);
  if (p.gt(level)) return null;
  const gap = new D(level).sub(p);
  return Decimal.max(new D(reorderQty), gap) as Decimal;
}

export async function reorderSuggestions(s: Session, opts: { warehouse?: string } = {}): Promise<ReorderSuggestion[]> {
  s.require('Item', 'read');
  const items = (await s.db.t<BaseRecord>('items').toArray()).filter((i) => !i.deleted && i.itemType === 'stock' && ((i.reorderLevels as unknown[]) ?? []).length);
  const wanted: { it: BaseRecord; lvl: { warehouse: string; level: string; qty: string } }[] = [];
  for (const it of items) for (const lvl of it.reorderLevels as { warehouse: string; level: string; qty: string }[]) if (!opts.warehouse || lvl.warehouse === opts.warehouse) wanted.push({ it, lvl });
  const keys = wanted.map((w) => balanceKey(w.it.id, w.lvl.warehouse));
  const [bals, res, whs] = await Promise.all([
    s.db.t<StockBalance>(BAL_TABLE).bulkGet(keys),
    s.db.t<Reservation>(RES_TABLE).bulkGet(keys),
    s.db.t<BaseRecord>('warehouses').bulkGet([...new Set(wanted.map((w) => w.lvl.warehouse))]),
  ]);
  const whName = new Map(whs.filter(Boolean).map((w) => [w!.id, String(w!.warehouseName)]));
  const out: ReorderSuggestion[] = [];
  wanted.forEach(({ it, lvl }, i) => {
    const onHand = bals[i]?.qty ?? '0';
    const ordered = res[i]?.orderedQty ?? '0';
    const reserved = res[i]?.reservedQty ?? '0';
    const projected = projectedQty(onHand, ordered, reserved);
    const q = suggestQty(projected, lvl.level || '0', lvl.qty || '0');
    if (!q || !q.gt(0)) return;
    out.push({ item: it.id, itemCode: String(it.itemCode), itemName: String(it.itemName), warehouse: lvl.warehouse, warehouseName: whName.get(lvl.warehouse) ?? '', onHand, ordered, reserved, projected: projected.toString(), level: String(lvl.level), reorderQty: String(lvl.qty), suggestedQty: q.toString(), supplier: String(it.defaultSupplier ?? '') });
  });
  return out.sort((a, b) => (a.itemCode < b.itemCode ? -1 : a.itemCode > b.itemCode ? 1 : 0));
}

/**
 * Draft purchase orders from suggestions, one per default supplier (lines keep their warehouse),
 * in one transaction. A suggestion without a supplier refuses the whole command
 * (error.no_default_supplier) so nothing is half-made.
 */
export async function createPurchaseOrdersFromSuggestions(s: Session, suggestions: readonly Pick<ReorderSuggestion, 'item' | 'itemCode' | 'warehouse' | 'suggestedQty' | 'supplier'>[]): Promise<BaseRecord[]> {
  s.require('PurchaseOrder', 'create');
  if (suggestions.length === 0) return [];
  const missing = suggestions.filter((x) => !x.supplier);
  if (missing.length) throw new DomainError('error.no_default_supplier', { items: missing.map((m) => m.itemCode).join(', ') });
  const bySupplier = new Map<string, typeof suggestions[number][]>();
  for (const x of suggestions) bySupplier.set(x.supplier, [...(bySupplier.get(x.supplier) ?? []), x]);
  const def = getDocType('PurchaseOrder');
  const drafts = [...bySupplier].map(([supplier, xs]) => normalizeDoc(def, { supplier, remarks: 'reorder', items: xs.map((x) => ({ item: x.item, qty: x.suggestedQty, warehouse: x.warehouse })) }, s.baseCurrency));
  return inTx(s, [def.table, 'suppliers', ...POSTING_TABLES], async (ctx) => {
    const out: BaseRecord[] = [];
    for (const d of drafts) out.push(await insertDocInTx(ctx, def, d));
    return out;
  });
}
