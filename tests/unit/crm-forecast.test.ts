/** Weighted forecast and quote totals: pure, exact. */
import { describe, it, expect } from 'vitest';
import { forecast, type ForecastOpp } from '../../shared/crm/forecast';
import { quoteTotals, approvalFor } from '../../shared/crm/quote.totals';

const opp = (o: Partial<ForecastOpp>): ForecastOpp => ({ owner: 'lily', stage: 'proposal', probability: '50', amount: 0, currency: 'CNY', expectedClose: '2026-03-10', ...o });

describe('weighted forecast', () => {
  it('weights by probability per month and rep; lost counts nothing, won counts in full', () => {
    const f = forecast([
      opp({ amount: 1_000_00, probability: '50' }),
      opp({ amount: 333_33, probability: '33.3', owner: 'tom' }),
      opp({ amount: 500_00, stage: 'won', probability: '75', expectedClose: '2026-04-01' }),
      opp({ amount: 900_00, stage: 'lost', probability: '0' }),
      opp({ amount: 200_00, probability: '10', expectedClose: '2026-04-30', owner: 'tom' }),
    ], { baseCurrency: 'CNY' });
    expect(f.rows).toEqual([
      { month: '2026-03', owner: 'lily', count: 1, amount: 1_000_00, weighted: 500_00 },
      { month: '2026-03', owner: 'tom', count: 1, amount: 333_33, weighted: 111_00 }, // 33333 x 0.333 = 11099.889 -> 11100 (half-up)
      { month: '2026-04', owner: 'lily', count: 1, amount: 500_00, weighted: 500_00 },
      { month: '2026-04', owner: 'tom', count: 1, amount: 200_00, weighted: 20_00 },
    ]);
    expect(f.byMonth.map((m) => [m.month, m.weighted])).toEqual([['2026-03', 61100], ['2026-04', 52000]]);
    expect(f.byOwner.map((m) => [m.owner, m.count])).toEqual([['lily', 2], ['tom', 2]]);
    expect(f.total.weighted).toBe(f.rows.reduce((a, r) => a + r.weighted, 0));
  });

  it('converts foreign amounts at the given rate and refuses a missing one', () => {
    const f = forecast([opp({ amount: 100_00, currency: 'USD', probability: '100' })], { baseCurrency: 'CNY', rates: { USD: '7.1' } });
    expect(f.total.amount).toBe(710_00);
    expect(() => forecast([opp({ amount: 1, currency: 'EUR' })], { baseCurrency: 'CNY' })).toThrow(/crm_rate_missing/);
  });

  it('filters by month range', () => {
    const f = forecast([opp({ expectedClose: '2026-01-05', amount: 1 }), opp({ expectedClose: '2026-02-05', amount: 2 }), opp({ expectedClose: '', amount: 4 })], { baseCurrency: 'CNY', from: '2026-02', to: '2026-12' });
    expect(f.total.amount).toBe(2);
  });
});

describe('quote totals', () => {
  it('computes lines half-up and sums exactly', () => {
    const t = quoteTotals([
      { qty: '3', rate: 128_00, discountPercent: '0' },
      { qty: '0.333', rate: 100_01, discountPercent: '12.5' },
      { qty: '7', rate: 15_00, discountPercent: '5' },
    ], 'CNY');
    expect(t.lines).toEqual([
      { amount: 384_00, discountAmount: 0, netAmount: 384_00 },
      { amount: 33_30, discountAmount: 4_16, netAmount: 29_14 }, // 10001 x 0.333 = 3330.333 -> 3330; x 12.5% = 416.25 -> 416
      { amount: 105_00, discountAmount: 5_25, netAmount: 99_75 },
    ]);
    expect(t.totalAmount).toBe(522_30);
    expect(t.discountTotal).toBe(9_41);
    expect(t.grandTotal).toBe(512_89);
    expect(t.maxDiscount).toBe('12.5');
  });
  it('needs approval above the rep limit until a manager approved at least that much', () => {
    expect(approvalFor('10', '10', '0')).toBe('not_required');
    expect(approvalFor('15', '10', '0')).toBe('pending_approval');
    expect(approvalFor('15', '10', '15')).toBe('approved');
    expect(approvalFor('20', '10', '15')).toBe('pending_approval');
  });
});
