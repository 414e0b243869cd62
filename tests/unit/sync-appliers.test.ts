/**
 * Balances are never replicated: a replica that pulls ledger rows derives its own balances
 * through the module ledger appliers (books: account_balances, stock: stock_balances), once
 * per row, even when the same page is applied twice.
 */
import { describe, it, expect } from 'vitest';
import { newCompany, ADMIN_PASSWORD } from '../fixtures/company';
import { accounts } from '../fixtures/books';
import { createDoc, submitDoc, createBackup, restoreBackup, login, type Session } from '../../shared/api';
import { verifyBalances } from '../../shared/books/gl';
import { applyPage } from '../../shared/sync/apply';
import type { PulledChange } from '../../shared/sync/protocol';

async function ledgerChanges(s: Session, fromSeq: number, tables: string[]): Promise<PulledChange[]> {
  const rows = await s.db.outbox.where('seq').above(fromSeq).toArray();
  return rows
    .filter((r) => r.op === 'append' && tables.includes(r.table as string))
    .map((r, i) => ({ seq: i + 1, table: r.table as string, recordId: r.recordId as string, op: 'append' as const, data: r.data as Record<string, unknown>, hlc: r.hlc as string, branchId: r.branchId as string }));
}

async function balances(s: Session, table: string) {
  return (await s.db.t(table).toArray()).map((b) => ({ key: b.key, debit: b.debit, credit: b.credit, qty: b.qty, value: b.value })).sort((a, b) => String(a.key).localeCompare(String(b.key)));
}

describe('ledger appliers for pulled rows', () => {
  it('GL rows pulled by a second replica give it the same account balances, exactly once', async () => {
    const { env, s } = await newCompany();
    // the second replica starts from the same company data (same accounts)
    const info = await restoreBackup(env, (await createBackup(s)).bytes);
    const hq = await login(env, info.id, 'admin', ADMIN_PASSWORD);
    const start = (await s.db.outbox.orderBy('seq').last())?.seq as number;
    const A = await accounts(s, '1001', '5602', '1002');
    const d = await createDoc(s, 'JournalEntry', { postingDate: '2026-03-10', lines: [{ account: A['5602'], debit: '800.00' }, { account: A['1001'], credit: '800.00' }] });
    await submitDoc(s, 'JournalEntry', d.id);
    const d2 = await createDoc(s, 'JournalEntry', { postingDate: '2026-04-02', lines: [{ account: A['1001'], debit: '1200.50' }, { account: A['1002'], credit: '1200.50' }] });
    await submitDoc(s, 'JournalEntry', d2.id);
    const page = await ledgerChanges(s, start, ['gl_entries']);
    expect(page.length).toBe(4);
    await applyPage(hq, page, '4');
    await applyPage(hq, page, '4'); // a replayed page must not double-count
    expect(await balances(hq, 'account_balances')).toEqual(await balances(s, 'account_balances'));
    expect(await verifyBalances(hq)).toEqual([]);
  });
});
