/**
 * Bank statement column mapping: the guess from English and Chinese headers (past a bank's
 * preamble), money in / money out columns, a direction column, date layouts, decimal and
 * thousands separators, parentheses as negatives, every bad row named, all-or-nothing import,
 * subtotal rows left out, the balance cross-check, and a remembered mapping re-applied.
 */
import { describe, it, expect } from 'vitest';
import { cents } from '../fixtures/books';
import {
  readStatementTable, guessBankMapping, parseBankStatement, statementLinesOrThrow, bankMappingIssues, parseBankAmount, parseBankDate,
  guessDateFormat, decodeStatementBytes, toSavedBankMapping, fromSavedBankMapping, detectDelimiter, type BankCsvMapping,
} from '../../shared/books';

const read = (text: string) => {
  const { table, delimiter } = readStatementTable(text);
  return { table, mapping: guessBankMapping(table, delimiter) };
};

describe('guessing the mapping', () => {
  it('finds the header under a Chinese bank preamble: 借方/贷方 split, 余额, 流水号, thousands separators', () => {
    const csv = [
      '账号：6222 0210 0000 1234,,,,,',
      '户名：上海玉茶贸易有限公司,,,,,',
      '交易日期,摘要,借方发生额（支出）,贷方发生额（收入）,余额,交易流水号',
      '2026-03-02,期初转入,,"50,000.00","50,000.00",A001',
      '2026-03-05,房租,"3,000.00",,"47,000.00",A002',
      '2026-03-15,恒达货款,,"1,234.50","48,234.50",A003',
      ',合计,"3,000.00","51,234.50",,',
    ].join('\r\n');
    const { table, mapping } = read(csv);
    expect(mapping).toMatchObject({ headerRow: 2, delimiter: ',', amountMode: 'split', dateFormat: 'YYYY-MM-DD', decimalSeparator: '.' });
    expect(mapping.columns).toMatchObject({ date: 0, description: 1, withdrawal: 2, deposit: 3, balance: 4, reference: 5, amount: -1 });
    const p = parseBankStatement(table, mapping, 'CNY');
    expect(p.issues).toEqual([]);
    expect(p.skipped).toBe(1); // the 合计 row has no date
    expect(p.balanceCheck).toBe('ok');
    expect(p.lines.map((l) => [l.line, l.date, l.description, l.reference, l.amount, l.balance])).toEqual([
      [1, '2026-03-02', '期初转入', 'A001', cents('50000.00'), cents('50000.00')],
      [2, '2026-03-05', '房租', 'A002', -cents('3000.00'), cents('47000.00')],
      [3, '2026-03-15', '恒达货款', 'A003', cents('1234.50'), cents('48234.50')],
    ]);
    expect(p.rows.map((r) => r.sourceRow)).toEqual([4, 5, 6]);
  });

  it('reads English debit/credit columns and a single amount signed by a 借贷标志 column', () => {
    const en = read('Date,Details,Debit,Credit,Balance\n05/03/2026,Rent,3000.00,,7000.00\n15/03/2026,Customer,,500.00,7500.00\n');
    expect(en.mapping).toMatchObject({ amountMode: 'split', dateFormat: 'DD/MM/YYYY', columns: { date: 0, description: 1, withdrawal: 2, deposit: 3, balance: 4 } });
    expect(statementLinesOrThrow(parseBankStatement(en.table, en.mapping, 'CNY')).map((l) => [l.date, l.amount])).toEqual([['2026-03-05', -cents('3000.00')], ['2026-03-15', cents('500.00')]]);

    const zh = read('交易时间,交易金额,借贷标志,对方户名,备注\n2026-03-05 09:12:00,3000.00,借,房东,房租\n2026-03-06 16:40:12,500.00,贷,恒达,货款\n2026-03-07 10:00:00,1.00,X,?,?\n');
    expect(zh.mapping).toMatchObject({ amountMode: 'single', columns: { date: 0, amount: 1, direction: 2, description: 4 } });
    const p = parseBankStatement(zh.table, zh.mapping, 'CNY');
    expect(p.lines.map((l) => [l.date, l.amount])).toEqual([['2026-03-05', -cents('3000.00')], ['2026-03-06', cents('500.00')]]);
    expect(p.issues).toEqual([expect.objectContaining({ code: 'error.bank_direction', field: 'direction', row: 2, params: { value: 'X' } })]);
  });

  it('guesses the date layout and the decimal comma of a semicolon file', () => {
    expect(guessDateFormat(['05/03/2026', '13/03/2026'])).toBe('DD/MM/YYYY');
    expect(guessDateFormat(['03/05/2026', '03/13/2026'])).toBe('MM/DD/YYYY');
    expect(guessDateFormat(['2026/3/5'])).toBe('YYYY/MM/DD');
    const text = 'Datum;Buchungstext;Betrag\n01.03.2026;Miete;-1.234,50\n';
    expect(detectDelimiter(text)).toBe(';');
    // unknown German headers: nothing guessed, the user maps them; the separator is still read from the values
    const { table, mapping } = read('Date;Description;Amount\n01.03.2026;Miete;-1.234,50\n02.03.2026;Kunde;"2.000,00"\n');
    expect(mapping).toMatchObject({ delimiter: ';', decimalSeparator: ',', dateFormat: 'DD/MM/YYYY' });
    expect(statementLinesOrThrow(parseBankStatement(table, mapping, 'EUR')).map((l) => [l.date, l.amount])).toEqual([['2026-03-01', -123450], ['2026-03-02', 200000]]);
    expect(read(text).mapping.columns.date).toBe(-1);
  });

  it('decodes a GB18030 (GBK) file, as most Chinese banks export', () => {
    const gbk = new Uint8Array([0xbd, 0xbb, 0xd2, 0xd7, 0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0a, ...new TextEncoder().encode('2026-03-05,12.50\n')]);
    const text = decodeStatementBytes(gbk);
    expect(text.startsWith('交易日期,金额')).toBe(true);
    expect(parseBankStatement(read(text).table, read(text).mapping, 'CNY').lines[0].amount).toBe(1250);
    expect(decodeStatementBytes(new TextEncoder().encode('\uFEFF日期,金额'))).toContain('日期');
  });
});

