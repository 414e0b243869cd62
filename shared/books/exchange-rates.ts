/**
 * The exchange-rate table: `ExchangeRate` records (one rate per foreign currency per date) and
 * the lookups every foreign-currency document uses to default its rate (ERPNext's "Currency
 * Exchange", Odoo's currency rates).
 *
 * - `rate` has the meaning of every document's `exchangeRate`: base units per ONE unit of the
 *   currency ("7.1" for USD in a CNY company), an exact decimal string > 0. The base currency
 *   itself has no rows (its rate is always '1').
 * - One rate per currency per date: a second one is refused (`error.exchange_rate_duplicate`).
 *   The hidden computed `rateKey` = "USD 2026-03-31" is indexed, so "the latest rate on or
 *   before a date" is ONE reverse index seek (`where('rateKey').between('USD ', 'USD <date>')`),
 *   never a scan, however many years of daily rates the table holds.
 * - Head-office data (`ownership: 'hq'`, like the chart of accounts and price lists): head office
 *   keeps the table and every branch receives it by sync; a branch asks for a change with a
 *   change request.
 * - Rights: the books module's (whoever manages accounts edits the table); read also for whoever
 *   may create an invoice or a payment (`readableBy`), since those documents take rates from it.
 *
 * Defaulting (the behaviours call `applyTableRate` / `rateOnTx` inside their own transaction):
 * a new or draft foreign-currency document whose rate is empty (on any save, and at submit)
 * takes the table's rate for its posting / order date; a rate typed on the document always wins,
 * and a defaulted rate, once saved, is the document's own (a later date change keeps it). The
 * source rules stay first (a credit note / return takes its original's rate, a receipt /
 * delivery / invoice of an order the order's); with no rate in the table the document behaves
 * as before (a draft where allowed, `error.exchange_rate_required` at submit). Editing the table
 * never changes a saved document.
 */
import { DomainError } from '../kernel/errors';
import type { BaseRecord, DocTypeDef } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { Session } from '../kernel/session';
import type { TxContext } from '../kernel/tx';
import type { Table } from 'dexie';
import { D } from '../kernel/money';
import { isCurrency } from '../kernel/currency';
import { isValidDate } from '../kernel/validate';

export const EXCHANGE_RATE_TABLE = 'exchange_rates';

