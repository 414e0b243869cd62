/**
 * Fixed-asset disposal (sale or scrap): the `AssetDisposal` voucher.
 *
 * On its date D (month P) the voucher, in ONE posting:
 *   Dr depreciation expense / Cr accumulated depreciation   catch-up through P (scheduled − booked, by
 *                                                            the asset's method: `assetSchedule`):
 *                                                            the asset is depreciated in the month it
 *                                                            leaves (小企业会计准则: 当月减少当月照提), none after
 *   Dr accumulated depreciation                             everything booked for the asset (runs + catch-up)
 *   Dr proceeds account (bank, cash, other receivable)      proceeds, if any
 *   Dr loss account  /  Cr gain account                     proceeds − net book value
 *       Cr asset account                                    cost
 * The catch-up is recorded on the voucher (`depreciationAmount`), not in `asset_depreciation`;
 * instead the monthly run skips disposed assets (`withDisposalsInRuns`, wrapped around the run's
 * behaviour at registration) and a disposed asset cannot be cancelled (`withDisposalGuard`).
 * Refused: an asset not submitted, already disposed, with depreciation booked after P
 * (cancel those runs first), a disposal before the purchase date, proceeds without an account,
 * and a receivable/payable (party) account for the proceeds — a sale on credit to a customer is a
 * sales invoice; use a non-party account (e.g. 1221 其他应收款) here.
 * Cancel appends the reversing rows (the asset is live again; the next run catches up).
 */
import { DomainError } from '../kernel/errors';
import type { BaseRecord, DocTypeDef } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { TxContext } from '../kernel/tx';
import { postGl, reverseGl, periodOf, type PostingLine } from './gl';
import { ASSET_DEP_TABLE, amountDue, assetSchedule, type AssetDepreciationRow } from './fixed-assets';

export const DISPOSAL_TYPES = ['sale', 'scrap'] as const;
export const DISPOSAL_TABLE = 'asset_disposals';

export const AssetDisposal = {
  name: 'AssetDisposal',
  table: DISPOSAL_TABLE,
  module: 'books',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'ADS' },
  titleField: 'number',
  icon: 'building-factory',
  fields: [
    { name: 'asset', type: 'link', link: 'FixedAsset', required: true },
    { name: 'postingDate', type: 'date', required: true },
    { name: 'disposalType', type: 'select', options: DISPOSAL_TYPES, default: 'sale' },
    /** What the buyer pays (or scrap value received), base currency; 0 for a write-off. */
    { name: 'proceeds', type: 'money', min: 0 },
    /** Where the proceeds go: bank, cash or a non-party receivable. Required when proceeds > 0. */
    { name: 'proceedsAccount', type: 'link', link: 'Account' },
    /** Gain / loss on disposal (defaults: 5301 营业外收入 / 5711 营业外支出, or 4900 in the generic chart). */
    { name: 'gainAccount', type: 'link', link: 'Account' },
    { name: 'lossAccount', type: 'link', link: 'Account' },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    /** Computed on save: the asset's cost, the catch-up depreciation booked by this voucher, the total accumulated depreciation removed, the net book value and the result (+ gain / − loss). */
    { name: 'cost', type: 'money', readOnly: true },
    { name: 'depreciationAmount', type: 'money', readOnly: true },
    { name: 'accumulatedDepreciation', type: 'money', readOnly: true },
    { name: 'bookValue', type: 'money', readOnly: true },
    { name: 'gainLoss', type: 'money', readOnly: true },
  ],
  listColumns: ['number', 'asset', 'postingDate', 'disposalType', 'proceeds', 'gainLoss'],
  searchFields: ['remarks'],
} as const satisfies DocTypeDef;

async function liveDisposal(ctx: TxContext, assetId: string, exceptId = ''): Promise<BaseRecord | undefined> {
  return (await ctx.t<BaseRecord>(DISPOSAL_TABLE).where('asset').equals(assetId).toArray()).find((d) => d.status === 'submitted' && !d.deleted && d.id !== exceptId);
}

async function accountByNumber(ctx: TxContext, numbers: readonly string[]): Promise<string> {
  for (const n of numbers) {
    const a = await ctx.t<BaseRecord>('accounts').where('number').equals(n).filter((r) => !r.deleted && !r.isGroup).first();
    if (a) return a.id;
  }
  return '';
}

