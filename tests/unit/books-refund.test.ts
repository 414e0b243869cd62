/**
 * Refunds: money paid back to a customer (a credit note's excess, an advance) and received back
 * from a supplier (a debit note's excess, an advance we paid). The bank moves the other way, the
 * receivable/payable takes the credit's book value, the credit's outstanding goes to zero; an
 * over-refund, an unallocated refund, a refund of what is not a credit and a payment in another
 * currency are refused and write nothing. A USD credit note refunded at another rate realises the
 * exchange difference.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { newCompany } from '../fixtures/company';
import { accounts, cents, ledgerCounts } from '../fixtures/books';
import { createDoc, cancelDoc, updateDoc, type Session } from '../../shared/api';
import { createAndSubmit, getOutstanding, verifyBalances, agingReport, accountBalance, isRefund, type GlEntry } from '../../shared/books';

let s: Session;
let A: Record<string, string>;
let customer: string;
let usdCustomer: string;
let supplier: string;

beforeAll(async () => {
  ({ s } = await newCompany());
  A = await accounts(s, '1002', '1122', '2202', '560302');
  customer = (await createDoc(s, 'Customer', { customerName: 'Hengda' })).id;
  usdCustomer = (await createDoc(s, 'Customer', { customerName: 'Pacific', currency: 'USD' })).id;
  supplier = (await createDoc(s, 'Supplier', { supplierName: 'Ningbo' })).id;
});

const glOf = async (voucherId: string) => (await s.db.t<GlEntry>('gl_entries').where('voucherId').equals(voucherId).toArray()).map((r) => [r.account, r.debit, r.credit, r.party]);
const unchanged = async (before: Record<string, number>) => {
  const after = await ledgerCounts(s);
  for (const t of ['gl_entries', 'payment_ledger', 'account_balances']) expect(after[t], t).toBe(before[t]);
};

/** A paid invoice and a full credit note: the customer has 100.00 of credit on the credit note. */
async function paidAndReturned(party = customer) {
  const inv = await createAndSubmit(s, 'SalesInvoice', { customer: party, postingDate: '2026-03-01', items: [{ description: 'Tea', qty: '1', rate: '100.00' }] });
  await createAndSubmit(s, 'Payment', { paymentType: 'receive', customer: party, postingDate: '2026-03-05', amount: '100.00', account: A['1002'], allocations: [{ referenceType: 'SalesInvoice', referenceId: inv.id, amount: '100.00' }] });
  const cn = await createAndSubmit(s, 'SalesInvoice', { customer: party, postingDate: '2026-03-10', isReturn: true, returnAgainst: inv.id, items: [{ description: 'Tea', qty: '1', rate: '100.00' }] });
  return { inv, cn };
}

