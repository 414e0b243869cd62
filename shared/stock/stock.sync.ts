/**
 * Stock balances for stock-ledger rows that arrive by branch replication (head office, or a
 * branch receiving an inter-branch transfer). Quantities and values are added as deltas, so the
 * result does not depend on arrival order; FIFO layers stay with the replica that posts the
 * warehouse's movements (a warehouse belongs to one branch). A balance that goes negative after
 * the merge (two places sold the last unit) is reported to the conflict inbox, never hidden.
 */
import { registerLedgerApplier, registerConflictResolver, addConflict } from '../sync/tables';
import { DomainError } from '../kernel/errors';
import { createDoc } from '../kernel/docs.service';
import { translate } from '../i18n';
import { D } from '../kernel/money';
import { BAL_TABLE, SLE_TABLE, balanceKey, type StockBalance, type StockLedgerRow } from './stock-ledger';

registerLedgerApplier(SLE_TABLE, {
  tables: [BAL_TABLE, 'sync_conflicts'],
  async apply(ctx, raw) {
    const rows = raw as unknown as StockLedgerRow[];
    const table = ctx.t<StockBalance>(BAL_TABLE);
    const keys = [...new Set(rows.map((r) => balanceKey(r.item, r.warehouse)))];
    const current = new Map((await table.bulkGet(keys)).filter((b): b is StockBalance => !!b).map((b) => [b.key, b]));
    for (const r of rows) {
      const key = balanceKey(r.item, r.warehouse);
      const b: StockBalance = current.get(key) ?? { key, item: r.item, warehouse: r.warehouse, qty: '0', value: 0, valuationRate: '0', method: 'moving_average', queue: [], seq: 0, lastDate: '' };
      const qty = new D(b.qty).add(r.qty);
      const value = b.value + r.value;
      current.set(key, { ...b, qty: qty.toString(), value, valuationRate: qty.isZero() ? b.valuationRate : new D(value).div(qty).toString(), seq: b.seq + 1, lastDate: r.postingDate > b.lastDate ? r.postingDate : b.lastDate });
    }
    await table.bulkPut([...current.values()]);
    for (const b of current.values()) {
      if (new D(b.qty).isNeg() && !ctx.session.settings.allowNegativeStock) {
        await addConflict((n) => ctx.t(n), { kind: 'business', table: BAL_TABLE, recordId: b.key, detail: { code: 'sync.negative_stock', item: b.item, warehouse: b.warehouse, qty: b.qty }, suggestion: 'sync.suggest.stock_adjustment' });
      }
    }
  },
});

/**
 * Negative stock after a merge: the resolution is a stock count of that item in that warehouse
 * (a draft, counted quantity 0 until the person enters what is on the shelf and submits it).
 */
registerConflictResolver('sync.negative_stock', {
  resolution: 'stock_count',
  async resolve(s, c) {
    const d = c.detail as { item?: string; warehouse?: string; qty?: string };
    if (typeof d.item !== 'string' || typeof d.warehouse !== 'string') throw new DomainError('sync.resolution_invalid', { kind: c.kind, resolution: 'stock_count' });
    const lang = s.settings.language === 'zh-CN' ? 'zh-CN' : 'en';
    const doc = await createDoc(s, 'StockCount', {
      postingDate: s.localDate(),
      warehouse: d.warehouse,
      remarks: translate(lang, 'sync.count_remarks', { qty: d.qty ?? '' }),
      items: [{ item: d.item, countedQty: '0' }],
    });
    return { docType: 'StockCount', id: doc.id, number: doc.number };
  },
});
