/**
 * Lead assignment rules, pure part. The service (./lead.behaviour.ts) reads the rules, the
 * lead's territory path, the reps' current open-lead counts and the round-robin pointers inside
 * the lead's create transaction, calls `pickAssignee`, and writes the owner and the new pointer
 * in that same transaction.
 *
 * Semantics:
 * - Active rules are tried by priority (lower first), then by id for a stable order.
 * - A rule matches when every criterion it sets holds: territory (the lead's territory or one
 *   below it), source, product interest (case-insensitive, any of the lead's comma-separated
 *   interests). A rule with no criteria matches every lead (a catch-all).
 * - Among a matching rule's reps (or, when it lists none, the reps of the lead's territory),
 *   round-robin starts after the rep chosen last time; a rep at their workload cap (open leads
 *   >= maxOpen, 0 = no cap) is skipped. When all are capped, the next matching rule is tried;
 *   when none can take the lead it stays unassigned (the result is null).
 */
import { fold } from './dedupe';

export interface RuleRep {
  user: string;
  /** 0 = no cap. */
  maxOpen: number;
}

export interface Rule {
  id: string;
  active: boolean;
  priority: number;
  matchTerritory: string;
  matchSource: string;
  matchProductInterest: string;
  reps: RuleRep[];
}

export interface LeadFacts {
  /** The lead's territory first, then its parent, up to the root ([] when none). */
  territoryPath: readonly string[];
  source: string;
  productInterest: string;
  /** Reps of the nearest territory on the path that has reps (fallback of rules without reps). */
  territoryReps: readonly string[];
}

export interface Assignment {
  owner: string;
  ruleId: string;
  /** Index of the chosen rep in the rule's rep list (the next round starts after it). */
  pointer: number;
}

const interests = (s: string) => fold(s).split(/[,，;；]/).map((x) => x.trim()).filter(Boolean);

export function ruleMatches(rule: Rule, lead: LeadFacts): boolean {
  if (!rule.active) return false;
  if (rule.matchTerritory && !lead.territoryPath.includes(rule.matchTerritory)) return false;
  if (rule.matchSource && rule.matchSource !== lead.source) return false;
  if (rule.matchProductInterest) {
    const want = interests(rule.matchProductInterest);
    const have = interests(lead.productInterest);
    if (!want.some((w) => have.includes(w))) return false;
  }
  return true;
}

/** The rule's reps, or the territory's (uncapped) when the rule lists none. */
export function repsOf(rule: Rule, lead: LeadFacts): RuleRep[] {
  return rule.reps.length ? rule.reps : lead.territoryReps.map((user) => ({ user, maxOpen: 0 }));
}

/** Choose the owner of a new lead, or null when no rule can take it. */
export function pickAssignee(rules: readonly Rule[], lead: LeadFacts, workload: ReadonlyMap<string, number>, pointers: ReadonlyMap<string, number>): Assignment | null {
  const ordered = [...rules].sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const rule of ordered) {
    if (!ruleMatches(rule, lead)) continue;
    const reps = repsOf(rule, lead);
    const n = reps.length;
    if (n === 0) continue;
    const last = pointers.get(rule.id) ?? -1;
    for (let k = 1; k <= n; k++) {
      const i = (((last + k) % n) + n) % n;
      const rep = reps[i];
      if (rep.maxOpen > 0 && (workload.get(rep.user) ?? 0) >= rep.maxOpen) continue;
      return { owner: rep.user, ruleId: rule.id, pointer: i };
    }
  }
  return null;
}
