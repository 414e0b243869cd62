/**
 * Period-end revaluation of open foreign-currency receivables and payables: the
 * `ExchangeRevaluation` voucher and `revalue(s, { date, rates })`.
 *
 * For every open sales/purchase invoice in a currency of `rates` (outstanding as of `date` from
 * the payment ledger, document currency and base book value), the revalued base value is
 * outstanding × new rate (half-up); the difference to the current book value is the unrealised
 * exchange gain/loss. ONE voucher posts, through `postGl`:
 *   receivable: Dr receivable (party) / Cr exchange gain-loss when the value rose (gain), the
 *               reverse when it fell;
 *   payable:    Cr payable (party) / Dr exchange gain-loss when the value rose (loss), reverse;
 * and appends per invoice a payment-ledger row against it with amount 0 (nothing more is owed in
 * the document currency) and amountBase = the difference, so the party account in the GL keeps
 * equal to the payment ledger's base values, aging shows revalued figures, and a later payment
 * that settles the invoice realises only the difference to the revalued value.
 *
 * Policy (documented choice): revaluation is CUMULATIVE, not auto-reversing. Each run revalues
 * from the current book value, which includes earlier runs; so a second run on the same date with
 * the same rates finds nothing to change and is refused (error.revaluation_nothing), and a run
 * with corrected rates posts exactly the correction (it nets). Cancel is refused while a later
 * live voucher (a later revaluation, a payment, a reconciliation) touches one of the same invoices
 * (cancel latest first), since it settled or revalued on top of this voucher's value.
 * Payment advances (open negative balances of payments) are not revalued: a customer's
 * prepayment is a non-monetary item (IAS 21; 小企业会计准则 revalues monetary items only).
 * Refused when an invoice has payment-ledger rows dated after `date` (a payment entered for a
 * later date): revalue before posting later settlements.
 * Rates: a row of `rates` with a rate is used as given; a row without one takes the exchange-rate
 * table's rate on `date` (./exchange-rates.ts; none there: error.exchange_rate_required); a
 * currency with open documents and no row takes the table's rate on `date` too, and is left
 * alone when the table has none. The rows are completed on save with every rate used, so the
 * voucher shows what it revalued at. A rate for the base currency is ignored.
 */
import { DomainError } from '../kernel/errors';
import type { BaseRecord, DocTypeDef } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { Session } from '../kernel/session';
import type { TxContext } from '../kernel/tx';
import { D } from '../kernel/money';
import { postGl, reverseGl, compactLines, type PostingLine } from './gl';
import { appendPl, reversePl, PL_TABLE, type PaymentLedgerRow, type PlDraft } from './payment-ledger';
import { toBase } from './invoice.totals';
import { defaultAccount, minorOf } from './books.context';
import { createAndSubmit } from './books.service';
import { PARTY_TYPES, type PartyType } from './vouchers.doctypes';
import { rateMissing, rateOnTx, EXCHANGE_RATE_TABLE } from './exchange-rates';

const REVALUED_TYPES = new Set(['SalesInvoice', 'PurchaseInvoice']);

export const ExchangeRevaluation = {
  name: 'ExchangeRevaluation',
  table: 'exchange_revaluations',
  module: 'books',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'FXR' },
  titleField: 'number',
  icon: 'currency-dollar',
  fields: [
    { name: 'postingDate', type: 'date', required: true },
    {
      /** Closing rates; completed on save from the exchange-rate table (see the header). */
      name: 'rates',
      type: 'table',
      fields: [
        { name: 'currency', type: 'currency', required: true },
        /** Base units per one unit of the currency on postingDate (closing rate); blank = the table's. */
        { name: 'exchangeRate', type: 'decimal', min: 0 },
      ],
    },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    {
      /** Computed: one row per invoice whose base value changes. */
      name: 'lines',
      type: 'table',
      readOnly: true,
      fields: [
        { name: 'againstType', type: 'data' },
        { name: 'againstId', type: 'data' },
        { name: 'againstNumber', type: 'data' },
        { name: 'partyType', type: 'select', options: PARTY_TYPES },
        { name: 'party', type: 'data' },
        { name: 'account', type: 'link', link: 'Account' },
        { name: 'currency', type: 'currency' },
        { name: 'exchangeRate', type: 'decimal' },
        /** Open amount, document currency. */
        { name: 'outstanding', type: 'money', currencyField: 'currency' },
        /** Base book value before / after, and the difference (party sign: + the party owes / is owed more). */
        { name: 'bookValue', type: 'money' },
        { name: 'revaluedValue', type: 'money' },
        { name: 'difference', type: 'money' },
        { name: 'dueDate', type: 'date' },
      ],
    },
    /** Net unrealised result: positive = gain. */
    { name: 'totalGain', type: 'money', readOnly: true },
  ],
  listColumns: ['number', 'postingDate', 'totalGain'],
  searchFields: ['remarks'],
  indexes: ['postingDate'],
} as const satisfies DocTypeDef;

