/**
 * Books benchmarks, each beside a raw-Dexie floor measured in the same run:
 * - sales invoices posted per second through the services (createDoc + submitDoc: one line with
 *   13% VAT -> invoice record, 3 GL rows, 3 account-balance updates, a payment-ledger row, audit
 *   rows and outbox changes), versus raw Dexie doing the same writes in the same two
 *   transactions (create: series + invoice + audit + outbox; submit: invoice + GL rows + balances
 *   + payment ledger + audit + outbox). 1,000 invoices (large: 10,000).
 * - trial balance, P&L and balance sheet over 100,000 GL rows (large: 1,000,000) seeded with raw
 *   bulkAdd (setup, not measured) together with the account_balances rows they sum to, versus a
 *   raw indexed read of the balance table for the same range; plus one account's GL detail for a
 *   month versus a raw [account+postingDate] range read.
 */
import { createDoc, submitDoc, type Session } from '../../../shared/api';
import { newId } from '../../../shared/kernel/ids';
import { BALANCE_TABLE, GL_TABLE, PL_TABLE, balanceKey, findAccount, findTaxTemplate, generalLedger, profitAndLoss, balanceSheet, trialBalance, type AccountBalance, type GlEntry } from '../../../shared/books';
import { registerScenario, result, medianMs, type BenchContext } from '../harness';
import { benchCompany } from '../company';

async function invoiceRate(s: Session, ctx: BenchContext) {
  const n = ctx.large ? 10_000 : 1_000;
  const customer = await createDoc(s, 'Customer', { customerName: 'Bench Tea House', paymentTermsDays: 30 });
  const vat = await findTaxTemplate(s, 'VAT 13%');
  const ar = (await findAccount(s, '1122')).id;
  const income = (await findAccount(s, '5001')).id;
  const outVat = (await findAccount(s, '222101')).id;
  const db = s.db;
  const now = () => new Date().toISOString();

  // floor: the same writes with raw Dexie, in the same two transactions per invoice
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const id = newId();
    const date = `2026-03-${String((i % 28) + 1).padStart(2, '0')}`;
    const inv: Record<string, unknown> = { id, number: `RAW-INV-${i}`, status: 'draft', deleted: 0, branchId: s.branchId, customer: customer.id, postingDate: date, dueDate: date, currency: 'CNY', exchangeRate: '1', debitTo: ar, items: [{ id: newId(), description: 'Tea', qty: '2', rate: 100000, taxTemplate: vat.id, incomeAccount: income, amount: 200000, netAmount: 200000, taxAmount: 26000 }], taxes: [{ account: outVat, amount: 26000 }], netTotal: 200000, taxTotal: 26000, grandTotal: 226000, baseGrandTotal: 226000, modifiedAt: now(), _rev: 1 };
    await db.transaction('rw', ['sales_invoices', 'series', 'audit', 'outbox'], async (tx) => {
      const ser = await tx.table('series').get('RAW-INV');
      await tx.table('series').put({ key: 'RAW-INV', next: (ser?.next ?? 0) + 1 });
      await tx.table('sales_invoices').put(inv);
      const audit = { id: newId(), at: now(), docType: 'SalesInvoice', docId: id, userId: 'u', action: 'create', changes: [] };
      await tx.table('audit').add(audit);
      await tx.table('outbox').bulkAdd([{ changeId: newId(), table: 'sales_invoices', data: inv }, { changeId: newId(), table: 'audit', data: audit }]);
    });
    await db.transaction('rw', ['sales_invoices', GL_TABLE, BALANCE_TABLE, PL_TABLE, 'accounts', 'audit', 'outbox'], async (tx) => {
      const rec = await tx.table('sales_invoices').get(id);
      await tx.table('accounts').bulkGet([ar, income, outVat]);
      await tx.table('sales_invoices').put({ ...rec, status: 'submitted', _rev: 2 });
      const base = { postingDate: date, period: date.slice(0, 7), currency: 'CNY', exchangeRate: '1', voucherType: 'SalesInvoice', voucherId: id, voucherNumber: inv.number, branchId: s.branchId, isReversal: false, against: '', remarks: '', createdAt: now() };
      const gl = [
        { ...base, id: newId(), account: ar, debit: 226000, credit: 0, debitFc: 226000, creditFc: 0, partyType: 'customer', party: customer.id },
        { ...base, id: newId(), account: income, debit: 0, credit: 200000, debitFc: 0, creditFc: 200000, partyType: '', party: '' },
        { ...base, id: newId(), account: outVat, debit: 0, credit: 26000, debitFc: 0, creditFc: 26000, partyType: '', party: '' },
      ];
      await tx.table(GL_TABLE).bulkAdd(gl);
      const keys = gl.map((r) => balanceKey(r.account, r.period, r.branchId));
      const cur = await tx.table(BALANCE_TABLE).bulkGet(keys);
      await tx.table(BALANCE_TABLE).bulkPut(gl.map((r, k) => ({ key: keys[k], account: r.account, period: r.period, branchId: r.branchId, debit: (cur[k]?.debit ?? 0) + r.debit, credit: (cur[k]?.credit ?? 0) + r.credit })));
      const pl = { id: newId(), postingDate: date, dueDate: date, partyType: 'customer', party: customer.id, account: ar, voucherType: 'SalesInvoice', voucherId: id, voucherNumber: inv.number, againstType: 'SalesInvoice', againstId: id, againstNumber: inv.number, amount: 226000, currency: 'CNY', amountBase: 226000, isReversal: false, branchId: s.branchId, createdAt: now() };
      await tx.table(PL_TABLE).add(pl);
      const audit = { id: newId(), at: now(), docType: 'SalesInvoice', docId: id, userId: 'u', action: 'submit', changes: [] };
      await tx.table('audit').add(audit);
      await tx.table('outbox').bulkAdd([{ changeId: newId(), table: 'sales_invoices', data: rec }, ...gl.map((r) => ({ changeId: newId(), table: GL_TABLE, data: r })), { changeId: newId(), table: PL_TABLE, data: pl }, { changeId: newId(), table: 'audit', data: audit }]);
    });
  }
  const rawRate = n / ((performance.now() - t0) / 1000);
  ctx.log(`raw: ${rawRate.toFixed(1)} invoices/s`);

  const t1 = performance.now();
  for (let i = 0; i < n; i++) {
    const inv = await createDoc(s, 'SalesInvoice', { customer: customer.id, postingDate: `2026-03-${String((i % 28) + 1).padStart(2, '0')}`, items: [{ description: 'Tea', qty: '2', rate: '1000.00', taxTemplate: vat.id }] });
    await submitDoc(s, 'SalesInvoice', inv.id);
  }
  const svcRate = n / ((performance.now() - t1) / 1000);
  ctx.log(`services: ${svcRate.toFixed(1)} invoices/s`);
  return result(`books: sales invoices created + submitted per second, ${n.toLocaleString('en')} (services vs raw Dexie txs of same shape)`, svcRate, 'inv/s', rawRate);
}

