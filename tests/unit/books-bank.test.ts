/**
 * Bank statement import and reconciliation suggestions: CSV layouts, exact amounts, matching by
 * amount/date/reference, cancelled vouchers never suggested, a row matched once.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { accounts, cents, ledgerCounts } from '../fixtures/books';
import { cancelDoc } from '../../shared/api';
import { parseBankStatementCsv, parseCsv, bankMatchSuggestions, confirmBankMatches, unmatchedBankEntries, createAndSubmit, type GlEntry } from '../../shared/books';

describe('bank statement CSV', () => {
  it('parses quoted fields, a signed amount column and slashed dates', () => {
    const csv = 'Date,Description,Reference,Amount\r\n2026/3/5,"Rent, March",R-1,-3000.00\r\n2026-03-15,Hengda payment SH-JV-2026-00002,,"20,000.00"\r\n';
    expect(parseCsv(csv)[1]).toEqual(['2026/3/5', 'Rent, March', 'R-1', '-3000.00']);
    expect(parseBankStatementCsv(csv, 'CNY')).toEqual([
      { line: 1, date: '2026-03-05', description: 'Rent, March', reference: 'R-1', amount: cents('-3000.00') },
      { line: 2, date: '2026-03-15', description: 'Hengda payment SH-JV-2026-00002', reference: '', amount: cents('20000.00') },
    ]);
  });

  it('reads a Chinese bank export with separate income and expense columns', () => {
    const csv = '\uFEFF交易日期,摘要,收入,支出,流水号\n2026-03-15,恒达货款,20000.00,,A001\n2026-03-31,房租,,3000.00,A002\n';
    expect(parseBankStatementCsv(csv, 'CNY').map((l) => [l.date, l.amount, l.reference])).toEqual([['2026-03-15', 2000000, 'A001'], ['2026-03-31', -300000, 'A002']]);
  });

  it('names every bad cell', () => {
    expect(() => parseBankStatementCsv('Date,Amount\n2026-02-30,1.00\n2026-03-01,abc\n', 'CNY')).toThrowError(expect.objectContaining({ code: 'error.validation', issues: [expect.objectContaining({ code: 'error.date_invalid', row: 0 }), expect.objectContaining({ code: 'error.not_a_number', row: 1 })] }));
    expect(() => parseBankStatementCsv('Description,Amount\nx,1.00\n', 'CNY')).toThrowError(expect.objectContaining({ code: 'error.import_missing_column' }));
  });
});

describe('reconciliation suggestions', () => {
  it('suggests by amount and date, prefers the reference, skips cancelled vouchers, matches once', async () => {
    const { s } = await newCompany();
    const A = await accounts(s, '1002', '3001', '5602');
    const je = (date: string, amount: string, remarks = '') => createAndSubmit(s, 'JournalEntry', { postingDate: date, remarks, lines: [{ account: A['5602'], debit: amount }, { account: A['1002'], credit: amount }] });
    await createAndSubmit(s, 'JournalEntry', { postingDate: '2026-03-01', lines: [{ account: A['1002'], debit: '50000.00' }, { account: A['3001'], credit: '50000.00' }] });
    const rentA = await je('2026-03-04', '3000.00', 'rent shop A');
    const rentB = await je('2026-03-05', '3000.00', 'rent shop B ref R-77');
    const wrong = await je('2026-03-05', '120.00');
    await cancelDoc(s, 'JournalEntry', wrong.id);
    const lines = parseBankStatementCsv('Date,Description,Reference,Amount\n2026-03-05,Transfer,R-77,-3000.00\n2026-03-05,Transfer,,-3000.00\n2026-03-05,Fee,,-120.00\n2026-03-02,Capital,,50000.00\n', 'CNY');
    const sug = await bankMatchSuggestions(s, A['1002'], lines);
    expect(sug.map((x) => x.entry?.voucherId ?? null)).toEqual([rentB.id, rentA.id, null, expect.any(String)]);
    expect(sug[0].score).toBeGreaterThan(sug[1].score);
    const confirmed = await confirmBankMatches(s, A['1002'], sug.filter((x) => x.entry).map((x) => ({ line: x.line, glEntryId: x.entry!.id })));
    expect(confirmed.length).toBe(3);
    // the cancelled voucher's rows stay unmatched (they net to zero)
    const left = await unmatchedBankEntries(s, A['1002'], '2026-03-01', '2026-03-31');
    expect(left.every((r: GlEntry) => r.voucherId === wrong.id)).toBe(true);
    const before = await ledgerCounts(s);
    await expect(confirmBankMatches(s, A['1002'], [{ line: sug[0].line, glEntryId: sug[0].entry!.id }])).rejects.toMatchObject({ code: 'error.bank_already_matched' });
    await expect(confirmBankMatches(s, A['1002'], [{ line: { ...sug[0].line, amount: -1 }, glEntryId: left[0].id }])).rejects.toMatchObject({ code: 'error.bank_amount_mismatch' });
    expect(await ledgerCounts(s)).toEqual(before);
  });
});
