/**
 * Document currency of purchase orders, purchase receipts, sales orders and delivery notes (and
 * their returns). The money rule is the books' rule for invoices (shared/books/invoice.behaviour.ts,
 * invoice.totals.ts), reused rather than repeated:
 *
 * - `currency` ('' = base) and `exchangeRate` (decimal string, base units per one document unit).
 *   Base currency: the rate is always '1' (whatever was typed). A foreign currency needs a rate
 *   > 0 to SUBMIT (`error.exchange_rate_required`, books' code); a draft may be saved without one
 *   (automatic reorder drafts for a USD supplier, an order typed before the day's rate is known),
 *   but a rate that is given must be > 0.
 * - Default currency of a NEW document: the order it fulfils / the document a return goes back
 *   against, else the party's `currency` (Supplier / Customer master), else base. On a later save
 *   a blank currency means base (a draft saved before currencies existed stays base).
 * - From an order: the receipt / delivery takes the order's currency (another one is refused,
 *   `error.source_currency_mismatch`) and its rate unless one is given (the day's rate may differ:
 *   stock is valued at the receipt's own rate). A return takes its original's currency AND rate
 *   (books' rule for credit notes).
 * - Without a source (an order; a receipt / delivery typed by hand) a foreign document whose rate
 *   is empty takes the exchange-rate table's rate for its date (`postingDate`, an order's
 *   `transactionDate`, else today; shared/books/exchange-rates.ts); a rate typed wins, and with
 *   no table rate the draft waits for one as before.
 * - Line `rate` / `amount` and `netTotal` are document-currency minor units (amount = qty x rate,
 *   half-even: the stock documents' line rule, ./valuation.ts valueOf). Each line's base amount is
 *   `baseAmount = round_half_up(amount x exchangeRate)` (books' `toBase`, line by line, as the
 *   invoice postings convert), and `baseNetTotal` = the sum of the lines' base amounts, so a
 *   receipt's stock value, its stock-ledger rows and its GL rows are the same integers.
 * - Stock valuation, COGS and every GL row stay in base currency. Foreign amounts never enter the
 *   stock ledger.
 * - The item's own standard price (`purchasePrice` / `salePrice`) is base currency: for a foreign
 *   document it is converted by the document's rate, `round_half_up(price / exchangeRate)` in the
 *   document currency's minor units (`fromBase`, the inverse of `toBase` with the same rounding);
 *   without a rate there is no price (the line keeps 0; an invoice asks for one).
 */
import { DomainError } from '../kernel/errors';
import { D, minorUnitsOf } from '../kernel/money';
import type { BaseRecord } from '../kernel/doctype';
import type { TxContext } from '../kernel/tx';
import type { DocBehaviour } from '../kernel/behaviour';
import { toBase } from '../books/invoice.totals';
import { applyTableRate, EXCHANGE_RATE_TABLE } from '../books/exchange-rates';
import './currency.messages';

type Line = Record<string, unknown>;
type Dec = InstanceType<typeof D>;

export interface CurrencyShape {
  /** 'suppliers' / 'customers' and the document's field linking to it. */
  readonly partyTable: string;
  readonly partyField: string;
  /** For a receipt / delivery: its own table (returns), the order table and the field linking to it. */
  readonly docTable?: string;
  readonly orderTable?: string;
  readonly orderField?: string;
}

export const PURCHASE_ORDER_SHAPE: CurrencyShape = { partyTable: 'suppliers', partyField: 'supplier' };
export const SALES_ORDER_SHAPE: CurrencyShape = { partyTable: 'customers', partyField: 'customer' };
export const RECEIPT_SHAPE: CurrencyShape = { partyTable: 'suppliers', partyField: 'supplier', docTable: 'purchase_receipts', orderTable: 'purchase_orders', orderField: 'purchaseOrder' };
export const DELIVERY_SHAPE: CurrencyShape = { partyTable: 'customers', partyField: 'customer', docTable: 'delivery_notes', orderTable: 'sales_orders', orderField: 'salesOrder' };

/** True when `rate` is a decimal string above zero. */
export function isRate(rate: unknown): rate is string {
  if (typeof rate !== 'string' || !rate) return false;
  try {
    return new D(rate).gt(0);
  } catch {
    return false;
  }
}

/**
 * Settle `currency` and `exchangeRate` of a buying / selling document before its lines are
 * priced (see the header for the rules). Reads the source and the party through the command's
 * transaction; throws a DomainError before anything is written.
 */
