/**
 * Fixed assets, straight-line: the schedule sums exactly, a monthly run books Dr depreciation
 * expense / Cr accumulated depreciation, a month is never booked twice, a missed month is caught
 * up, and runs are cancelled latest first.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { accounts, cents, ledgerCounts } from '../fixtures/books';
import { cancelDoc } from '../../shared/api';
import { straightLineSchedule, amountDue, runDepreciation, depreciationSchedule, createAndSubmit, accountBalance, verifyBalances } from '../../shared/books';

describe('straight-line schedule (pure)', () => {
  it('splits (cost - salvage) over the months exactly, odd cents first', () => {
    const sch = straightLineSchedule(cents('10000.00'), cents('400.00'), 36, '2026-01');
    expect(sch.length).toBe(36);
    expect(sch.reduce((t, x) => t + x.amount, 0)).toBe(cents('9600.00'));
    expect(sch[0]).toEqual({ period: '2026-01', amount: cents('266.67') });
    expect(sch[35]).toEqual({ period: '2028-12', amount: cents('266.66') });
    expect(amountDue(sch, 0, '2026-03')).toBe(cents('800.01'));
    expect(amountDue(sch, cents('266.67'), '2026-01')).toBe(0);
    expect(amountDue(sch, 0, '2030-01')).toBe(cents('9600.00'));
  });
});

describe('depreciation runs', () => {
  it('books monthly, refuses a second run, catches up a missed month, cancels latest first', async () => {
    const { s } = await newCompany();
    const A = await accounts(s, '1601', '1602', '1002', '5602');
    await createAndSubmit(s, 'JournalEntry', { postingDate: '2026-01-05', remarks: 'Delivery van', lines: [{ account: A['1601'], debit: '120000.00' }, { account: A['1002'], credit: '120000.00' }] });
    const van = await createAndSubmit(s, 'FixedAsset', { assetName: 'Delivery van', purchaseDate: '2026-01-05', depreciationStart: '2026-02-01', cost: '120000.00', salvageValue: '6000.00', usefulLifeMonths: 48 });
    expect(van.assetAccount).toBe(A['1601']);
    const feb = await runDepreciation(s, '2026-02');
    expect([feb.postingDate, feb.total]).toEqual(['2026-02-28', cents('2375.00')]); // 114,000.00 / 48
    const before = await ledgerCounts(s);
    await expect(runDepreciation(s, '2026-02')).rejects.toMatchObject({ code: 'error.depreciation_exists' });
    expect((await ledgerCounts(s)).gl_entries).toBe(before.gl_entries);
    const apr = await runDepreciation(s, '2026-04'); // March was missed: caught up
    expect(apr.total).toBe(cents('4750.00'));
    expect(await accountBalance(s, A['1602'])).toBe(-cents('7125.00'));
    expect(await accountBalance(s, A['5602'])).toBe(cents('7125.00'));
    await expect(cancelDoc(s, 'AssetDepreciation', feb.id)).rejects.toMatchObject({ code: 'error.depreciation_later_exists' });
    await expect(cancelDoc(s, 'FixedAsset', van.id)).rejects.toMatchObject({ code: 'error.asset_has_depreciation' });
    await cancelDoc(s, 'AssetDepreciation', apr.id);
    expect(await accountBalance(s, A['1602'])).toBe(-cents('2375.00'));
    const sch = await depreciationSchedule(s, van.id);
    expect(sch.slice(0, 3).map((x) => [x.period, x.booked])).toEqual([['2026-02', cents('2375.00')], ['2026-03', 0], ['2026-04', 0]]);
    expect(sch[sch.length - 1].bookValue).toBe(cents('6000.00'));
    await expect(runDepreciation(s, '2026-13')).rejects.toMatchObject({ code: 'error.period_invalid' });
    expect(await verifyBalances(s)).toEqual([]);
  });
});
