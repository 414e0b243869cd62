import { describe, it, expect } from 'vitest';
import '../../shared/api';
import { parseCsv, toCsv, mapHeaders, csvToInputs, checkImportRows, exportHeader, exportRow, sheetRow } from '../../shared/kernel/csv-map';
import { Customer, Item } from '../../shared/masters/masters.doctypes';
import type { BaseRecord } from '../../shared/api';

describe('RFC 4180 parsing', () => {
  const cases: [string, string, string[][]][] = [
    ['plain LF', 'a,b\n1,2\n', [['a', 'b'], ['1', '2']]],
    ['CRLF and no final newline', 'a,b\r\n1,2', [['a', 'b'], ['1', '2']]],
    ['UTF-8 BOM dropped', '\uFEFF名称,城市\r\n恒达,上海\r\n', [['名称', '城市'], ['恒达', '上海']]],
    ['quoted comma', 'a,b\n"x, y",2\n', [['a', 'b'], ['x, y', '2']]],
    ['doubled quotes', 'a\n"say ""hi"""\n', [['a'], ['say "hi"']]],
    ['embedded newline', 'a,b\n"line 1\r\nline 2",z\n', [['a', 'b'], ['line 1\r\nline 2', 'z']]],
    ['empty cells', 'a,b,c\n,,\n', [['a', 'b', 'c'], ['', '', '']]],
    ['blank lines skipped', 'a\n\n1\n\n', [['a'], ['1']]],
    ['quoted empty cell', '""\n', [['']]],
  ];
  it.each(cases)('%s', (_name, text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it('round-trips through toCsv, with a BOM and CRLF for Excel', () => {
    const rows = [['名称', 'note'], ['恒达, 上海', 'he said "ok"\nnext line'], [' padded ', '']];
    const text = toCsv(rows);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('\r\n');
    expect(text).toContain('"恒达, 上海"');
    expect(parseCsv(text)).toEqual(rows);
    expect(toCsv(rows, { bom: false }).startsWith('\uFEFF')).toBe(false);
  });
});

describe('header mapping', () => {
  const cases: [string, string[], (string | null)[]][] = [
    ['field names', ['customerName', 'city', 'creditLimit'], ['customerName', 'city', 'creditLimit']],
    ['English labels, any case', ['customer name', 'CITY', 'Credit limit'], ['customerName', 'city', 'creditLimit']],
    ['Chinese labels', ['客户名称', '城市', '信用额度'], ['customerName', 'city', 'creditLimit']],
    ['unknown and number columns ignored', ['Number', '客户名称', 'whatever'], [null, 'customerName', null]],
  ];
  it.each(cases)('%s', (_n, headers, fields) => {
    const m = mapHeaders(Customer, headers);
    expect(m.columns.map((f) => f?.name ?? null)).toEqual(fields);
    expect(m.issues).toEqual([]);
  });

  it('reports a missing required column by its label in the reader language', () => {
    const m = mapHeaders(Item, ['itemCode', 'uom'], 'zh-CN');
    expect(m.issues).toEqual([{ code: 'error.import_missing_column', field: 'itemName', params: { column: expect.any(String) } }]);
    expect(m.issues[0].params!.column).not.toBe('itemName');
  });
});

describe('CSV to validated rows', () => {
  it('reads a Chinese file with quoted fields and translated select labels', () => {
    const text = '\uFEFF客户名称,客户类别,城市,信用额度\r\n"恒达贸易, 有限公司",批发,上海,"50,000.00"\r\nAcme,Retail,Suzhou,12.5\r\n';
    const { rows, headerIssues } = csvToInputs(Customer, text);
    expect(headerIssues).toEqual([]);
    expect(rows[0]).toEqual({ customerName: '恒达贸易, 有限公司', customerGroup: 'wholesale', city: '上海', creditLimit: '50,000.00' });
    expect(rows[1].customerGroup).toBe('retail');
    const { values, issues } = checkImportRows(Customer, rows, 'CNY');
    expect(issues).toEqual([]);
    expect(values[0].creditLimit).toBe(5000000);
    expect(values[1].creditLimit).toBe(1250);
  });

  it('gives each bad cell a per-row issue (abc in a money column)', () => {
    const text = 'customerName,creditLimit,email\nGood,10,a@b.cn\nBad,abc,a@b.cn\n,1,not-mail\n';
    const { rows } = csvToInputs(Customer, text);
    const { issues } = checkImportRows(Customer, rows, 'CNY');
    expect(issues.map((i) => [sheetRow(i.row), i.field, i.code])).toEqual([
      [3, 'creditLimit', 'error.not_a_number'],
      [4, 'customerName', 'error.required'],
      [4, 'email', 'error.email_invalid'],
    ]);
  });

  it('says when a file has no data rows', () => {
    expect(csvToInputs(Customer, 'customerName\n').headerIssues.map((i) => i.code)).toEqual(['error.import_no_rows']);
    expect(csvToInputs(Customer, '').headerIssues.map((i) => i.code)).toEqual(['error.import_no_rows']);
  });
});

describe('export cells', () => {
  const rec = { id: 'x', number: 'SH-CUST-2026-00001', status: 'active', customerName: 'Hengda, Ltd', customerGroup: 'retail', creditLimit: 123456789, paymentTermsDays: 30, currency: 'CNY', city: '', email: '', phone: '', taxId: '', address: 'a\nb', notes: '' } as unknown as BaseRecord;
  it('writes money in major units exactly, headers in the reader language', () => {
    const ctx = { lang: 'zh-CN' as const, baseCurrency: 'CNY', linkNumbers: new Map<string, string>() };
    const header = exportHeader(Customer, ctx);
    const row = exportRow(Customer, rec, ctx);
    expect(header[0]).toBe('编号');
    expect(row[header.indexOf('信用额度')]).toBe('1234567.89');
    // and it comes back as the same record values
    const back = checkImportRows(Customer, csvToInputs(Customer, toCsv([header, row])).rows, 'CNY');
    expect(back.issues).toEqual([]);
    expect(back.values[0].creditLimit).toBe(123456789);
    expect(back.values[0].customerName).toBe('Hengda, Ltd');
    expect(back.values[0].address).toBe('a\nb');
  });

  it('writes JPY without decimals', () => {
    const ctx = { lang: 'en' as const, baseCurrency: 'JPY', linkNumbers: new Map<string, string>() };
    const header = exportHeader(Item, ctx);
    const row = exportRow(Item, { ...rec, itemCode: 'A', itemName: 'Tea', salePrice: 1500, purchasePrice: 0 } as unknown as BaseRecord, ctx);
    expect(header[0]).not.toBe('Number'); // Item is numbered by its code: no separate number column
    expect(row[header.indexOf('Selling price')]).toBe('1500');
  });
});
