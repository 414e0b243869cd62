/**
 * Lead application services: conversion, audited reassignment, "my" lists, the capture form and
 * CSV / Excel import. (Leads from pasted e-mail addresses: ./email-leads.service.ts.)
 *
 * convertLead: a QUALIFIED lead becomes a Customer (or joins an existing one), a Contact and an
 * Opportunity in ONE transaction; the lead is kept (status converted, links to what it became,
 * its activities also linked to the new customer), so its history stays readable. If any part
 * fails, nothing is written.
 */
import { DomainError, type FieldIssue } from '../kernel/errors';
import type { BaseRecord } from '../kernel/doctype';
import { getDocType } from '../kernel/registry';
import { normalizeDoc } from '../kernel/validate';
import { createDoc, inTx, insertDocInTx, redact } from '../kernel/docs.service';
import { importDocs, type ImportResult } from '../kernel/import.service';
import { csvToInputs, type CsvImport } from '../kernel/csv-map';
import { fileToInputs, type ImportFile } from '../kernel/import-file';
import type { Session } from '../kernel/session';
import type { Lang } from '../i18n';
import { loadInTx, rewriteInTx, tablesFor } from './crm.tx';
import { requireOwnership } from './crm.rights';
import { findDuplicates, type DuplicateHit } from './duplicates.service';
import { keysetPage } from '../kernel/keyset';

export interface ConvertLeadInput {
  /** Join an existing customer instead of creating one. */
  customerId?: string;
  /** Overrides of the new customer's fields (e.g. customerGroup). */
  customer?: Record<string, unknown>;
  /** Create an opportunity (default true). */
  createOpportunity?: boolean;
  /** Overrides of the new opportunity's fields (title, amount, expectedClose, ...). */
  opportunity?: Record<string, unknown>;
}

export interface ConvertLeadResult {
  lead: BaseRecord;
  customer: BaseRecord;
  contact: BaseRecord;
  opportunity: BaseRecord | null;
}

export async function convertLead(s: Session, leadId: string, input: ConvertLeadInput = {}): Promise<ConvertLeadResult> {
  s.require('Lead', 'edit');
  s.require('Contact', 'create');
  s.require('Customer', input.customerId ? 'read' : 'create');
  const withOpp = input.createOpportunity !== false;
  if (withOpp) s.require('Opportunity', 'create');
  const leadDef = getDocType('Lead');
  const custDef = getDocType('Customer');
  const contDef = getDocType('Contact');
  const oppDef = getDocType('Opportunity');
  return inTx(s, tablesFor('Lead', 'Customer', 'Contact', 'Opportunity', 'Activity'), async (ctx) => {
    const lead = await loadInTx(ctx, leadDef, leadId);
    requireOwnership(s, 'Lead', lead);
    if (lead.leadStatus === 'converted') throw new DomainError('error.crm_lead_converted', { number: lead.number });
    if (lead.leadStatus !== 'qualified') throw new DomainError('error.crm_lead_not_qualified', { number: lead.number, status: lead.leadStatus }, 'leadStatus');
    const str = (k: string) => String(lead[k] ?? '');
    let customer: BaseRecord;
    if (input.customerId) {
      customer = await loadInTx(ctx, custDef, input.customerId);
    } else {
      const values = normalizeDoc(custDef, {
        customerName: str('companyName') || str('leadName'),
        email: str('email'),
        phone: str('phone') || str('mobile'),
        city: str('city'),
        wechat: str('wechat'),
        owner: str('owner'),
        territory: str('territory'),
        source: str('source'),
        notes: str('notes'),
        ...input.customer,
      }, s.baseCurrency);
      customer = await insertDocInTx(ctx, custDef, values);
    }
    const contact = await insertDocInTx(ctx, contDef, normalizeDoc(contDef, {
      contactName: str('leadName'),
      jobTitle: str('jobTitle'),
      phone: str('phone'),
      mobile: str('mobile'),
      email: str('email'),
      wechat: str('wechat'),
      customer: customer.id,
      owner: str('owner'),
      isPrimary: true,
    }, s.baseCurrency));
    let opportunity: BaseRecord | null = null;
    if (withOpp) {
      opportunity = await insertDocInTx(ctx, oppDef, normalizeDoc(oppDef, {
        title: `${String(customer.customerName)} - ${str('productInterest') || str('leadName')}`.slice(0, 140),
        customer: customer.id,
        lead: lead.id,
        contact: contact.id,
        stage: 'qualification',
        owner: str('owner'),
        territory: str('territory'),
        ...input.opportunity,
      }, s.baseCurrency));
    }
    // the lead's activities now also belong to the account
    const actDef = getDocType('Activity');
    for (const a of await ctx.t<BaseRecord>('activities').where('lead').equals(lead.id).toArray()) {
      if (!a.deleted && !a.customer) await rewriteInTx(ctx, actDef, a, { customer: customer.id, contact: a.contact || contact.id }, 'update', 'convert');
    }
    const done = await rewriteInTx(ctx, leadDef, lead, { leadStatus: 'converted', customer: customer.id, contact: contact.id, opportunity: opportunity?.id ?? '', convertedAt: ctx.now }, 'update', 'convert');
    return { lead: done, customer, contact, opportunity };
  });
}

