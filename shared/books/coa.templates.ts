/**
 * Chart-of-accounts templates installed at company creation, their default accounts and tax
 * templates. Pure data: ./books.setup.ts turns them into records inside the creation
 * transaction.
 *
 * 'cn-small-enterprise' follows the 小企业会计准则 (2013) account codes. The standard has no
 * group "roots", so the tree adds groups 1 资产 / 2 负债 / 3 所有者权益 / 4 成本 / 50 收入 / 54 费用
 * (codes that never clash with the standard's four-digit codes). Note 实收资本 is 3001 in the
 * standard (4xxx is the cost class: 4001 生产成本).
 */
import type { AccountType, RootType } from './accounts.doctypes';

/** [number, English name, Chinese name, parent number | '', rootType, accountType, isGroup] */
export type AccountSeed = readonly [string, string, string, string, RootType, AccountType, boolean];

/** The accounts the system posts to by default (company settings `defaultAccounts`). */
export const DEFAULT_ACCOUNT_ROLES = [
  'receivable', 'payable', 'salesIncome', 'purchaseExpense', 'inventory', 'outputVat', 'inputVat', 'rounding',
  'exchangeGainLoss', 'retainedEarnings', 'cash', 'bank', 'costOfGoodsSold', 'capital',
  'fixedAsset', 'accumulatedDepreciation', 'depreciationExpense',
  // write-offs (./write-off.ts): a loss (bad debt, a supplier's debit we give up) / a gain (a
  // small payable or customer credit we keep). Companies created before these roles existed fall
  // back to the template's account by number (WRITE_OFF_FALLBACK in ./write-off.ts).
  'writeOffLoss', 'writeOffGain',
] as const;
export type DefaultAccountRole = (typeof DEFAULT_ACCOUNT_ROLES)[number];
/** role -> Account id, stored in the company settings as `defaultAccounts`. */
export type DefaultAccounts = Record<DefaultAccountRole, string>;

/** [name, Chinese name, usage, tax account number, rate percent] */
export type TaxSeed = readonly [string, string, 'sales' | 'purchase', string, string];

export interface CoaTemplate {
  readonly id: string;
  readonly accounts: readonly AccountSeed[];
  /** role -> account number */
  readonly defaults: Record<DefaultAccountRole, string>;
  readonly taxes: readonly TaxSeed[];
}

const A = 'asset', L = 'liability', E = 'equity', I = 'income', X = 'expense';
const G = true, _ = false;

