/**
 * Change requests: how a branch asks head office to change head-office data (an account of the
 * chart, a tax template, a budget, payroll setup). At a branch-scope installation those records
 * are read-only (error.hq_managed); instead the branch edits the form as usual and sends the
 * edit as a `ChangeRequest` (a branch document: it replicates to head office). At a head-office
 * desk the request is approved, which applies the proposed values through the ordinary
 * services (rights, validation, audit, outbox), or rejected with a reason; either way a
 * `ChangeDecision` (head-office data: it replicates to every branch) records the answer, so the
 * branch sees what became of its request. Nothing is applied silently and nothing is lost.
 *
 * - A request holds the full proposed record (normalised and validated at the branch, so a
 *   request HQ cannot apply for shape reasons is refused before it is sent) and the list of
 *   changed fields; approval applies only the changed fields onto HQ's current record, so an
 *   edit HQ made meanwhile to another field is kept.
 * - Rights: requesting needs the edit (or create) right on the target type at the branch;
 *   deciding needs it at head office. Both documents live in the system module.
 */
import { DomainError } from '../kernel/errors';
import type { BaseRecord, DocTypeDef } from '../kernel/doctype';
import type { Session } from '../kernel/session';
import { getDocType, registerDocType } from '../kernel/registry';
import { normalizeDoc } from '../kernel/validate';
import { createDoc, getDoc, inDocTx, insertDocInTx, updateDoc } from '../kernel/docs.service';

export const ChangeRequest = {
  name: 'ChangeRequest',
  table: 'change_requests',
  module: 'system',
  submittable: false,
  ownership: 'branch',
  naming: { series: 'CR' },
  titleField: 'number',
  icon: 'git-pull-request',
  fields: [
    { name: 'targetDocType', type: 'data', required: true, maxLength: 60 },
    /** '' = a new record. */
    { name: 'targetId', type: 'data', maxLength: 64 },
    { name: 'targetNumber', type: 'data', maxLength: 140 },
    /** JSON of the proposed record's declared fields. */
    { name: 'proposed', type: 'text', required: true, maxLength: 200_000 },
    /** JSON of the changed fields' values before the request (for the reviewer). */
    { name: 'current', type: 'text', maxLength: 200_000 },
    /** Comma-separated names of the changed fields. */
    { name: 'changedFields', type: 'text', required: true, maxLength: 4000 },
    { name: 'reason', type: 'text', required: true, maxLength: 2000 },
  ],
  listColumns: ['number', 'targetDocType', 'targetNumber', 'createdAt'],
  searchFields: ['targetNumber', 'reason'],
  indexes: ['targetDocType'],
} as const satisfies DocTypeDef;

export const ChangeDecision = {
  name: 'ChangeDecision',
  table: 'change_decisions',
  module: 'system',
  submittable: false,
  ownership: 'hq',
  naming: { series: 'CRD' },
  titleField: 'number',
  icon: 'gavel',
  fields: [
    { name: 'requestId', type: 'data', required: true, maxLength: 64 },
    { name: 'requestNumber', type: 'data', maxLength: 140 },
    { name: 'decision', type: 'select', required: true, options: ['cr_approved', 'cr_rejected'] },
    { name: 'note', type: 'text', maxLength: 2000 },
    /** The record the approval wrote (a new record's id). */
    { name: 'appliedId', type: 'data', maxLength: 64 },
  ],
  listColumns: ['number', 'requestNumber', 'decision'],
  searchFields: ['requestNumber'],
  indexes: ['requestId'],
} as const satisfies DocTypeDef;

registerDocType(ChangeRequest);
registerDocType(ChangeDecision);

export interface ChangeRequestView {
  id: string;
  number: string;
  branchId: string;
  createdAt: string;
  createdBy: string;
  targetDocType: string;
  targetId: string;
  targetNumber: string;
  changedFields: string[];
  proposed: Record<string, unknown>;
  current: Record<string, unknown>;
  reason: string;
  status: 'open' | 'approved' | 'rejected';
  decision?: { number: string; note: string; decidedAt: string; appliedId: string };
}

