/**
 * XLSX import: workbooks written by our own toXlsx and hand-built ones shaped like Excel's and
 * WPS's output (deflated parts, shared strings with rich text and phonetic runs, styles with
 * built-in and custom date formats, the 1904 date system, sparse cells) read into the same rows
 * the CSV path gives; damaged files are refused with a translated error and import nothing.
 */
import { describe, it, expect } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { toXlsx, zipStored } from '../../shared/kernel/xlsx';
import { readXlsx, dateKindOfFormat, numberText, serialToIso } from '../../shared/kernel/xlsx-read';
import { openImportFile, fileToInputs } from '../../shared/kernel/import-file';
import { csvToInputs } from '../../shared/kernel/csv-map';
import { importDocs } from '../../shared/kernel/import.service';
import { errorMessage, countDocs, createDoc, registerDocType, type DocTypeDef } from '../../shared/api';
import { newCompany } from '../fixtures/company';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL_NS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"';
const T = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface BookParts {
  sheets: { name: string; xml: string; state?: string }[];
  shared?: string[] | string;
  styles?: string;
  date1904?: boolean;
  /** deflate the parts as Excel does (default) or store them. */
  stored?: boolean;
}

/** A workbook the way Excel lays it out (sharedStrings, styles, relationships). */
function book(p: BookParts): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const put = (name: string, xml: string) => (files[name] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${xml}`));
  put('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  put('_rels/.rels', `<Relationships ${REL_NS}><Relationship Id="rId1" Type="${T}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  put(
    'xl/workbook.xml',
    `<workbook ${NS}>${p.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets>` +
      p.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
  );
  put(
    'xl/_rels/workbook.xml.rels',
    `<Relationships ${REL_NS}>` +
      p.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${T}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId90" Type="${T}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId91" Type="${T}/styles" Target="/xl/styles.xml"/>` +
      '</Relationships>',
  );
  p.sheets.forEach((s, i) => put(`xl/worksheets/sheet${i + 1}.xml`, `<worksheet ${NS}><sheetData>${s.xml}</sheetData></worksheet>`));
  if (p.shared) {
    const items = typeof p.shared === 'string' ? p.shared : p.shared.map((x) => `<si><t xml:space="preserve">${x}</t></si>`).join('');
    put('xl/sharedStrings.xml', `<sst ${NS}>${items}</sst>`);
  }
  if (p.styles) put('xl/styles.xml', `<styleSheet ${NS}>${p.styles}</styleSheet>`);
  if (p.stored) return zipStored(Object.entries(files).map(([name, data]) => ({ name, data })));
  return zipSync(files, { level: 6 });
}

/** Styles: xf 0 General, 1 date (14), 2 custom Chinese date, 3 date-time (22), 4 percent (10), 5 custom time. */
const STYLES =
  '<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="[$-F400]h:mm:ss\\ AM/PM"/></numFmts>' +
  '<cellStyleXfs count="1"><xf numFmtId="22"/></cellStyleXfs>' +
  '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="176"/><xf numFmtId="22"/><xf numFmtId="10"/><xf numFmtId="177"/></cellXfs>';

describe('readXlsx: our own writer round-trips', () => {
  it('reads back what toXlsx wrote: text (Chinese too), numbers, exact decimals, empty cells', () => {
    const bytes = toXlsx([
      { name: '客户', rows: [['Name', 'City', 'Credit'], ['上海恒达贸易有限公司', '上海', { decimal: '50000.00' }], ['Acme & Co <UK>', null, 12.5], [], ['  spaced  ', '', -3]] },
      { name: 'Second', rows: [['x']] },
    ]);
    const wb = readXlsx(bytes);
    expect(wb.sheets).toEqual([{ name: '客户', hidden: false }, { name: 'Second', hidden: false }]);
    expect(wb.defaultSheet).toBe('客户');
    expect(wb.rows()).toEqual([
      ['Name', 'City', 'Credit'],
      ['上海恒达贸易有限公司', '上海', '50000'],
      ['Acme & Co <UK>', '', '12.5'],
      [],
      ['  spaced  ', '', '-3'],
    ]);
    expect(wb.rows('Second')).toEqual([['x']]);
    expect(wb.rows(1)).toEqual([['x']]);
    expect(() => wb.rows('Nope')).toThrow(/xlsx_sheet_unknown/);
  });

  it('an exported list imports exactly as its CSV twin', () => {
    const rows = [['Customer name', 'City', 'Credit limit'], ['华东五金', '杭州', '1234.50'], ['Hengda', '', '0']];
    const csv = rows.map((r) => r.join(',')).join('\n');
    const fromCsv = csvToInputs(Customer(), csv);
    const fromXlsx = fileToInputs(Customer(), { name: 'c.xlsx', data: toXlsx([{ name: 'S', rows }]) });
    expect(fromXlsx.rows).toEqual(fromCsv.rows);
    expect(fromXlsx.headerIssues).toEqual(fromCsv.headerIssues);
    expect(fromXlsx.sheetRows).toEqual([2, 3]);
    expect(fromXlsx.kind).toBe('xlsx');
  });
});

