/**
 * The pure books rules, table-driven: tax arithmetic, invoice, payment and journal posting.
 * Accounts are plain names here; the rules never read the database.
 */
import { describe, it, expect } from 'vitest';
import {
  computeLine, computeTotals, postSalesInvoice, postPurchaseInvoice, postPayment, postJournalEntry, assertBalanced,
  addRoundingLine, toBase, type InvoicePostingInput, type PostingLine,
} from '../../shared/books';
import { DomainError } from '../../shared/api';

const VAT13 = { account: 'vat', ratePercent: '13', inclusive: false };
const VAT13_INCL = { account: 'vat', ratePercent: '13', inclusive: true };

/** [account, debit, credit] triples, for readable expectations. */
const rows = (lines: PostingLine[]) => lines.map((l) => [l.account, l.debit, l.credit]);

describe('tax and line arithmetic (half-up per line)', () => {
  const cases: { name: string; qty: string; rate: number; disc?: string; taxes: typeof VAT13[]; want: [number, number, number, number, number] }[] = [
    // want: amount, discount, net, tax, gross (minor units)
    { name: '3 x 10.00 + 13%', qty: '3', rate: 1000, taxes: [VAT13], want: [3000, 0, 3000, 390, 3390] },
    { name: '10 x 199.00 + 13% (258.70)', qty: '10', rate: 19900, taxes: [VAT13], want: [199000, 0, 199000, 25870, 224870] },
    { name: 'half-up on tax: 0.50 x 13% = 0.065 -> 0.07', qty: '1', rate: 50, taxes: [VAT13], want: [50, 0, 50, 7, 57] },
    { name: 'half-up on quantity: 2.5 x 0.33 = 0.825 -> 0.83', qty: '2.5', rate: 33, taxes: [], want: [83, 0, 83, 0, 83] },
    { name: '10% discount then 13%', qty: '3', rate: 58000, disc: '10', taxes: [VAT13], want: [174000, 17400, 156600, 20358, 176958] },
    { name: 'inclusive 13%: 113.00 gross = 100.00 + 13.00', qty: '1', rate: 11300, taxes: [VAT13_INCL], want: [11300, 0, 10000, 1300, 11300] },
    { name: 'inclusive 13% of 10.00: tax 1.15, net 8.85', qty: '1', rate: 1000, taxes: [VAT13_INCL], want: [1000, 0, 885, 115, 1000] },
    { name: 'no tax', qty: '4', rate: 2500, taxes: [], want: [10000, 0, 10000, 0, 10000] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const l = computeLine({ qty: c.qty, rate: c.rate, discountPercent: c.disc, taxes: c.taxes });
      expect([l.amount, l.discount, l.net, l.tax, l.gross]).toEqual(c.want);
    });
  }

  it('document totals are sums of the rounded lines (three lines of 0.50 + 13%: 0.21 tax, not 0.20)', () => {
    const t = computeTotals([0, 1, 2].map(() => ({ qty: '1', rate: 50, taxes: [VAT13] })));
    expect([t.netTotal, t.taxTotal, t.grandTotal]).toEqual([150, 21, 171]);
    expect(t.taxes).toEqual([{ account: 'vat', amount: 21 }]);
  });

  it('converts to base half-up, across minor-unit exponents', () => {
    expect(toBase(125000, '7.1')).toBe(887500);
    expect(toBase(1, '7.125')).toBe(7); // 0.07125 CNY -> 0.07
    expect(toBase(10000, '0.0485', 0, 2)).toBe(48500); // JPY 10,000 at 0.0485 = CNY 485.00
  });
});

function invoice(over: Partial<InvoicePostingInput> = {}): InvoicePostingInput {
  return {
    currency: 'CNY', exchangeRate: '1', currencyMinorUnits: 2, baseMinorUnits: 2,
    partyAccount: 'ar', partyType: 'customer', party: 'c1', grandTotal: 0, partyBase: 0,
    lines: [], taxes: [], roundingAccount: 'round', isReturn: false, ...over,
  };
}

