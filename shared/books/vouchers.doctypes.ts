/**
 * Books vouchers: Journal Entry, Sales Invoice, Purchase Invoice, Payment.
 *
 * All are submittable branch documents: draft -> submitted (posts ledger rows) -> cancelled
 * (appends reversing rows; nothing is edited). Money fields are integer minor units of the
 * document `currency` (`currencyField`), `exchangeRate` is a decimal string: base-currency units
 * per one unit of the document currency ("7.1" for USD in a CNY company; "1" for base).
 * Computed fields (`readOnly`) are recomputed by the service on every save and on submit; what a
 * client sends for them is ignored.
 *
 * Live outstanding amounts are NOT stored on invoices (a submitted document is immutable): they
 * come from the payment ledger (`getOutstanding`, see ./payment-ledger.ts).
 */
import type { DocTypeDef, FieldDef } from '../kernel/doctype';

export const PARTY_TYPES = ['customer', 'supplier'] as const;
export type PartyType = (typeof PARTY_TYPES)[number];

export const JOURNAL_ENTRY_TYPES = ['journal', 'opening', 'closing'] as const;

export const JournalEntry = {
  name: 'JournalEntry',
  table: 'journal_entries',
  module: 'books',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'JV' },
  titleField: 'number',
  icon: 'notebook',
  fields: [
    { name: 'postingDate', type: 'date', required: true },
    /** 'closing' entries are made by the year-end close and post to period YYYY-13. */
    { name: 'entryType', type: 'select', options: JOURNAL_ENTRY_TYPES, default: 'journal' },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    {
      name: 'lines',
      type: 'table',
      required: true,
      fields: [
        { name: 'account', type: 'link', link: 'Account', required: true },
        /** Base-currency amounts; exactly one of debit/credit is non-zero. */
        { name: 'debit', type: 'money', min: 0 },
        { name: 'credit', type: 'money', min: 0 },
        /** Required on receivable/payable accounts (party ledger, aging). */
        { name: 'partyType', type: 'select', options: PARTY_TYPES },
        /** Id of the Customer or Supplier. */
        { name: 'party', type: 'data', maxLength: 40 },
        { name: 'remarks', type: 'data', maxLength: 140 },
      ],
    },
    { name: 'totalDebit', type: 'money', readOnly: true },
    { name: 'totalCredit', type: 'money', readOnly: true },
    /** The cancelled entry this one corrects (set by amend). */
    { name: 'amendedFrom', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['number', 'postingDate', 'entryType', 'totalDebit'],
  searchFields: ['remarks'],
  indexes: ['postingDate'],
} as const satisfies DocTypeDef;

/** Invoice lines, shared by sales and purchase invoices (`account` is income or expense/stock). */
function invoiceLines(accountField: 'incomeAccount' | 'expenseAccount') {
  return [
    { name: 'item', type: 'link', link: 'Item' },
    { name: 'description', type: 'data', maxLength: 280 },
    /** Quantity, decimal string, > 0 (returns use positive quantities with isReturn). */
    { name: 'qty', type: 'decimal', required: true, min: 0 },
    /** Unit price in the document currency, before discount. */
    { name: 'rate', type: 'money', required: true, min: 0 },
    { name: 'discountPercent', type: 'percent', min: 0, max: 100 },
    { name: 'taxTemplate', type: 'link', link: 'TaxTemplate' },
    /** Defaults from the company settings (sales income / purchase expense or stock). */
    { name: accountField, type: 'link', link: 'Account' },
    /** qty x rate, half-up. */
    { name: 'amount', type: 'money', readOnly: true },
    /** After discount, without tax. */
    { name: 'netAmount', type: 'money', readOnly: true },
    { name: 'taxAmount', type: 'money', readOnly: true },
  ] as const;
}

/**
 * Sales invoice lines: the shared ones, with the rate optional (a blank rate is priced from the
 * price lists by the selling module, shared/stock/invoice-from.ts), plus the unit of the quantity
 * and the sales order / delivery note line a line invoices (made by makeSalesInvoiceFrom).
 */
function salesInvoiceLines(): readonly FieldDef[] {
  const shared: readonly FieldDef[] = invoiceLines('incomeAccount').map((f) => (f.name === 'rate' ? { ...f, required: false } : f));
  const at = shared.findIndex((f) => f.name === 'qty') + 1;
  return [
    ...shared.slice(0, at),
    /** Unit of `qty` ('' = the item's stock unit); any unit declared on the item. */
    { name: 'uom', type: 'data', maxLength: 16 },
    ...shared.slice(at),
    /** qty in the item's stock unit (computed, exact); what invoiced quantities are counted in. */
    { name: 'stockQty', type: 'decimal', readOnly: true, hidden: true },
    /** Index of the sales order line invoiced (`salesOrder`); -1 for none. */
    { name: 'orderLine', type: 'int', default: -1, hidden: true },
    /** Index of the delivery note line invoiced (`deliveryNote`); -1 for none. */
    { name: 'deliveryLine', type: 'int', default: -1, hidden: true },
  ];
}

/** Per-account tax breakdown of an invoice (computed). */
const taxRows = [
  { name: 'account', type: 'link', link: 'Account' },
  { name: 'amount', type: 'money' },
] as const;

export const SalesInvoice = {
  name: 'SalesInvoice',
  table: 'sales_invoices',
  module: 'books',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'INV' },
  titleField: 'number',
  icon: 'file-invoice',
  fields: [
    { name: 'customer', type: 'link', link: 'Customer', required: true },
    { name: 'postingDate', type: 'date', required: true },
    /** Defaults to postingDate + the customer's payment terms. */
    { name: 'dueDate', type: 'date' },
    /** Document currency ('' = base). */
    { name: 'currency', type: 'currency' },
    /** Base units per document unit; required for a foreign currency, 1 for base. */
    { name: 'exchangeRate', type: 'decimal', min: 0 },
    /** Receivable account; defaults from the company settings. */
    { name: 'debitTo', type: 'link', link: 'Account' },
    /** A credit note (return) against `returnAgainst`: posts with the signs reversed. */
    { name: 'isReturn', type: 'check' },
    { name: 'returnAgainst', type: 'link', link: 'SalesInvoice' },
    /** The submitted sales order invoiced (selling module; also set when invoicing one of its deliveries). */
    { name: 'salesOrder', type: 'link', link: 'SalesOrder' },
    /** The submitted delivery note invoiced (selling module). */
    { name: 'deliveryNote', type: 'link', link: 'DeliveryNote' },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    { name: 'items', type: 'table', required: true, currencyField: 'currency', fields: salesInvoiceLines() },
    { name: 'taxes', type: 'table', readOnly: true, currencyField: 'currency', fields: taxRows },
    { name: 'netTotal', type: 'money', readOnly: true, currencyField: 'currency' },
    { name: 'discountTotal', type: 'money', readOnly: true, currencyField: 'currency' },
    { name: 'taxTotal', type: 'money', readOnly: true, currencyField: 'currency' },
    { name: 'grandTotal', type: 'money', readOnly: true, currencyField: 'currency' },
    /** Grand total in base currency at the invoice rate (the receivable's book value). */
    { name: 'baseGrandTotal', type: 'money', readOnly: true },
    { name: 'amendedFrom', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['number', 'customer', 'postingDate', 'dueDate', 'currency', 'grandTotal'],
  searchFields: ['remarks'],
  indexes: ['isReturn', 'salesOrder', 'deliveryNote'],
} as const satisfies DocTypeDef;

export const PurchaseInvoice = {
  name: 'PurchaseInvoice',
  table: 'purchase_invoices',
  module: 'books',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'PINV' },
  titleField: 'number',
  icon: 'file-download',
  fields: [
    { name: 'supplier', type: 'link', link: 'Supplier', required: true },
    /** The supplier's own invoice number. */
    { name: 'billNo', type: 'data', maxLength: 60 },
    { name: 'postingDate', type: 'date', required: true },
    { name: 'dueDate', type: 'date' },
    { name: 'currency', type: 'currency' },
    { name: 'exchangeRate', type: 'decimal', min: 0 },
    /** Payable account; defaults from the company settings. */
    { name: 'creditTo', type: 'link', link: 'Account' },
    { name: 'isReturn', type: 'check' },
    { name: 'returnAgainst', type: 'link', link: 'PurchaseInvoice' },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    { name: 'items', type: 'table', required: true, currencyField: 'currency', fields: invoiceLines('expenseAccount') },
    { name: 'taxes', type: 'table', readOnly: true, currencyField: 'currency', fields: taxRows },
    { name: 'netTotal', type: 'money', readOnly: true, currencyField: 'currency' },
    { name: 'discountTotal', type: 'money', readOnly: true, currencyField: 'currency' },
    { name: 'taxTotal', type: 'money', readOnly: true, currencyField: 'currency' },
    { name: 'grandTotal', type: 'money', readOnly: true, currencyField: 'currency' },
    { name: 'baseGrandTotal', type: 'money', readOnly: true },
    { name: 'amendedFrom', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['number', 'supplier', 'billNo', 'postingDate', 'dueDate', 'currency', 'grandTotal'],
  searchFields: ['billNo', 'remarks'],
  indexes: ['isReturn'],
} as const satisfies DocTypeDef;

/** The direction of the money: receive = into the bank/cash account, pay = out of it. */
export const PAYMENT_TYPES = ['receive', 'pay'] as const;
/** Payment references: invoices and journals; a Payment (its unallocated advance) only in a refund. */
export const REFERENCE_TYPES = ['SalesInvoice', 'PurchaseInvoice', 'JournalEntry', 'Payment'] as const;

/** The party a payment of a type is normally with: receive <- customer, pay -> supplier. */
export function usualPartyType(paymentType: string): PartyType {
  return paymentType === 'pay' ? 'supplier' : 'customer';
}

/**
 * A refund: money paid to a customer (credit note, advance) or received from a supplier (debit
 * note, advance paid); it must be allocated in full to the party's open credits.
 */
export function isRefund(paymentType: string, partyType: string): boolean {
  return !!partyType && partyType !== usualPartyType(paymentType);
}

export const Payment = {
  name: 'Payment',
  table: 'payments',
  module: 'books',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'PAY' },
  titleField: 'number',
  icon: 'cash',
  fields: [
    /** receive: money in (from a customer, or a refund from a supplier); pay: money out (to a supplier, or a refund to a customer). */
    { name: 'paymentType', type: 'select', options: PAYMENT_TYPES, required: true, default: 'receive' },
    /**
     * Computed on save from the party filled in (customer or supplier; both or none: the usual
     * party of the payment type). pay + customer is a refund to a customer, receive + supplier a
     * refund from a supplier (`isRefund`).
     */
    { name: 'partyType', type: 'select', options: PARTY_TYPES, readOnly: true },
    { name: 'customer', type: 'link', link: 'Customer' },
    { name: 'supplier', type: 'link', link: 'Supplier' },
    { name: 'postingDate', type: 'date', required: true },
    { name: 'currency', type: 'currency' },
    /** Base units per payment-currency unit ON THE PAYMENT DATE (realises exchange gain/loss). */
    { name: 'exchangeRate', type: 'decimal', min: 0 },
    { name: 'amount', type: 'money', required: true, min: 0, currencyField: 'currency' },
    /** The bank or cash account money moves through. */
    { name: 'account', type: 'link', link: 'Account', required: true },
    /** Receivable/payable account; defaults from the company settings. */
    { name: 'partyAccount', type: 'link', link: 'Account' },
    { name: 'referenceNo', type: 'data', maxLength: 80 },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    {
      name: 'allocations',
      type: 'table',
      currencyField: 'currency',
      fields: [
        { name: 'referenceType', type: 'select', options: REFERENCE_TYPES, required: true },
        { name: 'referenceId', type: 'data', required: true, maxLength: 40 },
        /** Part of the payment applied to that document, in the payment currency. */
        { name: 'amount', type: 'money', required: true, min: 0 },
      ],
    },
    /** amount - allocations: kept as an advance on the party. */
    { name: 'unallocated', type: 'money', readOnly: true, currencyField: 'currency' },
    { name: 'baseAmount', type: 'money', readOnly: true },
    { name: 'amendedFrom', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['number', 'paymentType', 'customer', 'supplier', 'postingDate', 'currency', 'amount'],
  searchFields: ['referenceNo', 'remarks'],
} as const satisfies DocTypeDef;
