/**
 * Multi-currency buying and selling documents (shared/stock/currency.ts) and supplier-specific
 * buying price lists: worked examples in a CNY company.
 * - a USD purchase order -> partial receipt -> bill: stock valued at the exactly rounded base
 *   amount, stock ledger value = GL stock account, the bill clears GRNI to the fen;
 * - a EUR sales order -> delivery (COGS in base) -> invoice carrying currency and rate;
 * - the supplier's buying list before the general one before the item's purchase price
 *   (converted by the document rate for a foreign document);
 * - refusals: rate missing / zero, a receipt in another currency than its order, a supplier on
 *   a selling list — each with nothing written.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { warehouses, stockItem, submitted, receiveStock, code } from '../fixtures/stock';
import { createDoc, submitDoc, updateDoc, errorMessage, type BaseRecord, type Session } from '../../shared/api';
import {
  verifyStock, stockBalance, makeReceiptFromOrder, makeDeliveryFromOrder, makePurchaseInvoiceFromReceipt, makeSalesInvoiceFrom, stockAccount,
  tradeAnalytics, pickPrice, baseOf, fromBase, makePurchaseOrderFromQuotation, type PickInput,
} from '../../shared/stock';
import { accountBalance } from '../../shared/books';

type L = { rate: number; amount: number; baseAmount: number; qty: string };
const lines = (d: BaseRecord) => d.items as L[];

async function count(s: Session, table: string): Promise<number> {
  return s.db.t(table).count();
}

describe('the money rule (pure)', () => {
  it('base amount = round_half_up(amount x rate), the books rule; a base price converts back half-up', () => {
    const usd = { currency: 'USD', exchangeRate: '7.1234' } as unknown as BaseRecord;
    expect(baseOf(3330, usd, 'CNY')).toBe(23721); // USD 33.30 x 7.1234 = 237.20922
    expect(baseOf(4, { currency: 'USD', exchangeRate: '7.125' } as unknown as BaseRecord, 'CNY')).toBe(29); // 28.5 -> half-up 29 (half-even would give 28)
    expect(baseOf(4, { currency: 'CNY', exchangeRate: '' } as unknown as BaseRecord, 'CNY')).toBe(4);
    expect(baseOf(4, { currency: 'USD', exchangeRate: '' } as unknown as BaseRecord, 'CNY')).toBe(0); // a draft waiting for its rate
    expect(fromBase(900, '7.8', 'EUR', 'CNY')).toBe(115); // CNY 9.00 / 7.8 = EUR 1.1538...
    expect(fromBase(1000, '0.05', 'JPY', 'CNY')).toBe(200); // CNY 10.00 / 0.05 = JPY 200 (no minor unit)
  });

  const tea = { id: 'tea', itemCode: 'TEA', itemName: 'Tea', uom: 'pcs', uoms: [{ uom: 'box', factor: '12' }], salePrice: 1000, purchasePrice: 600 } as unknown as BaseRecord;
  const rec = (r: Record<string, unknown>) => ({ deleted: 0, disabled: false, currency: 'CNY', customerGroup: '', supplier: '', validFrom: '', validTo: '', listType: 'buying', ...r }) as unknown as BaseRecord;
  const LISTS = [
    rec({ id: 'G', number: 'PL-1', listName: 'General buying', items: [{ item: 'tea', uom: '', rate: 550, minQty: '0' }] }),
    rec({ id: 'A', number: 'PL-2', listName: 'Supplier A', supplier: 'supA', items: [{ item: 'tea', uom: '', rate: 500, minQty: '0' }] }),
    rec({ id: 'AU', number: 'PL-3', listName: 'Supplier A USD', supplier: 'supA', currency: 'USD', items: [{ item: 'tea', uom: '', rate: 70, minQty: '0' }] }),
    rec({ id: 'S', number: 'PL-4', listName: 'Selling', listType: 'selling', items: [{ item: 'tea', uom: '', rate: 900, minQty: '0' }] }),
  ];
  const q = (p: Partial<PickInput>): PickInput => ({ customerGroup: '', currency: 'CNY', baseCurrency: 'CNY', date: '2026-03-15', qty: '1', uom: '', selling: false, ...p });
  const CASES: [string, Partial<PickInput>, number | null, string?][] = [
    ['the supplier\'s own list before the general buying list', { supplier: 'supA' }, 500, 'A'],
    ['another supplier: the general buying list', { supplier: 'supB' }, 550, 'G'],
    ['no supplier: the general buying list', {}, 550, 'G'],
    ['USD document, supplier with a USD list', { supplier: 'supA', currency: 'USD', exchangeRate: '7' }, 70, 'AU'],
    ['USD document, no USD list: purchase price CNY 6.00 / 7 = USD 0.857 -> 0.86', { supplier: 'supB', currency: 'USD', exchangeRate: '7' }, 86],
    ['USD document without a rate: no price (a base price is never taken as USD)', { supplier: 'supB', currency: 'USD' }, null],
    ['selling side ignores supplier lists', { selling: true, supplier: 'supA' }, 900, 'S'],
    ['a EUR sale converts the sale price per box: 10.00 x 12 / 7.8 = 15.38', { selling: true, currency: 'EUR', exchangeRate: '7.8', uom: 'box' }, 1538],
  ];
  it.each(CASES)('%s', (_name, input, rate, list) => {
    const p = pickPrice(LISTS, tea, q(input));
    expect(p?.rate ?? null).toBe(rate);
    if (list) expect(p?.priceList).toBe(list);
    else if (p) expect(p).toMatchObject({ source: 'item', exchangeRate: input.exchangeRate });
  });
});

describe('buying in a foreign currency', () => {
  it('USD order -> partial receipt at the order rate -> bill: stock value = GL stock = exact base amount; the rest at the day\'s rate', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const sup = await createDoc(s, 'Supplier', { supplierName: 'Ohio Fasteners', currency: 'USD' });
    const it = await stockItem(s);
    // the supplier's default currency; the rate is typed
    const po = await submitted(s, 'PurchaseOrder', { supplier: sup.id, exchangeRate: '7.1234', items: [{ item: it.id, qty: '10', rate: '3.33' }] });
    expect(po).toMatchObject({ currency: 'USD', exchangeRate: '7.1234', netTotal: 3330, baseNetTotal: 23721 });
    expect(lines(po)[0]).toMatchObject({ rate: 333, amount: 3330, baseAmount: 23721 });

    const g = await makeReceiptFromOrder(s, po.id, { postingDate: '2026-03-02' });
    expect(g).toMatchObject({ currency: 'USD', exchangeRate: '7.1234' });
    const g1 = await updateDoc(s, 'PurchaseReceipt', g.id, { ...g, items: [{ ...(g.items as object[])[0], qty: '7' }] });
    expect(lines(g1)[0]).toMatchObject({ rate: 333, amount: 2331, baseAmount: 16605 }); // 23.31 x 7.1234 = 166.046454 -> 166.05
    await submitDoc(s, 'PurchaseReceipt', g1.id);
    const inventory = stockAccount(s.settings, 'inventory');
    const grni = stockAccount(s.settings, 'grni');
    expect((await stockBalance(s, it.id, w.store)).value).toBe(16605);
    expect(await accountBalance(s, inventory)).toBe(16605);
    expect(await accountBalance(s, grni)).toBe(-16605);

    // the bill carries the receipt's currency and rate, and clears GRNI to the fen
    const bill = await makePurchaseInvoiceFromReceipt(s, g1.id, { billNo: 'OF-77' });
    expect(bill).toMatchObject({ currency: 'USD', exchangeRate: '7.1234', grandTotal: 2331, baseGrandTotal: 16605 });
    await submitDoc(s, 'PurchaseInvoice', bill.id);
    expect(await accountBalance(s, grni)).toBe(0);

    // the rest arrives on a day the rate is 7.2: stock takes that day's base value
    const g2 = await makeReceiptFromOrder(s, po.id, { postingDate: '2026-03-09' });
    const g2b = await submitDoc(s, 'PurchaseReceipt', (await updateDoc(s, 'PurchaseReceipt', g2.id, { ...g2, exchangeRate: '7.2' })).id);
    expect(g2b).toMatchObject({ currency: 'USD', exchangeRate: '7.2', netTotal: 999, baseNetTotal: 7193 }); // 9.99 x 7.2 = 71.928
    expect((await stockBalance(s, it.id, w.store)).value).toBe(16605 + 7193);
    expect(await accountBalance(s, inventory)).toBe(16605 + 7193);
    expect(await verifyStock(s)).toEqual([]);

    // a return goes back in the receipt's currency and rate, at the current valuation (base)
    const ret = await submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-10', isReturn: true, returnAgainst: g1.id, exchangeRate: '9', items: [{ item: it.id, qty: '1', orderLine: 0 }] });
    expect(ret).toMatchObject({ currency: 'USD', exchangeRate: '7.1234' });
    expect((await stockBalance(s, it.id, w.store)).value).toBe(await accountBalance(s, inventory));

    // purchase analytics from receipts: base amounts only
    const rep = await tradeAnalytics(s, { side: 'purchase', source: 'stock', groupBy: 'party', from: '2026-03-01', to: '2026-03-31' });
    expect(rep.currency).toBe('CNY');
    expect(rep.total.gross).toBe(16605 + 7193);
    expect(rep.total.returns).toBe(-(ret.baseNetTotal as number));
  });

  it('refuses a missing or zero rate, and a receipt in another currency than its order, writing nothing', async () => {
    const { s } = await newCompany();
    const sup = await createDoc(s, 'Supplier', { supplierName: 'Ohio Fasteners' });
    const it = await stockItem(s);
    // a zero rate is refused even on a draft
    const before = await count(s, 'purchase_orders');
    expect(await code(createDoc(s, 'PurchaseOrder', { supplier: sup.id, currency: 'USD', exchangeRate: '0', items: [{ item: it.id, qty: '1', rate: '1.00' }] }))).toBe('error.exchange_rate_required');
    expect(await count(s, 'purchase_orders')).toBe(before);
    // a draft may wait for the day's rate; submitting needs it
    const draft = await createDoc(s, 'PurchaseOrder', { supplier: sup.id, currency: 'USD', items: [{ item: it.id, qty: '10', rate: '3.33' }] });
    expect(draft).toMatchObject({ currency: 'USD', exchangeRate: '', netTotal: 3330, baseNetTotal: 0 });
    expect(await code(submitDoc(s, 'PurchaseOrder', draft.id))).toBe('error.exchange_rate_required');
    expect((await s.db.t<BaseRecord>('purchase_orders').get(draft.id))!.status).toBe('draft');
    try {
      await submitDoc(s, 'PurchaseOrder', draft.id);
    } catch (e) {
      expect(errorMessage('en', e)).toBe('Enter the exchange rate of USD, or add a rate of USD for this date to the exchange rates.');
    }
    // a unit price with more decimals than the currency has is refused (money is exact minor units)
    expect(await code(createDoc(s, 'PurchaseOrder', { supplier: sup.id, currency: 'USD', exchangeRate: '7', items: [{ item: it.id, qty: '10', rate: '3.3333' }] }))).toBe('error.too_many_decimals');
    // a base document always has rate 1, whatever was typed
    const cny = await createDoc(s, 'PurchaseOrder', { supplier: sup.id, exchangeRate: '5', items: [{ item: it.id, qty: '1', rate: '2.00' }] });
    expect(cny).toMatchObject({ currency: 'CNY', exchangeRate: '1', baseNetTotal: 200 });

    const po = await submitDoc(s, 'PurchaseOrder', (await updateDoc(s, 'PurchaseOrder', draft.id, { ...draft, exchangeRate: '7.1234' })).id);
    const receipts = await count(s, 'purchase_receipts');
    const ledger = await count(s, 'stock_ledger');
    const eur = { supplier: sup.id, postingDate: '2026-03-02', purchaseOrder: po.id, currency: 'EUR', exchangeRate: '7.8', items: [{ item: it.id, qty: '1', orderLine: 0 }] };
    expect(await code(createDoc(s, 'PurchaseReceipt', eur))).toBe('error.source_currency_mismatch');
    try {
      await createDoc(s, 'PurchaseReceipt', eur);
    } catch (e) {
      expect(errorMessage('en', e)).toBe(`${po.number} is in USD: this document must be in USD too, not EUR.`);
      expect(errorMessage('zh-CN', e)).toContain('USD');
    }
    expect(await count(s, 'purchase_receipts')).toBe(receipts);
    expect(await count(s, 'stock_ledger')).toBe(ledger);
  });
});

describe('documents made by the system for a supplier with a foreign default currency', () => {
  it('an order made from a quotation stays base (its rates are converted); a typed order defaults to USD and waits for its rate', async () => {
    const { s } = await newCompany();
    const sup = await createDoc(s, 'Supplier', { supplierName: 'Ohio Fasteners', currency: 'USD' });
    const it = await stockItem(s);
    const q = await submitted(s, 'SupplierQuotation', { supplier: sup.id, transactionDate: s.localDate(), currency: 'USD', exchangeRate: '7', items: [{ item: it.id, qty: '10', rate: '0.50' }] });
    const po = await makePurchaseOrderFromQuotation(s, q.id);
    expect(po).toMatchObject({ currency: 'CNY', exchangeRate: '1', netTotal: 3500, baseNetTotal: 3500 });
    const typed = await createDoc(s, 'PurchaseOrder', { supplier: sup.id, items: [{ item: it.id, qty: '10' }] });
    // no USD list and no rate yet: the CNY purchase price is not taken as USD
    expect(typed).toMatchObject({ currency: 'USD', exchangeRate: '' });
    expect(lines(typed)[0].rate).toBe(0);
    // with the rate the blank line is priced from the purchase price: 5.00 / 7 = 0.714 -> USD 0.71
    const withRate = await updateDoc(s, 'PurchaseOrder', typed.id, { ...typed, exchangeRate: '7' });
    expect(lines(withRate)[0]).toMatchObject({ rate: 71, amount: 710, baseAmount: 4970 });
  });
});

describe('selling in a foreign currency', () => {
  it('EUR order -> delivery (COGS in base) -> invoice carrying the currency and rate', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const cust = await createDoc(s, 'Customer', { customerName: 'Hamburg Teehaus', currency: 'EUR' });
    const it = await stockItem(s);
    await receiveStock(s, it.id, w.store, '20', '5.00');
    // one line typed, one priced from the item's CNY 9.00 at 7.8 = EUR 1.15 (half-up)
    const so = await submitted(s, 'SalesOrder', { customer: cust.id, exchangeRate: '7.8', items: [{ item: it.id, qty: '10', rate: '1.50' }, { item: it.id, qty: '2' }] });
    expect(so).toMatchObject({ currency: 'EUR', exchangeRate: '7.8', netTotal: 1500 + 230, baseNetTotal: 11700 + 1794 });
    expect(lines(so)[1]).toMatchObject({ rate: 115, amount: 230, baseAmount: 1794 });

    const dn0 = await makeDeliveryFromOrder(s, so.id, { postingDate: '2026-03-05' });
    expect(dn0).toMatchObject({ currency: 'EUR', exchangeRate: '7.8' });
    const dn = await submitDoc(s, 'DeliveryNote', (await updateDoc(s, 'DeliveryNote', dn0.id, { ...dn0, items: [{ ...(dn0.items as object[])[0], qty: '6' }] })).id);
    expect(dn).toMatchObject({ netTotal: 900, baseNetTotal: 7020, totalCost: 3000 });
    expect(await accountBalance(s, stockAccount(s.settings, 'costOfGoodsSold'))).toBe(3000);
    expect((await stockBalance(s, it.id, w.store)).value).toBe(await accountBalance(s, stockAccount(s.settings, 'inventory')));

    const inv = await makeSalesInvoiceFrom(s, 'DeliveryNote', dn.id, { postingDate: '2026-03-06' });
    expect(inv).toMatchObject({ currency: 'EUR', exchangeRate: '7.8', salesOrder: so.id, deliveryNote: dn.id, grandTotal: 900, baseGrandTotal: 7020 });
    expect((inv.items as L[])[0]).toMatchObject({ qty: '6', rate: 150 });
    await submitDoc(s, 'SalesInvoice', inv.id);
    // an invoice of the order in another currency is refused
    expect(await code(createDoc(s, 'SalesInvoice', { customer: cust.id, postingDate: '2026-03-06', salesOrder: so.id, currency: 'CNY', items: [{ item: it.id, qty: '1', orderLine: 0 }] }))).toBe('error.invoice_source_currency');
    // sales analytics from deliveries: base amounts
    const rep = await tradeAnalytics(s, { side: 'sales', source: 'stock', groupBy: 'item', from: '2026-03-01', to: '2026-03-31' });
    expect(rep.total.amount).toBe(7020);
    const billed = await tradeAnalytics(s, { side: 'sales', source: 'invoice', groupBy: 'item', from: '2026-03-01', to: '2026-03-31' });
    expect(billed.total.amount).toBe(7020);
    expect(await verifyStock(s)).toEqual([]);
  });
});

describe('supplier-specific buying price lists', () => {
  it('a purchase order takes the supplier\'s list, else the general buying list, else the item\'s purchase price', async () => {
    const { s } = await newCompany();
    const it = await stockItem(s); // purchase price 5.00
    const a = await createDoc(s, 'Supplier', { supplierName: 'Tea Garden A' });
    const b = await createDoc(s, 'Supplier', { supplierName: 'Tea Garden B' });
    const po = async (supplier: string, extra: Record<string, unknown> = {}) => lines(await createDoc(s, 'PurchaseOrder', { supplier, transactionDate: '2026-03-05', items: [{ item: it.id, qty: '1' }], ...extra }))[0].rate;
    expect(await po(a.id)).toBe(500);
    await createDoc(s, 'PriceList', { listName: 'Buying', listType: 'buying', items: [{ item: it.id, rate: '4.80' }] });
    expect(await po(a.id)).toBe(480);
    await createDoc(s, 'PriceList', { listName: 'Garden A', listType: 'buying', supplier: a.id, items: [{ item: it.id, rate: '4.50' }] });
    expect(await po(a.id)).toBe(450);
    expect(await po(b.id)).toBe(480);
    // a USD order for A: its USD list; for B (no USD list): the purchase price converted, 5.00 / 7.1234 = 0.7019 -> 0.70
    await createDoc(s, 'PriceList', { listName: 'Garden A USD', listType: 'buying', supplier: a.id, currency: 'USD', items: [{ item: it.id, rate: '0.66' }] });
    expect(await po(a.id, { currency: 'USD', exchangeRate: '7.1234' })).toBe(66);
    expect(await po(b.id, { currency: 'USD', exchangeRate: '7.1234' })).toBe(70);
    // a receipt without an order is priced the same way
    const g = await createDoc(s, 'PurchaseReceipt', { supplier: a.id, postingDate: '2026-03-05', items: [{ item: it.id, qty: '2' }] });
    expect(lines(g)[0]).toMatchObject({ rate: 450, amount: 900, baseAmount: 900 });
  });

  it('a supplier on a selling list is refused with a clear message, and nothing is written', async () => {
    const { s } = await newCompany();
    const it = await stockItem(s);
    const a = await createDoc(s, 'Supplier', { supplierName: 'Tea Garden A' });
    const p = createDoc(s, 'PriceList', { listName: 'Retail', listType: 'selling', supplier: a.id, items: [{ item: it.id, rate: '9.00' }] });
    expect(await code(p)).toBe('error.price_list_supplier_selling');
    try {
      await createDoc(s, 'PriceList', { listName: 'Retail', supplier: a.id, items: [{ item: it.id, rate: '9.00' }] });
    } catch (e) {
      expect(errorMessage('en', e)).toBe('A supplier can only be set on a buying price list.');
      expect(errorMessage('zh-CN', e)).toBe('只有采购价格表可以指定供应商。');
    }
    expect(await count(s, 'price_lists')).toBe(0);
  });
});