describe('invoice posting rules', () => {
  it('a 13% VAT sales invoice of 3 lines posts Dr receivable / Cr income (merged per account) / Cr output VAT', () => {
    const t = computeTotals([
      { qty: '200', rate: 8000, taxes: [VAT13] },
      { qty: '10', rate: 19900, taxes: [VAT13] },
      { qty: '1', rate: 50, taxes: [VAT13] },
    ]);
    const lines = postSalesInvoice(invoice({ grandTotal: t.grandTotal, partyBase: t.grandTotal, lines: [{ account: 'sales', net: 1600000 }, { account: 'sales', net: 199000 }, { account: 'other', net: 50 }], taxes: t.taxes }));
    expect(rows(lines)).toEqual([
      ['ar', 2032927, 0],
      ['sales', 0, 1799000],
      ['other', 0, 50],
      ['vat', 0, 233877],
    ]);
    expect(lines[0]).toMatchObject({ partyType: 'customer', party: 'c1' });
    assertBalanced(lines);
  });

  it('a credit note swaps the sides', () => {
    const lines = postSalesInvoice(invoice({ isReturn: true, grandTotal: 58986, partyBase: 58986, lines: [{ account: 'sales', net: 52200 }], taxes: [{ account: 'vat', amount: 6786 }] }));
    expect(rows(lines)).toEqual([['ar', 0, 58986], ['sales', 52200, 0], ['vat', 6786, 0]]);
  });

  it('a purchase invoice posts Dr stock / Dr input VAT / Cr payable', () => {
    const lines = postPurchaseInvoice(invoice({ partyAccount: 'ap', partyType: 'supplier', party: 's1', grandTotal: 3390000, partyBase: 3390000, lines: [{ account: 'stock', net: 3000000 }], taxes: [{ account: 'input-vat', amount: 390000 }] }));
    expect(rows(lines)).toEqual([['ap', 0, 3390000], ['stock', 3000000, 0], ['input-vat', 390000, 0]]);
  });

  it('a foreign invoice converts each line; the conversion difference goes to the rounding account', () => {
    // USD 0.33 + 0.33 + 0.34 = 1.00 at 7.125: lines 2.35 + 2.35 + 2.42 = 7.12, party 7.13 -> 0.01 rounding
    const lines = postSalesInvoice(invoice({ currency: 'USD', exchangeRate: '7.125', grandTotal: 100, partyBase: toBase(100, '7.125'), lines: [{ account: 'a', net: 33 }, { account: 'b', net: 33 }, { account: 'c', net: 34 }] }));
    expect(rows(lines)).toEqual([['ar', 713, 0], ['a', 0, 235], ['b', 0, 235], ['c', 0, 242], ['round', 0, 1]]);
    expect(lines[0]).toMatchObject({ currency: 'USD', debitFc: 100, exchangeRate: '7.125' });
  });

  it('refuses a difference larger than conversion can explain', () => {
    expect(() => addRoundingLine([{ account: 'a', debit: 100, credit: 0 }, { account: 'b', debit: 0, credit: 90 }], 'round', 2)).toThrowError(DomainError);
  });
});

