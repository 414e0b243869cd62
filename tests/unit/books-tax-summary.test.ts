/**
 * Tax summary (增值税汇总) for June 2026, every figure computed by hand:
 *
 * Sales (output VAT, 222101)
 *   S1 06-03  10 x 100.00 VAT 13% = 1,000.00 + 130.00 · 2 x 250.00 VAT 9% = 500.00 + 45.00
 *             1 x 333.33 VAT 6% = 333.33 + 20.00 (19.9998) · 1 x 50.00 without tax
 *   S2 06-05  1 x 100.00 "VAT 13% incl" (price includes tax): 100 / 1.13 x 13% = 11.504… -> 11.50, net 88.50
 *   S3 06-10  credit note against S1: 2 x 100.00 VAT 13% = -200.00 / -26.00
 *   S4 06-12  5 x 100.00 VAT 13%, submitted and CANCELLED -> not in the report
 *   S5 06-15  USD at 7.1234: 1 x 1,000.00 VAT 6% = 1,000.00 + 60.00 USD -> 7,123.40 + 427.40 (427.404)
 *   a draft in June and an invoice in July -> not in the report
 * Purchases (input VAT, 222102)
 *   P1 06-04  20 x 50.00 Input VAT 13% = 1,000.00 + 130.00 · 1 x 200.00 Input VAT 9% = 200.00 + 18.00
 *   P2 06-08  debit note against P1: 2 x 50.00 = -100.00 / -13.00
 *
 *   VAT 13%       800.00   104.00   (returns -200.00 / -26.00)
 *   VAT 13% incl   88.50    11.50
 *   VAT 9%        500.00    45.00
 *   VAT 6%      7,456.73   447.40   (333.33 + 7,123.40; 20.00 + 427.40)
 *   without tax    50.00     0.00
 *   output      8,895.23   607.90
 *   Input 13%     900.00   117.00   (returns -100.00 / -13.00)
 *   Input 9%      200.00    18.00
 *   input       1,100.00   135.00
 *   net VAT payable 607.90 - 135.00 = 472.90
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { newCompany } from '../fixtures/company';
import { accounts, cents, taxId } from '../fixtures/books';
import { createDoc, cancelDoc, type Session } from '../../shared/api';
import { createAndSubmit, taxSummary, buildTaxSummary, verifyBalances, type GlEntry, type TaxSummary } from '../../shared/books';

let s: Session;
let A: Record<string, string>;
let r: TaxSummary;
const num: Record<string, string> = {};

beforeAll(async () => {
  ({ s } = await newCompany());
  A = await accounts(s, '1002', '222101', '222102');
  const customer = (await createDoc(s, 'Customer', { customerName: 'Hengda' })).id;
  const usd = (await createDoc(s, 'Customer', { customerName: 'Pacific', currency: 'USD' })).id;
  const supplier = (await createDoc(s, 'Supplier', { supplierName: 'Ningbo' })).id;
  const v13 = await taxId(s, 'VAT 13%');
  const v9 = await taxId(s, 'VAT 9%');
  const v6 = await taxId(s, 'VAT 6%');
  const i13 = await taxId(s, 'Input VAT 13%');
  const i9 = await taxId(s, 'Input VAT 9%');
  const incl = (await createDoc(s, 'TaxTemplate', { templateName: 'VAT 13% incl', usage: 'sales', lines: [{ account: A['222101'], ratePercent: '13', inclusive: true }] })).id;

  const s1 = await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-06-03', items: [
    { description: 'Tea', qty: '10', rate: '100.00', taxTemplate: v13 },
    { description: 'Books', qty: '2', rate: '250.00', taxTemplate: v9 },
    { description: 'Service', qty: '1', rate: '333.33', taxTemplate: v6 },
    { description: 'Deposit', qty: '1', rate: '50.00' },
  ] });
  const s2 = await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-06-05', items: [{ description: 'Gift box', qty: '1', rate: '100.00', taxTemplate: incl }] });
  expect([s2.netTotal, s2.taxTotal, s2.grandTotal]).toEqual([cents('88.50'), cents('11.50'), cents('100.00')]);
  const s3 = await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-06-10', isReturn: true, returnAgainst: s1.id, items: [{ description: 'Tea', qty: '2', rate: '100.00', taxTemplate: v13 }] });
  const s4 = await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-06-12', items: [{ description: 'Tea', qty: '5', rate: '100.00', taxTemplate: v13 }] });
  await cancelDoc(s, 'SalesInvoice', s4.id, 'wrong customer');
  const s5 = await createAndSubmit(s, 'SalesInvoice', { customer: usd, postingDate: '2026-06-15', currency: 'USD', exchangeRate: '7.1234', items: [{ description: 'Consulting', qty: '1', rate: '1000.00', taxTemplate: v6 }] });
  await createDoc(s, 'SalesInvoice', { customer, postingDate: '2026-06-20', items: [{ description: 'Draft', qty: '1', rate: '999.00', taxTemplate: v13 }] });
  await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-07-01', items: [{ description: 'July', qty: '1', rate: '999.00', taxTemplate: v13 }] });

  const p1 = await createAndSubmit(s, 'PurchaseInvoice', { supplier, postingDate: '2026-06-04', items: [
    { description: 'Tea leaves', qty: '20', rate: '50.00', taxTemplate: i13 },
    { description: 'Freight', qty: '1', rate: '200.00', taxTemplate: i9 },
  ] });
  const p2 = await createAndSubmit(s, 'PurchaseInvoice', { supplier, postingDate: '2026-06-08', isReturn: true, returnAgainst: p1.id, items: [{ description: 'Tea leaves', qty: '2', rate: '50.00', taxTemplate: i13 }] });
  Object.assign(num, { s1: s1.number, s2: s2.number, s3: s3.number, s4: s4.number, s5: s5.number, p1: p1.number, p2: p2.number });
  r = await taxSummary(s, { fromPeriod: '2026-06', toPeriod: '2026-06' });
});

const figures = (rows: TaxSummary['output']) => rows.map((x) => [x.templateName, x.ratePercent, x.taxable, x.tax, x.returnsTaxable, x.returnsTax]);

describe('tax summary', () => {
  it('output tax per template and rate, credit note netted, cancelled and draft invoices left out, foreign invoice in base currency', () => {
    expect(figures(r.output)).toEqual([
      ['VAT 13%', '13', cents('800.00'), cents('104.00'), cents('-200.00'), cents('-26.00')],
      ['VAT 13% incl', '13', cents('88.50'), cents('11.50'), 0, 0],
      ['VAT 9%', '9', cents('500.00'), cents('45.00'), 0, 0],
      ['VAT 6%', '6', cents('7456.73'), cents('447.40'), 0, 0],
      ['', '', cents('50.00'), 0, 0, 0],
    ]);
    expect(r.output.slice(0, 4).map((x) => x.account)).toEqual([A['222101'], A['222101'], A['222101'], A['222101']]);
    expect(r.output[1].inclusive).toBe(true);
  });

  it('input tax per template, the debit note netted', () => {
    expect(figures(r.input)).toEqual([
      ['Input VAT 13%', '13', cents('900.00'), cents('117.00'), cents('-100.00'), cents('-13.00')],
      ['Input VAT 9%', '9', cents('200.00'), cents('18.00'), 0, 0],
    ]);
  });

  it('totals and the net VAT payable', () => {
    expect(r.totals).toEqual({ outputTaxable: cents('8895.23'), outputTax: cents('607.90'), inputTaxable: cents('1100.00'), inputTax: cents('135.00'), netPayable: cents('472.90') });
  });

  it('every figure has its documents: numbers, parties, signed document-currency and base amounts', () => {
    const v13 = r.output[0];
    expect(v13.documents.map((d) => [d.number, d.isReturn, d.partyName, d.taxable, d.tax])).toEqual([
      [num.s1, false, 'Hengda', cents('1000.00'), cents('130.00')],
      [num.s3, true, 'Hengda', cents('-200.00'), cents('-26.00')],
    ]);
    expect(v13.documents.reduce((t, d) => t + d.tax, 0)).toBe(v13.tax);
    const v6 = r.output[3];
    expect(v6.documents.map((d) => [d.number, d.currency, d.taxableFc, d.taxFc, d.taxable, d.tax])).toEqual([
      [num.s1, 'CNY', cents('333.33'), cents('20.00'), cents('333.33'), cents('20.00')],
      [num.s5, 'USD', cents('1000.00'), cents('60.00'), cents('7123.40'), cents('427.40')],
    ]);
    const all = [...r.output, ...r.input].flatMap((x) => x.documents.map((d) => d.number));
    expect(all).not.toContain(num.s4);
    expect(new Set(all)).toEqual(new Set([num.s1, num.s2, num.s3, num.s5, num.p1, num.p2]));
    expect(r.input[0].documents.map((d) => [d.docType, d.number, d.tax])).toEqual([['PurchaseInvoice', num.p1, cents('130.00')], ['PurchaseInvoice', num.p2, cents('-13.00')]]);
  });

  it('agrees with the ledger; a journal on the VAT account shows as the difference', async () => {
    expect(r.accounts.map((a) => [a.accountNumber, a.kind, a.fromInvoices, a.perLedger, a.difference])).toEqual([
      ['222101', 'output', cents('607.90'), cents('607.90'), 0],
      ['222102', 'input', cents('135.00'), cents('135.00'), 0],
    ]);
    // VAT paid over to the tax office in June
    await createAndSubmit(s, 'JournalEntry', { postingDate: '2026-06-30', lines: [{ account: A['222101'], debit: '50.00' }, { account: A['1002'], credit: '50.00' }] });
    const again = await taxSummary(s, { fromPeriod: '2026-06', toPeriod: '2026-06' });
    expect(again.totals).toEqual(r.totals);
    expect(again.accounts[0]).toMatchObject({ fromInvoices: cents('607.90'), perLedger: cents('557.90'), difference: cents('-50.00') });
    expect(await verifyBalances(s)).toEqual([]);
  });

  it('any range of months: June–July adds the July invoice; a month without invoices is empty', async () => {
    const q = await taxSummary(s, { fromPeriod: '2026-06', toPeriod: '2026-07' });
    expect(q.output[0].tax).toBe(cents('104.00') + cents('129.87'));
    const may = await taxSummary(s, { fromPeriod: '2026-05', toPeriod: '2026-05' });
    expect([may.output, may.input, may.totals.netPayable]).toEqual([[], [], 0]);
    await expect(taxSummary(s, { fromPeriod: '2026-6', toPeriod: '2026-07' })).rejects.toMatchObject({ code: 'error.period_invalid' });
  });
});

describe('tax summary, foreign invoice with two rates on one tax account', () => {
  it('the base tax per account equals the posted GL row; the odd minor unit goes to one template', async () => {
    const { s } = await newCompany();
    const B = await accounts(s, '222101');
    const usd = (await createDoc(s, 'Customer', { customerName: 'Pacific', currency: 'USD' })).id;
    // 5.00 x 3% = 0.15 and 2.50 x 6% = 0.15 USD; each x 7.1 = 1.065 -> 1.07, together 0.30 x 7.1 = 2.13
    const inv = await createAndSubmit(s, 'SalesInvoice', { customer: usd, postingDate: '2026-06-02', currency: 'USD', exchangeRate: '7.1', items: [
      { description: 'a', qty: '1', rate: '5.00', taxTemplate: await taxId(s, 'VAT 3%') },
      { description: 'b', qty: '1', rate: '2.50', taxTemplate: await taxId(s, 'VAT 6%') },
    ] });
    const gl = (await s.db.t<GlEntry>('gl_entries').where('voucherId').equals(inv.id).toArray()).filter((x) => x.account === B['222101']);
    expect(gl.map((x) => x.credit)).toEqual([cents('2.13')]);
    const q = await taxSummary(s, { fromPeriod: '2026-06', toPeriod: '2026-06' });
    expect(q.output.map((x) => [x.templateName, x.taxable, x.tax])).toEqual([['VAT 6%', cents('17.75'), cents('1.07')], ['VAT 3%', cents('35.50'), cents('1.06')]]);
    expect(q.totals.outputTax).toBe(cents('2.13'));
    expect(q.accounts.find((a) => a.account === B['222101'])).toMatchObject({ fromInvoices: cents('2.13'), perLedger: cents('2.13'), difference: 0 });
  });

  it('a template with two tax lines reports one row per tax account with the same base (pure builder)', () => {
    const t = { id: 't', templateName: 'VAT + surcharge', templateNameZh: '', usage: 'sales', lines: [{ account: 'vat', ratePercent: '13', inclusive: false }, { account: 'sur', ratePercent: '1', inclusive: false }] };
    // 3 x 33.33 = 99.99: VAT 13.00 (12.9987), surcharge 1.00 (0.9999)
    const inv = { id: 'i', number: 'INV-1', status: 'submitted', deleted: 0, postingDate: '2026-06-01', customer: 'c', currency: 'CNY', exchangeRate: '1', isReturn: false, items: [{ qty: '3', rate: 3333, taxTemplate: 't', netAmount: 9999, taxAmount: 1400 }], taxes: [] };
    const q = buildTaxSummary({ fromPeriod: '2026-06', toPeriod: '2026-06', baseCurrency: 'CNY', sales: [inv as never], purchases: [], templates: [t], accounts: [{ id: 'vat', accountNumber: '1', accountName: 'VAT', accountNameZh: '' }, { id: 'sur', accountNumber: '2', accountName: 'Surcharge', accountNameZh: '' }], ledger: new Map() });
    expect(q.output.map((x) => [x.account, x.ratePercent, x.taxable, x.tax])).toEqual([['vat', '13', 9999, 1300], ['sur', '1', 9999, 100]]);
    expect([q.totals.outputTaxable, q.totals.outputTax]).toEqual([9999, 1400]);
  });
});
