/**
 * CRM document types: Territory, Contact, Lead, Opportunity, Activity, Quote, Segment,
 * AssignmentRule. The account (company) record is the masters' Customer, extended in place with
 * CRM fields (shared/masters/masters.doctypes.ts).
 *
 * Conventions of this module:
 * - `owner` is the id of the responsible sales rep (a user id, '' = unassigned). Reps without the
 *   'admin' right on a type edit only records they own ("ownOnly", see ./crm.rights.ts).
 * - Hidden `*Key` fields hold the dedupe keys (./dedupe.ts), written by the behaviours on every
 *   save and indexed, so duplicate checks are index look-ups, never table scans.
 * - Status-like fields are named for what they are (`leadStatus`, `stage`), never `status`,
 *   which is the kernel's draft/submitted/cancelled/active.
 */
import type { DocTypeDef } from '../kernel/doctype';

export const TERRITORY_LEVELS = ['region', 'city', 'district'] as const;
export const LEAD_SOURCES = ['manual', 'import', 'capture_form', 'email'] as const;
export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'disqualified', 'converted'] as const;
/** Lead statuses that count towards a rep's workload. */
export const OPEN_LEAD_STATUSES = ['new', 'contacted', 'qualified'] as const;
export const STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type Stage = (typeof STAGES)[number];
/** Default win probability (percent) per stage; applied when the stage changes. */
export const STAGE_PROBABILITY: Record<Stage, string> = { prospecting: '10', qualification: '20', proposal: '50', negotiation: '75', won: '100', lost: '0' };
export const ACTIVITY_TYPES = ['call', 'meeting', 'task', 'note'] as const;
export const APPROVAL_STATUSES = ['not_required', 'pending_approval', 'approved'] as const;
export const SEGMENT_TARGETS = ['Customer', 'Contact', 'Lead'] as const;
export const SEGMENT_OPS = ['eq', 'neq', 'contains', 'starts_with', 'gt', 'lt', 'empty', 'not_empty'] as const;

/** Hidden, read-only dedupe key fields (computed by behaviours). */
const key = (name: string) => ({ name, type: 'data', hidden: true, readOnly: true }) as const;

export const Territory = {
  name: 'Territory',
  table: 'territories',
  module: 'crm',
  submittable: false,
  ownership: 'shared',
  naming: { series: 'TERR' },
  titleField: 'territoryName',
  icon: 'map',
  fields: [
    { name: 'territoryName', type: 'data', required: true, maxLength: 140 },
    /** region -> city -> district; a child is always one or more levels below its parent. */
    { name: 'level', type: 'select', options: TERRITORY_LEVELS, default: 'region' },
    { name: 'parent', type: 'link', link: 'Territory' },
    /** User id of the manager (approvals, escalations). */
    { name: 'manager', type: 'data', maxLength: 40 },
    /** Reps working the territory; assignment rules without reps of their own use these. */
    { name: 'reps', type: 'table', fields: [{ name: 'user', type: 'data', required: true, maxLength: 40 }] },
  ],
  listColumns: ['number', 'territoryName', 'level', 'parent', 'manager'],
  searchFields: ['territoryName'],
} as const satisfies DocTypeDef;

