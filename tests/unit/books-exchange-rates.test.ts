/**
 * The exchange-rate table (shared/books/exchange-rates.ts), worked in a CNY company:
 * - validation: an unknown currency, the base currency, a rate of zero or below, a second rate of
 *   the same currency and date — each refused with its code and nothing written;
 * - `rateOn`: the latest rate on or before the date (none before the first; '1' for base);
 * - defaulting: a USD invoice / payment / purchase order saved without a rate takes the table's
 *   rate of ITS date and posts the base amounts at it; a typed rate wins; a receipt from an order
 *   keeps the order's rate, a credit note its original's; no table rate -> as before (a purchase
 *   order draft waits, an invoice is refused, submitting is refused);
 * - the period-end revaluation takes closing rates from the table;
 * - head-office data in replication terms; rights (books edits, invoice clerks read); CSV import.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { accounts, cents, ledgerCounts } from '../fixtures/books';
import { warehouses, stockItem, submitted, code } from '../fixtures/stock';
import { createDoc, updateDoc, submitDoc, deleteDoc, can, BUILTIN_ROLES, errorMessage, type BaseRecord, type Role, type Session } from '../../shared/api';
import { createAndSubmit, rateOn, rateEntryOn, revalue, accountBalance } from '../../shared/books';
import { makeReceiptFromOrder, makeSalesInvoiceFrom } from '../../shared/stock';
import { tablePolicy } from '../../shared/sync/policy';
import { importDocs } from '../../shared/kernel/import.service';
import { csvToInputs } from '../../shared/kernel/csv-map';
import { ExchangeRate } from '../../shared/books/exchange-rates';

type Gl = { account: string; debit: number; credit: number; exchangeRate: string; isReversal: boolean };
const glOf = async (s: Session, voucherId: string) => (await s.db.t<Gl>('gl_entries').where('voucherId').equals(voucherId).toArray()).filter((r) => !r.isReversal);

async function rate(s: Session, currency: string, rateDate: string, value: string, source = ''): Promise<BaseRecord> {
  return createDoc(s, 'ExchangeRate', { currency, rateDate, rate: value, source });
}

/** USD 7.10 from 1 March, 7.20 from 15 March, 7.30 from 1 April; EUR 7.80 from 1 March. */
async function table(s: Session): Promise<void> {
  await rate(s, 'USD', '2026-03-01', '7.10', 'PBOC central parity');
  await rate(s, 'USD', '2026-03-15', '7.20');
  await rate(s, 'USD', '2026-04-01', '7.30');
  await rate(s, 'EUR', '2026-03-01', '7.80');
}

describe('ExchangeRate: what is refused', () => {
  it.each([
    ['an unknown currency', { currency: 'XYZ', rateDate: '2026-03-01', rate: '7.1' }, 'error.currency_unknown'],
    ['no currency', { currency: '', rateDate: '2026-03-01', rate: '7.1' }, 'error.required'],
    ['the base currency', { currency: 'CNY', rateDate: '2026-03-01', rate: '1' }, 'error.exchange_rate_base'],
    ['a rate of zero', { currency: 'USD', rateDate: '2026-03-01', rate: '0' }, 'error.exchange_rate_positive'],
    ['a negative rate', { currency: 'USD', rateDate: '2026-03-01', rate: '-7.1' }, 'error.negative'],
    ['no rate', { currency: 'USD', rateDate: '2026-03-01', rate: '' }, 'error.required'],
    ['a date that does not exist', { currency: 'USD', rateDate: '2026-02-30', rate: '7.1' }, 'error.date_invalid'],
  ])('%s', async (_name, input, expected) => {
    const { s } = await newCompany();
    const before = await ledgerCounts(s);
    expect(await code(createDoc(s, 'ExchangeRate', input))).toBe(expected);
    expect(await s.db.t('exchange_rates').count()).toBe(0);
    expect(await ledgerCounts(s)).toEqual(before);
  });

  it('a second rate of the same currency on the same date is refused, with words that say which; another date or currency is fine', async () => {
    const { s } = await newCompany();
    const first = await rate(s, 'USD', '2026-03-01', '7.10');
    expect(first).toMatchObject({ currency: 'USD', rateDate: '2026-03-01', rate: '7.1', rateKey: 'USD 2026-03-01', status: 'active' });
    const before = await ledgerCounts(s);
    let err: unknown;
    try {
      await rate(s, 'usd', '2026-03-01', '7.15');
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'error.exchange_rate_duplicate', field: 'rateDate' });
    expect(errorMessage('en', err)).toBe(`There is already a rate for USD on 2026-03-01 (7.1, ${first.number}); change that one instead.`);
    expect(errorMessage('zh-CN', err)).toContain('已有汇率');
    expect(await s.db.t('exchange_rates').count()).toBe(1);
    expect(await ledgerCounts(s)).toEqual(before);
    // moving another rate onto the same day is the same clash
    const other = await rate(s, 'USD', '2026-03-02', '7.11');
    expect(await code(updateDoc(s, 'ExchangeRate', other.id, { ...other, rateDate: '2026-03-01' }))).toBe('error.exchange_rate_duplicate');
    // correcting a rate in place, another currency that day, and a deleted rate's day are fine
    expect(await updateDoc(s, 'ExchangeRate', first.id, { ...first, rate: '7.12' })).toMatchObject({ rate: '7.12' });
    await rate(s, 'EUR', '2026-03-01', '7.80');
    await deleteDoc(s, 'ExchangeRate', other.id);
    await rate(s, 'USD', '2026-03-02', '7.13');
  });
});

