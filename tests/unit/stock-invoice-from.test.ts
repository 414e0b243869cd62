/**
 * Invoicing from sales orders and delivery notes: a draft invoice of what is not invoiced yet;
 * partial invoicing; over-invoicing refused with the figures and nothing written; a cancelled
 * invoice or a credit note gives the quantity back; an invoiced order / delivery cannot be
 * cancelled; order and delivery invoicing never bill the same goods twice. And the picking list:
 * order and stock units, FEFO batches shared between lines, serial suggestions, short lines.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { warehouses, stockItem, submitted, receiveStock, code } from '../fixtures/stock';
import { createDoc, updateDoc, submitDoc, cancelDoc, getDoc, errorMessage, type BaseRecord, type Session } from '../../shared/api';
import { makeSalesInvoiceFrom, invoicingStatus, makeDeliveryFromOrder, pickingList } from '../../shared/stock';

type L = { item: string; qty: string; uom: string; rate: number; orderLine: number; deliveryLine: number; stockQty: string };
const lines = (d: BaseRecord) => d.items as L[];

async function setup(s: Session) {
  const w = await warehouses(s);
  const tea = await stockItem(s, { itemName: 'Green tea', uoms: [{ uom: 'box', factor: '12' }] });
  const cup = await stockItem(s, { itemName: 'Tea cup' });
  await receiveStock(s, tea.id, w.store, '120', '4.00');
  await receiveStock(s, cup.id, w.store, '50', '2.00');
  const cus = await createDoc(s, 'Customer', { customerName: 'Hengda Trading' });
  const so = await submitted(s, 'SalesOrder', { customer: cus.id, transactionDate: '2026-03-03', items: [{ item: tea.id, qty: '5', uom: 'box', rate: '120.00' }, { item: cup.id, qty: '10', rate: '9.00' }] });
  return { w, tea, cup, cus, so };
}

async function cut(s: Session, inv: BaseRecord, qtys: string[]): Promise<BaseRecord> {
  return updateDoc(s, 'SalesInvoice', inv.id, { ...inv, items: lines(inv).map((l, i) => ({ ...l, qty: qtys[i] })) });
}

describe('invoice from a sales order', () => {
  it('invoices partially, then only what is left; refuses over-invoicing; cancelling and crediting give quantity back', async () => {
    const { s } = await newCompany();
    const { tea, cup, so } = await setup(s);
    const d1 = await makeSalesInvoiceFrom(s, 'SalesOrder', so.id, { postingDate: '2026-03-05' });
    expect(d1.salesOrder).toBe(so.id);
    expect(d1.remarks).toBe(so.number);
    expect(lines(d1).map((l) => [l.item, l.qty, l.uom, l.rate, l.orderLine, l.stockQty])).toEqual([[tea.id, '5', 'box', 12000, 0, '60'], [cup.id, '10', '', 900, 1, '10']]);
    const inv1 = await submitDoc(s, 'SalesInvoice', (await cut(s, d1, ['2', '4'])).id);
    expect(inv1.netTotal).toBe(24000 + 3600);
    expect((await invoicingStatus(s, 'SalesOrder', so.id)).map((b) => [b.invoiceable, b.invoiced, b.left])).toEqual([['60', '24', '36'], ['10', '4', '6']]);

    // the second invoice takes only what is left
    const d2 = await makeSalesInvoiceFrom(s, 'SalesOrder', so.id, { postingDate: '2026-03-06' });
    expect(lines(d2).map((l) => [l.qty, l.uom])).toEqual([['3', 'box'], ['6', '']]);
    // pressing the button again while that draft exists: nothing more to take
    expect(await code(makeSalesInvoiceFrom(s, 'SalesOrder', so.id))).toBe('error.nothing_to_invoice');

    // over-invoicing is refused at submit, per line, and nothing is written
    const over = await cut(s, d2, ['4', '6']);
    const glBefore = await s.db.t('gl_entries').count();
    const e = await submitDoc(s, 'SalesInvoice', over.id).catch((x) => x);
    expect(e.code).toBe('error.over_invoicing');
    expect(e.issues[0]).toMatchObject({ row: 0, field: 'items.qty', params: { left: '36', invoiced: '24', invoiceable: '60', uom: 'pcs' } });
    expect(errorMessage('en', e)).toMatch(/Only 36 pcs of .*Green tea is left to invoice \(24 of 60 pcs invoiced already\)/);
    expect(errorMessage('zh-CN', e)).toMatch(/仅剩 36 pcs 可开票/);
    expect(await s.db.t('gl_entries').count()).toBe(glBefore);
    expect((await getDoc(s, 'SalesInvoice', over.id)).status).toBe('draft');

    // within what is left it goes through; then nothing is left
    const inv2 = await submitDoc(s, 'SalesInvoice', (await cut(s, over, ['3', '6'])).id);
    expect((await invoicingStatus(s, 'SalesOrder', so.id)).map((b) => b.left)).toEqual(['0', '0']);
    expect(await code(makeSalesInvoiceFrom(s, 'SalesOrder', so.id))).toBe('error.nothing_to_invoice');
    // an invoiced order cannot be cancelled
    const ce = await cancelDoc(s, 'SalesOrder', so.id).catch((x) => x);
    expect(ce.code).toBe('error.source_has_invoices');
    expect(errorMessage('en', ce)).toContain(inv1.number);

    // cancelling an invoice gives its quantities back
    await cancelDoc(s, 'SalesInvoice', inv1.id, 'wrong date');
    expect((await invoicingStatus(s, 'SalesOrder', so.id)).map((b) => b.left)).toEqual(['24', '4']);
    const d3 = await makeSalesInvoiceFrom(s, 'SalesOrder', so.id);
    expect(lines(d3).map((l) => [l.qty, l.uom])).toEqual([['2', 'box'], ['4', '']]);

    // a credit note of part of the second invoice gives that part back (its links come from the original)
    const cn = await createDoc(s, 'SalesInvoice', { customer: so.customer, postingDate: '2026-03-09', isReturn: true, returnAgainst: inv2.id, items: [{ item: cup.id, qty: '2', rate: '9.00' }] });
    expect(cn.salesOrder).toBe(so.id);
    expect(lines(cn)[0].orderLine).toBe(1);
    await submitDoc(s, 'SalesInvoice', cn.id);
    expect((await invoicingStatus(s, 'SalesOrder', so.id)).map((b) => [b.invoiced, b.inDrafts, b.left])).toEqual([['36', '24', '24'], ['4', '4', '6']]);
  });

  it('refuses a source of another customer, an unsubmitted source and a mismatched line', async () => {
    const { s } = await newCompany();
    const { tea, cup, so } = await setup(s);
    const other = await createDoc(s, 'Customer', { customerName: 'Someone Else' });
    expect(await code(createDoc(s, 'SalesInvoice', { customer: other.id, postingDate: '2026-03-05', salesOrder: so.id, items: [{ item: tea.id, qty: '1', orderLine: 0 }] }))).toBe('error.order_mismatch');
    const draftSo = await createDoc(s, 'SalesOrder', { customer: so.customer, items: [{ item: tea.id, qty: '1' }] });
    expect(await code(createDoc(s, 'SalesInvoice', { customer: so.customer, postingDate: '2026-03-05', salesOrder: draftSo.id, items: [{ item: tea.id, qty: '1', orderLine: 0 }] }))).toBe('error.source_not_submitted');
    expect(await code(makeSalesInvoiceFrom(s, 'SalesOrder', draftSo.id))).toBe('error.source_not_submitted');
    expect(await code(createDoc(s, 'SalesInvoice', { customer: so.customer, postingDate: '2026-03-05', salesOrder: so.id, items: [{ item: cup.id, qty: '1', orderLine: 0 }] }))).toBe('error.order_line_mismatch');
    // a line without a rate takes the order line's rate, converted to its unit
    const inv = await createDoc(s, 'SalesInvoice', { customer: so.customer, postingDate: '2026-03-05', salesOrder: so.id, items: [{ item: tea.id, qty: '6', orderLine: 0 }] });
    expect(lines(inv)[0]).toMatchObject({ rate: 1000, stockQty: '6' });
  });
});

describe('invoice from a delivery note', () => {
  it('invoices what was delivered less returns, and the order and its deliveries never bill the same goods twice', async () => {
    const { s } = await newCompany();
    const { tea, so } = await setup(s);
    const dn1 = await makeDeliveryFromOrder(s, so.id, { postingDate: '2026-03-04' });
    const dn1s = await submitDoc(s, 'DeliveryNote', (await updateDoc(s, 'DeliveryNote', dn1.id, { ...dn1, items: [{ ...lines(dn1)[0], qty: '3' }] })).id);
    // 1 box comes back before invoicing
    await submitted(s, 'DeliveryNote', { customer: so.customer, postingDate: '2026-03-05', isReturn: true, returnAgainst: dn1s.id, items: [{ item: tea.id, qty: '1', uom: 'box', orderLine: 0 }] });
    const d = await makeSalesInvoiceFrom(s, 'DeliveryNote', dn1s.id, { postingDate: '2026-03-06' });
    expect(d.deliveryNote).toBe(dn1s.id);
    expect(d.salesOrder).toBe(so.id);
    expect(lines(d).map((l) => [l.qty, l.uom, l.rate, l.deliveryLine, l.orderLine])).toEqual([['2', 'box', 12000, 0, 0]]);
    await submitDoc(s, 'SalesInvoice', d.id);
    expect(await code(makeSalesInvoiceFrom(s, 'DeliveryNote', dn1s.id))).toBe('error.nothing_to_invoice');
    // the order sees the delivery's invoice: 24 of 60 pcs of tea invoiced
    expect((await invoicingStatus(s, 'SalesOrder', so.id))[0]).toMatchObject({ invoiced: '24', left: '36' });
    // invoice the rest of the order directly (advance billing of what is not delivered yet)
    const rest = await makeSalesInvoiceFrom(s, 'SalesOrder', so.id, { postingDate: '2026-03-07' });
    expect(lines(rest).map((l) => [l.qty, l.uom])).toEqual([['3', 'box'], ['10', '']]);
    await submitDoc(s, 'SalesInvoice', rest.id);
    // a later delivery of the order has nothing left to invoice
    const dn2 = await submitDoc(s, 'DeliveryNote', (await makeDeliveryFromOrder(s, so.id, { postingDate: '2026-03-08' })).id);
    expect((await invoicingStatus(s, 'DeliveryNote', dn2.id)).map((b) => b.left)).toEqual(['0', '0']);
    expect(await code(makeSalesInvoiceFrom(s, 'DeliveryNote', dn2.id))).toBe('error.nothing_to_invoice');
    // an invoiced delivery cannot be cancelled; a return cannot be invoiced
    expect(await code(cancelDoc(s, 'DeliveryNote', dn1s.id))).toBe('error.source_has_invoices');
  });

  it('a return delivery is not invoiceable', async () => {
    const { s } = await newCompany();
    const { tea, so } = await setup(s);
    const dn = await submitDoc(s, 'DeliveryNote', (await makeDeliveryFromOrder(s, so.id, { postingDate: '2026-03-04' })).id);
    const ret = await submitted(s, 'DeliveryNote', { customer: so.customer, postingDate: '2026-03-05', isReturn: true, returnAgainst: dn.id, items: [{ item: tea.id, qty: '1', uom: 'box', orderLine: 0 }] });
    expect(await code(makeSalesInvoiceFrom(s, 'DeliveryNote', ret.id))).toBe('error.invoice_source_return');
  });
});

describe('picking list', () => {
  it('lists quantities in the order and stock units, batches first-expired-first-out (shared across lines), serials in stock, and what is short', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const sup = await createDoc(s, 'Supplier', { supplierName: 'Dairy Co' });
    const cus = await createDoc(s, 'Customer', { customerName: 'Corner Shop' });
    const milk = await stockItem(s, { itemName: 'Milk', itemNameZh: '牛奶', hasBatch: true, uoms: [{ uom: 'crate', factor: '6' }] });
    const phone = await stockItem(s, { itemName: 'Phone', hasSerial: true });
    await submitted(s, 'PurchaseReceipt', {
      supplier: sup.id, postingDate: '2026-03-01', items: [
        { item: milk.id, qty: '10', batch: 'B-LATE', expiryDate: '2026-06-30' },
        { item: milk.id, qty: '4', batch: 'B-SOON', expiryDate: '2026-04-10' },
        { item: milk.id, qty: '3', batch: 'B-OLD', expiryDate: '2026-03-05' },
        { item: phone.id, qty: '3', serials: 'SN3, SN1, SN2' },
      ],
    });
    const so = await submitted(s, 'SalesOrder', { customer: cus.id, transactionDate: '2026-03-20', items: [{ item: milk.id, qty: '2', uom: 'crate' }, { item: milk.id, qty: '3' }, { item: phone.id, qty: '2' }] });
    const pl = await pickingList(s, 'SalesOrder', so.id, { asOf: '2026-03-20' });
    expect(pl.number).toBe(so.number);
    expect(pl.customerName).toBe('Corner Shop');
    expect(pl.lines.map((l) => [l.row, l.qty, l.uom, l.stockQty, l.stockUom, l.batch, l.expiryDate, l.batchSuggested, l.short])).toEqual([
      [1, '0.666666666667', 'crate', '4', 'pcs', 'B-SOON', '2026-04-10', true, false],
      [1, '1.333333333333', 'crate', '8', 'pcs', 'B-LATE', '2026-06-30', true, false],
      [2, '2', 'pcs', '2', 'pcs', 'B-LATE', '2026-06-30', true, false], // B-SOON is taken by line 1; B-OLD is expired
      [2, '1', 'pcs', '1', 'pcs', '', '', false, true],
      [3, '2', 'pcs', '2', 'pcs', '', '', false, false],
    ]);
    expect(pl.lines.slice(0, 2).map((l) => [l.whole, l.rest])).toEqual([['0', '4'], ['1', '2']]); // 0 crates + 4 pcs, 1 crate + 2 pcs
    expect(pl.lines[0].warehouseName).toMatch(/Store/);
    expect(pl.lines[4]).toMatchObject({ serials: ['SN1', 'SN2'], serialsSuggested: true });
    // a delivery note (draft) lists its own lines; a named batch shows its expiry
    const dn = await createDoc(s, 'DeliveryNote', { customer: cus.id, postingDate: '2026-03-21', items: [{ item: milk.id, qty: '1', uom: 'crate', batch: 'B-LATE' }, { item: phone.id, qty: '1', serials: 'SN3' }] });
    const pd = await pickingList(s, 'DeliveryNote', dn.id);
    expect(pd.lines.map((l) => [l.qty, l.uom, l.stockQty, l.batch, l.expiryDate, l.batchSuggested, l.serials])).toEqual([
      ['1', 'crate', '6', 'B-LATE', '2026-06-30', false, []],
      ['1', 'pcs', '1', '', '', false, ['SN3']],
    ]);
    expect(await code(pickingList(s, 'SalesOrder', (await createDoc(s, 'SalesOrder', { customer: cus.id, items: [{ item: milk.id, qty: '1' }] })).id))).toBe('error.picking_list_unavailable');
    void w;
  });
});
