/**
 * Landed costs and valuation reposts: two stock documents that change the VALUE of stock without
 * moving quantity (value-only stock ledger rows, qty 0).
 *
 * LandedCost (series LC): charges that belong to the cost of goods already received (freight,
 * customs duty, insurance) against one or more submitted purchase receipts, distributed over
 * the receipts' stock rows by quantity or by amount (exact: the parts sum to each charge). On
 * submit the share of each row whose goods are still in stock raises their valuation; the share
 * of goods already issued goes to `expenseAccount` (cost of goods sold by default). Dr stock /
 * Dr expense, Cr each charge's account. See ./landed-cost.behaviour.ts.
 *
 * StockRepost (series SRP): the correction of issue values made stale by a back-dated posting,
 * for one item x warehouse from a date. Lines are computed (./repost.ts); submitting posts the
 * differences as value-only rows on `postingDate` against cost of goods sold (deliveries) or
 * stock adjustment (everything else). It cannot be cancelled: a later repost corrects it.
 *
 * Money: integer minor units of the base currency (stock documents are in the base currency).
 */
import type { DocTypeDef } from '../kernel/doctype';

export const DISTRIBUTE_BY = ['by_qty', 'by_amount'] as const;
export type DistributeBy = (typeof DISTRIBUTE_BY)[number];

export const LandedCost = {
  name: 'LandedCost',
  table: 'landed_costs',
  module: 'stock',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'LC' },
  titleField: 'number',
  icon: 'receipt-tax',
  fields: [
    /** Date of the value rows and of the GL posting; defaults to today, never before a receipt. */
    { name: 'postingDate', type: 'date' },
    /** Where the share of goods already issued goes ('' = the company's cost of goods sold). */
    { name: 'expenseAccount', type: 'link', link: 'Account' },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    {
      name: 'receipts',
      type: 'table',
      required: true,
      fields: [
        /** A submitted purchase receipt (not a return). */
        { name: 'receipt', type: 'link', link: 'PurchaseReceipt', required: true },
        { name: 'supplier', type: 'link', link: 'Supplier', readOnly: true },
        { name: 'receiptDate', type: 'date', readOnly: true },
        { name: 'receiptTotal', type: 'money', readOnly: true },
      ],
    },
    {
      name: 'charges',
      type: 'table',
      fields: [
        { name: 'description', type: 'data', required: true, maxLength: 140 },
        /** Base currency, > 0. */
        { name: 'amount', type: 'money', required: true, min: 0 },
        /** Credited with the amount: e.g. freight payable, customs duty payable. */
        { name: 'account', type: 'link', link: 'Account', required: true },
        /** Spread over the receipts' stock rows by quantity (stock unit) or by their value. */
        { name: 'distributeBy', type: 'select', options: DISTRIBUTE_BY, required: true, default: 'by_qty' },
      ],
    },
    /** One line per receipt stock row (computed on save; the split stock / expense on submit). */
    {
      name: 'allocations',
      type: 'table',
      readOnly: true,
      fields: [
        { name: 'receipt', type: 'link', link: 'PurchaseReceipt', readOnly: true },
        /** Index of the receipt line. */
        { name: 'line', type: 'int', readOnly: true, hidden: true },
        { name: 'item', type: 'link', link: 'Item', readOnly: true },
        { name: 'warehouse', type: 'link', link: 'Warehouse', readOnly: true },
        /** Received quantity (stock unit) and value of the row. */
        { name: 'qty', type: 'decimal', readOnly: true },
        { name: 'receivedAmount', type: 'money', readOnly: true },
        /** Sum of the charges' parts for this row. */
        { name: 'allocated', type: 'money', readOnly: true },
        /** Of the received quantity, what was still in stock at submit. */
        { name: 'qtyInStock', type: 'decimal', readOnly: true },
        /** Part raising the stock value, and part charged to the expense account. */
        { name: 'toStock', type: 'money', readOnly: true },
        { name: 'toExpense', type: 'money', readOnly: true },
      ],
    },
    { name: 'totalCharges', type: 'money', readOnly: true },
    { name: 'totalToStock', type: 'money', readOnly: true },
    { name: 'totalToExpense', type: 'money', readOnly: true },
    { name: 'amendedFrom', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['number', 'postingDate', 'totalCharges', 'totalToStock', 'totalToExpense'],
  searchFields: ['remarks'],
  indexes: ['postingDate'],
} as const satisfies DocTypeDef;

export const StockRepost = {
  name: 'StockRepost',
  table: 'stock_reposts',
  module: 'stock',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'SRP' },
  titleField: 'number',
  icon: 'refresh',
  fields: [
    { name: 'item', type: 'link', link: 'Item', required: true },
    { name: 'warehouse', type: 'link', link: 'Warehouse', required: true },
    /** Replay from this date (the earliest back-dated posting). */
    { name: 'fromDate', type: 'date', required: true },
    /** Date of the adjusting rows; defaults to today. */
    { name: 'postingDate', type: 'date' },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    /** The ledger rows whose value differs from the replay (computed). */
    {
      name: 'lines',
      type: 'table',
      readOnly: true,
      fields: [
        /** Id of the stock ledger row corrected. */
        { name: 'row', type: 'data', readOnly: true, hidden: true, maxLength: 40 },
        { name: 'voucherType', type: 'data', readOnly: true, maxLength: 40 },
        { name: 'voucherNumber', type: 'data', readOnly: true, maxLength: 60 },
        { name: 'rowDate', type: 'date', readOnly: true },
        { name: 'qty', type: 'decimal', readOnly: true },
        /** Value as posted (with earlier corrections). */
        { name: 'posted', type: 'money', readOnly: true },
        /** Value the replay gives. */
        { name: 'expected', type: 'money', readOnly: true },
        /** expected - posted (+ raises stock). */
        { name: 'difference', type: 'money', readOnly: true },
      ],
    },
    { name: 'totalDifference', type: 'money', readOnly: true },
    { name: 'amendedFrom', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['number', 'item', 'warehouse', 'fromDate', 'postingDate', 'totalDifference'],
  searchFields: ['remarks'],
  indexes: ['postingDate'],
} as const satisfies DocTypeDef;
