/**
 * Demo stock for a demo company, entered through the services as a user would: reorder levels
 * and a default supplier on two items, a purchase order received in two parts, a transfer from
 * the store to the backroom, and a sales order delivered in part and the delivery invoiced.
 * Runs after masters and books.
 */
import type { Session } from '../kernel/session';
import type { CompanySetupOptions } from '../kernel/hooks';
import type { BaseRecord } from '../kernel/doctype';
import { createDoc, listDocs, submitDoc, updateDoc } from '../kernel/docs.service';
import { makeDeliveryFromOrder, makeReceiptFromOrder } from './stock.service';
import { makeSalesInvoiceFrom } from './invoice-from';

export async function seedStockDemo(s: Session, _opts: CompanySetupOptions): Promise<void> {
  const items = new Map((await listDocs(s, 'Item', { limit: 100 })).rows.map((i) => [i.itemCode as string, i]));
  const suppliers = (await listDocs(s, 'Supplier', { sort: 'number', dir: 'asc', limit: 5 })).rows.filter((x) => !x.currency);
  const customers = (await listDocs(s, 'Customer', { sort: 'number', dir: 'asc', limit: 5 })).rows.filter((x) => !x.currency);
  const whs = (await s.db.t<BaseRecord>('warehouses').where('branch').equals(s.branchId).toArray()).filter((w) => !w.isGroup);
  const store = whs.find((w) => w.warehouseType === 'store');
  const back = whs.find((w) => w.warehouseType === 'backroom');
  const tea = items.get('TEA-001');
  const cup = items.get('CUP-010');
  if (!store || !back || !tea || !cup || !suppliers.length || !customers.length) return;
  const today = s.localDate();
  const first = `${today.slice(0, 7)}-01`;
  for (const it of [tea, cup]) {
    await updateDoc(s, 'Item', it.id, { ...it, defaultSupplier: suppliers[0].id, reorderLevels: [{ warehouse: store.id, level: '20', qty: '100' }], uoms: it === tea ? [{ uom: 'carton', factor: '24' }] : [] });
  }
  const po = await createDoc(s, 'PurchaseOrder', { supplier: suppliers[0].id, transactionDate: first, warehouse: store.id, items: [{ item: tea.id, qty: '10', uom: 'carton' }, { item: cup.id, qty: '60' }] });
  await submitDoc(s, 'PurchaseOrder', po.id);
  const grn1 = await makeReceiptFromOrder(s, po.id, { postingDate: first });
  await updateDoc(s, 'PurchaseReceipt', grn1.id, { ...grn1, items: (grn1.items as Record<string, unknown>[]).map((l) => ({ ...l, qty: l.uom === 'carton' ? '6' : '40' })) });
  await submitDoc(s, 'PurchaseReceipt', grn1.id);
  const grn2 = await makeReceiptFromOrder(s, po.id, { postingDate: first });
  await submitDoc(s, 'PurchaseReceipt', grn2.id);
  const ste = await createDoc(s, 'StockEntry', { purpose: 'material_transfer', postingDate: first, fromWarehouse: store.id, toWarehouse: back.id, items: [{ item: tea.id, qty: '48' }] });
  await submitDoc(s, 'StockEntry', ste.id);
  const so = await createDoc(s, 'SalesOrder', { customer: customers[0].id, transactionDate: today, warehouse: store.id, items: [{ item: tea.id, qty: '120' }, { item: cup.id, qty: '30' }] });
  await submitDoc(s, 'SalesOrder', so.id);
  const dn = await makeDeliveryFromOrder(s, so.id, { postingDate: today });
  await updateDoc(s, 'DeliveryNote', dn.id, { ...dn, items: (dn.items as Record<string, unknown>[]).map((l) => ({ ...l, qty: l.item === tea.id ? '100' : '30' })) });
  await submitDoc(s, 'DeliveryNote', dn.id);
  // the delivered goods are invoiced from the delivery note (what the order still has open is not)
  const inv = await makeSalesInvoiceFrom(s, 'DeliveryNote', dn.id, { postingDate: today });
  await submitDoc(s, 'SalesInvoice', inv.id);
}
