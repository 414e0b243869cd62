/**
 * CRM module: contacts, territories, leads with assignment rules and conversion, duplicate
 * detection and merge, pipeline (opportunities, forecast), activities and reminders, quotes
 * with discount approval, customer 360, segments and the dashboard. Registers its document
 * types, tables and demo data when imported (shared/modules.ts); see docs/crm.md.
 */
import { registerDocType, registerModule, registerTable, getBehaviour } from '../kernel/registry';
import { registerCompanyHook } from '../kernel/hooks';
import '../masters/index';
import { Customer } from '../masters/masters.doctypes';
import { Territory, Contact, Lead, Opportunity, Activity, Quote, Segment, AssignmentRule } from './crm.doctypes';
import { activityBehaviour, assignmentRuleBehaviour, contactBehaviour, customerBehaviour, opportunityBehaviour, quoteBehaviour, territoryBehaviour } from './crm.behaviour';
import { leadBehaviour, ASSIGN_STATE_TABLE } from './lead.behaviour';
import { MERGES_TABLE } from './merge.service';
import { QUOTE_EVENTS_TABLE } from './quote.service';
import { seedCrmDemo } from './crm.demo';
import './crm.messages';
import { withQuotePricing } from './crm.stock';

registerModule({ id: 'crm', order: 30, icon: 'target' });
registerDocType(Territory, territoryBehaviour);
registerDocType(Contact, contactBehaviour);
registerDocType(Lead, leadBehaviour);
registerDocType(Opportunity, opportunityBehaviour);
registerDocType(Activity, activityBehaviour);
registerDocType(Quote, withQuotePricing(quoteBehaviour));
registerDocType(Segment);
registerDocType(AssignmentRule, assignmentRuleBehaviour);
// the account record is the masters' Customer: add the dedupe keys to whatever behaviour it has
registerDocType(Customer, customerBehaviour(getBehaviour('Customer')));

/** Merges (who was merged into whom): append-only, replicated; readers follow it (mergedIds). */
registerTable(MERGES_TABLE, { schema: 'id, survivorId, loserId, docType', appendOnly: true });
/** Outcomes of submitted quotes (accepted, lost, ordered): append-only, replicated. */
registerTable(QUOTE_EVENTS_TABLE, { schema: 'id, quoteId, salesOrderId', appendOnly: true });
/** Round-robin pointers of the assignment rules: branch-local, derived, never replicated. */
registerTable(ASSIGN_STATE_TABLE, { schema: '&ruleId', derived: true, replicate: false });

registerCompanyHook({ module: 'crm', order: 30, seedDemo: seedCrmDemo });

export * from './crm.doctypes';
export * from './crm.rights';
export * from './dedupe';
export * from './assignment';
export * from './forecast';
export * from './quote.totals';
export * from './segments';
export { repDiscountLimit, REP_DISCOUNT_SETTING, DEFAULT_REP_DISCOUNT_LIMIT, territoryPath } from './crm.behaviour';
export { convertLead, reassign, myRecords, myLeads, captureLead, importLeadsCsv, importLeadsFile, CAPTURE_FIELDS, OWNED_TYPES, type ConvertLeadInput, type ConvertLeadResult, type MyQuery, type LeadImportResult } from './lead.service';
export * from './duplicates.service';
export * from './merge.service';
export * from './activity.service';
export * from './quote.service';
export * from './customer360.service';
export * from './crm.users';
export * from './dashboard.service';
export * from './email-leads';
export * from './email-leads.service';
