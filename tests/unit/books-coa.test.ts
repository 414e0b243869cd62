/**
 * Chart-of-accounts templates installed at company creation, default accounts in the settings,
 * tax templates, the generic template end to end, and the demo company's books.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { cents } from '../fixtures/books';
import { createDoc, listDocs, countDocs, type BaseRecord } from '../../shared/api';
import {
  loadAccountTree, findAccount, findTaxTemplate, defaultAccounts, createAndSubmit, trialBalance, balanceSheet, verifyBalances, accountLabel,
  CN_SMALL_ENTERPRISE, GENERIC, DEFAULT_ACCOUNT_ROLES,
} from '../../shared/books';

describe('chart of accounts templates', () => {
  it('cn-small-enterprise: 小企业会计准则 codes with Chinese and English names, in a tree', async () => {
    const { s } = await newCompany({ template: 'cn-small-enterprise' });
    const tree = await loadAccountTree(s);
    const by = new Map(tree.map((n) => [n.accountNumber, n]));
    // every template account is there (other modules may add their own, e.g. payroll)
    for (const [num, en, zh, parent] of CN_SMALL_ENTERPRISE.accounts) expect([by.get(num)?.accountName, by.get(num)?.accountNameZh, parent ? by.get(parent)?.id : ''], num).toEqual([en, zh, by.get(num)!.parentAccount]);
    const names: [string, string, string][] = [
      ['1001', '库存现金', 'cash'], ['1002', '银行存款', 'bank'], ['1122', '应收账款', 'receivable'], ['1123', '预付账款', ''],
      ['1221', '其他应收款', ''], ['1403', '原材料', 'inventory'], ['1405', '库存商品', 'inventory'], ['1601', '固定资产', 'fixed_asset'],
      ['1602', '累计折旧', 'accumulated_depreciation'], ['2202', '应付账款', 'payable'], ['2203', '预收账款', ''], ['2211', '应付职工薪酬', ''],
      ['2221', '应交税费', ''], ['222101', '应交增值税（销项税额）', 'tax'], ['222102', '应交增值税（进项税额）', 'tax'],
      ['3001', '实收资本', 'capital'], ['3103', '本年利润', 'current_year_profit'], ['3104', '利润分配', ''], ['310415', '未分配利润', 'retained_earnings'],
      ['5001', '主营业务收入', 'income_account'], ['5051', '其他业务收入', 'income_account'], ['5111', '投资收益', ''], ['5301', '营业外收入', ''],
      ['5401', '主营业务成本', 'cost_of_goods_sold'], ['5402', '其他业务成本', ''], ['5403', '税金及附加', ''], ['5601', '销售费用', 'expense_account'],
      ['5602', '管理费用', 'expense_account'], ['5603', '财务费用', ''], ['560302', '汇兑损益', 'exchange_gain_loss'], ['5711', '营业外支出', ''],
    ];
    for (const [num, zh, type] of names) expect([by.get(num)?.accountNameZh, by.get(num)?.accountType], num).toEqual([zh, type]);
    expect(by.get('222101')!.parentAccount).toBe(by.get('2221')!.id);
    expect(by.get('2221')!.isGroup).toBe(true);
    expect(by.get('310415')!.depth).toBe(2);
    expect(accountLabel((await findAccount(s, '1122')), 'zh-CN')).toBe('1122 应收账款');
    expect(accountLabel((await findAccount(s, '1122')), 'en')).toBe('1122 Accounts receivable');
    // every account's root type matches its parent's
    for (const n of tree) if (n.parentAccount) expect(tree.find((p) => p.id === n.parentAccount)!.rootType).toBe(n.rootType);
  });

  it('default accounts are in the company settings', async () => {
    const { s } = await newCompany();
    const d = defaultAccounts(s);
    expect(Object.keys(d).sort()).toEqual([...DEFAULT_ACCOUNT_ROLES].sort());
    const numbers = Object.fromEntries(await Promise.all(Object.entries(d).map(async ([role, id]) => [role, ((await s.db.t<BaseRecord>('accounts').get(id))!).accountNumber])));
    expect(numbers).toEqual(CN_SMALL_ENTERPRISE.defaults);
    const stored = (await s.db.meta.get('company'))!.value as { defaultAccounts: unknown };
    expect(stored.defaultAccounts).toEqual(d);
  });

  it('China VAT 13 / 9 / 6 / 3 % tax templates for sales (output VAT) and purchases (input VAT)', async () => {
    const { s } = await newCompany();
    const out = (await findAccount(s, '222101')).id;
    const inp = (await findAccount(s, '222102')).id;
    for (const rate of ['13', '9', '6', '3']) {
      const t = await findTaxTemplate(s, `VAT ${rate}%`);
      expect([t.usage, (t.lines as { account: string; ratePercent: string }[])[0]]).toEqual(['sales', expect.objectContaining({ account: out, ratePercent: rate })]);
      const p = await findTaxTemplate(s, `Input VAT ${rate}%`);
      expect([p.usage, (p.lines as { account: string }[])[0].account]).toEqual(['purchase', inp]);
    }
    expect(await countDocs(s, 'TaxTemplate')).toBe(8);
  });

  it('the generic template posts a taxed invoice to its own accounts', async () => {
    const { s } = await newCompany({ template: 'generic', baseCurrency: 'USD', country: 'US' });
    const numbers = new Set((await loadAccountTree(s)).map((n) => n.accountNumber));
    for (const [num] of GENERIC.accounts) expect(numbers.has(num), num).toBe(true);
    const c = await createDoc(s, 'Customer', { customerName: 'Acme' });
    const tax = await findTaxTemplate(s, 'Sales tax 10%');
    const inv = await createAndSubmit(s, 'SalesInvoice', { customer: c.id, postingDate: '2026-05-02', items: [{ description: 'Consulting', qty: '2', rate: '150.00', taxTemplate: tax.id }] });
    expect(inv.grandTotal).toBe(cents('330.00'));
    const tb = await trialBalance(s, { fromPeriod: '2026-05', toPeriod: '2026-05' });
    expect(tb.rows.filter((r) => !r.isGroup).map((r) => [r.accountNumber, r.closingDebit, r.closingCredit])).toEqual([
      ['1200', cents('330.00'), 0],
      ['2200', 0, cents('30.00')],
      ['4100', 0, cents('300.00')],
    ]);
  });
});

describe('demo company', () => {
  it('seeds balanced books through the services', async () => {
    const { s } = await newCompany({ demo: true });
    const month = s.localDate().slice(0, 7);
    // two from the books demo, one from the stock demo (its delivery note invoiced)
    expect((await listDocs(s, 'SalesInvoice', { limit: 10 })).rows.length).toBe(3);
    expect((await listDocs(s, 'PurchaseInvoice', { limit: 10 })).rows.length).toBe(1);
    expect((await listDocs(s, 'Payment', { limit: 10 })).rows.length).toBe(1);
    expect(await verifyBalances(s)).toEqual([]);
    const bs = await balanceSheet(s, { asOfPeriod: month });
    expect(bs.balanced).toBe(true);
    expect(bs.totalEquity).toBe(cents('700000.00'));
    expect(bs.currentProfit).toBeGreaterThan(0);
  });
});
