/**
 * Merge rules of replicated records: pure functions, the SAME code on the HQ server and on
 * every branch replica, so that every replica that has seen the same set of changes holds the
 * same record whatever order the changes arrived in (the merges below are commutative,
 * associative and idempotent: a join over HLC timestamps).
 *
 *  - shared master data: per field, the value with the greater `_fieldHlc[field]` wins (HLC
 *    strings compare in time order; ties break on the node id inside the string). Fields not
 *    tracked in `_fieldHlc` (number, status, deleted, modifiedAt, ...) follow the whole record
 *    with the greater `_hlc`. Every value that is overwritten is returned in `lost` so the
 *    caller keeps it in a history table: a merge never silently drops a value.
 *  - branch documents and HQ data: the whole record with the greater `_hlc` wins.
 *  - ledger rows: union by id; the same id with other content is a conflict, never a merge
 *    (see `sameContent`).
 *
 * `_search` is recomputed from the merged fields; `_rev` is the larger of the two (it is a
 * local optimistic-concurrency counter and the client bumps it when a merge changes a record).
 */
import type { DocTypeDef } from '../kernel/doctype';
import { searchTokens } from '../kernel/validate';
import { canonicalJson } from './protocol';
import type { TableKind } from './policy';

export type Rec = Record<string, unknown>;

export interface LostValue {
  field: string;
  value: unknown;
  /** HLC of the value that lost ('' when it had none). */
  hlc: string;
  /** HLC of the value that won. */
  wonBy: string;
}

export interface MergeResult {
  record: Rec;
  /** The merged record differs from `current` (false for a replay or a stale change). */
  changed: boolean;
  lost: LostValue[];
}

function hlcOf(r: Rec | null | undefined): string {
  return typeof r?._hlc === 'string' ? r._hlc : '';
}

function fieldHlcs(r: Rec): Record<string, string> {
  const f = r._fieldHlc;
  return typeof f === 'object' && f !== null ? (f as Record<string, string>) : {};
}

/** a is newer than b (HLC order; equal stamps with different content: larger content wins). */
function newer(aHlc: string, bHlc: string, aVal: unknown, bVal: unknown): boolean {
  if (aHlc !== bHlc) return aHlc > bHlc;
  return canonicalJson(aVal) > canonicalJson(bVal);
}

const DERIVED_KEYS = new Set(['_search', '_rev', '_fieldHlc', '_hlc']);

export function mergeShared(current: Rec | null, incoming: Rec, def?: DocTypeDef): MergeResult {
  if (!current) return { record: finish(structuredClone(incoming), def, incoming), changed: true, lost: [] };
  const cf = fieldHlcs(current);
  const inf = fieldHlcs(incoming);
  const tracked = new Set([...Object.keys(cf), ...Object.keys(inf)]);
  const incomingWinsRecord = newer(hlcOf(incoming), hlcOf(current), stripTracked(incoming, tracked), stripTracked(current, tracked));
  const base = incomingWinsRecord ? incoming : current;
  const other = incomingWinsRecord ? current : incoming;
  const out: Rec = {};
  const lost: LostValue[] = [];
  // untracked keys follow the record with the newer _hlc
  for (const k of new Set([...Object.keys(current), ...Object.keys(incoming)])) {
    if (tracked.has(k) || DERIVED_KEYS.has(k)) continue;
    if (k in base) out[k] = structuredClone(base[k]);
    if (k in other && canonicalJson(other[k]) !== canonicalJson(base[k])) lost.push({ field: k, value: other[k], hlc: hlcOf(other), wonBy: hlcOf(base) });
  }
  const fh: Record<string, string> = {};
  for (const k of tracked) {
    const a = cf[k] ?? '';
    const b = inf[k] ?? '';
    const inWins = newer(b, a, incoming[k], current[k]);
    const [win, lose, winH, loseH] = inWins ? [incoming, current, b, a] : [current, incoming, a, b];
    if (k in win) out[k] = structuredClone(win[k]);
    else if (k in lose) out[k] = structuredClone(lose[k]);
    fh[k] = winH || loseH;
    if (k in lose && canonicalJson(lose[k]) !== canonicalJson(out[k])) lost.push({ field: k, value: lose[k], hlc: loseH, wonBy: winH });
  }
  if ('_fieldHlc' in current || '_fieldHlc' in incoming) out._fieldHlc = fh;
  out._hlc = hlcOf(current) > hlcOf(incoming) ? hlcOf(current) : hlcOf(incoming);
  out._rev = Math.max(Number(current._rev ?? 0), Number(incoming._rev ?? 0));
  const record = finish(out, def, base);
  return { record, changed: canonicalJson(withoutLocal(record)) !== canonicalJson(withoutLocal(current)), lost };
}

function stripTracked(r: Rec, tracked: Set<string>): Rec {
  const o: Rec = {};
  for (const k of Object.keys(r)) if (!tracked.has(k) && !DERIVED_KEYS.has(k)) o[k] = r[k];
  return o;
}

function finish(r: Rec, def: DocTypeDef | undefined, base: Rec): Rec {
  if (def) r._search = searchTokens(def, r);
  else if (base._search !== undefined) r._search = structuredClone(base._search);
  return r;
}

/** Whole-record last-writer-wins by `_hlc` (branch documents, HQ data). */
export function mergeByRecordHlc(current: Rec | null, incoming: Rec): MergeResult {
  if (!current) return { record: structuredClone(incoming), changed: true, lost: [] };
  if (!newer(hlcOf(incoming), hlcOf(current), withoutLocal(incoming), withoutLocal(current))) return { record: current, changed: false, lost: [] };
  const lost: LostValue[] = [];
  for (const k of Object.keys(current)) {
    if (DERIVED_KEYS.has(k)) continue;
    if (canonicalJson(current[k]) !== canonicalJson(incoming[k])) lost.push({ field: k, value: current[k], hlc: hlcOf(current), wonBy: hlcOf(incoming) });
  }
  return { record: structuredClone(incoming), changed: true, lost };
}

/**
 * The record of the only writer, as it is: a branch-scope replica takes head-office data this
 * way (HQ's server holds the merge of HQ's devices; the branch may not write it). Every local
 * value it replaces is returned in `lost`.
 */
export function takeAuthoritative(current: Rec | null, incoming: Rec): MergeResult {
  if (!current) return { record: structuredClone(incoming), changed: true, lost: [] };
  if (sameContent(withoutLocal(current), withoutLocal(incoming))) return { record: current, changed: false, lost: [] };
  const lost: LostValue[] = [];
  for (const k of Object.keys(current)) {
    if (DERIVED_KEYS.has(k)) continue;
    if (canonicalJson(current[k]) !== canonicalJson(incoming[k])) lost.push({ field: k, value: current[k], hlc: hlcOf(current), wonBy: hlcOf(incoming) });
  }
  return { record: structuredClone(incoming), changed: true, lost };
}

export function mergeRecord(kind: TableKind, current: Rec | null, incoming: Rec, def?: DocTypeDef): MergeResult {
  return kind === 'shared' ? mergeShared(current, incoming, def) : mergeByRecordHlc(current, incoming);
}

/** Replica comparison and change detection ignore the purely local `_rev` counter. */
export function withoutLocal(r: Rec): Rec {
  const { _rev: _r, ...rest } = r;
  return rest;
}

/** Append rows: the same id must carry the same content (key order does not matter). */
export function sameContent(a: Rec, b: Rec): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
