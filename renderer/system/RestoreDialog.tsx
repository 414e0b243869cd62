/**
 * Restore from a backup file: pick the file (platform.openFile), verify it with readBackup
 * (nothing is written yet), show what it holds, then restore as a NEW company or, from inside
 * a company with the right, REPLACE this company. A corrupt or foreign file shows the
 * translated reason and changes nothing.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { readBackup, restoreBackup, type BackupHeader, type CompanyInfo } from '../../shared/api';
import { platform } from '../platform';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { notify } from '../app/notify';

/** Menu restore requests already acted on (shared by every screen that offers restore). */
let handledRestoreRequest = 0;

interface Picked {
  name: string;
  bytes: Uint8Array;
  header: BackupHeader;
}

/**
 * `onRestored(info, replaced)` runs after a successful restore. `confirm: false` (the company
 * picker) restores a verified file as a new company at once: that replaces nothing.
 */
export function useRestoreFlow(onRestored: (info: CompanyInfo, replaced: boolean) => void, opts: { confirm?: boolean } = {}) {
  const confirm = opts.confirm ?? true;
  const t = useT();
  const errorText = useErrorText();
  const fmt = useFormat();
  const env = useApp((s) => s.env);
  const session = useApp((s) => s.session);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canReplace = !!session?.can('Backup', 'admin');

  const start = useCallback(async () => {
    setError(null);
    let file: { name: string; data: Uint8Array } | null;
    try {
      file = await platform.openFile({ accept: ['.blbak'] });
    } catch (e) {
      notify('error', t('restore.failed'), errorText(e));
      return;
    }
    if (!file) return;
    try {
      const { header } = await readBackup(file.data);
      const p = { name: file.name, bytes: file.data, header };
      if (confirm) setPicked(p);
      else await run(p, false);
    } catch (e) {
      // shown in place (the alert below); the notification centre keeps it too
      notify('error', t('restore.failed'), errorText(e), { toast: false });
      setPicked(null);
      setError(errorText(e));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, errorText, confirm, env, session]);

  async function run(p: Picked, replace: boolean): Promise<void> {
    if (!env) return;
    setBusy(true);
    setError(null);
    try {
      const info = await restoreBackup(env, p.bytes, replace && session ? { replaceCompanyId: session.company.id, session } : session ? { session } : {});
      notify('success', t('restore.done', { name: info.name }));
      setPicked(null);
      onRestored(info, replace);
    } catch (e) {
      setError(errorText(e));
      notify('error', t('restore.failed'), errorText(e), { toast: false });
    } finally {
      setBusy(false);
    }
  }

  // the native menu's "Restore" asks whichever screen is showing to start the flow
  const req = useApp((s) => s.restoreRequest);
  useEffect(() => {
    if (req > handledRestoreRequest) {
      handledRestoreRequest = req;
      void start();
    }
  }, [req, start]);

  const h = picked?.header;
  const dialog = (
    <>
      {error && !picked && (
        <Alert color="red" title={t('restore.failed')} withCloseButton onClose={() => setError(null)} data-testid="restore-error">
          {error}
        </Alert>
      )}
      <Modal opened={!!picked} onClose={() => !busy && setPicked(null)} title={t('restore.confirm_title')} size="lg">
        {h && (
          <Stack>
            <Text size="sm">{t('restore.confirm_text')}</Text>
            <Table withRowBorders={false} data-testid="restore-summary">
              <Table.Tbody>
                <Table.Tr><Table.Td c="dimmed">{t('restore.file')}</Table.Td><Table.Td>{picked!.name}</Table.Td></Table.Tr>
                <Table.Tr><Table.Td c="dimmed">{t('company.name')}</Table.Td><Table.Td fw={600}>{h.company.name}</Table.Td></Table.Tr>
                <Table.Tr><Table.Td c="dimmed">{t('restore.created')}</Table.Td><Table.Td>{fmt.dateTime(h.createdAt)}</Table.Td></Table.Tr>
                <Table.Tr><Table.Td c="dimmed">{t('company.branch')}</Table.Td><Table.Td>{h.company.branchCode} · {h.company.branchName}</Table.Td></Table.Tr>
                <Table.Tr><Table.Td c="dimmed">{t('company.baseCurrency')}</Table.Td><Table.Td>{h.company.baseCurrency}</Table.Td></Table.Tr>
              </Table.Tbody>
            </Table>
            {error && <Alert color="red">{error}</Alert>}
            {session && canReplace && <Alert color="orange">{t('restore.replace_warning', { name: session.settings.name })}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPicked(null)} disabled={busy}>{t('common.cancel')}</Button>
              {session && canReplace && (
                <Button color="red" variant="light" loading={busy} onClick={() => run(picked!, true)} data-testid="restore-replace">{t('restore.replace')}</Button>
              )}
              <Button loading={busy} onClick={() => run(picked!, false)} data-testid="restore-as-new">{t('restore.as_new')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
  return { start, dialog };
}