export const Contact = {
  name: 'Contact',
  table: 'contacts',
  module: 'crm',
  submittable: false,
  ownership: 'shared',
  naming: { series: 'CONT' },
  titleField: 'contactName',
  icon: 'address-book',
  fields: [
    { name: 'contactName', type: 'data', required: true, maxLength: 140 },
    { name: 'contactNameZh', type: 'data', maxLength: 80 },
    /** Job title. */
    { name: 'jobTitle', type: 'data', maxLength: 80 },
    { name: 'customer', type: 'link', link: 'Customer' },
    { name: 'phone', type: 'phone', maxLength: 40 },
    { name: 'mobile', type: 'phone', maxLength: 40 },
    { name: 'email', type: 'email' },
    { name: 'wechat', type: 'data', maxLength: 60 },
    { name: 'owner', type: 'data', maxLength: 40 },
    /** Comma-separated tags. */
    { name: 'tags', type: 'data', maxLength: 200 },
    { name: 'isPrimary', type: 'check' },
    { name: 'notes', type: 'text', maxLength: 2000 },
    key('nameKey'),
    key('emailKey'),
    key('phoneKey'),
  ],
  listColumns: ['number', 'contactName', 'contactNameZh', 'customer', 'mobile', 'email', 'owner'],
  searchFields: ['contactName', 'contactNameZh', 'email', 'mobile', 'phone', 'wechat'],
  indexes: ['nameKey', 'emailKey', 'phoneKey', 'tags'],
} as const satisfies DocTypeDef;

export const Lead = {
  name: 'Lead',
  table: 'leads',
  module: 'crm',
  submittable: false,
  ownership: 'shared',
  naming: { series: 'LEAD' },
  titleField: 'leadName',
  icon: 'target',
  fields: [
    /** The person. */
    { name: 'leadName', type: 'data', required: true, maxLength: 140 },
    { name: 'companyName', type: 'data', maxLength: 140 },
    { name: 'jobTitle', type: 'data', maxLength: 80 },
    { name: 'phone', type: 'phone', maxLength: 40 },
    { name: 'mobile', type: 'phone', maxLength: 40 },
    { name: 'email', type: 'email' },
    { name: 'wechat', type: 'data', maxLength: 60 },
    { name: 'city', type: 'data', maxLength: 80 },
    { name: 'source', type: 'select', options: LEAD_SOURCES, default: 'manual' },
    { name: 'campaign', type: 'data', maxLength: 80 },
    { name: 'leadStatus', type: 'select', options: LEAD_STATUSES, default: 'new' },
    { name: 'owner', type: 'data', maxLength: 40 },
    { name: 'territory', type: 'link', link: 'Territory' },
    /** Product or product group of interest; comma-separated when several. */
    { name: 'productInterest', type: 'data', maxLength: 140 },
    { name: 'disqualifyReason', type: 'data', maxLength: 200 },
    { name: 'notes', type: 'text', maxLength: 2000 },
    /** Set by lead conversion (./lead.service.ts), never by hand. */
    { name: 'customer', type: 'link', link: 'Customer', readOnly: true },
    { name: 'contact', type: 'link', link: 'Contact', readOnly: true },
    { name: 'opportunity', type: 'link', link: 'Opportunity', readOnly: true },
    { name: 'convertedAt', type: 'datetime', readOnly: true },
    /** Id of the assignment rule that chose the owner on create. */
    { name: 'assignmentRule', type: 'data', hidden: true, readOnly: true },
    key('nameKey'),
    key('emailKey'),
    key('phoneKey'),
  ],
  listColumns: ['number', 'leadName', 'companyName', 'leadStatus', 'source', 'owner', 'territory'],
  searchFields: ['leadName', 'companyName', 'email', 'mobile', 'phone', 'campaign'],
  indexes: ['nameKey', 'emailKey', 'phoneKey', 'campaign'],
} as const satisfies DocTypeDef;

