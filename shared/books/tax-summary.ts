/**
 * Tax summary (增值税汇总) for any range of months: output tax on sales and input tax on
 * purchases, per tax template (rate) and tax account, with the taxable base, in base currency,
 * and the net tax payable (output − input).
 *
 * Source: the submitted sales and purchase invoices dated in the range (the `postingDate` index;
 * drafts and cancelled invoices are left out — a cancelled invoice's GL rows net to zero in its
 * own period anyway). Credit notes / debit notes (`isReturn`) count negative, so they are netted
 * in the row of their tax template; their part is also shown on its own (`returnsTaxable`,
 * `returnsTax`). Lines without a tax template form a "without tax" row (taxable base, no tax), so
 * the taxable bases add up to the invoices' net totals.
 *
 * Figures per invoice and row:
 *   taxable = Σ line net amounts, each converted to base separately (half-up at the invoice rate:
 *             exactly as the invoice posted its income/expense lines);
 *   tax     = the line tax amounts; a template with one tax line takes the line's tax as is, one
 *             with several splits it by recomputing the line (./invoice.totals.ts), or — if the
 *             template's rates changed since — in proportion to its rates (exact, `allocate`).
 *             In base currency, the tax of each (invoice, tax account) is the same single
 *             conversion the invoice posted, so the report's tax per account equals the GL rows of
 *             those invoices to the minor unit; when two templates share an account on a foreign
 *             invoice, the conversion's odd minor unit goes to the larger of them.
 * A row's rate and account are those of the template now (templates are head-office data: change
 * a rate with a new template, not by editing a used one — the ledger check below would show it).
 * A template with several tax lines has one row per tax account, each with the line's full
 * taxable base; the totals count each invoice line's base once.
 *
 * Ledger check (`accounts`): per tax account, the movement of the period in `account_balances`
 * (natural side: credit − debit for an output-tax account, debit − credit for an input-tax
 * account) next to the invoices' figure; a difference is what else was posted there (journal
 * entries, VAT paid over, adjustments) and drills to the GL detail.
 *
 * Traceability: every row carries its documents (type, id, number, party, document-currency and
 * base figures), every ledger figure the account: a screen can open the invoice or the GL rows.
 */
import { DomainError } from '../kernel/errors';
import type { BaseRecord } from '../kernel/doctype';
import type { Session } from '../kernel/session';
import { D, allocate } from '../kernel/money';
import { BALANCE_TABLE, type AccountBalance } from './gl';
import { computeLine, toBase, type TaxRateLine } from './invoice.totals';
import { minorOf } from './books.context';

export type TaxKind = 'output' | 'input';

export interface TaxDocument {
  docType: 'SalesInvoice' | 'PurchaseInvoice';
  id: string;
  number: string;
  postingDate: string;
  party: string;
  partyName: string;
  isReturn: boolean;
  currency: string;
  exchangeRate: string;
  /** Document currency, signed (credit / debit notes negative). */
  taxableFc: number;
  taxFc: number;
  /** Base currency, signed. */
  taxable: number;
  tax: number;
}

export interface TaxSummaryRow {
  /** `${kind}|${taxTemplate}|${account}` */
  key: string;
  kind: TaxKind;
  /** TaxTemplate id; '' = lines without a tax template. */
  taxTemplate: string;
  templateName: string;
  templateNameZh: string;
  /** The template's rate for this account (decimal string); '' without a template. */
  ratePercent: string;
  inclusive: boolean;
  /** Tax account id; '' without a template. */
  account: string;
  accountNumber: string;
  accountName: string;
  accountNameZh: string;
  /** Net of credit / debit notes, base minor units. */
  taxable: number;
  tax: number;
  /** The credit / debit notes' part of taxable and tax (≤ 0). */
  returnsTaxable: number;
  returnsTax: number;
  documents: TaxDocument[];
}

export interface TaxAccountCheck {
  account: string;
  accountNumber: string;
  accountName: string;
  accountNameZh: string;
  /** output: natural side credit − debit; input: debit − credit. */
  kind: TaxKind;
  fromInvoices: number;
  perLedger: number;
  /** perLedger − fromInvoices: what journals and other vouchers posted to the account. */
  difference: number;
}

export interface TaxSummary {
  fromPeriod: string;
  toPeriod: string;
  currency: string;
  output: TaxSummaryRow[];
  input: TaxSummaryRow[];
  totals: { outputTaxable: number; outputTax: number; inputTaxable: number; inputTax: number; netPayable: number };
  accounts: TaxAccountCheck[];
}

