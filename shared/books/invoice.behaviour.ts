/**
 * Sales and purchase invoice behaviour (one factory, two sides).
 *
 * beforeSave (every save and again at submit): currency and exchange rate (base -> 1, foreign
 * -> required > 0; a return copies the original's rate; an empty rate takes the exchange-rate
 * table's rate for the posting date, ./exchange-rates.ts), default accounts, due date from the
 * party's payment terms, per-line tax templates, line and document totals (./invoice.totals.ts).
 * onSubmit: ledger rows from the pure rule, payment-ledger rows (a return settles the original
 * first, the excess is a credit on the party). onCancel: refused while payments or credit notes
 * settle the invoice (error.invoice_has_payments); otherwise reversing rows.
 */
import { DomainError, type FieldIssue } from '../kernel/errors';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { TxContext } from '../kernel/tx';
import { D } from '../kernel/money';
import { postGl, reverseGl, assertOpen } from './gl';
import { appendPl, reversePl, assertNoLiveAllocations, outstandingIn, PL_TABLE, type PaymentLedgerRow, type PlDraft } from './payment-ledger';
import { computeTotals, toBase, type TaxRateLine } from './invoice.totals';
import { postSalesInvoice } from './sales-invoice.posting';
import { postPurchaseInvoice } from './purchase-invoice.posting';
import { defaultAccount, docCurrency, minorOf } from './books.context';
import type { PartyType } from './vouchers.doctypes';
import { applyTableRate, EXCHANGE_RATE_TABLE } from './exchange-rates';

interface Side {
  docType: 'SalesInvoice' | 'PurchaseInvoice';
  table: string;
  partyField: 'customer' | 'supplier';
  partyType: PartyType;
  partyTable: string;
  partyAccountField: 'debitTo' | 'creditTo';
  lineAccountField: 'incomeAccount' | 'expenseAccount';
  taxUsage: 'sales' | 'purchase';
}

const SALES: Side = { docType: 'SalesInvoice', table: 'sales_invoices', partyField: 'customer', partyType: 'customer', partyTable: 'customers', partyAccountField: 'debitTo', lineAccountField: 'incomeAccount', taxUsage: 'sales' };
const PURCHASE: Side = { docType: 'PurchaseInvoice', table: 'purchase_invoices', partyField: 'supplier', partyType: 'supplier', partyTable: 'suppliers', partyAccountField: 'creditTo', lineAccountField: 'expenseAccount', taxUsage: 'purchase' };

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The party account must be a receivable (customers) or payable (suppliers) account. */
export async function assertPartyAccount(ctx: TxContext, id: string, type: 'receivable' | 'payable', field: string): Promise<void> {
  const a = await ctx.t<BaseRecord>('accounts').get(id);
  if (a && a.accountType !== type) throw new DomainError('error.party_account_type', { account: a.accountNumber, type }, field);
}

/** Set the document's exchange rate: 1 for base, required for foreign (a return copies its original's). */
export function normaliseRate(doc: BaseRecord, base: string): void {
  const cur = docCurrency(doc, base);
  doc.currency = cur;
  if (cur === base) doc.exchangeRate = '1';
  else if (!doc.exchangeRate || new D(doc.exchangeRate as string).lte(0)) throw new DomainError('error.exchange_rate_required', { currency: cur }, 'exchangeRate');
}

