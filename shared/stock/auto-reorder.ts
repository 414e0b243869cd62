/**
 * Automatic reorder drafts (company setting `settings.stock.autoReorder`, off by default).
 *
 * Runs as a stock-posting hook (./stock-ledger.ts onStockPosted) INSIDE the transaction of the
 * movement, right after the low-stock notices, exactly where and how low-stock alerts are raised:
 * if the document is refused, no draft and no notice remain either.
 *
 * For every item x warehouse whose stock on hand the movement lowered: projected = on hand +
 * ordered (submitted purchase orders) - reserved (sales orders), read in the same transaction.
 * When projected <= the item's reorder level for that warehouse (the rule of the reorder
 * suggestions, ./reorder.service.ts), the quantity needed is max(reorder qty, level - projected)
 * (stock unit) and:
 * - the item has a default supplier: the OPEN automatic draft of this branch for that supplier
 *   (status draft, `autoReorder` ticked) gets a line for the item and warehouse, or its existing
 *   line is raised to the needed quantity (never lowered: someone may have ordered more by hand);
 *   without such a draft, one is created. Never a second draft for the same supplier, never a
 *   second line for the same item and warehouse. A `reorder_draft` notification names it.
 * - no default supplier: the item is listed in a `reorder_no_supplier` notification instead
 *   (once while such a notice about it is unread), to be ordered by hand.
 * Draft orders do not count in "ordered": only submitting the order does (then projected rises).
 *
 * Rights: the draft is a consequence of a company setting, made for whoever posted the movement
 * (a warehouse clerk without purchase-order rights included); the audit row names that user.
 */
import { newId } from '../kernel/ids';
import { D } from '../kernel/money';
import type { BaseRecord } from '../kernel/doctype';
import type { TxContext } from '../kernel/tx';
import { getBehaviour, getDocType } from '../kernel/registry';
import { insertDocInTx } from '../kernel/docs.service';
import { normalizeDoc, searchTokens } from '../kernel/validate';
import { onStockPosted, NOTIFY_TABLE, type StockBalance, type StockCache } from './stock-ledger';
import { RES_TABLE, type Reservation } from './order-progress';
import { stockSettings } from './stock.settings';
import { projectedQty, suggestQty } from './reorder.service';

const PO_TABLE = 'purchase_orders';
const NEEDED_TABLES = [PO_TABLE, 'suppliers', 'items', 'warehouses', RES_TABLE, NOTIFY_TABLE, 'series', 'audit', 'outbox'];

interface Need {
  item: BaseRecord;
  warehouse: string;
  /** Needed quantity, stock unit. */
  qty: string;
}

type Line = Record<string, unknown>;

/** What the hook decided (returned for tests and callers that want to know). */
export interface AutoReorderResult {
  drafts: { id: string; number: string; created: boolean }[];
  withoutSupplier: string[];
}

async function needs(ctx: TxContext, cache: StockCache, touched: StockBalance[], before: Map<string, string>): Promise<Need[]> {
  const out: Need[] = [];
  for (const b of touched) {
    // only a movement that took stock out (or cancelled a receipt) can take projected down
    if (!new D(b.qty).lt(before.get(b.key) ?? '0')) continue;
    const it = await cache.item(b.item);
    if (it.itemType !== 'stock') continue;
    const lvl = ((it.reorderLevels as { warehouse: string; level: string; qty: string }[] | undefined) ?? []).find((r) => r.warehouse === b.warehouse);
    if (!lvl) continue;
    const res = await ctx.t<Reservation>(RES_TABLE).get(b.key);
    const projected = projectedQty(b.qty, res?.orderedQty ?? '0', res?.reservedQty ?? '0');
    const q = suggestQty(projected, lvl.level || '0', lvl.qty || '0');
    if (q && q.gt(0)) out.push({ item: it, warehouse: b.warehouse, qty: q.toString() });
  }
  return out;
}

/** The open automatic draft of this branch for a supplier (oldest first if several were kept). */
async function openDraft(ctx: TxContext, supplier: string): Promise<BaseRecord | undefined> {
  const drafts = await ctx.t<BaseRecord>(PO_TABLE).where('status').equals('draft').toArray();
  return drafts
    .filter((d) => !d.deleted && d.autoReorder === true && d.supplier === supplier && d.branchId === ctx.session.branchId)
    .sort((a, b) => (a.number < b.number ? -1 : 1))[0];
}

/** Rewrite a draft inside the transaction, as updateDoc would (normalise, beforeSave, audit, outbox). */
async function updateDraftInTx(ctx: TxContext, before: BaseRecord, items: Line[]): Promise<BaseRecord> {
  const def = getDocType('PurchaseOrder');
  const input: Record<string, unknown> = {};
  for (const f of def.fields) input[f.name] = before[f.name];
  input.items = items;
  const values = normalizeDoc(def, input, ctx.session.baseCurrency);
  const rec: BaseRecord = { ...structuredClone(before), ...values, modifiedAt: ctx.now, modifiedBy: ctx.session.user.id, _hlc: ctx.hlc(), _rev: before._rev + 1 };
  await getBehaviour(def.name).beforeSave?.(rec, ctx);
  rec._search = searchTokens(def, rec);
  await ctx.putDoc(def, rec, before, 'update');
  return rec;
}

