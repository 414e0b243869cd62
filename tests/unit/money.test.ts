import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { money, parseMoney, formatPlain, add, mul, pct, convert, allocate, fromMajor, DomainError } from '../../shared/api';

describe('Money', () => {
  it.each([
    ['0.1', 'CNY', 10],
    ['1234.56', 'CNY', 123456],
    ['1,234.5', 'USD', 123450],
    ['100', 'JPY', 100],
    ['1.234', 'KWD', 1234],
    ['-7.01', 'EUR', -701],
  ])('parses %s %s exactly to %i minor units', (text, cur, minor) => {
    expect(parseMoney(text, cur).minor).toBe(minor);
  });

  it('refuses text, extra decimals and unknown currencies with typed errors', () => {
    expect(() => parseMoney('abc', 'CNY')).toThrowError(DomainError);
    expect(() => parseMoney('1.005', 'CNY')).toThrow(/too_many_decimals/);
    expect(() => parseMoney('1.5', 'JPY')).toThrow(/too_many_decimals/);
    expect(() => money(1, 'XXX')).toThrow(/currency_unknown/);
  });

  it('0.1 + 0.2 is exactly 0.3', () => {
    expect(formatPlain(add(parseMoney('0.1', 'CNY'), parseMoney('0.2', 'CNY')))).toBe('0.30');
  });

  it('computes 13% VAT half-up and converts with a named rounding', () => {
    expect(pct(parseMoney('99.99', 'CNY'), '13').minor).toBe(1300); // 12.9987 -> 13.00
    expect(pct(parseMoney('0.50', 'CNY'), '13').minor).toBe(7); // 0.065 -> 0.07 (half-up)
    expect(mul(money(5, 'CNY'), '0.5', 'half-even').minor).toBe(2); // 2.5 -> 2
    expect(convert(parseMoney('100', 'USD'), 'CNY', '7.1234').minor).toBe(71234);
    expect(convert(parseMoney('1000', 'JPY'), 'CNY', '0.0481').minor).toBe(4810);
    expect(fromMajor('2.675', 'CNY', 'half-up').minor).toBe(268);
  });

  it('allocates 100.00 in three parts summing exactly', () => {
    const parts = allocate(parseMoney('100', 'CNY'), [1, 1, 1]);
    expect(parts.map((p) => p.minor)).toEqual([3334, 3333, 3333]);
  });

  it('property: allocation always sums to the total and is near-proportional', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }), (total, weights) => {
        const parts = allocate(money(total, 'CNY'), weights);
        expect(parts.reduce((a, p) => a + p.minor, 0)).toBe(total);
        const wsum = weights.reduce((a, b) => a + b, 0);
        if (wsum > 0) parts.forEach((p, i) => expect(Math.abs(p.minor - (total * weights[i]) / wsum)).toBeLessThan(1.000001));
      }),
    );
  });

  it('property: parse then format round-trips any cents amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -9e14, max: 9e14 }), (minor) => {
        const m = money(minor, 'CNY');
        expect(parseMoney(formatPlain(m), 'CNY').minor).toBe(minor);
      }),
    );
  });
});
