/**
 * Backup: save the whole company to one file (platform.saveFile), or restore one (as a new
 * company, or replacing this one; after a replace the user logs in again from the picker).
 */
import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDatabaseExport, IconDatabaseImport } from '@tabler/icons-react';
import { useT } from '../i18n/use-t';
import { useApp } from '../state/app.store';
import { logoutNow, saveBackupNow } from '../app/actions';
import { useRestoreFlow } from './RestoreDialog';

export function BackupPage() {
  const t = useT();
  const session = useApp((s) => s.session)!;
  const [saving, setSaving] = useState(false);
  const restore = useRestoreFlow((_info, replaced) => {
    if (replaced) logoutNow();
  });
  const save = async () => {
    setSaving(true);
    try {
      await saveBackupNow();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack maw={720}>
      <Title order={3}>{t('nav.backup')}</Title>
      <Paper withBorder p="md">
        <Stack>
          <Text fw={600}>{t('backup.save_title')}</Text>
          <Text size="sm" c="dimmed">{t('backup.save_text', { name: session.settings.name })}</Text>
          <Group>
            <Button leftSection={<IconDatabaseExport size={16} />} loading={saving} onClick={save} data-testid="backup-save">{t('backup.save')}</Button>
          </Group>
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack>
          <Text fw={600}>{t('backup.restore_title')}</Text>
          <Text size="sm" c="dimmed">{t('backup.restore_text')}</Text>
          {restore.dialog}
          <Group>
            <Button variant="default" leftSection={<IconDatabaseImport size={16} />} onClick={() => void restore.start()} data-testid="backup-restore">{t('backup.restore')}</Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
