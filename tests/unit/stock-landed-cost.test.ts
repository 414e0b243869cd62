/**
 * Landed costs: charges (freight by quantity, duty by amount) spread exactly over two purchase
 * receipts' stock rows; the stock share raises the moving-average pool or the receipt's FIFO
 * layer; goods already issued take their share to cost of goods sold; the stock ledger value
 * equals the stock account after every step; cancel reverses; bad input writes nothing.
 * Values are minor units (fen): 5.00 = 500.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { warehouses, stockItem, submitted, issueStock, code } from '../fixtures/stock';
import { createDoc, submitDoc, cancelDoc, type BaseRecord, type Session } from '../../shared/api';
import { verifyStock, stockBalance, stockAccount, allocateCharges, splitShare, landedCostsOfReceipt, makeLandedCostFromReceipt, SLE_TABLE, type StockBalance } from '../../shared/stock';
import { accountBalance, verifyBalances } from '../../shared/books';

async function account(s: Session, num: string): Promise<string> {
  return ((await s.db.t<BaseRecord>('accounts').where('number').equals(num).first()) as BaseRecord).id;
}

/** Freight payable (2241 其他应付款) and a customs duty payable account under 2221. */
async function chargeAccounts(s: Session): Promise<{ freight: string; duty: string }> {
  const duty = await createDoc(s, 'Account', { accountNumber: '222197', accountName: 'Customs duty payable', accountNameZh: '应交关税', parentAccount: await account(s, '2221'), rootType: 'liability' });
  return { freight: await account(s, '2241'), duty: duty.id };
}

/** The stock account equals the sum of every balance's value (the ledger's value). */
async function agrees(s: Session): Promise<number> {
  expect(await verifyStock(s)).toEqual([]);
  expect(await verifyBalances(s)).toEqual([]);
  const total = (await s.db.t<StockBalance>('stock_balances').toArray()).reduce((a, b) => a + b.value, 0);
  expect(await accountBalance(s, stockAccount(s.settings, 'inventory'))).toBe(total);
  return total;
}

async function counts(s: Session): Promise<number[]> {
  return [await s.db.t(SLE_TABLE).count(), await s.db.t('gl_entries').count(), await s.db.t('landed_costs').count(), await s.db.outbox.count()];
}

describe('allocation (pure)', () => {
  it('largest remainder: every charge is split exactly, by quantity or by amount', () => {
    const rows = [{ qty: '10', amount: 5000 }, { qty: '5', amount: 10000 }, { qty: '20', amount: 11000 }];
    expect(allocateCharges([{ amount: 10000, distributeBy: 'by_qty' }, { amount: 3333, distributeBy: 'by_amount' }], rows)).toEqual([[2857, 1429, 5714], [641, 1282, 1410]]);
    // rows all worth 0: by amount falls back to quantity
    expect(allocateCharges([{ amount: 100, distributeBy: 'by_amount' }], [{ qty: '1', amount: 0 }, { qty: '3', amount: 0 }])).toEqual([[25, 75]]);
    expect(splitShare(1000, '10', '6')).toEqual({ toStock: 600, toExpense: 400 });
    expect(splitShare(1001, '3', '1')).toEqual({ toStock: 334, toExpense: 667 });
    expect(splitShare(500, '10', '0')).toEqual({ toStock: 0, toExpense: 500 });
  });
});

