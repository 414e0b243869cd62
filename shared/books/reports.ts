/**
 * Financial reports. Each report = a service that reads the maintained tables through indexes
 * (never scanning gl_entries for period totals) + a pure function that shapes the figures.
 *
 * - Period figures come from `account_balances` (period index); a whole report costs one read
 *   per account x month, independent of the number of ledger rows.
 * - Group accounts are the sums of their children, computed here (balances exist for leaves only).
 * - Amounts are base-currency minor units; signs: `opening`/`closing`/`balance` = debit - credit.
 * - Traceability: GL detail rows carry voucherType + voucherId (open the source document);
 *   aging rows list the open documents (againstType + againstId).
 * - Periods are 'YYYY-MM'; the year-end closing entries sit in 'YYYY-13' (see ./gl.ts), so a
 *   P&L of 'YYYY-01'..'YYYY-12' shows the year's result even after closing.
 */
import type { Session } from '../kernel/session';
import type { BaseRecord } from '../kernel/doctype';
import { BALANCE_TABLE, GL_TABLE, periodOf, type AccountBalance, type GlEntry } from './gl';
import { PL_TABLE, type PaymentLedgerRow } from './payment-ledger';
import type { PartyType } from './vouchers.doctypes';

// ---- the account tree -----------------------------------------------------------------------

export interface AccountNode {
  id: string;
  accountNumber: string;
  accountName: string;
  accountNameZh: string;
  parentAccount: string;
  isGroup: boolean;
  rootType: string;
  accountType: string;
  depth: number;
}

/** The chart in tree order (depth-first, children by account number). Pure. */
export function orderTree(accounts: readonly BaseRecord[]): AccountNode[] {
  const live = accounts.filter((a) => !a.deleted);
  const kids = new Map<string, BaseRecord[]>();
  for (const a of live) {
    const p = (a.parentAccount as string) || '';
    kids.set(p, [...(kids.get(p) ?? []), a]);
  }
  for (const list of kids.values()) list.sort((a, b) => String(a.accountNumber).localeCompare(String(b.accountNumber)));
  const out: AccountNode[] = [];
  const walk = (parent: string, depth: number) => {
    for (const a of kids.get(parent) ?? []) {
      out.push({ id: a.id, accountNumber: a.accountNumber as string, accountName: a.accountName as string, accountNameZh: a.accountNameZh as string, parentAccount: (a.parentAccount as string) || '', isGroup: !!a.isGroup, rootType: a.rootType as string, accountType: (a.accountType as string) || '', depth });
      walk(a.id, depth + 1);
    }
  };
  walk('', 0);
  return out;
}

const treeCache = new WeakMap<object, { version: number; tree: AccountNode[] }>();

/**
 * The chart in tree order. Cached per database and re-read only when the accounts table was
 * written since (CompanyDb.tableVersion): every report needs it, it changes rarely, and
 * building it costs more than reading the balance rows of a report.
 */
export async function loadAccountTree(s: Session): Promise<AccountNode[]> {
  s.require('Account', 'read');
  const version = s.db.tableVersion('accounts');
  const hit = treeCache.get(s.db);
  if (hit && hit.version === version) return hit.tree;
  const tree = orderTree(await s.db.t<BaseRecord>('accounts').toArray()).map((n) => Object.freeze(n)) as AccountNode[];
  // a write during the read leaves the version moved: the next call reads again
  if (s.db.tableVersion('accounts') === version) treeCache.set(s.db, { version, tree });
  return tree;
}

interface Sums {
  debit: number;
  credit: number;
}

/** Debit/credit sums per account over a period range (inclusive; '' = open end). */
async function periodSums(s: Session, fromPeriod: string, toPeriod: string, branchId?: string): Promise<Map<string, Sums>> {
  const t = s.db.t<AccountBalance>(BALANCE_TABLE);
  const rows = await t.where('period').between(fromPeriod || '', toPeriod || '\uffff', true, true).toArray();
  const m = new Map<string, Sums>();
  for (const r of rows) {
    if (branchId && r.branchId !== branchId) continue;
    const x = m.get(r.account) ?? { debit: 0, credit: 0 };
    x.debit += r.debit;
    x.credit += r.credit;
    m.set(r.account, x);
  }
  return m;
}

