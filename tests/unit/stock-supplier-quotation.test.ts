/**
 * Supplier quotations: a quotation in boxes prices its lines exactly; a draft purchase order is
 * made from a submitted, still valid quotation with the quoted rates (converted to base currency
 * at the quotation's rate for a foreign one) and links back; bad input writes nothing; the
 * comparison ranks the quotations valid on a date by price per stock unit in base currency.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { stockItem, code } from '../fixtures/stock';
import { createDoc, submitDoc, cancelDoc, updateDoc, deleteDoc, type Session } from '../../shared/api';
import { makePurchaseOrderFromQuotation, purchaseOrdersOfQuotation, compareQuotations, baseRate } from '../../shared/stock';

async function supplier(s: Session, name: string) {
  return createDoc(s, 'Supplier', { supplierName: name });
}

async function quotation(s: Session, input: Record<string, unknown>) {
  const q = await createDoc(s, 'SupplierQuotation', input);
  return submitDoc(s, 'SupplierQuotation', q.id);
}

describe('supplier quotation', () => {
  it('prices lines exactly in their unit and defaults the validity; refuses bad input without writing', async () => {
    const { s } = await newCompany();
    const sup = await supplier(s, 'Ningbo Packaging');
    const it = await stockItem(s, { uoms: [{ uom: 'box', factor: '12' }] });
    const q = await createDoc(s, 'SupplierQuotation', { supplier: sup.id, transactionDate: '2026-03-01', items: [{ item: it.id, qty: '10', uom: 'box', rate: '96.35', leadTimeDays: 7 }] });
    expect(q.number).toMatch(/^SH-SQ-2026-/);
    expect(q.validTill).toBe('2026-03-31');
    expect(q.currency).toBe('CNY');
    expect(q.exchangeRate).toBe('1');
    expect((q.items as Record<string, unknown>[])[0]).toMatchObject({ stockQty: '120', rate: 9635, amount: 96350 });
    expect(q.netTotal).toBe(96350);

    const before = await s.db.t('supplier_quotations').count();
    expect(await code(createDoc(s, 'SupplierQuotation', { supplier: sup.id, transactionDate: '2026-03-10', validTill: '2026-03-09', items: [{ item: it.id, qty: '1', rate: '1.00' }] }))).toBe('error.valid_till_before_date');
    expect(await code(createDoc(s, 'SupplierQuotation', { supplier: sup.id, currency: 'USD', items: [{ item: it.id, qty: '1', rate: '1.00' }] }))).toBe('error.exchange_rate_required');
    expect(await code(createDoc(s, 'SupplierQuotation', { supplier: sup.id, items: [{ item: it.id, qty: '1', uom: 'crate', rate: '1.00' }] }))).toBe('error.uom_unknown');
    expect(await code(createDoc(s, 'SupplierQuotation', { supplier: sup.id, items: [{ item: it.id, qty: '0', rate: '1.00' }] }))).toBe('error.qty_zero');
    expect(await code(createDoc(s, 'SupplierQuotation', { supplier: sup.id, items: [{ item: it.id, qty: '1' }] }))).toBe('error.required');
    expect(await s.db.t('supplier_quotations').count()).toBe(before);
  });

  it('makes a draft purchase order from a submitted, valid quotation, linked back; cancelling the quotation waits for the order', async () => {
    const { s } = await newCompany();
    const sup = await supplier(s, 'Ningbo Packaging');
    const it = await stockItem(s, { uoms: [{ uom: 'box', factor: '12' }] });
    const it2 = await stockItem(s);
    const draft = await createDoc(s, 'SupplierQuotation', { supplier: sup.id, transactionDate: '2026-03-01', validTill: '2026-03-31', supplierReference: 'NB-77', items: [{ item: it.id, qty: '10', uom: 'box', rate: '96.00', leadTimeDays: 7 }, { item: it2.id, qty: '5', rate: '3.30', leadTimeDays: 12 }] });
    expect(await code(makePurchaseOrderFromQuotation(s, draft.id, { asOf: '2026-03-05' }))).toBe('error.quotation_not_submitted');
    const q = await submitDoc(s, 'SupplierQuotation', draft.id);
    // submitted = immutable
    expect(await code(updateDoc(s, 'SupplierQuotation', q.id, { ...q, remarks: 'changed' }))).toBe('error.not_draft');
    expect(await code(makePurchaseOrderFromQuotation(s, q.id, { asOf: '2026-04-01' }))).toBe('error.quotation_expired');
    expect(await code(makePurchaseOrderFromQuotation(s, q.id, { asOf: '2026-03-05', lines: [5] }))).toBe('error.quotation_no_lines');

    const po = await makePurchaseOrderFromQuotation(s, q.id, { asOf: '2026-03-05' });
    expect(po).toMatchObject({ status: 'draft', supplier: sup.id, supplierQuotation: q.id, transactionDate: '2026-03-05', scheduleDate: '2026-03-17', remarks: `${q.number} (NB-77)` });
    expect((po.items as Record<string, unknown>[]).map((l) => [l.item, l.qty, l.uom, l.rate, l.stockQty, l.amount])).toEqual([
      [it.id, '10', 'box', 9600, '120', 96000],
      [it2.id, '5', '', 330, '5', 1650],
    ]);
    expect(po.netTotal).toBe(97650);
    const one = await makePurchaseOrderFromQuotation(s, q.id, { asOf: '2026-03-05', lines: [1] });
    expect((one.items as unknown[]).length).toBe(1);
    expect(one.scheduleDate).toBe('2026-03-17');
    expect((await purchaseOrdersOfQuotation(s, q.id)).map((o) => o.number).sort()).toEqual([po.number, one.number].sort());

    // a quotation with live orders made from it is not cancelled (they would link to a cancelled document)
    expect(await code(cancelDoc(s, 'SupplierQuotation', q.id))).toBe('error.quotation_in_use');
    await deleteDoc(s, 'PurchaseOrder', one.id);
    await submitDoc(s, 'PurchaseOrder', po.id);
    await cancelDoc(s, 'PurchaseOrder', po.id);
    expect((await cancelDoc(s, 'SupplierQuotation', q.id)).status).toBe('cancelled');
  });

  it('a foreign-currency quotation orders at round_half_up(rate x exchange rate) in base currency', async () => {
    expect(baseRate(135, '7.1', 'USD', 'CNY')).toBe(959); // 958.5 -> 959
    expect(baseRate(135, '1', 'CNY', 'CNY')).toBe(135);
    expect(baseRate(1000, '0.05', 'JPY', 'CNY')).toBe(5000); // ¥1000 x 0.05 = 50.00 CNY
    const { s } = await newCompany();
    const sup = await supplier(s, 'Pacific Parts');
    const it = await stockItem(s);
    const q = await quotation(s, { supplier: sup.id, transactionDate: '2026-03-01', currency: 'USD', exchangeRate: '7.1', items: [{ item: it.id, qty: '3', rate: '1.35' }] });
    const po = await makePurchaseOrderFromQuotation(s, q.id, { asOf: '2026-03-02' });
    expect((po.items as Record<string, unknown>[])[0]).toMatchObject({ rate: 959, amount: 2877 });
  });
});

describe('quotation comparison', () => {
  it('ranks the quotations valid on a date by base price per stock unit; marks the cheapest and the fastest', async () => {
    const { s } = await newCompany();
    const [a, b, c, d] = [await supplier(s, 'Alpha'), await supplier(s, 'Beta'), await supplier(s, 'Gamma'), await supplier(s, 'Delta')];
    const it = await stockItem(s, { uoms: [{ uom: 'box', factor: '12' }] });
    const other = await stockItem(s);
    const qa = await quotation(s, { supplier: a.id, transactionDate: '2026-03-01', validTill: '2026-03-31', items: [{ item: it.id, qty: '10', uom: 'box', rate: '96.00', leadTimeDays: 7 }] }); // 8.00 / pcs
    const qb = await quotation(s, { supplier: b.id, transactionDate: '2026-03-02', validTill: '2026-03-31', items: [{ item: it.id, qty: '100', rate: '7.50', leadTimeDays: 14 }, { item: other.id, qty: '1', rate: '2.00', leadTimeDays: 1 }] }); // 7.50 / pcs
    const qc = await quotation(s, { supplier: c.id, transactionDate: '2026-03-03', validTill: '2026-04-30', currency: 'USD', exchangeRate: '7.1', items: [{ item: it.id, qty: '50', rate: '1.10', leadTimeDays: 3 }] }); // 7.81 / pcs
    await quotation(s, { supplier: d.id, transactionDate: '2026-02-01', validTill: '2026-02-28', items: [{ item: it.id, qty: '1', rate: '5.00' }] }); // expired
    await createDoc(s, 'SupplierQuotation', { supplier: d.id, transactionDate: '2026-03-01', validTill: '2026-03-31', items: [{ item: it.id, qty: '1', rate: '4.00' }] }); // draft
    const future = await quotation(s, { supplier: d.id, transactionDate: '2026-03-20', validTill: '2026-03-31', items: [{ item: it.id, qty: '1', rate: '4.00' }] }); // not yet on the 15th
    const cancelled = await quotation(s, { supplier: d.id, transactionDate: '2026-03-01', validTill: '2026-03-31', items: [{ item: it.id, qty: '1', rate: '3.00' }] });
    await cancelDoc(s, 'SupplierQuotation', cancelled.id);

    const cmp = await compareQuotations(s, { item: it.id, asOf: '2026-03-15' });
    expect(cmp.length).toBe(1);
    expect(cmp[0].offers.map((o) => [o.number, o.supplierName, o.baseUnitRate, o.leadTimeDays, o.cheapest, o.fastest])).toEqual([
      [qb.number, 'Beta', '750', 14, true, false],
      [qc.number, 'Gamma', '781', 3, false, true],
      [qa.number, 'Alpha', '800', 7, false, false],
    ]);
    expect(cmp[0].offers[1]).toMatchObject({ currency: 'USD', rate: 110, qty: '50' });
    // every item, and a later date: the March quotations are gone, the USD one and the late one remain
    expect((await compareQuotations(s, { asOf: '2026-03-15' })).map((x) => [x.itemCode, x.offers.length])).toEqual([[it.itemCode, 3], [other.itemCode, 1]].sort((x, y) => String(x[0]).localeCompare(String(y[0]))));
    expect((await compareQuotations(s, { item: it.id, asOf: '2026-04-10' }))[0].offers.map((o) => o.number)).toEqual([qc.number]);
    expect((await compareQuotations(s, { item: it.id, asOf: '2026-03-25' }))[0].offers.map((o) => o.number)).toEqual([future.number, qb.number, qc.number, qa.number]);
    expect(await code(compareQuotations(s, { asOf: '2026-02-30' }))).toBe('error.date_invalid');
  });
});
