/** Duplicate keys: real-world pairs that should and should not meet (Chinese included). */
import { describe, it, expect } from 'vitest';
import { companyKey, emailKey, phoneKey, taxKey, personKey, dedupeKeys, matchReasons } from '../../shared/crm/dedupe';

const SAME_COMPANY: [string, string][] = [
  ['上海恒达贸易有限公司', '上海恒达贸易公司'],
  ['上海恒达贸易有限公司', '上海恒达贸易有限责任公司'],
  ['上海恒达贸易股份有限公司', '上海恒达贸易'],
  ['上海恒达贸易有限公司', '上海恒达贸易有限公司 '],
  ['ＡＢＣ贸易有限公司', 'abc贸易公司'],
  ['Shanghai Hengda Trading Co., Ltd.', 'SHANGHAI HENGDA TRADING CO LTD'],
  ['Shanghai Hengda Trading Co., Ltd.', 'shanghai hengda trading'],
  ['Pacific Rim Imports LLC', 'Pacific Rim Imports, L.L.C.'.replace('L.L.C.', 'LLC')],
  ['Acme, Inc.', 'ACME Inc'],
  ['Acme Corporation', 'acme corp.'],
  ['Ｈｅｎｇｄａ　Ｔｒａｄｉｎｇ', 'Hengda Trading'],
  ['杭州西湖食品（集团）有限公司', '杭州西湖食品(集团)有限公司'],
];

const DIFFERENT_COMPANY: [string, string][] = [
  ['上海恒达贸易有限公司', '上海恒达物流有限公司'],
  ['上海恒达贸易有限公司', '北京恒达贸易有限公司'],
  ['Hengda Trading', 'Hengda Trading Shenzhen'],
  ['Acme Inc', 'Acme Foods Inc'],
  ['公司', '有限公司x'],
];

describe('company names', () => {
  it.each(SAME_COMPANY)('%s == %s', (a, b) => {
    expect(companyKey(a)).not.toBe('');
    expect(companyKey(a)).toBe(companyKey(b));
  });
  it.each(DIFFERENT_COMPANY)('%s != %s', (a, b) => {
    expect(companyKey(a)).not.toBe(companyKey(b));
  });
  it('keeps a name that is only a legal form, and empties blank input', () => {
    expect(companyKey('公司')).toBe('公司');
    expect(companyKey('  ')).toBe('');
  });
});

describe('e-mails', () => {
  it.each([
    ['Li.Wang@Example.com', 'li.wang@example.com', true],
    ['li.wang+crm@gmail.com', 'LIWANG@gmail.com', true],
    ['li.wang@googlemail.com', 'liwang@gmail.com', true],
    ['li.wang@example.com', 'liwang@example.com', false],
    ['li.wang+crm@example.com', 'li.wang@example.com', false],
    ['ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'li@example.com', true],
  ])('%s vs %s -> %s', (a, b, same) => {
    expect(emailKey(a) === emailKey(b)).toBe(same);
  });
  it('is empty for non-addresses', () => {
    expect(emailKey('not mail')).toBe('');
    expect(emailKey('@x.com')).toBe('');
  });
});

describe('phones', () => {
  it.each([
    ['+86 21 5555 0101', '+862155550101'],
    ['0086-21-55550101', '+862155550101'],
    ['(021) 5555-0101', '+862155550101'],
    ['021 5555 0101', '+862155550101'],
    ['+86 (0)21 5555 0101', '+862155550101'],
    ['+86 021 5555 0101', '+862155550101'],
    ['138 0013 8000', '+8613800138000'],
    ['+86 138-0013-8000', '+8613800138000'],
    ['8613800138000', '+8613800138000'],
    ['１３８００１３８０００', '+8613800138000'],
    ['+86 21 5555 0101 ext. 12', '+862155550101'],
    ['021-55550101转8', '+862155550101'],
    ['+1 (213) 555-0606', '+12135550606'],
  ])('%s -> %s', (raw, key) => {
    expect(phoneKey(raw)).toBe(key);
  });
  it('does not invent numbers', () => {
    expect(phoneKey('12345')).toBe('');
    expect(phoneKey('')).toBe('');
    expect(phoneKey('+86 21 5555 0101')).not.toBe(phoneKey('+86 21 5555 0102'));
    expect(phoneKey('+1 213 555 0606')).not.toBe(phoneKey('+86 213 555 0606'));
  });
});

describe('tax ids and people', () => {
  it('normalises tax ids', () => {
    expect(taxKey('91310000-MA1FL0001X')).toBe(taxKey('91310000ma1fl0001x'));
    expect(taxKey(' 9131 0000 MA1F L000 1X ')).toBe('91310000MA1FL0001X');
  });
  it('normalises person names', () => {
    expect(personKey('Wang  Li')).toBe(personKey('WANG-LI'));
    expect(personKey('王丽')).toBe(personKey(' 王 丽 '));
  });
});

describe('record keys', () => {
  it('a customer and a lead of the same company meet on name, email and phone', () => {
    const c = dedupeKeys('Customer', { customerName: '上海恒达贸易有限公司', email: 'Orders@Hengda.cn', phone: '021-5555 0101', taxId: '' });
    const l = dedupeKeys('Lead', { companyName: '上海恒达贸易公司', email: 'orders@hengda.cn', mobile: '', phone: '+86 21 55550101' });
    expect(matchReasons(c, l)).toEqual(['nameKey', 'emailKey', 'phoneKey']);
  });
  it('contacts with the same name meet only within one customer', () => {
    const a = dedupeKeys('Contact', { contactName: 'Li Wang', customer: 'c1' });
    const b = dedupeKeys('Contact', { contactName: 'li wang', customer: 'c1' });
    const c = dedupeKeys('Contact', { contactName: 'Li Wang', customer: 'c2' });
    expect(matchReasons(a, b)).toEqual(['nameKey']);
    expect(matchReasons(a, c)).toEqual([]);
  });
});
