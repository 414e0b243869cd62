/** Stock module pages: stock balance report and reorder suggestions. */
import { registerPage } from '../pages/registry';
import { StockBalancePage } from './StockBalancePage';
import { ReorderPage } from './ReorderPage';

registerPage({ id: 'stock.balance', module: 'stock', labelKey: 'stock.page.balance', right: ['Warehouse', 'read'], component: StockBalancePage, order: 10 });
registerPage({ id: 'stock.reorder', module: 'stock', labelKey: 'stock.page.reorder', right: ['PurchaseOrder', 'read'], component: ReorderPage, order: 20 });