/** What the builder needs of a tax template. */
export interface TaxTemplateInfo {
  id: string;
  templateName: string;
  templateNameZh: string;
  usage: string;
  lines: readonly TaxRateLine[];
}

export interface TaxAccountInfo {
  id: string;
  accountNumber: string;
  accountName: string;
  accountNameZh: string;
}

export interface TaxSummaryInput {
  fromPeriod: string;
  toPeriod: string;
  baseCurrency: string;
  /** Submitted invoices of the range (others are ignored here too). */
  sales: readonly BaseRecord[];
  purchases: readonly BaseRecord[];
  templates: readonly TaxTemplateInfo[];
  accounts: readonly TaxAccountInfo[];
  /** Period debit/credit per account (from account_balances). */
  ledger: ReadonlyMap<string, { debit: number; credit: number }>;
  partyNames?: ReadonlyMap<string, string>;
}

interface Part {
  template: string;
  account: string;
  taxableFc: number;
  taxFc: number;
  taxable: number;
  tax: number;
}

interface Line {
  qty: string;
  rate: number;
  discountPercent?: string;
  taxTemplate?: string;
  netAmount: number;
  taxAmount: number;
}

/** A line's tax per account of its template (exact: the parts sum to the line's tax). */
function splitLineTax(l: Line, t: TaxTemplateInfo): { account: string; tax: number }[] {
  const accounts = [...new Set(t.lines.map((x) => x.account))];
  if (accounts.length === 1) return [{ account: accounts[0], tax: l.taxAmount }];
  const again = computeLine({ qty: l.qty, rate: l.rate, discountPercent: l.discountPercent, taxes: t.lines });
  const byAcc = new Map<string, number>();
  if (again.tax === l.taxAmount && again.net === l.netAmount) for (const x of again.taxes) byAcc.set(x.account, (byAcc.get(x.account) ?? 0) + x.amount);
  else {
    // the template's rates changed since the invoice: share the stored tax by the rates
    const weights = accounts.map((a) => t.lines.filter((x) => x.account === a).reduce((s, x) => s.add(x.ratePercent), new D(0)).toString());
    allocate({ minor: l.taxAmount, currency: 'XXX' }, weights).forEach((m, i) => byAcc.set(accounts[i], m.minor));
  }
  return accounts.map((a) => ({ account: a, tax: byAcc.get(a) ?? 0 }));
}

/** One invoice's parts per (template, tax account), document currency and base, unsigned. */
function invoiceParts(inv: BaseRecord, templates: ReadonlyMap<string, TaxTemplateInfo>, baseCurrency: string): Part[] {
  const cur = (inv.currency as string) || baseCurrency;
  const rate = (inv.exchangeRate as string) || '1';
  const fx = (a: number) => toBase(a, rate, minorOf(cur), minorOf(baseCurrency));
  const parts = new Map<string, Part>();
  const add = (template: string, account: string, net: number, tax: number) => {
    const k = `${template}|${account}`;
    const p = parts.get(k) ?? { template, account, taxableFc: 0, taxFc: 0, taxable: 0, tax: 0 };
    p.taxableFc += net;
    p.taxable += fx(net);
    p.taxFc += tax;
    parts.set(k, p);
  };
  for (const l of (inv.items as Line[]) ?? []) {
    const t = l.taxTemplate ? templates.get(l.taxTemplate) : undefined;
    if (!l.taxTemplate) add('', '', l.netAmount, 0);
    else if (!t || t.lines.length === 0) add(l.taxTemplate, '', l.netAmount, l.taxAmount);
    else for (const x of splitLineTax(l, t)) add(l.taxTemplate, x.account, l.netAmount, x.tax);
  }
  // base tax: one conversion per (invoice, account) as posted; the odd unit to the largest part
  const byAccount = new Map<string, Part[]>();
  for (const p of parts.values()) byAccount.set(p.account, [...(byAccount.get(p.account) ?? []), p]);
  for (const list of byAccount.values()) {
    for (const p of list) p.tax = fx(p.taxFc);
    const target = fx(list.reduce((s, p) => s + p.taxFc, 0));
    const diff = target - list.reduce((s, p) => s + p.tax, 0);
    if (diff) list.reduce((a, b) => (Math.abs(b.taxFc) > Math.abs(a.taxFc) ? b : a)).tax += diff;
  }
  return [...parts.values()];
}

const rateNum = (r: string) => (r ? new D(r) : new D(-1));