function makeBehaviour(side: Side): DocBehaviour {
  return {
    tables: ['gl_entries', 'account_balances', PL_TABLE, 'tax_templates', 'items', 'accounts', side.partyTable, EXCHANGE_RATE_TABLE],
    async beforeSave(doc, ctx) {
      const settings = ctx.session.settings;
      const base = ctx.session.baseCurrency;
      doc.currency = docCurrency(doc, base);
      if (doc.isReturn) {
        if (!doc.returnAgainst) throw new DomainError('error.return_against_required', {}, 'returnAgainst');
        const orig = await ctx.t<BaseRecord>(side.table).get(doc.returnAgainst as string);
        if (!orig || orig.status !== 'submitted' || orig.isReturn || orig[side.partyField] !== doc[side.partyField] || orig.currency !== doc.currency) throw new DomainError('error.return_against_mismatch', {}, 'returnAgainst');
        doc.exchangeRate = orig.exchangeRate;
      } else {
        doc.returnAgainst = '';
        // no rate given (nor by an order / delivery invoiced): the table's rate of the posting date
        await applyTableRate(ctx, doc, doc.postingDate as string);
      }
      normaliseRate(doc, base);
      if (!doc[side.partyAccountField]) doc[side.partyAccountField] = defaultAccount(settings, side.partyType === 'customer' ? 'receivable' : 'payable');
      await assertPartyAccount(ctx, doc[side.partyAccountField] as string, side.partyType === 'customer' ? 'receivable' : 'payable', side.partyAccountField);
      if (!doc.dueDate) {
        const party = await ctx.t<BaseRecord>(side.partyTable).get(doc[side.partyField] as string);
        doc.dueDate = addDays(doc.postingDate as string, Number(party?.paymentTermsDays ?? 0));
      }
      const lines = doc.items as Record<string, unknown>[];
      const templateIds = [...new Set(lines.map((l) => l.taxTemplate as string).filter(Boolean))];
      const templates = new Map((await ctx.t<BaseRecord>('tax_templates').bulkGet(templateIds)).filter(Boolean).map((t) => [t!.id, t!]));
      const itemIds = [...new Set(lines.map((l) => l.item as string).filter(Boolean))];
      const items = new Map((await ctx.t<BaseRecord>('items').bulkGet(itemIds)).filter(Boolean).map((t) => [t!.id, t!]));
      const issues: FieldIssue[] = [];
      const inputs = lines.map((l, row) => {
        if (new D(l.qty as string).lte(0)) issues.push({ code: 'error.qty_zero', field: 'items.qty', row });
        const t = l.taxTemplate ? templates.get(l.taxTemplate as string) : undefined;
        if (t && t.usage !== side.taxUsage) issues.push({ code: 'error.tax_template_usage', field: 'items.taxTemplate', row, params: { template: t.templateName, usage: side.taxUsage } });
        if (!l[side.lineAccountField]) {
          const item = items.get(l.item as string);
          l[side.lineAccountField] = side.partyType === 'customer' ? defaultAccount(settings, 'salesIncome') : defaultAccount(settings, item?.itemType === 'stock' ? 'inventory' : 'purchaseExpense');
        }
        if (!l.description && l.item) l.description = String(items.get(l.item as string)?.itemName ?? '');
        const taxes: TaxRateLine[] = ((t?.lines as TaxRateLine[] | undefined) ?? []).map((x) => ({ account: x.account, ratePercent: x.ratePercent, inclusive: !!x.inclusive }));
        return { qty: l.qty as string, rate: l.rate as number, discountPercent: l.discountPercent as string, taxes };
      });
      if (issues.length) throw DomainError.invalid(issues);
      const totals = computeTotals(inputs);
      totals.lines.forEach((t, i) => {
        lines[i].amount = t.amount;
        lines[i].netAmount = t.net;
        lines[i].taxAmount = t.tax;
      });
      doc.taxes = totals.taxes;
      doc.netTotal = totals.netTotal;
      doc.discountTotal = totals.discountTotal;
      doc.taxTotal = totals.taxTotal;
      doc.grandTotal = totals.grandTotal;
      doc.baseGrandTotal = toBase(totals.grandTotal, doc.exchangeRate as string, minorOf(doc.currency as string), minorOf(base));
    },

    async onSubmit(doc, ctx) {
      const base = ctx.session.baseCurrency;
      const cur = doc.currency as string;
      const partyAccount = doc[side.partyAccountField] as string;
      const pl = await plRows(ctx, side, doc, partyAccount);
      const partyBase = pl.reduce((s, r) => s + Math.abs(r.amountBase), 0);
      const input = {
        currency: cur,
        exchangeRate: doc.exchangeRate as string,
        currencyMinorUnits: minorOf(cur),
        baseMinorUnits: minorOf(base),
        partyAccount,
        partyType: side.partyType,
        party: doc[side.partyField] as string,
        grandTotal: doc.grandTotal as number,
        partyBase,
        lines: (doc.items as Record<string, unknown>[]).map((l) => ({ account: l[side.lineAccountField] as string, net: l.netAmount as number })),
        taxes: doc.taxes as { account: string; amount: number }[],
        roundingAccount: defaultAccount(ctx.session.settings, 'rounding'),
        isReturn: !!doc.isReturn,
        remarks: doc.remarks as string,
      };
      const rows = side.partyType === 'customer' ? postSalesInvoice(input) : postPurchaseInvoice(input);
      // a zero-value invoice (free samples) posts no ledger rows, but the lock date still applies
      if (rows.length === 0) assertOpen(ctx.session.settings.lockDate, doc.postingDate as string);
      else await postGl(ctx, { type: side.docType, id: doc.id, number: doc.number, postingDate: doc.postingDate as string }, rows);
      await appendPl(ctx, pl);
    },

    async onCancel(doc, ctx) {
      await assertNoLiveAllocations(ctx, doc.id, doc.number);
      await reverseGl(ctx, doc.id);
      await reversePl(ctx, doc.id);
    },
  };
}

/** Payment-ledger rows of an invoice; a return settles its original first (up to its outstanding). */
async function plRows(ctx: TxContext, side: Side, doc: BaseRecord, account: string): Promise<PlDraft[]> {
  const cur = doc.currency as string;
  const base = ctx.session.baseCurrency;
  const fx = (a: number) => toBase(a, doc.exchangeRate as string, minorOf(cur), minorOf(base));
  const common = { postingDate: doc.postingDate as string, partyType: side.partyType, party: doc[side.partyField] as string, account, voucherType: side.docType, voucherId: doc.id, voucherNumber: doc.number, currency: cur };
  const self = { againstType: side.docType, againstId: doc.id, againstNumber: doc.number, dueDate: doc.dueDate as string };
  const grand = doc.grandTotal as number;
  if (!doc.isReturn) return [{ ...common, ...self, amount: grand, amountBase: doc.baseGrandTotal as number }];
  const orig = (await ctx.t<BaseRecord>(side.table).get(doc.returnAgainst as string))!;
  const open = await outstandingIn(ctx.t<PaymentLedgerRow>(PL_TABLE), orig.id, { partyType: side.partyType, party: doc[side.partyField] as string });
  const applied = Math.max(0, Math.min(grand, open.amount));
  const appliedBase = applied === open.amount ? open.amountBase : fx(applied);
  const rest = grand - applied;
  const out: PlDraft[] = [];
  if (applied) out.push({ ...common, againstType: side.docType, againstId: orig.id, againstNumber: orig.number, dueDate: orig.dueDate as string, amount: -applied, amountBase: -appliedBase });
  if (rest) out.push({ ...common, ...self, amount: -rest, amountBase: -fx(rest) });
  return out;
}

export const salesInvoiceBehaviour = makeBehaviour(SALES);
export const purchaseInvoiceBehaviour = makeBehaviour(PURCHASE);
