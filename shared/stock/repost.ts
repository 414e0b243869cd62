/**
 * Valuation repost: correct the values of issues made stale by back-dated postings, without
 * rewriting a single ledger row.
 *
 * The stock ledger values each movement when it is POSTED. A receipt or issue dated before later
 * movements of the same item x warehouse therefore leaves those later issues valued without it
 * (postStock raises a `repost_needed` notification when that happens). `replayValuation` (pure)
 * replays the rows of one item x warehouse in (postingDate, seq) order with the item's method
 * and says, for each row whose value depends on the valuation, what it should have been:
 *   - issues (qty < 0): the value the method gives at that point of the replay;
 *   - reversals of issues (cancellations): exactly the opposite of the replayed issue;
 *   - landed-cost rows (qty 0): their value when the goods are there to carry it, else 0;
 *   - receipts and reversals of receipts keep their own value (it is a price, not a valuation);
 *     transfers in keep the value they were sent with (reposting the source warehouse does not
 *     cascade into the target: repost the target as well).
 * A row's "posted" value is its value plus the adjustments already made to it by earlier
 * reposts (rows with `adjusts` = its id), so a second run finds nothing to do.
 *
 * Start: moving average starts at `fromDate` from the sums of the rows before it (they are taken
 * as right). FIFO layers at a date depend on every earlier movement, so FIFO replays from the
 * first movement and any stale row, even before `fromDate`, is corrected.
 *
 * Posting (StockRepost submit, ONE transaction): one value-only ledger row per stale row
 * (qty 0, value = expected - posted, `adjusts` = the row's id) dated on the repost date, the
 * balance set to the replay's state (its value equals the old value plus the differences:
 * asserted), and GL rows stock vs cost of goods sold (rows of delivery notes) or stock adjustment
 * (anything else). A repost cannot be cancelled (error.repost_not_cancellable): correct the
 * movements and repost again.
 */
import { DomainError } from '../kernel/errors';
import { D } from '../kernel/money';
import { newId } from '../kernel/ids';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { TxContext } from '../kernel/tx';
import type { Session } from '../kernel/session';
import { createDoc, submitDoc } from '../kernel/docs.service';
import { postGl } from '../books/gl';
import { SLE_TABLE, BAL_TABLE, LEDGER_TABLES, StockCache, methodFor, type StockLedgerRow, type StockBalance } from './stock-ledger';
import { issue, receive, unreceive, revalue, rateOf, EMPTY_STATE, type ValState, type ValuationMethod } from './valuation';
import { stockGlLines } from './stock-gl.posting';
import { stockAccount } from './stock.settings';

export const REPOST_TABLE = 'stock_reposts';

export interface RepostLine {
  /** Id of the ledger row corrected. */
  row: string;
  voucherType: string;
  voucherNumber: string;
  rowDate: string;
  qty: string;
  /** As posted, with earlier corrections. */
  posted: number;
  /** What the replay gives. */
  expected: number;
  /** expected - posted (+ raises the stock value). */
  difference: number;
  /** Account role the difference is posted against. */
  counter: 'costOfGoodsSold' | 'adjustment';
}

export interface Replay {
  lines: RepostLine[];
  /** The balance the replay ends with. */
  state: ValState;
}

function counterOf(voucherType: string): RepostLine['counter'] {
  return voucherType === 'DeliveryNote' ? 'costOfGoodsSold' : 'adjustment';
}

