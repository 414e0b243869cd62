/**
 * Quote services beyond the generic create/update/submit:
 *
 * - approveQuote: a manager (the 'admin' right on Quote: the Administrator or a custom "Sales
 *   Manager" role granting 'admin' on crm) approves the discount of a draft quote that is above
 *   the rep limit (company setting `crmRepDiscountLimit`, default 10 %). Editing lines to a
 *   larger discount afterwards needs approval again (the behaviour compares against the
 *   approved figure, which only this service writes).
 * - Outcomes (accepted / lost / ordered) of a submitted quote are append-only events in
 *   `crm_quote_events` (a submitted quote is immutable), the latest one is the quote's outcome.
 * - convertQuoteToOrder: an accepted (or just submitted) quote becomes a Sales Order of the
 *   stock/selling module in ONE transaction with the 'ordered' event. Only when that module
 *   has registered 'SalesOrder'; otherwise error.crm_sales_order_unavailable.
 * - Live stock per warehouse while quoting comes from a provider the stock module installs with
 *   `setStockProvider` (null when there is none).
 */
import { DomainError } from '../kernel/errors';
import type { BaseRecord, DocTypeDef, FieldDef } from '../kernel/doctype';
import { findDocType, getDocType } from '../kernel/registry';
import { inTx, insertDocInTx } from '../kernel/docs.service';
import { normalizeDoc } from '../kernel/validate';
import { newId } from '../kernel/ids';
import type { Session } from '../kernel/session';
import { loadInTx, rewriteInTx, tablesFor } from './crm.tx';
import { requireOwnership } from './crm.rights';

export const QUOTE_EVENTS_TABLE = 'crm_quote_events';
export type QuoteOutcome = 'accepted' | 'lost' | 'ordered';

export interface QuoteEvent {
  id: string;
  quoteId: string;
  kind: QuoteOutcome;
  reason: string;
  salesOrderId: string;
  at: string;
  userId: string;
}

/** Approve a draft quote's discount (manager right). */
export async function approveQuote(s: Session, id: string): Promise<BaseRecord> {
  if (!s.can('Quote', 'admin')) throw new DomainError('error.crm_approval_forbidden', {});
  const def = getDocType('Quote');
  return inTx(s, [def.table], async (ctx) => {
    const before = await loadInTx(ctx, def, id);
    if (before.status !== 'draft') throw new DomainError('error.not_draft', { number: before.number, status: before.status });
    if (before.approvalStatus !== 'pending_approval') throw new DomainError('error.crm_approval_not_pending', { number: before.number });
    return rewriteInTx(ctx, def, before, { approvedDiscount: before.maxDiscount, approvedBy: s.user.id, approvalStatus: 'approved' }, 'update', 'approve');
  });
}

async function lastEvent(table: { where(i: string): { equals(v: string): { toArray(): Promise<unknown[]> } } }, quoteId: string): Promise<QuoteEvent | undefined> {
  const rows = (await table.where('quoteId').equals(quoteId).toArray()) as QuoteEvent[];
  return rows.sort((a, b) => (a.id < b.id ? -1 : 1)).pop();
}

/** The quote's latest outcome ('open' when none). */
export async function quoteOutcome(s: Session, quoteId: string): Promise<{ outcome: QuoteOutcome | 'open'; event?: QuoteEvent }> {
  s.require('Quote', 'read');
  const ev = await lastEvent(s.db.t(QUOTE_EVENTS_TABLE), quoteId);
  return { outcome: ev?.kind ?? 'open', event: ev };
}

/** Record that the customer accepted or declined a submitted quote. */
export async function markQuote(s: Session, quoteId: string, kind: 'accepted' | 'lost', reason = ''): Promise<QuoteEvent> {
  s.require('Quote', 'edit');
  const def = getDocType('Quote');
  if (kind === 'lost' && !reason.trim()) throw new DomainError('error.crm_reason_required', {}, 'reason');
  return inTx(s, [def.table, QUOTE_EVENTS_TABLE], async (ctx) => {
    const q = await loadInTx(ctx, def, quoteId);
    requireOwnership(s, 'Quote', q);
    if (q.status !== 'submitted') throw new DomainError('error.not_submitted', { number: q.number, status: q.status });
    const last = await lastEvent(ctx.t(QUOTE_EVENTS_TABLE), q.id);
    if (last?.kind === 'ordered') throw new DomainError('error.crm_quote_ordered', { number: q.number });
    const ev: QuoteEvent = { id: newId(), quoteId: q.id, kind, reason: reason.trim(), salesOrderId: '', at: ctx.now, userId: s.user.id };
    await ctx.append(QUOTE_EVENTS_TABLE, [ev as unknown as Record<string, unknown>]);
    await ctx.audit('Quote', q.id, q.number, 'update', [{ field: 'outcome', before: last?.kind ?? 'open', after: kind }], reason || undefined);
    return ev;
  });
}

