/**
 * Purchasing document types: purchase orders and purchase receipts (goods received notes,
 * partial, against an order, and returns). Rates and amounts in the document `currency` (minor
 * units; '' = base), `exchangeRate` = base units per document unit ('1' for base), the base
 * amounts derived exactly (./currency.ts); quantities as exact decimal strings in the line's unit.
 *
 * Submitted documents never change, so what has been received against an order line lives in
 * the derived `order_progress` table (./order-progress.ts), rebuilt from the receipts.
 */
import type { DocTypeDef } from '../kernel/doctype';

const orderLines = [
  { name: 'item', type: 'link', link: 'Item', required: true },
  { name: 'qty', type: 'decimal', required: true, min: 0 },
  /** Unit of `qty` ('' = the item's stock unit). */
  { name: 'uom', type: 'data', maxLength: 16 },
  /** qty in the stock unit (computed, exact). */
  { name: 'stockQty', type: 'decimal', readOnly: true },
  /** Price per `uom` unit; defaults to the item's purchase price. */
  { name: 'rate', type: 'money', min: 0 },
  { name: 'amount', type: 'money', readOnly: true },
  /** Receiving warehouse of the line ('' = the document's). */
  { name: 'warehouse', type: 'link', link: 'Warehouse' },
  /** `amount` in base currency: round_half_up(amount x exchangeRate) (computed; the receipt's stock value). */
  { name: 'baseAmount', type: 'money', readOnly: true, hidden: true },
] as const;

/**
 * Document currency ('' = the supplier's default currency on a new document, else base) and the
 * rate: base units per one document unit; '1' for base, required > 0 to submit a foreign one.
 */
const currencyFields = [
  { name: 'currency', type: 'currency' },
  /** '' until given (a foreign draft may wait for the day's rate); '0' is refused. */
  { name: 'exchangeRate', type: 'decimal', min: 0, default: '' },
] as const;

export const PurchaseOrder = {
  name: 'PurchaseOrder',
  table: 'purchase_orders',
  module: 'purchasing',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'PO' },
  titleField: 'number',
  icon: 'shopping-cart',
  fields: [
    { name: 'supplier', type: 'link', link: 'Supplier', required: true },
    /** Order date; defaults to today. */
    { name: 'transactionDate', type: 'date' },
    { name: 'scheduleDate', type: 'date' },
    ...currencyFields,
    /** Default receiving warehouse; defaults to the branch's store. */
    { name: 'warehouse', type: 'link', link: 'Warehouse' },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    /** The supplier quotation the order was made from (makePurchaseOrderFromQuotation), if any. */
    { name: 'supplierQuotation', type: 'link', link: 'SupplierQuotation' },
    /** A draft made and extended by automatic reorder (./auto-reorder.ts); untick to take it over by hand. */
    { name: 'autoReorder', type: 'check' },
    { name: 'items', type: 'table', required: true, currencyField: 'currency', fields: orderLines },
    { name: 'netTotal', type: 'money', readOnly: true, currencyField: 'currency' },
    /** Sum of the lines' base amounts. */
    { name: 'baseNetTotal', type: 'money', readOnly: true },
    { name: 'amendedFrom', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['number', 'supplier', 'transactionDate', 'scheduleDate', 'currency', 'netTotal'],
  searchFields: ['remarks'],
  indexes: ['transactionDate', 'supplierQuotation'],
} as const satisfies DocTypeDef;

export const PurchaseReceipt = {
  name: 'PurchaseReceipt',
  table: 'purchase_receipts',
  module: 'purchasing',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'GRN' },
  titleField: 'number',
  icon: 'truck-delivery',
  fields: [
    { name: 'supplier', type: 'link', link: 'Supplier', required: true },
    { name: 'postingDate', type: 'date', required: true },
    /** The order received against ('' for a receipt without an order). */
    { name: 'purchaseOrder', type: 'link', link: 'PurchaseOrder' },
    /** The order's currency (another is refused); the rate defaults to the order's and may be the day's. A return takes its receipt's. */
    ...currencyFields,
    { name: 'warehouse', type: 'link', link: 'Warehouse' },
    /** Where goods rejected by quality inspection go ('' = the branch's rejected warehouse). */
    { name: 'rejectedWarehouse', type: 'link', link: 'Warehouse' },
    /** A return to the supplier of goods received by `returnAgainst`. */
    { name: 'isReturn', type: 'check' },
    { name: 'returnAgainst', type: 'link', link: 'PurchaseReceipt' },
    /** The supplier's bill for these goods (three-way match), when booked. */
    { name: 'purchaseInvoice', type: 'link', link: 'PurchaseInvoice' },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    {
      name: 'items',
      type: 'table',
      required: true,
      currencyField: 'currency',
      fields: [
        ...orderLines,
        /** Index of the order line (or of the original receipt line for a return); -1 for none. */
        { name: 'orderLine', type: 'int', default: -1, hidden: true },
        /** Batch (lot) number; required for items with Item.hasBatch. */
        { name: 'batch', type: 'data', maxLength: 60 },
        /** Expiry date of the batch (kept with the batch; FEFO picks by it). */
        { name: 'expiryDate', type: 'date' },
        /** Serial numbers (comma or line separated), one per stock unit, for items with Item.hasSerial. */
        { name: 'serials', type: 'text', maxLength: 20000 },
        /** Rejected by the quality inspection (stock unit; set on submit, went to the rejected warehouse). */
        { name: 'rejectedQty', type: 'decimal', readOnly: true, default: '' },
        /** The inspection that decided the line's accepted / rejected split (set on submit). */
        { name: 'qualityInspection', type: 'data', readOnly: true, maxLength: 40 },
      ],
    },
    { name: 'netTotal', type: 'money', readOnly: true, currencyField: 'currency' },
    /** Sum of the lines' base amounts = the value the receipt puts on stock. */
    { name: 'baseNetTotal', type: 'money', readOnly: true },
    { name: 'amendedFrom', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['number', 'supplier', 'postingDate', 'purchaseOrder', 'isReturn', 'currency', 'netTotal'],
  searchFields: ['remarks'],
  indexes: ['postingDate', 'returnAgainst'],
} as const satisfies DocTypeDef;
