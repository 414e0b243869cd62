/** The main area: one screen per route. Generic document screens come from renderer/doc. */
import { useApp } from '../state/app.store';
import { DocForm, DocList } from '../doc';
import { Home } from './Home';
import { UsersPage } from '../system/UsersPage';
import { RolesPage } from '../system/RolesPage';
import { AuditPage } from '../system/AuditPage';
import { SettingsPage } from '../system/SettingsPage';
import { BackupPage } from '../system/BackupPage';
import { useT } from '../i18n/use-t';
import { Text } from '@mantine/core';
import { findPage } from '../pages';

export function RouteView() {
  const t = useT();
  const route = useApp((s) => s.route);
  const session = useApp((s) => s.session);
  switch (route.name) {
    case 'home':
      return <Home />;
    case 'list':
      return <DocList key={route.docType} docType={route.docType} />;
    case 'form':
      return <DocForm key={`${route.docType}:${route.id ?? 'new'}`} docType={route.docType} id={route.id} />;
    case 'users':
      return <UsersPage />;
    case 'roles':
      return <RolesPage />;
    case 'audit':
      return <AuditPage key={`${route.docType ?? ''}:${route.docId ?? ''}`} docType={route.docType} docId={route.docId} />;
    case 'settings':
      return <SettingsPage />;
    case 'backup':
      return <BackupPage />;
    case 'page': {
      const p = findPage(route.page);
      if (!p || !session?.can(p.right[0], p.right[1])) return <Text c="dimmed">{t('nav.not_found')}</Text>;
      const Page = p.component;
      return <Page key={`${route.page}:${JSON.stringify(route.params ?? {})}`} params={route.params} />;
    }
    default:
      return <Text c="dimmed">{t('nav.not_found')}</Text>;
  }
}
