/**
 * Customer 360: one read of everything about an account, for the customer page.
 *
 * Includes the records of customers merged into this one (crm_merges), because submitted
 * documents and ledger rows keep the id they were written with. Each section is present only
 * when the user may read that type and its module is installed (orders: the stock/selling
 * module's SalesOrder; invoices, outstanding, overdue, lifetime value: books).
 * Money figures are base-currency minor units.
 */
import type { BaseRecord } from '../kernel/doctype';
import { findDocType, getDocType, allTables } from '../kernel/registry';
import type { Session } from '../kernel/session';
import { getDoc } from '../kernel/docs.service';
import { mergedIds } from './merge.service';
import { timeline, type TimelineEntry } from './activity.service';

export interface Customer360 {
  customer: BaseRecord;
  /** This id and the ids merged into it. */
  ids: string[];
  contacts: BaseRecord[];
  openOpportunities: BaseRecord[];
  /** Won + lost counts and the open pipeline (base minor units, unweighted). */
  pipeline: { open: number; won: number; lost: number };
  quotes: BaseRecord[] | null;
  orders: BaseRecord[] | null;
  invoices: BaseRecord[] | null;
  /** Receivable still open / of it past due (books' payment ledger). */
  outstanding: number | null;
  overdue: number | null;
  /** Sum of submitted invoices net of credit notes. */
  lifetimeValue: number | null;
  timeline: TimelineEntry[];
}

async function byLink(s: Session, docType: string, field: string, ids: string[]): Promise<BaseRecord[]> {
  const def = findDocType(docType);
  if (!def || !s.can(docType, 'read')) return [];
  const t = s.db.t<BaseRecord>(def.table);
  const indexed = t.schema.indexes.some((i) => i.name === field);
  const out: BaseRecord[] = [];
  for (const id of ids) out.push(...(await (indexed ? t.where(field).equals(id) : t.filter((r) => r[field] === id)).toArray()));
  return out.filter((r) => !r.deleted).sort((a, b) => (a.id < b.id ? 1 : -1));
}

export async function customer360(s: Session, customerId: string, today = s.localDate()): Promise<Customer360> {
  const customer = await getDoc(s, 'Customer', customerId);
  const ids = await mergedIds(s, 'Customer', customerId);
  const contacts = await byLink(s, 'Contact', 'customer', ids);
  const opps = await byLink(s, 'Opportunity', 'customer', ids);
  const pipeline = { open: 0, won: 0, lost: 0 };
  for (const o of opps) {
    if (o.stage === 'won') pipeline.won++;
    else if (o.stage === 'lost') pipeline.lost++;
    else pipeline.open += Number(o.amount ?? 0);
  }
  const quotes = s.can('Quote', 'read') ? await byLink(s, 'Quote', 'customer', ids) : null;
  const orders = findDocType('SalesOrder') && s.can('SalesOrder', 'read') ? await byLink(s, 'SalesOrder', 'customer', ids) : null;
  let invoices: BaseRecord[] | null = null;
  let lifetimeValue: number | null = null;
  if (findDocType('SalesInvoice') && s.can('SalesInvoice', 'read')) {
    invoices = await byLink(s, 'SalesInvoice', 'customer', ids);
    lifetimeValue = 0;
    for (const inv of invoices) {
      if (inv.status !== 'submitted') continue;
      const v = Math.abs(Number(inv.baseGrandTotal ?? 0));
      lifetimeValue += inv.isReturn ? -v : v;
    }
  }
  let outstanding: number | null = null;
  let overdue: number | null = null;
  if (allTables().has('payment_ledger') && s.can('SalesInvoice', 'read')) {
    outstanding = 0;
    overdue = 0;
    const perDoc = new Map<string, { amount: number; due: string }>();
    for (const id of ids) {
      const rows = await s.db.t<{ againstId: string; amountBase: number; dueDate: string; partyType: string; party: string }>('payment_ledger').where('[partyType+party]').equals(['customer', id]).toArray();
      for (const r of rows) {
        const d = perDoc.get(r.againstId) ?? { amount: 0, due: r.dueDate };
        d.amount += r.amountBase;
        if (!d.due && r.dueDate) d.due = r.dueDate;
        perDoc.set(r.againstId, d);
      }
    }
    for (const d of perDoc.values()) {
      outstanding += d.amount;
      if (d.amount > 0 && d.due && d.due < today) overdue += d.amount;
    }
  }
  const tl = await timeline(s, 'Customer', customerId, 50);
  return { customer, ids, contacts, openOpportunities: opps.filter((o) => o.stage !== 'won' && o.stage !== 'lost'), pipeline, quotes, orders, invoices, outstanding, overdue, lifetimeValue, timeline: tl };
}

/** Names of the customers (for pages): id -> title. */
export async function customerTitles(s: Session, ids: string[]): Promise<Map<string, string>> {
  const def = getDocType('Customer');
  const out = new Map<string, string>();
  for (const r of await s.db.t<BaseRecord>(def.table).bulkGet([...new Set(ids)])) if (r) out.set(r.id, String(r.customerName));
  return out;
}
