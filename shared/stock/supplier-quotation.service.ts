/**
 * Supplier quotations: the behaviour (dates, currency, lines) and the services that use them —
 * a draft purchase order from a quotation (quoted rates, linked back), and the comparison of the
 * quotations valid on a date, per item (cheapest per stock unit in base currency, fastest).
 *
 * Invariants:
 * - `validTill` >= `transactionDate`; a foreign currency needs an exchange rate (> 0), the base
 *   currency has '1' (same rule as invoices, books' normaliseRate).
 * - Line `stockQty` = qty x unit factor exactly; `amount` = qty x rate rounded half-even to the
 *   minor unit (the purchase order line rule, ./valuation.ts valueOf).
 * - Purchase orders are in base currency: a quoted rate becomes round_half_up(rate x exchange
 *   rate) in base minor units (books' toBase, as invoices convert). Nothing else is rounded.
 * - A quotation with a live purchase order made from it cannot be cancelled
 *   (error.quotation_in_use): the order would link to a cancelled document.
 */
import Decimal from 'decimal.js';
import { DomainError, type FieldIssue } from '../kernel/errors';
import { D } from '../kernel/money';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { Session } from '../kernel/session';
import { createDoc, getDoc } from '../kernel/docs.service';
import { isValidDate } from '../kernel/validate';
import { normaliseRate } from '../books/invoice.behaviour';
import { applyTableRate, EXCHANGE_RATE_TABLE } from '../books/exchange-rates';
import { toBase } from '../books/invoice.totals';
import { minorOf } from '../books/books.context';
import { toStockQty } from './uom';
import { valueOf } from './valuation';

export const SQ_TABLE = 'supplier_quotations';

type Line = Record<string, unknown>;

/** 'YYYY-MM-DD' + n days (UTC calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const supplierQuotationBehaviour: DocBehaviour = {
  tables: ['items', 'purchase_orders', EXCHANGE_RATE_TABLE],
  async beforeSave(doc, ctx) {
    if (!doc.transactionDate) doc.transactionDate = ctx.today;
    if (!doc.validTill) doc.validTill = addDays(doc.transactionDate as string, 30);
    if ((doc.validTill as string) < (doc.transactionDate as string)) throw new DomainError('error.valid_till_before_date', { date: doc.transactionDate, validTill: doc.validTill }, 'validTill');
    // no rate given: the exchange-rate table's rate of the quotation date
    await applyTableRate(ctx, doc, doc.transactionDate as string);
    normaliseRate(doc, ctx.session.baseCurrency);
    const lines = (doc.items as Line[]) ?? [];
    const ids = [...new Set(lines.map((l) => l.item as string).filter(Boolean))];
    const items = new Map((await ctx.t<BaseRecord>('items').bulkGet(ids)).filter(Boolean).map((i) => [i!.id, i!]));
    const issues: FieldIssue[] = [];
    lines.forEach((l, row) => {
      const it = items.get(l.item as string);
      if (!it) return;
      if (!new D((l.qty as string) || '0').gt(0)) return void issues.push({ code: 'error.qty_zero', field: 'items.qty', row });
      try {
        l.stockQty = toStockQty(it, l.qty as string, (l.uom as string) ?? '').stockQty;
      } catch (e) {
        const de = e as DomainError;
        return void issues.push({ code: de.code, field: 'items.uom', row, params: de.params });
      }
      l.amount = valueOf(l.qty as string, (l.rate as number) ?? 0);
    });
    if (issues.length) throw DomainError.invalid(issues);
    doc.netTotal = lines.reduce((s, l) => s + ((l.amount as number) ?? 0), 0);
  },
  async onCancel(doc, ctx) {
    const orders = await ctx.t<BaseRecord>('purchase_orders').where('supplierQuotation').equals(doc.id).toArray();
    const live = orders.filter((o) => !o.deleted && o.status !== 'cancelled');
    if (live.length) throw new DomainError('error.quotation_in_use', { number: doc.number, orders: live.map((o) => o.number).join(', ') });
  },
};

/** A quoted rate (quotation currency, per `uom`) in base-currency minor units, as the order will carry it. */
export function baseRate(rate: number, exchangeRate: string, currency: string, baseCurrency: string): number {
  if (!currency || currency === baseCurrency) return rate;
  return toBase(rate, exchangeRate || '1', minorOf(currency), minorOf(baseCurrency));
}

