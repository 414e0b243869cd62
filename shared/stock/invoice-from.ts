/**
 * Sales invoices of the selling module: a draft invoice made from a submitted sales order or
 * delivery note for what is not invoiced yet, the checks that keep invoicing within what was
 * ordered / delivered, and the default rates of invoice lines (./price-lists.ts).
 *
 * Where "invoiced" lives: nowhere stored. The invoiced quantity of a source line is the sum of
 * `stockQty` over the lines of SUBMITTED sales invoices that point at it (`salesOrder` +
 * `orderLine`, `deliveryNote` + `deliveryLine`, both indexed on the invoice header), credit notes
 * (isReturn, which copy their original's links) counting negative; a cancelled invoice simply
 * stops counting. Submitted documents never change, so nothing has to be written back to the
 * order or delivery, and nothing has to be rebuilt after a restore or a sync.
 *
 * Currency: an invoice of a source is in the source's currency (a blank currency takes it, and its
 * rate unless one is given: the invoice may use the invoice day's rate); another is refused
 * (`error.invoice_source_currency`). An invoice without a source and without a rate takes the
 * exchange-rate table's rate of its posting date BEFORE its lines are priced (a base price is
 * converted at that rate); shared/books/exchange-rates.ts.
 *
 * Rules (all in stock units, exact decimals):
 * - sales order line: invoiceable = ordered;
 * - delivery note line: invoiceable = delivered - returned (its `order_progress`), and never more
 *   than what its order line still has to invoice (an invoice made from a delivery also carries
 *   the order and the order line, so the order sees it: an order invoiced in advance leaves
 *   nothing to invoice on its deliveries, and the other way round);
 * - a non-return invoice that takes more than is left is refused at submit
 *   (`error.over_invoicing`, per line, with the figures) and nothing is written;
 * - a sales order or delivery note with invoiced quantity cannot be cancelled
 *   (`error.source_has_invoices`); cancel the invoices (or credit them) first.
 * Making a draft also leaves out what other drafts of the same source already hold, so pressing
 * the button twice does not double the quantities (drafts do not count at submit: whichever is
 * submitted first takes the quantity).
 */
import type { Table } from 'dexie';
import '../books/index'; // SalesInvoice and its books behaviour register first; ./index.ts wraps it
import { DomainError, type FieldIssue } from '../kernel/errors';
import { D } from '../kernel/money';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { TxContext } from '../kernel/tx';
import type { Session } from '../kernel/session';
import { createDoc, getDoc } from '../kernel/docs.service';
import { PROGRESS_TABLE, progressKey, type OrderProgress } from './order-progress';
import { toStockQty, uomFactor } from './uom';
import { loadPricer, PRICE_LIST_TABLE } from './price-lists';
import { applyTableRate, rateMissing } from '../books/exchange-rates';
import type { Line } from './stock.context';

export type InvoiceSource = 'SalesOrder' | 'DeliveryNote';
type Read = <T = BaseRecord>(table: string) => Table<T, string>;
type Dec = InstanceType<typeof D>;

const INVOICES = 'sales_invoices';
const SOURCE_TABLE: Record<InvoiceSource, string> = { SalesOrder: 'sales_orders', DeliveryNote: 'delivery_notes' };
const SOURCE_FIELD: Record<InvoiceSource, 'salesOrder' | 'deliveryNote'> = { SalesOrder: 'salesOrder', DeliveryNote: 'deliveryNote' };
const LINE_FIELD: Record<InvoiceSource, 'orderLine' | 'deliveryLine'> = { SalesOrder: 'orderLine', DeliveryNote: 'deliveryLine' };

const halfUp = (x: Dec): number => x.toDecimalPlaces(0, D.ROUND_HALF_UP).toNumber();
const ref = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) ? v : -1);

/** Invoicing state of one line of a sales order or delivery note (quantities in stock units). */
export interface BillingLine {
  line: number;
  item: string;
  /** The source line's unit and quantity in it, and its rate per that unit. */
  uom: string;
  qty: string;
  rate: number;
  /** Ordered (order) or delivered less returned (delivery). */
  invoiceable: string;
  /** Net of credit notes, by submitted invoices. */
  invoiced: string;
  /** Held by draft invoices of this source. */
  inDrafts: string;
  /** What a new invoice may still take (for a delivery also bounded by its order line). */
  left: string;
}

