/**
 * Selling document types: sales orders (which reserve stock) and delivery notes (partial
 * deliveries against an order, returns). Amounts in the company's base currency (minor units).
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
    /** Default delivering warehouse; defaults to the branch's store. */
    { name: 'warehouse', type: 'link', link: 'Warehouse' },
    /** Id of the CRM quotation this order came from. */
    { name: 'quotation', type: 'data', maxLength: 40 },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    { name: 'items', type: 'table', required: true, fields: sellLines },
    { name: 'netTotal', type: 'money', readOnly: true },
    { name: 'amendedFrom', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['number', 'customer', 'transactionDate', 'deliveryDate', 'netTotal'],
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
    { name: 'warehouse', type: 'link', link: 'Warehouse' },
    /** Goods coming back from the customer against `returnAgainst`. */
    { name: 'isReturn', type: 'check' },
    { name: 'returnAgainst', type: 'link', link: 'DeliveryNote' },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    {
      name: 'items',
      type: 'table',
      required: true,
      fields: [
        ...sellLines,
        /** Cost of the goods delivered (valuation, computed at submit). */
        { name: 'costAmount', type: 'money', readOnly: true },
        /** Index of the order line (or original delivery line for a return); -1 for none. */
        { name: 'orderLine', type: 'int', default: -1, hidden: true },
        /** Batch delivered from; required for items with Item.hasBatch (FEFO fills it on "deliver from order"). */
        { name: 'batch', type: 'data', maxLength: 60 },
        /** Serial numbers delivered (comma or line separated), one per stock unit, for items with Item.hasSerial. */
        { name: 'serials', type: 'text', maxLength: 20000 },
      ],
    },
    { name: 'netTotal', type: 'money', readOnly: true },
    { name: 'totalCost', type: 'money', readOnly: true },
    { name: 'amendedFrom', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['number', 'customer', 'postingDate', 'salesOrder', 'isReturn', 'netTotal'],
  searchFields: ['remarks'],
  indexes: ['postingDate', 'returnAgainst'],
} as const satisfies DocTypeDef;