export const CN_SMALL_ENTERPRISE: CoaTemplate = {
  id: 'cn-small-enterprise',
  accounts: [
    ['1', 'Assets', '资产', '', A, '', G],
    ['1001', 'Cash on hand', '库存现金', '1', A, 'cash', _],
    ['1002', 'Bank deposits', '银行存款', '1', A, 'bank', _],
    ['1012', 'Other monetary funds', '其他货币资金', '1', A, '', _],
    ['1101', 'Short-term investments', '短期投资', '1', A, '', _],
    ['1121', 'Notes receivable', '应收票据', '1', A, '', _],
    ['1122', 'Accounts receivable', '应收账款', '1', A, 'receivable', _],
    ['1123', 'Prepayments', '预付账款', '1', A, '', _],
    ['1131', 'Dividends receivable', '应收股利', '1', A, '', _],
    ['1132', 'Interest receivable', '应收利息', '1', A, '', _],
    ['1221', 'Other receivables', '其他应收款', '1', A, '', _],
    ['1401', 'Materials procurement', '材料采购', '1', A, '', _],
    ['1402', 'Goods in transit', '在途物资', '1', A, '', _],
    ['1403', 'Raw materials', '原材料', '1', A, 'inventory', _],
    ['1405', 'Merchandise inventory', '库存商品', '1', A, 'inventory', _],
    ['1411', 'Turnover materials', '周转材料', '1', A, '', _],
    ['1501', 'Long-term bond investments', '长期债券投资', '1', A, '', _],
    ['1511', 'Long-term equity investments', '长期股权投资', '1', A, '', _],
    ['1601', 'Fixed assets', '固定资产', '1', A, 'fixed_asset', _],
    ['1602', 'Accumulated depreciation', '累计折旧', '1', A, 'accumulated_depreciation', _],
    ['1604', 'Construction in progress', '在建工程', '1', A, '', _],
    ['1701', 'Intangible assets', '无形资产', '1', A, '', _],
    ['1702', 'Accumulated amortisation', '累计摊销', '1', A, '', _],
    ['1801', 'Long-term deferred expenses', '长期待摊费用', '1', A, '', _],
    ['1901', 'Assets pending disposal', '待处理财产损溢', '1', A, '', _],
    ['2', 'Liabilities', '负债', '', L, '', G],
    ['2001', 'Short-term loans', '短期借款', '2', L, '', _],
    ['2201', 'Notes payable', '应付票据', '2', L, '', _],
    ['2202', 'Accounts payable', '应付账款', '2', L, 'payable', _],
    ['2203', 'Advances from customers', '预收账款', '2', L, '', _],
    ['2211', 'Payroll payable', '应付职工薪酬', '2', L, '', _],
    ['2221', 'Taxes payable', '应交税费', '2', L, '', G],
    ['222101', 'VAT payable — output tax', '应交增值税（销项税额）', '2221', L, 'tax', _],
    ['222102', 'VAT payable — input tax', '应交增值税（进项税额）', '2221', L, 'tax', _],
    ['222103', 'City maintenance and construction tax payable', '应交城市维护建设税', '2221', L, 'tax', _],
    ['222104', 'Education surcharge payable', '应交教育费附加', '2221', L, 'tax', _],
    ['222105', 'Corporate income tax payable', '应交企业所得税', '2221', L, 'tax', _],
    ['2231', 'Interest payable', '应付利息', '2', L, '', _],
    ['2232', 'Profit payable', '应付利润', '2', L, '', _],
    ['2241', 'Other payables', '其他应付款', '2', L, '', _],
    ['2501', 'Long-term loans', '长期借款', '2', L, '', _],
    ['3', 'Owners’ equity', '所有者权益', '', E, '', G],
    ['3001', 'Paid-in capital', '实收资本', '3', E, 'capital', _],
    ['3002', 'Capital reserve', '资本公积', '3', E, '', _],
    ['3101', 'Surplus reserve', '盈余公积', '3', E, '', _],
    ['3103', 'Current-year profit', '本年利润', '3', E, 'current_year_profit', _],
    ['3104', 'Profit distribution', '利润分配', '3', E, '', G],
    ['310415', 'Undistributed profit', '未分配利润', '3104', E, 'retained_earnings', _],
    ['4', 'Cost', '成本', '', A, '', G],
    ['4001', 'Production cost', '生产成本', '4', A, '', _],
    ['4101', 'Manufacturing overhead', '制造费用', '4', A, '', _],
    ['50', 'Income', '收入', '', I, '', G],
    ['5001', 'Main operating revenue', '主营业务收入', '50', I, 'income_account', _],
    ['5051', 'Other operating revenue', '其他业务收入', '50', I, 'income_account', _],
    ['5111', 'Investment income', '投资收益', '50', I, '', _],
    ['5301', 'Non-operating income', '营业外收入', '50', I, '', _],
    ['54', 'Expenses', '费用', '', X, '', G],
    ['5401', 'Cost of main operations', '主营业务成本', '54', X, 'cost_of_goods_sold', _],
    ['5402', 'Other operating costs', '其他业务成本', '54', X, '', _],
    ['5403', 'Taxes and surcharges', '税金及附加', '54', X, '', _],
    ['5601', 'Selling expenses', '销售费用', '54', X, 'expense_account', _],
    ['5602', 'Administrative expenses', '管理费用', '54', X, 'expense_account', _],
    ['5603', 'Financial expenses', '财务费用', '54', X, '', G],
    ['560301', 'Interest expense', '利息费用', '5603', X, '', _],
    ['560302', 'Exchange gains and losses', '汇兑损益', '5603', X, 'exchange_gain_loss', _],
    ['560303', 'Bank charges', '手续费', '5603', X, '', _],
    ['560304', 'Rounding differences', '尾差调整', '5603', X, 'rounding', _],
    ['5711', 'Non-operating expenses', '营业外支出', '54', X, '', _],
    ['5801', 'Income tax expense', '所得税费用', '54', X, '', _],
  ],
  defaults: {
    receivable: '1122', payable: '2202', salesIncome: '5001', purchaseExpense: '5602', inventory: '1405',
    outputVat: '222101', inputVat: '222102', rounding: '560304', exchangeGainLoss: '560302',
    retainedEarnings: '310415', cash: '1001', bank: '1002', costOfGoodsSold: '5401', capital: '3001',
    fixedAsset: '1601', accumulatedDepreciation: '1602', depreciationExpense: '5602',
    // 小企业会计准则: bad debts (坏账损失) are written off directly to 营业外支出, unpayable
    // payables (无法支付的应付款项) go to 营业外收入
    writeOffLoss: '5711', writeOffGain: '5301',
  },
  taxes: [
    ['VAT 13%', '增值税 13%', 'sales', '222101', '13'],
    ['VAT 9%', '增值税 9%', 'sales', '222101', '9'],
    ['VAT 6%', '增值税 6%', 'sales', '222101', '6'],
    ['VAT 3%', '增值税 3%（征收率）', 'sales', '222101', '3'],
    ['Input VAT 13%', '进项税 13%', 'purchase', '222102', '13'],
    ['Input VAT 9%', '进项税 9%', 'purchase', '222102', '9'],
    ['Input VAT 6%', '进项税 6%', 'purchase', '222102', '6'],
    ['Input VAT 3%', '进项税 3%', 'purchase', '222102', '3'],
  ],
};

