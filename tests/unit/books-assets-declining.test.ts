/**
 * Fixed assets, declining balance: hand-computed schedules per asset year (double-declining by
 * default, a given rate, the switch to straight-line, the salvage floor, the last year taking the
 * remainder, a short last year, half-up rounding), monthly runs booking them, and a disposal after
 * some declining-balance months computing the net book value from the same schedule.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { accounts, cents } from '../fixtures/books';
import {
  assetSchedule, decliningBalanceSchedule, decliningBalanceRate, straightLineSchedule, runDepreciation, depreciationSchedule,
  createAndSubmit, accountBalance, verifyBalances,
} from '../../shared/books';

/** Sum a monthly schedule per asset year (12 months from the start; the last may be shorter). */
const years = (sch: { amount: number }[]) => {
  const out: number[] = [];
  sch.forEach((x, i) => (out[Math.floor(i / 12)] = (out[Math.floor(i / 12)] ?? 0) + x.amount));
  return out;
};
const total = (sch: { amount: number }[]) => sch.reduce((t, x) => t + x.amount, 0);

describe('declining-balance schedule (pure)', () => {
  it('double-declining by default: 40 % for 5 years, the salvage floor caps the last year', () => {
    // NBV 10,000 -> 6,000 -> 3,600 -> 2,160 -> 1,296 -> 1,000.  Year 4: 40 % of 2,160 = 864 beats
    // straight-line (2,160 − 1,000) / 2 = 580; year 5 would be 518.40 but only 296 is left above salvage.
    const sch = decliningBalanceSchedule(cents('10000.00'), cents('1000.00'), 60, '2026-01');
    expect(sch.length).toBe(60);
    expect(years(sch)).toEqual([cents('4000.00'), cents('2400.00'), cents('1440.00'), cents('864.00'), cents('296.00')]);
    expect(total(sch)).toBe(cents('9000.00'));
    // 4,000.00 / 12 = 333.33⅓: the first four months take the odd cents
    expect(sch.slice(0, 5).map((x) => x.amount)).toEqual([33334, 33334, 33334, 33334, 33333]);
    expect(sch[11]).toEqual({ period: '2026-12', amount: cents('333.33') });
    expect(sch[12]).toEqual({ period: '2027-01', amount: cents('200.00') });
    // 296.00 / 12 = 24.66⅔: eight months of 24.67, four of 24.66
    expect(sch.slice(48).map((x) => x.amount)).toEqual([...Array(8).fill(2467), ...Array(4).fill(2466)]);
    expect(sch[59].period).toBe('2030-12');
    expect(decliningBalanceSchedule(cents('10000.00'), cents('1000.00'), 60, '2026-01', '40')).toEqual(sch);
    expect(decliningBalanceRate(60).toString()).toBe('0.4');
    expect(decliningBalanceRate(60, '0').toString()).toBe('0.4');
    expect(decliningBalanceRate(60, '25').toString()).toBe('0.25');
  });

  it('switches to straight-line over the remaining life when that gives more', () => {
    // no salvage: year 4 straight-line 2,160 / 2 = 1,080 > 40 % × 2,160 = 864 -> switch
    expect(years(decliningBalanceSchedule(cents('10000.00'), 0, 60, '2026-01'))).toEqual([cents('4000.00'), cents('2400.00'), cents('1440.00'), cents('1080.00'), cents('1080.00')]);
    // a given 30 %: 3,000 · 2,100 · 1,470 (vs 1,300) · switch at year 4: (3,430 − 1,000) / 2 = 1,215 > 1,029 · 1,215
    expect(years(decliningBalanceSchedule(cents('10000.00'), cents('1000.00'), 60, '2026-01', '30'))).toEqual([cents('3000.00'), cents('2100.00'), cents('1470.00'), cents('1215.00'), cents('1215.00')]);
    // a rate below straight-line's is straight-line from the first year
    const low = decliningBalanceSchedule(cents('10000.00'), cents('1000.00'), 60, '2026-01', '10');
    expect(years(low)).toEqual(Array(5).fill(cents('1800.00')));
  });

  it('rounds each year half-up to the minor unit, and the last year absorbs the residue', () => {
    // 3 years, 2/3 a year: 1,000.00 × ⅔ = 666.666… -> 666.67; 333.33 × ⅔ = 222.22; the rest 111.11
    const sch = decliningBalanceSchedule(cents('1000.00'), 0, 36, '2026-07');
    expect(years(sch)).toEqual([cents('666.67'), cents('222.22'), cents('111.11')]);
    expect(total(sch)).toBe(cents('1000.00'));
    // 50 % of 10.05 = 5.025 -> 5.03 (half-up, not 5.02 half-even); the last year 5.02
    expect(years(decliningBalanceSchedule(cents('10.05'), 0, 24, '2026-01', '50'))).toEqual([503, 502]);
  });

  it('a life that is not whole years: the short last year takes the remainder', () => {
    // 30 months -> 24 / 30 = 80 %: 800.00 (vs 400.00) · 160.00 (vs 200 × 12/18 = 133.33) · 6 months, 40.00
    const sch = decliningBalanceSchedule(cents('1000.00'), 0, 30, '2026-01');
    expect(sch.length).toBe(30);
    expect(years(sch)).toEqual([cents('800.00'), cents('160.00'), cents('40.00')]);
    expect(sch.slice(24).map((x) => x.amount)).toEqual([667, 667, 667, 667, 666, 666]);
  });

  it('nothing to depreciate when salvage is the cost; a one-month life takes everything at once', () => {
    expect(total(decliningBalanceSchedule(cents('500.00'), cents('500.00'), 24, '2026-01'))).toBe(0);
    expect(decliningBalanceSchedule(cents('500.00'), cents('20.00'), 1, '2026-01')).toEqual([{ period: '2026-01', amount: cents('480.00') }]);
  });

  it('assetSchedule picks by method; a card without a method is straight-line', () => {
    const card = { cost: cents('10000.00'), salvageValue: cents('1000.00'), usefulLifeMonths: 60, depreciationStart: '2026-03-01' };
    expect(assetSchedule(card)).toEqual(straightLineSchedule(cents('10000.00'), cents('1000.00'), 60, '2026-03'));
    expect(assetSchedule({ ...card, depreciationMethod: 'straight_line', depreciationRate: '40' })).toEqual(assetSchedule(card));
    expect(assetSchedule({ ...card, depreciationMethod: 'declining_balance', depreciationRate: '0' })).toEqual(decliningBalanceSchedule(cents('10000.00'), cents('1000.00'), 60, '2026-03'));
  });
});

