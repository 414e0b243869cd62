/**
 * Selling screens of the stock module: the currency panel (foreign documents) and the invoicing
 * panel under sales order and delivery note forms, and the printable picking list (a hidden page, opened by a header action of those forms).
 */
import { IconListCheck } from '@tabler/icons-react';
import type { BaseRecord, Session } from '../../shared/api';
import { registerPage } from '../pages/registry';
import { registerFormPanel } from '../doc/form-panels';
import { registerFormAction } from '../doc/form-actions';
import { SellingPanel } from './SellingPanel';
import { PickingListPage } from './PickingListPage';
import { CurrencyPanel } from './CurrencyPanel';

// a foreign-currency document: its totals in the document and the base currency, then invoicing
registerFormPanel('SalesOrder', CurrencyPanel);
registerFormPanel('DeliveryNote', CurrencyPanel);
registerFormPanel('SalesOrder', SellingPanel);
registerFormPanel('DeliveryNote', SellingPanel);
registerPage({ id: 'stock.picking', module: 'selling', labelKey: 'stock.page.picking', right: ['DeliveryNote', 'read'], component: PickingListPage, order: 40, hidden: true });

/** A delivery note (draft or submitted, not a return) or a submitted order has a picking list. */
const pickable = (docType: 'SalesOrder' | 'DeliveryNote') => (s: Session, rec: BaseRecord) =>
  s.can(docType, 'read') && !rec.isReturn && rec.status !== 'cancelled' && (docType === 'DeliveryNote' || rec.status === 'submitted');
for (const docType of ['SalesOrder', 'DeliveryNote'] as const) {
  registerFormAction(docType, { id: 'picking-list', labelKey: 'stock.sell.picking', icon: IconListCheck, visible: pickable(docType), route: (rec) => ({ name: 'page', page: 'stock.picking', params: { docType, id: rec.id } }) });
}
