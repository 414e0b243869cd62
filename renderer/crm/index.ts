/**
 * CRM module pages (hand-written screens): pipeline board, lead desk (qualify / convert /
 * reassign), quoting with live stock (submit, to sales order), quote approvals, duplicates
 * (scan + merge), my day, customer 360, dashboard (charts), lead capture, leads from pasted
 * e-mail addresses.
 */
import { IconFileDollar, IconFilter, IconTargetArrow, IconUserCircle } from '@tabler/icons-react';
import { registerPage } from '../pages/registry';
import { registerFormAction } from '../doc/form-actions';
import { PipelinePage } from './PipelinePage';
import { LeadsPage } from './LeadsPage';
import { QuotePage } from './QuotePage';
import { ApprovalsPage } from './ApprovalsPage';
import { DuplicatesPage } from './DuplicatesPage';
import { MyDayPage } from './MyDayPage';
import { Customer360Page } from './Customer360Page';
import { DashboardPage } from './DashboardPage';
import { CapturePage } from './CapturePage';
import { EmailLeadsPage } from './EmailLeadsPage';
import { SegmentsPage } from './SegmentsPage';

registerPage({ id: 'crm.pipeline', module: 'crm', labelKey: 'crm.page.pipeline', right: ['Opportunity', 'read'], component: PipelinePage, order: 10 });
registerPage({ id: 'crm.leads', module: 'crm', labelKey: 'crm.page.leads', right: ['Lead', 'read'], component: LeadsPage, order: 12 });
registerPage({ id: 'crm.quote', module: 'crm', labelKey: 'crm.page.quote', right: ['Quote', 'read'], component: QuotePage, order: 14 });
registerPage({ id: 'crm.approvals', module: 'crm', labelKey: 'crm.page.approvals', right: ['Quote', 'admin'], component: ApprovalsPage, order: 16 });
registerPage({ id: 'crm.my-day', module: 'crm', labelKey: 'crm.page.my_day', right: ['Activity', 'read'], component: MyDayPage, order: 20 });
registerPage({ id: 'crm.customer360', module: 'crm', labelKey: 'crm.page.customer360', right: ['Customer', 'read'], component: Customer360Page, order: 30 });
registerPage({ id: 'crm.dashboard', module: 'crm', labelKey: 'crm.page.dashboard', right: ['Opportunity', 'read'], component: DashboardPage, order: 40 });
registerPage({ id: 'crm.capture', module: 'crm', labelKey: 'crm.page.capture', right: ['Lead', 'create'], component: CapturePage, order: 50 });
registerPage({ id: 'crm.segments', module: 'crm', labelKey: 'crm.page.segments', right: ['Segment', 'read'], component: SegmentsPage, order: 55 });
registerPage({ id: 'crm.email-leads', module: 'crm', labelKey: 'crm.page.email_leads', right: ['Lead', 'create'], component: EmailLeadsPage, order: 52 });
// merging needs the manager right (mergeRecords checks it again)
registerPage({ id: 'crm.duplicates', module: 'crm', labelKey: 'crm.page.duplicates', right: ['Lead', 'admin'], component: DuplicatesPage, order: 60 });

// the generic forms of leads, quotes and customers lead to the CRM screens that act on them
registerFormAction('Lead', { id: 'lead-desk', labelKey: 'crm.page.leads', icon: IconTargetArrow, visible: (s) => s.can('Lead', 'read'), route: (rec) => ({ name: 'page', page: 'crm.leads', params: { id: rec.id } }) });
registerFormAction('Quote', { id: 'quoting', labelKey: 'crm.page.quote', icon: IconFileDollar, visible: (s) => s.can('Quote', 'read'), route: (rec) => ({ name: 'page', page: 'crm.quote', params: { id: rec.id } }) });
registerFormAction('Segment', { id: 'segment-members', labelKey: 'crm.segment.open', icon: IconFilter, route: (rec) => ({ name: 'page', page: 'crm.segments', params: { id: rec.id } }) });
registerFormAction('Customer', { id: 'customer360', labelKey: 'crm.page.customer360', icon: IconUserCircle, visible: (s) => s.can('Customer', 'read'), route: (rec) => ({ name: 'page', page: 'crm.customer360', params: { id: rec.id } }) });