export const Opportunity = {
  name: 'Opportunity',
  table: 'opportunities',
  module: 'crm',
  submittable: false,
  ownership: 'shared',
  naming: { series: 'OPP' },
  titleField: 'title',
  icon: 'trending-up',
  fields: [
    { name: 'title', type: 'data', required: true, maxLength: 140 },
    /** The account; or `lead` while the prospect is not yet a customer. */
    { name: 'customer', type: 'link', link: 'Customer' },
    { name: 'lead', type: 'link', link: 'Lead' },
    { name: 'contact', type: 'link', link: 'Contact' },
    { name: 'stage', type: 'select', options: STAGES, default: 'prospecting' },
    /** Win probability in percent; defaults per stage (STAGE_PROBABILITY). */
    { name: 'probability', type: 'percent', min: 0, max: 100 },
    { name: 'currency', type: 'currency' },
    /** Expected value in minor units of `currency`; the sum of the products when there are any. */
    { name: 'amount', type: 'money', min: 0, currencyField: 'currency' },
    { name: 'expectedClose', type: 'date' },
    { name: 'owner', type: 'data', maxLength: 40 },
    { name: 'territory', type: 'link', link: 'Territory' },
    {
      name: 'products',
      type: 'table',
      currencyField: 'currency',
      fields: [
        { name: 'item', type: 'link', link: 'Item', required: true },
        { name: 'qty', type: 'decimal', min: 0, default: '1' },
        { name: 'rate', type: 'money', min: 0 },
        { name: 'amount', type: 'money', readOnly: true },
      ],
    },
    /** Required when the stage is lost. */
    { name: 'lostReason', type: 'data', maxLength: 200 },
    /** Date the stage became won or lost (set by the service). */
    { name: 'closedOn', type: 'date', readOnly: true },
    { name: 'notes', type: 'text', maxLength: 2000 },
  ],
  listColumns: ['number', 'title', 'customer', 'stage', 'amount', 'expectedClose', 'owner'],
  searchFields: ['title'],
  indexes: ['lead', 'contact', 'probability'],
} as const satisfies DocTypeDef;

export const Activity = {
  name: 'Activity',
  table: 'activities',
  module: 'crm',
  submittable: false,
  ownership: 'shared',
  naming: { series: 'ACT' },
  titleField: 'subject',
  icon: 'calendar',
  fields: [
    { name: 'subject', type: 'data', required: true, maxLength: 200 },
    { name: 'activityType', type: 'select', options: ACTIVITY_TYPES, default: 'task' },
    { name: 'dueDate', type: 'date' },
    /** When to remind the owner (a kernel notification, see dueReminders). */
    { name: 'reminderAt', type: 'datetime' },
    { name: 'done', type: 'check' },
    { name: 'doneAt', type: 'datetime', readOnly: true },
    { name: 'owner', type: 'data', maxLength: 40 },
    { name: 'customer', type: 'link', link: 'Customer' },
    { name: 'contact', type: 'link', link: 'Contact' },
    { name: 'lead', type: 'link', link: 'Lead' },
    { name: 'opportunity', type: 'link', link: 'Opportunity' },
    { name: 'notes', type: 'text', maxLength: 4000 },
    /** 'pending' while a reminder is due to fire, 'sent' after (indexed: the reminder queue). */
    { name: 'reminderState', type: 'data', hidden: true, readOnly: true },
  ],
  listColumns: ['number', 'subject', 'activityType', 'dueDate', 'owner', 'customer'],
  searchFields: ['subject'],
  indexes: ['contact', 'lead', 'opportunity', 'reminderState', 'reminderAt'],
} as const satisfies DocTypeDef;

