/**
 * Batches and serial numbers for stock-ledger rows that arrive by branch replication (head
 * office, or a branch receiving an inter-branch transfer through in-transit): without it the
 * receiving branch would not know which serials / how much of a batch sit in the in-transit
 * warehouse, and its transit receipt would be refused.
 *
 * Like the balances (./stock.sync.ts) nothing is refused here: a merge is not a posting.
 * - `stock_batches`: the row's quantity added as a delta (order of arrival does not matter); a
 *   new batch row takes the expiry the batch has in another warehouse (rows carry no expiry).
 * - `stock_serials`: the row's movement is applied unless the state already records a LATER
 *   movement (`at` = the row's createdAt), so an old row arriving late does not move a serial
 *   back. Rows of one page are applied in id (= posting) order.
 */
import { registerLedgerApplier } from '../sync/tables';
import { D } from '../kernel/money';
import { BATCH_TABLE, SERIAL_TABLE, type BatchBalance, type SerialState } from './batch-serial';
import type { StockLedgerRow } from './stock-ledger';

registerLedgerApplier('stock_ledger', {
  tables: [BATCH_TABLE, SERIAL_TABLE],
  async apply(ctx, raw) {
    const rows = (raw as unknown as StockLedgerRow[]).filter((r) => r.batch || r.serials?.length).sort((a, b) => (a.id < b.id ? -1 : 1));
    if (!rows.length) return;
    const batches = new Map<string, BatchBalance>();
    const serials = new Map<string, SerialState>();
    for (const r of rows) {
      if (r.batch) {
        const key = `${r.item}|${r.warehouse}|${r.batch}`;
        let b = batches.get(key) ?? (await ctx.t<BatchBalance>(BATCH_TABLE).get(key));
        if (!b) {
          const known = [...batches.values()].find((x) => x.item === r.item && x.batch === r.batch && x.expiryDate)?.expiryDate
            ?? (await ctx.t<BatchBalance>(BATCH_TABLE).where('[item+batch]').equals([r.item, r.batch]).toArray()).find((x) => x.expiryDate)?.expiryDate;
          b = { key, item: r.item, warehouse: r.warehouse, batch: r.batch, qty: '0', expiryDate: known ?? '' };
        }
        batches.set(key, { ...b, qty: new D(b.qty).add(r.qty).toString() });
      }
      const incoming = new D(r.qty).gt(0);
      for (const sn of r.serials ?? []) {
        const key = `${r.item}|${sn}`;
        const cur = serials.get(key) ?? (await ctx.t<SerialState>(SERIAL_TABLE).get(key));
        if (cur?.at && cur.at > r.createdAt) continue;
        serials.set(key, { key, item: r.item, serial: sn, warehouse: r.warehouse, inStock: incoming, voucherId: r.voucherId, batch: incoming ? r.batch : (r.batch || cur?.batch || ''), at: r.createdAt });
      }
    }
    if (batches.size) await ctx.t(BATCH_TABLE).bulkPut([...batches.values()] as unknown as Record<string, unknown>[]);
    if (serials.size) await ctx.t(SERIAL_TABLE).bulkPut([...serials.values()] as unknown as Record<string, unknown>[]);
  },
});
