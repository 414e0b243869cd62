/**
 * Purchasing and selling flows: purchase order -> partial receipts (tolerance) -> return;
 * three-way match; sales order reservation -> partial delivery (COGS) -> return; reorder
 * suggestions and purchase orders made from them in one transaction; low-stock notifications.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { warehouses, stockItem, submitted, receiveStock, code } from '../fixtures/stock';
import { createDoc, submitDoc, cancelDoc, updateDoc, updateSettings, type Session } from '../../shared/api';
import {
  verifyStock, stockBalance, stockBalanceReport, orderProgress, reservation, makeReceiptFromOrder, makeDeliveryFromOrder, createSalesOrder, threeWayMatch,
  makePurchaseInvoiceFromReceipt, reorderSuggestions, createPurchaseOrdersFromSuggestions, stockAccount, suggestQty,
} from '../../shared/stock';
import { accountBalance } from '../../shared/books';

async function supplier(s: Session) {
  return createDoc(s, 'Supplier', { supplierName: 'Ningbo Packaging' });
}
async function customer(s: Session) {
  return createDoc(s, 'Customer', { customerName: 'Hengda Trading' });
}

describe('purchasing', () => {
  it('order -> two partial receipts within tolerance -> return; ordered qty, GRNI and stock follow', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const sup = await supplier(s);
    const it = await stockItem(s, { uoms: [{ uom: 'box', factor: '10' }] });
    const po = await submitted(s, 'PurchaseOrder', { supplier: sup.id, items: [{ item: it.id, qty: '5', uom: 'box', rate: '48.00' }] });
    expect(po.warehouse).toBe(w.store);
    expect(po.transactionDate).toBe(s.localDate());
    expect(po.netTotal).toBe(24000);
    expect(await reservation(s, it.id, w.store)).toEqual({ reservedQty: '0', orderedQty: '50' });
    const g1 = await createDoc(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-01', purchaseOrder: po.id, items: [{ item: it.id, qty: '3', orderLine: 0 }] });
    expect((g1.items as { uom: string; rate: number; stockQty: string }[])[0]).toMatchObject({ uom: 'box', rate: 4800, stockQty: '30' });
    await submitDoc(s, 'PurchaseReceipt', g1.id);
    expect(await reservation(s, it.id, w.store)).toEqual({ reservedQty: '0', orderedQty: '20' });
    // over-receipt refused at 0 % tolerance, accepted within 10 %
    const over = await makeReceiptFromOrder(s, po.id, { postingDate: '2026-03-02' });
    expect((over.items as { qty: string }[])[0].qty).toBe('2');
    await updateDoc(s, 'PurchaseReceipt', over.id, { ...over, items: [{ ...(over.items as object[])[0], qty: '2.5' }] });
    expect(await code(submitDoc(s, 'PurchaseReceipt', over.id))).toBe('error.over_receipt');
    await updateSettings(s, { stock: { ...(s.settings.stock as object), overReceiptPercent: '10' } });
    await submitDoc(s, 'PurchaseReceipt', over.id);
    expect((await orderProgress(s, po.id))[0]).toMatchObject({ qty: '50', done: '55' });
    expect(await reservation(s, it.id, w.store)).toEqual({ reservedQty: '0', orderedQty: '0' });
    expect(await stockBalance(s, it.id, w.store)).toEqual({ qty: '55', value: 26400, valuationRate: '480' });
    const grni = stockAccount(s.settings, 'grni');
    expect(await accountBalance(s, grni)).toBe(-26400);
    // return 5 pcs of the first receipt
    const ret = await submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-03', isReturn: true, returnAgainst: g1.id, items: [{ item: it.id, qty: '5', uom: 'pcs', orderLine: 0 }] });
    expect(ret.number).toMatch(/GRN/);
    expect(await accountBalance(s, grni)).toBe(-26400 + 2400);
    expect(await code(submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-03', isReturn: true, returnAgainst: g1.id, items: [{ item: it.id, qty: '26', uom: 'pcs', orderLine: 0 }] }))).toBe('error.over_return');
    expect(await code(cancelDoc(s, 'PurchaseReceipt', g1.id))).toBe('error.receipt_has_returns');
    expect(await code(cancelDoc(s, 'PurchaseOrder', po.id))).toBe('error.order_has_receipts');
    // bill through GRNI: the bill clears GRNI and the stock account keeps the ledger value
    const bill = await makePurchaseInvoiceFromReceipt(s, over.id, { billNo: 'B-1' });
    await submitDoc(s, 'PurchaseInvoice', bill.id);
    expect(await accountBalance(s, grni)).toBe(-26400 + 2400 + 12000);
    expect(await accountBalance(s, stockAccount(s.settings, 'inventory'))).toBe(26400 - 2400);
    expect(await verifyStock(s)).toEqual([]);
  });

  it('three-way match flags ordered vs received vs billed', async () => {
    const { s } = await newCompany();
    const sup = await supplier(s);
    const it = await stockItem(s);
    const po = await submitted(s, 'PurchaseOrder', { supplier: sup.id, items: [{ item: it.id, qty: '10', rate: '5.00' }] });
    const bill = await createDoc(s, 'PurchaseInvoice', { supplier: sup.id, postingDate: '2026-03-01', items: [{ item: it.id, qty: '10', rate: '5.00', expenseAccount: stockAccount(s.settings, 'grni') }] });
    await submitDoc(s, 'PurchaseInvoice', bill.id);
    const g = await makeReceiptFromOrder(s, po.id, { postingDate: '2026-03-01' });
    await updateDoc(s, 'PurchaseReceipt', g.id, { ...g, purchaseInvoice: bill.id, items: [{ ...(g.items as object[])[0], qty: '6' }] });
    await submitDoc(s, 'PurchaseReceipt', g.id);
    const m = await threeWayMatch(s, po.id);
    expect(m[0]).toMatchObject({ ordered: '10', received: '6', billed: '6', receivedOk: false, billedOk: true, priceOk: true });
  });
});

describe('selling', () => {
  it('sales order reserves; partial delivery posts COGS and releases; return comes back at cost', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const cus = await customer(s);
    const it = await stockItem(s);
    await receiveStock(s, it.id, w.store, '10', '5.00');
    await receiveStock(s, it.id, w.store, '10', '6.00');
    // CRM-style input: customer + lines is enough
    const so = await createSalesOrder(s, { customer: cus.id, lines: [{ item: it.id, qty: '8' }] });
    expect(so.netTotal).toBe(7200);
    await submitDoc(s, 'SalesOrder', so.id);
    expect(await reservation(s, it.id, w.store)).toEqual({ reservedQty: '8', orderedQty: '0' });
    // the stock balance report shows it whichever way it is asked (warehouse, item, everything)
    for (const opts of [{ warehouse: w.store }, { item: it.id }, {}, { warehouse: w.store, item: it.id }]) {
      const row = (await stockBalanceReport(s, opts)).rows.find((r) => r.item === it.id && r.warehouse === w.store);
      expect(row, JSON.stringify(opts)).toMatchObject({ qty: '20', reserved: '8', ordered: '0', projected: '12' });
    }
    const dn = await makeDeliveryFromOrder(s, so.id, { postingDate: '2026-03-05' });
    await updateDoc(s, 'DeliveryNote', dn.id, { ...dn, items: [{ ...(dn.items as object[])[0], qty: '5' }] });
    const d = await submitDoc(s, 'DeliveryNote', dn.id);
    expect(d.totalCost).toBe(2750);
    expect(await reservation(s, it.id, w.store)).toEqual({ reservedQty: '3', orderedQty: '0' });
    const cogs = stockAccount(s.settings, 'costOfGoodsSold');
    expect(await accountBalance(s, cogs)).toBe(2750);
    expect(await code(submitted(s, 'DeliveryNote', { customer: cus.id, postingDate: '2026-03-05', salesOrder: so.id, items: [{ item: it.id, qty: '4', orderLine: 0 }] }))).toBe('error.over_delivery');
    expect(await code(cancelDoc(s, 'SalesOrder', so.id))).toBe('error.order_has_deliveries');
    const ret = await submitted(s, 'DeliveryNote', { customer: cus.id, postingDate: '2026-03-06', isReturn: true, returnAgainst: d.id, items: [{ item: it.id, qty: '2', orderLine: 0 }] });
    expect(ret.totalCost).toBe(1100);
    expect(await accountBalance(s, cogs)).toBe(1650);
    expect(await accountBalance(s, stockAccount(s.settings, 'inventory'))).toBe(11000 - 1650);
    // cancelling the delivery is refused while a return exists; cancel the return first
    expect(await code(cancelDoc(s, 'DeliveryNote', d.id))).toBe('error.delivery_has_returns');
    await cancelDoc(s, 'DeliveryNote', ret.id);
    await cancelDoc(s, 'DeliveryNote', d.id);
    expect(await reservation(s, it.id, w.store)).toEqual({ reservedQty: '8', orderedQty: '0' });
    await cancelDoc(s, 'SalesOrder', so.id);
    expect(await reservation(s, it.id, w.store)).toEqual({ reservedQty: '0', orderedQty: '0' });
    expect(await stockBalance(s, it.id, w.store)).toEqual({ qty: '20', value: 11000, valuationRate: '550' });
    expect(await accountBalance(s, cogs)).toBe(0);
    expect(await verifyStock(s)).toEqual([]);
  });

  it('refuses delivering more than stock, naming the item and what is available', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const cus = await customer(s);
    const it = await stockItem(s);
    await receiveStock(s, it.id, w.store, '2', '5.00');
    const dn = await createDoc(s, 'DeliveryNote', { customer: cus.id, postingDate: '2026-03-05', items: [{ item: it.id, qty: '3' }] });
    const gl = await s.db.t('gl_entries').count();
    const err = await submitDoc(s, 'DeliveryNote', dn.id).catch((e) => e);
    expect(err.code).toBe('error.insufficient_stock');
    expect(err.params.available).toBe('2');
    expect(await s.db.t('gl_entries').count()).toBe(gl);
  });
});

describe('reorder', () => {
  it('suggests from projected qty and makes one draft PO per default supplier in one transaction', async () => {
    expect(suggestQty('5', '10', '20')?.toString()).toBe('20');
    expect(suggestQty('-30', '10', '20')?.toString()).toBe('40');
    expect(suggestQty('11', '10', '20')).toBeNull();
    const { s } = await newCompany();
    const w = await warehouses(s);
    const sa = await supplier(s);
    const sb = await createDoc(s, 'Supplier', { supplierName: 'Suzhou Parts' });
    const cus = await customer(s);
    const a = await stockItem(s, { defaultSupplier: sa.id, reorderLevels: [{ warehouse: w.store, level: '10', qty: '50' }] });
    const b = await stockItem(s, { defaultSupplier: sb.id, reorderLevels: [{ warehouse: w.store, level: '5', qty: '10' }] });
    const c = await stockItem(s, { defaultSupplier: sa.id, reorderLevels: [{ warehouse: w.store, level: '5', qty: '10' }] });
    await receiveStock(s, a.id, w.store, '12', '1.00');
    await receiveStock(s, c.id, w.store, '30', '1.00');
    // an issue crossing the level writes a low-stock notification in the same transaction
    await submitted(s, 'DeliveryNote', { customer: cus.id, postingDate: '2026-03-05', items: [{ item: a.id, qty: '4' }] });
    const notes = await s.db.t('notifications').toArray();
    expect(notes.map((n) => [n.kind, n.messageKey, (n.params as { qty: string }).qty, n.read])).toEqual([['low_stock', 'notice.low_stock', '8', false]]);
    await submitted(s, 'SalesOrder', { customer: cus.id, items: [{ item: c.id, qty: '28' }] });
    const sug = await reorderSuggestions(s);
    expect(sug.map((x) => [x.itemCode, x.projected, x.suggestedQty])).toEqual([[a.itemCode, '8', '50'], [b.itemCode, '0', '10'], [c.itemCode, '2', '10']]);
    const pos = await createPurchaseOrdersFromSuggestions(s, sug);
    expect(pos.map((p) => [p.supplier, (p.items as unknown[]).length, p.status]).sort()).toEqual([[sa.id, 2, 'draft'], [sb.id, 1, 'draft']].sort());
    await submitDoc(s, 'PurchaseOrder', pos.find((p) => p.supplier === sa.id)!.id);
    expect((await reorderSuggestions(s)).map((x) => x.itemCode)).toEqual([b.itemCode]);
    // a suggestion without a supplier refuses everything
    const before = await s.db.t('purchase_orders').count();
    expect(await code(createPurchaseOrdersFromSuggestions(s, [...sug, { ...sug[0], supplier: '' }]))).toBe('error.no_default_supplier');
    expect(await s.db.t('purchase_orders').count()).toBe(before);
  });
});
