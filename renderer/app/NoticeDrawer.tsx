/** Notification centre: the messages of this session, newest first; mark read, clear. */
import { Badge, Button, Card, Drawer, Group, Stack, Text } from '@mantine/core';
import { useApp } from '../state/app.store';
import { useFormat, useT } from '../i18n/use-t';

export function NoticeDrawer({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const notices = useApp((s) => s.notices);
  const markRead = useApp((s) => s.markNoticesRead);
  const clear = useApp((s) => s.clearNotices);
  return (
    <Drawer opened={opened} onClose={onClose} position="right" title={t('notices.title')} data-testid="notices-drawer">
      <Stack gap="xs">
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="light" onClick={() => markRead()} disabled={!notices.some((n) => !n.read)} data-testid="notices-read-all">{t('notices.mark_all_read')}</Button>
          <Button size="xs" variant="default" onClick={clear} disabled={notices.length === 0}>{t('notices.clear')}</Button>
        </Group>
        {notices.length === 0 && <Text c="dimmed" size="sm">{t('notices.empty')}</Text>}
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