export interface RevaluationLine {
  againstType: string;
  againstId: string;
  againstNumber: string;
  partyType: PartyType;
  party: string;
  account: string;
  currency: string;
  exchangeRate: string;
  outstanding: number;
  bookValue: number;
  revaluedValue: number;
  difference: number;
  dueDate: string;
}

/**
 * Pure: payment-ledger rows -> the revaluation lines at `date` (documents with a base change only)
 * and the documents that have rows after `date`.
 */
export function revaluationLines(rows: readonly PaymentLedgerRow[], date: string, rates: ReadonlyMap<string, string>, baseCurrency: string): { lines: RevaluationLine[]; later: string[] } {
  const docs = new Map<string, RevaluationLine & { later: boolean }>();
  for (const r of rows) {
    if (!REVALUED_TYPES.has(r.againstType) || r.currency === baseCurrency || !rates.has(r.currency)) continue;
    const key = `${r.againstId}|${r.partyType}|${r.party}`;
    const d = docs.get(key) ?? { againstType: r.againstType, againstId: r.againstId, againstNumber: r.againstNumber, partyType: r.partyType, party: r.party, account: r.account, currency: r.currency, exchangeRate: rates.get(r.currency)!, outstanding: 0, bookValue: 0, revaluedValue: 0, difference: 0, dueDate: r.dueDate, later: false };
    if (r.voucherId === r.againstId && !r.isReversal) {
      d.account = r.account;
      d.dueDate = r.dueDate;
    }
    if (r.postingDate > date) d.later = true;
    else {
      d.outstanding += r.amount;
      d.bookValue += r.amountBase;
    }
    docs.set(key, d);
  }
  const lines: RevaluationLine[] = [];
  const later: string[] = [];
  for (const { later: isLater, ...d } of docs.values()) {
    if (d.outstanding === 0) continue;
    d.revaluedValue = toBase(d.outstanding, d.exchangeRate, minorOf(d.currency), minorOf(baseCurrency));
    d.difference = d.revaluedValue - d.bookValue;
    if (d.difference === 0) continue;
    if (isLater) later.push(d.againstNumber);
    lines.push(d);
  }
  lines.sort((a, b) => a.againstNumber.localeCompare(b.againstNumber));
  return { lines, later };
}

/** Pure: GL lines of a revaluation (party lines + one exchange gain/loss line per side). */
export function postRevaluation(lines: readonly RevaluationLine[], exchangeAccount: string): PostingLine[] {
  const out: PostingLine[] = [];
  let net = 0; // debit - credit on the party accounts
  for (const l of lines) {
    const dr = l.partyType === 'customer' ? l.difference : -l.difference; // receivable is a debit balance, payable a credit one
    net += dr;
    out.push({ account: l.account, debit: dr > 0 ? dr : 0, credit: dr < 0 ? -dr : 0, currency: l.currency, debitFc: 0, creditFc: 0, exchangeRate: l.exchangeRate, partyType: l.partyType, party: l.party, against: exchangeAccount, remarks: `Revaluation ${l.againstNumber} @ ${l.exchangeRate}` });
  }
  if (net !== 0) out.push({ account: exchangeAccount, debit: net < 0 ? -net : 0, credit: net > 0 ? net : 0, against: 'revaluation', remarks: 'Unrealised exchange gain/loss' });
  return compactLines(out);
}

async function partyRows(ctx: TxContext, partyType: PartyType): Promise<PaymentLedgerRow[]> {
  return ctx.t<PaymentLedgerRow>(PL_TABLE).where('[partyType+party]').between([partyType, ''], [partyType, '\uffff'], true, true).toArray();
}

