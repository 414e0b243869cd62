/**
 * Depreciation: the pure schedules (straight-line and declining balance), the AssetDepreciation
 * and FixedAsset behaviours, and the services `runDepreciation` and `depreciationSchedule`.
 *
 * Straight-line: (cost - salvage) split over usefulLifeMonths with `allocate` (largest remainder:
 * the months sum exactly to the depreciable amount, earlier months take the odd cents).
 * Declining balance (`decliningBalanceSchedule`): per ASSET YEAR (12 months from the first
 * depreciated month; the last year may be shorter) the year's amount is
 *   max(rate × NBV at the start of the year × months/12,
 *       (NBV − salvage) × months / remaining months)          <- the switch to straight-line
 * rounded half-up to the minor unit, never more than NBV − salvage, and the last year takes
 * exactly what is left, so the schedule always sums to cost − salvage. The year's amount is
 * spread over its months with `allocate` like straight-line (月折旧额 = 年折旧额 / 12). This is
 * Excel's VDB with the switch enabled, per asset year.
 * Every consumer (run, disposal catch-up, schedule preview) goes through `assetSchedule`.
 *
 * A run for period P books, per asset, scheduled-through-P minus already-booked (catch-up),
 * refuses a period already booked for an asset, and a cancel is refused while a later period
 * is booked. Rows of `asset_depreciation` are appended/reversed in the voucher's transaction.
 */
import { DomainError } from '../kernel/errors';
import { allocate, D, type Dec } from '../kernel/money';
import { newId } from '../kernel/ids';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { Session } from '../kernel/session';
import type { TxContext } from '../kernel/tx';
import { postGl, reverseGl, compactLines, type PostingLine } from './gl';
import { defaultAccount } from './books.context';
import { createAndSubmit } from './books.service';
import { DEPRECIATION_METHODS, type DepreciationMethod } from './fixed-assets.doctypes';

export { DEPRECIATION_METHODS, type DepreciationMethod };

export const ASSET_DEP_TABLE = 'asset_depreciation';

export interface AssetDepreciationRow {
  id: string;
  assetId: string;
  period: string;
  amount: number;
  voucherId: string;
  isReversal: boolean;
  branchId: string;
  createdAt: string;
}

