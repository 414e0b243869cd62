/**
 * XLSX writer: the zip container is read back with a tiny reader (local headers, CRC-32,
 * central directory) and the XML parts are checked; Chinese text, escaping and numbers.
 */
import { describe, it, expect } from 'vitest';
import { toXlsx, crc32, columnName, xmlEscape } from '../../shared/kernel/xlsx';

interface Read {
  name: string;
  text: string;
}

/** Minimal STORED-zip reader: walks the local headers, checks CRC and sizes, cross-checks the central directory. */
function unzip(bytes: Uint8Array): Read[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dec = new TextDecoder('utf-8', { fatal: true });
  const out: Read[] = [];
  let p = 0;
  while (v.getUint32(p, true) === 0x04034b50) {
    const flags = v.getUint16(p + 6, true);
    const method = v.getUint16(p + 8, true);
    const crc = v.getUint32(p + 14, true);
    const csize = v.getUint32(p + 18, true);
    const usize = v.getUint32(p + 22, true);
    const nlen = v.getUint16(p + 26, true);
    const xlen = v.getUint16(p + 28, true);
    expect(method).toBe(0);
    expect(flags & 0x0800).toBe(0x0800);
    expect(csize).toBe(usize);
    const name = dec.decode(bytes.subarray(p + 30, p + 30 + nlen));
    const data = bytes.subarray(p + 30 + nlen + xlen, p + 30 + nlen + xlen + csize);
    expect(crc32(data), name).toBe(crc);
    out.push({ name, text: dec.decode(data) });
    p += 30 + nlen + xlen + csize;
  }
  // central directory follows, then the end record pointing at it
  const eocd = bytes.length - 22;
  expect(v.getUint32(eocd, true)).toBe(0x06054b50);
  expect(v.getUint16(eocd + 10, true)).toBe(out.length);
  expect(v.getUint32(eocd + 16, true)).toBe(p);
  let c = p;
  for (const e of out) {
    expect(v.getUint32(c, true)).toBe(0x02014b50);
    const nlen = v.getUint16(c + 28, true);
    expect(dec.decode(bytes.subarray(c + 46, c + 46 + nlen))).toBe(e.name);
    c += 46 + nlen + v.getUint16(c + 30, true) + v.getUint16(c + 32, true);
  }
  expect(c).toBe(eocd);
  return out;
}

describe('crc32 and helpers', () => {
  it('matches the standard check value and names columns', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect(xmlEscape(`a<b & "c" 'd'>\u0001`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
  });
});

describe('toXlsx', () => {
  it('writes a valid package: parts, inline strings, numbers, Chinese, escaping', () => {
    const bytes = toXlsx([
      { name: 'Trial balance', rows: [['Account', '科目名称', 'Debit', 'Credit'], ['1122', '应收账款', 18080, null], ['A&B <co>', 'x', -0.5, 12.34]] },
      { name: '利润表', rows: [['净利润', 1234.56]] },
    ]);
    const files = unzip(bytes);
    expect(files.map((f) => f.name)).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
    const get = (n: string) => files.find((f) => f.name === n)!.text;
    expect(get('[Content_Types].xml')).toContain('PartName="/xl/worksheets/sheet2.xml"');
    expect(get('_rels/.rels')).toContain('Target="xl/workbook.xml"');
    expect(get('xl/workbook.xml')).toContain('<sheet name="Trial balance" sheetId="1" r:id="rId1"/>');
    expect(get('xl/workbook.xml')).toContain('<sheet name="利润表" sheetId="2" r:id="rId2"/>');
    expect(get('xl/_rels/workbook.xml.rels')).toContain('Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"');
    const s1 = get('xl/worksheets/sheet1.xml');
    expect(s1).toContain('<c r="B1" t="inlineStr"><is><t xml:space="preserve">科目名称</t></is></c>');
    expect(s1).toContain('<c r="C2"><v>18080</v></c>');
    expect(s1).not.toContain('r="D2"'); // null cell omitted
    expect(s1).toContain('<t xml:space="preserve">A&amp;B &lt;co&gt;</t>');
    expect(s1).toContain('<c r="C3"><v>-0.5</v></c>');
    expect(get('xl/worksheets/sheet2.xml')).toContain('<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">净利润</t></is></c><c r="B1"><v>1234.56</v></c></row>');
  });

  it('sanitises and de-duplicates sheet names, is deterministic, and always has a sheet', () => {
    const a = toXlsx([{ name: 'A/B:C*?[x]', rows: [] }, { name: 'a/b:c*?[x]', rows: [] }, { name: 'x'.repeat(40), rows: [] }]);
    const wb = unzip(a).find((f) => f.name === 'xl/workbook.xml')!.text;
    expect(wb).toContain('name="A_B_C___x_"');
    expect(wb).toContain('name="a_b_c___x_~2"');
    expect(wb).toContain(`name="${'x'.repeat(31)}"`);
    expect(toXlsx([{ name: 'S', rows: [[1]] }])).toEqual(toXlsx([{ name: 'S', rows: [[1]] }]));
    expect(unzip(toXlsx([])).map((f) => f.name)).toContain('xl/worksheets/sheet1.xml');
  });
});
