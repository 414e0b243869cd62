/**
 * Budgets (even spread with allocate, monthly amounts, variance and variance % by hand) and
 * period-end revaluation of open foreign receivables/payables (worked example, cumulative runs,
 * settlement after revaluation, cancel order).
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { accounts, cents } from '../fixtures/books';
import { createDoc, cancelDoc } from '../../shared/api';
import { createAndSubmit, budgetVsActual, revalue, getOutstanding, accountBalance, agingReport, verifyBalances } from '../../shared/books';

describe('budget vs actual', () => {
  it('spreads an annual amount evenly, takes monthly amounts, and compares with the books', async () => {
    const { s } = await newCompany();
    const A = await accounts(s, '1002', '5001', '5602');
    const b = await createDoc(s, 'Budget', {
      budgetName: 'Plan 2026', fiscalYear: 2026,
      lines: [
        { account: A['5001'], allocate: true, annualAmount: '120000.01' },
        { account: A['5602'], m01: '3000.00', m02: '3000.00', m03: '4000.00' },
      ],
    });
    const [inc, exp] = b.lines as Record<string, number>[];
    expect([inc.m01, inc.m02, inc.m12]).toEqual([cents('10000.01'), cents('10000.00'), cents('10000.00')]); // odd cent to January
    expect(exp.annualAmount).toBe(cents('10000.00'));
    const je = (date: string, dr: string, cr: string, amount: string) => createAndSubmit(s, 'JournalEntry', { postingDate: date, lines: [{ account: dr, debit: amount }, { account: cr, credit: amount }] });
    await je('2026-01-10', A['1002'], A['5001'], '9000.00');
    await je('2026-02-10', A['1002'], A['5001'], '12000.00');
    await je('2026-01-15', A['5602'], A['1002'], '3500.00');
    await je('2026-03-01', A['5602'], A['1002'], '2000.00');

    const r = await budgetVsActual(s, { budgetId: b.id, from: '2026-01', to: '2026-02' });
    const income = r.rows.find((x) => x.account === A['5001'])!;
    expect([income.budget, income.actual, income.variance, income.variancePercent, income.favourable]).toEqual([cents('20000.01'), cents('21000.00'), cents('999.99'), '5.00', true]); // 999.99 / 20,000.01 = 4.99997 %
    const expense = r.rows.find((x) => x.account === A['5602'])!;
    expect([expense.budget, expense.actual, expense.variance, expense.variancePercent, expense.favourable]).toEqual([cents('6000.00'), cents('3500.00'), -cents('2500.00'), '-41.67', true]);
    expect(r.totals.expense).toEqual({ budget: cents('6000.00'), actual: cents('3500.00'), variance: -cents('2500.00') });

    const q1 = await budgetVsActual(s, { budgetId: b.id, from: '2026-01', to: '2026-03' });
    expect(q1.rows.find((x) => x.account === A['5602'])!.variancePercent).toBe('-45.00'); // (5,500 - 10,000) / 10,000
    const year = await budgetVsActual(s, { budgetId: b.id });
    expect(year.rows.find((x) => x.account === A['5001'])).toMatchObject({ budget: cents('120000.01'), actual: cents('21000.00'), variance: -cents('99000.01'), variancePercent: '-82.50', favourable: false });

    await expect(budgetVsActual(s, { budgetId: b.id, from: '2025-12', to: '2026-01' })).rejects.toMatchObject({ code: 'error.budget_period_outside' });
    await expect(createDoc(s, 'Budget', { budgetName: 'Dup', fiscalYear: 2026, lines: [{ account: A['5602'], m01: '1.00' }, { account: A['5602'], m02: '1.00' }] })).rejects.toMatchObject({ code: 'error.budget_duplicate_account' });
  });
});

describe('period-end exchange revaluation', () => {
  it('revalues open USD invoices in one voucher, nets a corrected run, settles at the revalued value', async () => {
    const { s } = await newCompany();
    const A = await accounts(s, '1002', '1122', '2202', '560302');
    const customer = (await createDoc(s, 'Customer', { customerName: 'Pacific', currency: 'USD' })).id;
    const supplier = (await createDoc(s, 'Supplier', { supplierName: 'Oakland', currency: 'USD' })).id;
    const inv = await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-03-10', currency: 'USD', exchangeRate: '7.10', items: [{ description: 'Tea', qty: '1', rate: '1000.00' }] });
    const bill = await createAndSubmit(s, 'PurchaseInvoice', { supplier, postingDate: '2026-03-12', currency: 'USD', exchangeRate: '7.10', items: [{ description: 'Tins', qty: '1', rate: '500.00' }] });
    expect([await accountBalance(s, A['1122']), await accountBalance(s, A['2202'])]).toEqual([cents('7100.00'), -cents('3550.00')]);

    // 31 March at 7.25: receivable 7,250.00 (+150.00 gain), payable 3,625.00 (+75.00 loss), net gain 75.00
    const r1 = await revalue(s, { date: '2026-03-31', rates: { USD: '7.25' } });
    expect(r1.totalGain).toBe(cents('75.00'));
    expect((r1.lines as Record<string, unknown>[]).map((l) => [l.againstNumber, l.outstanding, l.bookValue, l.revaluedValue, l.difference])).toEqual(
      [[bill.number, cents('500.00'), cents('3550.00'), cents('3625.00'), cents('75.00')], [inv.number, cents('1000.00'), cents('7100.00'), cents('7250.00'), cents('150.00')]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const gl = await s.db.t<Record<string, unknown>>('gl_entries').where('voucherId').equals(r1.id).toArray();
    expect(gl.map((g) => [g.account, g.debit, g.credit]).sort()).toEqual([[A['1122'], cents('150.00'), 0], [A['2202'], 0, cents('75.00')], [A['560302'], 0, cents('75.00')]].sort());
    expect([await accountBalance(s, A['1122']), await accountBalance(s, A['2202']), await accountBalance(s, A['560302'])]).toEqual([cents('7250.00'), -cents('3625.00'), -cents('75.00')]);
    expect(await getOutstanding(s, 'SalesInvoice', inv.id)).toMatchObject({ amount: cents('1000.00'), amountBase: cents('7250.00') });
    // a revalued invoice cannot be cancelled while the revaluation stands (it moved its base value)
    await expect(cancelDoc(s, 'SalesInvoice', inv.id)).rejects.toMatchObject({ code: 'error.invoice_has_payments' });

    // same date, same rates: nothing to change (refused); corrected rate 7.30: only the difference
    await expect(revalue(s, { date: '2026-03-31', rates: { USD: '7.25' } })).rejects.toMatchObject({ code: 'error.revaluation_nothing' });
    const r2 = await revalue(s, { date: '2026-03-31', rates: { USD: '7.30' } });
    expect(r2.totalGain).toBe(cents('25.00')); // +50.00 on the receivable, -25.00 on the payable
    expect((await agingReport(s, { partyType: 'customer', asOf: '2026-03-31' })).totals.total).toBe(cents('7300.00'));
    await expect(cancelDoc(s, 'ExchangeRevaluation', r1.id)).rejects.toMatchObject({ code: 'error.revaluation_later_exists' });

    // settled in April at 7.20: the revalued 7,300.00 is cleared, realised loss 100.00 only
    await createAndSubmit(s, 'Payment', { paymentType: 'receive', customer, postingDate: '2026-04-10', currency: 'USD', exchangeRate: '7.20', amount: '1000.00', account: A['1002'], allocations: [{ referenceType: 'SalesInvoice', referenceId: inv.id, amount: '1000.00' }] });
    expect(await accountBalance(s, A['1122'])).toBe(0);
    expect(await getOutstanding(s, 'SalesInvoice', inv.id)).toMatchObject({ amount: 0, amountBase: 0 });
    // exchange account: -75.00 - 25.00 (unrealised gains) + 100.00 (realised loss) = 0; the whole effect is 7,200 - 7,100
    expect(await accountBalance(s, A['560302'])).toBe(0);
    // a revaluation dated before the payment would revalue a document settled later: refused
    await expect(revalue(s, { date: '2026-03-31', rates: { USD: '7.40' } })).rejects.toMatchObject({ code: 'error.revaluation_later_entries' });
    // the payment settled on top of r2: r2 cannot be cancelled under it
    await expect(cancelDoc(s, 'ExchangeRevaluation', r2.id)).rejects.toMatchObject({ code: 'error.revaluation_later_exists' });
    expect(await verifyBalances(s)).toEqual([]);
  });

  it('cancelling the latest revaluation restores the book values', async () => {
    const { s } = await newCompany();
    const A = await accounts(s, '1122');
    const customer = (await createDoc(s, 'Customer', { customerName: 'Pacific', currency: 'USD' })).id;
    const inv = await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-03-10', currency: 'USD', exchangeRate: '7.10', items: [{ description: 'Tea', qty: '1', rate: '333.33' }] });
    const r = await revalue(s, { date: '2026-03-31', rates: { USD: '6.9', EUR: '7.8', CNY: '1' } });
    expect(r.totalGain).toBe(-cents('66.66')); // book 333.33 x 7.10 = 2,366.643 -> 2,366.64; 333.33 x 6.9 = 2,299.977 -> 2,299.98
    await cancelDoc(s, 'ExchangeRevaluation', r.id);
    expect(await accountBalance(s, A['1122'])).toBe(cents('2366.64'));
    expect(await getOutstanding(s, 'SalesInvoice', inv.id)).toMatchObject({ amountBase: cents('2366.64') });
  });
});