export function addMonths(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

export function lastDayOf(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Pure: the monthly schedule of an asset. */
export function straightLineSchedule(cost: number, salvage: number, months: number, startPeriod: string): { period: string; amount: number }[] {
  const depreciable = Math.max(0, cost - salvage);
  const parts = allocate({ minor: depreciable, currency: 'CNY' }, Array.from({ length: months }, () => 1));
  return parts.map((p, i) => ({ period: addMonths(startPeriod, i), amount: p.minor }));
}

/**
 * Pure: the annual declining-balance rate as a fraction (0.4 for 40 %). `ratePercent` empty or
 * '0' means double-declining: 2 / (usefulLifeMonths / 12), i.e. 24 / usefulLifeMonths (exact
 * decimal, not rounded: 36 months -> 0.6666…; only the amounts are rounded).
 */
export function decliningBalanceRate(usefulLifeMonths: number, ratePercent?: string | null): Dec {
  const given = ratePercent ? new D(ratePercent) : new D(0);
  if (given.greaterThan(0)) return given.div(100);
  return new D(24).div(usefulLifeMonths);
}

const roundHalfUp = (d: Dec): number => d.toDecimalPlaces(0, D.ROUND_HALF_UP).toNumber();

/**
 * Pure: the monthly declining-balance schedule (see the header): amounts per asset year on the
 * opening net book value, switched to straight-line over the remaining life when that is more,
 * floored at the salvage value, the last year taking the remainder; each year spread over its
 * months with `allocate` (earlier months take the odd cents). Minor units in, minor units out.
 */
export function decliningBalanceSchedule(cost: number, salvage: number, months: number, startPeriod: string, ratePercent?: string | null): { period: string; amount: number }[] {
  const rate = decliningBalanceRate(months, ratePercent);
  const out: { period: string; amount: number }[] = [];
  let nbv = cost;
  for (let done = 0; done < months; ) {
    const m = Math.min(12, months - done);
    const remaining = months - done;
    const left = Math.max(0, nbv - salvage);
    let year: number;
    if (m === remaining) year = left; // the last (possibly short) year: exactly what is left
    else {
      const declining = roundHalfUp(new D(nbv).mul(rate).mul(m).div(12));
      const straight = roundHalfUp(new D(left).mul(m).div(remaining));
      year = Math.min(Math.max(declining, straight), left);
    }
    allocate({ minor: year, currency: 'CNY' }, Array.from({ length: m }, () => 1)).forEach((p, i) => out.push({ period: addMonths(startPeriod, done + i), amount: p.minor }));
    nbv -= year;
    done += m;
  }
  return out;
}

/** The depreciation terms of an asset record (a FixedAsset as stored: money in minor units, rate a decimal string). */
export interface DepreciationTerms {
  [field: string]: unknown;
  cost?: unknown;
  salvageValue?: unknown;
  usefulLifeMonths?: unknown;
  depreciationStart?: unknown;
  depreciationMethod?: unknown;
  depreciationRate?: unknown;
}

/** The method of an asset; assets saved before the field existed are straight-line. */
export function depreciationMethodOf(a: DepreciationTerms): DepreciationMethod {
  return a.depreciationMethod === 'declining_balance' ? 'declining_balance' : 'straight_line';
}

/** Pure: the monthly schedule of an asset by its method. The one entry point for runs, disposals and previews. */
export function assetSchedule(a: DepreciationTerms): { period: string; amount: number }[] {
  const cost = Number(a.cost) || 0;
  const salvage = Number(a.salvageValue) || 0;
  const months = Number(a.usefulLifeMonths);
  const start = String(a.depreciationStart).slice(0, 7);
  return depreciationMethodOf(a) === 'declining_balance'
    ? decliningBalanceSchedule(cost, salvage, months, start, a.depreciationRate ? String(a.depreciationRate) : '')
    : straightLineSchedule(cost, salvage, months, start);
}

/** Pure: what a run for `period` books for one asset, given what was booked already. */
export function amountDue(schedule: readonly { period: string; amount: number }[], bookedTotal: number, period: string): number {
  const through = schedule.filter((x) => x.period <= period).reduce((t, x) => t + x.amount, 0);
  return Math.max(0, through - bookedTotal);
}

async function bookedRows(ctx: TxContext, assetId: string): Promise<AssetDepreciationRow[]> {
  return ctx.t<AssetDepreciationRow>(ASSET_DEP_TABLE).where('assetId').equals(assetId).toArray();
}

const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export const fixedAssetBehaviour: DocBehaviour = {
  tables: [ASSET_DEP_TABLE],
  beforeSave(doc, ctx) {
    const st = ctx.session.settings;
    if (!doc.assetAccount) doc.assetAccount = defaultAccount(st, 'fixedAsset');
    if (!doc.accumulatedDepreciationAccount) doc.accumulatedDepreciationAccount = defaultAccount(st, 'accumulatedDepreciation');
    if (!doc.depreciationExpenseAccount) doc.depreciationExpenseAccount = defaultAccount(st, 'depreciationExpense');
    if ((doc.salvageValue as number) > (doc.cost as number)) throw new DomainError('error.salvage_above_cost', {}, 'salvageValue');
    doc.depreciationMethod = depreciationMethodOf(doc);
    // a rate means nothing for straight-line: do not keep a misleading value on the card
    if (doc.depreciationMethod === 'straight_line') doc.depreciationRate = '0';
  },
  async onCancel(doc, ctx) {
    const booked = (await bookedRows(ctx, doc.id)).reduce((t, r) => t + r.amount, 0);
    if (booked !== 0) throw new DomainError('error.asset_has_depreciation', { number: doc.number });
  },
};

export const assetDepreciationBehaviour: DocBehaviour = {
  tables: ['gl_entries', 'account_balances', ASSET_DEP_TABLE, 'fixed_assets', 'accounts'],
  async beforeSave(doc, ctx) {
    const period = String(doc.period);
    if (!PERIOD_RE.test(period)) throw new DomainError('error.period_invalid', { value: period }, 'period');
    doc.postingDate = lastDayOf(period);
    const assets = (await ctx.t<BaseRecord>('fixed_assets').where('status').equals('submitted').toArray()).filter((a) => !a.deleted);
    const lines: { asset: string; amount: number }[] = [];
    for (const a of assets) {
      const start = String(a.depreciationStart).slice(0, 7);
      if (start > period) continue;
      const rows = await bookedRows(ctx, a.id);
      const net = new Map<string, number>();
      for (const r of rows) net.set(r.period, (net.get(r.period) ?? 0) + r.amount);
      if (net.get(period)) throw new DomainError('error.depreciation_exists', { asset: a.number, period });
      if ([...net].some(([p, v]) => p > period && v !== 0)) throw new DomainError('error.depreciation_later_exists', { asset: a.number, period });
      const booked = [...net.values()].reduce((t, v) => t + v, 0);
      const due = amountDue(assetSchedule(a), booked, period);
      if (due > 0) lines.push({ asset: a.id, amount: due });
    }
    doc.lines = lines;
    doc.total = lines.reduce((t, l) => t + l.amount, 0);
  },
  async onSubmit(doc, ctx) {
    const lines = doc.lines as { asset: string; amount: number }[];
    if (lines.length === 0) throw new DomainError('error.depreciation_nothing', { period: doc.period });
    const assets = new Map((await ctx.t<BaseRecord>('fixed_assets').bulkGet(lines.map((l) => l.asset))).map((a) => [a!.id, a!]));
    const gl: PostingLine[] = lines.flatMap((l) => {
      const a = assets.get(l.asset)!;
      return [
        { account: a.depreciationExpenseAccount as string, debit: l.amount, credit: 0, against: a.accumulatedDepreciationAccount as string, remarks: `${a.number} ${a.assetName}` },
        { account: a.accumulatedDepreciationAccount as string, debit: 0, credit: l.amount, against: a.depreciationExpenseAccount as string, remarks: `${a.number} ${a.assetName}` },
      ];
    });
    await postGl(ctx, { type: 'AssetDepreciation', id: doc.id, number: doc.number, postingDate: doc.postingDate as string }, compactLines(gl).map((l) => ({ ...l, remarks: `Depreciation ${doc.period}` })));
    const rows: AssetDepreciationRow[] = lines.map((l) => ({ id: newId(), assetId: l.asset, period: doc.period as string, amount: l.amount, voucherId: doc.id, isReversal: false, branchId: ctx.session.branchId, createdAt: ctx.now }));
    await ctx.append(ASSET_DEP_TABLE, rows as unknown as Record<string, unknown>[]);
  },
  async onCancel(doc, ctx) {
    for (const l of doc.lines as { asset: string }[]) {
      const later = (await bookedRows(ctx, l.asset)).filter((r) => r.period > (doc.period as string));
      if (later.reduce((t, r) => t + r.amount, 0) !== 0) throw new DomainError('error.depreciation_later_exists', { asset: l.asset, period: doc.period });
    }
    await reverseGl(ctx, doc.id);
    const originals = (await ctx.t<AssetDepreciationRow>(ASSET_DEP_TABLE).where('voucherId').equals(doc.id).toArray()).filter((r) => !r.isReversal);
    await ctx.append(ASSET_DEP_TABLE, originals.map((r) => ({ ...r, id: newId(), amount: -r.amount, isReversal: true, createdAt: ctx.now })) as unknown as Record<string, unknown>[]);
  },
};

/** Book depreciation of every active asset for a month ('YYYY-MM'). */
export async function runDepreciation(s: Session, period: string): Promise<BaseRecord> {
  return createAndSubmit(s, 'AssetDepreciation', { period });
}

export interface ScheduleRow {
  period: string;
  amount: number;
  /** Net amount booked for the period so far. */
  booked: number;
  /** Net book value after the period per the schedule. */
  bookValue: number;
}

/** An asset's schedule with what was booked, for the asset form. */
export async function depreciationSchedule(s: Session, assetId: string): Promise<ScheduleRow[]> {
  s.require('FixedAsset', 'read');
  const a = await s.db.t<BaseRecord>('fixed_assets').get(assetId);
  if (!a || a.deleted) throw new DomainError('error.not_found', { docType: 'FixedAsset', id: assetId });
  const booked = new Map<string, number>();
  for (const r of await s.db.t<AssetDepreciationRow>(ASSET_DEP_TABLE).where('assetId').equals(assetId).toArray()) booked.set(r.period, (booked.get(r.period) ?? 0) + r.amount);
  let bv = a.cost as number;
  return assetSchedule(a).map((x) => ({ ...x, booked: booked.get(x.period) ?? 0, bookValue: (bv -= x.amount) }));
}