describe('rateOn: the latest rate on or before the date', () => {
  it.each([
    ['before the first rate: none', 'USD', '2026-02-28', null],
    ['on the first day', 'USD', '2026-03-01', '7.1'],
    ['between two rates: the earlier one', 'USD', '2026-03-14', '7.1'],
    ['on the day of a new rate', 'USD', '2026-03-15', '7.2'],
    ['long after the last rate: the last', 'USD', '2027-01-01', '7.3'],
    ['another currency keeps its own', 'EUR', '2026-12-31', '7.8'],
    ['a currency without rates', 'GBP', '2026-03-20', null],
    ['the base currency is always 1', 'CNY', '2026-03-20', '1'],
    ['no currency is the base currency', '', '2026-03-20', '1'],
    ['lower case is the same currency', 'usd', '2026-03-20', '7.2'],
  ])('%s', async (_name, currency, date, expected) => {
    const { s } = await newCompany();
    await table(s);
    expect(await rateOn(s, currency, date)).toBe(expected);
  });

  it('ignores deleted rates, gives the row behind a rate, and refuses nonsense', async () => {
    const { s } = await newCompany();
    await table(s);
    const mid = (await s.db.t<BaseRecord>('exchange_rates').where('rateKey').equals('USD 2026-03-15').first())!;
    await deleteDoc(s, 'ExchangeRate', mid.id);
    expect(await rateOn(s, 'USD', '2026-03-20')).toBe('7.1');
    expect(await rateEntryOn(s, 'USD', '2026-03-20')).toMatchObject({ rate: '7.1', rateDate: '2026-03-01', source: 'PBOC central parity' });
    expect(await code(rateOn(s, 'XYZ', '2026-03-20'))).toBe('error.currency_unknown');
    expect(await code(rateOn(s, 'USD', '20.3.2026'))).toBe('error.date_invalid');
  });
});

