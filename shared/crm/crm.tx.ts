/**
 * Transaction helpers of the CRM services (multi-document commands).
 *
 * `tablesFor` lists every table the generic create/update path of some document types touches
 * (their own tables, link targets read for validation, behaviour tables), so a command that
 * writes several types (lead conversion, merge) opens ONE transaction over all of them.
 * `rewriteInTx` changes fields of an existing record inside a service's transaction WITHOUT the
 * type's beforeSave (the service has done its own checks: it is how protected fields such as
 * a lead's conversion links or a quote's approval get written), with audit + outbox.
 */
import type { BaseRecord, DocTypeDef } from '../kernel/doctype';
import { getBehaviour, getDocType } from '../kernel/registry';
import { searchTokens } from '../kernel/validate';
import type { TxContext, AuditAction } from '../kernel/tx';
import { DomainError } from '../kernel/errors';

export function tablesFor(...docTypes: string[]): string[] {
  const set = new Set<string>(['audit', 'outbox', 'series', 'meta', 'notifications']);
  for (const name of docTypes) {
    const def = getDocType(name);
    set.add(def.table);
    for (const t of getBehaviour(name).tables ?? []) set.add(t);
    for (const f of def.fields) {
      if (f.link) set.add(getDocType(f.link).table);
      for (const cf of f.fields ?? []) if (cf.link) set.add(getDocType(cf.link).table);
    }
  }
  return [...set];
}

/** Load a live record for writing inside a transaction (error.not_found otherwise). */
export async function loadInTx(ctx: TxContext, def: DocTypeDef, id: string): Promise<BaseRecord> {
  const rec = await ctx.t<BaseRecord>(def.table).get(id);
  if (!rec || rec.deleted) throw new DomainError('error.not_found', { docType: def.name, id });
  return rec;
}

/** Apply `patch` to `before` and write it (audit `action`, with `note`); returns the new version. */
export async function rewriteInTx(ctx: TxContext, def: DocTypeDef, before: BaseRecord, patch: Record<string, unknown>, action: AuditAction = 'update', note?: string): Promise<BaseRecord> {
  const hlc = ctx.hlc();
  const rec: BaseRecord = { ...structuredClone(before), ...patch, modifiedAt: ctx.now, modifiedBy: ctx.session.user.id, _hlc: hlc, _rev: before._rev + 1 };
  if (def.ownership === 'shared') {
    rec._fieldHlc = { ...(before._fieldHlc ?? {}) };
    for (const k of Object.keys(patch)) if (def.fields.some((f) => f.name === k)) rec._fieldHlc[k] = hlc;
  }
  rec._search = searchTokens(def, rec);
  await ctx.putDoc(def, rec, before, action, note);
  return rec;
}
