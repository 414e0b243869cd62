/**
 * Selling document types: sales orders (which reserve stock) and delivery notes (partial
 * deliveries against an order, returns). Rates and amounts in the document `currency` (minor
 * units; '' = base), `exchangeRate` = base units per document unit; base amounts derived exactly
 * (./currency.ts). Costs (valuation, COGS) are base currency.
 *
 * `createDoc(s, 'SalesOrder', { customer, items: [{ item, qty }] })` is enough: the date,
 * warehouse and prices default (CRM's quote conversion relies on it).
 */
import type { DocTypeDef } from '../kernel/doctype';

const sellLines = [
  { name: 'item', type: 'link', link: 'Item', required: true },
  { name: 'qty', type: 'decimal', required: true, min: 0 },
  /** Unit of `qty` ('' = the item's stock unit). */
  { name: 'uom', type: 'data', maxLength: 16 },
  /** qty in the stock unit (computed, exact). */
  { name: 'stockQty', type: 'decimal', readOnly: true },
  /** Selling price per `uom` unit; blank = the price lists' price, else the item's selling price x the unit's factor (./price-lists.ts). */
  { name: 'rate', type: 'money', min: 0 },
  { name: 'amount', type: 'money', readOnly: true },
  /** Delivering warehouse of the line ('' = the document's). */
  { name: 'warehouse', type: 'link', link: 'Warehouse' },
  /** `amount` in base currency: round_half_up(amount x exchangeRate) (computed). */
  { name: 'baseAmount', type: 'money', readOnly: true, hidden: true },
] as const;

/**
 * Document currency ('' = the customer's default currency on a new document, else base) and the
 * rate: base units per one document unit; '1' for base, required > 0 to submit a foreign one.
 */
const currencyFields = [
  { name: 'currency', type: 'currency' },
  /** '' until given (a foreign draft may wait for the day's rate); '0' is refused. */
  { name: 'exchangeRate', type: 'decimal', min: 0, default: '' },
] as const;

export const SalesOrder = {
  name: 'SalesOrder',
  table: 'sales_orders',
  module: 'selling',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'SO' },
  titleField: 'number',
  icon: 'file-text',
  fields: [
    { name: 'customer', type: 'link', link: 'Customer', required: true },
    /** Order date; defaults to today. */
    { name: 'transactionDate', type: 'date' },
    { name: 'deliveryDate', type: 'date' },
    ...currencyFields,
    /** Default delivering warehouse; defaults to the branch's store. */
    { name: 'warehouse', type: 'link', link: 'Warehouse' },
    /** Id of the CRM quotation this order came from. */
    { name: 'quotation', type: 'data', maxLength: 40 },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    { name: 'items', type: 'table', required: true, currencyField: 'currency', fields: sellLines },
    { name: 'netTotal', type: 'money', readOnly: true, currencyField: 'currency' },
    /** Sum of the lines' base amounts. */
    { name: 'baseNetTotal', type: 'money', readOnly: true },
    { name: 'amendedFrom', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['number', 'customer', 'transactionDate', 'deliveryDate', 'currency', 'netTotal'],
  searchFields: ['remarks'],
  indexes: ['transactionDate', 'quotation'],
} as const satisfies DocTypeDef;

export const DeliveryNote = {
  name: 'DeliveryNote',
  table: 'delivery_notes',
  module: 'selling',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'DN' },
  titleField: 'number',
  icon: 'truck',
  fields: [
    { name: 'customer', type: 'link', link: 'Customer', required: true },
    { name: 'postingDate', type: 'date', required: true },
    { name: 'salesOrder', type: 'link', link: 'SalesOrder' },
    /** The order's currency (another is refused); the rate defaults to the order's and may be the day's. A return takes its delivery's. */
    ...currencyFields,
    { name: 'warehouse', type: 'link', link: 'Warehouse' },
    /** Goods coming back from the customer against `returnAgainst`. */
    { name: 'isReturn', type: 'check' },
    { name: 'returnAgainst', type: 'link', link: 'DeliveryNote' },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    {
      name: 'items',
      type: 'table',
      required: true,
      currencyField: 'currency',
      fields: [
        ...sellLines,
        /** Cost of the goods delivered, BASE currency (valuation, computed at submit; hidden: the table's money is the document currency — `totalCost` shows the sum). */
        { name: 'costAmount', type: 'money', readOnly: true, hidden: true },
        /** Index of the order line (or original delivery line for a return); -1 for none. */
        { name: 'orderLine', type: 'int', default: -1, hidden: true },
        /** Batch delivered from; required for items with Item.hasBatch (FEFO fills it on "deliver from order"). */
        { name: 'batch', type: 'data', maxLength: 60 },
        /** Serial numbers delivered (comma or line separated), one per stock unit, for items with Item.hasSerial. */
        { name: 'serials', type: 'text', maxLength: 20000 },
      ],
    },
    { name: 'netTotal', type: 'money', readOnly: true, currencyField: 'currency' },
    /** Sum of the lines' base amounts. */
    { name: 'baseNetTotal', type: 'money', readOnly: true },
    /** Cost of goods delivered (or brought back), base currency. */
    { name: 'totalCost', type: 'money', readOnly: true },
    { name: 'amendedFrom', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['number', 'customer', 'postingDate', 'salesOrder', 'isReturn', 'currency', 'netTotal'],
  searchFields: ['remarks'],
  indexes: ['postingDate', 'returnAgainst'],
} as const satisfies DocTypeDef;