interface Sums {
  submitted: Map<number, Dec>;
  drafts: Map<number, Dec>;
}

/** Net stock quantity per source line over the invoices linked to a source (one index read). */
async function invoicedLines(read: Read, source: InvoiceSource, id: string, excludeId = ''): Promise<Sums> {
  const rows = await read<BaseRecord>(INVOICES).where(SOURCE_FIELD[source]).equals(id).toArray();
  const out: Sums = { submitted: new Map(), drafts: new Map() };
  for (const inv of rows) {
    if (inv.deleted || inv.id === excludeId) continue;
    const bucket = inv.status === 'submitted' ? out.submitted : inv.status === 'draft' && !inv.isReturn ? out.drafts : null;
    if (!bucket) continue;
    for (const l of (inv.items as Line[] | undefined) ?? []) {
      const line = ref(l[LINE_FIELD[source]]);
      if (line < 0) continue;
      const q = new D((l.stockQty as string) || '0');
      bucket.set(line, (bucket.get(line) ?? new D(0)).add(inv.isReturn ? q.neg() : q));
    }
  }
  return out;
}

const zero = new D(0);
const nonNeg = (x: Dec): Dec => (x.isNeg() ? zero : x);

/** Invoicing state of every line of a submitted sales order or delivery note. */
async function billing(read: Read, source: InvoiceSource, rec: BaseRecord, excludeId = ''): Promise<BillingLine[]> {
  const lines = (rec.items as Line[] | undefined) ?? [];
  const own = await invoicedLines(read, source, rec.id, excludeId);
  // a delivery's lines are also bounded by what their order lines have left
  let orderLeft: Map<number, Dec> | null = null;
  if (source === 'DeliveryNote' && rec.salesOrder) {
    const so = await read<BaseRecord>(SOURCE_TABLE.SalesOrder).get(rec.salesOrder as string);
    if (so) orderLeft = new Map((await billing(read, 'SalesOrder', so, excludeId)).map((b) => [b.line, new D(b.left)]));
  }
  const progress = source === 'DeliveryNote' ? await read<OrderProgress>(PROGRESS_TABLE).bulkGet(lines.map((_, i) => progressKey(rec.id, i))) : [];
  return lines.map((l, line) => {
    const stock = new D((l.stockQty as string) || '0');
    const returned = new D(progress[line]?.done ?? '0');
    const invoiceable = nonNeg(stock.sub(source === 'DeliveryNote' ? returned : 0));
    const invoiced = nonNeg(own.submitted.get(line) ?? zero);
    let left = nonNeg(invoiceable.sub(invoiced));
    const ol = ref(l.orderLine);
    if (orderLeft && ol >= 0) left = D.min(left, orderLeft.get(ol) ?? zero) as Dec;
    return { line, item: l.item as string, uom: (l.uom as string) || '', qty: (l.qty as string) || '0', rate: (l.rate as number) ?? 0, invoiceable: invoiceable.toString(), invoiced: invoiced.toString(), inDrafts: nonNeg(own.drafts.get(line) ?? zero).toString(), left: left.toString() };
  });
}

/** Invoicing state of a sales order's or delivery note's lines, for screens. */
export async function invoicingStatus(s: Session, source: InvoiceSource, id: string): Promise<BillingLine[]> {
  s.require('SalesInvoice', 'read');
  const rec = await getDoc(s, source, id);
  if (rec.status !== 'submitted' || rec.isReturn) return [];
  return billing((t) => s.db.t(t), source, rec);
}

/**
 * A draft sales invoice for what is still to invoice on a submitted sales order or delivery note
 * (less what its other drafts hold), linked back to it. Lines keep the source's unit and rate;
 * a remainder that is not a whole number of that unit is invoiced in the stock unit at the rate
 * divided by the unit's factor (half-up). `error.nothing_to_invoice` when nothing is left.
 */
