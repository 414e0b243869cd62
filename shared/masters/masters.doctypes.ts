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
  ],
  listColumns: ['number', 'customerName', 'customerGroup', 'city', 'phone', 'email', 'creditLimit'],
  searchFields: ['customerName', 'taxId', 'email', 'phone', 'city'],
  indexes: ['taxId'],
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
  ],
  listColumns: ['itemCode', 'itemName', 'itemType', 'itemGroup', 'uom', 'salePrice'],
  searchFields: ['itemCode', 'itemName', 'itemNameZh', 'barcode'],
  indexes: ['barcode'],
} as const satisfies DocTypeDef;