describe('landed cost voucher', () => {
  it('two receipts, freight by qty and duty by amount: exact allocation raising moving average and FIFO', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const acc = await chargeAccounts(s);
    const sup = await createDoc(s, 'Supplier', { supplierName: 'Ningbo Packaging' });
    const a = await stockItem(s); // moving average
    const b = await stockItem(s, { valuationMethod: 'fifo' });
    const r1 = await submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-01', items: [{ item: a.id, qty: '10', rate: '5.00' }, { item: b.id, qty: '5', rate: '20.00' }] });
    const r2 = await submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-02', items: [{ item: a.id, qty: '20', rate: '5.50' }] });
    expect(await agrees(s)).toBe(26000);
    const lc = await submitted(s, 'LandedCost', {
      postingDate: '2026-03-05',
      receipts: [{ receipt: r1.id }, { receipt: r2.id }],
      charges: [
        { description: 'Sea freight', amount: '100.00', account: acc.freight, distributeBy: 'by_qty' },
        { description: 'Import duty', amount: '33.33', account: acc.duty, distributeBy: 'by_amount' },
      ],
    });
    const al = lc.allocations as { item: string; qty: string; allocated: number; qtyInStock: string; toStock: number; toExpense: number }[];
    expect(al.map((x) => [x.item, x.qty, x.allocated, x.qtyInStock, x.toStock, x.toExpense])).toEqual([
      [a.id, '10', 2857 + 641, '10', 3498, 0],
      [b.id, '5', 1429 + 1282, '5', 2711, 0],
      [a.id, '20', 5714 + 1410, '20', 7124, 0],
    ]);
    expect([lc.totalCharges, lc.totalToStock, lc.totalToExpense]).toEqual([13333, 13333, 0]);
    expect(await stockBalance(s, a.id, w.store)).toEqual({ qty: '30', value: 16000 + 3498 + 7124, valuationRate: '887.4' });
    const fifo = (await s.db.t<StockBalance>('stock_balances').get(`${b.id}|${w.store}`))!;
    expect(fifo.queue.map((l) => [l.qty, l.value, l.voucherId])).toEqual([['5', 12711, r1.id]]);
    // value-only rows: qty 0, linked to their receipt
    const rows = await s.db.t(SLE_TABLE).where('voucherId').equals(lc.id).toArray();
    expect(rows.map((r) => [r.qty, r.value, r.againstVoucher])).toEqual([['0', 3498, r1.id], ['0', 2711, r1.id], ['0', 7124, r2.id]]);
    // Dr stock 133.33 / Cr freight 100.00, Cr duty 33.33
    expect(await agrees(s)).toBe(26000 + 13333);
    expect(await accountBalance(s, acc.freight)).toBe(-10000);
    expect(await accountBalance(s, acc.duty)).toBe(-3333);
    // the receipts list their landed cost; the FIFO item issues at the raised layer
    expect((await landedCostsOfReceipt(s, r1.id)).map((x) => [x.number, x.status, x.totalCharges])).toEqual([[lc.number, 'submitted', 13333]]);
    const out = await issueStock(s, b.id, w.store, '5', '2026-03-06');
    expect(out.totalAmount).toBe(12711);
    await agrees(s);
  });

  it('a partly consumed receipt: the issued share goes to cost of goods sold (moving average and FIFO)', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const acc = await chargeAccounts(s);
    const sup = await createDoc(s, 'Supplier', { supplierName: 'Ningbo Packaging' });
    const m = await stockItem(s);
    const f = await stockItem(s, { valuationMethod: 'fifo' });
    await submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-02-20', items: [{ item: f.id, qty: '5', rate: '8.00' }] });
    const r1 = await submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-01', items: [{ item: m.id, qty: '10', rate: '10.00' }, { item: f.id, qty: '10', rate: '10.00' }] });
    await issueStock(s, m.id, w.store, '4', '2026-03-03'); // 6 of the 10 left
    await issueStock(s, f.id, w.store, '8', '2026-03-03'); // the older 5 @ 8.00, then 3 of this receipt: 7 left of its layer
    const before = await agrees(s);
    const cogs = stockAccount(s.settings, 'costOfGoodsSold');
    const lc = await submitted(s, 'LandedCost', { postingDate: '2026-03-05', receipts: [{ receipt: r1.id }], charges: [{ description: 'Freight', amount: '20.00', account: acc.freight, distributeBy: 'by_qty' }] });
    const al = lc.allocations as { qtyInStock: string; toStock: number; toExpense: number }[];
    expect(al.map((x) => [x.qtyInStock, x.toStock, x.toExpense])).toEqual([['6', 600, 400], ['7', 700, 300]]);
    expect([lc.totalToStock, lc.totalToExpense, lc.expenseAccount]).toEqual([1300, 700, cogs]);
    expect(await stockBalance(s, m.id, w.store)).toEqual({ qty: '6', value: 6600, valuationRate: '1100' });
    expect(await stockBalance(s, f.id, w.store)).toEqual({ qty: '7', value: 7700, valuationRate: '1100' });
    expect(await agrees(s)).toBe(before + 1300);
    expect(await accountBalance(s, cogs)).toBe(700);
    expect(await accountBalance(s, acc.freight)).toBe(-2000);
    // the item has left the warehouse since: the landed cost can no longer be cancelled
    await issueStock(s, m.id, w.store, '1', '2026-03-06');
    const n = await counts(s);
    expect(await code(cancelDoc(s, 'LandedCost', lc.id))).toBe('error.landed_cost_consumed');
    expect(await counts(s)).toEqual(n);
  });

  it('cancel appends reversing rows; a receipt with a submitted landed cost cannot be cancelled until it is', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const acc = await chargeAccounts(s);
    const sup = await createDoc(s, 'Supplier', { supplierName: 'Ningbo Packaging' });
    const it = await stockItem(s, { valuationMethod: 'fifo' });
    const r = await submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-01', items: [{ item: it.id, qty: '4', rate: '2.50' }] });
    // "Add landed cost" on the receipt form: a draft prefilled with the receipt, charges to enter
    const draft = await makeLandedCostFromReceipt(s, r.id);
    expect((draft.receipts as { receipt: string }[]).map((x) => x.receipt)).toEqual([r.id]);
    expect(await code(submitDoc(s, 'LandedCost', draft.id))).toBe('error.landed_cost_no_charges');
    const lc = await submitted(s, 'LandedCost', { postingDate: '2026-03-02', receipts: [{ receipt: r.id }], charges: [{ description: 'Courier', amount: '1.00', account: acc.freight, distributeBy: 'by_amount' }] });
    expect(await stockBalance(s, it.id, w.store)).toEqual({ qty: '4', value: 1100, valuationRate: '275' });
    expect(await code(cancelDoc(s, 'PurchaseReceipt', r.id))).toBe('error.receipt_has_landed_costs');
    await cancelDoc(s, 'LandedCost', lc.id);
    const rows = await s.db.t(SLE_TABLE).where('voucherId').equals(lc.id).toArray();
    expect(rows.map((x) => [x.qty, x.value, x.isReversal])).toEqual([['0', 100, false], ['0', -100, true]]);
    expect(await stockBalance(s, it.id, w.store)).toEqual({ qty: '4', value: 1000, valuationRate: '250' });
    expect(await accountBalance(s, acc.freight)).toBe(0);
    expect((await landedCostsOfReceipt(s, r.id)).map((x) => x.status)).toEqual(['cancelled']);
    await cancelDoc(s, 'PurchaseReceipt', r.id);
    expect(await agrees(s)).toBe(0);
  });

  it('refuses a cancelled receipt, a return, a charge of 0, a date before the receipt — writing nothing', async () => {
    const { s } = await newCompany();
    const acc = await chargeAccounts(s);
    const sup = await createDoc(s, 'Supplier', { supplierName: 'Ningbo Packaging' });
    const it = await stockItem(s);
    const ok = await submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-01', items: [{ item: it.id, qty: '4', rate: '2.50' }] });
    const gone = await submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-01', items: [{ item: it.id, qty: '1', rate: '2.50' }] });
    await cancelDoc(s, 'PurchaseReceipt', gone.id);
    const ret = await submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-02', isReturn: true, returnAgainst: ok.id, items: [{ item: it.id, qty: '1', rate: '2.50', orderLine: 0 }] });
    const charge = (amount: string) => [{ description: 'Freight', amount, account: acc.freight, distributeBy: 'by_qty' }];
    const before = await counts(s);
    expect(await code(createDoc(s, 'LandedCost', { postingDate: '2026-03-05', receipts: [{ receipt: gone.id }], charges: charge('1.00') }))).toBe('error.link_cancelled'); // the kernel refuses a link to a cancelled document
    expect(await code(createDoc(s, 'LandedCost', { postingDate: '2026-03-05', receipts: [{ receipt: ret.id }], charges: charge('1.00') }))).toBe('error.landed_cost_return');
    expect(await code(createDoc(s, 'LandedCost', { postingDate: '2026-03-05', receipts: [{ receipt: ok.id }], charges: charge('0') }))).toBe('error.landed_cost_zero');
    expect(await code(createDoc(s, 'LandedCost', { postingDate: '2026-02-28', receipts: [{ receipt: ok.id }], charges: charge('1.00') }))).toBe('error.landed_cost_before_receipt');
    expect(await code(createDoc(s, 'LandedCost', { postingDate: '2026-03-05', receipts: [], charges: charge('1.00') }))).toBe('error.table_empty');
    expect(await counts(s)).toEqual(before);
    // a receipt cancelled between save and submit refuses the submit
    const ok2 = await submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-01', items: [{ item: it.id, qty: '2', rate: '2.50' }] });
    const d = await createDoc(s, 'LandedCost', { postingDate: '2026-03-05', receipts: [{ receipt: ok2.id }], charges: charge('1.00') });
    await cancelDoc(s, 'PurchaseReceipt', ok2.id);
    const mid = await counts(s);
    expect(await code(submitDoc(s, 'LandedCost', d.id))).toBe('error.landed_cost_receipt_state');
    expect(await counts(s)).toEqual(mid);
    await agrees(s);
  });
});
