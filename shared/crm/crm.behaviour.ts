/**
 * Behaviours (kernel hooks, run INSIDE the command's one transaction; every read and write goes
 * through `ctx.t`) of the CRM document types, and the dedupe keys of the masters' Customer.
 *
 * Guards that every save path shares (generic form, import, API):
 * - ownOnly (./crm.rights.ts) on Lead, Opportunity, Quote, Activity;
 * - an owner, once set, changes only through `reassign` (./lead.service.ts), which requires a
 *   reason and audits it; a save may set the owner of an unowned record;
 * - protected fields (a lead's conversion links, a quote's approval) are restored from the
 *   stored version, whatever the input says: only their own services write them.
 */
import { DomainError } from '../kernel/errors';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { TxContext } from '../kernel/tx';
import { money, mul } from '../kernel/money';
import { dedupeKeys } from './dedupe';
import { requireOwnership } from './crm.rights';
import { STAGE_PROBABILITY, TERRITORY_LEVELS, type Stage } from './crm.doctypes';
import { approvalFor, quoteTotals } from './quote.totals';
import { resolveRepRows } from './crm.users';

/** Company setting: the largest line discount (percent) a rep may give without approval. */
export const REP_DISCOUNT_SETTING = 'crmRepDiscountLimit';
export const DEFAULT_REP_DISCOUNT_LIMIT = '10';

export function repDiscountLimit(settings: Record<string, unknown>): string {
  const v = settings[REP_DISCOUNT_SETTING];
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : DEFAULT_REP_DISCOUNT_LIMIT;
}

function setKeys(docType: string, rec: BaseRecord): void {
  Object.assign(rec, dedupeKeys(docType, rec));
}

async function stored(ctx: TxContext, table: string, id: string): Promise<BaseRecord | undefined> {
  return ctx.t<BaseRecord>(table).get(id);
}

/** ownOnly on the stored version; owner changes only from unowned; default owner on create. */
function ownerRules(ctx: TxContext, docType: string, rec: BaseRecord, before: BaseRecord | undefined, defaultToUser: boolean): void {
  if (before) {
    requireOwnership(ctx.session, docType, before);
    if (before.owner && rec.owner !== before.owner) throw new DomainError('error.crm_reassign_with_reason', { number: before.number }, 'owner');
  } else if (!rec.owner && defaultToUser) rec.owner = ctx.session.user.id;
}

/** The Customer behaviour with dedupe keys, wrapping whatever another module attached. */
export function customerBehaviour(prev: DocBehaviour): DocBehaviour {
  return {
    ...prev,
    async beforeSave(doc, ctx) {
      await prev.beforeSave?.(doc, ctx);
      setKeys('Customer', doc);
    },
  };
}

export const contactBehaviour: DocBehaviour = {
  beforeSave(doc) {
    setKeys('Contact', doc);
  },
};

const LEVEL_RANK = Object.fromEntries(TERRITORY_LEVELS.map((l, i) => [l, i])) as Record<string, number>;

/** Assignment rules: reps entered by user name are stored as user ids. */
export const assignmentRuleBehaviour: DocBehaviour = {
  tables: ['users'],
  async beforeSave(doc, ctx) {
    await resolveRepRows(ctx, doc.reps, 'reps');
  },
};

export const territoryBehaviour: DocBehaviour = {
  tables: ['users'],
  async beforeSave(doc, ctx) {
    await resolveRepRows(ctx, doc.reps, 'reps');
    if (!doc.parent) return;
    const seen = new Set<string>([doc.id]);
    let cur = String(doc.parent);
    const parent = await stored(ctx, 'territories', cur);
    if (parent && (LEVEL_RANK[String(parent.level)] ?? 0) >= (LEVEL_RANK[String(doc.level)] ?? 0)) {
      throw new DomainError('error.crm_territory_level', { level: doc.level, parentLevel: parent.level }, 'parent');
    }
    while (cur) {
      if (seen.has(cur)) throw new DomainError('error.crm_territory_cycle', { number: doc.number }, 'parent');
      seen.add(cur);
      const t = await stored(ctx, 'territories', cur);
      cur = t ? String(t.parent ?? '') : '';
    }
  },
};

