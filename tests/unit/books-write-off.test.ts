/**
 * Write-offs: a customer's unpaid rest as a bad debt (Dr 5711 营业外支出 · Cr 1122), a small
 * difference on a supplier's invoice kept as a gain (Dr 2202 · Cr 5301 营业外收入), a customer's
 * leftover advance, a foreign invoice at its book value; the payment ledger closes the document
 * (aging, statement) and cancelling the write-off reopens it. Bad input writes nothing.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { newCompany } from '../fixtures/company';
import { accounts, cents, ledgerCounts, taxId } from '../fixtures/books';
import { createDoc, cancelDoc, submitDoc, updateSettings, type Session } from '../../shared/api';
import { createAndSubmit, getOutstanding, verifyBalances, agingReport, partyStatement, accountBalance, defaultAccounts, postWriteOff, findAccount, type GlEntry } from '../../shared/books';

let s: Session;
let A: Record<string, string>;
let customer: string;
let usdCustomer: string;
let supplier: string;
let vat: string;

beforeAll(async () => {
  ({ s } = await newCompany());
  A = await accounts(s, '1002', '1122', '2202', '5301', '5711', '560302');
  customer = (await createDoc(s, 'Customer', { customerName: 'Hengda' })).id;
  usdCustomer = (await createDoc(s, 'Customer', { customerName: 'Pacific', currency: 'USD' })).id;
  supplier = (await createDoc(s, 'Supplier', { supplierName: 'Ningbo' })).id;
  vat = await taxId(s, 'VAT 13%');
});

const glOf = async (voucherId: string) => (await s.db.t<GlEntry>('gl_entries').where('voucherId').equals(voucherId).toArray()).map((r) => [r.account, r.debit, r.credit, r.party, r.isReversal]);

describe('write-offs', () => {
  it('the default write-off accounts: 5711 营业外支出 / 5301 营业外收入, and 6900 / 4900 in the generic chart', async () => {
    expect([defaultAccounts(s).writeOffLoss, defaultAccounts(s).writeOffGain]).toEqual([A['5711'], A['5301']]);
    const { s: g } = await newCompany({ template: 'generic', baseCurrency: 'USD', country: 'US' });
    expect([defaultAccounts(g).writeOffLoss, defaultAccounts(g).writeOffGain]).toEqual([(await findAccount(g, '6900')).id, (await findAccount(g, '4900')).id]);
  });

  it('a bad debt: the unpaid rest of a sales invoice to 5711, closed in the payment ledger, aging and statement; cancel reopens it', async () => {
    const inv = await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-03-01', dueDate: '2026-03-31', items: [{ description: 'Tea', qty: '10', rate: '100.00', taxTemplate: vat }] });
    await createAndSubmit(s, 'Payment', { paymentType: 'receive', customer, postingDate: '2026-04-10', amount: '1000.00', account: A['1002'], allocations: [{ referenceType: 'SalesInvoice', referenceId: inv.id, amount: '1000.00' }] });
    expect((await agingReport(s, { partyType: 'customer', asOf: '2026-09-30' })).rows[0].documents.map((d) => [d.againstNumber, d.outstandingBase])).toEqual([[inv.number, cents('130.00')]]);

    const wo = await createAndSubmit(s, 'WriteOff', { referenceType: 'SalesInvoice', referenceId: inv.id, postingDate: '2026-09-30', remarks: 'customer insolvent' });
    expect([wo.partyType, wo.customer, wo.referenceNumber, wo.currency, wo.amount, wo.baseAmount, wo.direction, wo.account]).toEqual(['customer', customer, inv.number, 'CNY', cents('130.00'), cents('130.00'), 'loss', A['5711']]);
    expect(await glOf(wo.id)).toEqual([[A['1122'], 0, cents('130.00'), customer, false], [A['5711'], cents('130.00'), 0, '', false]]);
    expect((await getOutstanding(s, 'SalesInvoice', inv.id)).amount).toBe(0);
    expect((await agingReport(s, { partyType: 'customer', asOf: '2026-09-30' })).rows).toEqual([]);
    const st = await partyStatement(s, { partyType: 'customer', party: customer, fromDate: '2026-01-01', toDate: '2026-12-31' });
    expect([st.lines.at(-1)!.voucherType, st.lines.at(-1)!.voucherNumber, st.closing]).toEqual(['WriteOff', wo.number, 0]);
    // the invoice cannot be cancelled under a live write-off; the write-off itself is immutable
    await expect(cancelDoc(s, 'SalesInvoice', inv.id)).rejects.toMatchObject({ code: 'error.invoice_has_payments' });
    await expect(submitDoc(s, 'WriteOff', wo.id)).rejects.toMatchObject({ code: 'error.not_draft' });
    // a second write-off finds nothing open
    await expect(createAndSubmit(s, 'WriteOff', { referenceType: 'SalesInvoice', referenceId: inv.id, postingDate: '2026-09-30' })).rejects.toMatchObject({ code: 'error.write_off_nothing_open' });
    expect(await verifyBalances(s)).toEqual([]);

    await cancelDoc(s, 'WriteOff', wo.id, 'customer paid after all');
    expect((await getOutstanding(s, 'SalesInvoice', inv.id)).amount).toBe(cents('130.00'));
    expect((await agingReport(s, { partyType: 'customer', asOf: '2026-09-30' })).rows[0].total).toBe(cents('130.00'));
    expect((await glOf(wo.id)).filter((r) => r[4])).toEqual([[A['1122'], cents('130.00'), 0, customer, true], [A['5711'], 0, cents('130.00'), '', true]]);
    expect(await verifyBalances(s)).toEqual([]);
    // settle it properly so later tests start clean
    await createAndSubmit(s, 'Payment', { paymentType: 'receive', customer, postingDate: '2026-10-01', amount: '130.00', account: A['1002'], allocations: [{ referenceType: 'SalesInvoice', referenceId: inv.id, amount: '130.00' }] });
  });

  it('a small difference on a purchase invoice: we keep 0.03 as a gain (Dr 2202 · Cr 5301)', async () => {
    const pi = await createAndSubmit(s, 'PurchaseInvoice', { supplier, postingDate: '2026-05-02', items: [{ description: 'Boxes', qty: '3', rate: '333.41' }] });
    expect(pi.grandTotal).toBe(cents('1000.23'));
    await createAndSubmit(s, 'Payment', { paymentType: 'pay', supplier, postingDate: '2026-05-20', amount: '1000.20', account: A['1002'], allocations: [{ referenceType: 'PurchaseInvoice', referenceId: pi.id, amount: '1000.20' }] });
    const wo = await createAndSubmit(s, 'WriteOff', { referenceType: 'PurchaseInvoice', referenceId: pi.id, postingDate: '2026-05-31' });
    expect([wo.partyType, wo.supplier, wo.direction, wo.amount, wo.account]).toEqual(['supplier', supplier, 'gain', cents('0.03'), A['5301']]);
    expect(await glOf(wo.id)).toEqual([[A['2202'], cents('0.03'), 0, supplier, false], [A['5301'], 0, cents('0.03'), '', false]]);
    expect((await getOutstanding(s, 'PurchaseInvoice', pi.id)).amount).toBe(0);
    expect((await agingReport(s, { partyType: 'supplier', asOf: '2026-12-31' })).rows).toEqual([]);
    expect(await verifyBalances(s)).toEqual([]);
  });

  it('bad input is refused with a clear error and writes nothing', async () => {
    const inv = await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-06-01', items: [{ description: 'Tea', qty: '1', rate: '100.00' }] });
    const before = await ledgerCounts(s);
    await expect(createAndSubmit(s, 'WriteOff', { referenceType: 'SalesInvoice', referenceId: inv.id, postingDate: '2026-06-30', amount: '100.01' })).rejects.toMatchObject({ code: 'error.write_off_exceeds_outstanding', params: { amount: '100.01 CNY', outstanding: '100.00 CNY' } });
    await expect(createAndSubmit(s, 'WriteOff', { referenceType: 'SalesInvoice', referenceId: inv.id, postingDate: '2026-06-30', account: A['1002'] })).rejects.toMatchObject({ code: 'error.write_off_account_type' });
    await expect(createAndSubmit(s, 'WriteOff', { referenceType: 'PurchaseInvoice', referenceId: inv.id, postingDate: '2026-06-30' })).rejects.toMatchObject({ code: 'error.allocation_reference' });
    const other = (await createDoc(s, 'Customer', { customerName: 'Other' })).id;
    await expect(createAndSubmit(s, 'WriteOff', { referenceType: 'SalesInvoice', referenceId: inv.id, customer: other, postingDate: '2026-06-30' })).rejects.toMatchObject({ code: 'error.allocation_party' });
    await updateSettings(s, { lockDate: '2026-06-30' });
    await expect(createAndSubmit(s, 'WriteOff', { referenceType: 'SalesInvoice', referenceId: inv.id, postingDate: '2026-06-30' })).rejects.toMatchObject({ code: 'error.period_locked' });
    await updateSettings(s, { lockDate: undefined });
    const after = await ledgerCounts(s);
    for (const t of ['gl_entries', 'payment_ledger', 'account_balances']) expect(after[t], t).toBe(before[t]);
    // a partial write-off leaves the rest open
    const wo = await createAndSubmit(s, 'WriteOff', { referenceType: 'SalesInvoice', referenceId: inv.id, postingDate: '2026-07-01', amount: '40.00' });
    expect((await getOutstanding(s, 'SalesInvoice', inv.id)).amount).toBe(cents('60.00'));
    await cancelDoc(s, 'WriteOff', wo.id);
    expect((await getOutstanding(s, 'SalesInvoice', inv.id)).amount).toBe(cents('100.00'));
  });

  it('a customer’s leftover advance is kept as a gain (Dr 1122 · Cr 5301)', async () => {
    const c = (await createDoc(s, 'Customer', { customerName: 'Overpayer' })).id;
    const adv = await createAndSubmit(s, 'Payment', { paymentType: 'receive', customer: c, postingDate: '2026-07-01', amount: '0.50', account: A['1002'] });
    const wo = await createAndSubmit(s, 'WriteOff', { referenceType: 'Payment', referenceId: adv.id, postingDate: '2026-07-31' });
    expect([wo.partyType, wo.customer, wo.direction, wo.amount]).toEqual(['customer', c, 'gain', cents('0.50')]);
    expect(await glOf(wo.id)).toEqual([[A['1122'], cents('0.50'), 0, c, false], [A['5301'], 0, cents('0.50'), '', false]]);
    expect((await getOutstanding(s, 'Payment', adv.id)).amount).toBe(0);
    await expect(cancelDoc(s, 'Payment', adv.id)).rejects.toMatchObject({ code: 'error.invoice_has_payments' });
  });

  it('a foreign invoice is written off at its remaining book value: no exchange difference', async () => {
    const ar0 = await accountBalance(s, A['1122']);
    const fx0 = await accountBalance(s, A['560302']);
    const inv = await createAndSubmit(s, 'SalesInvoice', { customer: usdCustomer, postingDate: '2026-08-01', currency: 'USD', exchangeRate: '7.0', items: [{ description: 'Tea', qty: '1', rate: '100.00' }] });
    await createAndSubmit(s, 'Payment', { paymentType: 'receive', customer: usdCustomer, postingDate: '2026-08-20', currency: 'USD', exchangeRate: '7.2', amount: '60.00', account: A['1002'], allocations: [{ referenceType: 'SalesInvoice', referenceId: inv.id, amount: '60.00' }] });
    const wo = await createAndSubmit(s, 'WriteOff', { referenceType: 'SalesInvoice', referenceId: inv.id, postingDate: '2026-08-31' });
    expect([wo.currency, wo.amount, wo.baseAmount]).toEqual(['USD', cents('40.00'), cents('280.00')]);
    const rows = await s.db.t<GlEntry>('gl_entries').where('voucherId').equals(wo.id).toArray();
    expect(rows.map((r) => [r.account, r.debit, r.credit, r.currency, r.creditFc])).toEqual([[A['1122'], 0, cents('280.00'), 'USD', cents('40.00')], [A['5711'], cents('280.00'), 0, 'CNY', 0]]);
    expect(await getOutstanding(s, 'SalesInvoice', inv.id)).toMatchObject({ amount: 0, amountBase: 0 });
    expect((await accountBalance(s, A['1122'])) - ar0).toBe(0);
    // the payment's gain (60 x 0.2 = 12.00) is the only exchange result
    expect((await accountBalance(s, A['560302'])) - fx0).toBe(-cents('12.00'));
    expect(await verifyBalances(s)).toEqual([]);
  });

  it('a company created before the write-off roles falls back to 5711 / 5301 by number', async () => {
    const { writeOffLoss: _l, writeOffGain: _g, ...older } = defaultAccounts(s);
    await updateSettings(s, { defaultAccounts: older });
    const inv = await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-09-01', items: [{ description: 'Tea', qty: '1', rate: '10.00' }] });
    const wo = await createAndSubmit(s, 'WriteOff', { referenceType: 'SalesInvoice', referenceId: inv.id, postingDate: '2026-09-02' });
    expect(wo.account).toBe(A['5711']);
    expect(await verifyBalances(s)).toEqual([]);
  });

  it('the pure rule: each direction on each side balances', () => {
    const base = { party: 'p', partyAccount: 'AR', writeOffAccount: 'W', currency: 'CNY', exchangeRate: '1' };
    const sides = (l: ReturnType<typeof postWriteOff>) => l.map((x) => [x.account, x.debit, x.credit]);
    expect(sides(postWriteOff({ ...base, partyType: 'customer', amount: 100, base: 100 }))).toEqual([['AR', 0, 100], ['W', 100, 0]]);
    expect(sides(postWriteOff({ ...base, partyType: 'customer', amount: -100, base: -100 }))).toEqual([['AR', 100, 0], ['W', 0, 100]]);
    expect(sides(postWriteOff({ ...base, partyType: 'supplier', amount: 100, base: 100 }))).toEqual([['AR', 100, 0], ['W', 0, 100]]);
    expect(sides(postWriteOff({ ...base, partyType: 'supplier', amount: -100, base: -100 }))).toEqual([['AR', 0, 100], ['W', 100, 0]]);
  });
});
