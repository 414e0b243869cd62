/**
 * Budgets: the `Budget` document (a fiscal year's plan per account and month) and
 * `budgetVsActual`, the comparison with the books.
 *
 * - The fiscal year is the calendar year (periods YYYY-01..YYYY-12, as the ledger's periods).
 * - A line holds 12 monthly amounts (m01..m12, base minor units, the account's natural sign:
 *   income and liabilities/equity as credits, expenses and assets as debits). With `allocate`
 *   checked, `annualAmount` is spread evenly over the months with `allocate` (exact: the months
 *   sum to the annual amount, earlier months take the odd cents); otherwise `annualAmount` is
 *   computed as the sum of the months.
 * - An account appears at most once in a budget. A group account is compared with the sum of its
 *   leaves (its lines should then not repeat those leaves).
 * - Actuals come from `account_balances` through the [account+period] index (one read per
 *   leaf), never from gl_entries; year-end closing entries (period YYYY-13) are outside the range.
 * Budgets are plans set by head office (`ownership: 'hq'`); they post nothing.
 */
import Decimal from 'decimal.js';
import { DomainError, type FieldIssue } from '../kernel/errors';
import { allocate, D } from '../kernel/money';
import type { BaseRecord, DocTypeDef } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { Session } from '../kernel/session';
import { BALANCE_TABLE, type AccountBalance } from './gl';
import { loadAccountTree, leavesUnder } from './reports';

export const MONTH_FIELDS = ['m01', 'm02', 'm03', 'm04', 'm05', 'm06', 'm07', 'm08', 'm09', 'm10', 'm11', 'm12'] as const;

export const Budget = {
  name: 'Budget',
  table: 'budgets',
  module: 'books',
  submittable: false,
  ownership: 'hq',
  naming: { series: 'BUD' },
  titleField: 'budgetName',
  icon: 'report-money',
  fields: [
    { name: 'budgetName', type: 'data', required: true, maxLength: 140 },
    /** Calendar year the budget covers, e.g. 2026. */
    { name: 'fiscalYear', type: 'int', required: true, min: 1900, max: 9999 },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    {
      name: 'lines',
      type: 'table',
      required: true,
      fields: [
        { name: 'account', type: 'link', link: 'Account', required: true },
        /** Spread annualAmount evenly over the 12 months (else annualAmount = sum of the months). */
        { name: 'allocate', type: 'check' },
        { name: 'annualAmount', type: 'money' },
        ...MONTH_FIELDS.map((name) => ({ name, type: 'money' as const })),
      ],
    },
  ],
  listColumns: ['number', 'budgetName', 'fiscalYear'],
  searchFields: ['budgetName'],
  indexes: ['fiscalYear'],
} as const satisfies DocTypeDef;

type BudgetLine = { account: string; allocate?: boolean; annualAmount?: number } & Partial<Record<(typeof MONTH_FIELDS)[number], number>>;

/** Pure: fill the months of a line (allocate) or its annual total (sum). */
export function normaliseBudgetLine(l: BudgetLine): BudgetLine {
  const out: BudgetLine = { ...l };
  if (l.allocate) {
    const parts = allocate({ minor: l.annualAmount ?? 0, currency: 'CNY' }, MONTH_FIELDS.map(() => 1));
    MONTH_FIELDS.forEach((m, i) => (out[m] = parts[i].minor));
  } else {
    for (const m of MONTH_FIELDS) out[m] = l[m] ?? 0;
    out.annualAmount = MONTH_FIELDS.reduce((t, m) => t + (out[m] ?? 0), 0);
  }
  return out;
}

export const budgetBehaviour: DocBehaviour = {
  beforeSave(doc) {
    const lines = ((doc.lines as BudgetLine[]) ?? []).map(normaliseBudgetLine);
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    lines.forEach((l, row) => {
      if (seen.has(l.account)) issues.push({ code: 'error.budget_duplicate_account', field: 'lines.account', row });
      seen.add(l.account);
    });
    if (issues.length) throw DomainError.invalid(issues);
    doc.lines = lines;
  },
};