export const GENERIC: CoaTemplate = {
  id: 'generic',
  accounts: [
    ['1000', 'Assets', '资产', '', A, '', G],
    ['1100', 'Current assets', '流动资产', '1000', A, '', G],
    ['1110', 'Cash', '现金', '1100', A, 'cash', _],
    ['1120', 'Bank', '银行存款', '1100', A, 'bank', _],
    ['1200', 'Accounts receivable', '应收账款', '1100', A, 'receivable', _],
    ['1300', 'Inventory', '存货', '1100', A, 'inventory', _],
    ['1400', 'Input tax receivable', '进项税额', '1100', A, 'tax', _],
    ['1450', 'Prepayments', '预付款项', '1100', A, '', _],
    ['1500', 'Fixed assets', '固定资产', '1000', A, '', G],
    ['1510', 'Equipment', '设备', '1500', A, 'fixed_asset', _],
    ['1520', 'Accumulated depreciation', '累计折旧', '1500', A, 'accumulated_depreciation', _],
    ['2000', 'Liabilities', '负债', '', L, '', G],
    ['2100', 'Accounts payable', '应付账款', '2000', L, 'payable', _],
    ['2200', 'Sales tax payable', '销项税额', '2000', L, 'tax', _],
    ['2300', 'Payroll liabilities', '应付职工薪酬', '2000', L, '', _],
    ['2400', 'Loans', '借款', '2000', L, '', _],
    ['3000', 'Equity', '所有者权益', '', E, '', G],
    ['3100', 'Owner’s capital', '实收资本', '3000', E, 'capital', _],
    ['3200', 'Retained earnings', '留存收益', '3000', E, 'retained_earnings', _],
    ['4000', 'Income', '收入', '', I, '', G],
    ['4100', 'Sales', '销售收入', '4000', I, 'income_account', _],
    ['4200', 'Service income', '服务收入', '4000', I, 'income_account', _],
    ['4900', 'Other income', '其他收入', '4000', I, '', _],
    ['5000', 'Cost of sales', '销售成本', '', X, '', G],
    ['5100', 'Cost of goods sold', '商品销售成本', '5000', X, 'cost_of_goods_sold', _],
    ['6000', 'Operating expenses', '营业费用', '', X, '', G],
    ['6100', 'Rent', '租金', '6000', X, 'expense_account', _],
    ['6200', 'Salaries', '工资', '6000', X, 'expense_account', _],
    ['6300', 'Utilities', '水电费', '6000', X, 'expense_account', _],
    ['6400', 'Office expenses', '办公费', '6000', X, 'expense_account', _],
    ['6500', 'Bank charges', '银行手续费', '6000', X, '', _],
    ['6600', 'Exchange gain/loss', '汇兑损益', '6000', X, 'exchange_gain_loss', _],
    ['6700', 'Rounding differences', '尾差调整', '6000', X, 'rounding', _],
    ['6800', 'Depreciation', '折旧费', '6000', X, '', _],
    ['6900', 'Bad debts and write-offs', '坏账及核销损失', '6000', X, '', _],
  ],
  defaults: {
    receivable: '1200', payable: '2100', salesIncome: '4100', purchaseExpense: '6400', inventory: '1300',
    outputVat: '2200', inputVat: '1400', rounding: '6700', exchangeGainLoss: '6600',
    retainedEarnings: '3200', cash: '1110', bank: '1120', costOfGoodsSold: '5100', capital: '3100',
    fixedAsset: '1510', accumulatedDepreciation: '1520', depreciationExpense: '6800',
    writeOffLoss: '6900', writeOffGain: '4900',
  },
  taxes: [
    ['Sales tax 10%', '销项税 10%', 'sales', '2200', '10'],
    ['Purchase tax 10%', '进项税 10%', 'purchase', '1400', '10'],
  ],
};

export const COA_TEMPLATES: Record<string, CoaTemplate> = {
  [CN_SMALL_ENTERPRISE.id]: CN_SMALL_ENTERPRISE,
  [GENERIC.id]: GENERIC,
};
