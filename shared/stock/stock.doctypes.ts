/**
 * Stock document types: warehouses (a tree per branch), stock entries (receipt, issue, transfer,
 * transfer between branches through an in-transit warehouse) and stock counts (physical
 * inventory). Quantities are decimal strings; rates and amounts integer minor units of the base
 * currency (stock documents are always in the base currency).
 */
import type { DocTypeDef } from '../kernel/doctype';

export const WAREHOUSE_TYPES = ['store', 'backroom', 'in_transit', 'rejected'] as const;
export type WarehouseType = (typeof WAREHOUSE_TYPES)[number];

export const Warehouse = {
  name: 'Warehouse',
  table: 'warehouses',
  module: 'stock',
  submittable: false,
  ownership: 'shared',
  naming: { field: 'warehouseCode' },
  titleField: 'warehouseName',
  icon: 'building-warehouse',
  fields: [
    /** Unique code, by convention prefixed with the branch code ('SH-STORE'). */
    { name: 'warehouseCode', type: 'data', required: true, maxLength: 40 },
    { name: 'warehouseName', type: 'data', required: true, maxLength: 140 },
    /** Group warehouse above this one ('' for a root); stock never sits in a group. */
    { name: 'parentWarehouse', type: 'link', link: 'Warehouse' },
    { name: 'isGroup', type: 'check' },
    { name: 'warehouseType', type: 'select', options: WAREHOUSE_TYPES, required: true, default: 'store' },
    /** Id of the branch that owns the warehouse (only that branch posts into it). */
    { name: 'branch', type: 'data', maxLength: 40 },
    /** Stock account of this warehouse ('' = the company's inventory account). */
    { name: 'account', type: 'link', link: 'Account' },
    { name: 'disabled', type: 'check' },
  ],
  listColumns: ['warehouseCode', 'warehouseName', 'warehouseType', 'parentWarehouse', 'branch'],
  searchFields: ['warehouseCode', 'warehouseName'],
  indexes: ['branch'],
} as const satisfies DocTypeDef;

export const STOCK_ENTRY_PURPOSES = ['material_receipt', 'material_issue', 'material_transfer', 'transit_send', 'transit_receive'] as const;
export type StockEntryPurpose = (typeof STOCK_ENTRY_PURPOSES)[number];

