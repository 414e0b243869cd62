/**
 * Price lists: the pure choice of a price (validity edges, customer group over general, currency,
 * newest list, quantity breaks, unit conversion, item fallback) as a table of cases; then the
 * places that default a line's rate from it: sales orders, delivery notes, sales invoices, CRM
 * quotes and purchase orders; and what a price list refuses on save.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { stockItem, submitted, code } from '../fixtures/stock';
import { createDoc, errorMessage, type BaseRecord, type Session } from '../../shared/api';
import { pickPrice, priceFor, type PickInput } from '../../shared/stock';

const rec = (r: Record<string, unknown>) => ({ deleted: 0, disabled: false, currency: 'CNY', customerGroup: '', validFrom: '', validTo: '', listType: 'selling', ...r }) as unknown as BaseRecord;

const tea = { id: 'tea', itemCode: 'TEA', itemName: 'Tea', uom: 'pcs', uoms: [{ uom: 'box', factor: '12' }, { uom: 'pack', factor: '5' }], salePrice: 1000, purchasePrice: 600 } as unknown as BaseRecord;
const cup = { id: 'cup', itemCode: 'CUP', itemName: 'Cup', uom: 'pcs', uoms: [{ uom: 'box', factor: '12' }], salePrice: 0, purchasePrice: 0 } as unknown as BaseRecord;
const pot = { id: 'pot', itemCode: 'POT', itemName: 'Pot', uom: 'pcs', uoms: [{ uom: 'box', factor: '12' }], salePrice: 2500, purchasePrice: 0 } as unknown as BaseRecord;

const LISTS = [
  // disabled, and first by number: would win every tie if it were not ignored
  rec({ id: 'L0', number: 'PL-0', listName: 'Old', disabled: true, items: [{ item: 'tea', uom: '', rate: 1, minQty: '0' }] }),
  rec({ id: 'L1', number: 'PL-1', listName: 'Standard', items: [{ item: 'tea', uom: '', rate: 900, minQty: '0' }, { item: 'tea', uom: 'box', rate: 10000, minQty: '0' }, { item: 'cup', uom: 'box', rate: 10000, minQty: '0' }] }),
  rec({ id: 'L2', number: 'PL-2', listName: 'Wholesale March', customerGroup: 'wholesale', validFrom: '2026-03-01', validTo: '2026-03-31', items: [{ item: 'tea', uom: '', rate: 800, minQty: '0' }, { item: 'tea', uom: '', rate: 700, minQty: '100' }] }),
  rec({ id: 'L3', number: 'PL-3', listName: 'Export', currency: 'USD', items: [{ item: 'tea', uom: '', rate: 150, minQty: '0' }] }),
  rec({ id: 'L4', number: 'PL-4', listName: 'Standard from April', validFrom: '2026-04-01', items: [{ item: 'tea', uom: '', rate: 950, minQty: '0' }] }),
  rec({ id: 'L5', number: 'PL-5', listName: 'Deleted', deleted: 1, items: [{ item: 'tea', uom: '', rate: 2, minQty: '0' }] }),
  rec({ id: 'L6', number: 'PL-6', listName: 'Suppliers', listType: 'buying', items: [{ item: 'tea', uom: '', rate: 500, minQty: '0' }] }),
  rec({ id: 'L7', number: 'PL-7', listName: 'Distributors', customerGroup: 'distributor', items: [{ item: 'pot', uom: 'box', rate: 10000, minQty: '0' }] }),
];

type Case = [string, BaseRecord, Partial<PickInput>, number | null, string?];
const CASES: Case[] = [
  ['retail customer, general list', tea, { date: '2026-03-15' }, 900, 'L1'],
  ['group list beats the general one', tea, { customerGroup: 'wholesale', date: '2026-03-15' }, 800, 'L2'],
  ['validFrom is inclusive', tea, { customerGroup: 'wholesale', date: '2026-03-01' }, 800, 'L2'],
  ['validTo is inclusive', tea, { customerGroup: 'wholesale', date: '2026-03-31' }, 800, 'L2'],
  ['the day before validFrom: general list', tea, { customerGroup: 'wholesale', date: '2026-02-28' }, 900, 'L1'],
  ['the day after validTo: the newest general list', tea, { customerGroup: 'wholesale', date: '2026-04-01' }, 950, 'L4'],
  ['a list not yet valid is ignored', tea, { date: '2026-03-31' }, 900, 'L1'],
  ['quantity break reached', tea, { customerGroup: 'wholesale', date: '2026-03-15', qty: '100' }, 700, 'L2'],
  ['quantity break not reached', tea, { customerGroup: 'wholesale', date: '2026-03-15', qty: '99' }, 800, 'L2'],
  ['break compared in stock units, rate converted to the box', tea, { customerGroup: 'wholesale', date: '2026-03-15', qty: '10', uom: 'box' }, 8400, 'L2'],
  ['a line in the unit asked beats converting', tea, { date: '2026-03-15', qty: '2', uom: 'box' }, 10000, 'L1'],
  ['no line in the unit: stock-unit line x factor', tea, { date: '2026-03-15', qty: '1', uom: 'pack' }, 4500, 'L1'],
  ['the stock unit named explicitly', tea, { date: '2026-03-15', uom: 'pcs' }, 900, 'L1'],
  ['box price to one piece: 100.00 / 12 rounds half-up', cup, { date: '2026-03-15', uom: '' }, 833, 'L1'],
  ['box price to a box of the same item', cup, { date: '2026-03-15', uom: 'box' }, 10000, 'L1'],
  ['currency: the USD list for a USD document', tea, { currency: 'USD', date: '2026-03-15' }, 150, 'L3'],
  ['currency: USD list converted to the box', tea, { currency: 'USD', date: '2026-03-15', uom: 'box' }, 1800, 'L3'],
  ['currency without a list: no price (no fallback across currencies)', tea, { currency: 'EUR', date: '2026-03-15' }, null],
  ['another group\'s list is ignored: item price fallback', pot, { customerGroup: 'retail', date: '2026-03-15' }, 2500],
  ['item price fallback x unit factor', pot, { date: '2026-03-15', uom: 'box' }, 30000],
  ['the distributor list for its group', pot, { customerGroup: 'distributor', date: '2026-03-15', uom: 'box' }, 10000, 'L7'],
  ['selling, no list line for the group and no item price: none', cup, { customerGroup: 'wholesale', currency: 'USD', date: '2026-03-15' }, null],
  ['buying side uses buying lists', tea, { selling: false, date: '2026-03-15' }, 500, 'L6'],
  ['buying fallback: the purchase price x factor', tea, { selling: false, date: '2026-03-15', currency: 'CNY', qty: '1', uom: 'box' }, 6000, 'L6'],
  ['buying, no list and no purchase price: none', pot, { selling: false, date: '2026-03-15' }, null],
];

describe('pickPrice (pure)', () => {
  it.each(CASES)('%s', (_name, item, q, rate, list) => {
    const input: PickInput = { customerGroup: '', currency: 'CNY', baseCurrency: 'CNY', date: '2026-03-15', qty: '1', uom: '', selling: true, ...q };
    const r = pickPrice(LISTS, item, input);
    expect(r?.rate ?? null).toBe(rate);
    if (list) expect(r?.priceList).toBe(list);
    else if (r) expect(r.source).toBe('item');
  });

  it('an undeclared unit is refused with the item named', () => {
    expect(() => pickPrice(LISTS, tea, { customerGroup: '', currency: 'CNY', baseCurrency: 'CNY', date: '2026-03-15', qty: '1', uom: 'crate', selling: true })).toThrow(/uom_unknown/);
  });
});

async function setup(s: Session) {
  const tea = await stockItem(s, { itemName: 'Green tea', uoms: [{ uom: 'box', factor: '12' }], salePrice: '10.00', purchasePrice: '6.00' });
  const shop = await createDoc(s, 'Customer', { customerName: 'Corner Shop', customerGroup: 'retail' });
  const whole = await createDoc(s, 'Customer', { customerName: 'Big Buyer', customerGroup: 'wholesale' });
  await createDoc(s, 'PriceList', { listName: 'Standard', items: [{ item: tea.id, rate: '9.00' }] });
  await createDoc(s, 'PriceList', { listName: 'Wholesale', customerGroup: 'wholesale', validFrom: '2026-03-01', validTo: '2026-12-31', items: [{ item: tea.id, rate: '8.00' }, { item: tea.id, uom: 'box', rate: '90.00' }] });
  await createDoc(s, 'PriceList', { listName: 'Export', currency: 'USD', items: [{ item: tea.id, rate: '1.50' }] });
  await createDoc(s, 'PriceList', { listName: 'Buying', listType: 'buying', items: [{ item: tea.id, rate: '5.50' }] });
  return { tea, shop, whole };
}

describe('price lists in documents', () => {
  it('sales orders, delivery notes and invoices take their default rate from the lists; a typed rate stays', async () => {
    const { s } = await newCompany();
    const { tea, shop, whole } = await setup(s);
    const so = await createDoc(s, 'SalesOrder', { customer: whole.id, transactionDate: '2026-03-10', items: [{ item: tea.id, qty: '24' }, { item: tea.id, qty: '2', uom: 'box' }, { item: tea.id, qty: '1', rate: '7.77' }] });
    expect((so.items as { rate: number; amount: number }[]).map((l) => [l.rate, l.amount])).toEqual([[800, 19200], [9000, 18000], [777, 777]]);
    const retail = await createDoc(s, 'SalesOrder', { customer: shop.id, transactionDate: '2026-03-10', items: [{ item: tea.id, qty: '1', uom: 'box' }] });
    expect((retail.items as { rate: number }[])[0].rate).toBe(10800); // 9.00 x 12, general list
    // before the wholesale list starts: the general list
    const early = await createDoc(s, 'SalesOrder', { customer: whole.id, transactionDate: '2026-02-28', items: [{ item: tea.id, qty: '1' }] });
    expect((early.items as { rate: number }[])[0].rate).toBe(900);
    const dn = await createDoc(s, 'DeliveryNote', { customer: whole.id, postingDate: '2026-03-11', items: [{ item: tea.id, qty: '3' }] });
    expect((dn.items as { rate: number }[])[0].rate).toBe(800);
    const inv = await createDoc(s, 'SalesInvoice', { customer: whole.id, postingDate: '2026-03-12', items: [{ item: tea.id, qty: '1', uom: 'box' }, { item: tea.id, qty: '5' }] });
    expect((inv.items as { rate: number; stockQty: string }[]).map((l) => [l.rate, l.stockQty])).toEqual([[9000, '12'], [800, '5']]);
    expect(inv.netTotal).toBe(13000);
    // a USD invoice takes the USD list
    const usd = await createDoc(s, 'SalesInvoice', { customer: shop.id, postingDate: '2026-03-12', currency: 'USD', exchangeRate: '7.1', items: [{ item: tea.id, qty: '2' }] });
    expect((usd.items as { rate: number }[])[0].rate).toBe(150);
    expect(await priceFor(s, { item: tea.id, customer: whole.id, currency: '', date: '2026-03-12', qty: '1', uom: 'box', selling: true })).toMatchObject({ rate: 9000, source: 'price_list', listName: 'Wholesale' });
    expect(await priceFor(s, { item: tea.id, date: '2026-03-12', selling: false })).toMatchObject({ rate: 550 });
  });

  it('an invoice line with no price anywhere, or no item and no rate, is refused with a clear message', async () => {
    const { s } = await newCompany();
    const { shop } = await setup(s);
    const free = await stockItem(s, { itemName: 'Unpriced', salePrice: '0' });
    const e1 = await createDoc(s, 'SalesInvoice', { customer: shop.id, postingDate: '2026-03-12', items: [{ item: free.id, qty: '1' }] }).catch((e) => e);
    expect(e1.code).toBe('error.price_missing');
    expect(errorMessage('en', e1)).toMatch(/No price for .*Unpriced/);
    expect(errorMessage('zh-CN', e1)).toMatch(/没有价格/);
    expect(await code(createDoc(s, 'SalesInvoice', { customer: shop.id, postingDate: '2026-03-12', items: [{ description: 'Freight', qty: '1' }] }))).toBe('error.required');
    // a free line is a 100 % discount, not a blank rate
    const ok = await createDoc(s, 'SalesInvoice', { customer: shop.id, postingDate: '2026-03-12', items: [{ item: free.id, qty: '1', rate: '1.00', discountPercent: '100' }] });
    expect(ok.grandTotal).toBe(0);
  });

  it('CRM quotes and purchase orders use the lists of their side', async () => {
    const { s } = await newCompany();
    const { tea, whole } = await setup(s);
    const q = await createDoc(s, 'Quote', { customer: whole.id, quoteDate: '2026-03-05', items: [{ item: tea.id, qty: '10' }] });
    expect((q.items as { rate: number }[])[0].rate).toBe(800);
    const qUsd = await createDoc(s, 'Quote', { customer: whole.id, quoteDate: '2026-03-05', currency: 'USD', items: [{ item: tea.id, qty: '10' }] });
    expect((qUsd.items as { rate: number }[])[0].rate).toBe(150);
    const sup = await createDoc(s, 'Supplier', { supplierName: 'Tea Garden' });
    const po = await submitted(s, 'PurchaseOrder', { supplier: sup.id, transactionDate: '2026-03-05', items: [{ item: tea.id, qty: '2', uom: 'box' }] });
    expect((po.items as { rate: number }[])[0].rate).toBe(6600); // 5.50 x 12
  });

  it('a price list refuses bad dates, a group on a buying list, unknown units, zero prices and duplicate lines', async () => {
    const { s } = await newCompany();
    const tea = await stockItem(s);
    const c = (v: Record<string, unknown>) => code(createDoc(s, 'PriceList', { listName: 'X', items: [{ item: tea.id, rate: '1.00' }], ...v }));
    expect(await c({ validFrom: '2026-03-02', validTo: '2026-03-01' })).toBe('error.price_list_dates');
    expect(await c({ listType: 'buying', customerGroup: 'retail' })).toBe('error.price_list_group_buying');
    expect(await c({ items: [{ item: tea.id, uom: 'crate', rate: '1.00' }] })).toBe('error.uom_unknown');
    expect(await c({ items: [{ item: tea.id, rate: '0' }] })).toBe('error.price_zero');
    expect(await c({ items: [{ item: tea.id, rate: '1.00' }, { item: tea.id, uom: 'pcs', rate: '2.00' }] })).toBe('error.price_list_duplicate_line');
    const ok = await createDoc(s, 'PriceList', { listName: 'Breaks', items: [{ item: tea.id, rate: '1.00' }, { item: tea.id, rate: '0.90', minQty: '10' }] });
    expect(ok.currency).toBe('CNY');
    expect(await s.db.t('price_lists').count()).toBe(1);
  });
});