export const exchangeRevaluationBehaviour: DocBehaviour = {
  tables: ['gl_entries', 'account_balances', 'accounts', PL_TABLE, EXCHANGE_RATE_TABLE],
  async beforeSave(doc, ctx) {
    const base = ctx.session.baseCurrency;
    const date = doc.postingDate as string;
    const rates = new Map<string, string>();
    const given = (doc.rates as { currency: string; exchangeRate: string }[]) ?? [];
    for (let row = 0; row < given.length; row++) {
      const r = given[row];
      if (!r.currency || r.currency === base) continue;
      if (rateMissing(r.exchangeRate)) r.exchangeRate = (await rateOnTx(ctx, r.currency, date)) ?? '';
      if (!r.exchangeRate || new D(r.exchangeRate).lte(0)) throw new DomainError('error.exchange_rate_required', { currency: r.currency }, 'rates.exchangeRate', [{ code: 'error.exchange_rate_required', field: 'rates.exchangeRate', row, params: { currency: r.currency } }]);
      rates.set(r.currency, r.exchangeRate);
    }
    const rows = [...(await partyRows(ctx, 'customer')), ...(await partyRows(ctx, 'supplier'))];
    // currencies of open documents without a row: the table's closing rate, when it has one
    const fromTable = new Map<string, string>();
    for (const cur of new Set(rows.filter((r) => REVALUED_TYPES.has(r.againstType) && r.currency !== base && !rates.has(r.currency)).map((r) => r.currency))) {
      const rate = await rateOnTx(ctx, cur, date);
      if (rate) fromTable.set(cur, rate);
    }
    const { lines, later } = revaluationLines(rows, date, new Map([...rates, ...fromTable]), base);
    // the voucher shows every rate it revalued at: rows added for the table's rates that were used
    const used = new Set(lines.map((l) => l.currency));
    doc.rates = [...given, ...[...fromTable].filter(([cur]) => used.has(cur)).sort(([a], [b]) => a.localeCompare(b)).map(([currency, exchangeRate]) => ({ currency, exchangeRate }))];
    if (later.length) throw new DomainError('error.revaluation_later_entries', { numbers: later.join(', '), date: doc.postingDate }, 'postingDate');
    doc.lines = lines;
    doc.totalGain = lines.reduce((t, l) => t + (l.partyType === 'customer' ? l.difference : -l.difference), 0);
  },
  async onSubmit(doc, ctx) {
    const lines = doc.lines as RevaluationLine[];
    if (lines.length === 0) throw new DomainError('error.revaluation_nothing', { date: doc.postingDate });
    const exchange = defaultAccount(ctx.session.settings, 'exchangeGainLoss');
    await postGl(ctx, { type: 'ExchangeRevaluation', id: doc.id, number: doc.number, postingDate: doc.postingDate as string }, postRevaluation(lines, exchange));
    const pl: PlDraft[] = lines.map((l) => ({
      postingDate: doc.postingDate as string,
      dueDate: l.dueDate,
      partyType: l.partyType,
      party: l.party,
      account: l.account,
      voucherType: 'ExchangeRevaluation',
      voucherId: doc.id,
      voucherNumber: doc.number,
      againstType: l.againstType,
      againstId: l.againstId,
      againstNumber: l.againstNumber,
      amount: 0,
      currency: l.currency,
      amountBase: l.difference,
    }));
    await appendPl(ctx, pl);
  },
  async onCancel(doc, ctx) {
    const t = ctx.t<PaymentLedgerRow>(PL_TABLE);
    const mine = (await t.where('voucherId').equals(doc.id).toArray()).filter((r) => !r.isReversal);
    for (const m of mine) {
      const net = new Map<string, { number: string; base: number; createdAt: string }>();
      for (const r of await t.where('againstId').equals(m.againstId).toArray()) {
        if (r.voucherId === doc.id || r.voucherId === m.againstId) continue;
        const v = net.get(r.voucherId) ?? { number: r.voucherNumber, base: 0, createdAt: r.createdAt };
        v.base += Math.abs(r.amountBase) + Math.abs(r.amount) > 0 ? (r.isReversal ? -1 : 1) : 0;
        if (!r.isReversal) v.createdAt = r.createdAt;
        net.set(r.voucherId, v);
      }
      const later = [...net.values()].find((v) => v.base !== 0 && v.createdAt > m.createdAt);
      if (later) throw new DomainError('error.revaluation_later_exists', { number: later.number });
    }
    await reverseGl(ctx, doc.id);
    await reversePl(ctx, doc.id);
  },
};

/**
 * Revalue open foreign receivables/payables on `date` at `rates` ({ USD: '7.25' }; a currency
 * given '' or left out takes the exchange-rate table's rate on `date`); one voucher.
 */
export async function revalue(s: Session, q: { date: string; rates?: Record<string, string>; remarks?: string }): Promise<BaseRecord> {
  return createAndSubmit(s, 'ExchangeRevaluation', {
    postingDate: q.date,
    remarks: q.remarks ?? `Exchange revaluation ${q.date}`,
    rates: Object.entries(q.rates ?? {}).map(([currency, exchangeRate]) => ({ currency, exchangeRate })),
  });
}
