/**
 * Merging two records of one type (two customers that are one company, two contacts that are
 * one person, two leads): ONE transaction that
 *   1. re-points every live draft/active record linking to the loser (discovered from the
 *      registry: every field and child-table field of every document type whose link targets
 *      the merged type, so types added by other modules are covered without changes here);
 *   2. fills the survivor's empty fields from the loser (and unions tags);
 *   3. tombstones the loser (deleted = 1, keys cleared) and appends a `crm_merges` row;
 *   4. audits every write, the survivor and loser with action 'merge'.
 * Submitted/cancelled documents and ledger rows are immutable by design (the store refuses to
 * rewrite them): they keep the loser's id, and readers follow `crm_merges` (`mergedIds`) so the
 * survivor's 360 view, outstanding and history include them. Nothing is lost or rewritten.
 */
import { DomainError } from '../kernel/errors';
import { type BaseRecord, type DocTypeDef } from '../kernel/doctype';
import { allDocTypes, getDocType } from '../kernel/registry';
import { inTx } from '../kernel/docs.service';
import { newId } from '../kernel/ids';
import type { Session } from '../kernel/session';
import type { TxContext } from '../kernel/tx';
import { loadInTx, rewriteInTx } from './crm.tx';
import { dedupeKeys, KEY_KINDS } from './dedupe';

export const MERGES_TABLE = 'crm_merges';

export interface MergeRow {
  id: string;
  docType: string;
  loserId: string;
  loserNumber: string;
  survivorId: string;
  survivorNumber: string;
  at: string;
  userId: string;
  repointed: number;
  kept: number;
}

interface LinkSite {
  def: DocTypeDef;
  field: string;
  /** Child table field name when the link is inside a table. */
  table?: string;
}

/** Every (type, field) whose link targets `docType`. */
export function linkSites(docType: string): LinkSite[] {
  const out: LinkSite[] = [];
  for (const d of allDocTypes()) {
    for (const f of d.fields) {
      if (f.link === docType) out.push({ def: d, field: f.name });
      for (const cf of f.fields ?? []) if (cf.link === docType) out.push({ def: d, field: cf.name, table: f.name });
    }
  }
  return out;
}

export interface MergeResult {
  survivor: BaseRecord;
  /** Records re-pointed per type. */
  repointed: Record<string, number>;
  /** Submitted/cancelled documents that keep the loser's id (followed through crm_merges). */
  kept: Record<string, number>;
}

/** May the user merge records of this type? Edit on the type plus the manager right. */
function requireMerge(s: Session, docType: string): void {
  s.require(docType, 'edit');
  if (!s.can(docType, 'admin') && !s.can('Lead', 'admin')) throw new DomainError('error.forbidden', { docType, right: 'admin' });
}

async function linkedRecords(ctx: TxContext, site: LinkSite, id: string): Promise<BaseRecord[]> {
  const t = ctx.t<BaseRecord>(site.def.table);
  if (!site.table) {
    const indexed = t.schema.indexes.some((i) => i.name === site.field);
    return (indexed ? t.where(site.field).equals(id) : t.filter((r) => r[site.field] === id)).toArray();
  }
  return t.filter((r) => ((r[site.table!] as Record<string, unknown>[]) ?? []).some((row) => row[site.field] === id)).toArray();
}

