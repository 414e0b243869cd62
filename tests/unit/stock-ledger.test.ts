/**
 * Stock ledger through the services: warehouses from company creation, receipts, issues,
 * transfers (also between branches through in-transit), counts, cancellations, unit conversion,
 * negative stock refusal, GL agreement (stock ledger value == stock account balance), and bad
 * input that writes nothing.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { newCompany } from '../fixtures/company';
import { warehouses, stockItem, submitted, receiveStock, issueStock, code } from '../fixtures/stock';
import { createDoc, submitDoc, cancelDoc, updateSettings, DomainError, type Session } from '../../shared/api';
import { verifyStock, stockBalance, receiveTransit, valuationReport, itemStockLedger, itemMovements, stockAgeing, stockBalanceReport, stockAccount, SLE_TABLE } from '../../shared/stock';
import { accountBalance, verifyBalances } from '../../shared/books';

async function stockAccountBalance(s: Session): Promise<number> {
  return accountBalance(s, stockAccount(s.settings, 'inventory'));
}

async function counts(s: Session): Promise<number[]> {
  return [await s.db.t(SLE_TABLE).count(), await s.db.t('stock_balances').count(), await s.db.t('gl_entries').count(), await s.db.audit.count(), await s.db.outbox.count()];
}

describe('warehouses', () => {
  it('company creation makes the branch group with store, backroom, in-transit and rejected', async () => {
    const { s } = await newCompany();
    const rows = await s.db.t('warehouses').toArray();
    expect(rows.map((w) => w.number).sort()).toEqual(['SH-ALL', 'SH-BACK', 'SH-REJECT', 'SH-STORE', 'SH-TRANSIT']);
    expect(rows.filter((w) => !w.isGroup).every((w) => w.parentWarehouse === rows.find((g) => g.isGroup)!.id && w.branch === s.branchId)).toBe(true);
    expect((s.settings.stock as { grniAccount: string }).grniAccount).toBeTruthy();
  });
});

describe('stock entries', () => {
  it('receipt, issue and transfer move qty and value; the ledger, balances and stock account agree', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const it = await stockItem(s);
    const r = await receiveStock(s, it.id, w.store, '10', '5.00');
    expect(r.totalAmount).toBe(5000);
    await receiveStock(s, it.id, w.store, '10', '6.00');
    const iss = await issueStock(s, it.id, w.store, '4');
    expect(iss.totalAmount).toBe(2200); // 4 @ 5.50
    await submitted(s, 'StockEntry', { purpose: 'material_transfer', postingDate: '2026-03-03', fromWarehouse: w.store, toWarehouse: w.backroom, items: [{ item: it.id, qty: '6' }] });
    expect(await stockBalance(s, it.id, w.store)).toEqual({ qty: '10', value: 5500, valuationRate: '550' });
    expect(await stockBalance(s, it.id, w.backroom)).toEqual({ qty: '6', value: 3300, valuationRate: '550' });
    expect(await verifyStock(s)).toEqual([]);
    expect(await stockAccountBalance(s)).toBe(8800);
    expect((await valuationReport(s)).totalValue).toBe(8800);
    expect(await verifyBalances(s)).toEqual([]);
  });

  it('refuses an issue beyond stock naming item, warehouse and available qty, and writes nothing', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const it = await stockItem(s, { itemName: 'Green tea' });
    await receiveStock(s, it.id, w.store, '3', '5.00');
    const draft = await createDoc(s, 'StockEntry', { purpose: 'material_issue', postingDate: '2026-03-02', fromWarehouse: w.store, items: [{ item: it.id, qty: '5' }] });
    const before = await counts(s);
    const err = await submitDoc(s, 'StockEntry', draft.id).catch((e: DomainError) => e);
    expect((err as DomainError).code).toBe('error.insufficient_stock');
    expect((err as DomainError).params).toMatchObject({ item: `${it.itemCode} Green tea`, warehouse: 'Shanghai Store', available: '3', needed: '5' });
    expect((err as DomainError).issues[0].row).toBe(0);
    expect(await counts(s)).toEqual(before);
    // allowed when the company allows negative stock
    await updateSettings(s, { allowNegativeStock: true });
    await submitDoc(s, 'StockEntry', draft.id);
    expect((await stockBalance(s, it.id, w.store)).qty).toBe('-2');
    expect(await verifyStock(s)).toEqual([]);
  });

  it('bad input gives the right code: no quantity, a group warehouse, same warehouse, unknown unit, not a stock item', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const it = await stockItem(s);
    const svc = await createDoc(s, 'Item', { itemCode: 'SVC', itemName: 'Service', itemType: 'service' });
    const group = (await s.db.t('warehouses').toArray()).find((x) => x.isGroup)!.id as string;
    const before = await counts(s);
    expect(await code(createDoc(s, 'StockEntry', { purpose: 'material_receipt', postingDate: '2026-03-01', toWarehouse: w.store, items: [{ item: it.id, qty: '0', rate: '1' }] }))).toBe('error.qty_zero');
    expect(await code(createDoc(s, 'StockEntry', { purpose: 'material_issue', postingDate: '2026-03-01', items: [{ item: it.id, qty: '1' }] }))).toBe('error.warehouse_required');
    expect(await code(createDoc(s, 'StockEntry', { purpose: 'material_transfer', postingDate: '2026-03-01', fromWarehouse: w.store, toWarehouse: w.store, items: [{ item: it.id, qty: '1' }] }))).toBe('error.same_warehouse');
    expect(await code(createDoc(s, 'StockEntry', { purpose: 'material_receipt', postingDate: '2026-03-01', toWarehouse: w.store, items: [{ item: it.id, qty: '1', uom: 'crate' }] }))).toBe('error.uom_unknown');
    expect(await code(createDoc(s, 'StockEntry', { purpose: 'material_receipt', postingDate: '2026-03-01', toWarehouse: w.store, items: [{ item: svc.id, qty: '1' }] }))).toBe('error.not_stock_item');
    const g = await createDoc(s, 'StockEntry', { purpose: 'material_receipt', postingDate: '2026-03-01', toWarehouse: group, items: [{ item: it.id, qty: '1', rate: '1' }] });
    const mid = await counts(s);
    expect(await code(submitDoc(s, 'StockEntry', g.id))).toBe('error.warehouse_is_group');
    expect(await counts(s)).toEqual(mid);
    expect(before[0]).toBe(mid[0]);
  });

  it('units of measure convert exactly: 3 dozen in, 7 pcs out, 1.75 dozen out', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const it = await stockItem(s, { uoms: [{ uom: 'dozen', factor: '12' }] });
    const r = await submitted(s, 'StockEntry', { purpose: 'material_receipt', postingDate: '2026-03-01', toWarehouse: w.store, items: [{ item: it.id, qty: '3', uom: 'dozen', rate: '12.00' }] });
    expect((r.items as { stockQty: string }[])[0].stockQty).toBe('36');
    expect(r.totalAmount).toBe(3600);
    await issueStock(s, it.id, w.store, '7');
    const out = await submitted(s, 'StockEntry', { purpose: 'material_issue', postingDate: '2026-03-02', fromWarehouse: w.store, items: [{ item: it.id, qty: '1.75', uom: 'dozen' }] });
    expect((out.items as { stockQty: string }[])[0].stockQty).toBe('21');
    expect(out.totalAmount).toBe(2100);
    expect(await stockBalance(s, it.id, w.store)).toEqual({ qty: '8', value: 800, valuationRate: '100' });
  });

  it('cancel reverses; cancelling a receipt whose stock was issued since is refused with the reason', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const it = await stockItem(s);
    const r1 = await receiveStock(s, it.id, w.store, '10', '5.00');
    const r2 = await receiveStock(s, it.id, w.store, '5', '7.00');
    await cancelDoc(s, 'StockEntry', r2.id);
    expect(await stockBalance(s, it.id, w.store)).toEqual({ qty: '10', value: 5000, valuationRate: '500' });
    await issueStock(s, it.id, w.store, '6');
    const before = await counts(s);
    const err = (await cancelDoc(s, 'StockEntry', r1.id).catch((e) => e)) as DomainError;
    expect(err.code).toBe('error.stock_consumed');
    expect(err.params).toMatchObject({ voucher: r1.number, qty: '6', available: '4' });
    expect(await counts(s)).toEqual(before);
    expect(await verifyStock(s)).toEqual([]);
    expect(await stockAccountBalance(s)).toBe(2000);
    const rows = await s.db.t(SLE_TABLE).where('voucherId').equals(r2.id).toArray();
    expect(rows.map((x) => [x.qty, x.value, x.isReversal])).toEqual([['5', 3500, false], ['-5', -3500, true]]);
  });

  it('transfer between branches: send to in-transit, receive at the other side; cancel of a received send is refused', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const it = await stockItem(s);
    await receiveStock(s, it.id, w.store, '10', '5.00');
    const send = await submitted(s, 'StockEntry', { purpose: 'transit_send', postingDate: '2026-03-02', fromWarehouse: w.store, toWarehouse: w.in_transit, items: [{ item: it.id, qty: '4' }] });
    expect(await code(submitted(s, 'StockEntry', { purpose: 'transit_send', postingDate: '2026-03-02', fromWarehouse: w.store, toWarehouse: w.backroom, items: [{ item: it.id, qty: '1' }] }))).toBe('error.not_in_transit');
    expect((await stockBalance(s, it.id, w.in_transit)).qty).toBe('4');
    await receiveTransit(s, send.id, w.backroom, '2026-03-04');
    expect((await stockBalance(s, it.id, w.in_transit)).qty).toBe('0');
    expect(await stockBalance(s, it.id, w.backroom)).toEqual({ qty: '4', value: 2000, valuationRate: '500' });
    expect(await code(cancelDoc(s, 'StockEntry', send.id))).toBe('error.transit_received');
    expect(await code(receiveTransit(s, send.id, w.backroom))).toBe('error.table_empty');
    expect(await verifyStock(s)).toEqual([]);
  });

  it('stock count posts differences against stock adjustment', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const a = await stockItem(s);
    const b = await stockItem(s);
    await receiveStock(s, a.id, w.store, '10', '5.00');
    const c = await submitted(s, 'StockCount', { postingDate: '2026-03-05', warehouse: w.store, items: [{ item: a.id, countedQty: '8' }, { item: b.id, countedQty: '3', rate: '2.00' }] });
    const lines = c.items as { systemQty: string; differenceQty: string; differenceAmount: number }[];
    expect(lines.map((l) => [l.systemQty, l.differenceQty, l.differenceAmount])).toEqual([['10', '-2', -1000], ['0', '3', 600]]);
    expect(c.totalDifference).toBe(-400);
    expect(await stockAccountBalance(s)).toBe(4600);
    // the receipt credited 50.00 to stock adjustment; the count's loss 10.00 and gain 6.00 net to 4.00
    expect(await accountBalance(s, stockAccount(s.settings, 'adjustment'))).toBe(-5000 + 1000 - 600);
    expect(await code(createDoc(s, 'StockCount', { postingDate: '2026-03-05', warehouse: w.store, items: [{ item: a.id, countedQty: '1' }, { item: a.id, countedQty: '2' }] }))).toBe('error.duplicate_line');
  });

  it('FIFO per item override; reports read balances and indexes', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const it = await stockItem(s, { valuationMethod: 'fifo' });
    await receiveStock(s, it.id, w.store, '10', '5.00', '2026-01-01');
    await receiveStock(s, it.id, w.store, '10', '6.00', '2026-03-01');
    const iss = await issueStock(s, it.id, w.store, '12', '2026-03-10');
    expect(iss.totalAmount).toBe(6200);
    const age = await stockAgeing(s, '2026-03-31');
    expect(age).toEqual([{ item: it.id, itemCode: it.itemCode, warehouse: w.store, qty: ['8', '0', '0', '0'], value: [4800, 0, 0, 0] }]);
    const led = await itemStockLedger(s, it.id, { limit: 2 });
    expect(led.rows.map((r) => r.qty)).toEqual(['10', '10']);
    const more = await itemStockLedger(s, it.id, { after: led.next! });
    expect(more.rows.map((r) => r.qty)).toEqual(['-12']);
    expect((await itemMovements(s, it.id, w.store)).map((r) => r.balanceQty)).toEqual(['8', '20', '10']);
    const rep = await stockBalanceReport(s, { warehouse: w.store });
    expect(rep.rows.map((r) => [r.itemCode, r.qty, r.value])).toEqual([[it.itemCode, '8', 4800]]);
    expect(rep.totalValue).toBe(4800);
    expect(await stockAccountBalance(s)).toBe(4800);
  });
});

describe('property: random stock operations', () => {
  it('never leave the ledger sum different from stock_balances, nor below zero with negative stock off', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const items = [await stockItem(s), await stockItem(s, { valuationMethod: 'fifo' })];
    const whs = [w.store, w.backroom];
    const opArb = fc.record({ kind: fc.constantFrom('in', 'out', 'move', 'cancel'), item: fc.nat(1), wh: fc.nat(1), qty: fc.integer({ min: 1, max: 20 }), rate: fc.integer({ min: 1, max: 2000 }) });
    const docs: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 6 }), async (ops) => {
        for (const o of ops) {
          const item = items[o.item].id as string;
          const p =
            o.kind === 'in' ? receiveStock(s, item, whs[o.wh], String(o.qty), (o.rate / 100).toFixed(2))
            : o.kind === 'out' ? issueStock(s, item, whs[o.wh], String(o.qty))
            : o.kind === 'move' ? submitted(s, 'StockEntry', { purpose: 'material_transfer', postingDate: '2026-03-03', fromWarehouse: whs[o.wh], toWarehouse: whs[1 - o.wh], items: [{ item, qty: String(o.qty) }] })
            : docs.length ? cancelDoc(s, 'StockEntry', docs.splice(o.rate % docs.length, 1)[0]) : Promise.resolve(null);
          try {
            const d = await p;
            if (d && o.kind !== 'cancel') docs.push(d.id);
          } catch (e) {
            expect(['error.insufficient_stock', 'error.insufficient_stock_on_date', 'error.stock_consumed']).toContain((e as DomainError).code);
          }
        }
        expect(await verifyStock(s)).toEqual([]);
        const bals = await s.db.t('stock_balances').toArray();
        expect(bals.every((b) => !String(b.qty).startsWith('-'))).toBe(true);
        expect(await stockAccountBalance(s)).toBe(bals.reduce((a, b) => a + (b.value as number), 0));
      }),
      { numRuns: 12 },
    );
  }, 120000);
});