/** The territory and its ancestors, nearest first. */
export async function territoryPath(ctx: TxContext, id: string): Promise<BaseRecord[]> {
  const out: BaseRecord[] = [];
  const seen = new Set<string>();
  let cur = id;
  while (cur && !seen.has(cur)) {
    seen.add(cur);
    const t = await stored(ctx, 'territories', cur);
    if (!t || t.deleted) break;
    out.push(t);
    cur = String(t.parent ?? '');
  }
  return out;
}

const CLOSED: readonly string[] = ['won', 'lost'];

export const opportunityBehaviour: DocBehaviour = {
  async beforeSave(doc, ctx) {
    const before = await stored(ctx, 'opportunities', doc.id);
    ownerRules(ctx, 'Opportunity', doc, before, true);
    if (!doc.customer && !doc.lead) throw new DomainError('error.crm_opportunity_party_required', {}, 'customer');
    const stage = String(doc.stage) as Stage;
    const stageChanged = !before || before.stage !== stage;
    const userSetProbability = before ? doc.probability !== before.probability : doc.probability !== '0';
    if (stageChanged && !userSetProbability) doc.probability = STAGE_PROBABILITY[stage] ?? '0';
    if (stage === 'won') doc.probability = '100';
    if (stage === 'lost') {
      doc.probability = '0';
      if (!String(doc.lostReason ?? '').trim()) throw new DomainError('error.crm_lost_reason_required', {}, 'lostReason');
    }
    if (CLOSED.includes(stage)) doc.closedOn = before && CLOSED.includes(String(before.stage)) && before.closedOn ? before.closedOn : ctx.today;
    else doc.closedOn = '';
    const currency = String(doc.currency || ctx.session.baseCurrency);
    doc.currency = currency;
    const lines = (doc.products as Record<string, unknown>[]) ?? [];
    if (lines.length) {
      let total = 0;
      for (const l of lines) {
        l.amount = mul(money(Number(l.rate ?? 0), currency), String(l.qty || '0'), 'half-up').minor;
        total += l.amount as number;
      }
      doc.amount = money(total, currency).minor;
    }
  },
};

export const activityBehaviour: DocBehaviour = {
  async beforeSave(doc, ctx) {
    const before = await stored(ctx, 'activities', doc.id);
    ownerRules(ctx, 'Activity', doc, before, true);
    if (doc.done) doc.doneAt = before?.done && before.doneAt ? before.doneAt : ctx.now;
    else doc.doneAt = '';
    if (!doc.reminderAt || doc.done) doc.reminderState = '';
    else if (before && before.reminderAt === doc.reminderAt && before.reminderState) doc.reminderState = before.reminderState;
    else doc.reminderState = 'pending';
  },
};

export const quoteBehaviour: DocBehaviour = {
  tables: ['items'],
  async beforeSave(doc, ctx) {
    const before = await stored(ctx, 'quotes', doc.id);
    ownerRules(ctx, 'Quote', doc, before, true);
    const base = ctx.session.baseCurrency;
    const currency = String(doc.currency || base);
    doc.currency = currency;
    const lines = (doc.items as Record<string, unknown>[]) ?? [];
    // price list: the item's selling price (base currency) for lines without a rate
    for (const l of lines) {
      if (Number(l.rate ?? 0) === 0 && l.item && currency === base) {
        const item = await stored(ctx, 'items', String(l.item));
        if (item) l.rate = Number(item.salePrice ?? 0);
      }
      if (!l.description && l.item) {
        const item = await stored(ctx, 'items', String(l.item));
        if (item) l.description = String(item.itemName ?? '');
      }
    }
    const t = quoteTotals(lines.map((l) => ({ qty: String(l.qty ?? '0'), rate: Number(l.rate ?? 0), discountPercent: String(l.discountPercent ?? '0') })), currency);
    lines.forEach((l, i) => Object.assign(l, t.lines[i]));
    doc.totalAmount = t.totalAmount;
    doc.discountTotal = t.discountTotal;
    doc.grandTotal = t.grandTotal;
    doc.maxDiscount = t.maxDiscount;
    // approval: only approveQuote writes approvedDiscount/approvedBy; input is ignored
    doc.approvedDiscount = before?.approvedDiscount ?? '0';
    doc.approvedBy = before?.approvedBy ?? '';
    doc.approvalStatus = approvalFor(t.maxDiscount, repDiscountLimit(ctx.session.settings), String(doc.approvedDiscount));
  },
  onSubmit(doc) {
    if (doc.approvalStatus === 'pending_approval') throw new DomainError('error.crm_quote_needs_approval', { number: doc.number, discount: doc.maxDiscount });
  },
};
