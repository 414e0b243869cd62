/** A GBK "CSV" (as Chinese Excel saves it) imports with its Chinese names intact, not as replacement characters. */
import { describe, it, expect } from 'vitest';
import { openImportFile } from '../../shared/kernel/import-file';
import { decodeTextFile } from '../../shared/kernel/text-decode';

// "客户名称,城市\n苏州茶语,苏州\n" in GBK
const GBK = new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7, 0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xb3, 0xc7, 0xca, 0xd0, 0x0a, 0xcb, 0xd5, 0xd6, 0xdd, 0xb2, 0xe8, 0xd3, 0xef, 0x2c, 0xcb, 0xd5, 0xd6, 0xdd, 0x0a]);

describe('text encodings of import files', () => {
  it('reads UTF-8 as UTF-8 and GBK as GB18030', () => {
    expect(decodeTextFile(new TextEncoder().encode('名称\n苏州\n'))).toEqual({ text: '名称\n苏州\n', encoding: 'utf-8' });
    expect(decodeTextFile(GBK)).toEqual({ text: '客户名称,城市\n苏州茶语,苏州\n', encoding: 'gb18030' });
    const src = openImportFile({ name: 'customers.csv', data: GBK });
    expect(src.encoding).toBe('gb18030');
    expect(src.table()).toEqual([['客户名称', '城市'], ['苏州茶语', '苏州']]);
  });
});