export interface BudgetVsActualRow {
  account: string;
  accountNumber: string;
  accountName: string;
  accountNameZh: string;
  rootType: string;
  budget: number;
  actual: number;
  /** actual − budget (natural sign). */
  variance: number;
  /** variance / |budget| × 100, 2 decimals half-up, as a decimal string; null when the budget is 0. */
  variancePercent: string | null;
  /** Income at or above budget, anything else at or below. */
  favourable: boolean;
}

export interface BudgetVsActual {
  budgetId: string;
  budgetName: string;
  fiscalYear: number;
  from: string;
  to: string;
  rows: BudgetVsActualRow[];
  /** Per root type (income, expense, ...): sums of the rows. */
  totals: Record<string, { budget: number; actual: number; variance: number }>;
}

/** Pure: variance % of a budget figure. */
export function variancePercent(variance: number, budget: number): string | null {
  if (budget === 0) return null;
  return new D(variance).mul(100).div(Math.abs(budget)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Budget against actuals for the months from..to ('YYYY-MM', inside the budget's fiscal year;
 * default: the whole year).
 */
export async function budgetVsActual(s: Session, q: { budgetId: string; from?: string; to?: string }): Promise<BudgetVsActual> {
  s.require('Budget', 'read');
  const b = await s.db.t<BaseRecord>('budgets').get(q.budgetId);
  if (!b || b.deleted) throw new DomainError('error.not_found', { docType: 'Budget', id: q.budgetId });
  const year = String(b.fiscalYear);
  const from = q.from ?? `${year}-01`;
  const to = q.to ?? `${year}-12`;
  for (const [field, p] of [['from', from], ['to', to]] as const) {
    if (!PERIOD_RE.test(p)) throw new DomainError('error.period_invalid', { value: p }, field);
    if (p.slice(0, 4) !== year) throw new DomainError('error.budget_period_outside', { period: p, year }, field);
  }
  if (from > to) throw new DomainError('error.period_range', { from, to }, 'to');
  const m0 = Number(from.slice(5)) - 1;
  const m1 = Number(to.slice(5)) - 1;
  const tree = await loadAccountTree(s);
  const byId = new Map(tree.map((n) => [n.id, n]));
  const bal = s.db.t<AccountBalance>(BALANCE_TABLE);
  const rows: BudgetVsActualRow[] = [];
  const totals: BudgetVsActual['totals'] = {};
  for (const l of (b.lines as BudgetLine[]) ?? []) {
    const n = byId.get(l.account);
    if (!n) continue;
    const budget = MONTH_FIELDS.slice(m0, m1 + 1).reduce((t, m) => t + (l[m] ?? 0), 0);
    let dr = 0;
    for (const leaf of leavesUnder(tree, n.id)) for (const r of await bal.where('[account+period]').between([leaf, from], [leaf, to], true, true).toArray()) dr += r.debit - r.credit;
    const actual = n.rootType === 'asset' || n.rootType === 'expense' ? dr : -dr;
    const variance = actual - budget;
    rows.push({ account: n.id, accountNumber: n.accountNumber, accountName: n.accountName, accountNameZh: n.accountNameZh, rootType: n.rootType, budget, actual, variance, variancePercent: variancePercent(variance, budget), favourable: n.rootType === 'income' ? variance >= 0 : variance <= 0 });
    const t = (totals[n.rootType] ??= { budget: 0, actual: 0, variance: 0 });
    t.budget += budget;
    t.actual += actual;
    t.variance += variance;
  }
  rows.sort((x, y) => x.accountNumber.localeCompare(y.accountNumber));
  return { budgetId: b.id, budgetName: b.budgetName as string, fiscalYear: b.fiscalYear as number, from, to, rows, totals };
}