export async function makeSalesInvoiceFrom(s: Session, source: InvoiceSource, id: string, opts: { postingDate?: string } = {}): Promise<BaseRecord> {
  s.require('SalesInvoice', 'create');
  const src = await getDoc(s, source, id);
  if (src.status !== 'submitted') throw new DomainError('error.source_not_submitted', {}, SOURCE_FIELD[source]);
  if (src.isReturn) throw new DomainError('error.invoice_source_return', { number: src.number }, SOURCE_FIELD[source]);
  const state = await billing((t) => s.db.t(t), source, src);
  const items = new Map((await s.db.t<BaseRecord>('items').bulkGet([...new Set(state.map((b) => b.item))])).filter(Boolean).map((i) => [i!.id, i!]));
  const taxIds = new Map<string, string>();
  const lines: Record<string, unknown>[] = [];
  for (const b of state) {
    const take = new D(b.left).sub(b.inDrafts);
    const it = items.get(b.item);
    if (!take.gt(0) || !it) continue;
    const factor = new D(uomFactor(it, b.uom));
    const inUnit = take.div(factor);
    const whole = inUnit.mul(factor).eq(take);
    const tpl = (it.taxTemplate as string) || '';
    if (tpl && !taxIds.has(tpl)) {
      const t = await s.db.t<BaseRecord>('tax_templates').where('number').equals(tpl).filter((r) => !r.deleted && r.usage === 'sales').first();
      taxIds.set(tpl, t?.id ?? '');
    }
    const srcLine = ((src.items as Line[])[b.line] ?? {}) as Line;
    lines.push({
      item: b.item,
      description: it.itemName,
      qty: whole ? inUnit.toString() : take.toString(),
      uom: whole ? b.uom : '',
      rate: whole ? b.rate : halfUp(new D(b.rate).div(factor)),
      taxTemplate: taxIds.get(tpl) ?? '',
      orderLine: source === 'SalesOrder' ? b.line : ref(srcLine.orderLine),
      deliveryLine: source === 'DeliveryNote' ? b.line : -1,
    });
  }
  if (!lines.length) throw new DomainError('error.nothing_to_invoice', { number: src.number });
  return createDoc(s, 'SalesInvoice', {
    customer: src.customer,
    postingDate: opts.postingDate ?? s.localDate(),
    // the source's currency and rate (./currency.ts); the rate may be changed to the invoice day's
    currency: (src.currency as string) || s.baseCurrency,
    exchangeRate: (src.exchangeRate as string) || '1',
    salesOrder: source === 'SalesOrder' ? src.id : (src.salesOrder as string) || '',
    deliveryNote: source === 'DeliveryNote' ? src.id : '',
    remarks: src.number,
    items: lines,
  });
}

async function loadSource(ctx: TxContext, source: InvoiceSource, id: string): Promise<BaseRecord> {
  const d = await ctx.t<BaseRecord>(SOURCE_TABLE[source]).get(id);
  if (!d || d.deleted || d.status !== 'submitted') throw new DomainError('error.source_not_submitted', {}, SOURCE_FIELD[source]);
  return d;
}

/**
 * Before the books' own beforeSave: source links (a credit note copies its original's), line
 * references checked against the source, unit -> stockQty, and the default rate of a line
 * without one: the source line's rate (converted to the line's unit), else the price lists /
 * the item's price (./price-lists.ts); no price is refused (`error.price_missing`), a line with
 * neither item nor rate needs a rate (`error.required`).
 */