export const assetDisposalBehaviour: DocBehaviour = {
  tables: ['gl_entries', 'account_balances', 'accounts', 'fixed_assets', ASSET_DEP_TABLE],
  async beforeSave(doc, ctx) {
    const a = await ctx.t<BaseRecord>('fixed_assets').get(doc.asset as string);
    if (!a || a.deleted || a.status !== 'submitted') throw new DomainError('error.asset_not_active', { number: a?.number ?? doc.asset }, 'asset');
    if (!doc.disposalType) doc.disposalType = 'sale';
    const date = doc.postingDate as string;
    if (date < (a.purchaseDate as string)) throw new DomainError('error.disposal_before_purchase', { date, purchaseDate: a.purchaseDate }, 'postingDate');
    const other = await liveDisposal(ctx, a.id, doc.id);
    if (other) throw new DomainError('error.asset_already_disposed', { number: a.number, disposal: other.number }, 'asset');
    if (!doc.gainAccount) doc.gainAccount = await accountByNumber(ctx, ['5301', '4900']);
    if (!doc.lossAccount) doc.lossAccount = await accountByNumber(ctx, ['5711', '4900']);
    if (!doc.gainAccount || !doc.lossAccount) throw new DomainError('error.default_account_missing', { role: doc.gainAccount ? 'lossAccount' : 'gainAccount' }, doc.gainAccount ? 'lossAccount' : 'gainAccount');
    const proceeds = (doc.proceeds as number) || 0;
    if (proceeds > 0 && !doc.proceedsAccount) throw new DomainError('error.proceeds_account_required', {}, 'proceedsAccount');
    if (doc.proceedsAccount) {
      const acc = await ctx.t<BaseRecord>('accounts').get(doc.proceedsAccount as string);
      if (acc && (acc.accountType === 'receivable' || acc.accountType === 'payable')) throw new DomainError('error.disposal_party_account', { account: `${acc.accountNumber} ${acc.accountName}` }, 'proceedsAccount');
    }
    const period = periodOf(date);
    const rows = await ctx.t<AssetDepreciationRow>(ASSET_DEP_TABLE).where('assetId').equals(a.id).toArray();
    const net = new Map<string, number>();
    for (const r of rows) net.set(r.period, (net.get(r.period) ?? 0) + r.amount);
    if ([...net].some(([p, v]) => p > period && v !== 0)) throw new DomainError('error.depreciation_later_exists', { asset: a.number, period });
    const booked = [...net.values()].reduce((t, v) => t + v, 0);
    const start = String(a.depreciationStart).slice(0, 7);
    const due = start <= period ? amountDue(assetSchedule(a), booked, period) : 0;
    doc.cost = a.cost as number;
    doc.depreciationAmount = due;
    doc.accumulatedDepreciation = booked + due;
    doc.bookValue = (a.cost as number) - booked - due;
    doc.gainLoss = proceeds - (doc.bookValue as number);
  },
  async onSubmit(doc, ctx) {
    const a = (await ctx.t<BaseRecord>('fixed_assets').get(doc.asset as string))!;
    const remarks = `${a.number} ${a.assetName}`;
    const line = (account: string, debit: number, credit: number, against: string): PostingLine => ({ account, debit, credit, against, remarks });
    const assetAcc = a.assetAccount as string;
    const accDep = a.accumulatedDepreciationAccount as string;
    const lines: PostingLine[] = [];
    const due = doc.depreciationAmount as number;
    if (due > 0) lines.push(line(a.depreciationExpenseAccount as string, due, 0, accDep), line(accDep, 0, due, a.depreciationExpenseAccount as string));
    if ((doc.accumulatedDepreciation as number) > 0) lines.push(line(accDep, doc.accumulatedDepreciation as number, 0, assetAcc));
    if ((doc.proceeds as number) > 0) lines.push(line(doc.proceedsAccount as string, doc.proceeds as number, 0, assetAcc));
    const gl = doc.gainLoss as number;
    if (gl > 0) lines.push(line(doc.gainAccount as string, 0, gl, assetAcc));
    if (gl < 0) lines.push(line(doc.lossAccount as string, -gl, 0, assetAcc));
    if ((doc.cost as number) > 0) lines.push(line(assetAcc, 0, doc.cost as number, doc.proceedsAccount as string || (gl < 0 ? (doc.lossAccount as string) : accDep)));
    await postGl(ctx, { type: 'AssetDisposal', id: doc.id, number: doc.number, postingDate: doc.postingDate as string }, lines);
  },
  async onCancel(doc, ctx) {
    await reverseGl(ctx, doc.id);
  },
};

/**
 * The monthly depreciation run with disposals taken into account: assets with a submitted
 * disposal are left out (the disposal booked their last months). Wraps the run's behaviour.
 */
export function withDisposalsInRuns(b: DocBehaviour): DocBehaviour {
  return {
    ...b,
    tables: [...(b.tables ?? []), DISPOSAL_TABLE],
    async beforeSave(doc, ctx) {
      await b.beforeSave?.(doc, ctx);
      const lines = (doc.lines as { asset: string; amount: number }[]) ?? [];
      const kept: typeof lines = [];
      for (const l of lines) if (!(await liveDisposal(ctx, l.asset))) kept.push(l);
      doc.lines = kept;
      doc.total = kept.reduce((t, l) => t + l.amount, 0);
    },
  };
}

/** FixedAsset cancel refused while a disposal of it is submitted (cancel the disposal first). */
export function withDisposalGuard(b: DocBehaviour): DocBehaviour {
  return {
    ...b,
    tables: [...(b.tables ?? []), DISPOSAL_TABLE],
    async onCancel(doc, ctx) {
      const d = await liveDisposal(ctx, doc.id);
      if (d) throw new DomainError('error.asset_already_disposed', { number: doc.number, disposal: d.number });
      await b.onCancel?.(doc, ctx);
    },
  };
}
