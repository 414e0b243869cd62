/**
 * Quality inspections: readings outside their range flag the inspection; an item that needs
 * inspection cannot be received without one; the rejected quantity lands in the rejected
 * warehouse (value in proportion) and the accepted quantity in the target warehouse; the
 * submitted inspection is an immutable record (who, when, readings).
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { warehouses, stockItem, submitted, code } from '../fixtures/stock';
import { createDoc, submitDoc, cancelDoc, updateDoc, deleteDoc, getDoc, type Session } from '../../shared/api';
import { makeReceiptFromOrder, stockBalance, verifyStock, orderProgress, readingOutOfRange, stockAccount } from '../../shared/stock';
import { accountBalance } from '../../shared/books';

async function setup(s: Session) {
  const w = await warehouses(s);
  const sup = await createDoc(s, 'Supplier', { supplierName: 'Hangzhou Tea Co' });
  const it = await stockItem(s, { inspectionRequired: true, purchasePrice: '10.00' });
  const tpl = await createDoc(s, 'InspectionTemplate', {
    templateName: 'Tea leaves',
    item: it.id,
    parameters: [
      { parameter: 'Moisture', kind: 'numeric', minValue: '3', maxValue: '7', unit: '%' },
      { parameter: 'Packaging intact', kind: 'accept_reject' },
    ],
  });
  const po = await submitted(s, 'PurchaseOrder', { supplier: sup.id, items: [{ item: it.id, qty: '100' }] });
  return { w, sup, it, tpl, po };
}

describe('readings', () => {
  it.each([
    [{ kind: 'numeric', minValue: '3', maxValue: '7', reading: '5' }, false],
    [{ kind: 'numeric', minValue: '3', maxValue: '7', reading: '7' }, false],
    [{ kind: 'numeric', minValue: '3', maxValue: '7', reading: '7.01' }, true],
    [{ kind: 'numeric', minValue: '3', maxValue: '', reading: '2.9' }, true],
    [{ kind: 'numeric', minValue: '', maxValue: '', reading: '1000' }, false],
    [{ kind: 'numeric', minValue: '3', maxValue: '7', reading: '' }, false],
    [{ kind: 'accept_reject', passed: true }, false],
    [{ kind: 'accept_reject', passed: false }, true],
  ])('%o out of range: %s', (r, out) => expect(readingOutOfRange(r)).toBe(out));
});

describe('quality inspection of a purchase receipt', () => {
  it('flags readings out of range, splits accepted / rejected stock, and stays immutable', async () => {
    const { s } = await newCompany();
    const { w, it, tpl, po } = await setup(s);
    const grn = await makeReceiptFromOrder(s, po.id, { postingDate: '2026-03-02' });
    await updateDoc(s, 'PurchaseReceipt', grn.id, { ...grn, items: [{ ...(grn.items as object[])[0], qty: '60' }] });
    // an item that needs inspection cannot be received without one
    expect(await code(submitDoc(s, 'PurchaseReceipt', grn.id))).toBe('error.inspection_required');

    const qi = await createDoc(s, 'QualityInspection', { inspectionType: 'incoming', purchaseReceipt: grn.id, item: it.id, template: tpl.id });
    expect(qi.inspectedQty).toBe('60');
    expect((qi.readings as unknown[]).length).toBe(2);
    expect(qi.acceptedQty).toBe('60');
    expect(qi.result).toBe('accepted');
    // a reading is required before submitting
    expect(await code(submitDoc(s, 'QualityInspection', qi.id))).toBe('error.reading_required');
    const readings = (qi.readings as Record<string, unknown>[]).map((r) => (r.kind === 'numeric' ? { ...r, reading: '8.5' } : { ...r, passed: true }));
    // accepted + rejected must equal the inspected quantity
    expect(await code(updateDoc(s, 'QualityInspection', qi.id, { ...qi, readings, acceptedQty: '50', rejectedQty: '5' }))).toBe('error.inspection_qty_mismatch');
    const upd = await updateDoc(s, 'QualityInspection', qi.id, { ...qi, readings, acceptedQty: '', rejectedQty: '15', remarks: 'Moisture high in 3 of 12 bags' });
    expect(upd.flagged).toBe(true);
    expect((upd.readings as { outOfRange: boolean }[]).map((r) => r.outOfRange)).toEqual([true, false]);
    expect(upd).toMatchObject({ acceptedQty: '45', rejectedQty: '15', result: 'partly_accepted' });
    const done = await submitDoc(s, 'QualityInspection', qi.id);
    expect(done.inspector).toBe('admin');
    expect(done.inspectorId).toBe(s.user.id);
    expect(done.inspectedAt).toBeTruthy();

    // the record is immutable: no edit, no delete, no second inspection of the same item
    expect(await code(updateDoc(s, 'QualityInspection', qi.id, { ...done, remarks: 'changed' }))).toBe('error.not_draft');
    expect(await code(deleteDoc(s, 'QualityInspection', qi.id))).toBe('error.not_draft');
    expect(await code(submitted(s, 'QualityInspection', { purchaseReceipt: grn.id, item: it.id, rejectedQty: '0' }))).toBe('error.inspection_exists');

    // the receipt: 45 to the store, 15 to the rejected warehouse, value in proportion
    const posted = await submitDoc(s, 'PurchaseReceipt', grn.id);
    expect((posted.items as Record<string, unknown>[])[0]).toMatchObject({ rejectedQty: '15', qualityInspection: qi.id });
    expect(posted.rejectedWarehouse).toBe(w.rejected);
    expect(await stockBalance(s, it.id, w.store)).toMatchObject({ qty: '45', value: 45000 });
    expect(await stockBalance(s, it.id, w.rejected)).toMatchObject({ qty: '15', value: 15000 });
    // received on the order counts accepted + rejected; stock ledger = stock account
    expect((await orderProgress(s, po.id))[0]).toMatchObject({ qty: '100', done: '60' });
    expect(await accountBalance(s, stockAccount(s.settings, 'inventory'))).toBe(60000);
    expect(await verifyStock(s)).toEqual([]);

    // once the receipt is posted on it, the inspection cannot be cancelled either
    expect(await code(cancelDoc(s, 'QualityInspection', qi.id))).toBe('error.inspection_in_use');
    // ... and an inspection cannot be added to a posted receipt of an item that needs one
    const audit = await s.db.t<{ docId: string; action: string; userName: string }>('audit').where('[docType+docId]').equals(['QualityInspection', qi.id]).toArray();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'submit']);
    expect((await getDoc(s, 'QualityInspection', qi.id)).status).toBe('submitted');
  });

  it('an inspection must match the receipt quantity; receipts of items without inspection are unchanged', async () => {
    const { s } = await newCompany();
    const { w, sup, it, po } = await setup(s);
    const grn = await makeReceiptFromOrder(s, po.id, { postingDate: '2026-03-02' });
    const qi = await submitted(s, 'QualityInspection', { purchaseReceipt: grn.id, item: it.id, readings: [{ parameter: 'Visual', kind: 'accept_reject', passed: true }] });
    expect(qi.flagged).toBe(false);
    // the receipt changed after the inspection: refused
    await updateDoc(s, 'PurchaseReceipt', grn.id, { ...grn, items: [{ ...(grn.items as object[])[0], qty: '90' }] });
    expect(await code(submitDoc(s, 'PurchaseReceipt', grn.id))).toBe('error.inspection_qty_mismatch');
    // an item that does not need inspection is received as before
    const plain = await stockItem(s);
    await submitted(s, 'PurchaseReceipt', { supplier: sup.id, postingDate: '2026-03-02', items: [{ item: plain.id, qty: '4' }] });
    expect((await stockBalance(s, plain.id, w.store)).qty).toBe('4');
    // an inspection needs its receipt and an item on it
    expect(await code(createDoc(s, 'QualityInspection', { item: it.id }))).toBe('error.inspection_reference_required');
    expect(await code(createDoc(s, 'QualityInspection', { purchaseReceipt: grn.id, item: plain.id }))).toBe('error.inspection_item_missing');
  });
});