async function prepareInvoice(doc: BaseRecord, ctx: TxContext): Promise<void> {
  const base = ctx.session.baseCurrency;
  const lines = (doc.items as Line[] | undefined) ?? [];
  const issues: FieldIssue[] = [];
  if (doc.isReturn) {
    const orig = doc.returnAgainst ? await ctx.t<BaseRecord>(INVOICES).get(doc.returnAgainst as string) : undefined;
    doc.salesOrder = (orig?.salesOrder as string) || '';
    doc.deliveryNote = (orig?.deliveryNote as string) || '';
    const origLines = (orig?.items as Line[] | undefined) ?? [];
    for (const l of lines) {
      if (ref(l.orderLine) >= 0 || ref(l.deliveryLine) >= 0 || !l.item) continue;
      const o = origLines.find((x) => x.item === l.item && (ref(x.orderLine) >= 0 || ref(x.deliveryLine) >= 0));
      if (o) Object.assign(l, { orderLine: ref(o.orderLine), deliveryLine: ref(o.deliveryLine) });
    }
  }
  let dn: BaseRecord | undefined;
  let so: BaseRecord | undefined;
  if (doc.deliveryNote) {
    dn = await ctx.t<BaseRecord>(SOURCE_TABLE.DeliveryNote).get(doc.deliveryNote as string);
    if (!doc.isReturn) {
      dn = await loadSource(ctx, 'DeliveryNote', doc.deliveryNote as string);
      if (dn.isReturn) throw new DomainError('error.invoice_source_return', { number: dn.number }, 'deliveryNote');
      if (dn.customer !== doc.customer) throw new DomainError('error.order_mismatch', {}, 'deliveryNote');
    }
    doc.salesOrder = (dn?.salesOrder as string) || '';
  }
  if (doc.salesOrder) {
    so = await ctx.t<BaseRecord>(SOURCE_TABLE.SalesOrder).get(doc.salesOrder as string);
    if (!doc.isReturn && !dn) {
      so = await loadSource(ctx, 'SalesOrder', doc.salesOrder as string);
      if (so.customer !== doc.customer) throw new DomainError('error.order_mismatch', {}, 'salesOrder');
    }
  }
  // an invoice of a source is in the source's currency (blank takes it, with its rate unless one is given)
  const src = dn ?? so;
  if (src && !doc.isReturn) {
    const srcCur = (src.currency as string) || base;
    if (!doc.currency) doc.currency = srcCur;
    if (doc.currency !== srcCur) throw new DomainError('error.invoice_source_currency', { currency: doc.currency, base: srcCur }, 'currency');
    // '0' is the empty value of the invoice's decimal field (a blank form input)
    if (rateMissing(doc.exchangeRate) && srcCur !== base) doc.exchangeRate = (src.exchangeRate as string) || '';
  } else if (!doc.isReturn) await applyTableRate(ctx, doc, (doc.postingDate as string) || ctx.today);
  const items = new Map((await ctx.t<BaseRecord>('items').bulkGet([...new Set(lines.map((l) => l.item as string).filter(Boolean))])).filter(Boolean).map((i) => [i!.id, i!]));
  const needPrice = lines.some((l) => !l.rate && l.item);
  const pricer = needPrice ? await loadPricer((t) => ctx.t(t), base, { customer: doc.customer as string, currency: (doc.currency as string) || base, exchangeRate: (doc.exchangeRate as string) || '', date: (doc.postingDate as string) || ctx.today, selling: true }) : null;
  lines.forEach((l, row) => {
    // references: an invoice of a delivery points at delivery lines (the order line comes from
    // the delivery line); an invoice of an order at order lines; -1 = an extra line (freight...)
    let srcLine: Line | undefined;
    const dl = ref(l.deliveryLine);
    const ol = ref(l.orderLine);
    if (dn) {
      l.orderLine = -1;
      if (dl >= 0) {
        srcLine = ((dn.items as Line[]) ?? [])[dl];
        if (!srcLine || srcLine.item !== l.item) return void issues.push({ code: 'error.order_line_mismatch', field: 'items.item', row });
        if (so) l.orderLine = ref(srcLine.orderLine);
      }
    } else {
      l.deliveryLine = -1;
      if (so && ol >= 0) {
        srcLine = ((so.items as Line[]) ?? [])[ol];
        if (!srcLine || srcLine.item !== l.item) return void issues.push({ code: 'error.order_line_mismatch', field: 'items.item', row });
      } else l.orderLine = -1;
    }
    const srcUom = (srcLine?.uom as string) || '';
    const it = items.get(l.item as string);
    if (!it) {
      l.stockQty = (l.qty as string) || '0';
      if (!l.rate) issues.push({ code: 'error.required', field: 'items.rate', row });
      return;
    }
    if (l.uom === it.uom) l.uom = '';
    try {
      l.stockQty = new D((l.qty as string) || '0').gt(0) ? toStockQty(it, l.qty as string, (l.uom as string) || '').stockQty : '0';
    } catch (e) {
      const de = e as DomainError;
      return void issues.push({ code: de.code, field: 'items.uom', row, params: de.params });
    }
    if (l.rate) return;
    if (srcLine && srcLine.rate) {
      l.rate = halfUp(new D(srcLine.rate as number).mul(uomFactor(it, (l.uom as string) || '')).div(uomFactor(it, srcUom)));
      return;
    }
    const p = pricer!.price(it, (l.qty as string) || '0', (l.uom as string) || '');
    if (p) l.rate = p.rate;
    else issues.push({ code: 'error.price_missing', field: 'items.rate', row, params: { item: `${it.itemCode} ${it.itemName}` } });
  });
  if (issues.length) throw DomainError.invalid(issues);
}

