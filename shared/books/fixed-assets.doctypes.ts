/**
 * Fixed assets and their monthly straight-line depreciation.
 *
 * A FixedAsset is registered (submitted) after its acquisition was booked (purchase invoice or
 * journal on the asset account); submitting posts nothing, it starts the schedule. An
 * AssetDepreciation voucher books one month for every active asset: Dr depreciation expense /
 * Cr accumulated depreciation, and records per asset and period in `asset_depreciation`
 * (append-only), so a month is never booked twice and a missed month is caught up.
 */
import type { DocTypeDef } from '../kernel/doctype';

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
