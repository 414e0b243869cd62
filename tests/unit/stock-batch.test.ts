/**
 * Batches and serial numbers: receipts bring batches with their expiry; FEFO suggests the
 * earliest expiry first (expired batches left out) and "deliver from order" follows it; a batch
 * cannot give more than it holds; a serial comes in once and goes out once, only after it came
 * in; cancelling puts everything back.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { warehouses, stockItem, submitted, code } from '../fixtures/stock';
import { createDoc, submitDoc, cancelDoc, type Session } from '../../shared/api';
import { fefoBatches, batchBalances, serialState, makeDeliveryFromOrder, verifyStock, stockBalance, parseSerials } from '../../shared/stock';

async function parties(s: Session) {
  return { sup: await createDoc(s, 'Supplier', { supplierName: 'Dairy Co' }), cus: await createDoc(s, 'Customer', { customerName: 'Corner Shop' }) };
}

describe('batches', () => {
  it('receipts bring batches with expiry; FEFO picks earliest expiry first and skips expired ones', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const { sup, cus } = await parties(s);
    const milk = await stockItem(s, { hasBatch: true });
    expect(await code(submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-01', items: [{ item: milk.id, qty: '5' }] }))).toBe('error.batch_required');
    await submitted(s, 'PurchaseReceipt', {
      supplier: sup.id, postingDate: '2026-03-01', items: [
        { item: milk.id, qty: '10', batch: 'B-LATE', expiryDate: '2026-06-30' },
        { item: milk.id, qty: '4', batch: 'B-SOON', expiryDate: '2026-04-10' },
        { item: milk.id, qty: '3', batch: 'B-OLD', expiryDate: '2026-03-05' },
      ],
    });
    expect((await batchBalances(s, milk.id)).map((b) => [b.batch, b.qty, b.expiryDate]).sort()).toEqual([['B-LATE', '10', '2026-06-30'], ['B-OLD', '3', '2026-03-05'], ['B-SOON', '4', '2026-04-10']]);
    const fefo = await fefoBatches(s, milk.id, w.store, '6', { asOf: '2026-03-20' });
    expect(fefo.picks.map((p) => [p.batch, p.take])).toEqual([['B-SOON', '4'], ['B-LATE', '2']]);
    expect(fefo.short).toBe('0');
    expect((await fefoBatches(s, milk.id, w.store, '20', { asOf: '2026-03-01' })).short).toBe('3');

    // deliver from a sales order: lines split by FEFO
    const so = await submitted(s, 'SalesOrder', { customer: cus.id, items: [{ item: milk.id, qty: '6' }] });
    const dn = await makeDeliveryFromOrder(s, so.id, { postingDate: '2026-03-20' });
    expect((dn.items as { batch: string; qty: string }[]).map((l) => [l.batch, l.qty])).toEqual([['B-SOON', '4'], ['B-LATE', '2']]);
    await submitDoc(s, 'DeliveryNote', dn.id);
    expect((await batchBalances(s, milk.id)).map((b) => [b.batch, b.qty]).sort()).toEqual([['B-LATE', '8'], ['B-OLD', '3']]);
    // a batch cannot give more than it holds
    expect(await code(submitted(s, 'DeliveryNote', { customer: cus.id, postingDate: '2026-03-21', items: [{ item: milk.id, qty: '4', batch: 'B-OLD' }] }))).toBe('error.batch_insufficient');
    // cancelling the delivery puts the batches back
    await cancelDoc(s, 'DeliveryNote', dn.id);
    expect((await batchBalances(s, milk.id)).map((b) => [b.batch, b.qty]).sort()).toEqual([['B-LATE', '10'], ['B-OLD', '3'], ['B-SOON', '4']]);
    expect((await stockBalance(s, milk.id, w.store)).qty).toBe('17');
    expect(await verifyStock(s)).toEqual([]);
  });
});

describe('serial numbers', () => {
  it('a serial is received once, delivered once, never before it was received', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const { sup, cus } = await parties(s);
    const phone = await stockItem(s, { hasSerial: true });
    expect(parseSerials('SN1, SN2\nSN3;')).toEqual(['SN1', 'SN2', 'SN3']);
    expect(await code(submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-01', items: [{ item: phone.id, qty: '3', serials: 'SN1, SN2' }] }))).toBe('error.serial_count');
    expect(await code(submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-01', items: [{ item: phone.id, qty: '2', serials: 'SN1, SN1' }] }))).toBe('error.serial_duplicate');
    const grn = await submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-01', items: [{ item: phone.id, qty: '3', serials: 'SN1, SN2, SN3' }] });
    expect(await serialState(s, phone.id, 'SN2')).toMatchObject({ warehouse: w.store, inStock: true });
    // the same serial cannot come in twice
    expect(await code(submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-02', items: [{ item: phone.id, qty: '1', serials: 'SN3' }] }))).toBe('error.serial_in_stock');
    // never received: refused
    expect(await code(submitted(s, 'DeliveryNote', { customer: cus.id, postingDate: '2026-03-03', items: [{ item: phone.id, qty: '1', serials: 'SN9' }] }))).toBe('error.serial_not_available');
    const dn = await submitted(s, 'DeliveryNote', { customer: cus.id, postingDate: '2026-03-03', items: [{ item: phone.id, qty: '2', serials: 'SN1 SN2' }] });
    expect(await serialState(s, phone.id, 'SN1')).toMatchObject({ inStock: false });
    // delivered already: refused
    expect(await code(submitted(s, 'DeliveryNote', { customer: cus.id, postingDate: '2026-03-04', items: [{ item: phone.id, qty: '1', serials: 'SN1' }] }))).toBe('error.serial_not_available');
    // the receipt cannot be cancelled while its serials are out; cancelling the delivery brings them back
    expect(await code(cancelDoc(s, 'PurchaseReceipt', grn.id))).not.toBe('no error');
    await cancelDoc(s, 'DeliveryNote', dn.id);
    expect(await serialState(s, phone.id, 'SN1')).toMatchObject({ inStock: true, warehouse: w.store });
    await cancelDoc(s, 'PurchaseReceipt', grn.id);
    expect(await serialState(s, phone.id, 'SN3')).toMatchObject({ inStock: false });
    expect(await verifyStock(s)).toEqual([]);
  });
});
