/**
 * Applying a pulled page on a branch replica: every change of the page, the derived-balance
 * updates of the module ledger appliers AND the new cursor are written in ONE Dexie
 * transaction. A crash anywhere aborts all of it; and even a page that was applied but whose
 * cursor was lost (an older build, a restored backup) is safe to apply again, because every
 * rule below is idempotent:
 *
 *   append  add when absent; same id + same content -> nothing; same id + other content ->
 *           a local 'append_conflict' in the inbox (the local row is never overwritten);
 *   put     shared master data: per-field HLC merge (shared/sync/merge.ts, the server's rule),
 *           overwritten values kept in `sync_history`; branch documents / HQ data: replaced
 *           when the remote `_hlc` is newer.
 *
 * Remote writes do not re-enter the outbox: they are written straight to the tables bound to
 * the transaction, never through TxContext.putDoc/append (which are what append outbox rows).
 * They may replace a submitted/cancelled document: the transaction is flagged with
 * markReplicatedTx so the store guard allows it (see shared/kernel/db.ts); append-only
 * tables stay append-only.
 */
import type { Table, Transaction } from 'dexie';
import type { Session } from '../kernel/session';
import { TxContext } from '../kernel/tx';
import { markReplicatedTx } from '../kernel/db';
import { newId } from '../kernel/ids';
import { userWorksHere, type UserRecord } from '../kernel/company.service';
import type { BaseRecord } from '../kernel/doctype';
import type { PulledChange } from './protocol';
import { tablePolicy, replicatedTables } from './policy';
import { mergeRecord, sameContent, takeAuthoritative, type Rec } from './merge';
import { CONFLICTS_TABLE, HISTORY_TABLE, addConflict, allApplierTables, ledgerAppliers, type FieldHistoryRow } from './tables';

export const META_CURSOR = 'sync.cursor';

export interface ApplyStats {
  applied: number;
  unchanged: number;
  conflicts: number;
}

export interface ApplyFaults {
  /** Test hook: called after the page is written, before the cursor; throwing aborts all of it. */
  beforeCursorSave?: () => void;
}

/** Tables a page transaction may touch (only those present in this company database). */
export function applyTables(s: Session): string[] {
  const present = new Set(s.db.tables.map((t) => t.name));
  const want = [...replicatedTables().map((p) => p.table), 'meta', CONFLICTS_TABLE, HISTORY_TABLE, ...allApplierTables()];
  return [...new Set(want)].filter((t) => present.has(t));
}