/** The period just before `p` ('2026-01' -> '2025-13', so closing entries count as earlier). */
export function previousPeriod(p: string): string {
  const [y, m] = p.split('-').map(Number);
  return m === 1 ? `${y - 1}-13` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Roll leaf values up the tree: every group gets the sum of its descendants. Pure. */
function rollUp<T extends Record<string, number>>(tree: readonly AccountNode[], leaf: (id: string) => T, zero: () => T): Map<string, T> {
  const out = new Map<string, T>();
  const byId = new Map(tree.map((n) => [n.id, n]));
  for (const n of tree) out.set(n.id, n.isGroup ? zero() : leaf(n.id));
  for (const n of tree) {
    if (n.isGroup) continue;
    const v = out.get(n.id)!;
    let p = n.parentAccount ? byId.get(n.parentAccount) : undefined;
    while (p) {
      const acc = out.get(p.id)!;
      for (const k of Object.keys(v)) (acc as Record<string, number>)[k] += v[k];
      p = p.parentAccount ? byId.get(p.parentAccount) : undefined;
    }
  }
  return out;
}

// ---- trial balance --------------------------------------------------------------------------

export interface TrialBalanceRow extends AccountNode {
  openingDebit: number;
  openingCredit: number;
  periodDebit: number;
  periodCredit: number;
  closingDebit: number;
  closingCredit: number;
}

export interface TrialBalance {
  fromPeriod: string;
  toPeriod: string;
  rows: TrialBalanceRow[];
  totals: { openingDebit: number; openingCredit: number; periodDebit: number; periodCredit: number; closingDebit: number; closingCredit: number };
}

const split = (net: number) => ({ debit: net > 0 ? net : 0, credit: net < 0 ? -net : 0 });

/** Pure: opening and period sums per leaf -> trial balance rows (groups rolled up, zero rows dropped). */
export function buildTrialBalance(tree: readonly AccountNode[], opening: Map<string, Sums>, period: Map<string, Sums>, fromPeriod = '', toPeriod = ''): TrialBalance {
  const vals = rollUp(
    tree,
    (id) => {
      const o = opening.get(id) ?? { debit: 0, credit: 0 };
      const p = period.get(id) ?? { debit: 0, credit: 0 };
      return { opening: o.debit - o.credit, pd: p.debit, pc: p.credit };
    },
    () => ({ opening: 0, pd: 0, pc: 0 }),
  );
  const totals = { openingDebit: 0, openingCredit: 0, periodDebit: 0, periodCredit: 0, closingDebit: 0, closingCredit: 0 };
  const rows: TrialBalanceRow[] = [];
  for (const n of tree) {
    const v = vals.get(n.id)!;
    const o = split(v.opening);
    const c = split(v.opening + v.pd - v.pc);
    const row = { ...n, openingDebit: o.debit, openingCredit: o.credit, periodDebit: v.pd, periodCredit: v.pc, closingDebit: c.debit, closingCredit: c.credit };
    if (!n.isGroup) {
      totals.openingDebit += o.debit;
      totals.openingCredit += o.credit;
      totals.periodDebit += v.pd;
      totals.periodCredit += v.pc;
      totals.closingDebit += c.debit;
      totals.closingCredit += c.credit;
    }
    if (v.opening || v.pd || v.pc) rows.push(row);
  }
  return { fromPeriod, toPeriod, rows, totals };
}

/** Trial balance for periods fromPeriod..toPeriod ('YYYY-MM', inclusive). */
export async function trialBalance(s: Session, q: { fromPeriod: string; toPeriod: string; branchId?: string }): Promise<TrialBalance> {
  const tree = await loadAccountTree(s);
  const opening = await periodSums(s, '', previousPeriod(q.fromPeriod), q.branchId);
  const period = await periodSums(s, q.fromPeriod, q.toPeriod, q.branchId);
  return buildTrialBalance(tree, opening, period, q.fromPeriod, q.toPeriod);
}

// ---- profit and loss, balance sheet ---------------------------------------------------------

export interface ReportRow extends AccountNode {
  /** Natural-sign amount: income/liability/equity credit - debit; asset/expense debit - credit. */
  amount: number;
}

const natural = (rootType: string, s: Sums) => (rootType === 'asset' || rootType === 'expense' ? s.debit - s.credit : s.credit - s.debit);

function section(tree: readonly AccountNode[], sums: Map<string, Sums>, rootType: string): { rows: ReportRow[]; total: number } {
  const sub = tree.filter((n) => n.rootType === rootType);
  const vals = rollUp(sub, (id) => ({ amount: natural(rootType, sums.get(id) ?? { debit: 0, credit: 0 }) }), () => ({ amount: 0 }));
  const rows = sub.map((n) => ({ ...n, amount: vals.get(n.id)!.amount })).filter((r) => r.amount !== 0 || sums.has(r.id));
  const total = sub.filter((n) => !n.isGroup).reduce((t, n) => t + vals.get(n.id)!.amount, 0);
  return { rows, total };
}

export interface ProfitAndLoss {
  fromPeriod: string;
  toPeriod: string;
  income: ReportRow[];
  expense: ReportRow[];
  totalIncome: number;
  totalExpense: number;
  netProfit: number;
}

export function buildProfitAndLoss(tree: readonly AccountNode[], sums: Map<string, Sums>, fromPeriod = '', toPeriod = ''): ProfitAndLoss {
  const inc = section(tree, sums, 'income');
  const exp = section(tree, sums, 'expense');
  return { fromPeriod, toPeriod, income: inc.rows, expense: exp.rows, totalIncome: inc.total, totalExpense: exp.total, netProfit: inc.total - exp.total };
}

export async function profitAndLoss(s: Session, q: { fromPeriod: string; toPeriod: string; branchId?: string }): Promise<ProfitAndLoss> {
  const tree = await loadAccountTree(s);
  return buildProfitAndLoss(tree, await periodSums(s, q.fromPeriod, q.toPeriod, q.branchId), q.fromPeriod, q.toPeriod);
}

export interface BalanceSheet {
  asOfPeriod: string;
  assets: ReportRow[];
  liabilities: ReportRow[];
  equity: ReportRow[];
  totalAssets: number;
  totalLiabilities: number;
  totalEquity: number;
  /** Income - expense not yet closed to equity (cumulative to the period). */
  currentProfit: number;
  /** totalLiabilities + totalEquity + currentProfit: always equals totalAssets. */
  totalLiabilitiesAndEquity: number;
  balanced: boolean;
}

export function buildBalanceSheet(tree: readonly AccountNode[], sums: Map<string, Sums>, asOfPeriod = ''): BalanceSheet {
  const a = section(tree, sums, 'asset');
  const l = section(tree, sums, 'liability');
  const e = section(tree, sums, 'equity');
  const pl = buildProfitAndLoss(tree, sums);
  const le = l.total + e.total + pl.netProfit;
  return { asOfPeriod, assets: a.rows, liabilities: l.rows, equity: e.rows, totalAssets: a.total, totalLiabilities: l.total, totalEquity: e.total, currentProfit: pl.netProfit, totalLiabilitiesAndEquity: le, balanced: le === a.total };
}

/** Balance sheet at the end of `asOfPeriod` ('YYYY-MM'; 'YYYY-13' = after the year-end close). */
export async function balanceSheet(s: Session, q: { asOfPeriod: string; branchId?: string }): Promise<BalanceSheet> {
  const tree = await loadAccountTree(s);
  return buildBalanceSheet(tree, await periodSums(s, '', q.asOfPeriod, q.branchId), q.asOfPeriod);
}

// ---- general ledger detail ------------------------------------------------------------------

export interface GlDetailRow extends GlEntry {
  /** Running debit - credit after this row. */
  balance: number;
}

export interface GlDetail {
  accounts: string[];
  fromDate: string;
  toDate: string;
  opening: number;
  rows: GlDetailRow[];
  totalDebit: number;
  totalCredit: number;
  closing: number;
}

/**
 * Ledger rows of an account (a group: all its leaves) between two dates, through the
 * [account+postingDate] index, with the opening balance from account_balances plus the rows
 * of the first month before `fromDate`. Each row has voucherType + voucherId.
 */
export async function generalLedger(s: Session, q: { account: string; fromDate: string; toDate: string; branchId?: string }): Promise<GlDetail> {
  const tree = await loadAccountTree(s);
  const leaves = leavesUnder(tree, q.account);
  const gl = s.db.t<GlEntry>(GL_TABLE);
  const bal = s.db.t<AccountBalance>(BALANCE_TABLE);
  const firstPeriod = periodOf(q.fromDate);
  const monthStart = `${firstPeriod}-01`;
  let opening = 0;
  const rows: GlEntry[] = [];
  for (const id of leaves) {
    const mine = (r: { branchId: string }) => !q.branchId || r.branchId === q.branchId;
    for (const b of await bal.where('[account+period]').between([id, ''], [id, firstPeriod], true, false).toArray()) if (mine(b)) opening += b.debit - b.credit;
    if (monthStart < q.fromDate) for (const r of await gl.where('[account+postingDate]').between([id, monthStart], [id, q.fromDate], true, false).toArray()) if (r.period === firstPeriod && mine(r)) opening += r.debit - r.credit;
    rows.push(...(await gl.where('[account+postingDate]').between([id, q.fromDate], [id, q.toDate], true, true).toArray()).filter(mine));
  }
  rows.sort((a, b) => (a.postingDate < b.postingDate ? -1 : a.postingDate > b.postingDate ? 1 : a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  let run = opening;
  const out = rows.map((r) => ({ ...r, balance: (run += r.debit - r.credit) }));
  const totalDebit = rows.reduce((t, r) => t + r.debit, 0);
  const totalCredit = rows.reduce((t, r) => t + r.credit, 0);
  return { accounts: leaves, fromDate: q.fromDate, toDate: q.toDate, opening, rows: out, totalDebit, totalCredit, closing: opening + totalDebit - totalCredit };
}

export function leavesUnder(tree: readonly AccountNode[], id: string): string[] {
  const node = tree.find((n) => n.id === id);
  if (!node) return [];
  if (!node.isGroup) return [id];
  return tree.filter((n) => n.parentAccount === id).flatMap((c) => leavesUnder(tree, c.id));
}

// ---- receivable / payable aging, statements -------------------------------------------------

export const AGING_BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'd90plus'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export interface OpenDocument {
  againstType: string;
  againstId: string;
  againstNumber: string;
  dueDate: string;
  daysOverdue: number;
  bucket: AgingBucket;
  currency: string;
  outstanding: number;
  outstandingBase: number;
}

export interface AgingRow extends Record<AgingBucket, number> {
  partyType: PartyType;
  party: string;
  partyName: string;
  total: number;
  documents: OpenDocument[];
}

export interface Aging {
  asOf: string;
  rows: AgingRow[];
  totals: Record<AgingBucket | 'total', number>;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function bucketOf(daysOverdue: number): AgingBucket {
  if (daysOverdue <= 0) return 'current';
  if (daysOverdue <= 30) return 'd1_30';
  if (daysOverdue <= 60) return 'd31_60';
  if (daysOverdue <= 90) return 'd61_90';
  return 'd90plus';
}

/** Pure: payment-ledger rows -> aging per party (base currency), as of a date. */
export function buildAging(rows: readonly PaymentLedgerRow[], asOf: string, names: Map<string, string> = new Map()): Aging {
  const docs = new Map<string, OpenDocument & { partyType: PartyType; party: string }>();
  for (const r of rows) {
    if (r.postingDate > asOf) continue;
    const key = `${r.againstId}|${r.partyType}|${r.party}`;
    const d = docs.get(key) ?? { againstType: r.againstType, againstId: r.againstId, againstNumber: r.againstNumber, dueDate: r.dueDate, daysOverdue: 0, bucket: 'current' as AgingBucket, currency: r.currency, outstanding: 0, outstandingBase: 0, partyType: r.partyType, party: r.party };
    if (r.voucherId === r.againstId && !r.isReversal) d.dueDate = r.dueDate;
    d.outstanding += r.amount;
    d.outstandingBase += r.amountBase;
    docs.set(key, d);
  }
  const parties = new Map<string, AgingRow>();
  for (const d of docs.values()) {
    if (d.outstanding === 0 && d.outstandingBase === 0) continue;
    d.daysOverdue = daysBetween(d.dueDate, asOf);
    d.bucket = bucketOf(d.daysOverdue);
    const p = parties.get(d.party) ?? { partyType: d.partyType, party: d.party, partyName: names.get(d.party) ?? d.party, current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d90plus: 0, total: 0, documents: [] };
    p[d.bucket] += d.outstandingBase;
    p.total += d.outstandingBase;
    const { partyType: _pt, party: _p, ...doc } = d;
    p.documents.push(doc);
    parties.set(d.party, p);
  }
  const out = [...parties.values()].sort((a, b) => a.partyName.localeCompare(b.partyName));
  for (const p of out) p.documents.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const totals = { current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d90plus: 0, total: 0 };
  for (const p of out) for (const k of [...AGING_BUCKETS, 'total'] as const) totals[k] += p[k];
  return { asOf, rows: out, totals };
}

/** Accounts receivable (customer) or payable (supplier) aging as of a date, base currency. */
export async function agingReport(s: Session, q: { partyType: PartyType; asOf: string; party?: string }): Promise<Aging> {
  const partyDoc = q.partyType === 'customer' ? 'Customer' : 'Supplier';
  s.require(q.partyType === 'customer' ? 'SalesInvoice' : 'PurchaseInvoice', 'read');
  const t = s.db.t<PaymentLedgerRow>(PL_TABLE);
  const rows = q.party
    ? await t.where('[partyType+party]').equals([q.partyType, q.party]).toArray()
    : await t.where('[partyType+party]').between([q.partyType, ''], [q.partyType, '\uffff'], true, true).toArray();
  const ids = [...new Set(rows.map((r) => r.party))];
  const recs = await s.db.t<BaseRecord>(partyDoc === 'Customer' ? 'customers' : 'suppliers').bulkGet(ids);
  const names = new Map(recs.filter(Boolean).map((r) => [r!.id, String(r![partyDoc === 'Customer' ? 'customerName' : 'supplierName'])]));
  return buildAging(rows, q.asOf, names);
}

export interface StatementLine {
  postingDate: string;
  voucherType: string;
  voucherId: string;
  voucherNumber: string;
  debit: number;
  credit: number;
  /** Running balance: positive = the party owes us (customer) / debit balance. */
  balance: number;
  remarks: string;
}

export interface PartyStatement {
  partyType: PartyType;
  party: string;
  fromDate: string;
  toDate: string;
  opening: number;
  lines: StatementLine[];
  closing: number;
}

/** Customer (or supplier) statement: the party's receivable/payable ledger rows between two dates. */
export async function partyStatement(s: Session, q: { partyType: PartyType; party: string; fromDate: string; toDate: string }): Promise<PartyStatement> {
  s.require(q.partyType === 'customer' ? 'SalesInvoice' : 'PurchaseInvoice', 'read');
  const rows = (await s.db.t<GlEntry>(GL_TABLE).where('[partyType+party]').equals([q.partyType, q.party]).toArray()).sort((a, b) => (a.postingDate < b.postingDate ? -1 : a.postingDate > b.postingDate ? 1 : a.createdAt.localeCompare(b.createdAt)));
  let opening = 0;
  const lines: StatementLine[] = [];
  for (const r of rows) {
    if (r.postingDate < q.fromDate) opening += r.debit - r.credit;
  }
  let run = opening;
  for (const r of rows) {
    if (r.postingDate < q.fromDate || r.postingDate > q.toDate) continue;
    run += r.debit - r.credit;
    lines.push({ postingDate: r.postingDate, voucherType: r.voucherType, voucherId: r.voucherId, voucherNumber: r.voucherNumber, debit: r.debit, credit: r.credit, balance: run, remarks: r.remarks });
  }
  return { partyType: q.partyType, party: q.party, fromDate: q.fromDate, toDate: q.toDate, opening, lines, closing: run };
}
