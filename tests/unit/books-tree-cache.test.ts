/**
 * The chart of accounts reports use is cached per database and re-read after ANY write to the
 * accounts table: through the services, or straight to the table (as replicated pages do).
 */
import { describe, it, expect } from 'vitest';
import '../../shared/modules';
import { updateDoc } from '../../shared/api';
import { findAccount, loadAccountTree } from '../../shared/books';
import { newCompany } from '../fixtures/company';

describe('account tree cache', () => {
  it('serves the same tree until the accounts table is written, by a service or directly', async () => {
    const { s } = await newCompany();
    const a = await loadAccountTree(s);
    expect(await loadAccountTree(s)).toBe(a);
    expect(Object.isFrozen(a[0])).toBe(true);

    const cash = await findAccount(s, '1001');
    await updateDoc(s, 'Account', cash.id, { ...cash, accountName: 'Cash in tills' });
    const b = await loadAccountTree(s);
    expect(b).not.toBe(a);
    expect(b.find((n) => n.id === cash.id)?.accountName).toBe('Cash in tills');

    const stored = await s.db.t<Record<string, unknown>>('accounts').get(cash.id);
    await s.db.t('accounts').put({ ...stored, accountName: 'Cash (replicated)' });
    expect((await loadAccountTree(s)).find((n) => n.id === cash.id)?.accountName).toBe('Cash (replicated)');
    s.db.close();
  });
});
