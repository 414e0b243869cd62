/**
 * Resynchronising after head office was restored from a backup.
 *
 * Every push and pull answer carries HQ's store id (server/store.ts `storeId`); a restore gives
 * the restored copy a new one (server/backup.ts). A device remembers the id it last saw
 * (`meta['sync.storeId']`). When an answer carries another id, HQ went back in time:
 *  - changes HQ had acknowledged after the backup are gone from it, and acknowledged changes
 *    have left this device's outbox: so the device sends again everything it owns (its
 *    branch's documents and ledger rows, the shared master records it wrote or edited, and on a
 *    head-office desk head-office data), as ordinary outbox changes; HQ's merge is idempotent
 *    (appends by id, puts by per-field HLC), so what HQ still holds comes back 'duplicate' or
 *    unchanged;
 *  - the device's cursor may be past HQ's last sequence number, and HQ will hand out those
 *    numbers again for new changes: so the cursor goes back to '0' and the next pull downloads
 *    the whole scope again (applying is idempotent too).
 * The re-queue runs table by table in chunks, each chunk with its progress in ONE transaction
 * (`meta['sync.resyncState']`), so an interruption resumes where it stopped and queues nothing twice;
 * the last transaction resets the cursor, saves the new store id, drops the progress and puts
 * an entry in the conflict inbox saying what happened.
 */
import type { Session } from '../kernel/session';
import { newId } from '../kernel/ids';
import { decodeHlc } from '../kernel/hlc';
import type { OutboxChange } from '../kernel/tx';
import { META_CURSOR } from './apply';
import { isLocalOnly, replicatedTables, type TablePolicy } from './policy';
import { CONFLICTS_TABLE, addConflict } from './tables';

export const META_STORE_ID = 'sync.storeId';
export const META_RESYNC = 'sync.resyncState';

const CHUNK = 2000;

interface ResyncState {
  storeId: string;
  previous: string;
  /** Index in the table list and the last id queued of that table. */
  table: number;
  after: string;
  queued: number;
}

type Rec = Record<string, unknown>;

const nodeOf = (hlc: unknown): string | null => {
  if (typeof hlc !== 'string') return null;
  try {
    return decodeHlc(hlc).node;
  } catch {
    return null;
  }
};

/** Whether this device should send `row` again to a restored HQ (what HQ would accept from it). */
export function ownsForResend(p: TablePolicy, row: Rec, ctx: { branchId: string; scope: string; node: string }): boolean {
  if (isLocalOnly(p.table, row)) return false;
  const hq = ctx.scope === 'all';
  const branch = typeof row.branchId === 'string' ? row.branchId : undefined;
  if (p.kind === 'hq') return hq;
  if (p.companyWide && branch === '') return hq;
  if (p.kind === 'shared') {
    if (branch === ctx.branchId) return true;
    if (nodeOf(row._hlc) === ctx.node) return true;
    const fields = row._fieldHlc as Record<string, unknown> | undefined;
    return !!fields && Object.values(fields).some((h) => nodeOf(h) === ctx.node);
  }
  // branch documents and ledger rows: a branch device holds only its own branch's (HQ's
  // visibility rule); a head-office desk holds everyone's and sends only its own
  if (branch === undefined) return !hq;
  return branch === ctx.branchId;
}

/**
 * Called with the store id of an HQ answer. Returns true when HQ was restored (the id changed):
 * the caller then runs `resyncAfterRestore` before it goes on. The first id seen is just saved.
 */
export async function noteStoreId(s: Session, storeId: string | undefined): Promise<boolean> {
  if (!storeId) return false;
  const pending = (await s.db.meta.get(META_RESYNC))?.value as ResyncState | undefined;
  if (pending) return true;
  const known = (await s.db.meta.get(META_STORE_ID))?.value as string | undefined;
  if (known === storeId) return false;
  if (known === undefined) {
    await s.db.meta.put({ key: META_STORE_ID, value: storeId });
    return false;
  }
  await s.db.meta.put({ key: META_RESYNC, value: { storeId, previous: known, table: 0, after: '', queued: 0 } satisfies ResyncState });
  return true;
}

/**
 * Queue again every row this device owns and reset the cursor (see the header). Resumes an
 * interrupted run. Returns how many changes were queued.
 */
export async function resyncAfterRestore(s: Session, cfg: { branchId: string; scope: string }): Promise<number> {
  const present = new Set(s.db.tables.map((t) => t.name));
  const tables = replicatedTables().filter((p) => present.has(p.table));
  const owner = { branchId: cfg.branchId, scope: cfg.scope, node: s.clock.node };
  for (;;) {
    const st = (await s.db.meta.get(META_RESYNC))?.value as ResyncState | undefined;
    if (!st) return 0;
    if (st.table >= tables.length) {
      await s.db.transaction('rw', ['meta', CONFLICTS_TABLE], async (tx) => {
        await tx.table('meta').put({ key: META_CURSOR, value: '0' });
        await tx.table('meta').put({ key: META_STORE_ID, value: st.storeId });
        await tx.table('meta').delete(META_RESYNC);
        await addConflict((n: string) => tx.table(n), {
          kind: 'hq_restored',
          table: 'meta',
          recordId: st.storeId,
          detail: { previousStoreId: st.previous, storeId: st.storeId, resent: st.queued },
          suggestion: 'sync.suggest.hq_restored',
          at: s.now().toISOString(),
        });
      });
      return st.queued;
    }
    const p = tables[st.table];
    await s.db.transaction('rw', [p.table, 'outbox', 'meta'], async (tx) => {
      const rows = (await tx.table(p.table).where('id').above(st.after).limit(CHUNK).toArray()) as Rec[];
      const now = s.now().toISOString();
      const mine = rows.filter((r) => ownsForResend(p, r, owner));
      if (mine.length) {
        await tx.table('outbox').bulkAdd(
          mine.map((r) => {
            const hlc = typeof r._hlc === 'string' ? r._hlc : typeof r.hlc === 'string' ? r.hlc : s.clock.tick();
            const c: OutboxChange = { changeId: newId(), table: p.table, recordId: String(r.id), op: p.op, hlc, at: now, branchId: cfg.branchId, deviceId: s.deviceId, data: r };
            return c as unknown as Rec;
          }),
        );
      }
      const next: ResyncState = rows.length < CHUNK ? { ...st, table: st.table + 1, after: '', queued: st.queued + mine.length } : { ...st, after: String(rows[rows.length - 1].id), queued: st.queued + mine.length };
      await tx.table('meta').put({ key: META_RESYNC, value: next });
    });
  }
}