describe('values', () => {
  it('amounts: thousands separators, parentheses, trailing minus, currency signs; a misfit grouping is an error', () => {
    expect(parseBankAmount('1,234.50', '.', 'CNY')).toBe(123450);
    expect(parseBankAmount('(1,234.50)', '.', 'CNY')).toBe(-123450);
    expect(parseBankAmount('-1,234.50', '.', 'CNY')).toBe(-123450);
    expect(parseBankAmount('1,234.50-', '.', 'CNY')).toBe(-123450);
    expect(parseBankAmount('¥ 12,345,678.09', '.', 'CNY')).toBe(1234567809);
    expect(parseBankAmount('CNY 20.5', '.', 'CNY')).toBe(2050);
    expect(parseBankAmount('1.234,50', ',', 'EUR')).toBe(123450);
    expect(parseBankAmount('1 234,5', ',', 'EUR')).toBe(123450);
    expect(parseBankAmount('  ', '.', 'CNY')).toBeNull();
    expect(() => parseBankAmount('1,5', '.', 'CNY')).toThrowError(expect.objectContaining({ code: 'error.not_a_number' }));
    expect(() => parseBankAmount('1.234,50', '.', 'CNY')).toThrowError(expect.objectContaining({ code: 'error.not_a_number' }));
    expect(() => parseBankAmount('12.345', '.', 'CNY')).toThrowError(expect.objectContaining({ code: 'error.too_many_decimals', params: expect.objectContaining({ value: '12.345' }) }));
  });

  it('dates in each layout, with a time of day or in Chinese', () => {
    expect(parseBankDate('2026-3-5', 'YYYY-MM-DD')).toBe('2026-03-05');
    expect(parseBankDate('2026/03/05', 'YYYY/MM/DD')).toBe('2026-03-05');
    expect(parseBankDate('20260305', 'YYYY-MM-DD')).toBe('2026-03-05');
    expect(parseBankDate('2026年3月5日', 'YYYY-MM-DD')).toBe('2026-03-05');
    expect(parseBankDate('2026-03-05 14:22:01', 'YYYY-MM-DD')).toBe('2026-03-05');
    expect(parseBankDate('05/03/2026', 'DD/MM/YYYY')).toBe('2026-03-05');
    expect(parseBankDate('03/05/2026', 'MM/DD/YYYY')).toBe('2026-03-05');
    expect(parseBankDate('5.3.2026', 'DD/MM/YYYY')).toBe('2026-03-05');
    expect(parseBankDate('31/02/2026', 'DD/MM/YYYY')).toBeNull();
    expect(parseBankDate('13/13/2026', 'MM/DD/YYYY')).toBeNull();
    expect(parseBankDate('2026-03-05', 'DD/MM/YYYY')).toBeNull();
  });
});