function Customer(): DocTypeDef {
  return Visit as unknown as DocTypeDef;
}

/** A document type with a link, a money and a date field. */
const Visit = {
  name: 'TestXlsxVisit', table: 'test_xlsx_visits', module: 'masters', submittable: false, ownership: 'branch',
  naming: { series: 'XV' }, titleField: 'customerName',
  fields: [
    { name: 'customerName', type: 'data', required: true, label: 'field.Customer.customerName' },
    { name: 'city', type: 'data', label: 'field.Customer.city' },
    { name: 'creditLimit', type: 'money', min: 0, label: 'field.Customer.creditLimit' },
    { name: 'visitDate', type: 'date' },
    { name: 'customer', type: 'link', link: 'Customer' },
  ],
  listColumns: ['number', 'customerName'], searchFields: ['customerName'],
} as const satisfies DocTypeDef;
registerDocType(Visit);

describe('readXlsx: workbooks shaped like Excel and WPS write them', () => {
  const sheet =
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>' +
    // B2 empty (no cell), C2 a date, D2 a rich-text shared string, E2 a boolean
    '<row r="2"><c r="A2" t="s"><v>5</v></c><c r="C2" s="1"><v>46086</v></c><c r="D2" t="s"><v>6</v></c><c r="E2" t="b"><v>1</v></c></row>' +
    // row 3 is missing; row 4: custom Chinese date, date-time, percent, formula string, error
    '<row r="4"><c r="A4" s="2"><v>45658</v></c><c r="B4" s="3"><v>45658.5</v></c><c r="C4" s="4"><v>0.15</v></c><c r="D4" t="str"><f>A1&amp;"x"</f><v>Namex</v></c><c r="E4" t="e"><v>#N/A</v></c></row>' +
    // styled but empty cells, an inline string, a computed float and a tiny number
    '<row r="5" spans="1:9"><c r="A5" s="1"/><c r="B5" t="inlineStr"><is><t>内联_x000D_文本</t></is></c><c r="C5"><v>0.30000000000000004</v></c><c r="D5"><v>1E-7</v></c><c r="E5" s="3"><v>45658</v></c><c r="F5" s="5"><v>0.75</v></c></row>' +
    '<row r="9"><c r="I9" s="1"/></row>';
  const shared =
    '<si><t>Name</t></si><si><t>City</t></si><si><t>Since</t></si><si><t>Note</t></si><si><t>Active</t></si>' +
    '<si><t>张伟</t><rPh sb="0" eb="2"><t>ちょう</t></rPh></si>' +
    '<si><r><rPr><b/></rPr><t>上海</t></r><r><t xml:space="preserve"> 浦东, "A&amp;B"</t></r></si>';

  for (const stored of [false, true]) {
    it(`reads shared strings (Chinese, rich runs, phonetic runs skipped), dates, booleans, gaps (${stored ? 'stored' : 'deflated'})`, () => {
      const wb = readXlsx(book({ sheets: [{ name: 'Sheet1', xml: sheet }], shared, styles: STYLES, stored }));
      expect(wb.rows()).toEqual([
        ['Name', 'City', 'Since', 'Note', 'Active'],
        ['张伟', '', '2026-03-05', '上海 浦东, "A&B"', 'TRUE'],
        [],
        ['2025-01-01', '2025-01-01T12:00:00', '0.15', 'Namex', '#N/A'],
        ['', '内联\r文本', '0.3', '0.0000001', '2025-01-01', '18:00:00'],
      ]);
    });
  }

  it('honours the 1904 date system, hidden sheets and x: prefixed parts', () => {
    const prefixed = '<x:row r="1"><x:c r="A1" s="1"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>ok</x:t></x:is></x:c></x:row>';
    const wb = readXlsx(book({ sheets: [{ name: 'Hidden', xml: '<row r="1"><c r="A1"><v>1</v></c></row>', state: 'hidden' }, { name: '数据', xml: prefixed }], styles: STYLES, date1904: true }));
    expect(wb.sheets).toEqual([{ name: 'Hidden', hidden: true }, { name: '数据', hidden: false }]);
    expect(wb.defaultSheet).toBe('数据');
    expect(wb.rows()).toEqual([['1904-01-01', 'ok']]);
  });

  it('cells without references follow one another', () => {
    const wb = readXlsx(book({ sheets: [{ name: 'S', xml: '<row><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row><row><c><v>3</v></c></row>' }] }));
    expect(wb.rows()).toEqual([['a', '2'], ['3']]);
  });
});