/**
 * A draft purchase order from a submitted quotation that is still valid on `asOf` (default
 * today): the supplier, the chosen lines (`lines`: indexes, default all) with their quantities,
 * units and quoted rates (in base currency), `scheduleDate` = order date + the longest lead
 * time, and `supplierQuotation` pointing back. Rights: read the quotation, create the order.
 */
export async function makePurchaseOrderFromQuotation(s: Session, quotationId: string, opts: { lines?: number[]; asOf?: string; warehouse?: string } = {}): Promise<BaseRecord> {
  const q = await getDoc(s, 'SupplierQuotation', quotationId);
  if (q.status !== 'submitted') throw new DomainError('error.quotation_not_submitted', { number: q.number });
  const asOf = opts.asOf ?? s.localDate();
  if ((q.validTill as string) < asOf) throw new DomainError('error.quotation_expired', { number: q.number, validTill: q.validTill });
  const all = (q.items as Line[]) ?? [];
  const picked = opts.lines ?? all.map((_, i) => i);
  if (picked.length === 0 || picked.some((i) => !Number.isInteger(i) || i < 0 || i >= all.length)) throw new DomainError('error.quotation_no_lines', { number: q.number });
  const lines = picked.map((i) => all[i]);
  const lead = Math.max(0, ...lines.map((l) => Number(l.leadTimeDays ?? 0)));
  return createDoc(s, 'PurchaseOrder', {
    supplier: q.supplier,
    transactionDate: asOf,
    scheduleDate: addDays(asOf, lead),
    warehouse: opts.warehouse ?? '',
    supplierQuotation: q.id,
    // the rates below are converted to base: say so, or a supplier's default currency would apply (./currency.ts)
    currency: s.baseCurrency,
    remarks: q.supplierReference ? `${q.number} (${q.supplierReference})` : q.number,
    items: lines.map((l) => ({ item: l.item, qty: l.qty, uom: l.uom, rate: baseRate(l.rate as number, q.exchangeRate as string, q.currency as string, s.baseCurrency) })),
  });
}

/** Purchase orders (not deleted) made from a quotation, by the order's `supplierQuotation` index. */
export async function purchaseOrdersOfQuotation(s: Session, quotationId: string): Promise<{ id: string; number: string; status: string }[]> {
  s.require('PurchaseOrder', 'read');
  const rows = await s.db.t<BaseRecord>('purchase_orders').where('supplierQuotation').equals(quotationId).toArray();
  return rows.filter((r) => !r.deleted).sort((a, b) => (a.number < b.number ? -1 : 1)).map((r) => ({ id: r.id, number: r.number, status: r.status }));
}

export interface QuoteOffer {
  quotation: string;
  number: string;
  /** Index of the line on the quotation. */
  line: number;
  supplier: string;
  supplierName: string;
  transactionDate: string;
  validTill: string;
  currency: string;
  /** Quoted price per `uom`, quotation-currency minor units. */
  rate: number;
  uom: string;
  qty: string;
  /** Base-currency minor units per STOCK unit (decimal string, 6 places; offers are ranked by the exact value). */
  baseUnitRate: string;
  leadTimeDays: number;
  /** Lowest baseUnitRate for the item (ties all marked). */
  cheapest: boolean;
  /** Shortest lead time for the item (ties all marked). */
  fastest: boolean;
}

export interface QuoteComparison {
  item: string;
  itemCode: string;
  itemName: string;
  stockUom: string;
  /** Cheapest first, then by lead time, then by quotation number. */
  offers: QuoteOffer[];
}

