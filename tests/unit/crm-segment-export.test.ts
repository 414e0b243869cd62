/** A saved segment exports every member (all pages) as CSV; a user without export right is refused. */
import { describe, it, expect } from 'vitest';
import '../../shared/modules';
import { createDoc, createUser } from '../../shared/api';
import { exportSegment } from '../../shared/crm';
import { parseCsv } from '../../shared/kernel/csv-map';
import { newCompany } from '../fixtures/company';
import { login } from '../../shared/api';

describe('segment export', () => {
  it('writes every member of the segment, across pages, with a header row', async () => {
    const { env, s } = await newCompany();
    for (let i = 0; i < 620; i++) await createDoc(s, 'Customer', { customerName: `Cust ${String(i).padStart(3, '0')}`, city: i % 3 === 0 ? 'Suzhou' : 'Hangzhou' });
    const seg = await createDoc(s, 'Segment', { segmentName: 'Suzhou', target: 'Customer', conditions: [{ field: 'city', op: 'eq', value: 'Suzhou' }] });
    const res = await exportSegment(s, seg.id, 'en');
    expect(res.target).toBe('Customer');
    expect(res.count).toBe(207);
    const rows = parseCsv(res.csv);
    expect(rows.length).toBe(208);
    const nameCol = rows[0].indexOf('Customer name');
    expect(nameCol).toBeGreaterThanOrEqual(0);
    expect(new Set(rows.slice(1).map((r) => r[nameCol])).size).toBe(207);

    await createUser(s, { username: 'reader', password: 'reader-pass-1', roleIds: ['role-readonly'] }, 1000);
    const reader = await login(env, s.company.id, 'reader', 'reader-pass-1');
    await expect(exportSegment(reader, seg.id, 'en')).rejects.toMatchObject({ code: 'error.forbidden' });
  }, 60_000);
});