function hqTarget(docType: string): DocTypeDef {
  const def = getDocType(docType);
  if (def.ownership !== 'hq') throw new DomainError('sync.change_request_not_hq', { docType });
  return def;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * At a branch: send an edit of head-office data (or a new head-office record when `id` is
 * absent) to head office. Returns the stored request.
 */
export async function requestChange(s: Session, input: { docType: string; id?: string; values: Record<string, unknown>; reason: string }): Promise<BaseRecord> {
  const def = hqTarget(input.docType);
  s.require(input.docType, input.id ? 'edit' : 'create');
  if (!s.settings.hqManaged) throw new DomainError('sync.change_request_at_hq');
  const reason = (input.reason ?? '').trim();
  if (!reason) throw DomainError.invalid([{ code: 'error.required', field: 'reason' }]);
  const proposed = normalizeDoc(def, input.values, s.baseCurrency);
  const before = input.id ? await getDoc(s, input.docType, input.id) : null;
  const changed = def.fields.map((f) => f.name).filter((n) => n in proposed && !same(proposed[n], before ? before[n] : undefined));
  if (changed.length === 0) throw new DomainError('sync.change_request_empty');
  const current = before ? Object.fromEntries(changed.map((n) => [n, before[n] ?? null])) : {};
  const values = normalizeDoc(
    ChangeRequest,
    {
      targetDocType: def.name,
      targetId: before?.id ?? '',
      targetNumber: before?.number ?? ('field' in def.naming ? String(proposed[def.naming.field] ?? '') : ''),
      proposed: JSON.stringify(proposed),
      current: JSON.stringify(current),
      changedFields: changed.join(','),
      reason,
    },
    s.baseCurrency,
  );
  return inDocTx(s, ChangeRequest, (ctx) => insertDocInTx(ctx, ChangeRequest, values));
}

function toView(r: BaseRecord, d: BaseRecord | undefined): ChangeRequestView {
  return {
    id: r.id,
    number: r.number,
    branchId: r.branchId,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    targetDocType: String(r.targetDocType),
    targetId: String(r.targetId ?? ''),
    targetNumber: String(r.targetNumber ?? ''),
    changedFields: String(r.changedFields ?? '').split(',').filter(Boolean),
    proposed: JSON.parse(String(r.proposed || '{}')) as Record<string, unknown>,
    current: JSON.parse(String(r.current || '{}')) as Record<string, unknown>,
    reason: String(r.reason ?? ''),
    status: d ? (d.decision === 'cr_approved' ? 'approved' : 'rejected') : 'open',
    ...(d ? { decision: { number: d.number, note: String(d.note ?? ''), decidedAt: d.createdAt, appliedId: String(d.appliedId ?? '') } } : {}),
  };
}

/** Requests this installation holds (its own at a branch, every branch's at head office), newest first. */
export async function listChangeRequests(s: Session, opts: { status?: ChangeRequestView['status'] } = {}): Promise<ChangeRequestView[]> {
  const requests = (await s.db.t<BaseRecord>(ChangeRequest.table).toArray()).filter((r) => !r.deleted && s.can(String(r.targetDocType), 'read'));
  const decisions = new Map((await s.db.t<BaseRecord>(ChangeDecision.table).toArray()).filter((d) => !d.deleted).map((d) => [String(d.requestId), d]));
  const out = requests.map((r) => toView(r, decisions.get(r.id)));
  return out.filter((r) => !opts.status || r.status === opts.status).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** One request with its decision (by the decisions' requestId index). */
export async function getChangeRequest(s: Session, id: string): Promise<ChangeRequestView> {
  const r = await s.db.t<BaseRecord>(ChangeRequest.table).get(id);
  if (!r || r.deleted || !s.can(String(r.targetDocType), 'read')) throw new DomainError('error.not_found', { docType: 'ChangeRequest', id });
  const d = (await s.db.t<BaseRecord>(ChangeDecision.table).where('requestId').equals(id).toArray()).find((x) => !x.deleted);
  return toView(r, d);
}

/**
 * At head office: approve (apply the changed fields through the services, then record the
 * decision) or reject (record the decision with its reason). A request is decided once.
 */
export async function decideChangeRequest(s: Session, requestId: string, decision: 'approved' | 'rejected', note = ''): Promise<ChangeRequestView> {
  if (s.settings.hqManaged) throw new DomainError('sync.change_request_decide_at_hq');
  const req = await getChangeRequest(s, requestId);
  if (req.status !== 'open') throw new DomainError('sync.change_request_decided', { number: req.number });
  const def = hqTarget(req.targetDocType);
  s.require(def.name, req.targetId ? 'edit' : 'create');
  if (decision === 'rejected' && !note.trim()) throw DomainError.invalid([{ code: 'error.required', field: 'note' }]);
  let appliedId = '';
  if (decision === 'approved') {
    const picked = Object.fromEntries(req.changedFields.map((n) => [n, req.proposed[n]]));
    if (req.targetId) {
      const cur = await getDoc(s, def.name, req.targetId);
      appliedId = (await updateDoc(s, def.name, req.targetId, { ...cur, ...picked })).id;
    } else {
      appliedId = (await createDoc(s, def.name, req.proposed)).id;
    }
  }
  const values = normalizeDoc(ChangeDecision, { requestId: req.id, requestNumber: req.number, decision: decision === 'approved' ? 'cr_approved' : 'cr_rejected', note: note.trim(), appliedId }, s.baseCurrency);
  await inDocTx(s, ChangeDecision, (ctx) => insertDocInTx(ctx, ChangeDecision, values));
  return getChangeRequest(s, requestId);
}
