/**
 * Head-office sync screens: settings (enrol, sync now, status) and the conflict inbox.
 * The sidebar lists module pages only under registered modules (Sidebar.readableModules) and
 * 'system' is not one, so both pages live under 'masters'. The automatic loop is started by
 * the header's SyncBadge (renderer/app/SyncBadge.tsx) for each open session.
 */
import { registerPage } from '../pages/registry';
import { SyncSettingsPage } from './SyncSettingsPage';
import { SyncInboxPage } from './SyncInboxPage';
import { ChangeRequestsPage } from './ChangeRequestsPage';

registerPage({ id: 'sync.settings', module: 'masters', labelKey: 'syncui.page.settings', right: ['Settings', 'admin'], component: SyncSettingsPage, order: 900 });
registerPage({ id: 'sync.changes', module: 'masters', labelKey: 'syncui.page.changes', right: ['ChangeRequest', 'read'], component: ChangeRequestsPage, order: 920 });
registerPage({ id: 'sync.inbox', module: 'masters', labelKey: 'syncui.page.inbox', right: ['Settings', 'admin'], component: SyncInboxPage, order: 910 });