/** Replay one item x warehouse (pure; `rows` = all its ledger rows, any order). */
export function replayValuation(method: ValuationMethod, rows: readonly StockLedgerRow[], fromDate: string): Replay {
  const adj = new Map<string, number>();
  for (const r of rows) if (r.adjusts) adj.set(r.adjusts, (adj.get(r.adjusts) ?? 0) + r.value);
  const moves = rows.filter((r) => !r.adjusts).sort((a, b) => (a.postingDate !== b.postingDate ? (a.postingDate < b.postingDate ? -1 : 1) : a.seq - b.seq));
  const eff = (r: StockLedgerRow) => r.value + (adj.get(r.id) ?? 0);
  const replayed = new Map<string, number>();
  // each reversal row undoes one original row of its voucher (same line, opposite quantity)
  const originalOf = new Map<string, StockLedgerRow>();
  const used = new Set<string>();
  for (const r of moves) {
    if (!r.isReversal) continue;
    const o = moves.find((x) => !x.isReversal && !used.has(x.id) && x.voucherId === r.voucherId && x.line === r.line && new D(x.qty).eq(new D(r.qty).neg()));
    if (o) {
      used.add(o.id);
      originalOf.set(r.id, o);
    }
  }
  const start = method === 'fifo' ? '' : fromDate;
  let st: ValState = structuredClone(EMPTY_STATE);
  let lastRate = '0';
  for (const r of moves) {
    if (r.postingDate >= start) break;
    st = { qty: new D(st.qty).add(r.qty).toString(), value: st.value + eff(r), rate: '0', queue: [] };
    lastRate = r.valuationRate || lastRate;
    replayed.set(r.id, eff(r));
  }
  st.rate = rateOf(st.value, st.qty, lastRate);
  const lines: RepostLine[] = [];
  for (const r of moves) {
    if (r.postingDate < start) continue;
    const q = new D(r.qty);
    const orig = originalOf.get(r.id);
    const mirror = () => -(orig ? replayed.get(orig.id) ?? eff(orig) : -eff(r));
    let expected: number;
    if (q.isZero()) {
      const want = r.isReversal ? mirror() : eff(r);
      const res = want === 0 ? null : revalue(method, st, want, r.againstVoucher || undefined);
      expected = res ? want : 0;
      if (res) st = res.state;
    } else if (q.gt(0)) {
      expected = r.isReversal ? mirror() : eff(r);
      st = receive(method, st, q.toString(), expected, r.postingDate, r.isReversal ? `${r.voucherId}:r` : r.voucherId).state;
    } else if (!r.isReversal) {
      const res = issue(method, st, q.neg().toString(), true, r.postingDate);
      expected = res.value;
      st = res.state;
    } else {
      expected = eff(r);
      const res = unreceive(method, st, q.neg().toString(), -expected, r.voucherId, true);
      if ('consumed' in res) throw new Error('replay: unreceive refused with negative stock allowed');
      st = res.state;
    }
    replayed.set(r.id, expected);
    const posted = eff(r);
    if (expected !== posted) lines.push({ row: r.id, voucherType: r.voucherType, voucherNumber: r.voucherNumber, rowDate: r.postingDate, qty: r.qty, posted, expected, difference: expected - posted, counter: counterOf(r.voucherType) });
  }
  return { lines, state: st };
}

type Reader = <T>(name: string) => import('dexie').Table<T, string>;

async function itemRows(t: Reader, item: string, warehouse: string): Promise<StockLedgerRow[]> {
  return t<StockLedgerRow>(SLE_TABLE).where('[item+warehouse+seq]').between([item, warehouse, -Infinity], [item, warehouse, Infinity], true, true).toArray();
}

export interface RepostPreview {
  item: string;
  warehouse: string;
  fromDate: string;
  method: ValuationMethod;
  lines: RepostLine[];
  /** Sum of the differences (+ raises the stock value). */
  total: number;
  currentValue: number;
  finalValue: number;
}

async function compute(t: Reader, settings: Session['settings'], item: BaseRecord, warehouse: string, fromDate: string): Promise<RepostPreview & { state: ValState; balance: StockBalance | undefined }> {
  const method = methodFor(item, settings);
  const rows = await itemRows(t, item.id, warehouse);
  const { lines, state } = replayValuation(method, rows, fromDate);
  const balance = await t<StockBalance>(BAL_TABLE).get(`${item.id}|${warehouse}`);
  const currentValue = balance?.value ?? 0;
  const total = lines.reduce((s, l) => s + l.difference, 0);
  return { item: item.id, warehouse, fromDate, method, lines, total, currentValue, finalValue: state.value, state, balance };
}

async function checkInput(t: Reader, item: string, warehouse: string, fromDate: string): Promise<BaseRecord> {
  const it = await t<BaseRecord>('items').get(item);
  if (!it || it.deleted) throw new DomainError('error.link_missing', { docType: 'Item', value: item }, 'item');
  if (it.itemType !== 'stock') throw new DomainError('error.not_stock_item', { item: `${it.itemCode} ${it.itemName}` }, 'item');
  const w = await t<BaseRecord>('warehouses').get(warehouse);
  if (!w || w.deleted) throw new DomainError('error.link_missing', { docType: 'Warehouse', value: warehouse }, 'warehouse');
  if (w.isGroup) throw new DomainError('error.warehouse_is_group', { warehouse: w.warehouseName }, 'warehouse');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fromDate)) throw new DomainError('error.date_invalid', { value: fromDate }, 'fromDate');
  return it;
}

