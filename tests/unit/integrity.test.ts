/**
 * Data checks (shared/kernel/integrity.ts): every module's derived data against its ledger;
 * a damaged account balance is found and rebuilt (audited), a damaged stock balance is reported
 * (report only), and only an administrator may check or rebuild.
 */
import { describe, it, expect } from 'vitest';
import '../../shared/modules';
import { newCompany } from '../fixtures/company';
import { warehouses, stockItem, receiveStock, issueStock } from '../fixtures/stock';
import { createUser, login, runIntegrityChecks, repairIntegrity, integrityChecks } from '../../shared/api';

describe('data check', () => {
  it('finds nothing on sound data, then finds a damaged account balance and rebuilds it from the ledger', async () => {
    const { s } = await newCompany();
    const wh = await warehouses(s);
    const item = await stockItem(s);
    await receiveStock(s, item.id, wh.store, '10', '12.50');
    await issueStock(s, item.id, wh.store, '3');
    expect(integrityChecks().map((c) => c.id)).toEqual(expect.arrayContaining(['books.balances', 'stock.balances', 'stock.tracking']));
    const sound = await runIntegrityChecks(s);
    expect(sound.every((r) => r.ok)).toBe(true);

    // a balance row damaged (as a crash of an older build or a hand edit could leave it)
    const bal = (await s.db.t<{ key: string; debit: number }>('account_balances').toArray())[0];
    await s.db.t('account_balances').put({ ...bal, debit: bal.debit + 100 });
    const [books] = await runIntegrityChecks(s, ['books.balances']);
    expect(books).toMatchObject({ ok: false, count: 1, repairable: true });
    expect(books.findings[0].key).toBe(bal.key);
    expect((books.findings[0].actual as { debit: number }).debit).toBe(bal.debit + 100);
    const audits = await s.db.audit.count();
    const fixed = await repairIntegrity(s, 'books.balances');
    expect(fixed.ok).toBe(true);
    expect(await s.db.audit.count()).toBe(audits + 1);
    const row = (await s.db.audit.orderBy('at').last()) as { docId: string; action: string; changes: { before: number; after: number }[] };
    expect(row).toMatchObject({ docId: 'books.balances', action: 'settings' });
    expect(row.changes[0]).toMatchObject({ before: 1, after: 0 });
  });

  it('reports a damaged stock balance (report only) and refuses a rebuild it cannot do', async () => {
    const { s } = await newCompany();
    const wh = await warehouses(s);
    const item = await stockItem(s);
    await receiveStock(s, item.id, wh.store, '5', '10');
    const b = (await s.db.t<{ key: string; qty: string }>('stock_balances').toArray())[0];
    await s.db.t('stock_balances').put({ ...b, qty: '6' });
    const [stock] = await runIntegrityChecks(s, ['stock.balances']);
    expect(stock).toMatchObject({ ok: false, count: 1, repairable: false });
    expect(stock.findings[0]).toMatchObject({ key: b.key, expected: { qty: '5' }, actual: { qty: '6' } });
    await expect(repairIntegrity(s, 'stock.balances')).rejects.toMatchObject({ code: 'error.integrity_not_repairable' });
    await expect(repairIntegrity(s, 'no.such.check')).rejects.toMatchObject({ code: 'error.integrity_unknown' });
  });

  it('needs an administrator', async () => {
    const { env, s } = await newCompany();
    await createUser(s, { username: 'lily', password: 'sales-pass-1', roleIds: ['role-sales'] }, 1000);
    const sales = await login(env, s.company.id, 'lily', 'sales-pass-1');
    await expect(runIntegrityChecks(sales)).rejects.toMatchObject({ code: 'error.forbidden' });
    await expect(repairIntegrity(sales, 'books.balances')).rejects.toMatchObject({ code: 'error.forbidden' });
  });
});
