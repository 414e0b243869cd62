/**
 * Fixed assets and their monthly depreciation (straight-line or declining balance).
 *
 * A FixedAsset is registered (submitted) after its acquisition was booked (purchase invoice or
 * journal on the asset account); submitting posts nothing, it starts the schedule. An
 * AssetDepreciation voucher books one month for every active asset: Dr depreciation expense /
 * Cr accumulated depreciation, and records per asset and period in `asset_depreciation`
 * (append-only), so a month is never booked twice and a missed month is caught up.
 */
import type { DocTypeDef } from '../kernel/doctype';

/**
 * How an asset is depreciated (see ./fixed-assets.ts and docs/books.md):
 * - straight_line: (cost − salvage) spread evenly over the useful life (年限平均法);
 * - declining_balance: a fixed annual rate on the net book value at the start of each asset year,
 *   switching to straight-line over the remaining life when that gives more (余额递减法; the
 *   default rate 2 / life in years is double-declining, 双倍余额递减法).
 */
export const DEPRECIATION_METHODS = ['straight_line', 'declining_balance'] as const;
export type DepreciationMethod = (typeof DEPRECIATION_METHODS)[number];

export const FixedAsset = {
  name: 'FixedAsset',
  table: 'fixed_assets',
  module: 'books',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'FA' },
  titleField: 'assetName',
  icon: 'building-factory',
  fields: [
    { name: 'assetName', type: 'data', required: true, maxLength: 140 },
    { name: 'purchaseDate', type: 'date', required: true },
    /** First day of the first month depreciated (usually the month after it is available for use). */
    { name: 'depreciationStart', type: 'date', required: true },
    /** Acquisition cost, base currency. */
    { name: 'cost', type: 'money', required: true, min: 0 },
    /** Expected residual value (残值), base currency. */
    { name: 'salvageValue', type: 'money', min: 0 },
    { name: 'usefulLifeMonths', type: 'int', required: true, min: 1, max: 1200 },
    /** Straight-line (default; also what an asset saved before this field existed uses) or declining balance. */
    { name: 'depreciationMethod', type: 'select', options: DEPRECIATION_METHODS, default: 'straight_line' },
    /**
     * Declining balance only: annual rate in percent of the net book value (e.g. '40').
     * 0 / empty = double-declining, 200 / (usefulLifeMonths / 12). Cleared for straight-line.
     */
    { name: 'depreciationRate', type: 'percent', min: 0, max: 100 },
    /** Defaults from the company settings (fixedAsset, accumulatedDepreciation, depreciationExpense). */
    { name: 'assetAccount', type: 'link', link: 'Account' },
    { name: 'accumulatedDepreciationAccount', type: 'link', link: 'Account' },
    { name: 'depreciationExpenseAccount', type: 'link', link: 'Account' },
    { name: 'remarks', type: 'text', maxLength: 1000 },
  ],
  listColumns: ['number', 'assetName', 'purchaseDate', 'cost', 'usefulLifeMonths'],
  searchFields: ['assetName'],
} as const satisfies DocTypeDef;

export const AssetDepreciation = {
  name: 'AssetDepreciation',
  table: 'asset_depreciations',
  module: 'books',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'DEP' },
  titleField: 'number',
  icon: 'trending-down',
  fields: [
    /** The month depreciated, 'YYYY-MM'; posted on its last day. */
    { name: 'period', type: 'data', required: true, maxLength: 7 },
    { name: 'postingDate', type: 'date', readOnly: true },
    {
      name: 'lines',
      type: 'table',
      readOnly: true,
      fields: [
        { name: 'asset', type: 'link', link: 'FixedAsset' },
        { name: 'amount', type: 'money' },
      ],
    },
    { name: 'total', type: 'money', readOnly: true },
  ],
  listColumns: ['number', 'period', 'postingDate', 'total'],
  searchFields: ['period'],
  indexes: ['period'],
} as const satisfies DocTypeDef;