/** What a repost of item x warehouse from `fromDate` would post (read-only). */
export async function previewRepost(s: Session, input: { item: string; warehouse: string; fromDate: string }): Promise<RepostPreview> {
  s.require('StockRepost', 'read');
  const t: Reader = (n) => s.db.t(n);
  return s.db.transaction('r', [SLE_TABLE, BAL_TABLE, 'items', 'warehouses'], async () => {
    const it = await checkInput(t, input.item, input.warehouse, input.fromDate);
    const { state: _s, balance: _b, ...preview } = await compute(t, s.settings, it, input.warehouse, input.fromDate);
    return preview;
  });
}

/**
 * Repost item x warehouse from `fromDate`: a submitted StockRepost with the corrections, or null
 * when every value is already what the replay gives (nothing is written then).
 */
export async function repostValuation(s: Session, input: { item: string; warehouse: string; fromDate: string; postingDate?: string; remarks?: string }): Promise<BaseRecord | null> {
  s.require('StockRepost', 'submit');
  const p = await previewRepost(s, input);
  if (p.lines.length === 0) return null;
  const d = await createDoc(s, 'StockRepost', { item: input.item, warehouse: input.warehouse, fromDate: input.fromDate, postingDate: input.postingDate ?? s.localDate(), remarks: input.remarks ?? '' });
  return submitDoc(s, 'StockRepost', d.id);
}

async function fill(doc: BaseRecord, ctx: TxContext) {
  if (!doc.postingDate) doc.postingDate = ctx.today;
  const t: Reader = (n) => ctx.t(n);
  const it = await checkInput(t, doc.item as string, doc.warehouse as string, doc.fromDate as string);
  const r = await compute(t, ctx.session.settings, it, doc.warehouse as string, doc.fromDate as string);
  doc.lines = r.lines.map(({ counter: _c, ...l }) => l);
  doc.totalDifference = r.total;
  return r;
}

export const stockRepostBehaviour: DocBehaviour = {
  tables: [...LEDGER_TABLES, 'gl_entries', 'account_balances', 'accounts', REPOST_TABLE],
  async beforeSave(doc, ctx) {
    await fill(doc, ctx);
  },
  async onSubmit(doc, ctx) {
    const r = await fill(doc, ctx);
    if (r.lines.length === 0) throw new DomainError('error.repost_nothing', { number: doc.number });
    const cache = new StockCache(ctx);
    const b = await cache.balance(r.item, r.warehouse);
    // the replay must end where the ledger ends, plus the corrections (else it is a bug: refuse)
    if (!new D(r.state.qty).eq(b.qty) || r.state.value !== b.value + r.total) throw new DomainError('error.repost_mismatch', { qty: b.qty, value: b.value, replayQty: r.state.qty, replayValue: r.state.value });
    const postingDate = doc.postingDate as string;
    const rows: StockLedgerRow[] = [];
    let running = b.value;
    let seq = b.seq;
    for (const [i, l] of r.lines.entries()) {
      running += l.difference;
      seq += 1;
      rows.push({
        id: newId(), item: r.item, warehouse: r.warehouse, postingDate, seq, qty: '0', valuationRate: rateOf(running, b.qty, b.valuationRate), value: l.difference,
        balanceQty: b.qty, balanceValue: running, voucherType: 'StockRepost', voucherId: doc.id, voucherNumber: doc.number, line: i, isReversal: false,
        batch: '', serials: [], adjusts: l.row, branchId: ctx.session.branchId, createdAt: ctx.now,
      });
    }
    await ctx.append(SLE_TABLE, rows as unknown as Record<string, unknown>[]);
    Object.assign(b, { value: r.state.value, valuationRate: r.state.rate, queue: r.method === 'fifo' ? r.state.queue : [], method: r.method, seq, lastDate: postingDate > b.lastDate ? postingDate : b.lastDate });
    await ctx.t(BAL_TABLE).put(b as unknown as Record<string, unknown>);
    const w = await cache.warehouse(r.warehouse);
    const account = (w.account as string) || stockAccount(ctx.session.settings, 'inventory');
    const lines = (['costOfGoodsSold', 'adjustment'] as const).flatMap((role) => {
      const v = r.lines.filter((l) => l.counter === role).reduce((s, l) => s + l.difference, 0);
      return v ? stockGlLines([{ account, value: v }], stockAccount(ctx.session.settings, role), (doc.remarks as string) ?? '') : [];
    });
    if (lines.length) await postGl(ctx, { type: 'StockRepost', id: doc.id, number: doc.number, postingDate }, lines);
  },
  async onCancel(doc) {
    throw new DomainError('error.repost_not_cancellable', { number: doc.number });
  },
};