describe('documents without a rate take the table\'s rate of their date', () => {
  it('a USD sales invoice: the rate of its posting date, base amounts and GL at that rate', async () => {
    const { s } = await newCompany();
    await table(s);
    const A = await accounts(s, '1122');
    const customer = (await createDoc(s, 'Customer', { customerName: 'Pacific', currency: 'USD' })).id;
    // 20 March: 7.20 (not 7.10 of 1 March, not 7.30 of April)
    const inv = await createDoc(s, 'SalesInvoice', { customer, postingDate: '2026-03-20', currency: 'USD', items: [{ description: 'Tea', qty: '3', rate: '333.33' }] });
    expect(inv).toMatchObject({ exchangeRate: '7.2', grandTotal: cents('999.99'), baseGrandTotal: cents('7199.93') });
    const done = await submitDoc(s, 'SalesInvoice', inv.id);
    expect(done.exchangeRate).toBe('7.2');
    const gl = await glOf(s, inv.id);
    expect(gl.every((r) => r.exchangeRate === '7.2')).toBe(true);
    expect(gl.find((r) => r.account === A['1122'])).toMatchObject({ debit: cents('7199.93'), credit: 0 });
    expect(gl.reduce((t, r) => t + r.debit - r.credit, 0)).toBe(0);
    expect(await accountBalance(s, A['1122'])).toBe(cents('7199.93'));
  });

  it('a blank rate sent by a form ("" -> "0") is no rate; a rate typed always wins', async () => {
    const { s } = await newCompany();
    await table(s);
    const supplier = (await createDoc(s, 'Supplier', { supplierName: 'Oakland', currency: 'USD' })).id;
    const blank = await createDoc(s, 'PurchaseInvoice', { supplier, postingDate: '2026-04-02', currency: 'USD', exchangeRate: '', items: [{ description: 'Tins', qty: '1', rate: '100.00' }] });
    expect(blank).toMatchObject({ exchangeRate: '7.3', baseGrandTotal: cents('730.00') });
    const typed = await createAndSubmit(s, 'PurchaseInvoice', { supplier, postingDate: '2026-04-02', currency: 'USD', exchangeRate: '7.25', items: [{ description: 'Tins', qty: '1', rate: '100.00' }] });
    expect(typed).toMatchObject({ exchangeRate: '7.25', baseGrandTotal: cents('725.00') });
    expect((await glOf(s, typed.id)).every((r) => r.exchangeRate === '7.25')).toBe(true);
    // a draft saved with the table's rate keeps it (now the document's own) when saved again
    const again = await updateDoc(s, 'PurchaseInvoice', blank.id, { ...blank, postingDate: '2026-03-20' });
    expect(again.exchangeRate).toBe('7.3');
    // a base-currency invoice stays at 1
    expect((await createDoc(s, 'PurchaseInvoice', { supplier, postingDate: '2026-04-02', currency: 'CNY', items: [{ description: 'Tins', qty: '1', rate: '100.00' }] })).exchangeRate).toBe('1');
  });

  it('a USD payment: the rate of the payment date; settling an invoice of another rate books the difference', async () => {
    const { s } = await newCompany();
    await table(s);
    const A = await accounts(s, '1002', '1122', '560302');
    const customer = (await createDoc(s, 'Customer', { customerName: 'Pacific', currency: 'USD' })).id;
    const inv = await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-03-10', currency: 'USD', items: [{ description: 'Tea', qty: '1', rate: '1000.00' }] });
    expect(inv.exchangeRate).toBe('7.1');
    const pay = await createAndSubmit(s, 'Payment', { paymentType: 'receive', customer, postingDate: '2026-04-10', currency: 'USD', amount: '1000.00', account: A['1002'], allocations: [{ referenceType: 'SalesInvoice', referenceId: inv.id, amount: '1000.00' }] });
    expect(pay).toMatchObject({ exchangeRate: '7.3', baseAmount: cents('7300.00') });
    const gl = await glOf(s, pay.id);
    expect(gl.map((r) => [r.account, r.debit, r.credit]).sort()).toEqual([[A['1002'], cents('7300.00'), 0], [A['1122'], 0, cents('7100.00')], [A['560302'], 0, cents('200.00')]].sort());
    expect(await accountBalance(s, A['1122'])).toBe(0);
  });

  it('a USD purchase order: the rate of its order date (today when none); a receipt of it keeps the ORDER\'s rate, not the table\'s', async () => {
    const { s } = await newCompany();
    await table(s);
    const w = await warehouses(s);
    const sup = await createDoc(s, 'Supplier', { supplierName: 'Ohio Fasteners', currency: 'USD' });
    const it = await stockItem(s);
    // the supplier's currency and no rate: the table's rate of 10 March
    const po = await submitted(s, 'PurchaseOrder', { supplier: sup.id, transactionDate: '2026-03-10', warehouse: w.store, items: [{ item: it.id, qty: '10', rate: '3.33' }] });
    expect(po).toMatchObject({ currency: 'USD', exchangeRate: '7.1', netTotal: 3330, baseNetTotal: cents('236.43') });
    // received on 2 April (table: 7.30) -> still the order's 7.10
    const g = await makeReceiptFromOrder(s, po.id, { postingDate: '2026-04-02' });
    expect(g).toMatchObject({ currency: 'USD', exchangeRate: '7.1' });
    const grn = await submitDoc(s, 'PurchaseReceipt', g.id);
    expect(grn).toMatchObject({ exchangeRate: '7.1', baseNetTotal: cents('236.43') });
    const stockGl = (await glOf(s, grn.id)).reduce((t, r) => t + r.debit, 0);
    expect(stockGl).toBe(cents('236.43'));
    // a receipt typed by hand without an order takes the table's rate of its own date
    const hand = await createDoc(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-04-02', warehouse: w.store, items: [{ item: it.id, qty: '1', rate: '3.00' }] });
    expect(hand).toMatchObject({ currency: 'USD', exchangeRate: '7.3' });
  });

  it('an order typed with a rate keeps it; an invoice of a sales order keeps the order\'s rate', async () => {
    const { s } = await newCompany();
    await table(s);
    const w = await warehouses(s);
    const cust = await createDoc(s, 'Customer', { customerName: 'Lyon Bistro', currency: 'EUR' });
    const it = await stockItem(s);
    const so = await submitted(s, 'SalesOrder', { customer: cust.id, transactionDate: '2026-03-10', exchangeRate: '7.75', warehouse: w.store, items: [{ item: it.id, qty: '2', rate: '10.00' }] });
    expect(so).toMatchObject({ currency: 'EUR', exchangeRate: '7.75' });
    const inv = await makeSalesInvoiceFrom(s, 'SalesOrder', so.id, { postingDate: '2026-04-02' });
    expect(inv).toMatchObject({ currency: 'EUR', exchangeRate: '7.75' });
    // the same made by hand through a form (rate left blank: '0'): still the order's rate
    const byHand = await createDoc(s, 'SalesInvoice', { customer: cust.id, postingDate: '2026-04-02', salesOrder: so.id, exchangeRate: '', items: [{ item: it.id, qty: '1', orderLine: 0 }] });
    expect(byHand).toMatchObject({ currency: 'EUR', exchangeRate: '7.75' });
  });

  it('a line priced from the item\'s base price uses the table\'s rate: CNY 9.00 / 7.80 = EUR 1.15', async () => {
    const { s } = await newCompany();
    await table(s);
    const cust = await createDoc(s, 'Customer', { customerName: 'Lyon Bistro', currency: 'EUR' });
    const it = await stockItem(s, { salePrice: '9.00' });
    const inv = await createDoc(s, 'SalesInvoice', { customer: cust.id, postingDate: '2026-03-20', currency: 'EUR', items: [{ item: it.id, qty: '1' }] });
    expect(inv.exchangeRate).toBe('7.8');
    expect((inv.items as { rate: number }[])[0].rate).toBe(115);
  });

  it('a credit note keeps its original\'s rate whatever the table says', async () => {
    const { s } = await newCompany();
    await table(s);
    const customer = (await createDoc(s, 'Customer', { customerName: 'Pacific', currency: 'USD' })).id;
    const inv = await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-03-10', currency: 'USD', items: [{ description: 'Tea', qty: '1', rate: '100.00' }] });
    const cn = await createDoc(s, 'SalesInvoice', { customer, postingDate: '2026-04-10', currency: 'USD', isReturn: true, returnAgainst: inv.id, items: [{ description: 'Tea', qty: '1', rate: '100.00' }] });
    expect([inv.exchangeRate, cn.exchangeRate]).toEqual(['7.1', '7.1']);
  });

  it('a supplier quotation without a rate takes the table\'s rate of its date', async () => {
    const { s } = await newCompany();
    await table(s);
    const sup = await createDoc(s, 'Supplier', { supplierName: 'Ohio Fasteners', currency: 'USD' });
    const it = await stockItem(s);
    const q = await createDoc(s, 'SupplierQuotation', { supplier: sup.id, transactionDate: '2026-03-20', currency: 'USD', items: [{ item: it.id, qty: '10', rate: '3.00' }] });
    expect(q.exchangeRate).toBe('7.2');
  });
});

describe('no rate in the table: as before', () => {
  it('an order draft waits for its rate and cannot be submitted; an invoice or payment without a rate is refused; nothing is written', async () => {
    const { s } = await newCompany();
    await rate(s, 'USD', '2026-04-01', '7.30'); // only from April on
    const A = await accounts(s, '1002');
    const sup = await createDoc(s, 'Supplier', { supplierName: 'Ohio Fasteners', currency: 'USD' });
    const customer = (await createDoc(s, 'Customer', { customerName: 'Pacific', currency: 'USD' })).id;
    const it = await stockItem(s);
    const draft = await createDoc(s, 'PurchaseOrder', { supplier: sup.id, transactionDate: '2026-03-10', items: [{ item: it.id, qty: '10', rate: '3.33' }] });
    expect(draft).toMatchObject({ currency: 'USD', exchangeRate: '', baseNetTotal: 0 });
    expect(await code(submitDoc(s, 'PurchaseOrder', draft.id))).toBe('error.exchange_rate_required');
    expect((await s.db.t<BaseRecord>('purchase_orders').get(draft.id))!.status).toBe('draft');
    const before = await ledgerCounts(s);
    expect(await code(createDoc(s, 'SalesInvoice', { customer, postingDate: '2026-03-10', currency: 'USD', items: [{ description: 'Tea', qty: '1', rate: '100.00' }] }))).toBe('error.exchange_rate_required');
    expect(await code(createDoc(s, 'Payment', { paymentType: 'receive', customer, postingDate: '2026-03-10', currency: 'GBP', amount: '10.00', account: A['1002'] }))).toBe('error.exchange_rate_required');
    expect(await ledgerCounts(s)).toEqual(before);
    // once the rate of the day is in the table, saving the draft again fills it
    await rate(s, 'USD', '2026-03-10', '7.12');
    const again = await updateDoc(s, 'PurchaseOrder', draft.id, { ...draft });
    expect(again).toMatchObject({ exchangeRate: '7.12', baseNetTotal: cents('237.10') });
    expect((await submitDoc(s, 'PurchaseOrder', draft.id)).status).toBe('submitted');
  });
});

describe('period-end revaluation with the table', () => {
  it('closing rates left out or blank come from the table at the revaluation date; the voucher shows them', async () => {
    const { s } = await newCompany();
    await table(s);
    const A = await accounts(s, '1122', '560302');
    const customer = (await createDoc(s, 'Customer', { customerName: 'Pacific', currency: 'USD' })).id;
    const eurCustomer = (await createDoc(s, 'Customer', { customerName: 'Lyon', currency: 'EUR' })).id;
    await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-03-10', currency: 'USD', items: [{ description: 'Tea', qty: '1', rate: '1000.00' }] }); // at 7.10
    await createAndSubmit(s, 'SalesInvoice', { customer: eurCustomer, postingDate: '2026-03-10', currency: 'EUR', exchangeRate: '7.70', items: [{ description: 'Tea', qty: '1', rate: '100.00' }] });
    await rate(s, 'GBP', '2026-03-01', '9.10'); // no open GBP document: not on the voucher
    // 31 March: USD 7.20 (+100.00), EUR 7.80 (+10.00)
    const r = await revalue(s, { date: '2026-03-31' });
    expect(r.totalGain).toBe(cents('110.00'));
    expect((r.rates as { currency: string; exchangeRate: string }[]).map((x) => [x.currency, x.exchangeRate])).toEqual([['EUR', '7.8'], ['USD', '7.2']]);
    expect(await accountBalance(s, A['560302'])).toBe(-cents('110.00'));
    // April: a given USD rate wins, a blank EUR row takes the table's
    await rate(s, 'EUR', '2026-04-30', '7.90');
    const r2 = await revalue(s, { date: '2026-04-30', rates: { USD: '7.25', EUR: '' } });
    expect((r2.rates as { currency: string; exchangeRate: string }[]).map((x) => [x.currency, x.exchangeRate])).toEqual([['USD', '7.25'], ['EUR', '7.9']]);
    expect(r2.totalGain).toBe(cents('60.00')); // USD 7,200.00 -> 7,250.00, EUR 780.00 -> 790.00
    expect(await accountBalance(s, A['1122'])).toBe(cents('7250.00') + cents('790.00'));
  });

  it('a blank rate with nothing in the table is refused', async () => {
    const { s } = await newCompany();
    const customer = (await createDoc(s, 'Customer', { customerName: 'Pacific', currency: 'USD' })).id;
    await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-03-10', currency: 'USD', exchangeRate: '7.1', items: [{ description: 'Tea', qty: '1', rate: '1000.00' }] });
    expect(await code(revalue(s, { date: '2026-03-31', rates: { USD: '' } }))).toBe('error.exchange_rate_required');
    expect(await code(revalue(s, { date: '2026-03-31' }))).toBe('error.revaluation_nothing');
  });
});

describe('ownership, rights, import', () => {
  it('is head-office data: replicated as HQ\'s, read-only at a branch of a head office', async () => {
    const { s } = await newCompany();
    expect(tablePolicy('exchange_rates')).toMatchObject({ kind: 'hq', op: 'put' });
    s.settings.hqManaged = true;
    await s.db.t('meta').put({ key: 'company', value: s.settings });
    expect(await code(rate(s, 'USD', '2026-03-01', '7.1'))).toBe('error.hq_managed');
    expect(await s.db.t('exchange_rates').count()).toBe(0);
  });

  it('books editors edit; whoever may create an invoice or payment reads; others do not', () => {
    const role = (b: string) => ({ id: b, ...BUILTIN_ROLES.find((r) => r.builtin === b)! }) as Role;
    const invoiceClerk: Role = { id: 'c', name: 'Invoice clerk', moduleRights: {}, docRights: { SalesInvoice: ['read', 'create'] } };
    const denied: Role = { id: 'd', name: 'No rates', moduleRights: { books: ['read', 'create'] }, docRights: { ExchangeRate: [] } };
    expect([can([role('accountant')], 'ExchangeRate', 'create'), can([role('accountant')], 'ExchangeRate', 'edit')]).toEqual([true, true]);
    expect([can([role('readonly')], 'ExchangeRate', 'read'), can([role('readonly')], 'ExchangeRate', 'edit')]).toEqual([true, false]);
    expect([can([invoiceClerk], 'ExchangeRate', 'read'), can([invoiceClerk], 'ExchangeRate', 'create')]).toEqual([true, false]);
    expect(can([role('sales')], 'ExchangeRate', 'read')).toBe(false);
    expect(can([role('warehouse')], 'ExchangeRate', 'read')).toBe(false);
    // a role's own entry for the type decides for that role
    expect(can([denied], 'ExchangeRate', 'read')).toBe(false);
  });

  it('imports a CSV of rates in one go (headers in either language); a duplicate row refuses the whole file', async () => {
    const { s } = await newCompany();
    const { rows } = csvToInputs(ExchangeRate, 'Currency,Rate date,Rate (base per 1 unit),Source / note\nUSD,2026-03-01,7.10,PBOC\nUSD,2026-03-15,7.20,PBOC\n');
    const ok = await importDocs(s, 'ExchangeRate', rows);
    expect(ok).toMatchObject({ ok: true, imported: 2 });
    expect(await rateOn(s, 'USD', '2026-03-20')).toBe('7.2');
    const zh = csvToInputs(ExchangeRate, '币种,汇率日期,汇率（1 单位外币折合本位币）\nEUR,2026-03-01,7.8\nEUR,2026-03-01,7.9\n', 'zh-CN');
    const bad = await importDocs(s, 'ExchangeRate', zh.rows);
    expect(bad.ok).toBe(false);
    expect(bad.issues[0]).toMatchObject({ code: 'error.exchange_rate_duplicate', row: 1 });
    expect(await rateOn(s, 'EUR', '2026-03-20')).toBe(null);
  });
});