/** Add the needs of one supplier to its open automatic draft (or a new one). */
async function draftFor(ctx: TxContext, supplier: string, list: Need[]): Promise<{ rec: BaseRecord; created: boolean; changed: Need[] } | null> {
  const def = getDocType('PurchaseOrder');
  const open = await openDraft(ctx, supplier);
  if (!open) {
    const values = normalizeDoc(def, { supplier, autoReorder: true, items: list.map((n) => ({ item: n.item.id, qty: n.qty, warehouse: n.warehouse })) }, ctx.session.baseCurrency);
    return { rec: await insertDocInTx(ctx, def, values), created: true, changed: list };
  }
  const items = structuredClone((open.items as Line[]) ?? []);
  const changed: Need[] = [];
  for (const n of list) {
    const l = items.find((x) => x.item === n.item.id && ((x.warehouse as string) || (open.warehouse as string)) === n.warehouse);
    if (!l) {
      items.push({ item: n.item.id, qty: n.qty, warehouse: n.warehouse });
      changed.push(n);
    } else if (new D((l.stockQty as string) || (l.qty as string) || '0').lt(n.qty)) {
      // raise to the need, in the stock unit (the line's own rate is per its unit: re-priced)
      if (l.uom && l.uom !== n.item.uom) l.rate = 0;
      Object.assign(l, { qty: n.qty, uom: '' });
      changed.push(n);
    }
  }
  if (!changed.length) return null;
  return { rec: await updateDraftInTx(ctx, open, items), created: false, changed };
}

/** The hook itself (registered below); exported for tests. */
export async function autoReorderHook(ctx: TxContext, cache: StockCache, touched: StockBalance[], before: Map<string, string>): Promise<AutoReorderResult> {
  const result: AutoReorderResult = { drafts: [], withoutSupplier: [] };
  if (!stockSettings(ctx.session.settings).autoReorder) return result;
  // every stock-posting behaviour lists POSTING_TABLES (which hold these); a caller that opened a
  // narrower transaction gets no draft rather than a failed posting
  if (!NEEDED_TABLES.every((t) => ctx.tx.storeNames.includes(t))) return result;
  const list = await needs(ctx, cache, touched, before);
  if (!list.length) return result;
  const bySupplier = new Map<string, Need[]>();
  const orphans: Need[] = [];
  for (const n of list) {
    const sup = (n.item.defaultSupplier as string) || '';
    const supplier = sup ? await ctx.t<BaseRecord>('suppliers').get(sup) : undefined;
    if (!supplier || supplier.deleted) orphans.push(n);
    else bySupplier.set(sup, [...(bySupplier.get(sup) ?? []), n]);
  }
  const notes: Record<string, unknown>[] = [];
  const label = (n: Need) => `${n.item.itemCode} ${n.item.itemName}`;
  for (const [supplier, xs] of bySupplier) {
    const done = await draftFor(ctx, supplier, xs);
    if (!done) continue;
    result.drafts.push({ id: done.rec.id, number: done.rec.number, created: done.created });
    const sup = await ctx.t<BaseRecord>('suppliers').get(supplier);
    notes.push({
      id: newId(), at: ctx.now, kind: 'reorder_draft', messageKey: done.created ? 'notice.reorder_draft_created' : 'notice.reorder_draft_extended',
      params: { number: done.rec.number, orderId: done.rec.id, supplier: String(sup?.supplierName ?? ''), items: done.changed.map((n) => `${label(n)} × ${n.qty}`).join(', ') },
      read: false, right: ['PurchaseOrder', 'read'],
    });
  }
  if (orphans.length) {
    const pending = await pendingNoSupplier(ctx);
    const fresh = orphans.filter((n) => !pending.has(`${n.item.id}|${n.warehouse}`));
    result.withoutSupplier = orphans.map(label);
    if (fresh.length) {
      const whs = await Promise.all(fresh.map((n) => cache.warehouse(n.warehouse)));
      notes.push({
        id: newId(), at: ctx.now, kind: 'reorder_no_supplier', messageKey: 'notice.reorder_no_supplier',
        params: { items: fresh.map((n, i) => `${label(n)} (${String(whs[i].warehouseName)}) × ${n.qty}`).join(', '), keys: fresh.map((n) => `${n.item.id}|${n.warehouse}`) },
        read: false, right: ['PurchaseOrder', 'read'],
      });
    }
  }
  if (notes.length) await ctx.t(NOTIFY_TABLE).bulkAdd(notes);
  return result;
}

/** item|warehouse keys named by recent no-supplier notices nobody has read yet (not repeated). */
async function pendingNoSupplier(ctx: TxContext): Promise<Set<string>> {
  const recent = await ctx.t<{ kind?: string; read?: boolean; readBy?: string[]; params?: { keys?: string[] } }>(NOTIFY_TABLE).orderBy('at').reverse().limit(200).toArray();
  const keys = new Set<string>();
  for (const r of recent) if (r.kind === 'reorder_no_supplier' && !r.read && !(r.readBy ?? []).length) for (const k of r.params?.keys ?? []) keys.add(k);
  return keys;
}

onStockPosted(async (ctx, cache, touched, before) => {
  await autoReorderHook(ctx, cache, touched, before);
});
