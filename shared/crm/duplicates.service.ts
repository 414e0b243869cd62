/**
 * Duplicate detection services (the pure keys are in ./dedupe.ts).
 *
 * findDuplicates: on create/edit, a warning, not a refusal: one equality look-up per key on the
 *   indexed key fields, across the types where the same party may already exist (a new lead is
 *   checked against leads, customers and contacts).
 * scanDuplicates: on demand over a whole table; walks each key index ONCE in key order and
 *   reports runs of equal keys: O(n) index reads, never all pairs, never a record load except
 *   for the members of a group.
 */
import type { BaseRecord } from '../kernel/doctype';
import { getDocType } from '../kernel/registry';
import { DomainError } from '../kernel/errors';
import type { Session } from '../kernel/session';
import { dedupeKeys, type KeyKind } from './dedupe';

export interface DuplicateHit {
  docType: string;
  id: string;
  number: string;
  title: string;
  reasons: KeyKind[];
}

/** Where to look for each checked type, and which key kinds are comparable there. */
const TARGETS: Record<string, { docType: string; kinds: KeyKind[] }[]> = {
  Customer: [{ docType: 'Customer', kinds: ['nameKey', 'taxKey', 'emailKey', 'phoneKey'] }],
  Contact: [{ docType: 'Contact', kinds: ['nameKey', 'emailKey', 'phoneKey'] }],
  Lead: [
    { docType: 'Lead', kinds: ['nameKey', 'emailKey', 'phoneKey'] },
    { docType: 'Customer', kinds: ['nameKey', 'emailKey', 'phoneKey'] },
    { docType: 'Contact', kinds: ['emailKey', 'phoneKey'] },
  ],
};

export const DEDUPE_TYPES = Object.keys(TARGETS);

/** Existing records that look like `values` (raw form input is fine). `excludeId`: the record itself. */
export async function findDuplicates(s: Session, docType: string, values: Record<string, unknown>, excludeId = ''): Promise<DuplicateHit[]> {
  const targets = TARGETS[docType];
  if (!targets) throw new DomainError('error.crm_dedupe_unsupported', { docType });
  s.require(docType, 'read');
  const keys = dedupeKeys(docType, values);
  const hits = new Map<string, DuplicateHit>();
  for (const t of targets) {
    if (!s.can(t.docType, 'read')) continue;
    const def = getDocType(t.docType);
    const table = s.db.t<BaseRecord>(def.table);
    for (const kind of t.kinds) {
      const key = keys[kind];
      if (!key) continue;
      const rows = await table.where(kind).equals(key).filter((r) => !r.deleted && r.id !== excludeId).limit(20).toArray();
      for (const r of rows) {
        const k = `${t.docType}:${r.id}`;
        const hit = hits.get(k) ?? { docType: t.docType, id: r.id, number: r.number, title: String(r[def.titleField] ?? r.number), reasons: [] };
        if (!hit.reasons.includes(kind)) hit.reasons.push(kind);
        hits.set(k, hit);
      }
    }
  }
  return [...hits.values()].sort((a, b) => b.reasons.length - a.reasons.length);
}

export interface DuplicateGroup {
  kind: KeyKind;
  key: string;
  records: { id: string; number: string; title: string }[];
}

/** Every group of live records of one type sharing a key (up to `maxGroups`). */
export async function scanDuplicates(s: Session, docType: string, opts: { kinds?: KeyKind[]; maxGroups?: number } = {}): Promise<DuplicateGroup[]> {
  const targets = TARGETS[docType];
  if (!targets) throw new DomainError('error.crm_dedupe_unsupported', { docType });
  s.require(docType, 'read');
  const def = getDocType(docType);
  const table = s.db.t<BaseRecord>(def.table);
  const maxGroups = opts.maxGroups ?? 1000;
  const kinds = opts.kinds ?? targets[0].kinds;
  const groups: { kind: KeyKind; key: string; ids: string[] }[] = [];
  for (const kind of kinds) {
    const coll = table.where(kind).above('');
    const [keys, ids] = await Promise.all([coll.keys(), coll.primaryKeys()]);
    for (let i = 0; i < keys.length && groups.length < maxGroups; ) {
      let j = i + 1;
      while (j < keys.length && keys[j] === keys[i]) j++;
      if (j - i > 1) groups.push({ kind, key: String(keys[i]), ids: ids.slice(i, j) as string[] });
      i = j;
    }
  }
  const recs = new Map<string, BaseRecord>();
  const all = [...new Set(groups.flatMap((g) => g.ids))];
  for (const r of await table.bulkGet(all)) if (r && !r.deleted) recs.set(r.id, r);
  const out: DuplicateGroup[] = [];
  for (const g of groups) {
    const live = g.ids.map((id) => recs.get(id)).filter((r): r is BaseRecord => !!r);
    if (live.length > 1) out.push({ kind: g.kind, key: g.key, records: live.map((r) => ({ id: r.id, number: r.number, title: String(r[def.titleField] ?? r.number) })) });
  }
  return out;
}
