/**
 * The general ledger: append-only `gl_entries` and the derived `account_balances`.
 *
 * Invariants (each enforced here, in one place):
 * - Every posting balances: the sum of debits equals the sum of credits in base-currency minor
 *   units (`assertBalanced`). Conversion differences of a few minor units go to the rounding
 *   account (`addRoundingLine`); larger differences are a bug and refuse the posting.
 * - Rows are never changed: cancelling a voucher appends reversing rows (`reverseGl`) with the
 *   ORIGINAL posting date, so every period's totals net to zero for a cancelled voucher.
 * - Nothing is posted (or reversed) on or before the company's lock date (`assertOpen`).
 * - Only leaf, enabled accounts receive rows.
 * - `account_balances` (debit/credit sums per account, period and branch) is updated in the SAME
 *   transaction as the rows it sums; it is derived (never replicated) and can be rebuilt from
 *   the ledger at any time (`rebuildBalances`). `verifyBalances` proves the two agree.
 *
 * Periods are calendar months 'YYYY-MM'. Year-end closing entries (JournalEntry entryType
 * 'closing') go to the 13th period 'YYYY-13', so the year's P&L (periods 01..12) still shows
 * the year's result while every later balance sheet sees the income moved to equity.
 */
import { DomainError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import type { TxContext } from '../kernel/tx';
import type { Session } from '../kernel/session';
import type { BaseRecord } from '../kernel/doctype';
import type { PartyType } from './vouchers.doctypes';

export const GL_TABLE = 'gl_entries';
export const BALANCE_TABLE = 'account_balances';

/** A line produced by a pure posting rule (the service adds ids, voucher and branch). */
export interface PostingLine {
  account: string;
  /** Base-currency minor units; non-negative integers, at most one non-zero. */
  debit: number;
  credit: number;
  /** Transaction currency and its amounts (minor units) and rate; base-currency rows repeat the base. */
  currency?: string;
  debitFc?: number;
  creditFc?: number;
  exchangeRate?: string;
  partyType?: PartyType | '';
  party?: string;
  /** The counter-account(s) or party, for the GL detail's "against" column. */
  against?: string;
  remarks?: string;
}

export interface GlEntry {
  id: string;
  postingDate: string;
  /** 'YYYY-MM', or 'YYYY-13' for year-end closing entries. */
  period: string;
  account: string;
  debit: number;
  credit: number;
  currency: string;
  debitFc: number;
  creditFc: number;
  exchangeRate: string;
  partyType: PartyType | '';
  party: string;
  voucherType: string;
  voucherId: string;
  voucherNumber: string;
  branchId: string;
  isReversal: boolean;
  against: string;
  remarks: string;
  createdAt: string;
}

export interface AccountBalance {
  /** `${account}|${period}|${branchId}` */
  key: string;
  account: string;
  period: string;
  branchId: string;
  debit: number;
  credit: number;
}

export interface Voucher {
  type: string;
  id: string;
  number: string;
  postingDate: string;
  /** Closing entries post to period YYYY-13. */
  closing?: boolean;
}

export function periodOf(date: string, closing = false): string {
  return closing ? `${date.slice(0, 4)}-13` : date.slice(0, 7);
}

export function balanceKey(account: string, period: string, branchId: string): string {
  return `${account}|${period}|${branchId}`;
}

/**
 * Pure check of a posting: integer, non-negative amounts, one side per line, debits = credits.
 * Throws error.unbalanced with both totals (formatted by the UI).
 */
export function assertBalanced(rows: readonly Pick<PostingLine, 'debit' | 'credit'>[]): void {
  let dr = 0;
  let cr = 0;
  for (const r of rows) {
    if (!Number.isSafeInteger(r.debit) || !Number.isSafeInteger(r.credit) || r.debit < 0 || r.credit < 0) throw new DomainError('error.gl_amount_invalid', { debit: r.debit, credit: r.credit });
    if (r.debit > 0 && r.credit > 0) throw new DomainError('error.line_debit_and_credit');
    dr += r.debit;
    cr += r.credit;
  }
  if (dr !== cr) throw new DomainError('error.unbalanced', { debit: dr, credit: cr, difference: dr - cr });
  if (dr === 0) throw new DomainError('error.posting_empty');
}

/**
 * Balance `lines` with one line on the rounding account when debits and credits differ by at
 * most `tolerance` minor units (currency conversion of several lines). Pure; returns a new array.
 */
export function addRoundingLine(lines: PostingLine[], roundingAccount: string, tolerance: number): PostingLine[] {
  const diff = lines.reduce((s, l) => s + l.debit - l.credit, 0);
  if (diff === 0) return lines;
  if (Math.abs(diff) > tolerance) throw new DomainError('error.unbalanced', { debit: lines.reduce((s, l) => s + l.debit, 0), credit: lines.reduce((s, l) => s + l.credit, 0), difference: diff });
  return [...lines, { account: roundingAccount, debit: diff < 0 ? -diff : 0, credit: diff > 0 ? diff : 0, remarks: 'rounding' }];
}

/** Merge lines on the same account/side/party and drop zero lines (pure). */
export function compactLines(lines: PostingLine[]): PostingLine[] {
  const out = new Map<string, PostingLine>();
  for (const l of lines) {
    if (l.debit === 0 && l.credit === 0) continue;
    const k = [l.account, l.debit > 0 ? 'd' : 'c', l.partyType ?? '', l.party ?? '', l.currency ?? '', l.exchangeRate ?? ''].join('|');
    const prev = out.get(k);
    if (!prev) out.set(k, { ...l });
    else {
      prev.debit += l.debit;
      prev.credit += l.credit;
      prev.debitFc = (prev.debitFc ?? 0) + (l.debitFc ?? 0);
      prev.creditFc = (prev.creditFc ?? 0) + (l.creditFc ?? 0);
    }
  }
  return [...out.values()];
}

/** Refuse a date on or before the lock date (settings.lockDate). */
export function assertOpen(lockDate: string | undefined, date: string): void {
  if (lockDate && date <= lockDate) throw new DomainError('error.period_locked', { date, lockDate }, 'postingDate');
}

/** Accounts by id, checked as posting targets (exists, leaf, enabled). Reads through the transaction. */
export async function postableAccounts(ctx: TxContext, ids: string[]): Promise<Map<string, BaseRecord>> {
  const uniq = [...new Set(ids)];
  const recs = await ctx.t<BaseRecord>('accounts').bulkGet(uniq);
  const out = new Map<string, BaseRecord>();
  recs.forEach((a, i) => {
    if (!a || a.deleted) throw new DomainError('error.account_missing', { value: uniq[i] });
    if (a.isGroup) throw new DomainError('error.account_is_group', { account: `${a.accountNumber} ${a.accountName}` });
    if (a.disabled) throw new DomainError('error.account_disabled', { account: `${a.accountNumber} ${a.accountName}` });
    out.set(a.id, a);
  });
  return out;
}

/**
 * Write a voucher's ledger rows and their balance updates. MUST run inside the command's
 * transaction (tables gl_entries, account_balances, accounts, outbox). Returns the rows written.
 */
export async function postGl(ctx: TxContext, v: Voucher, lines: PostingLine[]): Promise<GlEntry[]> {
  assertBalanced(lines);
  assertOpen(ctx.session.settings.lockDate, v.postingDate);
  await postableAccounts(ctx, lines.map((l) => l.account));
  const base = ctx.session.baseCurrency;
  const period = periodOf(v.postingDate, v.closing);
  const rows: GlEntry[] = lines.map((l) => ({
    id: newId(),
    postingDate: v.postingDate,
    period,
    account: l.account,
    debit: l.debit,
    credit: l.credit,
    currency: l.currency || base,
    debitFc: l.debitFc ?? l.debit,
    creditFc: l.creditFc ?? l.credit,
    exchangeRate: l.exchangeRate ?? '1',
    partyType: l.partyType ?? '',
    party: l.party ?? '',
    voucherType: v.type,
    voucherId: v.id,
    voucherNumber: v.number,
    branchId: ctx.session.branchId,
    isReversal: false,
    against: l.against ?? '',
    remarks: l.remarks ?? '',
    createdAt: ctx.now,
  }));
  await ctx.append(GL_TABLE, rows as unknown as Record<string, unknown>[]);
  await applyBalances(ctx, rows);
  return rows;
}

/** Append rows reversing every original row of a voucher (cancel). Same dates and periods. */
export async function reverseGl(ctx: TxContext, voucherId: string): Promise<GlEntry[]> {
  const originals = (await ctx.t<GlEntry>(GL_TABLE).where('voucherId').equals(voucherId).toArray()).filter((r) => !r.isReversal);
  if (originals.length === 0) return [];
  for (const r of originals) assertOpen(ctx.session.settings.lockDate, r.postingDate);
  const rows: GlEntry[] = originals.map((r) => ({
    ...r,
    id: newId(),
    debit: r.credit,
    credit: r.debit,
    debitFc: r.creditFc,
    creditFc: r.debitFc,
    isReversal: true,
    branchId: ctx.session.branchId,
    createdAt: ctx.now,
  }));
  await ctx.append(GL_TABLE, rows as unknown as Record<string, unknown>[]);
  await applyBalances(ctx, rows);
  return rows;
}

function sumsByKey(rows: readonly GlEntry[]): Map<string, AccountBalance> {
  const m = new Map<string, AccountBalance>();
  for (const r of rows) {
    const key = balanceKey(r.account, r.period, r.branchId);
    const b = m.get(key) ?? { key, account: r.account, period: r.period, branchId: r.branchId, debit: 0, credit: 0 };
    b.debit += r.debit;
    b.credit += r.credit;
    m.set(key, b);
  }
  return m;
}

/** Add ledger rows to the derived balance table (posting, and rows pulled by sync). */
export async function applyBalances(ctx: TxContext, rows: GlEntry[]): Promise<void> {
  const deltas = sumsByKey(rows);
  const keys = [...deltas.keys()];
  const table = ctx.t<AccountBalance>(BALANCE_TABLE);
  const current = await table.bulkGet(keys);
  const next = keys.map((k, i) => {
    const d = deltas.get(k)!;
    const c = current[i];
    return c ? { ...c, debit: c.debit + d.debit, credit: c.credit + d.credit } : d;
  });
  await table.bulkPut(next);
}

export interface BalanceDifference {
  key: string;
  expected: { debit: number; credit: number };
  actual: { debit: number; credit: number };
}

/**
 * Recompute every balance from gl_entries and compare with account_balances. Empty = they
 * agree. A check command: it scans the whole ledger (read-only, one transaction).
 */
export async function verifyBalances(s: Session): Promise<BalanceDifference[]> {
  s.require('Account', 'read');
  return s.db.transaction('r', [GL_TABLE, BALANCE_TABLE], async () => {
    const expected = sumsByKey(await s.db.t<GlEntry>(GL_TABLE).toArray());
    const actual = new Map((await s.db.t<AccountBalance>(BALANCE_TABLE).toArray()).map((b) => [b.key, b]));
    const out: BalanceDifference[] = [];
    for (const key of new Set([...expected.keys(), ...actual.keys()])) {
      const e = expected.get(key) ?? { debit: 0, credit: 0 };
      const a = actual.get(key) ?? { debit: 0, credit: 0 };
      if (e.debit !== a.debit || e.credit !== a.credit) out.push({ key, expected: { debit: e.debit, credit: e.credit }, actual: { debit: a.debit, credit: a.credit } });
    }
    return out;
  });
}

/** Throw away account_balances and rebuild it from gl_entries (one transaction). Needs Settings admin. */
export async function rebuildBalances(s: Session): Promise<number> {
  s.require('Settings', 'admin');
  return s.db.transaction('rw', [GL_TABLE, BALANCE_TABLE], async (tx) => {
    const rows = await tx.table(GL_TABLE).toArray();
    const sums = sumsByKey(rows as GlEntry[]);
    await tx.table(BALANCE_TABLE).clear();
    await tx.table(BALANCE_TABLE).bulkPut([...sums.values()]);
    return sums.size;
  });
}
