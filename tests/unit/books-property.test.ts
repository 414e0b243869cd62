/**
 * Property: any sequence of valid postings (journal entries, VAT invoices in CNY or USD at
 * random rates, payments, cancellations) keeps the ledger balanced and the derived balance
 * table equal to a rebuild from the ledger.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { newCompany } from '../fixtures/company';
import { accounts, taxId } from '../fixtures/books';
import { createDoc, cancelDoc, allocate, type BaseRecord } from '../../shared/api';
import { createAndSubmit, verifyBalances, trialBalance, getOutstanding, type GlEntry } from '../../shared/books';

const LEAVES = ['1001', '1002', '1405', '2241', '3001', '5001', '5602', '560303'];

const journal = fc.record({
  kind: fc.constant('journal' as const),
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 4 }),
  debits: fc.array(fc.record({ acc: fc.constantFrom(...LEAVES), amount: fc.integer({ min: 1, max: 10_000_000_00 }) }), { minLength: 1, maxLength: 3 }),
  credits: fc.array(fc.record({ acc: fc.constantFrom(...LEAVES), weight: fc.integer({ min: 1, max: 100 }) }), { minLength: 1, maxLength: 3 }),
  cancel: fc.boolean(),
});

const invoice = fc.record({
  kind: fc.constant('invoice' as const),
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 4 }),
  usd: fc.boolean(),
  rate: fc.integer({ min: 60000, max: 80000 }).map((r) => (r / 10000).toString()),
  lines: fc.array(fc.record({ qty: fc.integer({ min: 1, max: 3000 }).map((q) => (q / 100).toString()), rate: fc.integer({ min: 1, max: 5_000_00 }), disc: fc.constantFrom('0', '5', '12.5'), vat: fc.boolean() }), { minLength: 1, maxLength: 4 }),
  payPart: fc.integer({ min: 0, max: 100 }),
  payRate: fc.integer({ min: 60000, max: 80000 }).map((r) => (r / 10000).toString()),
  cancel: fc.boolean(),
});

describe('ledger invariants under random valid postings', () => {
  it('debits = credits, balances = rebuild, trial balance totals agree', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(journal, invoice), { minLength: 1, maxLength: 6 }), async (ops) => {
        const { s } = await newCompany();
        const A = await accounts(s, ...LEAVES, '1002');
        const vat = await taxId(s, 'VAT 13%');
        const cny = (await createDoc(s, 'Customer', { customerName: 'CNY customer' })).id;
        const usd = (await createDoc(s, 'Customer', { customerName: 'USD customer', currency: 'USD' })).id;
        for (const op of ops) {
          const date = `2026-${String(op.month).padStart(2, '0')}-${String(op.day).padStart(2, '0')}`;
          if (op.kind === 'journal') {
            const total = op.debits.reduce((t, d) => t + d.amount, 0);
            const parts = allocate({ minor: total, currency: 'CNY' }, op.credits.map((c) => c.weight));
            const lines = [
              ...op.debits.map((d) => ({ account: A[d.acc], debit: d.amount, credit: 0 })),
              ...op.credits.map((c, i) => ({ account: A[c.acc], debit: 0, credit: parts[i].minor })),
            ].filter((l) => l.debit > 0 || l.credit > 0);
            const je = await createAndSubmit(s, 'JournalEntry', { postingDate: date, lines });
            if (op.cancel) await cancelDoc(s, 'JournalEntry', je.id);
          } else {
            const inv = await createAndSubmit(s, 'SalesInvoice', {
              customer: op.usd ? usd : cny, postingDate: date, currency: op.usd ? 'USD' : 'CNY', exchangeRate: op.rate,
              items: op.lines.map((l) => ({ description: 'x', qty: l.qty, rate: l.rate, discountPercent: l.disc, taxTemplate: l.vat ? vat : '' })),
            });
            const amount = Math.floor(((inv.grandTotal as number) * op.payPart) / 100);
            let pay: BaseRecord | undefined;
            if (amount > 0) pay = await createAndSubmit(s, 'Payment', { paymentType: 'receive', customer: op.usd ? usd : cny, postingDate: date, currency: op.usd ? 'USD' : 'CNY', exchangeRate: op.payRate, amount, account: A['1002'], allocations: [{ referenceType: 'SalesInvoice', referenceId: inv.id, amount }] });
            const open = await getOutstanding(s, 'SalesInvoice', inv.id);
            expect(open.amount).toBe((inv.grandTotal as number) - amount);
            if (amount === inv.grandTotal) expect(open.amountBase).toBe(0);
            if (op.cancel) {
              if (pay) await cancelDoc(s, 'Payment', pay.id);
              await cancelDoc(s, 'SalesInvoice', inv.id);
            }
          }
        }
        const rows = await s.db.t<GlEntry>('gl_entries').toArray();
        expect(rows.reduce((t, r) => t + r.debit, 0)).toBe(rows.reduce((t, r) => t + r.credit, 0));
        for (const r of rows) expect(Number.isSafeInteger(r.debit) && Number.isSafeInteger(r.credit) && r.debit >= 0 && r.credit >= 0).toBe(true);
        // every voucher balances on its own
        const byVoucher = new Map<string, number>();
        for (const r of rows) byVoucher.set(r.voucherId + r.isReversal, (byVoucher.get(r.voucherId + r.isReversal) ?? 0) + r.debit - r.credit);
        for (const v of byVoucher.values()) expect(v).toBe(0);
        expect(await verifyBalances(s)).toEqual([]);
        const tb = await trialBalance(s, { fromPeriod: '2026-01', toPeriod: '2026-04' });
        expect(tb.totals.periodDebit).toBe(tb.totals.periodCredit);
        expect(tb.totals.closingDebit).toBe(tb.totals.closingCredit);
        s.db.close();
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
