/**
 * Sidebar: Home, then each module's document types the user may read (derived from the
 * registry, never a hand-kept list), then the System section filtered by rights.
 */
import { NavLink, ScrollArea, Stack } from '@mantine/core';
import { IconDatabaseExport, IconHistory, IconHome, IconSettings, IconShield, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { allDocTypes, allModules, type Session } from '../../shared/api';
import { useApp, type Route } from '../state/app.store';
import { useT } from '../i18n/use-t';
import { iconFor } from './icons';
import { allPages, type PageDef } from '../pages';

export interface SystemLink {
  key: 'users' | 'roles' | 'audit' | 'settings' | 'backup';
  icon: ReactNode;
}

/** System pages this session may open (the services check the same rights). */
export function systemLinks(s: Session): SystemLink[] {
  const out: SystemLink[] = [];
  if (s.can('User', 'admin') || s.can('User', 'read')) out.push({ key: 'users', icon: <IconUsers size={16} /> });
  if (s.can('Role', 'admin') || s.can('Role', 'read')) out.push({ key: 'roles', icon: <IconShield size={16} /> });
  if (s.can('AuditLog', 'read')) out.push({ key: 'audit', icon: <IconHistory size={16} /> });
  if (s.can('Settings', 'admin')) out.push({ key: 'settings', icon: <IconSettings size={16} /> });
  if (s.can('Backup', 'export')) out.push({ key: 'backup', icon: <IconDatabaseExport size={16} /> });
  return out;
}

/** Readable document types and module pages grouped by module, in sidebar order. */
export function readableModules(s: Session) {
  const types = allDocTypes().filter((d) => s.can(d.name, 'read'));
  const pages: PageDef[] = allPages().filter((p) => !p.hidden && s.can(p.right[0], p.right[1]));
  return allModules()
    .map((m) => ({ module: m, types: types.filter((d) => d.module === m.id), pages: pages.filter((p) => p.module === m.id) }))
    .filter((g) => g.types.length > 0 || g.pages.length > 0);
}

function isActive(route: Route, r: Route): boolean {
  if (route.name !== r.name) return false;
  if ((route.name === 'list' || route.name === 'form') && (r.name === 'list' || r.name === 'form')) return route.docType === r.docType;
  return true;
}

export function Sidebar() {
  const t = useT();
  const session = useApp((s) => s.session)!;
  useApp((s) => s.sessionRev);
  const route = useApp((s) => s.route);
  const navigate = useApp((s) => s.navigate);
  const groups = readableModules(session);
  const sys = systemLinks(session);
  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap={2} p="xs">
        <NavLink label={t('nav.home')} leftSection={<IconHome size={16} />} active={route.name === 'home'} onClick={() => navigate({ name: 'home' })} data-testid="nav-home" />
        {groups.map(({ module, types, pages }) => (
          <NavLink key={module.id} label={t(`module.${module.id}`)} leftSection={iconFor(module.icon)} defaultOpened childrenOffset={20} data-testid={`nav-module-${module.id}`}>
            {types.map((d) => (
              <NavLink key={d.name} label={t(`doctype.${d.name}`)} leftSection={iconFor(d.icon, 14)} active={isActive(route, { name: 'list', docType: d.name })} onClick={() => navigate({ name: 'list', docType: d.name })} data-testid={`nav-${d.name}`} />
            ))}
            {pages.map((p) => (
              <NavLink key={p.id} label={t(p.labelKey)} leftSection={iconFor('report', 14)} active={route.name === 'page' && route.page === p.id} onClick={() => navigate({ name: 'page', page: p.id })} data-testid={`nav-page-${p.id}`} />
            ))}
          </NavLink>
        ))}
        {sys.length > 0 && (
          <NavLink label={t('module.system')} leftSection={<IconSettings size={16} />} defaultOpened childrenOffset={20} data-testid="nav-module-system">
            {sys.map((l) => (
              <NavLink key={l.key} label={t(`nav.${l.key}`)} leftSection={l.icon} active={route.name === l.key} onClick={() => navigate({ name: l.key })} data-testid={`nav-${l.key}`} />
            ))}
          </NavLink>
        )}
      </Stack>
    </ScrollArea>
  );
}
