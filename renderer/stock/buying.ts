/**
 * Buying and analytics screens of issue #4 (imported once by ./index.ts): supplier quotation
 * comparison, purchase / sales analytics, stock settings (automatic reorder), the "make purchase
 * order" panel of a supplier quotation, the currency panel of foreign purchase orders / receipts, item images on the item form and item thumbnails in
 * lists and type-aheads.
 */
import { registerPage } from '../pages/registry';
import { registerFormPanel } from '../doc/form-panels';
import { registerThumbnails } from '../doc/record-thumbs';
import { itemThumbnails } from '../../shared/stock';
import { PurchaseAnalyticsPage, SalesAnalyticsPage } from './AnalyticsPage';
import { QuotationComparePage } from './QuotationComparePage';
import { QuotationPanel } from './QuotationPanel';
import { ItemImagesPanel } from './ItemImagesPanel';
import { StockSettingsPage } from './StockSettingsPage';
import { CurrencyPanel } from './CurrencyPanel';

registerPage({ id: 'buying.compare', module: 'purchasing', labelKey: 'buying.page.compare', right: ['SupplierQuotation', 'read'], component: QuotationComparePage, order: 10 });
registerPage({ id: 'buying.purchase-analytics', module: 'purchasing', labelKey: 'analytics.page.purchase', right: ['PurchaseReceipt', 'read'], component: PurchaseAnalyticsPage, order: 20 });
registerPage({ id: 'buying.sales-analytics', module: 'selling', labelKey: 'analytics.page.sales', right: ['DeliveryNote', 'read'], component: SalesAnalyticsPage, order: 20 });
registerPage({ id: 'stock.settings', module: 'stock', labelKey: 'stock_settings.title', right: ['Settings', 'admin'], component: StockSettingsPage, order: 90 });

registerFormPanel('SupplierQuotation', QuotationPanel);
// a foreign-currency purchase order / receipt: totals in the document and the base currency
registerFormPanel('PurchaseOrder', CurrencyPanel);
registerFormPanel('PurchaseReceipt', CurrencyPanel);
registerFormPanel('Item', ItemImagesPanel);
registerThumbnails('Item', itemThumbnails);