export const StockEntry = {
  name: 'StockEntry',
  table: 'stock_entries',
  module: 'stock',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'STE' },
  titleField: 'number',
  icon: 'arrows-exchange',
  fields: [
    /**
     * material_receipt: into `toWarehouse` at the line rate (Dr stock, Cr stock adjustment);
     * material_issue: out of `fromWarehouse` at valuation (Dr stock adjustment, Cr stock);
     * material_transfer: between warehouses; transit_send: to an in-transit warehouse (another
     * branch will receive it); transit_receive: from the in-transit warehouse of `againstEntry`.
     */
    { name: 'purpose', type: 'select', options: STOCK_ENTRY_PURPOSES, required: true, default: 'material_receipt' },
    { name: 'postingDate', type: 'date', required: true },
    /** Default source warehouse of the lines. */
    { name: 'fromWarehouse', type: 'link', link: 'Warehouse' },
    /** Default target warehouse of the lines. */
    { name: 'toWarehouse', type: 'link', link: 'Warehouse' },
    /** transit_receive: the transit_send entry being received. */
    { name: 'againstEntry', type: 'link', link: 'StockEntry' },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    {
      name: 'items',
      type: 'table',
      required: true,
      fields: [
        { name: 'item', type: 'link', link: 'Item', required: true },
        { name: 'qty', type: 'decimal', required: true, min: 0 },
        /** Unit of `qty` ('' = the item's stock unit). */
        { name: 'uom', type: 'data', maxLength: 16 },
        /** qty in the stock unit (computed, exact). */
        { name: 'stockQty', type: 'decimal', readOnly: true },
        /** Receipts: cost per `uom` unit. Other purposes: the valuation taken (computed). */
        { name: 'rate', type: 'money', min: 0 },
        /** Value moved, base currency (computed at submit). */
        { name: 'amount', type: 'money', readOnly: true },
        { name: 'sourceWarehouse', type: 'link', link: 'Warehouse' },
        { name: 'targetWarehouse', type: 'link', link: 'Warehouse' },
        /**
         * Batch (lot) of a `hasBatch` item, required at submit: a receipt brings it in (with
         * `expiryDate`), an issue / transfer takes it from the source warehouse (never more than
         * the batch holds there). transit_receive: defaults to the batch of the line sent.
         */
        { name: 'batch', type: 'data', maxLength: 60 },
        /** Receipts: expiry date of a new batch ('' = none; an existing batch keeps its expiry). */
        { name: 'expiryDate', type: 'date' },
        /**
         * Serial numbers of a `hasSerial` item (comma / space / line separated), exactly one per
         * stock unit at submit: a receipt creates them (none may be in stock anywhere), an issue /
         * transfer moves exactly these (each must be in the source warehouse). transit_receive:
         * defaults to the serials of the line sent that are still in transit.
         */
        { name: 'serials', type: 'text', maxLength: 20000 },
        /** transit_receive: index of the line of `againstEntry` received; -1 for none. */
        { name: 'orderLine', type: 'int', default: -1, hidden: true },
      ],
    },
    /** Total value moved (computed at submit). */
    { name: 'totalAmount', type: 'money', readOnly: true },
    { name: 'amendedFrom', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['number', 'purpose', 'postingDate', 'fromWarehouse', 'toWarehouse', 'totalAmount'],
  searchFields: ['remarks'],
  indexes: ['postingDate', 'againstEntry'],
} as const satisfies DocTypeDef;

export const StockCount = {
  name: 'StockCount',
  table: 'stock_counts',
  module: 'stock',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'STC' },
  titleField: 'number',
  icon: 'clipboard-check',
  fields: [
    { name: 'postingDate', type: 'date', required: true },
    { name: 'warehouse', type: 'link', link: 'Warehouse', required: true },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    {
      name: 'items',
      type: 'table',
      required: true,
      fields: [
        { name: 'item', type: 'link', link: 'Item', required: true },
        /**
         * Batch counted (required for a `hasBatch` item: batch items are counted per batch, one
         * line per batch; batches not listed are not touched). The book quantity and the
         * difference are then those of the batch in the warehouse.
         */
        { name: 'batch', type: 'data', maxLength: 60 },
        /** Expiry of a batch found that the warehouse does not know yet ('' = none). */
        { name: 'expiryDate', type: 'date' },
        /** What was counted, in the stock unit (a `hasSerial` item: the number of serials found). */
        { name: 'countedQty', type: 'decimal', required: true, min: 0 },
        /**
         * Serial numbers found on the shelf (a `hasSerial` item). At submit, serials found that
         * the books do not hold here are received, serials the books hold here (in the line's
         * batch, if any) that were not found are issued.
         */
        { name: 'serials', type: 'text', maxLength: 20000 },
        /** Cost per unit for a surplus when the item has no valuation yet ('' = current rate). */
        { name: 'rate', type: 'money', min: 0 },
        /** Book quantity (of the batch, when the line names one): shown on save, fixed at submit (computed). */
        { name: 'systemQty', type: 'decimal', readOnly: true },
        /** counted - book (computed). */
        { name: 'differenceQty', type: 'decimal', readOnly: true },
        /** Value of the difference (computed). */
        { name: 'differenceAmount', type: 'money', readOnly: true },
        /** Serials found but not in the books here: received by the count (computed). */
        { name: 'serialsReceived', type: 'text', readOnly: true, maxLength: 20000 },
        /** Serials in the books here but not found: issued by the count (computed). */
        { name: 'serialsIssued', type: 'text', readOnly: true, maxLength: 20000 },
      ],
    },
    { name: 'totalDifference', type: 'money', readOnly: true },
    { name: 'amendedFrom', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['number', 'postingDate', 'warehouse', 'totalDifference'],
  searchFields: ['remarks'],
  indexes: ['postingDate'],
} as const satisfies DocTypeDef;
