/**
 * Stock benchmarks, each beside a raw-Dexie floor measured in the same run:
 * - stock balance report of one warehouse over 100,000 ledger rows / 5,000 items (large:
 *   1,000,000 / 50,000) through the service, versus a raw indexed read of the balance table;
 *   and the same total computed by scanning the ledger (what a system without a maintained
 *   balance table must do);
 * - delivery notes posted per second through the services (record, stock ledger row, balance,
 *   GL rows, account balances, order-free delivery), versus raw Dexie transactions writing the
 *   same rows.
 */
import { createDoc, submitDoc, type Session, type BaseRecord } from '../../../shared/api';
import { newId } from '../../../shared/kernel/ids';
import { searchTokens } from '../../../shared/kernel/validate';
import { getDocType } from '../../../shared/kernel/registry';
import { stockBalanceReport, SLE_TABLE, BAL_TABLE } from '../../../shared/stock';
import { registerScenario, result, medianMs, type BenchContext } from '../harness';
import { benchCompany } from '../company';

async function storeWarehouse(s: Session): Promise<string> {
  const all = await s.db.t<BaseRecord>('warehouses').where('branch').equals(s.branchId).toArray();
  return all.find((w) => w.warehouseType === 'store' && !w.isGroup)!.id;
}

/** Raw seed: items, ledger rows (receipts of 10 @ 1.00 each) and the balances they sum to. */
async function seed(s: Session, wh: string, items: number, rows: number, ctx: BenchContext): Promise<string[]> {
  const def = getDocType('Item');
  const ids: string[] = [];
  for (let start = 0; start < items; start += 5000) {
    const batch = [];
    for (let i = start; i < Math.min(items, start + 5000); i++) {
      const r: Record<string, unknown> = { id: newId(), number: `B-${i}`, itemCode: `B-${i}`, itemName: `Bench item ${i}`, itemNameZh: '', itemType: 'stock', itemGroup: '', barcode: '', uom: 'pcs', salePrice: 200, purchasePrice: 100, description: '', uoms: [], valuationMethod: '', reorderLevels: [], defaultSupplier: '', taxTemplate: '', hasBatch: false, hasSerial: false, branchId: s.branchId, status: 'active', createdAt: '', createdBy: '', modifiedAt: new Date().toISOString(), modifiedBy: '', _hlc: '', deleted: 0, _rev: 1 };
      r._search = searchTokens(def, r);
      ids.push(r.id as string);
      batch.push(r);
    }
    await s.db.t('items').bulkAdd(batch);
  }
  const perItem = Math.max(1, Math.floor(rows / items));
  for (let start = 0; start < items * perItem; start += 10000) {
    const batch = [];
    for (let k = start; k < Math.min(items * perItem, start + 10000); k++) {
      const item = ids[k % items];
      const seq = Math.floor(k / items) + 1;
      batch.push({ id: newId(), item, warehouse: wh, postingDate: '2026-01-01', seq, qty: '10', valuationRate: '100', value: 1000, balanceQty: String(seq * 10), balanceValue: seq * 1000, voucherType: 'Seed', voucherId: `seed-${k}`, voucherNumber: '', line: 0, isReversal: false, batch: '', serials: [], branchId: s.branchId, createdAt: '' });
    }
    await s.db.t(SLE_TABLE).bulkAdd(batch);
  }
  await s.db.t(BAL_TABLE).bulkPut(ids.map((item) => ({ key: `${item}|${wh}`, item, warehouse: wh, qty: String(perItem * 10), value: perItem * 1000, valuationRate: '100', method: 'moving_average', queue: [], seq: perItem, lastDate: '2026-01-01' })));
  ctx.log(`seeded ${items} items, ${items * perItem} ledger rows`);
  return ids;
}

