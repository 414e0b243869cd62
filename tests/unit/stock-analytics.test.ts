/**
 * Purchase and sales analytics: the pure aggregation (months of the range, returns netted,
 * documents counted), and the service over real documents — invoices converted to base currency
 * line by line as the GL posts them, credit notes netted, drafts and cancelled documents left
 * out; delivery notes / purchase receipts in stock units.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { warehouses, stockItem, submitted, receiveStock, code } from '../fixtures/stock';
import { createDoc, cancelDoc, createUser, login, type Session } from '../../shared/api';
import { aggregateTrade, monthsBetween, tradeAnalytics, type TradeLine } from '../../shared/stock';
import { accountBalance, findAccount } from '../../shared/books';

const line = (docId: string, date: string, party: string, item: string, qty: string, amount: number, isReturn = false): TradeLine => ({ docId, date, party, item, qty, amount, isReturn });

describe('aggregation (pure)', () => {
  it('lists every month of the range, nets returns, counts documents, sums quantities per item only', () => {
    expect(monthsBetween('2025-11-03', '2026-02-10')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03-01', '2026-03-31')).toEqual(['2026-03']);
    const months = monthsBetween('2026-01-01', '2026-03-31');
    const lines = [
      line('i1', '2026-01-05', 'c1', 'x', '2', 20000),
      line('i1', '2026-01-05', 'c1', 'y', '1', 4500),
      line('i2', '2026-03-02', 'c2', 'x', '3', 30000),
      line('r1', '2026-03-09', 'c1', 'x', '-1', -10000, true),
      line('o1', '2026-04-01', 'c1', 'x', '9', 99900), // outside the range
    ];
    const byMonth = aggregateTrade(lines, 'month', months);
    expect(byMonth.rows.map((r) => [r.key, r.gross, r.returns, r.amount, r.docs, r.qty])).toEqual([
      ['2026-01', 24500, 0, 24500, 1, ''],
      ['2026-02', 0, 0, 0, 0, ''],
      ['2026-03', 30000, -10000, 20000, 2, ''],
    ]);
    expect(byMonth.total).toMatchObject({ amount: 44500, gross: 54500, returns: -10000, docs: 3, months: [24500, 0, 20000], qty: '' });
    const byItem = aggregateTrade(lines, 'item', months);
    expect(byItem.rows.map((r) => [r.key, r.qty, r.amount, r.months])).toEqual([
      ['x', '4', 40000, [20000, 0, 20000]],
      ['y', '1', 4500, [4500, 0, 0]],
    ]);
    const byParty = aggregateTrade(lines, 'party', months);
    expect(byParty.rows.map((r) => [r.key, r.amount, r.docs])).toEqual([
      ['c2', 30000, 1],
      ['c1', 14500, 2],
    ]);
    expect(aggregateTrade([], 'item', months)).toMatchObject({ rows: [], total: { amount: 0, docs: 0 } });
  });
});

async function sales(s: Session) {
  const c1 = await createDoc(s, 'Customer', { customerName: 'Hengda Trading' });
  const c2 = await createDoc(s, 'Customer', { customerName: 'Pacific Imports', currency: 'USD' });
  const x = await stockItem(s, { itemName: 'Green tea' });
  const y = await stockItem(s, { itemName: 'Black tea' });
  return { c1, c2, x, y };
}

describe('sales and purchase analytics (service)', () => {
  it('from invoices: base currency as posted, credit notes netted, drafts and cancelled invoices left out', async () => {
    const { s } = await newCompany();
    const { c1, c2, x, y } = await sales(s);
    const jan = await submitted(s, 'SalesInvoice', { customer: c1.id, postingDate: '2026-01-10', items: [{ item: x.id, qty: '2', rate: '100.00' }, { item: y.id, qty: '1', rate: '50.00', discountPercent: '10' }] });
    await submitted(s, 'SalesInvoice', { customer: c2.id, postingDate: '2026-02-03', currency: 'USD', exchangeRate: '7.1234', items: [{ item: x.id, qty: '3', rate: '3.33' }, { description: 'Freight', qty: '1', rate: '0.35' }] });
    await submitted(s, 'SalesInvoice', { customer: c1.id, postingDate: '2026-03-04', isReturn: true, returnAgainst: jan.id, items: [{ item: x.id, qty: '1', rate: '100.00' }] });
    const gone = await submitted(s, 'SalesInvoice', { customer: c1.id, postingDate: '2026-03-05', items: [{ item: x.id, qty: '5', rate: '100.00' }] });
    await cancelDoc(s, 'SalesInvoice', gone.id, 'wrong customer');
    await createDoc(s, 'SalesInvoice', { customer: c1.id, postingDate: '2026-03-06', items: [{ item: x.id, qty: '7', rate: '100.00' }] }); // draft
    await submitted(s, 'SalesInvoice', { customer: c1.id, postingDate: '2026-04-01', items: [{ item: x.id, qty: '1', rate: '100.00' }] }); // after the range

    const q = { side: 'sales' as const, from: '2026-01-01', to: '2026-03-31' };
    const m = await tradeAnalytics(s, { ...q, groupBy: 'month' });
    expect(m.source).toBe('invoice');
    expect(m.currency).toBe('CNY');
    // Feb: 9.99 USD x 7.1234 = 71.162766 -> 71.16 ; 0.35 x 7.1234 = 2.49319 -> 2.49 (each line as the GL converts it)
    expect(m.rows.map((r) => [r.key, r.gross, r.returns, r.amount, r.docs])).toEqual([
      ['2026-01', 24500, 0, 24500, 1],
      ['2026-02', 7365, 0, 7365, 1],
      ['2026-03', 0, -10000, -10000, 1],
    ]);
    expect(m.total.amount).toBe(21865);
    // the same figure the income accounts show for those invoices (net of the credit note), to the cent
    const income = await findAccount(s, '5001');
    expect(-(await accountBalance(s, income.id)) - 10000).toBe(21865); // April's invoice is the 100.00 outside the range

    const items = await tradeAnalytics(s, { ...q, groupBy: 'item' });
    expect(items.rows.map((r) => [r.code, r.label, r.qty, r.amount, r.months])).toEqual([
      [x.itemCode, 'Green tea', '4', 20000 + 7116 - 10000, [20000, 7116, -10000]],
      [y.itemCode, 'Black tea', '1', 4500, [4500, 0, 0]],
      ['', '', '1', 249, [0, 249, 0]],
    ]);
    const parties = await tradeAnalytics(s, { ...q, groupBy: 'party' });
    expect(parties.rows.map((r) => [r.label, r.code, r.amount, r.docs])).toEqual([
      ['Hengda Trading', c1.number, 14500, 2],
      ['Pacific Imports', c2.number, 7365, 1],
    ]);
  });

  it('from delivery notes and purchase receipts: stock units at line prices, returns netted, cancelled left out', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const { c1, x } = await sales(s);
    const sup = await createDoc(s, 'Supplier', { supplierName: 'Hangzhou Tea Garden' });
    await receiveStock(s, x.id, w.store, '100', '1.00', '2026-01-02');
    const box = await stockItem(s, { itemName: 'Tea box', uoms: [{ uom: 'box', factor: '12' }] });
    const grn = await submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-01-05', items: [{ item: box.id, qty: '2', uom: 'box', rate: '60.00' }] });
    await submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-02-05', isReturn: true, returnAgainst: grn.id, items: [{ item: box.id, qty: '6', uom: 'pcs', rate: '5.00', orderLine: 0 }] });
    const dn = await submitted(s, 'DeliveryNote', { customer: c1.id, postingDate: '2026-01-20', items: [{ item: x.id, qty: '10', rate: '9.00' }] });
    await submitted(s, 'DeliveryNote', { customer: c1.id, postingDate: '2026-02-20', isReturn: true, returnAgainst: dn.id, items: [{ item: x.id, qty: '2', rate: '9.00', orderLine: 0 }] });
    const gone = await submitted(s, 'DeliveryNote', { customer: c1.id, postingDate: '2026-02-21', items: [{ item: x.id, qty: '5', rate: '9.00' }] });
    await cancelDoc(s, 'DeliveryNote', gone.id);

    const q = { from: '2026-01-01', to: '2026-02-28', source: 'stock' as const, groupBy: 'item' as const };
    const sold = await tradeAnalytics(s, { ...q, side: 'sales' });
    expect(sold.rows.map((r) => [r.code, r.qty, r.gross, r.returns, r.amount, r.docs])).toEqual([[x.itemCode, '8', 9000, -1800, 7200, 2]]);
    const bought = await tradeAnalytics(s, { ...q, side: 'purchase' });
    expect(bought.rows.map((r) => [r.code, r.qty, r.gross, r.returns, r.amount, r.months])).toEqual([[box.itemCode, '18', 12000, -3000, 9000, [12000, -3000]]]);
  });

  it('checks its input and the right to read the source documents', async () => {
    const { env, s } = await newCompany();
    expect(await code(tradeAnalytics(s, { side: 'sales', groupBy: 'item', from: '2026-03-01', to: '2026-02-01' }))).toBe('error.analytics_range');
    expect(await code(tradeAnalytics(s, { side: 'sales', groupBy: 'item', from: '2026-02-30', to: '2026-03-01' }))).toBe('error.date_invalid');
    expect(await code(tradeAnalytics(s, { side: 'sales', groupBy: 'week' as never, from: '2026-01-01', to: '2026-03-01' }))).toBe('error.option_invalid');
    await createUser(s, { username: 'buyer', password: 'buyer-pass-1', roleIds: ['role-purchasing'] }, 1000);
    const buyer = await login(env, s.company.id, 'buyer', 'buyer-pass-1');
    expect(await code(tradeAnalytics(buyer, { side: 'purchase', groupBy: 'item', from: '2026-01-01', to: '2026-03-01' }))).toBe('error.forbidden');
    expect((await tradeAnalytics(buyer, { side: 'purchase', source: 'stock', groupBy: 'item', from: '2026-01-01', to: '2026-03-01' })).rows).toEqual([]);
  });
});
