/** CRM module pages (hand-written screens): pipeline board, my day, customer 360, dashboard, lead capture. */
import { registerPage } from '../pages/registry';
import { PipelinePage } from './PipelinePage';
import { MyDayPage } from './MyDayPage';
import { Customer360Page } from './Customer360Page';
import { DashboardPage } from './DashboardPage';
import { CapturePage } from './CapturePage';

registerPage({ id: 'crm.pipeline', module: 'crm', labelKey: 'crm.page.pipeline', right: ['Opportunity', 'read'], component: PipelinePage, order: 10 });
registerPage({ id: 'crm.my-day', module: 'crm', labelKey: 'crm.page.my_day', right: ['Activity', 'read'], component: MyDayPage, order: 20 });
registerPage({ id: 'crm.customer360', module: 'crm', labelKey: 'crm.page.customer360', right: ['Customer', 'read'], component: Customer360Page, order: 30 });
registerPage({ id: 'crm.dashboard', module: 'crm', labelKey: 'crm.page.dashboard', right: ['Opportunity', 'read'], component: DashboardPage, order: 40 });
registerPage({ id: 'crm.capture', module: 'crm', labelKey: 'crm.page.capture', right: ['Lead', 'create'], component: CapturePage, order: 50 });