export const ExchangeRate = {
  name: 'ExchangeRate',
  table: EXCHANGE_RATE_TABLE,
  module: 'books',
  submittable: false,
  ownership: 'hq',
  naming: { series: 'XR' },
  titleField: 'rateKey',
  icon: 'exchange',
  readableBy: ['SalesInvoice', 'PurchaseInvoice', 'Payment'],
  fields: [
    /** The foreign currency (ISO 4217); never the company's base currency. */
    { name: 'currency', type: 'currency', required: true },
    /** The day the rate applies from; it holds until the next rate of the currency. */
    { name: 'rateDate', type: 'date', required: true },
    /** Base units per ONE unit of `currency` (a document's `exchangeRate`), > 0. */
    { name: 'rate', type: 'decimal', required: true, min: 0 },
    /** Where the rate comes from or why ("PBOC central parity", "bank quote"); optional. */
    { name: 'source', type: 'data', maxLength: 140 },
    /** "USD 2026-03-31": computed on save, indexed (uniqueness and the on-or-before lookup). */
    { name: 'rateKey', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['currency', 'rateDate', 'rate', 'source'],
  searchFields: ['currency', 'source'],
  indexes: ['rateKey'],
} as const satisfies DocTypeDef;

/** The indexed key of a currency's rate on a date: "USD 2026-03-31" (dates sort as text). */
export function rateKey(currency: string, date: string): string {
  return `${currency} ${date}`;
}

/**
 * A document's rate is missing: absent, '' (stock documents' empty value) or '0' (the decimal
 * field's empty value on invoices and payments, which a form sends for a blank input).
 */
export function rateMissing(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  try {
    return new D(String(v)).isZero();
  } catch {
    return false;
  }
}

/** The latest live rate row of `currency` on or before `date` (one reverse index seek). */
async function latestRow(t: Table<BaseRecord, string>, currency: string, date: string): Promise<BaseRecord | undefined> {
  return t
    .where('rateKey')
    .between(rateKey(currency, ''), rateKey(currency, date), true, true)
    .reverse()
    .filter((r) => !r.deleted)
    .first();
}

export const exchangeRateBehaviour: DocBehaviour = {
  async beforeSave(doc, ctx) {
    const base = ctx.session.baseCurrency;
    const cur = doc.currency as string;
    if (cur === base) throw new DomainError('error.exchange_rate_base', { currency: cur }, 'currency');
    if (!new D(doc.rate as string).gt(0)) throw new DomainError('error.exchange_rate_positive', { currency: cur }, 'rate');
    doc.rateKey = rateKey(cur, doc.rateDate as string);
    const clash = await ctx
      .t<BaseRecord>(EXCHANGE_RATE_TABLE)
      .where('rateKey')
      .equals(doc.rateKey as string)
      .filter((r) => r.id !== doc.id && !r.deleted)
      .first();
    if (clash) throw new DomainError('error.exchange_rate_duplicate', { currency: cur, date: doc.rateDate, rate: clash.rate, number: clash.number }, 'rateDate');
  },
};

/** The currency asked for ('' = base), checked; the date checked. */
function checkQuery(currency: string, date: string, base: string): string {
  const cur = (currency || '').trim().toUpperCase() || base;
  if (!isCurrency(cur)) throw new DomainError('error.currency_unknown', { currency: currency }, 'currency');
  if (!isValidDate(date)) throw new DomainError('error.date_invalid', { value: date }, 'date');
  return cur;
}

/**
 * The rate of `currency` on `date`: the latest table rate on or before the date, '1' for the
 * base currency ('' too), null when the table has none. Needs read access to exchange rates (which
 * everyone who may create an invoice or a payment has).
 */
export async function rateOn(s: Session, currency: string, date: string): Promise<string | null> {
  s.require(ExchangeRate.name, 'read');
  const cur = checkQuery(currency, date, s.baseCurrency);
  if (cur === s.baseCurrency) return '1';
  const row = await latestRow(s.db.t<BaseRecord>(EXCHANGE_RATE_TABLE), cur, date);
  return row ? (row.rate as string) : null;
}

/** The table's row behind `rateOn` (its date and source, for a hint), or null. */
export async function rateEntryOn(s: Session, currency: string, date: string): Promise<{ rate: string; rateDate: string; source: string; number: string } | null> {
  s.require(ExchangeRate.name, 'read');
  const cur = checkQuery(currency, date, s.baseCurrency);
  if (cur === s.baseCurrency) return null;
  const row = await latestRow(s.db.t<BaseRecord>(EXCHANGE_RATE_TABLE), cur, date);
  return row ? { rate: row.rate as string, rateDate: row.rateDate as string, source: (row.source as string) || '', number: row.number } : null;
}

/**
 * `rateOn` inside a command's transaction (behaviours; no rights check: the document's own
 * command was checked). A transaction that did not open the table (a narrower multi-document
 * command) gets null — the document then behaves as without a table rate — rather than a failed
 * command; every behaviour that defaults rates lists EXCHANGE_RATE_TABLE in its `tables`.
 */
export async function rateOnTx(ctx: TxContext, currency: string, date: string): Promise<string | null> {
  const base = ctx.session.baseCurrency;
  const cur = currency || base;
  if (cur === base) return '1';
  if (!date || !ctx.tx.storeNames.includes(EXCHANGE_RATE_TABLE)) return null;
  const row = await latestRow(ctx.t<BaseRecord>(EXCHANGE_RATE_TABLE), cur, date);
  return row ? (row.rate as string) : null;
}

/**
 * Give a foreign-currency document without a rate the table's rate for `date` (nothing for a
 * base-currency document, a document with a rate, or when the table has none). Returns whether
 * the rate was taken from the table.
 */
export async function applyTableRate(ctx: TxContext, doc: BaseRecord, date: string): Promise<boolean> {
  const base = ctx.session.baseCurrency;
  const cur = (doc.currency as string) || base;
  if (cur === base || !rateMissing(doc.exchangeRate)) return false;
  const r = await rateOnTx(ctx, cur, date || ctx.today);
  if (!r) return false;
  doc.exchangeRate = r;
  return true;
}
