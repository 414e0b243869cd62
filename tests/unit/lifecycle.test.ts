/**
 * Document lifecycle and store guards, on a test-only submittable document type with a ledger,
 * so the kernel is proven independently of any business module.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { registerDocType, registerTable, createDoc, updateDoc, submitDoc, cancelDoc, deleteDoc, amendDoc, DomainError, type DocTypeDef } from '../../shared/api';

const TestVoucher = {
  name: 'TestVoucher',
  table: 'test_vouchers',
  module: 'books',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'TV' },
  titleField: 'memo',
  fields: [
    { name: 'postingDate', type: 'date', required: true },
    { name: 'memo', type: 'data' },
    { name: 'amount', type: 'money', min: 0, required: true },
    { name: 'amendedFrom', type: 'data', hidden: true },
  ],
  listColumns: ['number', 'postingDate', 'memo', 'amount'],
  searchFields: ['memo'],
} as const satisfies DocTypeDef;

registerTable('test_ledger', { schema: 'id, voucherId', appendOnly: true });
registerDocType(TestVoucher, {
  tables: ['test_ledger'],
  async onSubmit(doc, ctx) {
    if (doc.memo === 'refuse') throw new DomainError('error.test_refused');
    await ctx.append('test_ledger', [{ id: `${doc.id}-1`, voucherId: doc.id, amount: doc.amount }]);
  },
  async onCancel(doc, ctx) {
    await ctx.append('test_ledger', [{ id: `${doc.id}-r`, voucherId: doc.id, amount: -(doc.amount as number) }]);
  },
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return (e as DomainError).code ?? String(e);
  }
}

describe('draft -> submitted -> cancelled', () => {
  it('posts on submit, reverses on cancel, and numbers by posting year and branch', async () => {
    const { s } = await newCompany({ branchCode: 'BJ' });
    const v = await createDoc(s, 'TestVoucher', { postingDate: '2026-03-05', memo: 'rent', amount: '1200.50' });
    expect(v.number).toBe('BJ-TV-2026-00001');
    const sub = await submitDoc(s, 'TestVoucher', v.id);
    expect(sub.status).toBe('submitted');
    const c = await cancelDoc(s, 'TestVoucher', v.id, 'wrong month');
    expect(c.status).toBe('cancelled');
    const rows = await s.db.t('test_ledger').where('voucherId').equals(v.id).toArray();
    expect(rows.map((r) => r.amount).sort()).toEqual([-120050, 120050]);
    const amended = await amendDoc(s, 'TestVoucher', v.id);
    expect(amended.status).toBe('draft');
    expect(amended.amendedFrom).toBe(v.id);
    expect(amended.number).toBe('BJ-TV-2026-00002');
  });

  it('submitted documents are immutable through the services AND the store', async () => {
    const { s } = await newCompany();
    const v = await createDoc(s, 'TestVoucher', { postingDate: '2026-03-05', memo: 'x', amount: '10' });
    await submitDoc(s, 'TestVoucher', v.id);
    expect(await code(updateDoc(s, 'TestVoucher', v.id, { postingDate: '2026-03-05', amount: '99' }))).toBe('error.not_draft');
    expect(await code(deleteDoc(s, 'TestVoucher', v.id))).toBe('error.not_draft');
    expect(await code(submitDoc(s, 'TestVoucher', v.id))).toBe('error.not_draft');
    // bypassing the services: the store itself refuses
    const raw = await s.db.t('test_vouchers').get(v.id);
    expect(await code(s.db.t('test_vouchers').put({ ...raw, amount: 1 }))).toBe('error.store_immutable');
    expect(await code(s.db.t('test_vouchers').delete(v.id))).toBe('error.store_immutable');
    expect(await code(s.db.t('test_ledger').put({ id: `${v.id}-1`, voucherId: v.id, amount: 0 }))).toBe('error.store_append_only');
    expect(await code(s.db.t('test_ledger').delete(`${v.id}-1`))).toBe('error.store_append_only');
    expect(await code(s.db.t('test_ledger').clear())).toBe('error.store_append_only');
    expect(await code(s.db.audit.clear())).toBe('error.store_append_only');
    // adding a row with an existing id never overwrites it (the store refuses the key)
    const before = await s.db.t('test_ledger').get(`${v.id}-1`);
    await expect(s.db.t('test_ledger').add({ id: `${v.id}-1`, voucherId: v.id, amount: 0 })).rejects.toMatchObject({ name: 'ConstraintError' });
    await expect(s.db.t('test_vouchers').add({ ...raw, amount: 1 })).rejects.toMatchObject({ name: 'ConstraintError' });
    expect(await s.db.t('test_ledger').get(`${v.id}-1`)).toEqual(before);
    expect((await s.db.t('test_vouchers').get(v.id))?.amount).toEqual(raw?.amount);
  });

  it('a refused submit writes nothing at all (no status change, no ledger, no audit, no outbox)', async () => {
    const { s } = await newCompany();
    const v = await createDoc(s, 'TestVoucher', { postingDate: '2026-03-05', memo: 'refuse', amount: '10' });
    const counts = async () => [await s.db.t('test_ledger').count(), await s.db.audit.count(), await s.db.outbox.count()];
    const before = await counts();
    expect(await code(submitDoc(s, 'TestVoucher', v.id))).toBe('error.test_refused');
    expect(await counts()).toEqual(before);
    expect((await s.db.t('test_vouchers').get(v.id))?.status).toBe('draft');
  });

  it('every write appends an outbox change in the same transaction', async () => {
    const { s } = await newCompany();
    const before = await s.db.outbox.count();
    const v = await createDoc(s, 'TestVoucher', { postingDate: '2026-03-05', memo: 'y', amount: '10' });
    await submitDoc(s, 'TestVoucher', v.id);
    const changes = (await s.db.outbox.toArray()).slice(before);
    expect(changes.map((c) => `${c.table}:${c.op}`)).toEqual(['test_vouchers:put', 'audit:append', 'test_ledger:append', 'test_vouchers:put', 'audit:append']);
    expect(changes.every((c) => c.branchId === s.branchId && c.deviceId === s.deviceId)).toBe(true);
  });
});
