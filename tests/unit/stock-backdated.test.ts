/**
 * Back-dated stock postings: an issue dated D must find the stock at the end of D AND at every
 * later date (the refusal names item, warehouse, date and what was available then); a back-dated
 * posting flags the item for reposting; the valuation repost replays the ledger in
 * (postingDate, seq) order and posts ONE adjusting voucher so the balance ends as the replay
 * says — moving average and FIFO worked examples; a second run posts nothing; the ledger still
 * sums to the balance table and to the stock account. Values are minor units: 5.00 = 500.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { newCompany } from '../fixtures/company';
import { warehouses, stockItem, submitted, receiveStock, issueStock, code } from '../fixtures/stock';
import { createDoc, submitDoc, cancelDoc, DomainError, type Session } from '../../shared/api';
import { verifyStock, stockBalance, stockAccount, previewRepost, repostValuation, SLE_TABLE, type StockBalance } from '../../shared/stock';
import { accountBalance, verifyBalances } from '../../shared/books';

async function agrees(s: Session): Promise<number> {
  expect(await verifyStock(s)).toEqual([]);
  expect(await verifyBalances(s)).toEqual([]);
  const total = (await s.db.t<StockBalance>('stock_balances').toArray()).reduce((a, b) => a + b.value, 0);
  expect(await accountBalance(s, stockAccount(s.settings, 'inventory'))).toBe(total);
  return total;
}

async function counts(s: Session): Promise<number[]> {
  return [await s.db.t(SLE_TABLE).count(), await s.db.t('gl_entries').count(), await s.db.t('notifications').count(), await s.db.outbox.count()];
}

async function repostNotices(s: Session) {
  return (await s.db.t<{ kind: string; params: Record<string, unknown> }>('notifications').toArray()).filter((n) => n.kind === 'repost_needed').map((n) => n.params.date);
}

describe('back-dated issues and the negative-stock check', () => {
  it('refuses an issue that the stock on its date cannot cover, naming item, warehouse, date and what was there', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const it = await stockItem(s, { itemName: 'Green tea' });
    await receiveStock(s, it.id, w.store, '10', '5.00', '2026-03-01');
    await receiveStock(s, it.id, w.store, '10', '5.00', '2026-03-10');
    await issueStock(s, it.id, w.store, '5', '2026-03-12'); // 15 on hand today
    const draft = await createDoc(s, 'StockEntry', { purpose: 'material_issue', postingDate: '2026-03-05', fromWarehouse: w.store, items: [{ item: it.id, qty: '12' }] });
    const before = await counts(s);
    const err = (await submitDoc(s, 'StockEntry', draft.id).catch((e) => e)) as DomainError;
    expect(err.code).toBe('error.insufficient_stock_on_date');
    expect(err.params).toMatchObject({ item: `${it.itemCode} Green tea`, warehouse: 'Shanghai Store', date: '2026-03-05', available: '10', needed: '12' });
    expect(err.issues[0].row).toBe(0);
    expect(await counts(s)).toEqual(before);
  });

  it('looks at every later date: stock issued since counts; allowed when it was there all along', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const it = await stockItem(s);
    const r1 = await receiveStock(s, it.id, w.store, '10', '5.00', '2026-03-01');
    await issueStock(s, it.id, w.store, '8', '2026-03-10');
    await receiveStock(s, it.id, w.store, '20', '5.00', '2026-03-15'); // 22 on hand today
    const err = (await issueStock(s, it.id, w.store, '5', '2026-03-05').catch((e) => e)) as DomainError;
    expect(err.code).toBe('error.insufficient_stock_on_date');
    expect(err.params).toMatchObject({ date: '2026-03-10', available: '2', needed: '5' });
    // cancelling the first receipt would leave 03-10 short as well
    const c = (await cancelDoc(s, 'StockEntry', r1.id).catch((e) => e)) as DomainError;
    expect(c.code).toBe('error.stock_consumed');
    expect(c.params).toMatchObject({ qty: '8', available: '2' });
    // 2 were there on 03-05 and the 03-10 issue still finds its 8
    await issueStock(s, it.id, w.store, '2', '2026-03-05');
    expect((await stockBalance(s, it.id, w.store)).qty).toBe('20');
    // the back-dated issue flags the item for reposting from its date, once while unread
    expect(await repostNotices(s)).toEqual(['2026-03-05']);
    await receiveStock(s, it.id, w.store, '1', '5.00', '2026-03-06');
    expect(await repostNotices(s)).toEqual(['2026-03-05']);
    await agrees(s);
  });
});

describe('valuation repost', () => {
  it('moving average: a back-dated receipt at a higher rate revalues the later issue; a second run posts nothing', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const it = await stockItem(s);
    await receiveStock(s, it.id, w.store, '10', '5.00', '2026-03-01');
    const iss = await issueStock(s, it.id, w.store, '5', '2026-03-10');
    expect(iss.totalAmount).toBe(2500);
    await receiveStock(s, it.id, w.store, '10', '8.00', '2026-03-05'); // back-dated
    expect(await repostNotices(s)).toEqual(['2026-03-05']);
    expect(await stockBalance(s, it.id, w.store)).toEqual({ qty: '15', value: 10500, valuationRate: '700' });
    // replay: 10 @ 5.00, + 10 @ 8.00 on 03-05 = 20 @ 6.50; the 03-10 issue of 5 should have been 32.50
    const p = await previewRepost(s, { item: it.id, warehouse: w.store, fromDate: '2026-03-05' });
    expect(p.lines.map((l) => [l.voucherNumber, l.rowDate, l.posted, l.expected, l.difference, l.counter])).toEqual([[iss.number, '2026-03-10', -2500, -3250, -750, 'adjustment']]);
    expect([p.total, p.currentValue, p.finalValue]).toEqual([-750, 10500, 9750]);
    const adjBefore = await accountBalance(s, stockAccount(s.settings, 'adjustment'));
    const doc = (await repostValuation(s, { item: it.id, warehouse: w.store, fromDate: '2026-03-05', postingDate: '2026-03-31' }))!;
    expect([doc.status, doc.totalDifference, (doc.lines as unknown[]).length]).toEqual(['submitted', -750, 1]);
    const rows = await s.db.t(SLE_TABLE).where('voucherId').equals(doc.id).toArray();
    expect(rows.map((r) => [r.qty, r.value, r.postingDate, r.adjusts])).toEqual([['0', -750, '2026-03-31', (await s.db.t(SLE_TABLE).where('voucherId').equals(iss.id).first())!.id]]);
    expect(await stockBalance(s, it.id, w.store)).toEqual({ qty: '15', value: 9750, valuationRate: '650' });
    expect(await accountBalance(s, stockAccount(s.settings, 'adjustment'))).toBe(adjBefore + 750);
    expect(await agrees(s)).toBe(9750);
    // idempotent
    const n = await counts(s);
    expect((await previewRepost(s, { item: it.id, warehouse: w.store, fromDate: '2026-03-01' })).lines).toEqual([]);
    expect(await repostValuation(s, { item: it.id, warehouse: w.store, fromDate: '2026-03-05' })).toBeNull();
    expect(await counts(s)).toEqual(n);
    // a repost is corrected by another repost, never cancelled
    expect(await code(cancelDoc(s, 'StockRepost', doc.id))).toBe('error.repost_not_cancellable');
    // the next issue goes on at the corrected rate
    expect((await issueStock(s, it.id, w.store, '3', '2026-04-01')).totalAmount).toBe(1950);
    await agrees(s);
  });

  it('FIFO: a back-dated older receipt changes which layer a delivery took; cost of goods sold is corrected', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const it = await stockItem(s, { valuationMethod: 'fifo' });
    const cus = await createDoc(s, 'Customer', { customerName: 'Hengda Trading' });
    await receiveStock(s, it.id, w.store, '10', '5.00', '2026-03-01');
    const dn = await submitted(s, 'DeliveryNote', { customer: cus.id, postingDate: '2026-03-10', items: [{ item: it.id, qty: '4' }] });
    await receiveStock(s, it.id, w.store, '10', '6.00', '2026-03-12');
    await receiveStock(s, it.id, w.store, '5', '4.00', '2026-02-20'); // back-dated: the oldest layer
    expect(await stockBalance(s, it.id, w.store)).toEqual({ qty: '21', value: 11000, valuationRate: '523.809524' });
    const cogs = stockAccount(s.settings, 'costOfGoodsSold');
    const cogsBefore = await accountBalance(s, cogs);
    expect(cogsBefore).toBe(2000);
    // replayed, the delivery of 4 takes 4 @ 4.00 = 16.00 instead of 20.00
    const p = await previewRepost(s, { item: it.id, warehouse: w.store, fromDate: '2026-02-20' });
    expect(p.method).toBe('fifo');
    expect(p.lines.map((l) => [l.voucherNumber, l.posted, l.expected, l.difference, l.counter])).toEqual([[dn.number, -2000, -1600, 400, 'costOfGoodsSold']]);
    const doc = (await repostValuation(s, { item: it.id, warehouse: w.store, fromDate: '2026-02-20', postingDate: '2026-03-31' }))!;
    expect(doc.totalDifference).toBe(400);
    const bal = (await s.db.t<StockBalance>('stock_balances').get(`${it.id}|${w.store}`))!;
    expect(bal.queue.map((l) => [l.qty, l.value, l.date])).toEqual([['1', 400, '2026-02-20'], ['10', 5000, '2026-03-01'], ['10', 6000, '2026-03-12']]);
    expect(await accountBalance(s, cogs)).toBe(1600);
    expect(await agrees(s)).toBe(11400);
    expect(await repostValuation(s, { item: it.id, warehouse: w.store, fromDate: '2026-02-20' })).toBeNull();
    // the next issue takes the rest of the oldest layer, then the 5.00 one
    expect((await issueStock(s, it.id, w.store, '2', '2026-04-01')).totalAmount).toBe(900);
    await agrees(s);
  });

  it('a cancelled back-dated issue and a second back-dated receipt: repost again corrects on top of the first', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const it = await stockItem(s);
    await receiveStock(s, it.id, w.store, '10', '5.00', '2026-03-01');
    const late = await issueStock(s, it.id, w.store, '4', '2026-03-20');
    const early = await issueStock(s, it.id, w.store, '2', '2026-03-05'); // back-dated issue
    await receiveStock(s, it.id, w.store, '4', '11.00', '2026-03-02'); // back-dated receipt
    const first = (await repostValuation(s, { item: it.id, warehouse: w.store, fromDate: '2026-03-02', postingDate: '2026-03-31' }))!;
    // replay: 10 @ 5 + 4 @ 11 = 94.00 / 14; issue 2 -> 13.43; 12 left 80.57; issue 4 -> 26.86
    expect((first.lines as { voucherNumber: string; expected: number }[]).map((l) => [l.voucherNumber, l.expected])).toEqual([[early.number, -1343], [late.number, -2686]]);
    await agrees(s);
    // cancelling the early issue: its reversal gives back what it was posted with; the repost fixes the rest
    await cancelDoc(s, 'StockEntry', early.id);
    const second = (await repostValuation(s, { item: it.id, warehouse: w.store, fromDate: '2026-03-02', postingDate: '2026-03-31' }))!;
    expect(second).not.toBeNull();
    // replay now: 14 @ 94.00, issue 4 on 03-20 -> 26.86; 10 left worth 67.14
    expect(await stockBalance(s, it.id, w.store)).toEqual({ qty: '10', value: 6714, valuationRate: '671.4' });
    expect(await repostValuation(s, { item: it.id, warehouse: w.store, fromDate: '2026-03-01' })).toBeNull();
    expect(await agrees(s)).toBe(6714);
  });
});

describe('property: random back-dated operations, then a repost', () => {
  it('keeps ledger = balances = stock account, never negative on any date, and a second repost posts nothing', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const items = [await stockItem(s), await stockItem(s, { valuationMethod: 'fifo' })];
    const opArb = fc.record({ kind: fc.constantFrom('in', 'in', 'out', 'cancel'), item: fc.nat(1), day: fc.integer({ min: 1, max: 28 }), qty: fc.integer({ min: 1, max: 12 }), rate: fc.integer({ min: 1, max: 2000 }) });
    const docs: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 6 }), async (ops) => {
        for (const o of ops) {
          const item = items[o.item].id as string;
          const date = `2026-03-${String(o.day).padStart(2, '0')}`;
          const p =
            o.kind === 'in' ? receiveStock(s, item, w.store, String(o.qty), (o.rate / 100).toFixed(2), date)
            : o.kind === 'out' ? issueStock(s, item, w.store, String(o.qty), date)
            : docs.length ? cancelDoc(s, 'StockEntry', docs.splice(o.rate % docs.length, 1)[0]) : Promise.resolve(null);
          try {
            const d = await p;
            if (d && o.kind !== 'cancel') docs.push(d.id);
          } catch (e) {
            expect(['error.insufficient_stock', 'error.insufficient_stock_on_date', 'error.stock_consumed']).toContain((e as DomainError).code);
          }
        }
        for (const it of items) {
          // never below zero at the end of any day
          const rows = (await s.db.t<{ qty: string; postingDate: string; warehouse: string }>(SLE_TABLE).where('[item+postingDate]').between([it.id, ''], [it.id, '\uffff']).toArray()).filter((r) => r.warehouse === w.store);
          let run = 0;
          const byDay = new Map<string, number>();
          for (const r of rows) byDay.set(r.postingDate, (byDay.get(r.postingDate) ?? 0) + Number(r.qty));
          for (const d of [...byDay.keys()].sort()) {
            run += byDay.get(d)!;
            expect(run).toBeGreaterThanOrEqual(0);
          }
          await repostValuation(s, { item: it.id as string, warehouse: w.store, fromDate: '2026-03-01', postingDate: '2026-03-31' });
          expect((await previewRepost(s, { item: it.id as string, warehouse: w.store, fromDate: '2026-03-01' })).lines).toEqual([]);
        }
        await agrees(s);
      }),
      { numRuns: 8 },
    );
  }, 180000);
});
