/**
 * Straight-line depreciation: the pure schedule, the AssetDepreciation and FixedAsset
 * behaviours, and the services `runDepreciation` and `depreciationSchedule`.
 *
 * Schedule: (cost - salvage) split over usefulLifeMonths with `allocate` (largest remainder:
 * the months sum exactly to the depreciable amount, earlier months take the odd cents).
 * A run for period P books, per asset, scheduled-through-P minus already-booked (catch-up),
 * refuses a period already booked for an asset, and a cancel is refused while a later period
 * is booked. Rows of `asset_depreciation` are appended/reversed in the voucher's transaction.
 */
import { DomainError } from '../kernel/errors';
import { allocate } from '../kernel/money';
import { newId } from '../kernel/ids';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { Session } from '../kernel/session';
import type { TxContext } from '../kernel/tx';
import { postGl, reverseGl, compactLines, type PostingLine } from './gl';
import { defaultAccount } from './books.context';
import { createAndSubmit } from './books.service';

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
      const due = amountDue(straightLineSchedule(a.cost as number, a.salvageValue as number, a.usefulLifeMonths as number, start), booked, period);
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
  return straightLineSchedule(a.cost as number, a.salvageValue as number, a.usefulLifeMonths as number, String(a.depreciationStart).slice(0, 7)).map((x) => ({ ...x, booked: booked.get(x.period) ?? 0, bookValue: (bv -= x.amount) }));
}
