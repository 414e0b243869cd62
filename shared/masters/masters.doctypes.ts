/**
 * Shared master data every module links to: customers, suppliers and items. Declared once here;
 * modules that need more fields (stock: units, batches; CRM: owners, tags) extend these
 * declarations in place rather than declaring a second type.
 */
import type { DocTypeDef } from '../kernel/doctype';

export const Customer = {
  name: 'Customer',
  table: 'customers',
  module: 'masters',
  submittable: false,
  ownership: 'shared',
  naming: { series: 'CUST' },
  titleField: 'customerName',
  icon: 'users',
  fields: [
    /** Legal or display name, as printed on invoices. */
    { name: 'customerName', type: 'data', required: true, maxLength: 140 },
    { name: 'customerGroup', type: 'select', options: ['retail', 'wholesale', 'distributor', 'government'], default: 'retail' },
    { name: 'taxId', type: 'data', maxLength: 40 },
    { name: 'email', type: 'email' },
    { name: 'phone', type: 'phone', maxLength: 40 },
    { name: 'city', type: 'data', maxLength: 80 },
    { name: 'address', type: 'text', maxLength: 500 },
    /** Default currency of documents for this customer. */
    { name: 'currency', type: 'currency' },
    /** Credit limit in the company's base currency (0 = none). */
    { name: 'creditLimit', type: 'money', min: 0 },
    { name: 'paymentTermsDays', type: 'int', min: 0, max: 365, default: 30 },
    { name: 'notes', type: 'text', maxLength: 2000 },
    // ---- CRM (shared/crm): the customer is the CRM "account" ----
    /** User id of the responsible sales rep ('' = unassigned). */
    { name: 'owner', type: 'data', maxLength: 40 },
    { name: 'territory', type: 'link', link: 'Territory' },
    /** Comma-separated tags. */
    { name: 'tags', type: 'data', maxLength: 200 },
    { name: 'wechat', type: 'data', maxLength: 60 },
    { name: 'website', type: 'data', maxLength: 200 },
    { name: 'industry', type: 'data', maxLength: 80 },
    /** Where the account came from (lead source, referral, ...). */
    { name: 'source', type: 'data', maxLength: 80 },
    /** Dedupe keys (shared/crm/dedupe.ts), computed on every save; indexed for duplicate checks. */
    { name: 'nameKey', type: 'data', hidden: true, readOnly: true },
    { name: 'emailKey', type: 'data', hidden: true, readOnly: true },
    { name: 'phoneKey', type: 'data', hidden: true, readOnly: true },
    { name: 'taxKey', type: 'data', hidden: true, readOnly: true },
  ],
  listColumns: ['number', 'customerName', 'customerGroup', 'city', 'phone', 'email', 'creditLimit'],
  searchFields: ['customerName', 'taxId', 'email', 'phone', 'city', 'wechat'],
  indexes: ['taxId', 'owner', 'territory', 'tags', 'industry', 'nameKey', 'emailKey', 'phoneKey', 'taxKey'],
} as const satisfies DocTypeDef;

export const Supplier = {
  name: 'Supplier',
  table: 'suppliers',
  module: 'masters',
  submittable: false,
  ownership: 'shared',
  naming: { series: 'SUPP' },
  titleField: 'supplierName',
  icon: 'truck',
  fields: [
    { name: 'supplierName', type: 'data', required: true, maxLength: 140 },
    { name: 'supplierGroup', type: 'select', options: ['goods', 'services', 'raw_material', 'logistics'], default: 'goods' },
    { name: 'taxId', type: 'data', maxLength: 40 },
    { name: 'email', type: 'email' },
    { name: 'phone', type: 'phone', maxLength: 40 },
    { name: 'city', type: 'data', maxLength: 80 },
    { name: 'address', type: 'text', maxLength: 500 },
    { name: 'currency', type: 'currency' },
    { name: 'paymentTermsDays', type: 'int', min: 0, max: 365, default: 30 },
    { name: 'notes', type: 'text', maxLength: 2000 },
  ],
  listColumns: ['number', 'supplierName', 'supplierGroup', 'city', 'phone', 'email'],
  searchFields: ['supplierName', 'taxId', 'email', 'phone', 'city'],
  indexes: ['taxId'],
} as const satisfies DocTypeDef;

export const Item = {
  name: 'Item',
  table: 'items',
  module: 'masters',
  submittable: false,
  ownership: 'shared',
  naming: { field: 'itemCode' },
  titleField: 'itemName',
  icon: 'package',
  fields: [
    /** Unique code typed by users and printed on documents. */
    { name: 'itemCode', type: 'data', required: true, maxLength: 40 },
    { name: 'itemName', type: 'data', required: true, maxLength: 140 },
    { name: 'itemNameZh', type: 'data', maxLength: 140 },
    { name: 'itemType', type: 'select', options: ['stock', 'service', 'non_stock'], default: 'stock' },
    { name: 'itemGroup', type: 'data', maxLength: 80 },
    { name: 'barcode', type: 'data', maxLength: 64 },
    /** Stock unit of measure. */
    { name: 'uom', type: 'data', maxLength: 16, default: 'pcs' },
    /** Standard selling price in base currency. */
    { name: 'salePrice', type: 'money', min: 0 },
    { name: 'purchasePrice', type: 'money', min: 0 },
    { name: 'description', type: 'text', maxLength: 2000 },
    // ---- stock fields (owned by the stock module, shared/stock) ----
    /** Other units this item is bought or sold in: factor = stock units per one of that unit (exact decimal). */
    {
      name: 'uoms',
      type: 'table',
      fields: [
        { name: 'uom', type: 'data', required: true, maxLength: 16 },
        { name: 'factor', type: 'decimal', required: true, min: 0 },
      ],
    },
    /** Overrides the company's valuation method for this item ('' = company default). */
    { name: 'valuationMethod', type: 'select', options: ['moving_average', 'fifo'] },
    /** Per warehouse: when stock falls to `level`, suggest ordering `qty` (stock units). */
    {
      name: 'reorderLevels',
      type: 'table',
      fields: [
        { name: 'warehouse', type: 'link', link: 'Warehouse', required: true },
        { name: 'level', type: 'decimal', min: 0 },
        { name: 'qty', type: 'decimal', min: 0 },
      ],
    },
    /** Supplier that reorder suggestions group purchase orders by. */
    { name: 'defaultSupplier', type: 'link', link: 'Supplier' },
    /** Name of the tax template documents use for this item by default. */
    { name: 'taxTemplate', type: 'data', maxLength: 140 },
    /** Track batches (lot numbers, expiry) on every movement. */
    { name: 'hasBatch', type: 'check' },
    /** Track serial numbers on every movement. */
    { name: 'hasSerial', type: 'check' },
    /** Receipts of this item need a submitted quality inspection (accepted / rejected split). */
    { name: 'inspectionRequired', type: 'check' },
  ],
  listColumns: ['itemCode', 'itemName', 'itemType', 'itemGroup', 'uom', 'salePrice'],
  searchFields: ['itemCode', 'itemName', 'itemNameZh', 'barcode'],
  indexes: ['barcode', 'defaultSupplier'],
} as const satisfies DocTypeDef;
