/**
 * Cash-flow statement, indirect method, from the maintained balance table.
 *
 * Every leaf account is put in exactly ONE line by `classifyAccount`; a line's amount is minus the
 * movement (debit − credit) of its accounts over the periods, so an increase of an asset is a use
 * of cash and an increase of a liability, equity or income a source. Because every voucher
 * balances, the sum of all lines equals the movement of the cash and bank accounts: the
 * statement reconciles by construction, and `reconciles` proves it on the figures
 * (netChangeInCash === cashMovement).
 *
 * Lines:
 *   operating  netProfit (income − expense, plus movements on the current-year-profit account
 *              for books that close monthly to 本年利润), depreciation (the credit movement of
 *              accumulated depreciation accounts = the non-cash expense), disposalGainLoss
 *              (removes the gain/loss of asset disposals, a non-cash item), receivables,
 *              inventory, payables, tax, advances (prepayments / advances from customers),
 *              otherOperating (every other current asset or liability)
 *   investing  fixedAssets (purchases), disposalProceeds (cash received for disposed assets),
 *              otherInvesting (investments, construction in progress, intangibles)
 *   financing  equity (capital, reserves, profit distributions), loans, otherFinancing
 * Disposals (./asset-disposal.ts) are reclassified so that the lines show purchases, proceeds and
 * the depreciation actually charged rather than the net account movements; each reclass adds to
 * one line what it takes from another (the total never changes).
 *
 * Classification: by `accountType` (cash/bank, receivable, payable, inventory, tax, fixed_asset,
 * accumulated_depreciation, capital, retained_earnings, current_year_profit), then for untyped
 * accounts by number in the two shipped charts (ACCOUNT_NUMBER_CLASSES: 1123/2203/1450 advances,
 * 2001/2501/2400 loans, long-term investments/intangibles investing), then by root type
 * (asset/liability -> otherOperating, equity -> equity). A caller may override any account by
 * number (`classes`).
 *
 * Periods are 'YYYY-MM' (the balance table's grain). Year-end closing periods ('YYYY-13') are left
 * out: the closing entry moves profit to equity and touches no cash. Amounts: base minor units.
 */
import type { Session } from '../kernel/session';
import type { BaseRecord } from '../kernel/doctype';
import { DomainError } from '../kernel/errors';
import { BALANCE_TABLE, type AccountBalance } from './gl';
import { loadAccountTree, previousPeriod, type AccountNode } from './reports';
import { DISPOSAL_TABLE } from './asset-disposal';
import { lastDayOf } from './fixed-assets';

export const CASH_FLOW_SECTIONS = {
  operating: ['netProfit', 'depreciation', 'disposalGainLoss', 'receivables', 'inventory', 'payables', 'tax', 'advances', 'otherOperating'],
  investing: ['fixedAssets', 'disposalProceeds', 'otherInvesting'],
  financing: ['equity', 'loans', 'otherFinancing'],
} as const;
export type CashFlowSection = keyof typeof CASH_FLOW_SECTIONS;
export type CashFlowLineKey = (typeof CASH_FLOW_SECTIONS)[CashFlowSection][number];
/** Where an account goes: a statement line, or 'cash' (the accounts whose movement is explained). */
export type CashFlowClass = CashFlowLineKey | 'cash';

/** Untyped accounts of the shipped charts (cn-small-enterprise and generic) by number. */
export const ACCOUNT_NUMBER_CLASSES: Readonly<Record<string, CashFlowClass>> = {
  '1012': 'cash', // 其他货币资金
  '1123': 'advances', '2203': 'advances', '1450': 'advances',
  '2001': 'loans', '2501': 'loans', '2231': 'otherOperating', '2232': 'otherFinancing', '2400': 'loans',
  '1101': 'otherInvesting', '1501': 'otherInvesting', '1511': 'otherInvesting', '1604': 'otherInvesting', '1701': 'otherInvesting', '1702': 'otherInvesting',
};

const BY_TYPE: Readonly<Record<string, CashFlowClass>> = {
  cash: 'cash', bank: 'cash', receivable: 'receivables', payable: 'payables', inventory: 'inventory', tax: 'tax',
  fixed_asset: 'fixedAssets', accumulated_depreciation: 'depreciation', capital: 'equity', retained_earnings: 'equity',
  current_year_profit: 'netProfit',
};

/** The line of one leaf account. Pure. */
export function classifyAccount(a: Pick<AccountNode, 'accountNumber' | 'accountType' | 'rootType'>, classes: Readonly<Record<string, CashFlowClass>> = {}): CashFlowClass {
  const o = classes[a.accountNumber];
  if (o) return o;
  if (a.rootType === 'income' || a.rootType === 'expense') return 'netProfit';
  const t = BY_TYPE[a.accountType];
  if (t) return t;
  const n = ACCOUNT_NUMBER_CLASSES[a.accountNumber];
  if (n) return n;
  return a.rootType === 'equity' ? 'equity' : 'otherOperating';
}

export interface CashFlowLine {
  key: CashFlowLineKey;
  amount: number;
  /** Leaf account ids behind the line (for drill-down to the GL detail). */
  accounts: string[];
}

