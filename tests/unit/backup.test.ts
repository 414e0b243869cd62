import { describe, it, expect } from 'vitest';
import { newCompany, ADMIN_PASSWORD } from '../fixtures/company';
import { createBackup, restoreBackup, readBackup, listCompanies, login, createDoc, listDocs, DomainError, BACKUP_MAGIC } from '../../shared/api';
import type { CompanyDb } from '../../shared/kernel/db';

async function snapshot(db: CompanyDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  return out;
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return (e as DomainError).code;
  }
}

describe('backup and restore', () => {
  it('round-trips a company to identical data, as a new company, and users can log in', async () => {
    const { env, s } = await newCompany({ demo: true });
    const { bytes, fileName } = await createBackup(s);
    expect(fileName).toMatch(/\.blbak$/);
    const info = await restoreBackup(env, bytes);
    expect((await listCompanies(env)).length).toBe(2);
    const restored = await login(env, info.id, 'admin', ADMIN_PASSWORD);
    const a = await snapshot(s.db);
    const b = await snapshot(restored.db);
    // the restore itself adds a login audit row; everything else is identical
    const strip = (x: Record<string, unknown[]>) => ({ ...x, audit: x.audit.filter((r) => (r as { action: string }).action !== 'login'), outbox: x.outbox.filter((r) => (r as { table: string; data: { action?: string } }).table !== 'audit' || (r as { data: { action?: string } }).data.action !== 'login') });
    expect(strip(b)).toEqual(strip(a));
    expect((await listDocs(restored, 'Customer', { limit: 100 })).rows.length).toBeGreaterThan(0);
  });

  it('replaces an existing company atomically from the registry point of view', async () => {
    const { env, s } = await newCompany();
    const { bytes } = await createBackup(s);
    await createDoc(s, 'Customer', { customerName: 'Added after backup' });
    const info = await restoreBackup(env, bytes, { replaceCompanyId: s.company.id, session: s });
    expect(info.id).toBe(s.company.id);
    expect((await listCompanies(env)).length).toBe(1);
    const again = await login(env, info.id, 'admin', ADMIN_PASSWORD);
    expect((await listDocs(again, 'Customer', { search: 'added' })).rows.length).toBe(0);
  });

  it('refuses a corrupt, truncated or foreign file and changes nothing', async () => {
    const { env, s } = await newCompany();
    const { bytes } = await createBackup(s);
    const flipped = bytes.slice();
    flipped[flipped.length - 10] ^= 0xff;
    expect(await code(restoreBackup(env, flipped))).toBe('error.backup_corrupt');
    expect(await code(restoreBackup(env, bytes.slice(0, bytes.length - 100)))).toBe('error.backup_corrupt');
    expect(await code(restoreBackup(env, new TextEncoder().encode('PK\u0003\u0004 a zip file')))).toBe('error.backup_not_backup');
    expect(await code(restoreBackup(env, new TextEncoder().encode(BACKUP_MAGIC + '{not json')))).toBe('error.backup_not_backup');
    const future = new TextEncoder().encode(BACKUP_MAGIC + JSON.stringify({ format: 99, sha256: 'x', size: 0, company: { name: 'x' }, schemaVersion: 1 }) + '\n');
    expect(await code(readBackup(future))).toBe('error.backup_version');
    expect((await listCompanies(env)).length).toBe(1);
  });

  it('a Sales user may not make a backup', async () => {
    const { env, s } = await newCompany();
    const { createUser } = await import('../../shared/api');
    await createUser(s, { username: 'lily', password: 'sales-pass-1', roleIds: ['role-sales'] }, 1000);
    const sales = await login(env, s.company.id, 'lily', 'sales-pass-1');
    expect(await code(createBackup(sales))).toBe('error.forbidden');
  });
});
