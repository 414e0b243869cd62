/**
 * Automatic reorder drafts (settings.stock.autoReorder): a movement leaving the projected
 * quantity at or below the reorder level makes ONE draft purchase order per default supplier in
 * the movement's own transaction, later movements extend that draft instead of making another,
 * nothing happens with the setting off, items without a supplier are named in a notification,
 * and a refused movement leaves neither draft nor notice.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { warehouses, stockItem, submitted, receiveStock, issueStock, code } from '../fixtures/stock';
import { createDoc, createUser, login, submitDoc, updateDoc, updateSettings, type Session, type BaseRecord } from '../../shared/api';
import { markNotificationRead } from '../../shared/kernel/notifications.service';
import { stockSettings, updateStockSettings } from '../../shared/stock';

type Line = { item: string; qty: string; uom: string; warehouse: string; rate: number; stockQty: string };

async function drafts(s: Session): Promise<BaseRecord[]> {
  return (await s.db.t<BaseRecord>('purchase_orders').toArray()).filter((p) => !p.deleted && p.status === 'draft');
}

async function notes(s: Session, kind?: string) {
  const all = (await s.db.t<{ kind: string; messageKey: string; params: Record<string, unknown>; at: string }>('notifications').toArray()).sort((a, b) => (a.at < b.at ? -1 : 1));
  return kind ? all.filter((n) => n.kind === kind) : all;
}

async function setup(autoReorder: boolean) {
  const { env, s } = await newCompany();
  if (autoReorder) await updateStockSettings(s, { autoReorder: true });
  const w = await warehouses(s);
  const sup = await createDoc(s, 'Supplier', { supplierName: 'Ningbo Packaging' });
  return { env, s, w, sup };
}

describe('automatic reorder drafts', () => {
  it('is off by default: a movement below the level only raises the low-stock notice', async () => {
    const { s, w, sup } = await setup(false);
    expect(stockSettings(s.settings).autoReorder).toBe(false);
    const a = await stockItem(s, { defaultSupplier: sup.id, reorderLevels: [{ warehouse: w.store, level: '10', qty: '50' }] });
    await receiveStock(s, a.id, w.store, '12', '1.00');
    await issueStock(s, a.id, w.store, '4');
    expect(await s.db.t('purchase_orders').count()).toBe(0);
    expect((await notes(s)).map((n) => n.kind)).toEqual(['low_stock']);
  });

  it('below the level creates one draft for the default supplier in the same transaction, with the reorder quantity', async () => {
    const { s, w, sup } = await setup(true);
    const a = await stockItem(s, { defaultSupplier: sup.id, purchasePrice: '4.20', reorderLevels: [{ warehouse: w.store, level: '10', qty: '50' }] });
    await receiveStock(s, a.id, w.store, '12', '1.00');
    expect(await s.db.t('purchase_orders').count()).toBe(0); // a receipt never triggers
    const issue = await issueStock(s, a.id, w.store, '4');
    const d = await drafts(s);
    expect(d.length).toBe(1);
    expect(d[0]).toMatchObject({ supplier: sup.id, autoReorder: true, status: 'draft', transactionDate: s.localDate(), netTotal: 21000 });
    expect((d[0].items as Line[]).map((l) => [l.item, l.qty, l.warehouse, l.rate])).toEqual([[a.id, '50', w.store, 420]]);
    // written with the movement: the same audit moment, and named in a notification
    const audit = await s.db.t<{ docId: string; at: string; action: string }>('audit').where('[docType+docId]').equals(['PurchaseOrder', d[0].id]).toArray();
    const issueAudit = await s.db.t<{ docId: string; at: string; action: string }>('audit').where('[docType+docId]').equals(['StockEntry', issue.id]).toArray();
    expect(audit.map((x) => x.at)).toContain(issueAudit.find((x) => x.action === 'submit')!.at);
    const n = await notes(s, 'reorder_draft');
    expect(n.map((x) => [x.messageKey, x.params.number, x.params.supplier])).toEqual([['notice.reorder_draft_created', d[0].number, 'Ningbo Packaging']]);
  });

  it('a second movement adds to the same open draft instead of making a second; a submitted order stops it', async () => {
    const { s, w, sup } = await setup(true);
    const a = await stockItem(s, { defaultSupplier: sup.id, reorderLevels: [{ warehouse: w.store, level: '10', qty: '5' }] });
    const b = await stockItem(s, { defaultSupplier: sup.id, reorderLevels: [{ warehouse: w.store, level: '5', qty: '10' }] });
    await receiveStock(s, a.id, w.store, '12', '1.00');
    await receiveStock(s, b.id, w.store, '6', '1.00');
    await issueStock(s, a.id, w.store, '4'); // projected 8: need max(5, 2) = 5
    await issueStock(s, a.id, w.store, '3'); // projected 5: need 5, the line already has 5
    expect((await drafts(s)).map((p) => (p.items as Line[]).map((l) => l.qty))).toEqual([['5']]);
    await issueStock(s, a.id, w.store, '4'); // projected 1: need 9, the line is raised
    await issueStock(s, b.id, w.store, '2'); // another item of the same supplier: a new line on the same draft
    const d = await drafts(s);
    expect(d.length).toBe(1);
    expect((d[0].items as Line[]).map((l) => [l.item, l.qty])).toEqual([[a.id, '9'], [b.id, '10']]);
    expect((await notes(s, 'reorder_draft')).map((n) => n.messageKey)).toEqual(['notice.reorder_draft_created', 'notice.reorder_draft_extended', 'notice.reorder_draft_extended']);
    // a line the buyer raised by hand is never lowered
    await updateDoc(s, 'PurchaseOrder', d[0].id, { ...d[0], items: (d[0].items as Line[]).map((l) => (l.item === a.id ? { ...l, qty: '40' } : l)) });
    await receiveStock(s, a.id, w.store, '5', '1.00');
    await issueStock(s, a.id, w.store, '1'); // projected 5: need 5, the line keeps 40
    expect(((await drafts(s))[0].items as Line[]).map((l) => l.qty)).toEqual(['40', '10']);
    // submitted: the order counts as ordered, projected is above the level, nothing new
    await submitDoc(s, 'PurchaseOrder', d[0].id);
    await issueStock(s, a.id, w.store, '1');
    expect(await drafts(s)).toEqual([]);
  });

  it('a draft the buyer took over (automatic reorder unticked) is left alone: a new automatic draft is made', async () => {
    const { s, w, sup } = await setup(true);
    const a = await stockItem(s, { defaultSupplier: sup.id, reorderLevels: [{ warehouse: w.store, level: '10', qty: '20' }] });
    await receiveStock(s, a.id, w.store, '12', '1.00');
    await issueStock(s, a.id, w.store, '4');
    const [mine] = await drafts(s);
    await updateDoc(s, 'PurchaseOrder', mine.id, { ...mine, autoReorder: false });
    await issueStock(s, a.id, w.store, '1');
    const d = await drafts(s);
    expect(d.map((p) => [p.id === mine.id, p.autoReorder])).toEqual([[true, false], [false, true]]);
  });

  it('items without a default supplier are listed in a notification instead, once while it is unread', async () => {
    const { s, w, sup } = await setup(true);
    const lone = await stockItem(s, { itemName: 'Loose tea', reorderLevels: [{ warehouse: w.store, level: '10', qty: '30' }] });
    const ok = await stockItem(s, { defaultSupplier: sup.id, reorderLevels: [{ warehouse: w.store, level: '10', qty: '30' }] });
    await receiveStock(s, lone.id, w.store, '12', '1.00');
    await receiveStock(s, ok.id, w.store, '12', '1.00');
    await submitted(s, 'StockEntry', { purpose: 'material_issue', postingDate: '2026-03-02', fromWarehouse: w.store, items: [{ item: lone.id, qty: '5' }, { item: ok.id, qty: '5' }] });
    const d = await drafts(s);
    expect(d.map((p) => (p.items as Line[]).map((l) => l.item))).toEqual([[ok.id]]);
    const n = await notes(s, 'reorder_no_supplier');
    expect(n.length).toBe(1);
    expect(n[0].messageKey).toBe('notice.reorder_no_supplier');
    expect(String(n[0].params.items)).toBe(`${lone.itemCode} Loose tea (Shanghai Store) × 30`);
    await issueStock(s, lone.id, w.store, '1');
    expect((await notes(s, 'reorder_no_supplier')).length).toBe(1);
    await markNotificationRead(s);
    await issueStock(s, lone.id, w.store, '1');
    expect((await notes(s, 'reorder_no_supplier')).length).toBe(2);
  });

  it('a refused movement leaves no draft and no notice; a warehouse clerk without order rights still triggers the draft', async () => {
    const { env, s, w, sup } = await setup(true);
    const a = await stockItem(s, { defaultSupplier: sup.id, reorderLevels: [{ warehouse: w.store, level: '10', qty: '50' }] });
    await receiveStock(s, a.id, w.store, '12', '1.00');
    const stock = s.settings.stock as Record<string, unknown>;
    // the issue posts its stock (the hook writes the draft and notices), THEN its GL posting fails:
    // the whole transaction is undone, draft and notices included
    await updateSettings(s, { stock: { ...stock, adjustmentAccount: '' } });
    const before = { notes: await s.db.t('notifications').count(), outbox: await s.db.t('outbox').count(), audit: await s.db.t('audit').count() };
    const bad = await createDoc(s, 'StockEntry', { purpose: 'material_issue', postingDate: '2026-03-02', fromWarehouse: w.store, items: [{ item: a.id, qty: '5' }] });
    const after = { outbox: await s.db.t('outbox').count(), audit: await s.db.t('audit').count() };
    expect(await code(submitDoc(s, 'StockEntry', bad.id))).toBe('error.default_account_missing');
    expect(await s.db.t('purchase_orders').count()).toBe(0);
    expect(await s.db.t('notifications').count()).toBe(before.notes);
    expect({ outbox: await s.db.t('outbox').count(), audit: await s.db.t('audit').count() }).toEqual(after);
    await updateSettings(s, { stock });

    await createUser(s, { username: 'wang', password: 'warehouse-pass-1', roleIds: ['role-warehouse'] }, 1000);
    const clerk = await login(env, s.company.id, 'wang', 'warehouse-pass-1');
    expect(clerk.can('PurchaseOrder', 'create')).toBe(false);
    await issueStock(clerk, a.id, w.store, '4');
    const d = await drafts(s);
    expect(d.map((p) => [p.supplier, p.createdBy])).toEqual([[sup.id, clerk.user.id]]);
  });

  it('stock settings are checked before they are saved', async () => {
    const { s } = await newCompany();
    expect(await code(updateStockSettings(s, { overReceiptPercent: '-1' }))).toBe('error.not_a_number');
    expect(await code(updateStockSettings(s, { valuationMethod: 'lifo' as never }))).toBe('error.option_invalid');
    expect(await code(updateStockSettings(s, { autoReorder: 'yes' as never }))).toBe('error.not_boolean');
    expect(stockSettings(s.settings)).toMatchObject({ overReceiptPercent: '0', valuationMethod: 'moving_average', autoReorder: false });
    const after = await updateStockSettings(s, { overReceiptPercent: '12.50', valuationMethod: 'fifo', autoReorder: true });
    expect(after).toMatchObject({ overReceiptPercent: '12.5', valuationMethod: 'fifo', autoReorder: true });
    expect(after.grniAccount).not.toBe('');
  });
});
