/**
 * Pricing: the default rate of a document line from the price lists (./price-lists.doctypes.ts),
 * else from the item's own price.
 *
 * Rule (`pickPrice`, pure, table-tested in tests/unit/stock-price-lists.test.ts):
 * 1. Candidate lists: not deleted, not disabled, of the side asked (selling / buying), in the
 *    document's currency ('' = base), valid on the document date (validFrom <= date <= validTo,
 *    both inclusive, blank = unbounded), and either general or for the customer's group
 *    (selling) / for the document's supplier (buying).
 * 2. Most specific first: a list for the customer's group / the supplier before a general list;
 *    then the list that started last (a newer list supersedes an older one); then by list number.
 * 3. In the first list that has a line for the item whose minimum quantity is reached (minQty
 *    in the line's unit, compared in stock units): the highest quantity break; then a line in
 *    the unit asked; then a line in the stock unit; then any other unit.
 * 4. Unit conversion: rate per asked unit = line rate x factor(asked) / factor(line). Exact
 *    whenever the result is a whole number of minor units (always, when converting up from the
 *    stock unit); otherwise rounded half-up to the minor unit, the only rounding in pricing.
 *    An item's own unit table gives the factors (./uom.ts), never a float.
 * 5. Fallback: the item's `salePrice` / `purchasePrice` (per stock unit, base currency) x the
 *    unit's factor. For a foreign-currency document it is converted by the document's exchange
 *    rate: round_half_up(price x factor / rate) in the document currency's minor units
 *    (./currency.ts `fromBase`, the inverse of books' toBase); without a rate there is no price —
 *    a base price is never taken as foreign money. A price of 0 means "no price": the result is
 *    null, and the caller decides (order lines keep 0, an invoice line refuses).
 *
 * `priceFor(s, query)` answers one question outside a transaction (screens, scripts);
 * `loadPricer(read, ...)` loads the lists once per document inside a command's transaction and
 * prices each line from memory. Lists are read through the `listType` index; the lines of all
 * lists of one side are held for the document's save (fine for tens of lists of a few thousand
 * lines; a per-item index would need a derived table that replication also keeps).
 */
import type { Table } from 'dexie';
import { DomainError, type FieldIssue } from '../kernel/errors';
import { D } from '../kernel/money';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { Session } from '../kernel/session';
import { uomFactor } from './uom';
import { fromBase, isRate } from './currency';

export const PRICE_LIST_TABLE = 'price_lists';

export interface PriceQuery {
  item: string;
  /** Customer id (selling): its group picks group lists. */
  customer?: string;
  /** Supplier id (buying): picks that supplier's lists. */
  supplier?: string;
  /** Document exchange rate (base units per document unit), to convert the item's base price for a foreign document. */
  exchangeRate?: string;
  /** Document currency ('' = base). */
  currency?: string;
  /** Document date, 'YYYY-MM-DD'. */
  date: string;
  /** Quantity in `uom` (decimal string; blank = 0, only lines without a minimum apply). */
  qty?: string;
  /** Unit of the line ('' = the item's stock unit). */
  uom?: string;
  selling: boolean;
}

export interface PriceResult {
  /** Minor units of the document currency per one `uom`. */
  rate: number;
  source: 'price_list' | 'item';
  /** Price list id and name when the rate came from a list. */
  priceList?: string;
  listName?: string;
  /** Unit of the list line the rate was converted from. */
  fromUom?: string;
  /** Set when the item's base-currency price was converted to the document currency at this rate. */
  exchangeRate?: string;
}

interface ListLine {
  item: string;
  uom: string;
  rate: number;
  minQty: string;
}

export interface PickInput {
  customerGroup: string;
  /** Supplier of a buying document ('' / absent = general buying lists only). */
  supplier?: string;
  /** Document exchange rate, for the item-price fallback of a foreign document. */
  exchangeRate?: string;
  currency: string;
  baseCurrency: string;
  date: string;
  qty: string;
  uom: string;
  selling: boolean;
}

