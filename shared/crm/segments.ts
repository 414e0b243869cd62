/**
 * Segments: saved filters over customers, contacts or leads. `planSegment` (pure) picks an
 * index for the first equality condition on an indexed field and keeps the rest as
 * a predicate; `evaluateSegment` pages through the result by keyset over the field's index in (value, id) order (or `id`
 * when no condition can use an index: a full walk, stopped as soon as the page is full).
 */
import { DomainError, type FieldIssue } from '../kernel/errors';
import { type BaseRecord, type DocTypeDef, fieldOf, indexedFields } from '../kernel/doctype';
import { getDocType } from '../kernel/registry';
import { parseMoney } from '../kernel/money';
import type { Session } from '../kernel/session';
import { fold } from './dedupe';
import { exportPages, type ExportResult } from '../kernel/export.service';
import type { Lang } from '../i18n';
import { keysetPage } from '../kernel/keyset';

export interface Condition {
  field: string;
  op: string;
  value: string;
}

export interface SegmentPlan {
  /** Index used, or null for a walk by id. */
  index: { field: string; value: unknown } | null;
  /** All conditions (the index one included: harmless, and it keeps semantics in one place). */
  conditions: { field: string; op: string; value: unknown }[];
}

const NUMERIC = new Set(['int', 'money']);

/** Typed condition values and the index to use; throws for an unknown field. */
export function planSegment(def: DocTypeDef, conds: readonly Condition[], baseCurrency: string): SegmentPlan {
  const issues: FieldIssue[] = [];
  const conditions = conds.map((c, row) => {
    const f = fieldOf(def, c.field);
    if (!f && c.field !== 'number') issues.push({ code: 'error.crm_segment_field_unknown', field: 'conditions.field', row, params: { field: c.field } });
    let value: unknown = c.value ?? '';
    if (f && NUMERIC.has(f.type) && ['eq', 'neq', 'gt', 'lt'].includes(c.op)) value = f.type === 'money' ? parseMoney(String(c.value), baseCurrency).minor : Number(c.value);
    if (f?.type === 'check' && ['eq', 'neq'].includes(c.op)) value = ['1', 'true', 'yes'].includes(String(c.value).toLowerCase());
    return { field: c.field, op: c.op, value };
  });
  if (issues.length) throw DomainError.invalid(issues);
  const idx = indexedFields(def);
  const eq = conditions.find((c) => c.op === 'eq' && idx.includes(c.field));
  return { index: eq ? { field: eq.field, value: eq.value } : null, conditions };
}

function test(v: unknown, op: string, want: unknown): boolean {
  const blank = v === undefined || v === null || v === '';
  switch (op) {
    case 'eq':
      return v === want || (typeof v === 'string' && typeof want === 'string' && fold(v) === fold(want));
    case 'neq':
      return !test(v, 'eq', want);
    case 'contains':
      return fold(String(v ?? '')).includes(fold(String(want)));
    case 'starts_with':
      return fold(String(v ?? '')).startsWith(fold(String(want)));
    case 'gt':
    case 'lt': {
      const a = typeof v === 'number' ? v : Number(v);
      const b = typeof want === 'number' ? want : Number(want);
      const c = Number.isFinite(a) && Number.isFinite(b) ? a - b : String(v ?? '').localeCompare(String(want));
      return op === 'gt' ? c > 0 : c < 0;
    }
    case 'empty':
      return blank;
    case 'not_empty':
      return !blank;
    default:
      return false;
  }
}

/** Does a record satisfy every condition? */
export function matchesSegment(rec: Record<string, unknown>, plan: SegmentPlan): boolean {
  return plan.conditions.every((c) => test(rec[c.field], c.op, c.value));
}

export interface SegmentPage {
  rows: BaseRecord[];
  /** Cursor: the last row's id. */
  next: string | null;
}

/** One page of a saved segment's members (or of an ad-hoc definition). */
export async function evaluateSegment(s: Session, seg: string | { target: string; conditions: Condition[] }, q: { limit?: number; after?: string } = {}): Promise<SegmentPage> {
  let target: string;
  let conds: Condition[];
  if (typeof seg === 'string') {
    s.require('Segment', 'read');
    const rec = await s.db.t<BaseRecord>('segments').get(seg);
    if (!rec || rec.deleted) throw new DomainError('error.not_found', { docType: 'Segment', id: seg });
    target = String(rec.target);
    conds = (rec.conditions as Condition[]) ?? [];
  } else {
    target = seg.target;
    conds = seg.conditions;
  }
  const def = getDocType(target);
  s.require(target, 'read');
  const plan = planSegment(def, conds, s.baseCurrency);
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const t = s.db.t<BaseRecord>(def.table);
  const after = q.after ?? '';
  const filter = (r: BaseRecord) => !r.deleted && matchesSegment(r, plan);
  const rows = plan.index
    ? await keysetPage(t, { index: plan.index.field, equals: plan.index.value, after: [plan.index.value, after], filter, limit: limit + 1 })
    : await t.where('id').above(after).filter(filter).limit(limit + 1).toArray();
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: page, next: more ? page[page.length - 1].id : null };
}

/** Every member of a saved segment as CSV (the segment's target type, its export right). */
export async function exportSegment(s: Session, segmentId: string, lang: Lang): Promise<ExportResult & { target: string }> {
  s.require('Segment', 'read');
  const seg = await s.db.t<BaseRecord>('segments').get(segmentId);
  if (!seg || seg.deleted) throw new DomainError('error.not_found', { docType: 'Segment', id: segmentId });
  const target = String(seg.target);
  const res = await exportPages(s, target, lang, async function* () {
    let after: string | undefined;
    for (;;) {
      const page = await evaluateSegment(s, segmentId, { limit: 500, after });
      yield page.rows;
      if (!page.next) return;
      after = page.next;
    }
  });
  return { ...res, target };
}
