/**
 * Landed costs and valuation reposts (imported once by ./index.ts): the landed-cost panel under a
 * purchase receipt's form ("Add landed cost") and the Repost valuation page (also reached from
 * the stock ledger with the item).
 */
import { registerPage } from '../pages/registry';
import { registerFormPanel } from '../doc/form-panels';
import { LandedCostPanel } from './LandedCostPanel';
import { RepostPage } from './RepostPage';

registerPage({ id: 'stock.repost', module: 'stock', labelKey: 'stock.page.repost', right: ['StockRepost', 'read'], component: RepostPage, order: 18 });
registerFormPanel('PurchaseReceipt', LandedCostPanel);
