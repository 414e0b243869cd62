/**
 * The buying and analytics additions of issue #4 in one place: supplier quotations (document
 * type, purchase order from a quotation, comparison), automatic reorder drafts (a stock-posting
 * hook, company setting `settings.stock.autoReorder`), the stock settings service, purchase and
 * sales analytics, and item images (attachments flagged by an `item_images` row with a
 * thumbnail). Imported once by ./index.ts (`export * from './buying'`). See docs/stock.md.
 */
import './buying.messages';
import { registerDocType } from '../kernel/registry';
import { SupplierQuotation } from './supplier-quotation.doctypes';
import { supplierQuotationBehaviour } from './supplier-quotation.service';
// side effects: the stock-posting hook and the item_images table are registered on import
import './auto-reorder';
import './item-images.service';

registerDocType(SupplierQuotation, supplierQuotationBehaviour);

export { SupplierQuotation };
export { SQ_TABLE, baseRate, makePurchaseOrderFromQuotation, purchaseOrdersOfQuotation, compareQuotations, type QuoteOffer, type QuoteComparison } from './supplier-quotation.service';
export { autoReorderHook, type AutoReorderResult } from './auto-reorder';
export { updateStockSettings, type StockSettingsPatch } from './stock-settings.service';
export { tradeAnalytics, tradeLines, aggregateTrade, monthsBetween, TRADE_DOCS, TRADE_SIDES, TRADE_SOURCES, TRADE_GROUPS, type TradeSide, type TradeSource, type TradeGroup, type TradeLine, type TradeRow, type TradeQuery, type TradeReport } from './analytics.service';
export { addItemImage, listItemImages, removeItemImage, itemThumbnails, sniffImage, isThumbnail, ITEM_IMAGES_TABLE, MAX_THUMBNAIL_CHARS, type ItemImage } from './item-images.service';