/**
 * Raw seed of `total` GL rows as balanced two-line vouchers over 24 months (2024-01..2025-12)
 * across income, expense, asset and liability leaves, and the account_balances rows they sum
 * to (so the reports and verifyBalances agree with the ledger).
 */
async function seedLedger(s: Session, total: number, ctx: BenchContext): Promise<{ bank: string }> {
  const num = async (n: string) => (await findAccount(s, n)).id;
  const bank = await num('1002');
  const pairs: [string, string][] = [
    [await num('1122'), await num('5001')], // sale on credit
    [bank, await num('1122')], // receipt
    [await num('5602'), bank], // admin expense paid
    [await num('1405'), await num('2202')], // purchase on credit
    [await num('2202'), bank], // supplier paid
    [await num('5601'), await num('1001')], // selling expense in cash
  ];
  const balances = new Map<string, AccountBalance>();
  const CHUNK = 10_000;
  const t0 = performance.now();
  for (let start = 0; start < total; start += CHUNK) {
    const rows: GlEntry[] = [];
    for (let i = start; i < Math.min(total, start + CHUNK); i += 2) {
      const v = i / 2;
      const month = v % 24;
      const period = `${2024 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
      const postingDate = `${period}-${String((v % 28) + 1).padStart(2, '0')}`;
      // independent of the month (24 is a multiple of 6): every month gets every kind of voucher
      const [dr, cr] = pairs[Math.floor(v / 24) % pairs.length];
      const amount = 1000 + ((v * 7919) % 500_000);
      const voucherId = newId();
      const base = { postingDate, period, currency: 'CNY', exchangeRate: '1', partyType: '' as const, party: '', voucherType: 'JournalEntry', voucherId, voucherNumber: `SEED-${v}`, branchId: s.branchId, isReversal: false, against: '', remarks: '', createdAt: '' };
      rows.push({ ...base, id: newId(), account: dr, debit: amount, credit: 0, debitFc: amount, creditFc: 0 }, { ...base, id: newId(), account: cr, debit: 0, credit: amount, debitFc: 0, creditFc: amount });
      for (const [acc, d, c] of [[dr, amount, 0], [cr, 0, amount]] as const) {
        const key = balanceKey(acc, period, s.branchId);
        const b = balances.get(key) ?? { key, account: acc, period, branchId: s.branchId, debit: 0, credit: 0 };
        b.debit += d;
        b.credit += c;
        balances.set(key, b);
      }
    }
    await s.db.t(GL_TABLE).bulkAdd(rows as unknown as Record<string, unknown>[]);
  }
  // the posting benchmark already wrote balances for 2026-03: add to, never overwrite
  const existing = await s.db.t<AccountBalance>(BALANCE_TABLE).bulkGet([...balances.keys()]);
  await s.db.t(BALANCE_TABLE).bulkPut([...balances.values()].map((b, i) => ({ ...b, debit: b.debit + (existing[i]?.debit ?? 0), credit: b.credit + (existing[i]?.credit ?? 0) })));
  ctx.log(`seeded ${total.toLocaleString('en')} GL rows, ${balances.size} balance rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { bank };
}

async function reports(s: Session, ctx: BenchContext) {
  const total = ctx.large ? 1_000_000 : 100_000;
  const { bank } = await seedLedger(s, total, ctx);
  const size = `${total.toLocaleString('en')} GL rows`;
  const bal = s.db.t<AccountBalance>(BALANCE_TABLE);
  const gl = s.db.t<GlEntry>(GL_TABLE);
  const q = { fromPeriod: '2025-01', toPeriod: '2025-12' };
  // warm-up (the database has just taken 100,000+ inserts): one untimed call of each
  await Promise.all([trialBalance(s, q), profitAndLoss(s, q), balanceSheet(s, { asOfPeriod: q.toPeriod }), bal.where('period').between('', q.toPeriod, true, true).toArray()]);
  const rawYear = await medianMs(9, () => bal.where('period').between(q.fromPeriod, q.toPeriod, true, true).toArray());
  const rawToDate = await medianMs(9, () => bal.where('period').between('', q.toPeriod, true, true).toArray());
  const tb = await medianMs(9, () => trialBalance(s, q));
  const pl = await medianMs(9, () => profitAndLoss(s, q));
  const bs = await medianMs(9, () => balanceSheet(s, { asOfPeriod: q.toPeriod }));
  const rawGl = await medianMs(9, () => gl.where('[account+postingDate]').between([bank, '2025-06-01'], [bank, '2025-06-30'], true, true).toArray());
  const glDetail = await medianMs(9, () => generalLedger(s, { account: bank, fromDate: '2025-06-01', toDate: '2025-06-30' }));
  const glRows = (await generalLedger(s, { account: bank, fromDate: '2025-06-01', toDate: '2025-06-30' })).rows.length;
  ctx.log(`raw balance read year ${rawYear.toFixed(1)} ms, to date ${rawToDate.toFixed(1)} ms; TB ${tb.toFixed(1)} ms, P&L ${pl.toFixed(1)} ms, BS ${bs.toFixed(1)} ms; GL ${glRows} rows ${glDetail.toFixed(1)} ms (raw ${rawGl.toFixed(1)} ms)`);
  return [
    result(`books: trial balance of a year over ${size} (vs raw balance-table read, opening + year)`, tb, 'ms', rawToDate),
    result(`books: profit and loss of a year over ${size} (vs raw balance-table read of the year)`, pl, 'ms', rawYear),
    result(`books: balance sheet over ${size} (vs raw balance-table read up to the period)`, bs, 'ms', rawToDate),
    result(`books: GL detail of the bank account for a month (${glRows} rows) over ${size} (vs raw index range read)`, glDetail, 'ms', rawGl),
  ];
}

registerScenario({
  name: 'books',
  async run(ctx) {
    const s = await benchCompany('books');
    const out = [await invoiceRate(s, ctx)];
    out.push(...(await reports(s, ctx)));
    return out;
  },
});