describe('payment posting rule', () => {
  const base = { currency: 'CNY', exchangeRate: '1', currencyMinorUnits: 2, baseMinorUnits: 2, bankAccount: 'bank', partyAccount: 'ar', partyType: 'customer' as const, party: 'c1', exchangeAccount: 'fx' };
  const cases: { name: string; input: Partial<Parameters<typeof postPayment>[0]>; want: (string | number)[][]; gain: number; unallocated: number }[] = [
    { name: 'receive, fully allocated to two invoices', input: { paymentType: 'receive', amount: 2000000, allocations: [{ amount: 1130000, base: 1130000 }, { amount: 870000, base: 870000 }] }, want: [['bank', 2000000, 0], ['ar', 0, 2000000]], gain: 0, unallocated: 0 },
    { name: 'receive with an unallocated advance', input: { paymentType: 'receive', amount: 50000, allocations: [{ amount: 30000, base: 30000 }] }, want: [['bank', 50000, 0], ['ar', 0, 50000]], gain: 0, unallocated: 20000 },
    { name: 'pay with an advance', input: { paymentType: 'pay', partyAccount: 'ap', partyType: 'supplier', amount: 4000000, allocations: [{ amount: 3955000, base: 3955000 }] }, want: [['bank', 0, 4000000], ['ap', 4000000, 0]], gain: 0, unallocated: 45000 },
    { name: 'USD received at a higher rate: exchange gain', input: { paymentType: 'receive', currency: 'USD', exchangeRate: '7.2', amount: 125000, allocations: [{ amount: 125000, base: 887500 }] }, want: [['bank', 900000, 0], ['ar', 0, 887500], ['fx', 0, 12500]], gain: 12500, unallocated: 0 },
    { name: 'USD received at a lower rate: exchange loss', input: { paymentType: 'receive', currency: 'USD', exchangeRate: '7', amount: 125000, allocations: [{ amount: 125000, base: 887500 }] }, want: [['bank', 875000, 0], ['ar', 0, 887500], ['fx', 12500, 0]], gain: -12500, unallocated: 0 },
    { name: 'USD paid at a higher rate: exchange loss', input: { paymentType: 'pay', partyAccount: 'ap', partyType: 'supplier', currency: 'USD', exchangeRate: '7.2', amount: 125000, allocations: [{ amount: 125000, base: 887500 }] }, want: [['bank', 0, 900000], ['ap', 887500, 0], ['fx', 12500, 0]], gain: -12500, unallocated: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const p = postPayment({ ...base, paymentType: 'receive', amount: 0, allocations: [], ...c.input });
      expect(rows(p.lines)).toEqual(c.want);
      expect([p.exchangeGain, p.unallocated]).toEqual([c.gain, c.unallocated]);
      assertBalanced(p.lines);
    });
  }
});

describe('journal entry rule and the balance check', () => {
  it('posts balanced lines with their counter-accounts', () => {
    const lines = postJournalEntry([{ account: 'rent', debit: 300000, credit: 0 }, { account: 'bank', debit: 0, credit: 300000 }]);
    expect(lines.map((l) => [l.account, l.debit, l.credit, l.against])).toEqual([['rent', 300000, 0, 'bank'], ['bank', 0, 300000, 'rent']]);
  });
  const bad: { name: string; lines: { account: string; debit: number; credit: number }[]; code: string }[] = [
    { name: 'unbalanced by one cent', lines: [{ account: 'a', debit: 100, credit: 0 }, { account: 'b', debit: 0, credit: 99 }], code: 'error.unbalanced' },
    { name: 'a line with both sides', lines: [{ account: 'a', debit: 100, credit: 100 }], code: 'error.line_debit_and_credit' },
    { name: 'a line with neither side', lines: [{ account: 'a', debit: 0, credit: 0 }, { account: 'b', debit: 1, credit: 0 }, { account: 'c', debit: 0, credit: 1 }], code: 'error.line_zero' },
    { name: 'all zero', lines: [], code: 'error.posting_empty' },
  ];
  for (const c of bad) {
    it(`refuses ${c.name}`, () => {
      expect(() => postJournalEntry(c.lines)).toThrowError(expect.objectContaining({ code: c.code }));
    });
  }
  it('assertBalanced refuses fractions and negatives', () => {
    expect(() => assertBalanced([{ debit: 0.5, credit: 0 }, { debit: 0, credit: 0.5 }])).toThrowError(expect.objectContaining({ code: 'error.gl_amount_invalid' }));
    expect(() => assertBalanced([{ debit: -1, credit: 0 }, { debit: 0, credit: -1 }])).toThrowError(expect.objectContaining({ code: 'error.gl_amount_invalid' }));
  });
});
