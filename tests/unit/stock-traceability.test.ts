/**
 * Serial / batch traceability: typing a serial number shows every movement of it (receipt,
 * transfer, delivery, cancellations) and where it is now — in a warehouse, in transit, or
 * delivered to which customer; typing a batch number shows its expiry, the quantity per warehouse
 * and its movements; one number shared by two items gives one trace per item.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { warehouses, stockItem, submitted, code } from '../fixtures/stock';
import { createDoc, cancelDoc, type Session, type BaseRecord } from '../../shared/api';
import { traceNumber } from '../../shared/stock';

async function parties(s: Session) {
  return { sup: await createDoc(s, 'Supplier', { supplierName: 'Phone Factory' }), cus: await createDoc(s, 'Customer', { customerName: 'Corner Shop' }) };
}

async function whName(s: Session, id: string): Promise<string> {
  return String((await s.db.t<BaseRecord>('warehouses').get(id))!.warehouseName);
}

describe('serial trace', () => {
  it('shows every movement of a serial and that it was delivered to the customer; a cancelled delivery brings it back in stock', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const { sup, cus } = await parties(s);
    const phone = await stockItem(s, { hasSerial: true });
    const grn = await submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-01', items: [{ item: phone.id, qty: '2', rate: '100', serials: 'SN1 SN2' }] });
    const move = await submitted(s, 'StockEntry', { purpose: 'material_transfer', postingDate: '2026-03-02', fromWarehouse: w.store, toWarehouse: w.backroom, items: [{ item: phone.id, qty: '1', serials: 'SN1' }] });
    const dn = await submitted(s, 'DeliveryNote', { customer: cus.id, postingDate: '2026-03-03', warehouse: w.backroom, items: [{ item: phone.id, qty: '1', rate: '150', serials: 'SN1' }] });

    const t = await traceNumber(s, '  SN1 ');
    expect(t.query).toBe('SN1');
    expect(t.batches).toEqual([]);
    expect(t.serials).toHaveLength(1);
    const sn = t.serials[0];
    expect(sn).toMatchObject({ item: phone.id, itemCode: phone.itemCode, serial: 'SN1', status: 'delivered', lastVoucher: { type: 'DeliveryNote', id: dn.id, number: dn.number }, party: { docType: 'Customer', id: cus.id, name: 'Corner Shop' } });
    expect(sn.movements.map((m) => [m.postingDate, m.voucherType, m.voucherNumber, m.warehouseName, m.qty, m.direction])).toEqual([
      ['2026-03-01', 'PurchaseReceipt', grn.number, await whName(s, w.store), '1', 'in'],
      ['2026-03-02', 'StockEntry', move.number, await whName(s, w.store), '-1', 'out'],
      ['2026-03-02', 'StockEntry', move.number, await whName(s, w.backroom), '1', 'in'],
      ['2026-03-03', 'DeliveryNote', dn.number, await whName(s, w.backroom), '-1', 'out'],
    ]);
    expect(sn.movements.every((m) => m.voucherId)).toBe(true);

    const other = (await traceNumber(s, 'SN2')).serials[0];
    expect(other).toMatchObject({ status: 'in_stock', warehouse: w.store, warehouseName: await whName(s, w.store) });
    expect(other.movements).toHaveLength(1);

    await cancelDoc(s, 'DeliveryNote', dn.id);
    const back = (await traceNumber(s, 'SN1')).serials[0];
    expect(back).toMatchObject({ status: 'in_stock', warehouse: w.backroom });
    expect(back.party).toBeUndefined();
    expect(back.movements.at(-1)).toMatchObject({ voucherNumber: dn.number, isReversal: true, direction: 'in', qty: '1' });
  });

  it('tells in transit and issued apart, and returns nothing for a number never seen', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const phone = await stockItem(s, { hasSerial: true });
    await submitted(s, 'StockEntry', { purpose: 'material_receipt', postingDate: '2026-03-01', toWarehouse: w.store, items: [{ item: phone.id, qty: '2', rate: '100', serials: 'T1 T2' }] });
    await submitted(s, 'StockEntry', { purpose: 'transit_send', postingDate: '2026-03-02', fromWarehouse: w.store, toWarehouse: w.in_transit, items: [{ item: phone.id, qty: '1', serials: 'T1' }] });
    const issue = await submitted(s, 'StockEntry', { purpose: 'material_issue', postingDate: '2026-03-02', fromWarehouse: w.store, items: [{ item: phone.id, qty: '1', serials: 'T2' }] });
    expect((await traceNumber(s, 'T1')).serials[0]).toMatchObject({ status: 'in_transit', warehouse: w.in_transit });
    expect((await traceNumber(s, 'T2')).serials[0]).toMatchObject({ status: 'issued', warehouse: w.store, lastVoucher: { number: issue.number } });
    expect(await traceNumber(s, 'NOPE')).toEqual({ query: 'NOPE', serials: [], batches: [] });
    expect(await code(traceNumber(s, '   '))).toBe('error.trace_query_required');
  });
});

describe('batch trace', () => {
  it('shows the expiry, the quantity per warehouse and every movement; one trace per item sharing the number', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const { sup, cus } = await parties(s);
    const milk = await stockItem(s, { hasBatch: true });
    const juice = await stockItem(s, { hasBatch: true });
    const grn = await submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-01', items: [{ item: milk.id, qty: '10', rate: '2', batch: 'L1', expiryDate: '2026-06-30' }] });
    await submitted(s, 'StockEntry', { purpose: 'material_transfer', postingDate: '2026-03-02', fromWarehouse: w.store, toWarehouse: w.backroom, items: [{ item: milk.id, qty: '4', batch: 'L1' }] });
    const dn = await submitted(s, 'DeliveryNote', { customer: cus.id, postingDate: '2026-03-03', items: [{ item: milk.id, qty: '2', rate: '3', batch: 'L1' }] });
    await submitted(s, 'StockEntry', { purpose: 'material_receipt', postingDate: '2026-03-04', toWarehouse: w.store, items: [{ item: juice.id, qty: '5', rate: '1', batch: 'L1' }] });

    const t = await traceNumber(s, 'L1');
    expect(t.serials).toEqual([]);
    expect(t.batches.map((b) => b.item).sort()).toEqual([milk.id, juice.id].sort());
    const m = t.batches.find((b) => b.item === milk.id)!;
    expect(m).toMatchObject({ batch: 'L1', expiryDate: '2026-06-30', qty: '8' });
    expect(m.warehouses.map((x) => [x.warehouseName, x.qty, x.expiryDate]).sort()).toEqual([[await whName(s, w.backroom), '4', '2026-06-30'], [await whName(s, w.store), '4', '2026-06-30']]);
    expect(m.movements.map((x) => [x.voucherNumber === grn.number ? 'GRN' : x.voucherNumber === dn.number ? 'DN' : 'STE', x.qty, x.direction])).toEqual([['GRN', '10', 'in'], ['STE', '-4', 'out'], ['STE', '4', 'in'], ['DN', '-2', 'out']]);
    const j = t.batches.find((b) => b.item === juice.id)!;
    expect([j.qty, j.expiryDate, j.movements.length]).toEqual(['5', '', 1]);
    // limited history is flagged
    const short = await traceNumber(s, 'L1', { limit: 2 });
    expect(short.batches.every((b) => b.truncated)).toBe(true);
  });
});
