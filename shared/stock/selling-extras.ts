/**
 * The selling additions of issue #4 in one place: price lists (a masters-module record, HQ-owned),
 * the SalesInvoice behaviour extended with invoicing from orders / deliveries and default rates,
 * the guard that keeps invoiced orders and deliveries from being cancelled, and the picking list.
 * `registerSellingExtras()` runs at the end of ./index.ts, after the selling behaviours are
 * registered, and wraps them (and the books' SalesInvoice behaviour) rather than replacing them.
 */
import './pricing.messages';
import '../books/index';
import { getBehaviour, registerDocType } from '../kernel/registry';
import { SalesInvoice } from '../books/vouchers.doctypes';
import { SalesOrder, DeliveryNote } from './selling.doctypes';
import { PriceList } from './price-lists.doctypes';
import { priceListBehaviour } from './price-lists';
import { sellingInvoiceBehaviour, invoicedSourceGuard } from './invoice-from';

export function registerSellingExtras(): void {
  registerDocType(PriceList, priceListBehaviour);
  registerDocType(SalesOrder, invoicedSourceGuard('SalesOrder', getBehaviour('SalesOrder')));
  registerDocType(DeliveryNote, invoicedSourceGuard('DeliveryNote', getBehaviour('DeliveryNote')));
  registerDocType(SalesInvoice, sellingInvoiceBehaviour(getBehaviour('SalesInvoice')));
}

export { PriceList, PRICE_LIST_TYPES, CUSTOMER_GROUPS, type PriceListType } from './price-lists.doctypes';
export { priceFor, pickPrice, candidateLists, loadPricer, PRICE_LIST_TABLE, type PriceQuery, type PriceResult, type PickInput, type Pricer } from './price-lists';
export { makeSalesInvoiceFrom, invoicingStatus, type BillingLine, type InvoiceSource } from './invoice-from';
export { pickingList, type PickingList, type PickLine, type PickingSource } from './picking-list';
export { settleCurrency, withCurrency, applyBaseAmounts, baseOf, lineBase, fromBase, isRate, type CurrencyShape } from './currency';