async function balanceReport(s: Session, wh: string, ctx: BenchContext) {
  const items = ctx.large ? 50_000 : 5_000;
  const rows = ctx.large ? 1_000_000 : 100_000;
  const ids = await seed(s, wh, items, rows, ctx);
  const raw = await medianMs(7, () => s.db.t(BAL_TABLE).where('warehouse').equals(wh).toArray());
  const svc = await medianMs(7, () => stockBalanceReport(s, { warehouse: wh }));
  const scan = await medianMs(3, async () => {
    let v = 0;
    await s.db.t<{ value: number }>(SLE_TABLE).each((r) => void (v += r.value));
    return v;
  });
  return { ids, results: [
    result(`stock: balance report of one warehouse, ${items.toLocaleString('en')} items / ${rows.toLocaleString('en')} ledger rows (service vs raw balance read)`, svc, 'ms', raw),
    result(`stock: warehouse total by scanning ${rows.toLocaleString('en')} ledger rows (no balance table) vs raw balance read`, scan, 'ms', raw),
  ] };
}

async function deliveryRate(s: Session, wh: string, ids: string[], ctx: BenchContext) {
  const n = ctx.large ? 1000 : 300;
  const customer = await createDoc(s, 'Customer', { customerName: 'Bench customer' });
  const db = s.db;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const item = ids[i % ids.length];
    await db.transaction('rw', ['delivery_notes', 'series', SLE_TABLE, BAL_TABLE, 'gl_entries', 'account_balances', 'audit', 'outbox'], async (tx) => {
      const id = newId();
      const ser = await tx.table('series').get('RAW-DN');
      await tx.table('series').put({ key: 'RAW-DN', next: (ser?.next ?? 0) + 1 });
      const key = `${item}|${wh}`;
      const b = await tx.table(BAL_TABLE).get(key);
      await tx.table(BAL_TABLE).put({ ...b, qty: String(Number(b.qty) - 1), value: b.value - 100, seq: b.seq + 1 });
      await tx.table('delivery_notes').put({ id, number: `RAW-DN-${i}`, status: 'submitted', deleted: 0, customer: customer.id, postingDate: '2026-03-01', modifiedAt: '', _search: [], items: [{ item, qty: '1' }] });
      await tx.table(SLE_TABLE).add({ id: newId(), item, warehouse: wh, postingDate: '2026-03-01', seq: b.seq + 1, qty: '-1', value: -100 });
      await tx.table('gl_entries').bulkAdd([{ id: newId(), account: 'a', postingDate: '2026-03-01', voucherId: id }, { id: newId(), account: 'b', postingDate: '2026-03-01', voucherId: id }]);
      for (const k of ['a|2026-03|x', 'b|2026-03|x']) {
        const ab = await tx.table('account_balances').get(k);
        await tx.table('account_balances').put({ key: k, account: k[0], period: '2026-03', debit: (ab?.debit ?? 0) + 100, credit: 0 });
      }
      await tx.table('audit').add({ id: newId(), at: '', docType: 'DeliveryNote', docId: id, userId: 'u', action: 'submit', changes: [] });
      await tx.table('outbox').bulkAdd([{ changeId: newId(), table: 'delivery_notes', data: {} }, { changeId: newId(), table: SLE_TABLE, data: {} }, { changeId: newId(), table: 'gl_entries', data: {} }, { changeId: newId(), table: 'audit', data: {} }]);
    });
  }
  const rawRate = n / ((performance.now() - t0) / 1000);
  ctx.log(`raw: ${rawRate.toFixed(0)} deliveries/s`);
  const t1 = performance.now();
  for (let i = 0; i < n; i++) {
    const d = await createDoc(s, 'DeliveryNote', { customer: customer.id, postingDate: '2026-03-01', warehouse: wh, items: [{ item: ids[(i + n) % ids.length], qty: '1' }] });
    await submitDoc(s, 'DeliveryNote', d.id);
  }
  const svcRate = n / ((performance.now() - t1) / 1000);
  ctx.log(`services (create + submit): ${svcRate.toFixed(0)} deliveries/s`);
  return result('stock: delivery notes created and submitted per second (services vs raw Dexie tx of the posting rows)', svcRate, 'docs/s', rawRate);
}

registerScenario({
  name: 'stock',
  async run(ctx) {
    const s = await benchCompany('stock');
    const wh = await storeWarehouse(s);
    const { ids, results } = await balanceReport(s, wh, ctx);
    results.push(await deliveryRate(s, wh, ids, ctx));
    return results;
  },
});
