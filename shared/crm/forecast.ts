/**
 * Weighted pipeline forecast, pure: open and won opportunities by expected-close month and
 * owner. weighted = amount (in base currency) x probability / 100, half-up to the minor unit
 * per opportunity, then summed (so each figure adds up exactly). Lost opportunities count
 * nothing; won ones count at 100 %. A foreign-currency amount needs a rate (base units per
 * one unit of the currency), else error.crm_rate_missing.
 */
import { DomainError } from '../kernel/errors';
import { D, fromMajor, toMajor } from '../kernel/money';

export interface ForecastOpp {
  owner: string;
  stage: string;
  /** Percent, decimal string. */
  probability: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  /** YYYY-MM-DD or '' (unscheduled, month ''). */
  expectedClose: string;
}

export interface ForecastCell {
  month: string;
  owner: string;
  count: number;
  /** Base-currency minor units. */
  amount: number;
  weighted: number;
}

export interface Forecast {
  rows: ForecastCell[];
  byMonth: { month: string; count: number; amount: number; weighted: number }[];
  byOwner: { owner: string; count: number; amount: number; weighted: number }[];
  total: { count: number; amount: number; weighted: number };
}

export interface ForecastOptions {
  baseCurrency: string;
  /** Base units per unit of each foreign currency ("7.1"). */
  rates?: Record<string, string>;
  /** Inclusive month range 'YYYY-MM'. */
  from?: string;
  to?: string;
}

export function toBaseMinor(amount: number, currency: string, o: ForecastOptions): number {
  if (!currency || currency === o.baseCurrency) return amount;
  const rate = o.rates?.[currency];
  if (!rate) throw new DomainError('error.crm_rate_missing', { currency });
  return fromMajor(toMajor({ minor: amount, currency }).mul(new D(rate)), o.baseCurrency, 'half-up').minor;
}

/** amount x probability % (decimal string), half-up to the minor unit: one opportunity's weight. */
export function weightedAmount(amount: number, probability: string): number {
  return new D(amount).mul(new D(probability || '0')).div(100).toDecimalPlaces(0, D.ROUND_HALF_UP).toNumber();
}

export function forecast(opps: readonly ForecastOpp[], o: ForecastOptions): Forecast {
  const cells = new Map<string, ForecastCell>();
  for (const op of opps) {
    if (op.stage === 'lost') continue;
    const month = (op.expectedClose ?? '').slice(0, 7);
    if (o.from && month && month < o.from) continue;
    if (o.to && month && month > o.to) continue;
    if ((o.from || o.to) && !month) continue;
    const amount = toBaseMinor(op.amount, op.currency, o);
    const prob = op.stage === 'won' ? '100' : op.probability || '0';
    const weighted = weightedAmount(amount, prob);
    const key = `${month}\u0000${op.owner}`;
    const c = cells.get(key) ?? { month, owner: op.owner, count: 0, amount: 0, weighted: 0 };
    c.count++;
    c.amount += amount;
    c.weighted += weighted;
    cells.set(key, c);
  }
  const rows = [...cells.values()].sort((a, b) => a.month.localeCompare(b.month) || a.owner.localeCompare(b.owner));
  const group = <K extends 'month' | 'owner'>(k: K) => {
    const m = new Map<string, { count: number; amount: number; weighted: number } & Record<K, string>>();
    for (const r of rows) {
      const g = m.get(r[k]) ?? ({ [k]: r[k], count: 0, amount: 0, weighted: 0 } as { count: number; amount: number; weighted: number } & Record<K, string>);
      g.count += r.count;
      g.amount += r.amount;
      g.weighted += r.weighted;
      m.set(r[k], g);
    }
    return [...m.values()].sort((a, b) => a[k].localeCompare(b[k]));
  };
  const total = rows.reduce((t, r) => ({ count: t.count + r.count, amount: t.amount + r.amount, weighted: t.weighted + r.weighted }), { count: 0, amount: 0, weighted: 0 });
  return { rows, byMonth: group('month'), byOwner: group('owner'), total };
}
