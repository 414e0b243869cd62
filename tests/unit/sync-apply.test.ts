/**
 * Applying a pulled page (shared/sync/apply.ts), batched: one read and one write per table for
 * the page, merges in page order in memory. Two puts of one record in a page merge in order;
 * a repeated append is a no-op; the same id with other content is an append conflict; an
 * unknown table and a duplicate number land in the inbox; applying the page again changes
 * nothing.
 */
import { describe, it, expect } from 'vitest';
import '../../shared/modules';
import '../../shared/sync/index';
import { createDoc, type BaseRecord } from '../../shared/api';
import { applyPage, META_CURSOR } from '../../shared/sync/apply';
import { listConflicts } from '../../shared/sync/client';
import type { PulledChange } from '../../shared/sync/protocol';
import { encodeHlc } from '../../shared/kernel/hlc';
import { newId } from '../../shared/kernel/ids';
import { newCompany } from '../fixtures/company';

const T = Date.parse('2026-11-01T08:00:00.000Z');
const hlc = (ms: number) => encodeHlc(T + ms, 0, 'remote-node');

function customer(id: string, ms: number, fields: Record<string, unknown>, number: string): Record<string, unknown> {
  const h = hlc(ms);
  return { id, number, branchId: 'br-remote', status: 'active', createdAt: '2026-11-01T08:00:00.000Z', createdBy: 'u', modifiedAt: '2026-11-01T08:00:00.000Z', modifiedBy: 'u', _hlc: h, _fieldHlc: Object.fromEntries(Object.keys(fields).map((k) => [k, h])), deleted: 0, _rev: 1, _search: [], customerName: 'x', ...fields };
}

describe('applying a pulled page', () => {
  it('merges in page order, keeps ledger rows once, reports conflicts, and is idempotent', async () => {
    const { s } = await newCompany();
    const local = await createDoc(s, 'Customer', { customerName: 'Local Tea House' });
    const a = newId();
    const auditId = newId();
    const audit = { id: auditId, at: '2026-11-01T08:00:00.000Z', hlc: hlc(5), userId: 'u', userName: 'u', deviceId: 'd', branchId: 'br-remote', docType: 'Customer', docId: a, docNumber: 'R-1', action: 'create', changes: [] };
    const page: PulledChange[] = [
      { seq: 1, table: 'customers', recordId: a, op: 'put', hlc: hlc(1), branchId: 'br-remote', data: customer(a, 1, { customerName: 'Remote One', city: 'Suzhou' }, 'R-CUST-1') },
      { seq: 2, table: 'audit', recordId: auditId, op: 'append', hlc: hlc(5), branchId: 'br-remote', data: audit },
      { seq: 3, table: 'customers', recordId: a, op: 'put', hlc: hlc(2), branchId: 'br-remote', data: customer(a, 2, { city: 'Shanghai' }, 'R-CUST-1') },
      { seq: 4, table: 'audit', recordId: auditId, op: 'append', hlc: hlc(5), branchId: 'br-remote', data: audit },
      { seq: 5, table: 'audit', recordId: auditId, op: 'append', hlc: hlc(6), branchId: 'br-remote', data: { ...audit, action: 'delete' } },
      { seq: 6, table: 'no_such_table', recordId: 'x', op: 'put', hlc: hlc(7), branchId: 'br-remote', data: { id: 'x' } },
      { seq: 7, table: 'customers', recordId: newId(), op: 'put', hlc: hlc(8), branchId: 'br-remote', data: { ...customer(newId(), 8, { customerName: 'Clash' }, local.number) } },
    ];
    page[6].data.id = page[6].recordId;
    const stats = await applyPage(s, page, '7');
    expect(stats).toEqual({ applied: 4, unchanged: 1, conflicts: 3 });
    const got = await s.db.t<BaseRecord>('customers').get(a);
    expect([got?.customerName, got?.city]).toEqual(['Remote One', 'Shanghai']);
    expect((await s.db.t('audit').get(auditId))?.action).toBe('create');
    expect((await listConflicts(s)).map((c) => c.kind).sort()).toEqual(['append_conflict', 'duplicate_number', 'unknown_table']);
    expect((await s.db.meta.get(META_CURSOR))?.value).toBe('7');

    const before = JSON.stringify(await s.db.t('customers').toArray());
    const again = await applyPage(s, page, '7');
    expect(again.applied).toBe(0);
    expect(JSON.stringify(await s.db.t('customers').toArray())).toBe(before);
    expect(await listConflicts(s)).toHaveLength(3);
    s.db.close();
  });

  it('a number held only by a deleted record (tombstone) is no duplicate; a live one is', async () => {
    const { s } = await newCompany();
    const gone = await createDoc(s, 'Customer', { customerName: 'Gone Trading' });
    const kept = await createDoc(s, 'Customer', { customerName: 'Kept Trading' });
    await s.db.t<BaseRecord>('customers').update(gone.id, { deleted: 1 });
    const x = newId();
    const y = newId();
    const page: PulledChange[] = [
      { seq: 1, table: 'customers', recordId: x, op: 'put', hlc: hlc(1), branchId: 'br-remote', data: customer(x, 1, { customerName: 'Reuses Gone' }, gone.number) },
      { seq: 2, table: 'customers', recordId: y, op: 'put', hlc: hlc(2), branchId: 'br-remote', data: customer(y, 2, { customerName: 'Clashes Kept' }, kept.number) },
    ];
    await applyPage(s, page, '2');
    const dup = (await listConflicts(s)).filter((c) => c.kind === 'duplicate_number');
    expect(dup.map((c) => c.recordId)).toEqual([y]);
  });
});