describe('parsing with a mapping: every problem named, nothing imported', () => {
  const csv = 'Posted,Text,Ref,Amount\n31/02/2026,Rent,R1,-100.00\n01/03/2026,Fee,,abc\n02/03/2026,Sale,S1,"1,000.00"\n03/03/2026,Blank,,\nTotal,,,900.00\n';
  const { table, mapping } = read(csv);

  it('reports bad dates, bad and empty amounts per row and refuses the whole file', () => {
    expect(mapping).toMatchObject({ amountMode: 'single', dateFormat: 'DD/MM/YYYY', columns: { date: -1, amount: 3, reference: 2 } });
    // 'Posted' is not a known date header: the user picks it
    expect(bankMappingIssues(mapping)).toEqual([expect.objectContaining({ code: 'error.import_missing_column', field: 'date' })]);
    const m: BankCsvMapping = { ...mapping, columns: { ...mapping.columns, date: 0, description: 1 } };
    const p = parseBankStatement(table, m, 'CNY');
    expect(p.skipped).toBe(1); // the Total row
    expect(p.issues).toEqual([
      expect.objectContaining({ code: 'error.bank_date', field: 'date', row: 0, params: { value: '31/02/2026', format: 'DD/MM/YYYY' } }),
      expect.objectContaining({ code: 'error.not_a_number', field: 'amount', row: 1, params: { value: 'abc' } }),
      expect.objectContaining({ code: 'error.bank_amount_empty', field: 'amount', row: 3 }),
    ]);
    expect(p.rows.map((r) => [r.sourceRow, r.line === null])).toEqual([[2, true], [3, true], [4, false], [5, true]]);
    expect(p.lines.map((l) => [l.date, l.amount])).toEqual([['2026-03-02', cents('1000.00')]]);
    expect(() => statementLinesOrThrow(p)).toThrowError(expect.objectContaining({ code: 'error.validation', issues: p.issues }));
  });

  it('refuses a mapping without date or amount, or one column twice', () => {
    const none = { ...mapping, columns: { ...mapping.columns, date: -1, amount: -1 } };
    expect(bankMappingIssues(none).map((i) => i.field)).toEqual(['date', 'amount']);
    expect(bankMappingIssues({ ...mapping, amountMode: 'split', columns: { ...mapping.columns, date: 0 } })).toEqual([expect.objectContaining({ field: 'deposit' })]);
    expect(bankMappingIssues({ ...mapping, columns: { ...mapping.columns, date: 0, balance: 3 } })).toEqual([expect.objectContaining({ code: 'error.bank_column_twice', field: 'balance', params: { column: 4 } })]);
    // nothing is read while the mapping is wrong
    expect(parseBankStatement(table, none, 'CNY').rows).toEqual([]);
  });

  it('flags a balance column that does not follow from the amounts (money in and out swapped)', () => {
    const t = readStatementTable('日期,收入,支出,余额\n2026-03-01,100.00,,100.00\n2026-03-02,,30.00,70.00\n').table;
    const good = guessBankMapping(t);
    expect(parseBankStatement(t, good, 'CNY').balanceCheck).toBe('ok');
    const swapped = { ...good, columns: { ...good.columns, deposit: good.columns.withdrawal, withdrawal: good.columns.deposit } };
    expect(parseBankStatement(t, swapped, 'CNY').balanceCheck).toBe('mismatch');
    // newest first is fine too
    const desc = readStatementTable('日期,收入,支出,余额\n2026-03-02,,30.00,70.00\n2026-03-01,100.00,,100.00\n').table;
    expect(parseBankStatement(desc, guessBankMapping(desc), 'CNY').balanceCheck).toBe('ok');
  });
});

describe('remembered mapping', () => {
  it('re-applies by header name to a file with other preamble and column order; null when a header is gone', () => {
    const first = readStatementTable('Posted,Text,Amount\n01/03/2026,Rent,-100.00\n').table;
    const chosen: BankCsvMapping = { ...guessBankMapping(first), columns: { ...guessBankMapping(first).columns, date: 0, description: 1 }, dateFormat: 'MM/DD/YYYY' };
    const saved = toSavedBankMapping(chosen, first[0]);
    expect(saved.columns).toEqual({ date: 'posted', description: 'text', amount: 'amount' });
    const next = readStatementTable('Account 42\nAmount,Posted,Text\n-5.00,03/13/2026,Fee\n').table;
    const m = fromSavedBankMapping(JSON.parse(JSON.stringify(saved)), next)!;
    expect(m).toMatchObject({ headerRow: 1, dateFormat: 'MM/DD/YYYY', columns: { amount: 0, date: 1, description: 2 } });
    expect(statementLinesOrThrow(parseBankStatement(next, m, 'CNY'))).toEqual([{ line: 1, date: '2026-03-13', description: 'Fee', reference: '', amount: -500 }]);
    expect(fromSavedBankMapping(saved, readStatementTable('Date,Text,Amount\n').table)).toBeNull();
  });
});