export const Quote = {
  name: 'Quote',
  table: 'quotes',
  module: 'crm',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'QTN' },
  titleField: 'number',
  icon: 'file-dollar',
  fields: [
    { name: 'customer', type: 'link', link: 'Customer', required: true },
    { name: 'contact', type: 'link', link: 'Contact' },
    { name: 'opportunity', type: 'link', link: 'Opportunity' },
    { name: 'quoteDate', type: 'date', required: true },
    { name: 'validUntil', type: 'date' },
    { name: 'currency', type: 'currency' },
    { name: 'owner', type: 'data', maxLength: 40 },
    {
      name: 'items',
      type: 'table',
      required: true,
      currencyField: 'currency',
      fields: [
        { name: 'item', type: 'link', link: 'Item', required: true },
        { name: 'description', type: 'data', maxLength: 280 },
        { name: 'qty', type: 'decimal', required: true, min: 0 },
        /** Unit price; blank = the selling price lists' price (shared/stock/price-lists.ts), else the item's selling price (base currency quotes). */
        { name: 'rate', type: 'money', min: 0 },
        { name: 'discountPercent', type: 'percent', min: 0, max: 100 },
        { name: 'amount', type: 'money', readOnly: true },
        { name: 'discountAmount', type: 'money', readOnly: true },
        { name: 'netAmount', type: 'money', readOnly: true },
      ],
    },
    { name: 'totalAmount', type: 'money', readOnly: true, currencyField: 'currency' },
    { name: 'discountTotal', type: 'money', readOnly: true, currencyField: 'currency' },
    { name: 'grandTotal', type: 'money', readOnly: true, currencyField: 'currency' },
    /** Largest line discount (percent); above the rep limit the quote needs approval. */
    { name: 'maxDiscount', type: 'percent', readOnly: true },
    { name: 'approvalStatus', type: 'select', options: APPROVAL_STATUSES, readOnly: true },
    /** Discount a manager approved (approveQuote); only that service writes it. */
    { name: 'approvedDiscount', type: 'percent', readOnly: true, hidden: true },
    { name: 'approvedBy', type: 'data', readOnly: true, hidden: true },
    { name: 'notes', type: 'text', maxLength: 2000 },
    { name: 'amendedFrom', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['number', 'customer', 'quoteDate', 'validUntil', 'grandTotal', 'approvalStatus', 'owner'],
  searchFields: ['notes'],
  indexes: ['opportunity'],
} as const satisfies DocTypeDef;

export const Segment = {
  name: 'Segment',
  table: 'segments',
  module: 'crm',
  submittable: false,
  ownership: 'shared',
  naming: { series: 'SEG' },
  titleField: 'segmentName',
  icon: 'filter',
  fields: [
    { name: 'segmentName', type: 'data', required: true, maxLength: 140 },
    { name: 'target', type: 'select', options: SEGMENT_TARGETS, required: true, default: 'Customer' },
    /** All conditions must hold. */
    {
      name: 'conditions',
      type: 'table',
      fields: [
        { name: 'field', type: 'data', required: true, maxLength: 60 },
        { name: 'op', type: 'select', options: SEGMENT_OPS, required: true, default: 'eq' },
        { name: 'value', type: 'data', maxLength: 200 },
      ],
    },
    { name: 'notes', type: 'text', maxLength: 1000 },
  ],
  listColumns: ['number', 'segmentName', 'target'],
  searchFields: ['segmentName'],
} as const satisfies DocTypeDef;

export const AssignmentRule = {
  name: 'AssignmentRule',
  table: 'assignment_rules',
  module: 'crm',
  submittable: false,
  ownership: 'shared',
  naming: { series: 'ARULE' },
  titleField: 'ruleName',
  icon: 'route',
  fields: [
    { name: 'ruleName', type: 'data', required: true, maxLength: 140 },
    { name: 'active', type: 'check', default: true },
    /** Lower runs first. */
    { name: 'priority', type: 'int', min: 0, default: 10 },
    /** Matches leads in this territory or any territory below it. */
    { name: 'matchTerritory', type: 'link', link: 'Territory' },
    { name: 'matchSource', type: 'select', options: LEAD_SOURCES },
    { name: 'matchProductInterest', type: 'data', maxLength: 140 },
    /** Round-robin among these reps; none = the reps of the lead's territory. */
    {
      name: 'reps',
      type: 'table',
      fields: [
        { name: 'user', type: 'data', required: true, maxLength: 40 },
        /** Most open leads the rep may hold (0 = no cap). */
        { name: 'maxOpen', type: 'int', min: 0 },
      ],
    },
  ],
  listColumns: ['number', 'ruleName', 'priority', 'matchTerritory', 'matchSource', 'matchProductInterest'],
  searchFields: ['ruleName'],
} as const satisfies DocTypeDef;

export const CRM_DOCTYPES = [Territory, Contact, Lead, Opportunity, Activity, Quote, Segment, AssignmentRule] as const;