/**
 * Quotations valid on `asOf` (submitted, dated on or before it, validTill on or after it), line by
 * line, grouped per item: ranked by the price per stock unit in base currency. `item` narrows to
 * one item. Reads quotations through the validTill index (only unexpired ones).
 */
export async function compareQuotations(s: Session, opts: { item?: string; asOf?: string } = {}): Promise<QuoteComparison[]> {
  s.require('SupplierQuotation', 'read');
  const asOf = opts.asOf ?? s.localDate();
  if (!isValidDate(asOf)) throw new DomainError('error.date_invalid', { value: asOf }, 'asOf');
  const base = s.baseCurrency;
  const quotes = (await s.db.t<BaseRecord>(SQ_TABLE).where('validTill').aboveOrEqual(asOf).toArray()).filter((q) => !q.deleted && q.status === 'submitted' && (q.transactionDate as string) <= asOf);
  const byItem = new Map<string, QuoteOffer[]>();
  // ranking uses the exact unit price; baseUnitRate is its display form (6 decimals of a minor unit)
  const exact = new Map<QuoteOffer, Decimal>();
  for (const q of quotes) {
    ((q.items as Line[]) ?? []).forEach((l, line) => {
      const item = l.item as string;
      if (opts.item && item !== opts.item) return;
      const qty = new D((l.qty as string) || '0');
      const stockQty = new D((l.stockQty as string) || '0');
      if (!qty.gt(0) || !stockQty.gt(0)) return;
      // rate per uom -> base per uom (exact product, no rounding) -> per stock unit (qty / stockQty = 1 / factor)
      const cur = (q.currency as string) || base;
      const perUom = cur === base ? new D(l.rate as number) : new D(l.rate as number).mul((q.exchangeRate as string) || '1').mul(new D(10).pow(minorOf(base) - minorOf(cur)));
      const unit = perUom.mul(qty).div(stockQty);
      const offer: QuoteOffer = {
        quotation: q.id, number: q.number, line, supplier: q.supplier as string, supplierName: '', transactionDate: q.transactionDate as string, validTill: q.validTill as string,
        currency: cur, rate: l.rate as number, uom: (l.uom as string) ?? '', qty: l.qty as string, baseUnitRate: unit.toDecimalPlaces(6, Decimal.ROUND_HALF_EVEN).toString(), leadTimeDays: Number(l.leadTimeDays ?? 0), cheapest: false, fastest: false,
      };
      exact.set(offer, unit);
      byItem.set(item, [...(byItem.get(item) ?? []), offer]);
    });
  }
  const [items, suppliers] = await Promise.all([
    s.db.t<BaseRecord>('items').bulkGet([...byItem.keys()]),
    s.db.t<BaseRecord>('suppliers').bulkGet([...new Set([...byItem.values()].flat().map((o) => o.supplier))]),
  ]);
  const supName = new Map(suppliers.filter(Boolean).map((x) => [x!.id, String(x!.supplierName)]));
  const out: QuoteComparison[] = [];
  [...byItem].forEach(([item, offers], i) => {
    const it = items[i];
    if (!it || it.deleted) return;
    for (const o of offers) o.supplierName = supName.get(o.supplier) ?? '';
    offers.sort((a, b) => exact.get(a)!.cmp(exact.get(b)!) || a.leadTimeDays - b.leadTimeDays || (a.number < b.number ? -1 : a.number > b.number ? 1 : a.line - b.line));
    const low = exact.get(offers[0])!;
    const fast = Math.min(...offers.map((o) => o.leadTimeDays));
    for (const o of offers) {
      o.cheapest = exact.get(o)!.eq(low);
      o.fastest = o.leadTimeDays === fast;
    }
    out.push({ item, itemCode: String(it.itemCode), itemName: String(it.itemName), stockUom: String(it.uom ?? ''), offers });
  });
  return out.sort((a, b) => (a.itemCode < b.itemCode ? -1 : a.itemCode > b.itemCode ? 1 : 0));
}