export async function settleCurrency(doc: BaseRecord, ctx: TxContext, shape: CurrencyShape): Promise<void> {
  const base = ctx.session.baseCurrency;
  const given = (doc.currency as string) || '';
  let source: BaseRecord | undefined;
  let isReturn = false;
  if (shape.docTable && doc.isReturn && doc.returnAgainst) {
    source = await ctx.t<BaseRecord>(shape.docTable).get(doc.returnAgainst as string);
    isReturn = true;
  } else if (shape.orderTable && shape.orderField && !doc.isReturn && doc[shape.orderField]) {
    source = await ctx.t<BaseRecord>(shape.orderTable).get(doc[shape.orderField] as string);
  }
  // a missing or unsubmitted source is refused by the fulfilment checks that follow
  if (source && !source.deleted) {
    const srcCur = (source.currency as string) || base;
    if (given && given !== srcCur) throw new DomainError('error.source_currency_mismatch', { number: source.number, currency: given, sourceCurrency: srcCur }, 'currency');
    doc.currency = srcCur;
    if (isReturn) doc.exchangeRate = (source.exchangeRate as string) || '1';
    else if (!doc.exchangeRate) doc.exchangeRate = (source.exchangeRate as string) || '';
  } else if (!given) {
    let cur = base;
    if (doc._rev === 1 && doc[shape.partyField]) {
      const party = await ctx.t<BaseRecord>(shape.partyTable).get(doc[shape.partyField] as string);
      cur = (party?.currency as string) || base;
    }
    doc.currency = cur;
  }
  if (doc.currency === base) {
    doc.exchangeRate = '1';
    return;
  }
  // the table is the fallback where the party / base default applies: never over a source's rate
  if (!(source && !source.deleted) && !doc.exchangeRate) await applyTableRate(ctx, doc, ((doc.postingDate || doc.transactionDate) as string) || ctx.today);
  const rate = (doc.exchangeRate as string) || '';
  if (rate ? !isRate(rate) : doc.status === 'submitted') throw new DomainError('error.exchange_rate_required', { currency: doc.currency }, 'exchangeRate');
  doc.exchangeRate = rate;
}

/** Base value of a document-currency amount at the document's rate (books' toBase); 0 while a foreign draft has no rate. */
export function baseOf(amount: number, doc: BaseRecord, baseCurrency: string): number {
  const cur = (doc.currency as string) || baseCurrency;
  if (cur === baseCurrency) return amount;
  const rate = doc.exchangeRate as string;
  if (!isRate(rate)) return 0;
  return toBase(amount, rate, minorUnitsOf(cur), minorUnitsOf(baseCurrency));
}

/** Set each line's `baseAmount` and the document's `baseNetTotal` (their sum) from the lines' `amount`. */
export function applyBaseAmounts(doc: BaseRecord, lines: Line[], baseCurrency: string): void {
  let sum = 0;
  for (const l of lines) {
    l.baseAmount = baseOf((l.amount as number) ?? 0, doc, baseCurrency);
    sum += l.baseAmount as number;
  }
  doc.baseNetTotal = sum;
}

/**
 * A line's base amount as posted: the stored `baseAmount` (set by every save, and again at
 * submit), else — a document saved before currencies existed, always base — its `amount`.
 */
export function lineBase(l: Line, doc: BaseRecord, baseCurrency: string): number {
  return typeof l.baseAmount === 'number' ? l.baseAmount : baseOf((l.amount as number) ?? 0, doc, baseCurrency);
}

/**
 * A base-currency price (minor units, may be fractional) in a document currency at `rate`:
 * round_half_up(price / rate), in the document currency's minor units. The inverse of books'
 * `toBase`, with the same rounding rule; converting back may differ by the rounding.
 */
export function fromBase(baseMinor: Dec | number, rate: string, currency: string, baseCurrency: string): number {
  return new D(baseMinor).div(rate).mul(new D(10).pow(minorUnitsOf(currency) - minorUnitsOf(baseCurrency))).toDecimalPlaces(0, D.ROUND_HALF_UP).toNumber();
}

/**
 * Wrap a buying / selling document behaviour with the currency rules: currency and rate settled
 * BEFORE the wrapped beforeSave prices and totals the lines (in the document currency), base
 * amounts derived AFTER it. Reads the party and the source in the same transaction.
 */
export function withCurrency(prev: DocBehaviour, shape: CurrencyShape): DocBehaviour {
  const extra = [shape.partyTable, shape.docTable, shape.orderTable, EXCHANGE_RATE_TABLE].filter((t): t is string => !!t);
  return {
    ...prev,
    tables: [...new Set([...(prev.tables ?? []), ...extra])],
    async beforeSave(doc, ctx) {
      await settleCurrency(doc, ctx, shape);
      await prev.beforeSave?.(doc, ctx);
      applyBaseAmounts(doc, (doc.items as Line[] | undefined) ?? [], ctx.session.baseCurrency);
    },
  };
}
