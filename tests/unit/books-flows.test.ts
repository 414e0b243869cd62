/**
 * Invoice and payment flows beyond the worked month: purchase returns, amending a cancelled
 * invoice, a foreign invoice settled in two parts at two rates, rounding on conversion, and a
 * credit note larger than what is still open.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { newCompany } from '../fixtures/company';
import { accounts, cents, taxId } from '../fixtures/books';
import { createDoc, cancelDoc, amendDoc, getDoc, updateDoc, type Session } from '../../shared/api';
import { createAndSubmit, getOutstanding, verifyBalances, accountBalance, type GlEntry } from '../../shared/books';

let s: Session;
let A: Record<string, string>;
let customer: string;
let usdCustomer: string;
let supplier: string;
let vat: string;
let inVat: string;

beforeAll(async () => {
  ({ s } = await newCompany());
  A = await accounts(s, '1002', '1122', '1405', '2202', '222101', '222102', '5001', '5602', '560302', '560304');
  customer = (await createDoc(s, 'Customer', { customerName: 'Hengda' })).id;
  usdCustomer = (await createDoc(s, 'Customer', { customerName: 'Pacific', currency: 'USD' })).id;
  supplier = (await createDoc(s, 'Supplier', { supplierName: 'Ningbo' })).id;
  vat = await taxId(s, 'VAT 13%');
  inVat = await taxId(s, 'Input VAT 13%');
});

const glOf = async (voucherId: string) => (await s.db.t<GlEntry>('gl_entries').where('voucherId').equals(voucherId).toArray()).map((r) => [r.account, r.debit, r.credit, r.isReversal]);

describe('invoice and payment flows', () => {
  it('a purchase return (debit note) reverses stock and input VAT and reduces what we owe', async () => {
    const item = (await createDoc(s, 'Item', { itemCode: 'T1', itemName: 'Tea', itemType: 'stock' })).id;
    const pi = await createAndSubmit(s, 'PurchaseInvoice', { supplier, postingDate: '2026-04-01', items: [{ item, qty: '10', rate: '50.00', taxTemplate: inVat }] });
    expect(await glOf(pi.id)).toEqual([[A['2202'], 0, cents('565.00'), false], [A['1405'], cents('500.00'), 0, false], [A['222102'], cents('65.00'), 0, false]]);
    const dn = await createAndSubmit(s, 'PurchaseInvoice', { supplier, postingDate: '2026-04-03', isReturn: true, returnAgainst: pi.id, items: [{ item, qty: '2', rate: '50.00', taxTemplate: inVat }] });
    expect(await glOf(dn.id)).toEqual([[A['2202'], cents('113.00'), 0, false], [A['1405'], 0, cents('100.00'), false], [A['222102'], 0, cents('13.00'), false]]);
    expect((await getOutstanding(s, 'PurchaseInvoice', pi.id)).amount).toBe(cents('452.00'));
  });

  it('a cancelled invoice is corrected by an amended copy; the ledger keeps both and nets the first to zero', async () => {
    const inv = await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-04-05', items: [{ description: 'Tea', qty: '1', rate: '100.00', taxTemplate: vat }] });
    await cancelDoc(s, 'SalesInvoice', inv.id, 'wrong price');
    expect(await glOf(inv.id)).toEqual([
      [A['1122'], cents('113.00'), 0, false], [A['5001'], 0, cents('100.00'), false], [A['222101'], 0, cents('13.00'), false],
      [A['1122'], 0, cents('113.00'), true], [A['5001'], cents('100.00'), 0, true], [A['222101'], cents('13.00'), 0, true],
    ]);
    const copy = await amendDoc(s, 'SalesInvoice', inv.id);
    expect([copy.status, copy.amendedFrom, copy.grandTotal]).toEqual(['draft', inv.id, cents('113.00')]);
    // editing the copy as a form does (read-only fields are not sent) keeps the link to the original
    const edited = await updateDoc(s, 'SalesInvoice', copy.id, { customer, postingDate: '2026-04-06', items: [{ description: 'Tea', qty: '1', rate: '90.00', taxTemplate: vat }] });
    expect([edited.amendedFrom, edited.grandTotal]).toEqual([inv.id, cents('101.70')]);
    await expect(cancelDoc(s, 'SalesInvoice', inv.id)).rejects.toMatchObject({ code: 'error.not_submitted' });
    expect((await getDoc(s, 'SalesInvoice', inv.id)).status).toBe('cancelled');
  });

  it('a USD invoice paid in two parts at two rates leaves exactly zero in the receivable and the difference in exchange gain/loss', async () => {
    const fx0 = await accountBalance(s, A['560302']);
    const ar0 = await accountBalance(s, A['1122']);
    const inv = await createAndSubmit(s, 'SalesInvoice', { customer: usdCustomer, postingDate: '2026-04-10', currency: 'USD', exchangeRate: '7.1234', items: [{ description: 'Tea', qty: '3', rate: '333.33' }] });
    expect([inv.grandTotal, inv.baseGrandTotal]).toEqual([cents('999.99'), cents('7123.33')]); // 999.99 x 7.1234 = 7,123.328... -> 7,123.33
    const pay = (date: string, rate: string, amount: string) => createAndSubmit(s, 'Payment', { paymentType: 'receive', customer: usdCustomer, postingDate: date, currency: 'USD', exchangeRate: rate, amount, account: A['1002'], allocations: [{ referenceType: 'SalesInvoice', referenceId: inv.id, amount }] });
    await pay('2026-04-20', '7.2', '400.00'); // clears 400.00 x 7.1234 = 2,849.36; bank 2,880.00; gain 30.64
    await pay('2026-04-25', '7.0', '599.99'); // clears the remaining 4,273.97; bank 4,199.93; loss 74.04
    const open = await getOutstanding(s, 'SalesInvoice', inv.id);
    expect([open.amount, open.amountBase]).toEqual([0, 0]);
    expect((await accountBalance(s, A['1122'])) - ar0).toBe(0);
    // exchange account (an expense): gain is a credit, loss a debit: -30.64 + 74.04 = 43.40 net loss
    expect((await accountBalance(s, A['560302'])) - fx0).toBe(cents('43.40'));
  });

  it('converting several foreign lines separately puts the odd cent on the rounding account', async () => {
    const inv = await createAndSubmit(s, 'SalesInvoice', { customer: usdCustomer, postingDate: '2026-04-11', currency: 'USD', exchangeRate: '7.125', items: [{ description: 'a', qty: '1', rate: '0.33', incomeAccount: A['5001'] }, { description: 'b', qty: '1', rate: '0.33', incomeAccount: (await accounts(s, '5051'))['5051'] }, { description: 'c', qty: '1', rate: '0.34', incomeAccount: (await accounts(s, '5301'))['5301'] }] });
    const rows = await s.db.t<GlEntry>('gl_entries').where('voucherId').equals(inv.id).toArray();
    expect(rows.find((r) => r.account === A['560304'])).toMatchObject({ debit: 0, credit: 1 });
    expect(rows.reduce((t, r) => t + r.debit - r.credit, 0)).toBe(0);
  });

  it('a credit note larger than what is still open settles the rest and leaves a credit on the customer', async () => {
    const inv = await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-04-12', items: [{ description: 'Tea', qty: '10', rate: '10.00' }] });
    await createAndSubmit(s, 'Payment', { paymentType: 'receive', customer, postingDate: '2026-04-13', amount: '60.00', account: A['1002'], allocations: [{ referenceType: 'SalesInvoice', referenceId: inv.id, amount: '60.00' }] });
    const cn = await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-04-14', isReturn: true, returnAgainst: inv.id, items: [{ description: 'Tea', qty: '10', rate: '10.00' }] });
    expect((await getOutstanding(s, 'SalesInvoice', inv.id)).amount).toBe(0);
    expect((await getOutstanding(s, 'SalesInvoice', cn.id)).amount).toBe(cents('-60.00'));
    await cancelDoc(s, 'SalesInvoice', cn.id);
    expect((await getOutstanding(s, 'SalesInvoice', inv.id)).amount).toBe(cents('40.00'));
    expect(await verifyBalances(s)).toEqual([]);
  });

  it('refuses a group account on an invoice line at submit', async () => {
    const group = (await accounts(s, '50'))['50'];
    const d = await createDoc(s, 'SalesInvoice', { customer, postingDate: '2026-04-15', items: [{ description: 'x', qty: '1', rate: '1.00', incomeAccount: group }] });
    const { submitDoc } = await import('../../shared/api');
    await expect(submitDoc(s, 'SalesInvoice', d.id)).rejects.toMatchObject({ code: 'error.account_is_group' });
  });

  it('an advance is applied to a later invoice by a payment reconciliation (base currency: no ledger rows)', async () => {
    const adv = await createAndSubmit(s, 'Payment', { paymentType: 'receive', customer, postingDate: '2026-05-01', amount: '500.00', account: A['1002'] });
    expect(adv.unallocated).toBe(cents('500.00'));
    const inv = await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-05-03', items: [{ description: 'Tea', qty: '3', rate: '100.00' }] });
    const rec = await createAndSubmit(s, 'PaymentReconciliation', { partyType: 'customer', customer, postingDate: '2026-05-04', lines: [{ creditType: 'Payment', creditId: adv.id, invoiceType: 'SalesInvoice', invoiceId: inv.id, amount: '300.00' }] });
    expect((await getOutstanding(s, 'SalesInvoice', inv.id)).amount).toBe(0);
    expect((await getOutstanding(s, 'Payment', adv.id)).amount).toBe(cents('-200.00'));
    expect(await glOf(rec.id)).toEqual([]);
    await expect(cancelDoc(s, 'Payment', adv.id)).rejects.toMatchObject({ code: 'error.invoice_has_payments', params: { payments: rec.number } });
    await expect(createAndSubmit(s, 'PaymentReconciliation', { partyType: 'customer', customer, postingDate: '2026-05-05', lines: [{ creditType: 'Payment', creditId: adv.id, invoiceType: 'SalesInvoice', invoiceId: inv.id, amount: '1.00' }] })).rejects.toMatchObject({ code: 'error.allocation_exceeds_outstanding' });
    await cancelDoc(s, 'PaymentReconciliation', rec.id);
    expect((await getOutstanding(s, 'SalesInvoice', inv.id)).amount).toBe(cents('300.00'));
  });

  it('a USD advance received at 7.20 applied to an invoice at 7.10 realises the exchange gain', async () => {
    const fx0 = await accountBalance(s, A['560302']);
    const adv = await createAndSubmit(s, 'Payment', { paymentType: 'receive', customer: usdCustomer, postingDate: '2026-05-01', currency: 'USD', exchangeRate: '7.2', amount: '100.00', account: A['1002'] });
    const inv = await createAndSubmit(s, 'SalesInvoice', { customer: usdCustomer, postingDate: '2026-05-02', currency: 'USD', exchangeRate: '7.1', items: [{ description: 'Tea', qty: '1', rate: '100.00' }] });
    const rec = await createAndSubmit(s, 'PaymentReconciliation', { partyType: 'customer', customer: usdCustomer, postingDate: '2026-05-03', currency: 'USD', lines: [{ creditType: 'Payment', creditId: adv.id, invoiceType: 'SalesInvoice', invoiceId: inv.id, amount: '100.00' }] });
    expect(await glOf(rec.id)).toEqual([[A['1122'], cents('10.00'), 0, false], [A['560302'], 0, cents('10.00'), false]]);
    for (const id of [adv.id, inv.id]) expect(await getOutstanding(s, 'SalesInvoice', id)).toMatchObject({ amount: 0, amountBase: 0 });
    expect((await accountBalance(s, A['560302'])) - fx0).toBe(-cents('10.00'));
    expect(await verifyBalances(s)).toEqual([]);
  });

  it('a zero-value invoice (a free sample: 0.01 x 0.01) posts no ledger rows and can be cancelled', async () => {
    const inv = await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-05-06', items: [{ description: 'Sample', qty: '0.01', rate: '0.01' }] });
    expect([inv.grandTotal, await glOf(inv.id)]).toEqual([0, []]);
    await cancelDoc(s, 'SalesInvoice', inv.id);
  });
});
