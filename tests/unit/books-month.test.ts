/**
 * A worked month of a small tea trading company (CNY books, 小企业会计准则 chart), March 2026.
 * Every expected figure below was computed by hand from the documents, not by the code.
 *
 *  02-28 opening balances: cash 10,000.00; bank 200,000.00; stock 50,000.00;
 *        AR Hengda 11,300.00; AP Ningbo 5,650.00; paid-in capital 265,650.00
 *  03-03 PI-1 Ningbo: 1,000 tea @ 30.00 + 13% input VAT = 30,000.00 + 3,900.00 = 33,900.00
 *  03-05 SI-1 Hengda: 200 tea @ 80.00 (16,000.00 + VAT 2,080.00) + 10 cups @ 199.00
 *        (1,990.00 + VAT 258.70) = 17,990.00 + 2,338.70 = 20,328.70  (terms 10 days: due 03-15)
 *  03-08 SI-2 Xinyuan: 3 teapots @ 580.00 less 10% = 1,566.00 + VAT 203.58 = 1,769.58
 *  03-10 SI-3 Pacific Rim (USD, export, no VAT): 100 tea @ USD 12.50 = USD 1,250.00 at 7.10 = 8,875.00
 *  03-15 Hengda pays 20,000.00: 11,300.00 to the opening balance, 8,700.00 to SI-1 (partial)
 *  03-18 we pay Ningbo 40,000.00: 5,650.00 opening + 33,900.00 PI-1, 450.00 left as an advance
 *  03-20 Pacific Rim pays USD 1,250.00 at 7.20 = 9,000.00: clears 8,875.00, exchange gain 125.00
 *  03-22 SI-4 Xinyuan 100.00 + 13.00 VAT, then cancelled (reversing rows)
 *  03-25 credit note against SI-2: 1 teapot 580.00 less 10% = 522.00 + VAT 67.86 = 589.86
 *  03-31 rent 3,000.00 from the bank; cost of sales 9,720.00 (200x30 + 10x20 + 2x260 + 100x30)
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { newCompany } from '../fixtures/company';
import { cents, accounts, taxId, ledgerCounts } from '../fixtures/books';
import { createDoc, submitDoc, cancelDoc, getDoc, type Session, type BaseRecord } from '../../shared/api';
import {
  trialBalance, profitAndLoss, balanceSheet, generalLedger, agingReport, partyStatement, verifyBalances, getOutstanding,
  createAndSubmit, closeYear, setLockDate, rebuildBalances,
} from '../../shared/books';

let s: Session;
let A: Record<string, string>;
const docs: Record<string, BaseRecord> = {};
const party: Record<string, string> = {};

async function post(docType: string, input: Record<string, unknown>): Promise<BaseRecord> {
  return createAndSubmit(s, docType, input);
}

beforeAll(async () => {
  ({ s } = await newCompany());
  A = await accounts(s, '1', '2', '3', '1001', '1002', '1122', '1405', '2202', '222101', '222102', '3001', '5001', '5401', '5602', '560302', '310415');
  const vat = await taxId(s, 'VAT 13%');
  const inVat = await taxId(s, 'Input VAT 13%');
  party.hengda = (await createDoc(s, 'Customer', { customerName: 'Shanghai Hengda Trading', paymentTermsDays: 10 })).id;
  party.xinyuan = (await createDoc(s, 'Customer', { customerName: 'Beijing Xinyuan Retail' })).id;
  party.pacific = (await createDoc(s, 'Customer', { customerName: 'Pacific Rim Imports', currency: 'USD' })).id;
  party.ningbo = (await createDoc(s, 'Supplier', { supplierName: 'Ningbo Ocean Packaging' })).id;
  const tea = (await createDoc(s, 'Item', { itemCode: 'TEA-001', itemName: 'Longjing 250g', itemType: 'stock' })).id;
  const cup = (await createDoc(s, 'Item', { itemCode: 'CUP-010', itemName: 'Cup set', itemType: 'stock' })).id;
  const pot = (await createDoc(s, 'Item', { itemCode: 'POT-020', itemName: 'Teapot', itemType: 'stock' })).id;

  docs.opening = await post('JournalEntry', {
    postingDate: '2026-02-28', entryType: 'opening', remarks: 'Opening balances',
    lines: [
      { account: A['1001'], debit: '10000.00' },
      { account: A['1002'], debit: '200000.00' },
      { account: A['1405'], debit: '50000.00' },
      { account: A['1122'], debit: '11300.00', partyType: 'customer', party: party.hengda },
      { account: A['2202'], credit: '5650.00', partyType: 'supplier', party: party.ningbo },
      { account: A['3001'], credit: '265650.00' },
    ],
  });
  docs.pi1 = await post('PurchaseInvoice', { supplier: party.ningbo, billNo: 'NB-1', postingDate: '2026-03-03', items: [{ item: tea, qty: '1000', rate: '30.00', taxTemplate: inVat }] });
  docs.si1 = await post('SalesInvoice', { customer: party.hengda, postingDate: '2026-03-05', items: [{ item: tea, qty: '200', rate: '80.00', taxTemplate: vat }, { item: cup, qty: '10', rate: '199.00', taxTemplate: vat }] });
  docs.si2 = await post('SalesInvoice', { customer: party.xinyuan, postingDate: '2026-03-08', items: [{ item: pot, qty: '3', rate: '580.00', discountPercent: '10', taxTemplate: vat }] });
  docs.si3 = await post('SalesInvoice', { customer: party.pacific, postingDate: '2026-03-10', currency: 'USD', exchangeRate: '7.10', items: [{ item: tea, qty: '100', rate: '12.50' }] });
  docs.payHengda = await post('Payment', {
    paymentType: 'receive', customer: party.hengda, postingDate: '2026-03-15', amount: '20000.00', account: A['1002'],
    allocations: [{ referenceType: 'JournalEntry', referenceId: docs.opening.id, amount: '11300.00' }, { referenceType: 'SalesInvoice', referenceId: docs.si1.id, amount: '8700.00' }],
  });
  docs.payNingbo = await post('Payment', {
    paymentType: 'pay', supplier: party.ningbo, postingDate: '2026-03-18', amount: '40000.00', account: A['1002'],
    allocations: [{ referenceType: 'JournalEntry', referenceId: docs.opening.id, amount: '5650.00' }, { referenceType: 'PurchaseInvoice', referenceId: docs.pi1.id, amount: '33900.00' }],
  });
  docs.payPacific = await post('Payment', {
    paymentType: 'receive', customer: party.pacific, postingDate: '2026-03-20', currency: 'USD', exchangeRate: '7.20', amount: '1250.00', account: A['1002'],
    allocations: [{ referenceType: 'SalesInvoice', referenceId: docs.si3.id, amount: '1250.00' }],
  });
  docs.si4 = await post('SalesInvoice', { customer: party.xinyuan, postingDate: '2026-03-22', items: [{ description: 'Sample box', qty: '1', rate: '100.00', taxTemplate: vat }] });
  await cancelDoc(s, 'SalesInvoice', docs.si4.id, 'wrong customer');
  docs.cn = await post('SalesInvoice', { customer: party.xinyuan, postingDate: '2026-03-25', isReturn: true, returnAgainst: docs.si2.id, items: [{ item: pot, qty: '1', rate: '580.00', discountPercent: '10', taxTemplate: vat }] });
  await post('JournalEntry', { postingDate: '2026-03-31', remarks: 'Rent March', lines: [{ account: A['5602'], debit: '3000.00' }, { account: A['1002'], credit: '3000.00' }] });
  await post('JournalEntry', { postingDate: '2026-03-31', remarks: 'Cost of sales March', lines: [{ account: A['5401'], debit: '9720.00' }, { account: A['1405'], credit: '9720.00' }] });
});

describe('a worked month of a small trading company', () => {
  it('computes the invoice totals as written on the documents', () => {
    expect([docs.pi1.netTotal, docs.pi1.taxTotal, docs.pi1.grandTotal]).toEqual([cents('30000.00'), cents('3900.00'), cents('33900.00')]);
    expect([docs.si1.netTotal, docs.si1.taxTotal, docs.si1.grandTotal]).toEqual([cents('17990.00'), cents('2338.70'), cents('20328.70')]);
    expect(docs.si1.dueDate).toBe('2026-03-15');
    expect([docs.si2.discountTotal, docs.si2.netTotal, docs.si2.taxTotal, docs.si2.grandTotal]).toEqual([cents('174.00'), cents('1566.00'), cents('203.58'), cents('1769.58')]);
    expect([docs.si3.grandTotal, docs.si3.baseGrandTotal]).toEqual([cents('1250.00'), cents('8875.00')]);
    expect([docs.cn.netTotal, docs.cn.taxTotal, docs.cn.grandTotal]).toEqual([cents('522.00'), cents('67.86'), cents('589.86')]);
    expect([docs.payNingbo.unallocated, docs.payPacific.baseAmount]).toEqual([cents('450.00'), cents('9000.00')]);
  });

  it('trial balance for March: opening, period movements and closing per account equal the hand figures', async () => {
    const tb = await trialBalance(s, { fromPeriod: '2026-03', toPeriod: '2026-03' });
    const by = new Map(tb.rows.map((r) => [r.accountNumber, r]));
    // account: [opening Dr, opening Cr, period Dr, period Cr, closing Dr, closing Cr]
    const expected: Record<string, string[]> = {
      '1001': ['10000.00', '0.00', '0.00', '0.00', '10000.00', '0.00'],
      '1002': ['200000.00', '0.00', '29000.00', '43000.00', '186000.00', '0.00'],
      '1122': ['11300.00', '0.00', '31086.28', '29577.86', '12808.42', '0.00'],
      '1405': ['50000.00', '0.00', '30000.00', '9720.00', '70280.00', '0.00'],
      '222101': ['0.00', '0.00', '80.86', '2555.28', '0.00', '2474.42'],
      '222102': ['0.00', '0.00', '3900.00', '0.00', '3900.00', '0.00'],
      '2202': ['0.00', '5650.00', '40000.00', '33900.00', '450.00', '0.00'],
      '3001': ['0.00', '265650.00', '0.00', '0.00', '0.00', '265650.00'],
      '5001': ['0.00', '0.00', '622.00', '28531.00', '0.00', '27909.00'],
      '5401': ['0.00', '0.00', '9720.00', '0.00', '9720.00', '0.00'],
      '5602': ['0.00', '0.00', '3000.00', '0.00', '3000.00', '0.00'],
      '560302': ['0.00', '0.00', '0.00', '125.00', '0.00', '125.00'],
    };
    for (const [num, want] of Object.entries(expected)) {
      const r = by.get(num)!;
      expect([r.openingDebit, r.openingCredit, r.periodDebit, r.periodCredit, r.closingDebit, r.closingCredit], num).toEqual(want.map(cents));
    }
    const leaves = tb.rows.filter((r) => !r.isGroup).map((r) => r.accountNumber).sort();
    expect(leaves).toEqual(Object.keys(expected).sort());
    expect(tb.totals).toEqual({
      openingDebit: cents('271300.00'), openingCredit: cents('271300.00'),
      periodDebit: cents('147409.14'), periodCredit: cents('147409.14'),
      closingDebit: cents('296158.42'), closingCredit: cents('296158.42'),
    });
    // groups roll up: 2221 taxes payable = output 2,474.42 Cr - input 3,900.00 Dr = 1,425.58 Dr
    expect(by.get('2221')!.closingDebit).toBe(cents('1425.58'));
    expect(by.get('1')!.closingDebit).toBe(cents('279088.42'));
  });

  it('profit and loss for March', async () => {
    const pl = await profitAndLoss(s, { fromPeriod: '2026-03', toPeriod: '2026-03' });
    expect(pl.totalIncome).toBe(cents('27909.00'));
    expect(pl.totalExpense).toBe(cents('12595.00')); // 9,720.00 + 3,000.00 - 125.00 exchange gain
    expect(pl.netProfit).toBe(cents('15314.00'));
    expect(pl.expense.find((r) => r.accountNumber === '5603')!.amount).toBe(cents('-125.00'));
  });

  it('balance sheet at the end of March balances: assets = liabilities + equity + current profit', async () => {
    const bs = await balanceSheet(s, { asOfPeriod: '2026-03' });
    expect(bs.totalAssets).toBe(cents('279088.42'));
    expect(bs.totalLiabilities).toBe(cents('-1875.58')); // 2,474.42 - 3,900.00 - 450.00 (supplier advance)
    expect(bs.totalEquity).toBe(cents('265650.00'));
    expect(bs.currentProfit).toBe(cents('15314.00'));
    expect(bs.totalLiabilitiesAndEquity).toBe(bs.totalAssets);
    expect(bs.balanced).toBe(true);
    // February: only the opening balances
    const feb = await balanceSheet(s, { asOfPeriod: '2026-02' });
    expect([feb.totalAssets, feb.totalLiabilities, feb.totalEquity, feb.currentProfit]).toEqual([cents('271300.00'), cents('5650.00'), cents('265650.00'), 0]);
  });

  it('outstanding per invoice comes from the payment ledger', async () => {
    const out = async (t: string, id: string) => (await getOutstanding(s, t, id)).amount;
    expect(await out('SalesInvoice', docs.si1.id)).toBe(cents('11628.70'));
    expect(await out('SalesInvoice', docs.si2.id)).toBe(cents('1179.72'));
    expect(await out('SalesInvoice', docs.si3.id)).toBe(0);
    expect(await out('SalesInvoice', docs.si4.id)).toBe(0);
    expect(await out('PurchaseInvoice', docs.pi1.id)).toBe(0);
    expect(await out('JournalEntry', docs.opening.id)).toBe(0);
    expect(await out('Payment', docs.payNingbo.id)).toBe(cents('-450.00'));
    const si3 = await getOutstanding(s, 'SalesInvoice', docs.si3.id);
    expect(si3.amountBase).toBe(0); // the USD receivable is fully cleared in CNY too
  });

  it('refuses to cancel an invoice that payments settle, and writes nothing', async () => {
    const before = await ledgerCounts(s);
    await expect(cancelDoc(s, 'SalesInvoice', docs.si1.id)).rejects.toMatchObject({ code: 'error.invoice_has_payments' });
    await expect(cancelDoc(s, 'SalesInvoice', docs.si2.id)).rejects.toMatchObject({ code: 'error.invoice_has_payments', params: { payments: docs.cn.number } });
    expect(await ledgerCounts(s)).toEqual(before);
    expect((await getDoc(s, 'SalesInvoice', docs.si1.id)).status).toBe('submitted');
  });

  it('general ledger of receivables traces every figure to its source document', async () => {
    const gl = await generalLedger(s, { account: A['1122'], fromDate: '2026-03-01', toDate: '2026-03-31' });
    expect(gl.opening).toBe(cents('11300.00'));
    expect(gl.closing).toBe(cents('12808.42'));
    expect([gl.totalDebit, gl.totalCredit]).toEqual([cents('31086.28'), cents('29577.86')]);
    expect(gl.rows.map((r) => r.voucherType)).toEqual(['SalesInvoice', 'SalesInvoice', 'SalesInvoice', 'Payment', 'Payment', 'SalesInvoice', 'SalesInvoice', 'SalesInvoice']);
    expect(gl.rows[gl.rows.length - 1].balance).toBe(gl.closing);
    for (const r of gl.rows) expect((await getDoc(s, r.voucherType, r.voucherId)).number).toBe(r.voucherNumber);
    // the USD invoice's row keeps its transaction currency and rate
    const usd = gl.rows.find((r) => r.voucherId === docs.si3.id)!;
    expect([usd.currency, usd.debitFc, usd.exchangeRate, usd.debit]).toEqual(['USD', cents('1250.00'), '7.1', cents('8875.00')]);
    // a group account shows all its leaves
    const cash = await generalLedger(s, { account: A['1'], fromDate: '2026-03-16', toDate: '2026-03-31' });
    expect(cash.opening + cash.totalDebit - cash.totalCredit).toBe(cents('279088.42'));
  });

  it('AR and AP aging as of 31 March', async () => {
    const ar = await agingReport(s, { partyType: 'customer', asOf: '2026-03-31' });
    expect(ar.rows.map((r) => [r.partyName, r.current, r.d1_30, r.total])).toEqual([
      ['Beijing Xinyuan Retail', cents('1179.72'), 0, cents('1179.72')],
      ['Shanghai Hengda Trading', 0, cents('11628.70'), cents('11628.70')],
    ]);
    expect(ar.totals.total).toBe(cents('12808.42')); // = the receivable account's balance
    expect(ar.rows[1].documents).toMatchObject([{ againstType: 'SalesInvoice', againstId: docs.si1.id, daysOverdue: 16 }]);
    const ap = await agingReport(s, { partyType: 'supplier', asOf: '2026-03-31' });
    expect(ap.totals.total).toBe(cents('-450.00'));
    // as of 10 March nothing had been paid yet
    const early = await agingReport(s, { partyType: 'customer', asOf: '2026-03-10' });
    expect(early.totals.total).toBe(cents('11300.00') + cents('20328.70') + cents('1769.58') + cents('8875.00'));
  });

  it('customer statement', async () => {
    const st = await partyStatement(s, { partyType: 'customer', party: party.hengda, fromDate: '2026-03-01', toDate: '2026-03-31' });
    expect(st.opening).toBe(cents('11300.00'));
    expect(st.lines.map((l) => [l.voucherNumber, l.debit, l.credit, l.balance])).toEqual([
      [docs.si1.number, cents('20328.70'), 0, cents('31628.70')],
      [docs.payHengda.number, 0, cents('20000.00'), cents('11628.70')],
    ]);
  });

  it('balances agree with the ledger and rebuild to the same figures', async () => {
    expect(await verifyBalances(s)).toEqual([]);
    const before = await trialBalance(s, { fromPeriod: '2026-03', toPeriod: '2026-03' });
    await rebuildBalances(s);
    expect(await verifyBalances(s)).toEqual([]);
    expect(await trialBalance(s, { fromPeriod: '2026-03', toPeriod: '2026-03' })).toEqual(before);
  });

  it('lock date: nothing can be posted or cancelled on or before it', async () => {
    await setLockDate(s, '2026-03-31');
    const before = await ledgerCounts(s);
    await expect(cancelDoc(s, 'Payment', docs.payPacific.id)).rejects.toMatchObject({ code: 'error.period_locked' });
    const je = await createDoc(s, 'JournalEntry', { postingDate: '2026-03-31', lines: [{ account: A['5602'], debit: '1.00' }, { account: A['1001'], credit: '1.00' }] });
    const mid = await ledgerCounts(s);
    await expect(submitDoc(s, 'JournalEntry', je.id)).rejects.toMatchObject({ code: 'error.period_locked' });
    expect(await ledgerCounts(s)).toEqual(mid);
    expect(mid.gl_entries).toBe(before.gl_entries);
    await updateAndSubmit(je.id, '2026-04-01');
    await setLockDate(s, '');
  });

  it('year-end close moves income and expense to undistributed profit (period 13)', async () => {
    const je = await closeYear(s, 2026);
    expect(je.entryType).toBe('closing');
    // the year's P&L still shows the result; the balance sheet after the close has it in equity
    const pl = await profitAndLoss(s, { fromPeriod: '2026-01', toPeriod: '2026-12' });
    expect(pl.netProfit).toBe(cents('15313.00')); // March 15,314.00 - 1.00 posted in April
    const bs = await balanceSheet(s, { asOfPeriod: '2026-13' });
    expect(bs.currentProfit).toBe(0);
    expect(bs.equity.find((r) => r.accountNumber === '310415')!.amount).toBe(cents('15313.00'));
    expect(bs.balanced).toBe(true);
    const next = await trialBalance(s, { fromPeriod: '2027-01', toPeriod: '2027-01' });
    expect(next.rows.filter((r) => ['income', 'expense'].includes(r.rootType))).toEqual([]);
    await expect(closeYear(s, 2026)).rejects.toMatchObject({ code: 'error.year_already_closed' });
    expect(await verifyBalances(s)).toEqual([]);
  });
});

async function updateAndSubmit(id: string, date: string): Promise<void> {
  const { updateDoc } = await import('../../shared/api');
  const d = await getDoc(s, 'JournalEntry', id);
  await updateDoc(s, 'JournalEntry', id, { ...d, postingDate: date });
  await submitDoc(s, 'JournalEntry', id);
}