describe('refunds', () => {
  it('which payments are refunds', () => {
    expect([isRefund('receive', 'customer'), isRefund('pay', 'supplier'), isRefund('pay', 'customer'), isRefund('receive', 'supplier'), isRefund('pay', '')]).toEqual([false, false, true, true, false]);
  });

  it('the party type follows the party filled in; both filled: the usual party of the payment type (as before)', async () => {
    const p = await createAndSubmit(s, 'Payment', { paymentType: 'receive', customer, postingDate: '2026-02-01', amount: '1.00', account: A['1002'] });
    expect(p.partyType).toBe('customer');
    await cancelDoc(s, 'Payment', p.id);
    // a draft receipt switched to "pay" with a supplier picked: an ordinary payment to the supplier
    const d = await createDoc(s, 'Payment', { paymentType: 'receive', customer, postingDate: '2026-02-01', amount: '1.00', account: A['1002'] });
    const u = await updateDoc(s, 'Payment', d.id, { ...d, paymentType: 'pay', supplier, partyAccount: '' });
    expect([u.partyType, u.customer, u.supplier]).toEqual(['supplier', '', supplier]);
    // pay + only a customer: a refund (here refused: nothing to refund, nothing allocated)
    await expect(createAndSubmit(s, 'Payment', { paymentType: 'pay', customer, postingDate: '2026-02-01', amount: '1.00', account: A['1002'] })).rejects.toMatchObject({ code: 'error.refund_unallocated' });
  });

  it('a credit note refunded to the customer: Cr bank · Dr receivable, the credit note closed', async () => {
    const { cn } = await paidAndReturned();
    expect((await getOutstanding(s, 'SalesInvoice', cn.id)).amount).toBe(cents('-100.00'));
    const refund = await createAndSubmit(s, 'Payment', { paymentType: 'pay', partyType: 'customer', customer, postingDate: '2026-03-12', amount: '100.00', account: A['1002'], allocations: [{ referenceType: 'SalesInvoice', referenceId: cn.id, amount: '100.00' }] });
    expect([refund.unallocated, refund.supplier, refund.partyAccount]).toEqual([0, '', A['1122']]);
    expect(await glOf(refund.id)).toEqual([[A['1002'], 0, cents('100.00'), ''], [A['1122'], cents('100.00'), 0, customer]]);
    expect((await getOutstanding(s, 'SalesInvoice', cn.id)).amount).toBe(0);
    expect((await agingReport(s, { partyType: 'customer', asOf: '2026-03-31', party: customer })).rows).toEqual([]);
    // the credit note cannot be cancelled while refunded; cancelling the refund reopens the credit
    await expect(cancelDoc(s, 'SalesInvoice', cn.id)).rejects.toMatchObject({ code: 'error.invoice_has_payments', params: { payments: refund.number } });
    await cancelDoc(s, 'Payment', refund.id);
    expect((await getOutstanding(s, 'SalesInvoice', cn.id)).amount).toBe(cents('-100.00'));
    expect(await verifyBalances(s)).toEqual([]);
  });

  it('part of an advance refunded; refunding more than is left is refused and writes nothing', async () => {
    const c = (await createDoc(s, 'Customer', { customerName: 'Advance Co' })).id;
    const adv = await createAndSubmit(s, 'Payment', { paymentType: 'receive', customer: c, postingDate: '2026-04-01', amount: '500.00', account: A['1002'] });
    const r1 = await createAndSubmit(s, 'Payment', { paymentType: 'pay', partyType: 'customer', customer: c, postingDate: '2026-04-02', amount: '200.00', account: A['1002'], allocations: [{ referenceType: 'Payment', referenceId: adv.id, amount: '200.00' }] });
    expect(await glOf(r1.id)).toEqual([[A['1002'], 0, cents('200.00'), ''], [A['1122'], cents('200.00'), 0, c]]);
    expect((await getOutstanding(s, 'Payment', adv.id)).amount).toBe(cents('-300.00'));
    const before = await ledgerCounts(s);
    await expect(createAndSubmit(s, 'Payment', { paymentType: 'pay', partyType: 'customer', customer: c, postingDate: '2026-04-03', amount: '300.01', account: A['1002'], allocations: [{ referenceType: 'Payment', referenceId: adv.id, amount: '300.01' }] }))
      .rejects.toMatchObject({ code: 'error.refund_exceeds_credit', params: { amount: '300.01 CNY', credit: '300.00 CNY' } });
    await unchanged(before);
    await createAndSubmit(s, 'Payment', { paymentType: 'pay', partyType: 'customer', customer: c, postingDate: '2026-04-03', amount: '300.00', account: A['1002'], allocations: [{ referenceType: 'Payment', referenceId: adv.id, amount: '300.00' }] });
    expect(await getOutstanding(s, 'Payment', adv.id)).toMatchObject({ amount: 0, amountBase: 0 });
    expect((await agingReport(s, { partyType: 'customer', asOf: '2026-04-30', party: c })).rows).toEqual([]);
    expect(await verifyBalances(s)).toEqual([]);
  });

  it('a refund must be allocated in full, only to credits of the party', async () => {
    const { inv, cn } = await paidAndReturned((await createDoc(s, 'Customer', { customerName: 'Strict' })).id);
    const party = inv.customer as string;
    const before = await ledgerCounts(s);
    const base = { paymentType: 'pay', partyType: 'customer', customer: party, postingDate: '2026-03-15', account: A['1002'] };
    await expect(createAndSubmit(s, 'Payment', { ...base, amount: '100.00' })).rejects.toMatchObject({ code: 'error.refund_unallocated' });
    await expect(createAndSubmit(s, 'Payment', { ...base, amount: '100.00', allocations: [{ referenceType: 'SalesInvoice', referenceId: cn.id, amount: '80.00' }] })).rejects.toMatchObject({ code: 'error.refund_unallocated', params: { amount: '100.00 CNY', allocated: '80.00 CNY' } });
    // the invoice itself is settled: no credit on it
    await expect(createAndSubmit(s, 'Payment', { ...base, amount: '10.00', allocations: [{ referenceType: 'SalesInvoice', referenceId: inv.id, amount: '10.00' }] })).rejects.toMatchObject({ code: 'error.refund_exceeds_credit', params: { credit: '0.00 CNY' } });
    // another customer's credit note
    await expect(createAndSubmit(s, 'Payment', { ...base, customer, amount: '10.00', allocations: [{ referenceType: 'SalesInvoice', referenceId: cn.id, amount: '10.00' }] })).rejects.toMatchObject({ code: 'error.allocation_party' });
    // an ordinary receipt cannot take an advance as its reference
    await expect(createAndSubmit(s, 'Payment', { paymentType: 'receive', customer: party, postingDate: '2026-03-15', account: A['1002'], amount: '10.00', allocations: [{ referenceType: 'Payment', referenceId: cn.id, amount: '10.00' }] })).rejects.toMatchObject({ code: 'error.allocation_reference' });
    await unchanged(before);
  });

  it('a supplier refunds a debit note: Dr bank · Cr payable, the debit note closed', async () => {
    const pi = await createAndSubmit(s, 'PurchaseInvoice', { supplier, postingDate: '2026-05-01', items: [{ description: 'Boxes', qty: '10', rate: '11.30' }] });
    await createAndSubmit(s, 'Payment', { paymentType: 'pay', supplier, postingDate: '2026-05-02', amount: '113.00', account: A['1002'], allocations: [{ referenceType: 'PurchaseInvoice', referenceId: pi.id, amount: '113.00' }] });
    const dn = await createAndSubmit(s, 'PurchaseInvoice', { supplier, postingDate: '2026-05-03', isReturn: true, returnAgainst: pi.id, items: [{ description: 'Boxes', qty: '4', rate: '11.30' }] });
    expect((await getOutstanding(s, 'PurchaseInvoice', dn.id)).amount).toBe(cents('-45.20'));
    const refund = await createAndSubmit(s, 'Payment', { paymentType: 'receive', partyType: 'supplier', supplier, postingDate: '2026-05-10', amount: '45.20', account: A['1002'], allocations: [{ referenceType: 'PurchaseInvoice', referenceId: dn.id, amount: '45.20' }] });
    expect([refund.customer, refund.partyAccount]).toEqual(['', A['2202']]);
    expect(await glOf(refund.id)).toEqual([[A['1002'], cents('45.20'), 0, ''], [A['2202'], 0, cents('45.20'), supplier]]);
    expect((await getOutstanding(s, 'PurchaseInvoice', dn.id)).amount).toBe(0);
    expect((await agingReport(s, { partyType: 'supplier', asOf: '2026-05-31', party: supplier })).rows).toEqual([]);
    // a supplier's advance returned
    const adv = await createAndSubmit(s, 'Payment', { paymentType: 'pay', supplier, postingDate: '2026-05-11', amount: '70.00', account: A['1002'] });
    await createAndSubmit(s, 'Payment', { paymentType: 'receive', partyType: 'supplier', supplier, postingDate: '2026-05-12', amount: '70.00', account: A['1002'], allocations: [{ referenceType: 'Payment', referenceId: adv.id, amount: '70.00' }] });
    expect((await getOutstanding(s, 'Payment', adv.id)).amount).toBe(0);
    expect(await verifyBalances(s)).toEqual([]);
  });

  it('a USD credit note (at the invoice rate 7.00) refunded at 7.20 realises a loss of 20.00', async () => {
    const ar0 = await accountBalance(s, A['1122']);
    const fx0 = await accountBalance(s, A['560302']);
    const inv = await createAndSubmit(s, 'SalesInvoice', { customer: usdCustomer, postingDate: '2026-06-01', currency: 'USD', exchangeRate: '7.0', items: [{ description: 'Tea', qty: '1', rate: '100.00' }] });
    await createAndSubmit(s, 'Payment', { paymentType: 'receive', customer: usdCustomer, postingDate: '2026-06-02', currency: 'USD', exchangeRate: '7.0', amount: '100.00', account: A['1002'], allocations: [{ referenceType: 'SalesInvoice', referenceId: inv.id, amount: '100.00' }] });
    const cn = await createAndSubmit(s, 'SalesInvoice', { customer: usdCustomer, postingDate: '2026-06-05', currency: 'USD', isReturn: true, returnAgainst: inv.id, items: [{ description: 'Tea', qty: '1', rate: '100.00' }] });
    expect(await getOutstanding(s, 'SalesInvoice', cn.id)).toMatchObject({ amount: cents('-100.00'), amountBase: cents('-700.00') });
    const before = await ledgerCounts(s);
    // a refund in CNY (base) or in EUR (a third currency) is refused
    await expect(createAndSubmit(s, 'Payment', { paymentType: 'pay', partyType: 'customer', customer: usdCustomer, postingDate: '2026-06-20', amount: '720.00', account: A['1002'], allocations: [{ referenceType: 'SalesInvoice', referenceId: cn.id, amount: '720.00' }] })).rejects.toMatchObject({ code: 'error.allocation_currency', params: { currency: 'USD' } });
    await expect(createAndSubmit(s, 'Payment', { paymentType: 'pay', partyType: 'customer', customer: usdCustomer, postingDate: '2026-06-20', currency: 'EUR', exchangeRate: '7.8', amount: '92.00', account: A['1002'], allocations: [{ referenceType: 'SalesInvoice', referenceId: cn.id, amount: '92.00' }] })).rejects.toMatchObject({ code: 'error.allocation_currency' });
    await unchanged(before);
    const refund = await createAndSubmit(s, 'Payment', { paymentType: 'pay', partyType: 'customer', customer: usdCustomer, postingDate: '2026-06-20', currency: 'USD', exchangeRate: '7.2', amount: '100.00', account: A['1002'], allocations: [{ referenceType: 'SalesInvoice', referenceId: cn.id, amount: '100.00' }] });
    expect(refund.baseAmount).toBe(cents('720.00'));
    expect(await glOf(refund.id)).toEqual([[A['1002'], 0, cents('720.00'), ''], [A['1122'], cents('700.00'), 0, usdCustomer], [A['560302'], cents('20.00'), 0, '']]);
    expect(await getOutstanding(s, 'SalesInvoice', cn.id)).toMatchObject({ amount: 0, amountBase: 0 });
    expect((await accountBalance(s, A['1122'])) - ar0).toBe(0);
    expect((await accountBalance(s, A['560302'])) - fx0).toBe(cents('20.00'));
    expect(await verifyBalances(s)).toEqual([]);
  });
});
