/**
 * Purchase and sales analytics: amounts (and, per item, quantities) by item, supplier/customer
 * or month over a date range, with a column per month. Base currency, integer minor units,
 * exact: every figure is a sum of integers, no division anywhere.
 *
 * Sources (the caller picks one; never both, an invoice made from a delivery would count twice):
 * - 'invoice' (default): submitted sales / purchase invoices. What was billed — the figures the
 *   profit and loss shows: every line's net amount (after discount, before tax) converted to base
 *   currency exactly as its GL posting does (round_half_up(net x invoice rate), line by line), so
 *   the sales total equals the income posted. Includes services and counter sales without a
 *   delivery note; credit notes / debit notes (isReturn) are netted.
 * - 'stock': submitted delivery notes / purchase receipts. What physically moved, in the stock
 *   unit, at the line price converted to base currency (each line's stored `baseAmount`,
 *   round_half_up(amount x the document's rate), ./currency.ts — never document-currency amounts
 *   mixed); known before the bill arrives. Returns (isReturn) are netted.
 * Drafts and cancelled documents are never counted (a cancellation leaves the document
 * `cancelled`; its reversal rows live in the ledgers, not here). Documents are read through the
 * postingDate index (only the range), never a whole table.
 */
import { DomainError } from '../kernel/errors';
import { D } from '../kernel/money';
import type { BaseRecord } from '../kernel/doctype';
import type { Session } from '../kernel/session';
import { linkTitles } from '../kernel/docs.service';
import { isValidDate } from '../kernel/validate';
import { lineBase } from './currency';
import { toBase } from '../books/invoice.totals';
import { minorOf } from '../books/books.context';

export const TRADE_SIDES = ['purchase', 'sales'] as const;
export const TRADE_SOURCES = ['invoice', 'stock'] as const;
export const TRADE_GROUPS = ['item', 'party', 'month'] as const;
export type TradeSide = (typeof TRADE_SIDES)[number];
export type TradeSource = (typeof TRADE_SOURCES)[number];
export type TradeGroup = (typeof TRADE_GROUPS)[number];

/** The document type each side and source reads. */
export const TRADE_DOCS: Record<TradeSide, Record<TradeSource, { docType: string; table: string; partyField: 'supplier' | 'customer'; partyType: 'Supplier' | 'Customer' }>> = {
  purchase: {
    invoice: { docType: 'PurchaseInvoice', table: 'purchase_invoices', partyField: 'supplier', partyType: 'Supplier' },
    stock: { docType: 'PurchaseReceipt', table: 'purchase_receipts', partyField: 'supplier', partyType: 'Supplier' },
  },
  sales: {
    invoice: { docType: 'SalesInvoice', table: 'sales_invoices', partyField: 'customer', partyType: 'Customer' },
    stock: { docType: 'DeliveryNote', table: 'delivery_notes', partyField: 'customer', partyType: 'Customer' },
  },
};

/** One document line, signed: returns carry negative qty and amount. */
export interface TradeLine {
  docId: string;
  date: string;
  party: string;
  /** '' for an invoice line without an item. */
  item: string;
  qty: string;
  /** Base-currency minor units. */
  amount: number;
  isReturn: boolean;
}

export interface TradeRow {
  /** Item id, party id or 'YYYY-MM' ('' = invoice lines without an item). */
  key: string;
  /** Item code, party number or the month. */
  code: string;
  /** Item name, party name or the month. */
  label: string;
  /** Net quantity (stock unit for 'stock', invoice quantity for 'invoice'); '' unless grouped by item. */
  qty: string;
  /** Net amount = gross + returns. */
  amount: number;
  /** Before returns. */
  gross: number;
  /** Returns netted (<= 0). */
  returns: number;
  /** Net amount per month, aligned with TradeReport.months. */
  months: number[];
  /** Documents that contributed. */
  docs: number;
}

export interface TradeQuery {
  side: TradeSide;
  source?: TradeSource;
  groupBy: TradeGroup;
  /** First and last posting date, 'YYYY-MM-DD', inclusive. */
  from: string;
  to: string;
  /** Only documents of this branch ('' or absent = all branches this installation holds). */
  branch?: string;
}

export interface TradeReport {
  side: TradeSide;
  source: TradeSource;
  groupBy: TradeGroup;
  from: string;
  to: string;
  currency: string;
  months: string[];
  rows: TradeRow[];
  total: TradeRow;
}

/** 'YYYY-MM' of every month from `from` to `to` (dates or months), inclusive (pure). */
export function monthsBetween(from: string, to: string): string[] {
  const idx = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
  const out: string[] = [];
  for (let i = idx(from); i <= idx(to); i++) out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return out;
}

/**
 * Sum signed lines by item, party or month (pure): net amount, gross, returns, a column per
 * month and the documents counted; quantities only per item. Rows by month come in month order
 * (every month of the range, empty ones included); others by net amount, largest first.
 */
