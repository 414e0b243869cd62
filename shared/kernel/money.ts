/**
 * Money: exact amounts as integer minor units of a currency, arithmetic through decimal.js.
 *
 * Invariants:
 * - `minor` is always a safe integer (|x| < 2^53), never a binary fraction.
 * - Every operation that can produce fractions of a minor unit (rates, tax, discounts,
 *   conversion) takes an explicit rounding rule; the default is half-even ("banker's"), the rule
 *   used for VAT in most jurisdictions is half-up and is named where used.
 * - `allocate` splits an amount into parts whose sum is exactly the whole (largest remainder).
 */
import Decimal from 'decimal.js';
import { DomainError } from './errors';
import { currencyInfo } from './currency';

export type Rounding = 'half-up' | 'half-even' | 'down' | 'up';

const RM: Record<Rounding, Decimal.Rounding> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
};

// A private Decimal constructor so nobody's global config changes our precision.
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type Dec = Decimal;
export type DecLike = Decimal.Value;

export interface Money {
  readonly minor: number;
  readonly currency: string;
}

export function minorUnitsOf(currency: string): number {
  const info = currencyInfo(currency);
  if (!info) throw new DomainError('error.currency_unknown', { currency });
  return info.minorUnits;
}

function checkSafe(n: number, currency: string): number {
  if (!Number.isSafeInteger(n)) throw new DomainError('error.amount_out_of_range', { currency });
  return n === 0 ? 0 : n; // normalise -0
}

export function money(minor: number, currency: string): Money {
  minorUnitsOf(currency);
  return { minor: checkSafe(minor, currency), currency };
}

/** Parse a decimal string in major units ("1234.56") exactly; refuses more decimals than the currency has. */
export function parseMoney(text: string, currency: string): Money {
  const mu = minorUnitsOf(currency);
  const t = String(text).trim().replace(/[,\s_]/g, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) throw new DomainError('error.not_a_number', { value: text });
  const d = new D(t);
  if (d.decimalPlaces() > mu) throw new DomainError('error.too_many_decimals', { value: text, places: mu });
  return { minor: checkSafe(d.mul(new D(10).pow(mu)).toNumber(), currency), currency };
}

/** Decimal of a major-unit amount, e.g. {minor: 12345, CNY} -> 123.45 */
export function toMajor(m: Money): Decimal {
  return new D(m.minor).div(new D(10).pow(minorUnitsOf(m.currency)));
}

/** Major-unit decimal string with exactly the currency's decimals ("123.40"). */
export function formatPlain(m: Money): string {
  return toMajor(m).toFixed(minorUnitsOf(m.currency));
}

/** Round a major-unit decimal to a Money in `currency`. */
export function fromMajor(value: DecLike, currency: string, rounding: Rounding = 'half-even'): Money {
  const mu = minorUnitsOf(currency);
  const minor = new D(value).mul(new D(10).pow(mu)).toDecimalPlaces(0, RM[rounding]).toNumber();
  return { minor: checkSafe(minor, currency), currency };
}

function same(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new DomainError('error.currency_mismatch', { a: a.currency, b: b.currency });
}

export function add(a: Money, b: Money): Money {
  same(a, b);
  return { minor: checkSafe(a.minor + b.minor, a.currency), currency: a.currency };
}

export function sub(a: Money, b: Money): Money {
  same(a, b);
  return { minor: checkSafe(a.minor - b.minor, a.currency), currency: a.currency };
}

export function neg(a: Money): Money {
  return { minor: a.minor === 0 ? 0 : -a.minor, currency: a.currency };
}

export function sum(items: Money[], currency: string): Money {
  let s = 0;
  for (const m of items) {
    same(m, { minor: 0, currency });
    s += m.minor;
  }
  return { minor: checkSafe(s, currency), currency };
}

/** Multiply by a decimal factor (quantity, rate, percentage/100) with an explicit rounding rule. */
export function mul(a: Money, factor: DecLike, rounding: Rounding = 'half-even'): Money {
  const minor = new D(a.minor).mul(new D(factor)).toDecimalPlaces(0, RM[rounding]).toNumber();
  return { minor: checkSafe(minor, a.currency), currency: a.currency };
}

/** Percentage of an amount: pct(amount, '13') = 13 %. */
export function pct(a: Money, percent: DecLike, rounding: Rounding = 'half-up'): Money {
  return mul(a, new D(percent).div(100), rounding);
}

/**
 * Convert to another currency at `rate` (units of `to` per one unit of `from`), rounding to the
 * target currency's minor unit.
 */
export function convert(a: Money, to: string, rate: DecLike, rounding: Rounding = 'half-even'): Money {
  const major = toMajor(a).mul(new D(rate));
  return fromMajor(major, to, rounding);
}

/**
 * Split `total` into parts proportional to `weights` so that the parts sum exactly to the total
 * (largest-remainder method; ties go to the earlier part). Weights may be decimals; all >= 0.
 */
export function allocate(total: Money, weights: DecLike[]): Money[] {
  if (weights.length === 0) return [];
  const ws = weights.map((w) => new D(w));
  if (ws.some((w) => w.isNeg())) throw new DomainError('error.allocation_negative_weight');
  const wsum = ws.reduce((a, b) => a.add(b), new D(0));
  if (wsum.isZero()) {
    // no basis: everything on the first part
    return weights.map((_, i) => ({ minor: i === 0 ? total.minor : 0, currency: total.currency }));
  }
  const sign = total.minor < 0 ? -1 : 1;
  const abs = Math.abs(total.minor);
  const exact = ws.map((w) => new D(abs).mul(w).div(wsum));
  const floors = exact.map((e) => e.floor().toNumber());
  let rest = abs - floors.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, i) => ({ i, frac: e.minus(e.floor()) }))
    .sort((x, y) => y.frac.comparedTo(x.frac) || x.i - y.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) floors[order[k].i] += 1;
  return floors.map((f) => ({ minor: f === 0 ? 0 : sign * f, currency: total.currency }));
}

export function isZero(a: Money): boolean {
  return a.minor === 0;
}

export function compare(a: Money, b: Money): number {
  same(a, b);
  return a.minor < b.minor ? -1 : a.minor > b.minor ? 1 : 0;
}

/** Exact decimal arithmetic on quantity strings ("12.5"), used for stock quantities and rates. */
export function dec(v: DecLike): Decimal {
  return new D(v);
}

/** Normalise a user-entered decimal string; throws error.not_a_number for text. */
export function parseDecimal(text: unknown, field?: string): string {
  if (typeof text === 'number') {
    if (!Number.isFinite(text)) throw new DomainError('error.not_a_number', { value: String(text) }, field);
    return new D(text).toString();
  }
  const t = String(text ?? '').trim().replace(/[,\s_]/g, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) throw new DomainError('error.not_a_number', { value: String(text) }, field);
  return new D(t).toString();
}
