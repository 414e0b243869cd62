/**
 * Header badge: head-office sync status (not connected / offline / syncing / synced at <time> /
 * needs attention). Mounting it starts the automatic sync loop for the open session; a click
 * opens the sync page (or the inbox when conflicts wait) for users allowed to see them.
 */
import { useEffect } from 'react';
import { Badge, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCloud, IconCloudCheck, IconCloudOff, IconRefresh } from '@tabler/icons-react';
import { useApp } from '../state/app.store';
import { useFormat, useT } from '../i18n/use-t';
import { badgeState, startAutoSync, useSync } from '../sync/sync.store';

const LOOK = {
  not_enrolled: { color: 'gray', icon: <IconCloudOff size={12} /> },
  offline: { color: 'gray', icon: <IconCloudOff size={12} /> },
  syncing: { color: 'blue', icon: <IconRefresh size={12} /> },
  attention: { color: 'orange', icon: <IconAlertTriangle size={12} /> },
  error: { color: 'red', icon: <IconAlertTriangle size={12} /> },
  synced: { color: 'teal', icon: <IconCloudCheck size={12} /> },
  never: { color: 'blue', icon: <IconCloud size={12} /> },
} as const;

export function SyncBadge() {
  const t = useT();
  const fmt = useFormat();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const sync = useSync();

  useEffect(() => startAutoSync(session), [session]);

  const state = badgeState(sync);
  const canOpen = session.can('Settings', 'admin');
  if (state === 'not_enrolled' && !canOpen) return null;
  const last = sync.status?.lastSyncAt;
  // today: the time only; an older sync: its date
  const time = !last ? '' : new Date(last).toDateString() === new Date().toDateString() ? new Intl.DateTimeFormat(fmt.locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(last)) : fmt.date(last);
  const label =
    state === 'synced' ? t('syncui.badge.synced', { time }) : state === 'attention' ? t('syncui.badge.attention', { count: sync.openConflicts }) : t(`syncui.badge.${state}`);
  const open = () => canOpen && navigate({ name: 'page', page: state === 'attention' ? 'sync.inbox' : 'sync.settings' });

  return (
    <Tooltip label={sync.status?.lastSyncAt ? `${t('syncui.badge.tooltip')} · ${fmt.dateTime(sync.status.lastSyncAt)}` : t('syncui.badge.tooltip')}>
      <Badge
        variant="light"
        color={LOOK[state].color}
        leftSection={LOOK[state].icon}
        style={{ cursor: canOpen ? 'pointer' : 'default', textTransform: 'none' }}
        onClick={open}
        data-testid="sync-badge"
        data-state={state}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}
