/**
 * Leads from pasted e-mail addresses: preview, then create.
 *
 * previewEmailLeads: the pure parser (./email-leads.ts) gives one draft per distinct address;
 *   each is checked against existing leads, customers and contacts by the e-mail key (the same
 *   indexed look-up as findDuplicates), so the preview can flag or skip them. Writes nothing.
 * createEmailLeads: the drafts the user confirmed (possibly edited) become leads with source
 *   `email` through the kernel import service: ALL or NOTHING in one transaction, every row
 *   through the Lead behaviour (dedupe keys, assignment rules, audit, outbox), exactly like an
 *   import. The duplicate check is run again at this moment: a draft whose address now exists
 *   is skipped unless the user chose to create it anyway (`allowDuplicate`).
 */
import type { BaseRecord } from '../kernel/doctype';
import { DomainError } from '../kernel/errors';
import type { RowIssue } from '../kernel/csv-map';
import { importDocs } from '../kernel/import.service';
import { redact } from '../kernel/docs.service';
import { getDocType } from '../kernel/registry';
import type { Session } from '../kernel/session';
import { emailKey } from './dedupe';
import { findDuplicates, type DuplicateHit } from './duplicates.service';
import { normalizeAddress, parseEmailLeads, type EmailLeadDraft } from './email-leads';

/** Most addresses one paste may turn into leads (a larger list is an import file's job). */
export const MAX_EMAIL_LEADS = 1000;

export interface EmailLeadPreviewRow extends EmailLeadDraft {
  /** Existing leads / customers / contacts with the same address ([] when new). */
  duplicates: DuplicateHit[];
}

export interface EmailLeadPreview {
  rows: EmailLeadPreviewRow[];
  invalid: string[];
  automated: string[];
}

async function sameAddress(s: Session, email: string): Promise<DuplicateHit[]> {
  // only the e-mail key: a company name guessed from a domain is too weak to call a duplicate
  return findDuplicates(s, 'Lead', { email });
}

export async function previewEmailLeads(s: Session, text: string): Promise<EmailLeadPreview> {
  s.require('Lead', 'create');
  s.require('Lead', 'read');
  const parsed = parseEmailLeads(text);
  if (parsed.drafts.length > MAX_EMAIL_LEADS) throw new DomainError('error.crm_email_too_many', { count: parsed.drafts.length, max: MAX_EMAIL_LEADS });
  const rows: EmailLeadPreviewRow[] = [];
  for (const d of parsed.drafts) rows.push({ ...d, duplicates: await sameAddress(s, d.email) });
  return { rows, invalid: parsed.invalid, automated: parsed.automated };
}

export interface EmailLeadInput {
  email: string;
  leadName: string;
  companyName?: string;
  /** Create it even though a lead, customer or contact already has this address. */
  allowDuplicate?: boolean;
}

export interface EmailLeadResult {
  /** True when every row to create was valid and (unless dryRun) all were written. */
  ok: boolean;
  created: BaseRecord[];
  /** Drafts not created: the address exists already (and allowDuplicate was not set), or repeats an earlier row being created. */
  skipped: { email: string; reason: 'exists' | 'repeated'; duplicates: DuplicateHit[] }[];
  /** Problems by INPUT row index (nothing was written when there is any). */
  issues: RowIssue[];
}

export async function createEmailLeads(s: Session, inputs: readonly EmailLeadInput[], opts: { campaign?: string; dryRun?: boolean } = {}): Promise<EmailLeadResult> {
  s.require('Lead', 'create');
  s.require('Lead', 'read');
  if (inputs.length === 0) throw new DomainError('error.import_no_rows');
  if (inputs.length > MAX_EMAIL_LEADS) throw new DomainError('error.crm_email_too_many', { count: inputs.length, max: MAX_EMAIL_LEADS });
  const skipped: EmailLeadResult['skipped'] = [];
  const issues: RowIssue[] = [];
  const rows: Record<string, unknown>[] = [];
  const inputRow: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < inputs.length; i++) {
    const inp = inputs[i];
    const email = normalizeAddress(inp.email ?? '');
    if (!email) {
      issues.push({ code: 'error.email_invalid', field: 'email', row: i, params: { value: String(inp.email ?? '') } });
      continue;
    }
    const key = emailKey(email);
    if (seen.has(key)) {
      skipped.push({ email, reason: 'repeated', duplicates: [] });
      continue;
    }
    const duplicates = await sameAddress(s, email);
    if (duplicates.length && !inp.allowDuplicate) {
      skipped.push({ email, reason: 'exists', duplicates });
      continue;
    }
    seen.add(key);
    const row: Record<string, unknown> = { leadName: (inp.leadName ?? '').trim(), companyName: (inp.companyName ?? '').trim(), email, source: 'email' };
    if (opts.campaign?.trim()) row.campaign = opts.campaign.trim();
    rows.push(row);
    inputRow.push(i);
  }
  if (issues.length) return { ok: false, created: [], skipped, issues };
  if (rows.length === 0) return { ok: true, created: [], skipped, issues: [] };
  const res = await importDocs(s, 'Lead', rows, { dryRun: opts.dryRun });
  if (!res.ok) return { ok: false, created: [], skipped, issues: res.issues.map((x) => ({ ...x, row: inputRow[x.row] })) };
  const def = getDocType('Lead');
  const created = (await s.db.t<BaseRecord>(def.table).bulkGet(res.ids)).filter((r): r is BaseRecord => !!r).map((r) => redact(s, def, r));
  return { ok: true, created, skipped, issues: [] };
}