export function aggregateTrade(lines: readonly TradeLine[], groupBy: TradeGroup, months: readonly string[]): { rows: TradeRow[]; total: TradeRow } {
  const col = new Map(months.map((m, i) => [m, i]));
  const blank = (key: string): TradeRow & { _docs: Set<string>; _qty: InstanceType<typeof D> } => ({ key, code: '', label: '', qty: '', amount: 0, gross: 0, returns: 0, months: months.map(() => 0), docs: 0, _docs: new Set(), _qty: new D(0) });
  const groups = new Map<string, ReturnType<typeof blank>>();
  if (groupBy === 'month') for (const m of months) groups.set(m, blank(m));
  const total = blank('');
  for (const l of lines) {
    const m = l.date.slice(0, 7);
    const c = col.get(m);
    if (c === undefined) continue; // outside the range asked for
    const key = groupBy === 'item' ? l.item : groupBy === 'party' ? l.party : m;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = blank(key)));
    for (const x of [g, total]) {
      x.amount += l.amount;
      if (l.isReturn) x.returns += l.amount;
      else x.gross += l.amount;
      x.months[c] += l.amount;
      x._docs.add(l.docId);
      x._qty = x._qty.add(l.qty || '0');
    }
  }
  const finish = (g: ReturnType<typeof blank>): TradeRow => {
    const { _docs, _qty, ...row } = g;
    return { ...row, code: groupBy === 'month' ? row.key : row.code, label: groupBy === 'month' ? row.key : row.label, docs: _docs.size, qty: groupBy === 'item' ? _qty.toString() : '' };
  };
  const rows = [...groups.values()].map(finish);
  if (groupBy !== 'month') rows.sort((a, b) => b.amount - a.amount || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // quantities of different items do not add up: the total has none
  return { rows, total: { ...finish(total), qty: '' } };
}

function check(q: TradeQuery): Required<Omit<TradeQuery, 'branch'>> & { branch: string } {
  const source = q.source ?? 'invoice';
  const opt = (field: string, value: unknown, options: readonly string[]) => {
    if (!options.includes(value as string)) throw new DomainError('error.option_invalid', { value: String(value), options: options.join(', ') }, field);
  };
  opt('side', q.side, TRADE_SIDES);
  opt('source', source, TRADE_SOURCES);
  opt('groupBy', q.groupBy, TRADE_GROUPS);
  for (const f of ['from', 'to'] as const) if (typeof q[f] !== 'string' || !isValidDate(q[f])) throw new DomainError('error.date_invalid', { value: String(q[f] ?? '') }, f);
  if (q.from > q.to) throw new DomainError('error.analytics_range', { from: q.from, to: q.to }, 'from');
  return { side: q.side, source, groupBy: q.groupBy, from: q.from, to: q.to, branch: q.branch ?? '' };
}

/** The signed lines of the submitted documents of one side and source in a date range. */
export async function tradeLines(s: Session, q: TradeQuery): Promise<TradeLine[]> {
  const c = check(q);
  const src = TRADE_DOCS[c.side][c.source];
  s.require(src.docType, 'read');
  const base = s.baseCurrency;
  const docs = await s.db
    .t<BaseRecord>(src.table)
    .where('postingDate')
    .between(c.from, c.to, true, true)
    .filter((d) => d.status === 'submitted' && !d.deleted && (!c.branch || d.branchId === c.branch))
    .toArray();
  const out: TradeLine[] = [];
  for (const d of docs) {
    const sign = d.isReturn ? -1 : 1;
    const cur = (d.currency as string) || base;
    for (const l of (d.items as Record<string, unknown>[]) ?? []) {
      // always base currency: an invoice line as its GL posting converts it; a stock document line
      // by its stored base amount (./currency.ts; a document saved before currencies is base)
      const amount = c.source === 'invoice' ? toBase((l.netAmount as number) ?? 0, (d.exchangeRate as string) || '1', minorOf(cur), minorOf(base)) : lineBase(l, d, base);
      const qty = new D(((c.source === 'invoice' ? l.qty : l.stockQty) as string) || '0');
      out.push({ docId: d.id, date: d.postingDate as string, party: String(d[src.partyField] ?? ''), item: String(l.item ?? ''), qty: (sign < 0 ? qty.neg() : qty).toString(), amount: sign * amount + 0, isReturn: !!d.isReturn });
    }
  }
  return out;
}

/** The report: rows by item / party / month with month columns and totals, labelled. */
export async function tradeAnalytics(s: Session, q: TradeQuery): Promise<TradeReport> {
  const c = check(q);
  const months = monthsBetween(c.from, c.to);
  const lines = await tradeLines(s, c);
  const { rows, total } = aggregateTrade(lines, c.groupBy, months);
  if (c.groupBy === 'item') {
    const items = await s.db.t<BaseRecord>('items').bulkGet(rows.map((r) => r.key).filter(Boolean));
    const byId = new Map(items.filter(Boolean).map((i) => [i!.id, i!]));
    for (const r of rows) {
      const it = byId.get(r.key);
      r.code = String(it?.itemCode ?? '');
      r.label = String(it?.itemName ?? '');
    }
  } else if (c.groupBy === 'party') {
    const src = TRADE_DOCS[c.side][c.source];
    const ids = rows.map((r) => r.key).filter(Boolean);
    const [titles, recs] = await Promise.all([linkTitles(s, src.partyType, ids), s.db.t<BaseRecord>(src.partyType === 'Customer' ? 'customers' : 'suppliers').bulkGet(ids)]);
    const numbers = new Map(recs.filter(Boolean).map((p) => [p!.id, p!.number]));
    for (const r of rows) {
      r.code = numbers.get(r.key) ?? '';
      r.label = titles.get(r.key) ?? '';
    }
  }
  return { side: c.side, source: c.source, groupBy: c.groupBy, from: c.from, to: c.to, currency: s.baseCurrency, months, rows, total };
}
