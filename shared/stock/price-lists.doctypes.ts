/**
 * Price lists: selling or buying prices of items in one currency, valid for a period, optionally
 * only for one customer group. Head office sets them (`ownership: 'hq'`, ARCHITECTURE: price
 * lists are HQ-owned data); a buying list may be limited to one supplier (that supplier's prices).
 * Branches read them when a line gets its default rate
 * (./price-lists.ts `priceFor`). A master record, not a transactional document: editing a list
 * changes the defaults of documents saved afterwards, never the rates already on documents.
 */
import type { DocTypeDef, FieldDef } from '../kernel/doctype';
import { Customer } from '../masters/masters.doctypes';

export const PRICE_LIST_TYPES = ['selling', 'buying'] as const;
export type PriceListType = (typeof PRICE_LIST_TYPES)[number];

/** The customer groups a selling list may be limited to: the Customer declaration's options. */
export const CUSTOMER_GROUPS: readonly string[] = (Customer.fields as readonly FieldDef[]).find((f) => f.name === 'customerGroup')?.options ?? [];

export const PriceList = {
  name: 'PriceList',
  table: 'price_lists',
  module: 'masters',
  submittable: false,
  ownership: 'hq',
  naming: { series: 'PL' },
  titleField: 'listName',
  icon: 'tags',
  fields: [
    { name: 'listName', type: 'data', required: true, maxLength: 140 },
    /** selling (the default): sales orders, delivery notes, sales invoices, quotes; buying: purchase orders and receipts. */
    { name: 'listType', type: 'select', options: PRICE_LIST_TYPES, default: 'selling' },
    /** Currency of the rates ('' = the company's base currency, set on save). Only documents in this currency use the list. */
    { name: 'currency', type: 'currency' },
    /** Only customers of this group ('' = every customer). A group list wins over a general one. Selling lists only. */
    { name: 'customerGroup', type: 'select', options: CUSTOMER_GROUPS },
    /** Only purchases from this supplier ('' = every supplier). A supplier list wins over a general one. Buying lists only. */
    { name: 'supplier', type: 'link', link: 'Supplier' },
    /** First day the list applies ('' = always did). */
    { name: 'validFrom', type: 'date' },
    /** Last day the list applies, inclusive ('' = open-ended). */
    { name: 'validTo', type: 'date' },
    /** A disabled list is ignored by pricing. */
    { name: 'disabled', type: 'check' },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    {
      name: 'items',
      type: 'table',
      required: true,
      currencyField: 'currency',
      fields: [
        { name: 'item', type: 'link', link: 'Item', required: true },
        /** Unit the rate is per ('' = the item's stock unit); any unit declared on the item. */
        { name: 'uom', type: 'data', maxLength: 16 },
        /** Price per one `uom`, in the list's currency (> 0). */
        { name: 'rate', type: 'money', required: true, min: 0 },
        /** The line applies from this quantity on (in `uom`); the highest break reached wins. */
        { name: 'minQty', type: 'decimal', min: 0 },
      ],
    },
  ],
  listColumns: ['number', 'listName', 'listType', 'currency', 'customerGroup', 'supplier', 'validFrom', 'validTo'],
  searchFields: ['listName', 'remarks'],
  indexes: [],
} as const satisfies DocTypeDef;
