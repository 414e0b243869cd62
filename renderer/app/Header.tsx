/** Shell header: company and branch, search (Ctrl+K), notifications, language, theme, user. */
import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Indicator, Kbd, Menu, Text, Tooltip } from '@mantine/core';
import { IconBell, IconBuildingStore, IconChevronDown, IconKey, IconLogout, IconMoon, IconSearch, IconSun, IconUserCircle } from '@tabler/icons-react';
import { useApp } from '../state/app.store';
import { useT } from '../i18n/use-t';
import { LangSwitch } from './LangSwitch';
import { logoutNow, toggleTheme } from './actions';
import { NoticeDrawer } from './NoticeDrawer';
import { ChangePasswordModal } from './ChangePasswordModal';
import { SyncBadge } from './SyncBadge';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

export function Header() {
  const t = useT();
  const session = useApp((s) => s.session)!;
  useApp((s) => s.sessionRev);
  const theme = useApp((s) => s.theme);
  const unread = useApp((s) => s.notices.filter((n) => !n.read).length);
  const setPaletteOpen = useApp((s) => s.setPaletteOpen);
  const navigate = useApp((s) => s.navigate);
  const [noticesOpen, setNoticesOpen] = useState(false);
  const [pwOpen, setPwOpen] = useState(false);

  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, cursor: 'pointer' }} onClick={() => navigate({ name: 'home' })}>
        <IconBuildingStore size={22} />
        <Text fw={700} truncate data-testid="company-name">{session.settings.name}</Text>
        <Badge variant="light" data-testid="branch-badge">{session.settings.branchCode} · {session.settings.branchName}</Badge>
      </Group>
      <Group gap="xs" wrap="nowrap">
        <SyncBadge />
        <Button variant="default" size="xs" leftSection={<IconSearch size={14} />} rightSection={<Kbd size="xs">{isMac ? '⌘' : 'Ctrl'}+K</Kbd>} onClick={() => setPaletteOpen(true)} data-testid="search-open">
          {t('search.button')}
        </Button>
        <Tooltip label={t('notices.title')}>
          <Indicator disabled={unread === 0} label={unread} size={16} offset={4}>
            <ActionIcon variant="subtle" size="lg" onClick={() => setNoticesOpen(true)} data-testid="notices-open" aria-label={t('notices.title')}>
              <IconBell size={18} />
            </ActionIcon>
          </Indicator>
        </Tooltip>
        <LangSwitch />
        <Tooltip label={t(theme === 'dark' ? 'theme.light' : 'theme.dark')}>
          <ActionIcon variant="subtle" size="lg" onClick={toggleTheme} data-testid="theme-toggle" aria-label={t('theme.toggle')}>
            {theme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
          </ActionIcon>
        </Tooltip>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="subtle" size="xs" leftSection={<IconUserCircle size={16} />} rightSection={<IconChevronDown size={12} />} data-testid="user-menu">
              {session.user.displayName}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{session.user.username}</Menu.Label>
            <Menu.Item leftSection={<IconKey size={14} />} onClick={() => setPwOpen(true)} data-testid="change-password">{t('user.change_password')}</Menu.Item>
            <Menu.Item leftSection={<IconLogout size={14} />} onClick={() => logoutNow()} color="red">{t('user.logout')}</Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <Tooltip label={t('user.logout')}>
          <ActionIcon variant="subtle" size="lg" onClick={() => logoutNow()} data-testid="logout" aria-label={t('user.logout')}>
            <IconLogout size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <NoticeDrawer opened={noticesOpen} onClose={() => setNoticesOpen(false)} />
      <ChangePasswordModal opened={pwOpen} onClose={() => setPwOpen(false)} />
    </Group>
  );
}