/** At submit: no line of a (non-return) invoice may take more than its source line has left. */
async function assertWithinSources(doc: BaseRecord, ctx: TxContext): Promise<void> {
  if (doc.isReturn || (!doc.salesOrder && !doc.deliveryNote)) return;
  const read: Read = (t) => ctx.t(t);
  const lines = (doc.items as Line[] | undefined) ?? [];
  const left = async (source: InvoiceSource, id: string) => new Map((await billing(read, source, await loadSource(ctx, source, id), doc.id)).map((b) => [b.line, b]));
  const byOrder = doc.salesOrder ? await left('SalesOrder', doc.salesOrder as string) : new Map<number, BillingLine>();
  const byDelivery = doc.deliveryNote ? await left('DeliveryNote', doc.deliveryNote as string) : new Map<number, BillingLine>();
  const items = new Map((await ctx.t<BaseRecord>('items').bulkGet([...new Set(lines.map((l) => l.item as string).filter(Boolean))])).filter(Boolean).map((i) => [i!.id, i!]));
  const taken = new Map<string, Dec>();
  const issues: FieldIssue[] = [];
  lines.forEach((l, row) => {
    const q = new D((l.stockQty as string) || '0');
    const checks: [string, BillingLine | undefined][] = [];
    if (ref(l.deliveryLine) >= 0) checks.push([`d${l.deliveryLine}`, byDelivery.get(ref(l.deliveryLine))]);
    if (ref(l.orderLine) >= 0) checks.push([`o${l.orderLine}`, byOrder.get(ref(l.orderLine))]);
    for (const [key, b] of checks) {
      const sum = (taken.get(key) ?? zero).add(q);
      taken.set(key, sum);
      if (!b || sum.gt(b.left)) {
        const it = items.get(l.item as string);
        issues.push({ code: 'error.over_invoicing', field: 'items.qty', row, params: { item: it ? `${it.itemCode} ${it.itemName}` : '', invoiceable: b?.invoiceable ?? '0', invoiced: b?.invoiced ?? '0', left: b?.left ?? '0', uom: (it?.uom as string) ?? '' } });
        break;
      }
    }
  });
  if (issues.length) throw DomainError.invalid(issues);
}

/** The SalesInvoice behaviour with sources and default rates, wrapping the books' own. */
export function sellingInvoiceBehaviour(prev: DocBehaviour): DocBehaviour {
  return {
    ...prev,
    tables: [...new Set([...(prev.tables ?? []), INVOICES, 'items', 'customers', PRICE_LIST_TABLE, PROGRESS_TABLE])],
    async beforeSave(doc, ctx) {
      await prepareInvoice(doc, ctx);
      await prev.beforeSave?.(doc, ctx);
    },
    async onSubmit(doc, ctx) {
      await assertWithinSources(doc, ctx);
      await prev.onSubmit?.(doc, ctx);
    },
  };
}

/** A sales order / delivery note with invoiced quantity cannot be cancelled (its invoices first). */
export function invoicedSourceGuard(source: InvoiceSource, prev: DocBehaviour): DocBehaviour {
  return {
    ...prev,
    tables: [...new Set([...(prev.tables ?? []), INVOICES])],
    async onCancel(doc, ctx) {
      const sums = await invoicedLines((t) => ctx.t(t), source, doc.id);
      if ([...sums.submitted.values()].some((q) => q.gt(0))) {
        const invs = (await ctx.t<BaseRecord>(INVOICES).where(SOURCE_FIELD[source]).equals(doc.id).toArray()).filter((i) => i.status === 'submitted' && !i.deleted);
        throw new DomainError('error.source_has_invoices', { number: doc.number, invoices: invs.map((i) => i.number).join(', ') });
      }
      await prev.onCancel?.(doc, ctx);
    },
  };
}
