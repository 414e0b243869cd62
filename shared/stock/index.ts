/**
 * Stock module (with purchasing and selling): warehouses, the stock ledger and balances,
 * stock entries and counts, purchase orders and receipts, sales orders and delivery notes,
 * reorder suggestions and stock reports. Registers its document types, tables and company hook
 * when imported (shared/modules.ts). See docs/stock.md.
 */
import './stock.messages';
import './quality.messages';
import './traceability.messages';
import './batch-serial.sync';
import './stock.integrity';
import { registerDocType, registerModule, registerTable } from '../kernel/registry';
import { registerCompanyHook } from '../kernel/hooks';
import { Warehouse, StockEntry, StockCount } from './stock.doctypes';
import { PurchaseOrder, PurchaseReceipt } from './purchasing.doctypes';
import { SalesOrder, DeliveryNote } from './selling.doctypes';
import { stockEntryBehaviour, stockCountBehaviour } from './stock-entry.behaviour';
import { purchaseOrderBehaviour, purchaseReceiptBehaviour } from './purchasing.behaviour';
import { salesOrderBehaviour, deliveryNoteBehaviour } from './selling.behaviour';
import { SLE_TABLE, BAL_TABLE } from './stock-ledger';
import { PROGRESS_TABLE, RES_TABLE } from './order-progress';
import { installStock, STOCK_SETUP_TABLES } from './stock.setup';
import { seedStockDemo } from './stock.demo';
import { InspectionTemplate, QualityInspection } from './quality.doctypes';
import { qualityInspectionBehaviour } from './quality.behaviour';
import { BATCH_TABLE, SERIAL_TABLE } from './batch-serial';
import { registerSellingExtras } from './selling-extras';
import { registerLandedCosts } from './landed-cost';

registerModule({ id: 'stock', order: 30, icon: 'building-warehouse' });
registerModule({ id: 'purchasing', order: 31, icon: 'shopping-cart' });
registerModule({ id: 'selling', order: 32, icon: 'truck' });

registerDocType(Warehouse);
registerDocType(StockEntry, stockEntryBehaviour);
registerDocType(StockCount, stockCountBehaviour);
registerDocType(PurchaseOrder, purchaseOrderBehaviour);
registerDocType(PurchaseReceipt, purchaseReceiptBehaviour);
registerDocType(SalesOrder, salesOrderBehaviour);
registerDocType(DeliveryNote, deliveryNoteBehaviour);
registerDocType(InspectionTemplate);
registerDocType(QualityInspection, qualityInspectionBehaviour);

/** Stock ledger: append-only, replicated (union by id); `batch` / `*serials` indexes serve traceability (./traceability.ts). */
registerTable(SLE_TABLE, { schema: 'id, [item+warehouse+seq], [item+postingDate], [warehouse+postingDate], voucherId, postingDate, batch, *serials, againstVoucher', appendOnly: true });
/** Per item x warehouse qty / value / FIFO queue; derived, never replicated. */
registerTable(BAL_TABLE, { schema: '&key, item, warehouse', derived: true });
/** Open quantities of order lines (received / delivered / returned); derived. */
registerTable(PROGRESS_TABLE, { schema: '&key, docId', derived: true });
/** Reserved (sales orders) and ordered (purchase orders) quantity per item x warehouse; derived. */
registerTable(RES_TABLE, { schema: '&key, item, warehouse', derived: true });
/** Quantity per item x warehouse x batch, with the batch's expiry; derived from the ledger. */
registerTable(BATCH_TABLE, { schema: '&key, item, [item+warehouse], batch, [item+batch]', derived: true });
/** Where each serial number is and whether it is in stock; derived from the ledger. */
registerTable(SERIAL_TABLE, { schema: '&key, item, warehouse, serial, [item+warehouse]', derived: true });

// price lists, invoicing from orders / deliveries: wraps the selling and SalesInvoice behaviours above
registerSellingExtras();
// landed costs and valuation reposts; wraps the PurchaseReceipt behaviour above
registerLandedCosts();

registerCompanyHook({
  module: 'stock',
  order: 30,
  tables: STOCK_SETUP_TABLES,
  async onCreate(ctx, opts) {
    await installStock(ctx, opts);
  },
  seedDemo: seedStockDemo,
});

export { Warehouse, StockEntry, StockCount, PurchaseOrder, PurchaseReceipt, SalesOrder, DeliveryNote, InspectionTemplate, QualityInspection };
export * from './stock.doctypes';
export * from './purchasing.doctypes';
export * from './selling.doctypes';
export * from './valuation';
export * from './uom';
export * from './stock.settings';
export * from './stock-gl.posting';
export { postStock, reverseStock, verifyStock, stockBalance, balanceKey, SLE_TABLE, BAL_TABLE, LEDGER_TABLES, type StockLedgerRow, type StockBalance, type StockMove, type StockVoucher, type StockDifference } from './stock-ledger';
export { orderProgress, reservation, PROGRESS_TABLE, RES_TABLE, type OrderProgress, type Reservation } from './order-progress';
export * from './reorder.service';
export * from './stock.reports';
export * from './stock.service';
export * from './quality.doctypes';
export { readingOutOfRange, QI_TABLE } from './quality.behaviour';
export * from './batch-serial';
export * from './traceability';
export { installWarehouses } from './stock.setup';
export * from './selling-extras';
export * from './buying';
export * from './landed-cost';