describe('number formats and values', () => {
  it.each([
    ['m/d/yyyy', 'date'],
    ['yyyy"年"m"月"d"日"', 'date'],
    ['[$-804]yyyy年m月d日', 'date'],
    ['d-mmm-yy', 'date'],
    ['mmm yyyy', 'date'],
    ['yyyy/m/d h:mm', 'datetime'],
    ['h:mm AM/PM', 'time'],
    ['[h]:mm:ss', 'time'],
    ['mm:ss', 'time'],
    ['General', null],
    ['0.00', null],
    ['#,##0.00_);[Red](#,##0.00)', null],
    ['[$¥-804]#,##0.00', null],
    ['0.00E+00', null],
    ['0.00" days"', null],
    ['@', null],
  ])('%s is %s', (code, kind) => expect(dateKindOfFormat(code)).toBe(kind));

  it.each([
    ['42', '42'],
    ['1234.5', '1234.5'],
    ['0.30000000000000004', '0.3'],
    ['19.989999999999998', '19.99'],
    ['1.5E-3', '0.0015'],
    ['1.23456789012345E+17', '123456789012345000'],
    ['-7', '-7'],
  ])('number %s reads %s', (v, out) => expect(numberText(v)).toBe(out));

  it('serial days become ISO dates in both date systems', () => {
    expect(serialToIso(1, 'date')).toBe('1900-01-01');
    expect(serialToIso(59, 'date')).toBe('1900-02-28');
    expect(serialToIso(61, 'date')).toBe('1900-03-01');
    expect(serialToIso(45658, 'date')).toBe('2025-01-01');
    expect(serialToIso(45658.999999, 'datetime')).toBe('2025-01-02');
    expect(serialToIso(0.5, 'time')).toBe('12:00:00');
    expect(serialToIso(0, 'date', true)).toBe('1904-01-01');
  });
});

