/**
 * Head office restored from a backup: changes HQ acknowledged after the backup are gone from it,
 * and its sequence numbers restart below the branches' cursors. Devices notice HQ's new store id,
 * send again what they own and download everything; afterwards HQ and every replica hold
 * everything, nothing twice, and a change made at HQ after the restore reaches the branch (which
 * its old cursor would have skipped).
 */
import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../shared/modules';
import '../../shared/sync/index';
import { openHq, type Hq } from '../../server/app';
import { runCli } from '../../server/cli';
import { PID_FILE } from '../../server/backup';
import { handlerTransport } from './harness';
import { newEnv, ADMIN_PASSWORD } from '../fixtures/company';
import { createDoc, updateDoc, getDoc, type Session } from '../../shared/api';
import { joinCompany } from '../../shared/sync/join';
import { syncOnce, listConflicts } from '../../shared/sync/client';
import { META_CURSOR } from '../../shared/sync/apply';
import { META_RESYNC, META_STORE_ID, resyncAfterRestore } from '../../shared/sync/resync';

describe('head office restored from a backup', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  async function world() {
    const dir = mkdtempSync(join(tmpdir(), 'hq-restore-'));
    dirs.push(dir);
    const env = { DATA_DIR: join(dir, 'data') };
    let hq: Hq = await openHq({ dataDir: env.DATA_DIR });
    const co = await hq.store.createCompany('Restore Trading', { baseCurrency: 'CNY', template: 'cn-small-enterprise', country: 'CN' });
    const head = await hq.store.createBranch({ companyId: co.id, code: 'HQ', name: 'Head office' });
    const sh = await hq.store.createBranch({ companyId: co.id, code: 'SH', name: 'Shanghai' });
    // every call goes to whichever HQ process is current (it is stopped and reopened)
    const t = { ...handlerTransport(hq) };
    const route = () => Object.assign(t, handlerTransport(hq));
    const enrolAt = async (branchId: string, scope: 'all' | 'branch') =>
      (await joinCompany(await newEnv(), t, { serverUrl: 'http://hq.test', code: (await hq.store.issueCode({ branchId, scope })).code, deviceName: `desk ${scope}`, language: 'en', admin: { username: 'admin', password: ADMIN_PASSWORD } })).session;
    const desk = await enrolAt(head.id, 'all');
    const branch = await enrolAt(sh.id, 'branch');
    return {
      dir,
      env,
      desk,
      branch,
      t,
      hq: () => hq,
      async reopen() {
        hq = await openHq({ dataDir: env.DATA_DIR });
        route();
      },
      async close() {
        await hq.close();
      },
    };
  }

  const names = async (s: Session) => (await s.db.t<{ customerName: string; deleted: number }>('customers').toArray()).filter((c) => !c.deleted).map((c) => c.customerName).sort();

  it('devices resend what they own and download everything; HQ and replicas converge; a change after the restore is not skipped', async () => {
    const w = await world();
    try {
      // before the backup: one customer from the branch, one from HQ, synced everywhere
      await createDoc(w.branch, 'Customer', { customerName: 'Before Backup Branch Co' });
      await createDoc(w.desk, 'Customer', { customerName: 'Before Backup HQ Co' });
      for (const s of [w.branch, w.desk, w.branch]) await syncOnce(s, w.t);
      const backup = (await runCli(['backup', '--out', join(w.dir, 'hq-backup.sqlite')], w.env)) as { file: string };

      // after the backup: HQ acknowledges more work (lost by the restore)
      const lost = await createDoc(w.branch, 'Customer', { customerName: 'After Backup Branch Co' });
      await syncOnce(w.branch, w.t);
      const edited = await getDoc(w.desk, 'Customer', (await w.desk.db.t<{ id: string; customerName: string }>('customers').toArray()).find((c) => c.customerName === 'Before Backup HQ Co')!.id);
      await updateDoc(w.desk, 'Customer', edited.id, { ...edited, city: 'Hangzhou' });
      for (const s of [w.desk, w.branch]) await syncOnce(s, w.t);
      expect(await names(w.desk)).toContain('After Backup Branch Co');
      const branchCursor = Number((await w.branch.db.meta.get(META_CURSOR))?.value);
      const storeBefore = (await w.branch.db.meta.get(META_STORE_ID))?.value;
      expect(storeBefore).toBeTruthy();

      // restore refuses while a server process serves the folder
      writeFileSync(join(w.env.DATA_DIR, PID_FILE), `${process.ppid}\n`);
      await expect(runCli(['restore', '--from', backup.file], w.env)).rejects.toThrow(/stop it first/);
      rmSync(join(w.env.DATA_DIR, PID_FILE));
      await w.close();
      const restored = (await runCli(['restore', '--from', backup.file], w.env)) as { previous: string; storeId: string };
      expect(existsSync(restored.previous)).toBe(true);
      await w.reopen();
      const companyId = (await w.hq().store.listCompanies())[0].id;
      expect((await w.hq().store.listCompanies()).map((c) => c.name)).toEqual(['Restore Trading']);
      // HQ went back to the backup: fewer changes than the branch's cursor had seen
      const countAfterRestore = await w.hq().store.changeCount();
      expect(countAfterRestore).toBeLessThan(branchCursor);
      expect(companyId).toBeTruthy();

      // HQ's desk makes a customer after the restore and syncs first: its push answer carries
      // the new store id; it resends its own data and downloads everything again
      await createDoc(w.desk, 'Customer', { customerName: 'After Restore HQ Co' });
      await syncOnce(w.desk, w.t);
      expect((await w.desk.db.meta.get(META_STORE_ID))?.value).toBe(restored.storeId);
      expect((await listConflicts(w.desk)).filter((c) => c.kind === 'hq_restored')).toHaveLength(1);
      expect(await w.hq().store.changeCount()).toBeGreaterThan(countAfterRestore);
      // the branch syncs: resends (the lost customer comes back to HQ) and downloads everything
      const rep = await syncOnce(w.branch, w.t);
      expect(rep.pulled).toBeGreaterThan(0);
      expect(Number((await w.branch.db.meta.get(META_CURSOR))?.value)).toBeGreaterThan(0);
      expect((await listConflicts(w.branch)).filter((c) => c.kind === 'hq_restored')).toHaveLength(1);
      expect(await names(w.branch)).toEqual(['After Backup Branch Co', 'After Restore HQ Co', 'Before Backup Branch Co', 'Before Backup HQ Co']);
      // HQ's desk gets the branch's resent customer back
      await syncOnce(w.desk, w.t);
      expect(await names(w.desk)).toEqual(['After Backup Branch Co', 'After Restore HQ Co', 'Before Backup Branch Co', 'Before Backup HQ Co']);
      // the desk's edit after the backup survived on the desk and is back at HQ, and at the branch
      await syncOnce(w.branch, w.t);
      const atBranch = (await w.branch.db.t<{ customerName: string; city: string }>('customers').toArray()).find((c) => c.customerName === 'Before Backup HQ Co')!;
      expect(atBranch.city).toBe('Hangzhou');
      expect((await w.branch.db.t<{ id: string }>('customers').get(lost.id))).toBeTruthy();
      // nothing twice: one record per customer at HQ's replicas, numbers unique
      const rows = await w.branch.db.t<{ id: string; number: string }>('customers').toArray();
      expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
      // steady again: another round queues nothing and reports no new restore
      const again = await syncOnce(w.branch, w.t);
      expect(again.pushed).toBe(0);
      expect((await listConflicts(w.branch)).filter((c) => c.kind === 'hq_restored')).toHaveLength(1);
      expect(await w.branch.db.meta.get(META_RESYNC)).toBeUndefined();
    } finally {
      await w.close();
    }
  });

  it('an interrupted resend resumes where it stopped and queues nothing twice', async () => {
    const w = await world();
    try {
      for (let i = 0; i < 5; i++) await createDoc(w.branch, 'Customer', { customerName: `Resume Co ${i}` });
      await syncOnce(w.branch, w.t);
      const cfg = { branchId: w.branch.branchId, scope: 'branch' };
      const storeId = (await w.branch.db.meta.get(META_STORE_ID))?.value as string;
      // a restore is noticed; the resend runs one table chunk, then the app is closed
      await w.branch.db.meta.put({ key: META_RESYNC, value: { storeId: 'new-store', previous: storeId, table: 0, after: '', queued: 0 } });
      const once = w.branch.db.transaction.bind(w.branch.db);
      let calls = 0;
      (w.branch.db as unknown as { transaction: unknown }).transaction = (...args: unknown[]) => {
        if (++calls > 3) throw new Error('app closed');
        return (once as (...a: unknown[]) => unknown)(...args);
      };
      await expect(resyncAfterRestore(w.branch, cfg)).rejects.toThrow('app closed');
      (w.branch.db as unknown as { transaction: unknown }).transaction = once;
      const partial = (await w.branch.db.meta.get(META_RESYNC))?.value as { table: number };
      expect(partial.table).toBeGreaterThan(0);
      await resyncAfterRestore(w.branch, cfg);
      const out = (await w.branch.db.outbox.toArray()) as unknown as { table: string; recordId: string }[];
      const keys = out.map((o) => `${o.table}/${o.recordId}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(out.filter((o) => o.table === 'customers')).toHaveLength(5);
      expect((await w.branch.db.meta.get(META_CURSOR))?.value).toBe('0');
      expect((await w.branch.db.meta.get(META_STORE_ID))?.value).toBe('new-store');
    } finally {
      await w.close();
    }
  });
});
