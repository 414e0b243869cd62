/**
 * Notification centre: the stored business alerts (the `notifications` table, e.g. low stock;
 * read state per user) loaded when the drawer opens, then the messages of this session, newest
 * first; mark read, clear.
 */
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Card, Drawer, Group, Stack, Text } from '@mantine/core';
import { listNotifications, markNotificationRead, type StoredNotification } from '../../shared/kernel/notifications.service';
import { useApp } from '../state/app.store';
import { useFormat, useT } from '../i18n/use-t';

export function NoticeDrawer({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const notices = useApp((s) => s.notices);
  const markRead = useApp((s) => s.markNoticesRead);
  const clear = useApp((s) => s.clearNotices);
  const session = useApp((s) => s.session);
  const [stored, setStored] = useState<StoredNotification[]>([]);
  const reload = useCallback(() => {
    if (session) listNotifications(session, { limit: 50 }).then(setStored, () => setStored([]));
  }, [session]);
  useEffect(() => {
    if (opened) reload();
  }, [opened, reload]);
  const readStored = (id?: string) => {
    if (session) void markNotificationRead(session, id).then(reload, () => undefined);
  };
  return (
    <Drawer opened={opened} onClose={onClose} position="right" title={t('notices.title')} data-testid="notices-drawer">
      <Stack gap="xs">
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="light" onClick={() => { markRead(); readStored(); }} disabled={!notices.some((n) => !n.read) && !stored.some((n) => !n.read)} data-testid="notices-read-all">{t('notices.mark_all_read')}</Button>
          <Button size="xs" variant="default" onClick={clear} disabled={notices.length === 0}>{t('notices.clear')}</Button>
        </Group>
        {stored.map((n) => (
          <Card key={n.id} withBorder padding="xs" style={{ opacity: n.read ? 0.65 : 1, cursor: n.read ? 'default' : 'pointer' }} onClick={() => !n.read && readStored(n.id)} data-testid="notice-item" data-kind={n.kind}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={n.read ? 400 : 600} style={{ wordBreak: 'break-word' }}>{t(n.messageKey, n.params)}</Text>
                <Text size="xs" c="dimmed">{fmt.dateTime(n.at)}</Text>
              </div>
              <Badge size="xs" color="orange" variant="light" style={{ flexShrink: 0 }}>{t(`notices.kind.${n.kind}`)}</Badge>
            </Group>
          </Card>
        ))}
        {notices.length === 0 && stored.length === 0 && <Text c="dimmed" size="sm">{t('notices.empty')}</Text>}
        {notices.map((n) => (
          <Card key={n.id} withBorder padding="xs" style={{ opacity: n.read ? 0.65 : 1, cursor: n.read ? 'default' : 'pointer' }} onClick={() => markRead(n.id)} data-testid="notice-item">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={n.read ? 400 : 600}>{n.title}</Text>
                {n.message && <Text size="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>{n.message}</Text>}
                <Text size="xs" c="dimmed">{fmt.dateTime(n.at)}</Text>
              </div>
              <Badge size="xs" color={n.kind === 'error' ? 'red' : n.kind === 'success' ? 'teal' : 'blue'} variant="light">{t(`notices.kind.${n.kind}`)}</Badge>
            </Group>
          </Card>
        ))}
      </Stack>
    </Drawer>
  );
}