const sheetOf = (n: number) => Array.from({ length: n }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');

/** Flip `count` bytes in the middle of an entry's data (found after its local header's name). */
function damage(bytes: Uint8Array, entry: string, count: number): Uint8Array {
  const name = strToU8(entry);
  let at = -1;
  for (let i = 30; i < bytes.length && at < 0; i++) if (name.every((b, k) => bytes[i + k] === b) && bytes[i - 30] === 0x50 && bytes[i - 29] === 0x4b) at = i;
  const size = new DataView(bytes.buffer).getUint32(at - 30 + 18, true);
  const out = bytes.slice();
  const mid = at + name.length + Math.floor(size / 2);
  for (let i = 0; i < count; i++) out[mid + i] ^= 0x24;
  return out;
}

describe('damaged or foreign files are refused, with words', () => {
  const good = toXlsx([{ name: 'S', rows: [['a']] }]);
  const cases: [string, Uint8Array, string][] = [
    ['random bytes', Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) % 256), 'error.xlsx_invalid'],
    ['a truncated workbook', good.slice(0, good.length - 40), 'error.xlsx_invalid'],
    ['a zip with no workbook', zipSync({ 'readme.txt': strToU8('hello') }), 'error.xlsx_invalid'],
    ['a workbook whose sheet data is damaged', damage(book({ sheets: [{ name: 'S', xml: sheetOf(200) }] }), 'xl/worksheets/sheet1.xml', 1), 'error.xlsx_invalid'],
    ['a stored workbook whose sheet data is damaged', damage(book({ sheets: [{ name: 'S', xml: sheetOf(20) }], stored: true }), 'xl/worksheets/sheet1.xml', 1), 'error.xlsx_invalid'],
    ['a workbook whose deflate stream is garbage', damage(book({ sheets: [{ name: 'S', xml: sheetOf(200) }] }), 'xl/worksheets/sheet1.xml', 200), 'error.xlsx_invalid'],
    ['an old .xls (OLE compound file)', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'error.xlsx_legacy'],
    ['an empty file named .xlsx', new Uint8Array(0), 'error.xlsx_invalid'],
  ];
  it.each(cases)('%s', (_, bytes, code) => {
    let err: unknown;
    try {
      fileToInputs(Customer(), { name: 'book.xlsx', data: bytes });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code });
    expect(errorMessage('en', err)).not.toContain('error.');
    expect(errorMessage('zh-CN', err)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a shared-string index out of range is damage, not a silent blank', () => {
    const wb = readXlsx(book({ sheets: [{ name: 'S', xml: '<row r="1"><c r="A1" t="s"><v>7</v></c></row>' }], shared: ['only'] }));
    expect(() => wb.rows()).toThrow(/xlsx_invalid/);
  });

  it('a binary file that is not a workbook is not read as CSV', () => {
    expect(() => openImportFile({ name: 'photo.csv', data: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]) })).toThrow(/import_not_text/);
    expect(openImportFile({ name: 'a.csv', data: strToU8('\uFEFFa,b\n1,2\n') }).table()).toEqual([['a', 'b'], ['1', '2']]);
  });
});

describe('XLSX through the all-or-nothing import', () => {
  it('imports good rows with links, dates and money, and reports bad rows by their spreadsheet row', async () => {
    const { s } = await newCompany();
    const c = await createDoc(s, 'Customer', { customerName: '华东五金' });
    const shared = ['Customer name', 'City', 'Credit limit', 'visitDate', 'customer', '恒达', '杭州', 'Bad'];
    const sheet = (bad: boolean) =>
      '<row r="1">' + [0, 1, 2, 3, 4].map((i) => `<c r="${'ABCDE'[i]}1" t="s"><v>${i}</v></c>`).join('') + '</row>' +
      `<row r="2"><c r="A2" t="s"><v>5</v></c><c r="B2" t="s"><v>6</v></c><c r="C2"><v>1234.5</v></c><c r="D2" s="1"><v>46086</v></c><c r="E2" t="inlineStr"><is><t>${c.number}</t></is></c></row>` +
      (bad ? '<row r="5"><c r="A5" t="s"><v>7</v></c><c r="C5"><v>-1</v></c><c r="D5" t="inlineStr"><is><t>soon</t></is></c></row>' : '');
    const badFile = fileToInputs(Customer(), { name: 'v.xlsx', data: book({ sheets: [{ name: 'S', xml: sheet(true) }], shared, styles: STYLES }) });
    expect(badFile.sheetRows).toEqual([2, 5]);
    const res = await importDocs(s, Visit.name, badFile.rows);
    expect(res.ok).toBe(false);
    expect(res.issues.map((i) => [badFile.sheetRows[i.row], i.field, i.code])).toEqual([
      [5, 'creditLimit', 'error.negative'],
      [5, 'visitDate', 'error.date_invalid'],
    ]);
    expect(await countDocs(s, Visit.name)).toBe(0);

    const good = fileToInputs(Customer(), { name: 'v.xlsx', data: book({ sheets: [{ name: 'S', xml: sheet(false) }], shared, styles: STYLES }) });
    expect(good.rows).toEqual([{ customerName: '恒达', city: '杭州', creditLimit: '1234.5', visitDate: '2026-03-05', customer: c.number }]);
    const ok = await importDocs(s, Visit.name, good.rows);
    expect(ok).toMatchObject({ ok: true, imported: 1 });
  });
});
