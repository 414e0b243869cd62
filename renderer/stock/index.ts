/** Stock module pages: stock balance (with the low-stock card), stock ledger, receive, deliver, serial / batch trace, reorder suggestions. */
import { registerPage } from '../pages/registry';
import { StockBalancePage } from './StockBalancePage';
import { ReorderPage } from './ReorderPage';
import { StockLedgerPage } from './StockLedgerPage';
import { ReceivePage, DeliverPage } from './OrderFulfilPage';
import { TraceabilityPage } from './TraceabilityPage';
import { TrackingPanel } from './TrackingPanel';
import { registerFormPanel } from '../doc/form-panels';
import './buying';
import './landed-cost';
import './selling';

registerPage({ id: 'stock.balance', module: 'stock', labelKey: 'stock.page.balance', right: ['Warehouse', 'read'], component: StockBalancePage, order: 10 });
registerPage({ id: 'stock.ledger', module: 'stock', labelKey: 'stock.page.ledger', right: ['Warehouse', 'read'], component: StockLedgerPage, order: 15 });
registerPage({ id: 'stock.receive', module: 'stock', labelKey: 'stock.page.receive', right: ['PurchaseReceipt', 'create'], component: ReceivePage, order: 16 });
registerPage({ id: 'stock.deliver', module: 'stock', labelKey: 'stock.page.deliver', right: ['DeliveryNote', 'create'], component: DeliverPage, order: 17 });
registerPage({ id: 'stock.trace', module: 'stock', labelKey: 'stock.page.trace', right: ['Warehouse', 'read'], component: TraceabilityPage, order: 18 });
registerFormPanel('StockEntry', TrackingPanel);
registerFormPanel('StockCount', TrackingPanel);
registerPage({ id: 'stock.reorder', module: 'stock', labelKey: 'stock.page.reorder', right: ['PurchaseOrder', 'read'], component: ReorderPage, order: 20 });