/** Pure: invoices, templates and ledger sums -> the tax summary. */
export function buildTaxSummary(inp: TaxSummaryInput): TaxSummary {
  const templates = new Map(inp.templates.map((t) => [t.id, t]));
  const accounts = new Map(inp.accounts.map((a) => [a.id, a]));
  const rows = new Map<string, TaxSummaryRow>();
  const totals = { outputTaxable: 0, outputTax: 0, inputTaxable: 0, inputTax: 0, netPayable: 0 };
  const invoiceTaxByAccount = new Map<string, number>(); // + output, − input
  const take = (inv: BaseRecord, kind: TaxKind) => {
    if (inv.status !== 'submitted' || inv.deleted) return;
    const docType = kind === 'output' ? 'SalesInvoice' : 'PurchaseInvoice';
    const sign = inv.isReturn ? -1 : 1;
    const party = (kind === 'output' ? inv.customer : inv.supplier) as string;
    const cur = (inv.currency as string) || inp.baseCurrency;
    const parts = invoiceParts(inv, templates, inp.baseCurrency);
    for (const p of parts) {
      const t = p.template ? templates.get(p.template) : undefined;
      const tl = t?.lines.filter((x) => x.account === p.account) ?? [];
      const key = `${kind}|${p.template}|${p.account}`;
      const acc = accounts.get(p.account);
      const row = rows.get(key) ?? {
        key, kind, taxTemplate: p.template, templateName: t?.templateName ?? (p.template ? p.template : ''), templateNameZh: t?.templateNameZh ?? '',
        ratePercent: tl.length ? tl.reduce((s, x) => s.add(x.ratePercent), new D(0)).toString() : '', inclusive: tl.some((x) => x.inclusive),
        account: p.account, accountNumber: acc?.accountNumber ?? '', accountName: acc?.accountName ?? '', accountNameZh: acc?.accountNameZh ?? '',
        taxable: 0, tax: 0, returnsTaxable: 0, returnsTax: 0, documents: [],
      };
      row.taxable += sign * p.taxable;
      row.tax += sign * p.tax;
      if (inv.isReturn) {
        row.returnsTaxable -= p.taxable;
        row.returnsTax -= p.tax;
      }
      row.documents.push({ docType, id: inv.id, number: inv.number, postingDate: inv.postingDate as string, party, partyName: inp.partyNames?.get(party) ?? party, isReturn: !!inv.isReturn, currency: cur, exchangeRate: (inv.exchangeRate as string) || '1', taxableFc: sign * p.taxableFc, taxFc: sign * p.taxFc, taxable: sign * p.taxable, tax: sign * p.tax });
      rows.set(key, row);
      if (p.account) invoiceTaxByAccount.set(p.account, (invoiceTaxByAccount.get(p.account) ?? 0) + (kind === 'output' ? 1 : -1) * sign * p.tax);
      if (kind === 'output') totals.outputTax += sign * p.tax;
      else totals.inputTax += sign * p.tax;
    }
    // taxable totals count each invoice line once (a template with two tax accounts has two parts per line)
    const rate = (inv.exchangeRate as string) || '1';
    const lineBase = ((inv.items as Line[]) ?? []).reduce((s, l) => s + toBase(l.netAmount, rate, minorOf(cur), minorOf(inp.baseCurrency)), 0);
    if (kind === 'output') totals.outputTaxable += sign * lineBase;
    else totals.inputTaxable += sign * lineBase;
  };
  for (const inv of inp.sales) take(inv, 'output');
  for (const inv of inp.purchases) take(inv, 'input');
  totals.netPayable = totals.outputTax - totals.inputTax;

  const order = (a: TaxSummaryRow, b: TaxSummaryRow) =>
    rateNum(b.ratePercent).comparedTo(rateNum(a.ratePercent)) || a.templateName.localeCompare(b.templateName) || a.accountNumber.localeCompare(b.accountNumber);
  for (const r of rows.values()) r.documents.sort((a, b) => a.postingDate.localeCompare(b.postingDate) || a.number.localeCompare(b.number));
  const all = [...rows.values()];

  // ledger check: every tax account of a template or of the invoices
  const kindOf = new Map<string, TaxKind>();
  for (const t of inp.templates) for (const l of t.lines) if (!kindOf.has(l.account) || t.usage === 'sales') kindOf.set(l.account, t.usage === 'purchase' ? 'input' : 'output');
  for (const r of all) if (r.account && !kindOf.has(r.account)) kindOf.set(r.account, r.kind);
  const checks: TaxAccountCheck[] = [...kindOf].map(([id, kind]) => {
    const a = accounts.get(id);
    const l = inp.ledger.get(id) ?? { debit: 0, credit: 0 };
    const sign = kind === 'output' ? 1 : -1;
    const perLedger = sign * (l.credit - l.debit);
    const fromInvoices = sign * (invoiceTaxByAccount.get(id) ?? 0);
    return { account: id, accountNumber: a?.accountNumber ?? '', accountName: a?.accountName ?? '', accountNameZh: a?.accountNameZh ?? '', kind, fromInvoices, perLedger, difference: perLedger - fromInvoices };
  });
  checks.sort((a, b) => a.accountNumber.localeCompare(b.accountNumber));
  return {
    fromPeriod: inp.fromPeriod,
    toPeriod: inp.toPeriod,
    currency: inp.baseCurrency,
    output: all.filter((r) => r.kind === 'output').sort(order),
    input: all.filter((r) => r.kind === 'input').sort(order),
    totals,
    accounts: checks,
  };
}