/** Types whose records have an `owner` that reassign may change. */
export const OWNED_TYPES = ['Lead', 'Opportunity', 'Activity', 'Quote', 'Customer', 'Contact'] as const;

/**
 * Give a record to another rep, with a reason (required; kept as the audit row's note). Reps
 * may hand over records they own; managers any.
 */
export async function reassign(s: Session, docType: string, id: string, newOwner: string, reason: string): Promise<BaseRecord> {
  if (!(OWNED_TYPES as readonly string[]).includes(docType)) throw new DomainError('error.crm_not_owned_type', { docType });
  s.require(docType, 'edit');
  if (!reason?.trim()) throw new DomainError('error.crm_reason_required', {}, 'reason');
  const def = getDocType(docType);
  return inTx(s, [def.table, 'users'], async (ctx) => {
    const before = await loadInTx(ctx, def, id);
    requireOwnership(s, docType, before);
    if (newOwner && !(await ctx.t('users').get(newOwner))) throw new DomainError('error.crm_user_unknown', { id: newOwner }, 'owner');
    if (before.owner === newOwner) return before;
    return rewriteInTx(ctx, def, before, { owner: newOwner }, 'update', `reassign: ${reason.trim()}`);
  });
}

export interface MyQuery {
  limit?: number;
  /** Cursor: the id of the last row of the previous page. */
  before?: string;
  /** Equality filters applied on the page (e.g. { leadStatus: 'new' }). */
  filters?: Record<string, unknown>;
}

/**
 * Records owned by the session user, newest first, by keyset over the `owner` index in (owner,
 * id) order (ids are time-ordered): constant cost however many records other reps have.
 */
export async function myRecords(s: Session, docType: string, q: MyQuery = {}): Promise<{ rows: BaseRecord[]; next: string | null }> {
  s.require(docType, 'read');
  const def = getDocType(docType);
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const me = s.user.id;
  const filters = Object.entries(q.filters ?? {}).filter(([, v]) => v !== undefined && v !== '');
  const rows = await keysetPage(s.db.t<BaseRecord>(def.table), {
    index: 'owner',
    equals: me,
    after: q.before ? [me, q.before] : undefined,
    desc: true,
    filter: (r) => !r.deleted && filters.every(([k, v]) => r[k] === v),
    limit: limit + 1,
  });
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: page.map((r) => redact(s, def, r)), next: more ? page[page.length - 1].id : null };
}

export const myLeads = (s: Session, q: MyQuery = {}) => myRecords(s, 'Lead', q);

/** Fields a counter/web capture form may fill. */
export const CAPTURE_FIELDS = ['leadName', 'companyName', 'phone', 'mobile', 'email', 'wechat', 'city', 'productInterest', 'campaign', 'notes'] as const;

/** A lead from the capture form (source capture_form, assignment rules apply), with duplicate warnings. */
export async function captureLead(s: Session, input: Record<string, unknown>): Promise<{ lead: BaseRecord; duplicates: DuplicateHit[] }> {
  const values: Record<string, unknown> = { source: 'capture_form' };
  for (const k of CAPTURE_FIELDS) if (input[k] !== undefined) values[k] = input[k];
  const duplicates = await findDuplicates(s, 'Lead', values);
  const lead = await createDoc(s, 'Lead', values);
  return { lead, duplicates };
}

export interface LeadImportResult extends ImportResult {
  /** Header problems (missing required columns, no rows): nothing was checked further. */
  headerIssues: FieldIssue[];
  /** Spreadsheet row number of each data row (issues carry the data row index). */
  sheetRows: number[];
}

/**
 * Import leads from CSV text through the kernel import service (all-or-nothing, per-row
 * report, dry run). Rows without a source get 'import'; assignment rules apply to every row.
 */
export async function importLeadsCsv(s: Session, text: string, opts: { dryRun?: boolean; lang?: Lang } = {}): Promise<LeadImportResult> {
  return importLeadRows(s, csvToInputs(getDocType('Lead'), text, opts.lang ?? 'en'), opts);
}

/**
 * The same from a file: CSV or an Excel .xlsx workbook (its first visible sheet, or `sheet`).
 * A damaged workbook throws DomainError error.xlsx_* and imports nothing.
 */
export async function importLeadsFile(s: Session, file: ImportFile, opts: { dryRun?: boolean; lang?: Lang; sheet?: string } = {}): Promise<LeadImportResult> {
  s.require('Lead', 'create');
  return importLeadRows(s, fileToInputs(getDocType('Lead'), file, opts.lang ?? 'en', opts.sheet), opts);
}

async function importLeadRows(s: Session, parsed: CsvImport, opts: { dryRun?: boolean }): Promise<LeadImportResult> {
  if (parsed.headerIssues.length) return { ok: false, imported: 0, issues: [], ids: [], headerIssues: parsed.headerIssues, sheetRows: parsed.sheetRows };
  const rows = parsed.rows.map((r) => ({ ...r, source: r.source || 'import' }));
  const res = await importDocs(s, 'Lead', rows, { dryRun: opts.dryRun });
  return { ...res, headerIssues: [], sheetRows: parsed.sheetRows };
}