export async function mergeRecords(s: Session, docType: string, survivorId: string, loserId: string, opts: { takeFromLoser?: string[] } = {}): Promise<MergeResult> {
  const def = getDocType(docType);
  if (def.submittable) throw new DomainError('error.crm_merge_unsupported', { docType });
  requireMerge(s, docType);
  if (survivorId === loserId) throw new DomainError('error.crm_merge_same');
  const sites = linkSites(docType);
  const tables = [...new Set([def.table, MERGES_TABLE, ...sites.map((x) => x.def.table)])];
  return inTx(s, tables, async (ctx) => {
    const survivor = await loadInTx(ctx, def, survivorId);
    const loser = await loadInTx(ctx, def, loserId);
    const repointed: Record<string, number> = {};
    const kept: Record<string, number> = {};
    const note = `merge ${loser.number} -> ${survivor.number}`;
    // 1. re-point (a record may link through several fields: accumulate its patch)
    const patches = new Map<string, { def: DocTypeDef; rec: BaseRecord; patch: Record<string, unknown> }>();
    for (const site of sites) {
      for (const rec of await linkedRecords(ctx, site, loser.id)) {
        if (rec.deleted || rec.id === loser.id) continue;
        if (rec.status !== 'draft' && rec.status !== 'active') {
          kept[site.def.name] = (kept[site.def.name] ?? 0) + 1;
          continue;
        }
        const k = `${site.def.table}:${rec.id}`;
        const entry = patches.get(k) ?? { def: site.def, rec, patch: {} };
        if (!site.table) entry.patch[site.field] = survivor.id;
        else {
          const rows = structuredClone((entry.patch[site.table] ?? rec[site.table]) as Record<string, unknown>[]);
          for (const row of rows) if (row[site.field] === loser.id) row[site.field] = survivor.id;
          entry.patch[site.table] = rows;
        }
        patches.set(k, entry);
      }
    }
    for (const { def: d, rec, patch } of patches.values()) {
      Object.assign(patch, dedupeKeys(d.name, { ...rec, ...patch }));
      await rewriteInTx(ctx, d, rec, patch, 'update', note);
      repointed[d.name] = (repointed[d.name] ?? 0) + 1;
    }
    // 2. survivor takes the loser's values where it has none (or where asked)
    const take = new Set(opts.takeFromLoser ?? []);
    const patch: Record<string, unknown> = {};
    for (const f of def.fields) {
      if (f.hidden || f.readOnly || f.type === 'table') continue;
      const sv = survivor[f.name];
      const lv = loser[f.name];
      const empty = (v: unknown) => v === '' || v === undefined || v === null || v === 0;
      if (take.has(f.name) || (empty(sv) && !empty(lv))) patch[f.name] = lv;
    }
    if (def.fields.some((f) => f.name === 'tags')) {
      const tags = [...new Set([survivor.tags, loser.tags].flatMap((t) => String(t ?? '').split(',')).map((t) => t.trim()).filter(Boolean))];
      patch.tags = tags.join(', ');
    }
    Object.assign(patch, dedupeKeys(docType, { ...survivor, ...patch }));
    const merged = await rewriteInTx(ctx, def, survivor, patch, 'merge', `merged ${loser.number}`);
    // 3. tombstone the loser, clear its keys so scans no longer pair it
    const clear: Record<string, unknown> = { deleted: 1 };
    for (const k of KEY_KINDS) if (k in loser) clear[k] = '';
    await rewriteInTx(ctx, def, loser, clear, 'merge', `merged into ${survivor.number}`);
    const row: MergeRow = {
      id: newId(), docType, loserId: loser.id, loserNumber: loser.number, survivorId: survivor.id, survivorNumber: survivor.number, at: ctx.now, userId: s.user.id,
      repointed: Object.values(repointed).reduce((a, b) => a + b, 0), kept: Object.values(kept).reduce((a, b) => a + b, 0),
    };
    await ctx.append(MERGES_TABLE, [row as unknown as Record<string, unknown>]);
    return { survivor: merged, repointed, kept };
  });
}

/** The record's id and every id merged into it (transitively): what readers must include. */
export async function mergedIds(s: Session, docType: string, id: string): Promise<string[]> {
  const out = [id];
  for (let i = 0; i < out.length; i++) {
    const rows = (await s.db.t<MergeRow>(MERGES_TABLE).where('survivorId').equals(out[i]).toArray()).filter((r) => r.docType === docType);
    for (const r of rows) if (!out.includes(r.loserId)) out.push(r.loserId);
  }
  return out;
}