export async function applyPage(s: Session, changes: PulledChange[], cursor: string, faults: ApplyFaults = {}): Promise<ApplyStats> {
  const tables = applyTables(s);
  const present = new Set(tables);
  return s.db.transaction('rw', tables, async (tx: Transaction) => {
    markReplicatedTx(tx);
    const t = (name: string) => tx.table(name) as Table<Rec, string>;
    const stats: ApplyStats = { applied: 0, unchanged: 0, conflicts: 0 };
    const now = s.now().toISOString();
    // on a branch-scope device HQ is the only writer of head-office data: what HQ sends replaces
    // the local copy (a template record installed here, or an edit HQ refused)
    const cfg = (await t('meta').get('sync.config'))?.value as { scope?: string } | undefined;
    const hqAuthoritative = cfg?.scope === 'branch';

    // One read per table for the whole page (the records and ledger rows the page touches),
    // then the merges in page order in memory, then one write per table: a page costs a few
    // IndexedDB round trips instead of two per change.
    const wanted = new Map<string, Set<string>>();
    for (const c of changes) if (present.has(c.table)) (wanted.get(c.table) ?? wanted.set(c.table, new Set()).get(c.table)!).add(c.recordId);
    const held = new Map<string, Map<string, Rec>>();
    for (const [table, ids] of wanted) {
      const keys = [...ids];
      const rows = await t(table).bulkGet(keys);
      held.set(table, new Map(keys.flatMap((k, i) => (rows[i] ? [[k, rows[i] as Rec] as const] : []))));
    }
    const puts = new Map<string, Map<string, Rec>>();
    const added = new Map<string, Rec[]>();
    const history: FieldHistoryRow[] = [];

    for (const c of changes) {
      observeHlc(s, c.hlc);
      const policy = tablePolicy(c.table);
      if (!policy || !present.has(c.table) || policy.op !== c.op) {
        await addConflict(t, { kind: 'unknown_table', table: c.table, recordId: c.recordId, detail: { seq: c.seq, op: c.op }, suggestion: 'sync.suggest.update_app', at: now });
        stats.conflicts++;
        continue;
      }
      const mine = held.get(c.table)!;
      const existing = mine.get(c.recordId) ?? null;
      if (c.op === 'append') {
        if (!existing) {
          const row = structuredClone(c.data);
          mine.set(c.recordId, row);
          (added.get(c.table) ?? added.set(c.table, []).get(c.table)!).push(row);
          stats.applied++;
        } else if (sameContent(existing, c.data)) {
          stats.unchanged++;
        } else {
          await addConflict(t, { kind: 'append_conflict', table: c.table, recordId: c.recordId, detail: { local: existing, remote: c.data, seq: c.seq }, suggestion: 'sync.suggest.review_ledger_row', at: now });
          stats.conflicts++;
        }
        continue;
      }
      const merged = hqAuthoritative && policy.kind === 'hq' ? takeAuthoritative(existing, c.data) : mergeRecord(policy.kind, existing, c.data, policy.docType);
      if (!merged.changed) {
        stats.unchanged++;
        continue;
      }
      const rec = merged.record;
      if (existing) rec._rev = Math.max(Number(existing._rev ?? 0), Number(rec._rev ?? 0)) + 1;
      mine.set(c.recordId, rec);
      (puts.get(c.table) ?? puts.set(c.table, new Map()).get(c.table)!).set(c.recordId, rec);
      stats.applied++;
      if (policy.kind !== 'branch') for (const l of merged.lost) history.push({ id: newId(), at: now, table: c.table, recordId: c.recordId, field: l.field, value: l.value, hlc: l.hlc, wonBy: l.wonBy });
    }

    for (const [table, rows] of added) await t(table).bulkAdd(rows);
    for (const [table, recs] of puts) await t(table).bulkPut([...recs.values()]);
    if (history.length) await t(HISTORY_TABLE).bulkAdd(history as unknown as Rec[]);
    for (const [table, recs] of puts) {
      const kind = tablePolicy(table)!.kind;
      for (const rec of await duplicateNumbers(t, table, [...recs.values()] as BaseRecord[])) {
        await addConflict(t, { kind: 'duplicate_number', table, recordId: rec.id, detail: { number: rec.number }, suggestion: kind === 'shared' ? 'sync.suggest.merge_records' : 'sync.suggest.renumber', at: now });
        stats.conflicts++;
      }
    }
    const pulledUsers = puts.get('users');
    if (pulledUsers) {
      for (const u of await sameNameUsers(t, [...pulledUsers.values()], s.settings)) {
        await addConflict(t, { kind: 'duplicate_username', table: 'users', recordId: String(u.id), detail: { username: u.username }, suggestion: 'sync.suggest.rename_user', at: now });
        stats.conflicts++;
      }
    }
    if (added.size) {
      const ctx = new TxContext(s.db, s, tx);
      for (const [table, rows] of added) for (const a of ledgerAppliers(table)) await a.apply(ctx, rows);
    }
    faults.beforeCursorSave?.();
    await t('meta').put({ key: META_CURSOR, value: cursor });
    return stats;
  });
}

/** The written records whose number another live record of the table also has (one query per table). */
async function duplicateNumbers(t: (n: string) => Table<Rec, string>, table: string, recs: BaseRecord[]): Promise<BaseRecord[]> {
  const numbered = recs.filter((r) => !r.deleted && typeof r.number === 'string' && r.number);
  if (!numbered.length) return [];
  // keys only first (an index walk, no record reads): in the usual page no number has a second
  // holder, and only the records of numbers that do are read (to leave tombstones out)
  const holders = new Map<string, Set<string>>();
  await t(table)
    .where('number')
    .anyOf(numbered.map((r) => r.number))
    .eachKey((key, cursor) => {
      (holders.get(String(key)) ?? holders.set(String(key), new Set()).get(String(key))!).add(String(cursor.primaryKey));
    });
  const shared = [...holders].filter(([, ids]) => ids.size > 1);
  if (!shared.length) return [];
  const others = await t(table).bulkGet([...new Set(shared.flatMap(([, ids]) => [...ids]))]);
  const live = new Set(others.filter((o) => o && !o.deleted).map((o) => String(o!.id)));
  return numbered.filter((r) => [...(holders.get(r.number) ?? [])].some((id) => id !== r.id && live.has(id)));
}

/** Pulled active users whose name another active user who works here also has (two people could not both sign in by it). */
async function sameNameUsers(t: (n: string) => Table<Rec, string>, users: Rec[], settings: Session['settings']): Promise<Rec[]> {
  const here = users.filter((u) => u.active !== false && userWorksHere(u as Pick<UserRecord, 'branchId'>, settings) && typeof u.usernameLower === 'string');
  if (!here.length) return [];
  const others = await t('users').where('usernameLower').anyOf(here.map((u) => u.usernameLower as string)).toArray();
  return here.filter((u) => others.some((o) => o.id !== u.id && o.usernameLower === u.usernameLower && o.active !== false && userWorksHere(o as Pick<UserRecord, 'branchId'>, settings)));
}

/** Keep the local clock past every timestamp seen, so the next local edit wins over it. */
function observeHlc(s: Session, hlc: string): void {
  try {
    s.clock.receive(hlc);
  } catch {
    // a malformed remote stamp is not a reason to stop applying the page
  }
}