const halfUp = (x: InstanceType<typeof D>): number => x.toDecimalPlaces(0, D.ROUND_HALF_UP).toNumber();

/** Lists that apply to the input, most specific first (rules 1-2). */
export function candidateLists(lists: readonly BaseRecord[], q: Pick<PickInput, 'customerGroup' | 'supplier' | 'currency' | 'baseCurrency' | 'date' | 'selling'>): BaseRecord[] {
  const cur = q.currency || q.baseCurrency;
  const side = q.selling ? 'selling' : 'buying';
  const ok = lists.filter((l) => {
    if (l.deleted || l.disabled || l.listType !== side) return false;
    if (((l.currency as string) || q.baseCurrency) !== cur) return false;
    if (l.validFrom && (l.validFrom as string) > q.date) return false;
    if (l.validTo && (l.validTo as string) < q.date) return false;
    const group = (l.customerGroup as string) || '';
    const supplier = (l.supplier as string) || '';
    if (supplier && (q.selling || supplier !== q.supplier)) return false;
    return !group || (q.selling && group === q.customerGroup);
  });
  const specific = (l: BaseRecord) => (l.customerGroup || l.supplier ? 0 : 1);
  return ok.sort((a, b) => {
    const ga = specific(a);
    const gb = specific(b);
    if (ga !== gb) return ga - gb;
    const fa = (a.validFrom as string) || '';
    const fb = (b.validFrom as string) || '';
    if (fa !== fb) return fa > fb ? -1 : 1;
    return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
  });
}

/** The price of one item for the input (rules 1-5), or null when there is none. */
export function pickPrice(lists: readonly BaseRecord[], item: BaseRecord, q: PickInput): PriceResult | null {
  const askFactor = new D(uomFactor(item, q.uom));
  const askStock = new D(q.qty || '0').mul(askFactor);
  const askUom = q.uom && q.uom !== item.uom ? q.uom : '';
  for (const list of candidateLists(lists, q)) {
    const lines: { l: ListLine; factor: InstanceType<typeof D>; min: InstanceType<typeof D>; uom: string }[] = [];
    for (const l of (list.items as ListLine[] | undefined) ?? []) {
      if (l.item !== item.id || !(l.rate > 0)) continue;
      let factor: InstanceType<typeof D>;
      try {
        factor = new D(uomFactor(item, l.uom ?? ''));
      } catch {
        continue; // the unit was removed from the item since the list was saved
      }
      const min = new D(l.minQty || '0').mul(factor);
      if (min.gt(askStock)) continue;
      lines.push({ l, factor, min, uom: l.uom && l.uom !== item.uom ? l.uom : '' });
    }
    if (!lines.length) continue;
    const rank = (x: (typeof lines)[number]) => (x.uom === askUom ? 0 : x.uom === '' ? 1 : 2);
    lines.sort((a, b) => (!a.min.eq(b.min) ? (a.min.gt(b.min) ? -1 : 1) : rank(a) - rank(b)));
    const best = lines[0];
    return { rate: halfUp(new D(best.l.rate).mul(askFactor).div(best.factor)), source: 'price_list', priceList: list.id, listName: list.listName as string, fromUom: best.uom };
  }
  const own = Number(item[q.selling ? 'salePrice' : 'purchasePrice'] ?? 0);
  if (!(own > 0)) return null;
  const cur = q.currency || q.baseCurrency;
  if (cur === q.baseCurrency) return { rate: halfUp(new D(own).mul(askFactor)), source: 'item' };
  if (!isRate(q.exchangeRate)) return null;
  const rate = fromBase(new D(own).mul(askFactor), q.exchangeRate, cur, q.baseCurrency);
  return rate > 0 ? { rate, source: 'item', exchangeRate: q.exchangeRate } : null;
}

type Read = <T = BaseRecord>(table: string) => Table<T, string>;

