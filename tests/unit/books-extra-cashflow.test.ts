/**
 * Cash-flow statement (indirect method) on a worked month, and fixed-asset disposal (sale at a
 * loss) with its reclassification in the next month's statement. The identity
 * "net change in cash = movement of cash and bank accounts" is asserted on every statement.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { accounts, cents, taxId } from '../fixtures/books';
import { createDoc, cancelDoc } from '../../shared/api';
import { createAndSubmit, runDepreciation, cashFlowStatement, accountBalance, verifyBalances, classifyAccount, type CashFlowStatement } from '../../shared/books';

const line = (cf: CashFlowStatement, key: string) => Object.values(cf.sections).flatMap((s) => s.lines).find((l) => l.key === key)!.amount;

async function worldWithMarch() {
  const { s } = await newCompany();
  const A = await accounts(s, '1002', '1122', '1123', '1405', '1601', '1602', '2001', '2202', '3001', '5001', '5602', '5711', '222101');
  const customer = (await createDoc(s, 'Customer', { customerName: 'Hengda' })).id;
  const supplier = (await createDoc(s, 'Supplier', { supplierName: 'Ningbo' })).id;
  const je = (date: string, dr: string, cr: string, amount: string) => createAndSubmit(s, 'JournalEntry', { postingDate: date, lines: [{ account: dr, debit: amount }, { account: cr, credit: amount }] });
  await je('2026-03-01', A['1002'], A['3001'], '500000.00'); // capital paid in
  await je('2026-03-02', A['1002'], A['2001'], '200000.00'); // short-term loan
  await je('2026-03-03', A['1601'], A['1002'], '120000.00'); // van bought for cash
  const van = await createAndSubmit(s, 'FixedAsset', { assetName: 'Van', purchaseDate: '2026-03-03', depreciationStart: '2026-03-01', cost: '120000.00', salvageValue: '0.00', usefulLifeMonths: 60 });
  const inv = await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-03-05', items: [{ description: 'Tea', qty: '10', rate: '1000.00', taxTemplate: await taxId(s, 'VAT 13%') }] });
  expect(inv.grandTotal).toBe(cents('11300.00'));
  await createAndSubmit(s, 'Payment', { paymentType: 'receive', customer, postingDate: '2026-03-20', amount: '5000.00', account: A['1002'], allocations: [{ referenceType: 'SalesInvoice', referenceId: inv.id, amount: '5000.00' }] });
  const bill = await createAndSubmit(s, 'PurchaseInvoice', { supplier, postingDate: '2026-03-06', items: [{ description: 'Stock', qty: '1', rate: '8000.00', expenseAccount: A['1405'] }] });
  await createAndSubmit(s, 'Payment', { paymentType: 'pay', supplier, postingDate: '2026-03-25', amount: '3000.00', account: A['1002'], allocations: [{ referenceType: 'PurchaseInvoice', referenceId: bill.id, amount: '3000.00' }] });
  await je('2026-03-28', A['5602'], A['1002'], '2000.00'); // rent
  await je('2026-03-29', A['1123'], A['1002'], '1500.00'); // prepayment to a supplier
  await runDepreciation(s, '2026-03'); // 120,000.00 / 60 = 2,000.00
  return { s, A, van };
}

describe('cash-flow statement (indirect)', () => {
  it('classifies accounts by type, shipped numbers, root type and overrides', () => {
    expect(classifyAccount({ accountNumber: '1002', accountType: 'bank', rootType: 'asset' })).toBe('cash');
    expect(classifyAccount({ accountNumber: '2001', accountType: '', rootType: 'liability' })).toBe('loans');
    expect(classifyAccount({ accountNumber: '2211', accountType: '', rootType: 'liability' })).toBe('otherOperating');
    expect(classifyAccount({ accountNumber: '3002', accountType: '', rootType: 'equity' })).toBe('equity');
    expect(classifyAccount({ accountNumber: '2211', accountType: '', rootType: 'liability' }, { '2211': 'payables' })).toBe('payables');
  });

  it('a worked month: every line by hand, and net change = cash + bank movement', async () => {
    const { s } = await worldWithMarch();
    const cf = await cashFlowStatement(s, { from: '2026-03', to: '2026-03' });
    const expected: Record<string, string> = {
      netProfit: '6000.00', // 10,000.00 sales - 2,000.00 rent - 2,000.00 depreciation
      depreciation: '2000.00',
      disposalGainLoss: '0.00',
      receivables: '-6300.00', // 11,300.00 invoiced - 5,000.00 received
      inventory: '-8000.00',
      payables: '5000.00', // 8,000.00 billed - 3,000.00 paid
      tax: '1300.00', // output VAT not yet paid
      advances: '-1500.00',
      otherOperating: '0.00',
      fixedAssets: '-120000.00',
      disposalProceeds: '0.00',
      otherInvesting: '0.00',
      equity: '500000.00',
      loans: '200000.00',
      otherFinancing: '0.00',
    };
    for (const [k, v] of Object.entries(expected)) expect(line(cf, k), k).toBe(cents(v));
    expect(cf.sections.operating.total).toBe(-cents('1500.00'));
    expect(cf.sections.investing.total).toBe(-cents('120000.00'));
    expect(cf.sections.financing.total).toBe(cents('700000.00'));
    expect(cf.netChangeInCash).toBe(cents('578500.00'));
    // the identity: 500,000 + 200,000 - 120,000 + 5,000 - 3,000 - 2,000 - 1,500 through the bank
    expect(cf.cashMovement).toBe(cents('578500.00'));
    expect(cf.netChangeInCash).toBe(cf.cashMovement);
    expect(cf.reconciles).toBe(true);
    expect([cf.openingCash, cf.closingCash]).toEqual([0, cents('578500.00')]);
    expect(cf.closingCash).toBe(await accountBalance(s, (await accounts(s, '1002'))['1002']));
    await expect(cashFlowStatement(s, { from: '2026-04', to: '2026-03' })).rejects.toMatchObject({ code: 'error.period_range' });
  });

  it('disposal: depreciation to date, cost and accumulated depreciation removed, proceeds to bank, loss posted; next statement reclassifies', async () => {
    const { s, A, van } = await worldWithMarch();
    const d = await createAndSubmit(s, 'AssetDisposal', { asset: van.id, postingDate: '2026-04-15', disposalType: 'sale', proceeds: '115000.00', proceedsAccount: A['1002'] });
    // April is depreciated in the month it leaves: 2,000.00 + March's 2,000.00 = 4,000.00; NBV 116,000.00
    expect([d.cost, d.depreciationAmount, d.accumulatedDepreciation, d.bookValue, d.gainLoss]).toEqual([cents('120000.00'), cents('2000.00'), cents('4000.00'), cents('116000.00'), -cents('1000.00')]);
    expect(await accountBalance(s, A['1601'])).toBe(0);
    expect(await accountBalance(s, A['1602'])).toBe(0);
    expect(await accountBalance(s, A['5711'])).toBe(cents('1000.00'));
    expect(await accountBalance(s, A['5602'], '2026-04')).toBe(cents('6000.00')); // rent + 2 months of depreciation
    expect(await verifyBalances(s)).toEqual([]);

    const apr = await cashFlowStatement(s, { from: '2026-04', to: '2026-04' });
    expect(line(apr, 'netProfit')).toBe(-cents('3000.00')); // 2,000.00 depreciation + 1,000.00 loss
    expect(line(apr, 'depreciation')).toBe(cents('2000.00')); // the charge, not the net movement of 1602
    expect(line(apr, 'disposalGainLoss')).toBe(cents('1000.00'));
    expect(line(apr, 'fixedAssets')).toBe(0); // no purchases
    expect(line(apr, 'disposalProceeds')).toBe(cents('115000.00'));
    expect(apr.sections.operating.total).toBe(0);
    expect(apr.netChangeInCash).toBe(cents('115000.00'));
    expect(apr.netChangeInCash).toBe(apr.cashMovement);
    expect(apr.openingCash).toBe(cents('578500.00'));
    const both = await cashFlowStatement(s, { from: '2026-03', to: '2026-04' });
    expect(both.netChangeInCash).toBe(cents('693500.00'));
    expect(both.reconciles).toBe(true);

    // the disposed asset is no longer depreciated, cannot be disposed twice or cancelled
    await expect(runDepreciation(s, '2026-05')).rejects.toMatchObject({ code: 'error.depreciation_nothing' });
    await expect(createAndSubmit(s, 'AssetDisposal', { asset: van.id, postingDate: '2026-05-01', disposalType: 'scrap' })).rejects.toMatchObject({ code: 'error.asset_already_disposed' });
    await expect(cancelDoc(s, 'FixedAsset', van.id)).rejects.toMatchObject({ code: 'error.asset_already_disposed' });
    await expect(createAndSubmit(s, 'AssetDisposal', { asset: van.id, postingDate: '2026-05-01', proceeds: '1.00' })).rejects.toMatchObject({ code: 'error.asset_already_disposed' });

    // cancelling the disposal restores the asset; the next run catches April up
    await cancelDoc(s, 'AssetDisposal', d.id);
    expect(await accountBalance(s, A['1601'])).toBe(cents('120000.00'));
    expect(await accountBalance(s, A['1602'])).toBe(-cents('2000.00'));
    expect((await runDepreciation(s, '2026-04')).total).toBe(cents('2000.00'));
    await expect(createAndSubmit(s, 'AssetDisposal', { asset: van.id, postingDate: '2026-03-31', disposalType: 'scrap' })).rejects.toMatchObject({ code: 'error.depreciation_later_exists' });
    await expect(createAndSubmit(s, 'AssetDisposal', { asset: van.id, postingDate: '2026-04-30', proceeds: '1.00' })).rejects.toMatchObject({ code: 'error.proceeds_account_required' });
    await expect(createAndSubmit(s, 'AssetDisposal', { asset: van.id, postingDate: '2026-04-30', proceeds: '1.00', proceedsAccount: A['1122'] })).rejects.toMatchObject({ code: 'error.disposal_party_account' });
    // scrapped with nothing received: the whole net book value is a loss
    const scrap = await createAndSubmit(s, 'AssetDisposal', { asset: van.id, postingDate: '2026-04-30', disposalType: 'scrap' });
    expect([scrap.depreciationAmount, scrap.accumulatedDepreciation, scrap.gainLoss]).toEqual([0, cents('4000.00'), -cents('116000.00')]);
    const apr2 = await cashFlowStatement(s, { from: '2026-04', to: '2026-04' });
    expect([line(apr2, 'disposalGainLoss'), line(apr2, 'disposalProceeds'), apr2.netChangeInCash, apr2.cashMovement]).toEqual([cents('116000.00'), 0, 0, 0]);
    expect(await verifyBalances(s)).toEqual([]);
  });
});
