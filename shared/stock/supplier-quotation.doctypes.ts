/**
 * Supplier quotation (optional step before a purchase order): what a supplier offers — items,
 * quantities, prices in the quotation's currency, lead times — and until when the offer holds.
 * Submitting records the offer (immutable afterwards); it posts nothing. A draft purchase order
 * is made from it with `makePurchaseOrderFromQuotation` (./supplier-quotation.service.ts), which
 * links the order back through `PurchaseOrder.supplierQuotation`.
 *
 * Money: `rate` / `amount` / `netTotal` are integer minor units of `currency` ('' = base);
 * `exchangeRate` is base units per one quotation unit ('1' for the base currency), used to
 * compare offers in different currencies and to price the purchase order in base currency.
 */
import type { DocTypeDef } from '../kernel/doctype';

export const SupplierQuotation = {
  name: 'SupplierQuotation',
  table: 'supplier_quotations',
  module: 'purchasing',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'SQ' },
  titleField: 'number',
  icon: 'file-dollar',
  fields: [
    { name: 'supplier', type: 'link', link: 'Supplier', required: true },
    /** Date of the offer; defaults to today. */
    { name: 'transactionDate', type: 'date' },
    /** Last day the offer holds; defaults to 30 days after the date, never before it. */
    { name: 'validTill', type: 'date' },
    /** The supplier's own quotation number. */
    { name: 'supplierReference', type: 'data', maxLength: 60 },
    /** Quotation currency ('' = base). */
    { name: 'currency', type: 'currency' },
    /** Base units per quotation unit; required for a foreign currency, 1 for base. */
    { name: 'exchangeRate', type: 'decimal', min: 0 },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    {
      name: 'items',
      type: 'table',
      required: true,
      currencyField: 'currency',
      fields: [
        { name: 'item', type: 'link', link: 'Item', required: true },
        /** Quantity offered (the price may depend on it), in `uom`. */
        { name: 'qty', type: 'decimal', required: true, min: 0 },
        /** Unit of `qty` and `rate` ('' = the item's stock unit). */
        { name: 'uom', type: 'data', maxLength: 16 },
        /** qty in the stock unit (computed, exact). */
        { name: 'stockQty', type: 'decimal', readOnly: true },
        /** Price per `uom` unit, quotation currency. */
        { name: 'rate', type: 'money', required: true, min: 0 },
        { name: 'amount', type: 'money', readOnly: true },
        /** Days from order to delivery the supplier promises. */
        { name: 'leadTimeDays', type: 'int', min: 0, max: 3650 },
      ],
    },
    { name: 'netTotal', type: 'money', readOnly: true, currencyField: 'currency' },
    { name: 'amendedFrom', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['number', 'supplier', 'transactionDate', 'validTill', 'currency', 'netTotal'],
  searchFields: ['supplierReference', 'remarks'],
  indexes: ['validTill'],
} as const satisfies DocTypeDef;