export interface CashFlowStatement {
  from: string;
  to: string;
  sections: Record<CashFlowSection, { lines: CashFlowLine[]; total: number }>;
  netProfit: number;
  /** operating + investing + financing. */
  netChangeInCash: number;
  openingCash: number;
  closingCash: number;
  /** Movement (debit − credit) of the cash and bank accounts over the periods. */
  cashMovement: number;
  /** netChangeInCash === cashMovement (always true for a consistent ledger). */
  reconciles: boolean;
}

/** What the statement needs of a disposal (base minor units; gainLoss + gain / − loss). */
export interface DisposalFacts {
  cost: number;
  accumulatedDepreciation: number;
  proceeds: number;
  proceedsAccount: string;
  gainLoss: number;
}

/**
 * Pure builder: leaf movements (debit − credit per account over the periods), opening cash, the
 * disposals of the periods -> the statement.
 */
export function buildCashFlow(
  tree: readonly AccountNode[],
  movements: ReadonlyMap<string, number>,
  openingCash: number,
  disposals: readonly DisposalFacts[] = [],
  classes: Readonly<Record<string, CashFlowClass>> = {},
  from = '',
  to = '',
): CashFlowStatement {
  const amounts = new Map<CashFlowLineKey, number>();
  const accts = new Map<CashFlowLineKey, string[]>();
  const classOf = new Map<string, CashFlowClass>();
  const add = (k: CashFlowLineKey, v: number) => amounts.set(k, (amounts.get(k) ?? 0) + v);
  let cashMovement = 0;
  for (const n of tree) {
    if (n.isGroup) continue;
    const c = classifyAccount(n, classes);
    classOf.set(n.id, c);
    const mv = movements.get(n.id) ?? 0;
    if (c === 'cash') {
      cashMovement += mv;
      continue;
    }
    add(c, -mv);
    if (mv !== 0) accts.set(c, [...(accts.get(c) ?? []), n.id]);
  }
  for (const d of disposals) {
    // accumulated depreciation removed is not a "negative depreciation"; the gain is not operating cash
    add('depreciation', d.accumulatedDepreciation);
    add('disposalGainLoss', -d.gainLoss);
    add('fixedAssets', -d.cost);
    const pc = classOf.get(d.proceedsAccount);
    if (d.proceeds > 0 && pc && pc !== 'cash') add(pc, d.proceeds); // sold on credit: the receivable rise is not an operating use of cash
    else add('disposalProceeds', d.proceeds);
  }
  const sections = {} as CashFlowStatement['sections'];
  let net = 0;
  for (const [s, keys] of Object.entries(CASH_FLOW_SECTIONS) as [CashFlowSection, readonly CashFlowLineKey[]][]) {
    const lines = keys.map((key) => ({ key, amount: amounts.get(key) ?? 0, accounts: accts.get(key) ?? [] }));
    const total = lines.reduce((t, l) => t + l.amount, 0);
    sections[s] = { lines, total };
    net += total;
  }
  return {
    from,
    to,
    sections,
    netProfit: amounts.get('netProfit') ?? 0,
    netChangeInCash: net,
    openingCash,
    closingCash: openingCash + cashMovement,
    cashMovement,
    reconciles: net === cashMovement,
  };
}

const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Cash-flow statement (indirect) for the months from..to ('YYYY-MM', inclusive). */
export async function cashFlowStatement(s: Session, q: { from: string; to: string; branchId?: string; classes?: Record<string, CashFlowClass> }): Promise<CashFlowStatement> {
  for (const [field, p] of [['from', q.from], ['to', q.to]] as const) if (!PERIOD_RE.test(p)) throw new DomainError('error.period_invalid', { value: p }, field);
  if (q.from > q.to) throw new DomainError('error.period_range', { from: q.from, to: q.to }, 'to');
  const tree = await loadAccountTree(s);
  const cash = new Set(tree.filter((n) => !n.isGroup && classifyAccount(n, q.classes) === 'cash').map((n) => n.id));
  const bal = s.db.t<AccountBalance>(BALANCE_TABLE);
  const movements = new Map<string, number>();
  for (const r of await bal.where('period').between(q.from, q.to, true, true).toArray()) {
    if (r.period.endsWith('-13') || (q.branchId && r.branchId !== q.branchId)) continue;
    movements.set(r.account, (movements.get(r.account) ?? 0) + r.debit - r.credit);
  }
  let openingCash = 0;
  for (const id of cash) {
    for (const r of await bal.where('[account+period]').between([id, ''], [id, previousPeriod(q.from)], true, true).toArray()) {
      if (!q.branchId || r.branchId === q.branchId) openingCash += r.debit - r.credit;
    }
  }
  const disposals: DisposalFacts[] = (await s.db.t<BaseRecord>(DISPOSAL_TABLE).where('postingDate').between(`${q.from}-01`, lastDayOf(q.to), true, true).toArray())
    .filter((d) => d.status === 'submitted' && !d.deleted && (!q.branchId || d.branchId === q.branchId))
    .map((d) => ({ cost: d.cost as number, accumulatedDepreciation: d.accumulatedDepreciation as number, proceeds: (d.proceeds as number) || 0, proceedsAccount: d.proceedsAccount as string, gainLoss: d.gainLoss as number }));
  return buildCashFlow(tree, movements, openingCash, disposals, q.classes, q.from, q.to);
}