export interface Pricer {
  /** Price one line; unknown units throw error.uom_unknown (a line issue for the caller). */
  price(item: BaseRecord, qty: string, uom: string): PriceResult | null;
}

/**
 * Load what pricing a document needs once (the lists of its side, the customer's group), then
 * price each line from memory. `read` is `ctx.t` inside a command or `s.db.t` outside one.
 */
export async function loadPricer(read: Read, baseCurrency: string, o: { customer?: string; supplier?: string; currency?: string; exchangeRate?: string; date: string; selling: boolean }): Promise<Pricer> {
  const lists = await read<BaseRecord>(PRICE_LIST_TABLE).where('listType').equals(o.selling ? 'selling' : 'buying').toArray();
  const customer = o.selling && o.customer ? await read<BaseRecord>('customers').get(o.customer) : undefined;
  const base = { customerGroup: (customer?.customerGroup as string) || '', supplier: o.selling ? '' : o.supplier || '', exchangeRate: o.exchangeRate || '', currency: o.currency || baseCurrency, baseCurrency, date: o.date, selling: o.selling };
  return { price: (item, qty, uom) => pickPrice(lists, item, { ...base, qty, uom }) };
}

/** The default rate of one line (screens, scripts): price lists, else the item's price; null when none. */
export async function priceFor(s: Session, q: PriceQuery): Promise<PriceResult | null> {
  s.require('Item', 'read');
  const item = await s.db.t<BaseRecord>('items').get(q.item);
  if (!item || item.deleted) throw new DomainError('error.not_found', { docType: 'Item', id: q.item });
  const pricer = await loadPricer((t) => s.db.t(t), s.baseCurrency, q);
  return pricer.price(item, q.qty ?? '1', q.uom ?? '');
}

/**
 * Price list validation on save: currency defaults to base; validTo not before validFrom; a
 * group only on selling lists, a supplier only on buying lists; each line's unit declared on its item, rate above zero, and no two
 * lines for the same item, unit and minimum quantity.
 */
export const priceListBehaviour: DocBehaviour = {
  tables: ['items'],
  async beforeSave(doc, ctx) {
    if (!doc.currency) doc.currency = ctx.session.baseCurrency;
    if (doc.validFrom && doc.validTo && (doc.validTo as string) < (doc.validFrom as string)) throw new DomainError('error.price_list_dates', { from: doc.validFrom, to: doc.validTo }, 'validTo');
    if (doc.listType === 'buying' && doc.customerGroup) throw new DomainError('error.price_list_group_buying', {}, 'customerGroup');
    if (doc.listType !== 'buying' && doc.supplier) throw new DomainError('error.price_list_supplier_selling', {}, 'supplier');
    const lines = (doc.items as ListLine[] | undefined) ?? [];
    const items = new Map((await ctx.t<BaseRecord>('items').bulkGet([...new Set(lines.map((l) => l.item))])).filter(Boolean).map((i) => [i!.id, i!]));
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    lines.forEach((l, row) => {
      const it = items.get(l.item);
      if (!it) return;
      if (l.uom === it.uom) l.uom = '';
      try {
        uomFactor(it, l.uom ?? '');
      } catch (e) {
        const de = e as DomainError;
        issues.push({ code: de.code, field: 'items.uom', row, params: de.params });
      }
      if (!(l.rate > 0)) issues.push({ code: 'error.price_zero', field: 'items.rate', row, params: { item: `${it.itemCode} ${it.itemName}` } });
      const key = `${l.item}|${l.uom ?? ''}|${new D(l.minQty || '0').toString()}`;
      if (seen.has(key)) issues.push({ code: 'error.price_list_duplicate_line', field: 'items.item', row, params: { item: `${it.itemCode} ${it.itemName}`, uom: l.uom || (it.uom as string), minQty: l.minQty || '0' } });
      seen.add(key);
    });
    if (issues.length) throw DomainError.invalid(issues);
  },
};