describe('declining balance in runs and disposal', () => {
  it('runs book the declining schedule next to a straight-line asset; a disposal in year 2 removes the right book value', async () => {
    const { s } = await newCompany();
    const A = await accounts(s, '1601', '1602', '1002', '3001', '5602', '5711');
    await createAndSubmit(s, 'JournalEntry', { postingDate: '2026-01-02', lines: [{ account: A['1002'], debit: '100000.00' }, { account: A['3001'], credit: '100000.00' }] });
    await createAndSubmit(s, 'JournalEntry', { postingDate: '2026-01-05', remarks: 'Machines', lines: [{ account: A['1601'], debit: '22000.00' }, { account: A['1002'], credit: '22000.00' }] });
    const press = await createAndSubmit(s, 'FixedAsset', { assetName: 'Tea press', purchaseDate: '2026-01-05', depreciationStart: '2026-02-01', cost: '10000.00', salvageValue: '1000.00', usefulLifeMonths: 60, depreciationMethod: 'declining_balance' });
    const shelf = await createAndSubmit(s, 'FixedAsset', { assetName: 'Shelves', purchaseDate: '2026-01-05', depreciationStart: '2026-02-01', cost: '12000.00', salvageValue: '0.00', usefulLifeMonths: 60, depreciationRate: '40' });
    expect([press.depreciationMethod, press.depreciationRate]).toEqual(['declining_balance', '0']);
    expect([shelf.depreciationMethod, shelf.depreciationRate]).toEqual(['straight_line', '0']); // a rate means nothing for straight-line

    const feb = await runDepreciation(s, '2026-02');
    expect(feb.total).toBe(cents('333.34') + cents('200.00'));
    const jan = await runDepreciation(s, '2027-01'); // March … January caught up: the rest of year 1
    expect((jan.lines as { asset: string; amount: number }[]).find((l) => l.asset === press.id)!.amount).toBe(cents('4000.00') - cents('333.34'));
    const feb27 = await runDepreciation(s, '2027-02'); // year 2: 2,400.00 / 12
    expect((feb27.lines as { asset: string; amount: number }[]).find((l) => l.asset === press.id)!.amount).toBe(cents('200.00'));

    const sch = await depreciationSchedule(s, press.id);
    expect(sch[11]).toMatchObject({ period: '2027-01', bookValue: cents('6000.00') });
    expect(sch[12]).toMatchObject({ period: '2027-02', amount: cents('200.00'), booked: cents('200.00') });
    expect(sch[sch.length - 1].bookValue).toBe(cents('1000.00'));

    // sold on 10 April 2027 for 5,000.00: March and April are depreciated by the disposal (400.00),
    // accumulated 4,600.00, book value 5,400.00, loss 400.00
    const sale = await createAndSubmit(s, 'AssetDisposal', { asset: press.id, postingDate: '2027-04-10', disposalType: 'sale', proceeds: '5000.00', proceedsAccount: A['1002'] });
    expect([sale.depreciationAmount, sale.accumulatedDepreciation, sale.bookValue, sale.gainLoss]).toEqual([cents('400.00'), cents('4600.00'), cents('5400.00'), -cents('400.00')]);
    expect(await accountBalance(s, A['5711'])).toBe(cents('400.00'));
    // what stays on the books is the shelves only: cost 12,000.00, 13 months (Feb 2026 – Feb 2027) of 200.00
    expect(await accountBalance(s, A['1601'])).toBe(cents('12000.00'));
    expect(await accountBalance(s, A['1602'])).toBe(-cents('2600.00'));
    expect(await accountBalance(s, A['5602'])).toBe(cents('4600.00') + cents('2600.00'));
    // the next run leaves the sold press out
    const may = await runDepreciation(s, '2027-05');
    expect((may.lines as { asset: string }[]).map((l) => l.asset)).toEqual([shelf.id]);
    expect(await verifyBalances(s)).toEqual([]);
  });

  it('refuses a rate above 100 % or below zero', async () => {
    const { s } = await newCompany();
    const card = { assetName: 'Lathe', purchaseDate: '2026-01-05', depreciationStart: '2026-02-01', cost: '1000.00', usefulLifeMonths: 24, depreciationMethod: 'declining_balance' };
    await expect(createAndSubmit(s, 'FixedAsset', { ...card, depreciationRate: '150' })).rejects.toMatchObject({ issues: [expect.objectContaining({ code: 'error.above_max', field: 'depreciationRate' })] });
    await expect(createAndSubmit(s, 'FixedAsset', { ...card, depreciationRate: '-5' })).rejects.toMatchObject({ issues: [expect.objectContaining({ field: 'depreciationRate' })] });
  });
});
