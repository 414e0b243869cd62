/**
 * Reading the audit trail. Rows are written only by TxContext.audit (append-only, enforced by
 * the store); this service pages through them newest first, by document or by user.
 */
import type { Session } from './session';
import type { AuditRow } from './tx';

export interface AuditQuery {
  docType?: string;
  docId?: string;
  userId?: string;
  action?: string;
  /** Cursor: the `id` of the last row of the previous page (ids are time-ordered). */
  before?: string;
  limit?: number;
}

export async function listAudit(s: Session, q: AuditQuery = {}): Promise<{ rows: AuditRow[]; next: string | null }> {
  s.require('AuditLog', 'read');
  const limit = Math.min(Math.max(q.limit ?? 100, 1), 500);
  const t = s.db.audit;
  let coll;
  if (q.docType && q.docId) coll = t.where('[docType+docId]').equals([q.docType, q.docId]).reverse();
  else if (q.before) coll = t.where('id').below(q.before).reverse();
  else coll = t.orderBy('id').reverse();
  const rows = (await coll
    .filter((r) => (!q.before || String(r.id) < q.before) && (!q.docType || r.docType === q.docType) && (!q.userId || r.userId === q.userId) && (!q.action || r.action === q.action))
    .limit(limit + 1)
    .toArray()) as unknown as AuditRow[];
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: page, next: more ? page[page.length - 1].id : null };
}
