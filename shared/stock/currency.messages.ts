/**
 * Labels and messages of multi-currency buying and selling documents (./currency.ts) and of
 * supplier-specific buying price lists, English and Simplified Chinese.
 */
import { registerMessages } from '../i18n';

export const en = {
  'field.PurchaseOrder.currency': 'Currency',
  'field.PurchaseOrder.exchangeRate': 'Exchange rate',
  'field.PurchaseOrder.baseNetTotal': 'Net total (base currency)',
  'field.PurchaseReceipt.currency': 'Currency',
  'field.PurchaseReceipt.exchangeRate': 'Exchange rate',
  'field.PurchaseReceipt.baseNetTotal': 'Net total (base currency)',
  'field.SalesOrder.currency': 'Currency',
  'field.SalesOrder.exchangeRate': 'Exchange rate',
  'field.SalesOrder.baseNetTotal': 'Net total (base currency)',
  'field.DeliveryNote.currency': 'Currency',
  'field.DeliveryNote.exchangeRate': 'Exchange rate',
  'field.DeliveryNote.baseNetTotal': 'Net total (base currency)',
  'field.PriceList.supplier': 'Supplier',

  'error.source_currency_mismatch': '{number} is in {sourceCurrency}: this document must be in {sourceCurrency} too, not {currency}.',
  'error.price_list_supplier_selling': 'A supplier can only be set on a buying price list.',

  'stock.cur.title': 'Currency',
  'stock.cur.net_total': 'Net total',
  'stock.cur.rate': 'Exchange rate',
  'stock.cur.rate_line': '1 {currency} = {rate} {base}',
  'stock.cur.rate_missing': 'No exchange rate yet: enter it before submitting.',
  'stock.cur.base_total': 'Net total in {base}',
  'stock.cur.cost_total': 'Cost of goods (base currency)',
  'stock.cur.base_note': 'Stock values and ledger postings are in {base}.',
  'stock.sell.col.rate': 'Rate',
};

export const zh: Record<keyof typeof en, string> = {
  'field.PurchaseOrder.currency': '币种',
  'field.PurchaseOrder.exchangeRate': '汇率',
  'field.PurchaseOrder.baseNetTotal': '合计（本位币）',
  'field.PurchaseReceipt.currency': '币种',
  'field.PurchaseReceipt.exchangeRate': '汇率',
  'field.PurchaseReceipt.baseNetTotal': '合计（本位币）',
  'field.SalesOrder.currency': '币种',
  'field.SalesOrder.exchangeRate': '汇率',
  'field.SalesOrder.baseNetTotal': '合计（本位币）',
  'field.DeliveryNote.currency': '币种',
  'field.DeliveryNote.exchangeRate': '汇率',
  'field.DeliveryNote.baseNetTotal': '合计（本位币）',
  'field.PriceList.supplier': '供应商',

  'error.source_currency_mismatch': '{number} 的币种为 {sourceCurrency}：本单据也必须使用 {sourceCurrency}，不能是 {currency}。',
  'error.price_list_supplier_selling': '只有采购价格表可以指定供应商。',

  'stock.cur.title': '币种',
  'stock.cur.net_total': '合计',
  'stock.cur.rate': '汇率',
  'stock.cur.rate_line': '1 {currency} = {rate} {base}',
  'stock.cur.rate_missing': '尚未填写汇率：提交前请输入汇率。',
  'stock.cur.base_total': '合计（{base}）',
  'stock.cur.cost_total': '销货成本（本位币）',
  'stock.cur.base_note': '库存金额与记账均以 {base} 计。',
  'stock.sell.col.rate': '单价',
};

registerMessages('stock-currency', en, zh);
