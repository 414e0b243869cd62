/**
 * Administration pages that are module pages (sidebar group 'masters', like the sync pages:
 * 'system' is not a sidebar module): the data check.
 */
import { registerPage } from '../pages/registry';
import { DataCheckPage } from './DataCheckPage';

registerPage({ id: 'system.data-check', module: 'masters', labelKey: 'integrity.page', right: ['Settings', 'admin'], component: DataCheckPage, order: 950 });
