/**
 * Books document types: the chart of accounts (Account) and tax templates (TaxTemplate).
 *
 * The chart of accounts is a tree: `parentAccount` links to a group account (`isGroup`); only
 * leaf accounts may receive ledger rows. Every account carries its `rootType` (which side of
 * the balance sheet or P&L it rolls up to) and, where the system needs to find it, an
 * `accountType` (receivable, bank, output tax, ...). Both names are stored (`accountName` in
 * English, `accountNameZh` in Chinese) and the UI shows the one of the user's language
 * (see `accountLabel`). Accounts are HQ-owned data: branches send change requests.
 */
import type { DocTypeDef } from '../kernel/doctype';

export const ROOT_TYPES = ['asset', 'liability', 'equity', 'income', 'expense'] as const;
export type RootType = (typeof ROOT_TYPES)[number];

/**
 * Account types the system looks for. `inventory` is the stock account (the value 'stock' is
 * already the Item type option and its label would read "Stock item").
 */
export const ACCOUNT_TYPES = [
  'receivable', 'payable', 'bank', 'cash', 'inventory', 'tax', 'fixed_asset', 'accumulated_depreciation',
  'retained_earnings', 'current_year_profit', 'rounding', 'cost_of_goods_sold', 'exchange_gain_loss',
  'income_account', 'expense_account', 'capital',
] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number] | '';

export const Account = {
  name: 'Account',
  table: 'accounts',
  module: 'books',
  submittable: false,
  ownership: 'hq',
  naming: { field: 'accountNumber' },
  titleField: 'accountName',
  icon: 'list-tree',
  fields: [
    /** Unique account code (e.g. 1122); also the record's number. Sorting by it gives the chart order. */
    { name: 'accountNumber', type: 'data', required: true, maxLength: 20 },
    /** English name. */
    { name: 'accountName', type: 'data', required: true, maxLength: 140 },
    /** Chinese name (中文名称). */
    { name: 'accountNameZh', type: 'data', maxLength: 140 },
    /** The group account above this one ('' for a root). */
    { name: 'parentAccount', type: 'link', link: 'Account' },
    /** Group accounts only sum their children; nothing may be posted to them. */
    { name: 'isGroup', type: 'check' },
    /** Must equal the parent's root type. */
    { name: 'rootType', type: 'select', options: ROOT_TYPES, required: true },
    { name: 'accountType', type: 'select', options: ACCOUNT_TYPES },
    /** Currency the account is kept in ('' = the company's base currency). */
    { name: 'currency', type: 'currency' },
    /** Disabled accounts refuse new postings but keep their history. */
    { name: 'disabled', type: 'check' },
    { name: 'description', type: 'text', maxLength: 500 },
  ],
  listColumns: ['accountNumber', 'accountName', 'accountNameZh', 'rootType', 'accountType', 'parentAccount'],
  searchFields: ['accountNumber', 'accountName', 'accountNameZh'],
  indexes: ['parentAccount'],
} as const satisfies DocTypeDef;

export const TAX_USAGES = ['sales', 'purchase'] as const;

/**
 * A tax template: one or more rate lines, each posting to a tax account. An `inclusive` line's
 * tax is contained in the line price (gross pricing); an exclusive line is added on top of the
 * net amount. Computation: ./invoice.totals.ts (half-up per line, document totals = sum of lines).
 */
export const TaxTemplate = {
  name: 'TaxTemplate',
  table: 'tax_templates',
  module: 'books',
  submittable: false,
  ownership: 'hq',
  naming: { field: 'templateName' },
  titleField: 'templateName',
  icon: 'receipt-tax',
  fields: [
    { name: 'templateName', type: 'data', required: true, maxLength: 80 },
    { name: 'templateNameZh', type: 'data', maxLength: 80 },
    /** Sales templates post to output tax accounts, purchase templates to input tax accounts. */
    { name: 'usage', type: 'select', options: TAX_USAGES, required: true, default: 'sales' },
    { name: 'disabled', type: 'check' },
    {
      name: 'lines',
      type: 'table',
      required: true,
      fields: [
        /** The tax account (a leaf, usually accountType 'tax'). */
        { name: 'account', type: 'link', link: 'Account', required: true },
        /** Rate in percent, e.g. "13". */
        { name: 'ratePercent', type: 'percent', required: true, min: 0, max: 100 },
        /** Tax is included in the price. */
        { name: 'inclusive', type: 'check' },
        { name: 'description', type: 'data', maxLength: 140 },
      ],
    },
  ],
  listColumns: ['templateName', 'templateNameZh', 'usage'],
  searchFields: ['templateName', 'templateNameZh'],
} as const satisfies DocTypeDef;

/** Display name of an account in a language: "1122 Accounts Receivable" / "1122 应收账款". */
export function accountLabel(a: Record<string, unknown>, lang: string): string {
  const name = lang.startsWith('zh') && a.accountNameZh ? a.accountNameZh : a.accountName;
  return `${a.accountNumber} ${name}`;
}