const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Tax summary for the months fromPeriod..toPeriod ('YYYY-MM', inclusive), optionally one branch.
 * Reads the invoices of the range through the postingDate index and the tax accounts' period
 * sums from account_balances, in one read transaction.
 */
export async function taxSummary(s: Session, q: { fromPeriod: string; toPeriod: string; branchId?: string }): Promise<TaxSummary> {
  s.require('SalesInvoice', 'read');
  s.require('PurchaseInvoice', 'read');
  s.require('Account', 'read');
  for (const [field, p] of [['fromPeriod', q.fromPeriod], ['toPeriod', q.toPeriod]] as const) if (!PERIOD_RE.test(p)) throw new DomainError('error.period_invalid', { value: p }, field);
  const [fromPeriod, toPeriod] = q.fromPeriod <= q.toPeriod ? [q.fromPeriod, q.toPeriod] : [q.toPeriod, q.fromPeriod];
  const tables = ['sales_invoices', 'purchase_invoices', 'tax_templates', 'accounts', 'customers', 'suppliers', BALANCE_TABLE];
  return s.db.transaction('r', tables, async () => {
    const mine = (r: BaseRecord) => r.status === 'submitted' && !r.deleted && (!q.branchId || r.branchId === q.branchId);
    const range = async (table: string) => (await s.db.t<BaseRecord>(table).where('postingDate').between(`${fromPeriod}-01`, `${toPeriod}-31`, true, true).toArray()).filter(mine);
    const sales = await range('sales_invoices');
    const purchases = await range('purchase_invoices');
    const templates: TaxTemplateInfo[] = (await s.db.t<BaseRecord>('tax_templates').toArray()).filter((t) => !t.deleted).map((t) => ({
      id: t.id,
      templateName: t.templateName as string,
      templateNameZh: (t.templateNameZh as string) ?? '',
      usage: t.usage as string,
      lines: ((t.lines as TaxRateLine[]) ?? []).map((l) => ({ account: l.account, ratePercent: l.ratePercent, inclusive: !!l.inclusive })),
    }));
    const accountIds = new Set<string>();
    for (const t of templates) for (const l of t.lines) accountIds.add(l.account);
    for (const inv of [...sales, ...purchases]) for (const x of (inv.taxes as { account: string }[]) ?? []) accountIds.add(x.account);
    const ids = [...accountIds];
    const accounts = (await s.db.t<BaseRecord>('accounts').bulkGet(ids)).filter((a): a is BaseRecord => !!a).map((a) => ({ id: a.id, accountNumber: a.accountNumber as string, accountName: a.accountName as string, accountNameZh: (a.accountNameZh as string) ?? '' }));
    const ledger = new Map<string, { debit: number; credit: number }>();
    for (const id of ids) {
      for (const b of await s.db.t<AccountBalance>(BALANCE_TABLE).where('[account+period]').between([id, fromPeriod], [id, toPeriod], true, true).toArray()) {
        if (q.branchId && b.branchId !== q.branchId) continue;
        const x = ledger.get(id) ?? { debit: 0, credit: 0 };
        x.debit += b.debit;
        x.credit += b.credit;
        ledger.set(id, x);
      }
    }
    const names = new Map<string, string>();
    const customerIds = [...new Set(sales.map((r) => r.customer as string))];
    for (const c of await s.db.t<BaseRecord>('customers').bulkGet(customerIds)) if (c) names.set(c.id, c.customerName as string);
    const supplierIds = [...new Set(purchases.map((r) => r.supplier as string))];
    for (const c of await s.db.t<BaseRecord>('suppliers').bulkGet(supplierIds)) if (c) names.set(c.id, c.supplierName as string);
    return buildTaxSummary({ fromPeriod, toPeriod, baseCurrency: s.baseCurrency, sales, purchases, templates, accounts, ledger, partyNames: names });
  });
}
