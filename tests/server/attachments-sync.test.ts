/**
 * Attachments replicate as branch-owned rows: the branch that attached a file pushes it, HQ
 * pulls it, and another branch cannot overwrite it.
 */
import { describe, it, expect } from 'vitest';
import '../../shared/modules';
import { openTestHq, client, setupOrg, batch, hlcAt } from './harness';
import { newId } from '../../shared/kernel/ids';
import { tablePolicy } from '../../shared/sync/policy';

function attachmentPut(branchId: string, id = newId()) {
  const hlc = hlcAt(Date.now() - 1000);
  const data = { id, docType: 'Customer', docId: newId(), name: 'contract.pdf', mime: 'application/pdf', size: 3, data: 'AQID', at: '2026-01-01T00:00:00.000Z', by: 'u', byName: 'u', deleted: 0, branchId, _hlc: hlc, modifiedAt: '2026-01-01T00:00:00.000Z', modifiedBy: 'u' };
  return { changeId: newId(), table: 'attachments', recordId: id, op: 'put' as const, hlc, at: '2026-01-01T00:00:00.000Z', branchId, deviceId: newId(), data };
}

describe('attachments over sync', () => {
  it('is a branch-owned put table', () => {
    expect(tablePolicy('attachments')).toMatchObject({ kind: 'branch', op: 'put' });
  });

  it('a branch pushes its attachment, HQ pulls it, another branch may not overwrite it', async () => {
    const hq = await openTestHq('sqlite');
    try {
      const org = await setupOrg(hq);
      const call = client(hq);
      const change = attachmentPut(org.branchA);
      const r = await call('POST', '/v1/push', { token: org.tokenA, body: batch([change]) });
      expect(r.body.results[0].status).toBe('ok');
      const steal = await call('POST', '/v1/push', { token: org.tokenB, body: batch([{ ...attachmentPut(org.branchA, change.recordId), branchId: org.branchB }]) });
      expect(steal.body.results[0]).toMatchObject({ status: 'rejected', code: 'sync.forbidden_branch' });
      const pulled = await call('GET', '/v1/pull?after=0&limit=100', { token: org.tokenHq });
      const got = pulled.body.changes.find((c: { recordId: string }) => c.recordId === change.recordId);
      expect(got?.data).toMatchObject({ name: 'contract.pdf', data: 'AQID', branchId: org.branchA });
    } finally {
      await hq.close();
    }
  });
});