/** The Sales Order's line table: the first table field whose rows have item, qty and rate. */
function orderLines(def: DocTypeDef): FieldDef | undefined {
  return def.fields.find((f) => f.type === 'table' && ['item', 'qty', 'rate'].every((n) => f.fields?.some((c) => c.name === n)));
}

/** Turn a submitted quote into a Sales Order (stock/selling module) in one step. */
export async function convertQuoteToOrder(s: Session, quoteId: string, extra: Record<string, unknown> = {}): Promise<{ salesOrder: BaseRecord; event: QuoteEvent }> {
  const soDef = findDocType('SalesOrder');
  const lines = soDef && orderLines(soDef);
  if (!soDef || !lines) throw new DomainError('error.crm_sales_order_unavailable');
  s.require('SalesOrder', 'create');
  s.require('Quote', 'read');
  const qDef = getDocType('Quote');
  return inTx(s, [...tablesFor('SalesOrder'), qDef.table, QUOTE_EVENTS_TABLE], async (ctx) => {
    const q = await loadInTx(ctx, qDef, quoteId);
    if (q.status !== 'submitted') throw new DomainError('error.not_submitted', { number: q.number, status: q.status });
    const last = await lastEvent(ctx.t(QUOTE_EVENTS_TABLE), q.id);
    if (last?.kind === 'ordered') throw new DomainError('error.crm_quote_ordered', { number: q.number });
    if (last?.kind === 'lost') throw new DomainError('error.crm_quote_lost', { number: q.number });
    const childNames = new Set((lines.fields ?? []).map((f) => f.name));
    const input: Record<string, unknown> = {
      customer: q.customer,
      [lines.name]: ((q.items as Record<string, unknown>[]) ?? []).map((l) => {
        const row: Record<string, unknown> = { item: l.item, qty: l.qty, rate: l.rate };
        if (childNames.has('discountPercent')) row.discountPercent = l.discountPercent;
        else if (childNames.has('discount')) row.discount = l.discountPercent;
        if (childNames.has('description')) row.description = l.description;
        return row;
      }),
    };
    const has = (n: string) => soDef.fields.some((f) => f.name === n);
    if (has('currency')) input.currency = q.currency;
    for (const d of ['transactionDate', 'orderDate', 'postingDate', 'date']) if (has(d)) input[d] = ctx.today;
    if (has('quote')) input.quote = q.id;
    else if (has('quotation')) input.quotation = q.id;
    Object.assign(input, extra);
    const so = await insertDocInTx(ctx, soDef, normalizeDoc(soDef, input, s.baseCurrency));
    const ev: QuoteEvent = { id: newId(), quoteId: q.id, kind: 'ordered', reason: '', salesOrderId: so.id, at: ctx.now, userId: s.user.id };
    await ctx.append(QUOTE_EVENTS_TABLE, [ev as unknown as Record<string, unknown>]);
    await ctx.audit('Quote', q.id, q.number, 'update', [{ field: 'outcome', before: last?.kind ?? 'open', after: 'ordered' }], so.number);
    return { salesOrder: so, event: ev };
  });
}

/** Stock on hand of one item per warehouse (quantities as decimal strings). */
export interface StockLine {
  warehouse: string;
  qty: string;
  /** On hand + ordered - reserved. */
  available: string;
}
export type StockProvider = (s: Session, itemIds: string[]) => Promise<Map<string, StockLine[]>>;
let stockProvider: StockProvider | null = null;

/** Installed by the stock module (or its index) so quoting shows live stock. */
export function setStockProvider(p: StockProvider | null): void {
  stockProvider = p;
}

/** Live stock per warehouse of the quoted items, or null when no stock module is present. */
export async function quoteStock(s: Session, itemIds: string[]): Promise<Map<string, StockLine[]> | null> {
  if (!stockProvider || itemIds.length === 0) return null;
  return stockProvider(s, [...new Set(itemIds)]);
}
