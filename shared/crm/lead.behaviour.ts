/**
 * Lead behaviour: dedupe keys, the conversion guard, ownOnly, and assignment on create.
 *
 * Assignment runs inside the lead's create transaction (createDoc, importDocs): the rules, the
 * territory tree, the reps' open-lead counts and the round-robin pointers are read through the
 * transaction, the pure rule (./assignment.ts) chooses, and the pointer is written in the same
 * transaction, so two leads created at once can never both see the same "next rep". Within one
 * transaction (an import of 100,000 rows) the rules and counts are read once and kept current
 * in memory.
 *
 * In a batched import (TxContext.batch, importDocs) the lead's id is known to be new (no stored
 * version to look up), each territory's path is read once (nothing in a lead import writes
 * territories), and the pointer is written through ctx.putRow: one write per rule and chunk
 * instead of one per lead, read back by nobody but this cache.
 */
import { DomainError } from '../kernel/errors';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { TxContext } from '../kernel/tx';
import { dedupeKeys } from './dedupe';
import { requireOwnership } from './crm.rights';
import { pickAssignee, repsOf, ruleMatches, type LeadFacts, type Rule } from './assignment';
import { territoryPath } from './crm.behaviour';
import { OPEN_LEAD_STATUSES } from './crm.doctypes';

/** Round-robin pointers per rule: branch-local, derived (losing one only restarts a round). */
export const ASSIGN_STATE_TABLE = 'crm_assign_state';

interface TxCache {
  rules: Rule[];
  workload: Map<string, number>;
  pointers: Map<string, number>;
  /** Territory paths, kept only in a batched import. */
  paths: Map<string, BaseRecord[]>;
}
const caches = new WeakMap<object, TxCache>();

function toRule(r: BaseRecord): Rule {
  return {
    id: r.id,
    active: !!r.active,
    priority: Number(r.priority ?? 10),
    matchTerritory: String(r.matchTerritory ?? ''),
    matchSource: String(r.matchSource ?? ''),
    matchProductInterest: String(r.matchProductInterest ?? ''),
    reps: ((r.reps as { user: string; maxOpen?: number }[]) ?? []).map((x) => ({ user: x.user, maxOpen: Number(x.maxOpen ?? 0) })),
  };
}

const OPEN = new Set<string>(OPEN_LEAD_STATUSES);

async function openLeads(ctx: TxContext, user: string): Promise<number> {
  return ctx.t<BaseRecord>('leads').where('owner').equals(user).filter((l) => !l.deleted && OPEN.has(String(l.leadStatus))).count();
}

/** The territory's path; read once per territory in a batched import (which writes no territory). */
async function pathOf(ctx: TxContext, cache: TxCache, territory: string): Promise<BaseRecord[]> {
  if (!ctx.batch) return territoryPath(ctx, territory);
  let path = cache.paths.get(territory);
  if (!path) cache.paths.set(territory, (path = await territoryPath(ctx, territory)));
  return path;
}

/** Choose and record the owner of a new lead; returns the rule id used ('' = none). */
export async function assignInTx(ctx: TxContext, lead: BaseRecord): Promise<string> {
  let cache = caches.get(ctx.tx);
  if (!cache) {
    const rules = (await ctx.t<BaseRecord>('assignment_rules').toArray()).filter((r) => !r.deleted && r.active).map(toRule);
    const pointers = new Map<string, number>();
    for (const p of await ctx.t<{ ruleId: string; pointer: number }>(ASSIGN_STATE_TABLE).toArray()) pointers.set(p.ruleId, p.pointer);
    cache = { rules, workload: new Map(), pointers, paths: new Map() };
    caches.set(ctx.tx, cache);
  }
  if (cache.rules.length === 0) return '';
  const path = lead.territory ? await pathOf(ctx, cache, String(lead.territory)) : [];
  const withReps = path.find((t) => ((t.reps as unknown[]) ?? []).length > 0);
  const facts: LeadFacts = {
    territoryPath: path.map((t) => t.id),
    source: String(lead.source ?? ''),
    productInterest: String(lead.productInterest ?? ''),
    territoryReps: ((withReps?.reps as { user: string }[]) ?? []).map((r) => r.user),
  };
  for (const rule of cache.rules) {
    if (!ruleMatches(rule, facts)) continue;
    for (const rep of repsOf(rule, facts)) if (rep.maxOpen > 0 && !cache.workload.has(rep.user)) cache.workload.set(rep.user, await openLeads(ctx, rep.user));
  }
  const a = pickAssignee(cache.rules, facts, cache.workload, cache.pointers);
  if (!a) return '';
  lead.owner = a.owner;
  cache.pointers.set(a.ruleId, a.pointer);
  if (cache.workload.has(a.owner)) cache.workload.set(a.owner, cache.workload.get(a.owner)! + 1);
  await ctx.putRow(ASSIGN_STATE_TABLE, { ruleId: a.ruleId, pointer: a.pointer });
  return a.ruleId;
}

export const leadBehaviour: DocBehaviour = {
  tables: ['assignment_rules', ASSIGN_STATE_TABLE, 'territories'],
  async beforeSave(doc, ctx) {
    const before = ctx.isNewRecord(doc.id) ? undefined : await ctx.t<BaseRecord>('leads').get(doc.id);
    Object.assign(doc, dedupeKeys('Lead', doc));
    if (before) {
      requireOwnership(ctx.session, 'Lead', before);
      if (before.leadStatus === 'converted') throw new DomainError('error.crm_lead_converted', { number: before.number });
      if (before.owner && doc.owner !== before.owner) throw new DomainError('error.crm_reassign_with_reason', { number: before.number }, 'owner');
      for (const k of ['customer', 'contact', 'opportunity', 'convertedAt', 'assignmentRule']) doc[k] = before[k] ?? '';
    } else {
      for (const k of ['customer', 'contact', 'opportunity', 'convertedAt']) doc[k] = '';
    }
    if (doc.leadStatus === 'converted') throw new DomainError('error.crm_convert_via_service', {}, 'leadStatus');
    if (doc.leadStatus === 'disqualified' && !String(doc.disqualifyReason ?? '').trim()) throw new DomainError('error.crm_disqualify_reason_required', {}, 'disqualifyReason');
    if (!before && !doc.owner) {
      doc.assignmentRule = await assignInTx(ctx, doc);
      if (!doc.owner && doc.source === 'manual') doc.owner = ctx.session.user.id;
    }
  },
};
