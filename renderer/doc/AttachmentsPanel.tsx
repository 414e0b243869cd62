/**
 * Attachments of one stored document: list (name, size, date, who), attach a file, download,
 * remove (with confirmation). Rights come from the services; the buttons only hide what the
 * user could not do anyway. Attaching is allowed on a submitted document (evidence) for a user
 * with the submit right: it adds a file, the document itself does not change.
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { addAttachment, getAttachment, listAttachments, removeAttachment, type AttachmentMeta, type BaseRecord } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { notify } from '../app/notify';
import { platform } from '../platform';
import { useBusyGuard } from '../app/use-busy';

const MIME: Record<string, string> = {
  pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', txt: 'text/plain', csv: 'text/csv',
  doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', zip: 'application/zip',
};

export function mimeOf(name: string): string {
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  return MIME[ext] ?? 'application/octet-stream';
}

export function formatBytes(n: number, number: (v: number, digits?: number) => string): string {
  if (n < 1024) return `${number(n)} B`;
  if (n < 1024 * 1024) return `${number(n / 1024, 1)} KB`;
  return `${number(n / (1024 * 1024), 1)} MB`;
}

export function AttachmentsPanel({ docType, rec }: { docType: string; rec: BaseRecord }) {
  const session = useApp((s) => s.session)!;
  const t = useT();
  const errorText = useErrorText();
  const fmt = useFormat();
  const [rows, setRows] = useState<AttachmentMeta[]>([]);
  const { busy, guard } = useBusyGuard();
  const [confirm, setConfirm] = useState<AttachmentMeta | null>(null);

  const canEdit = session.can(docType, 'edit');
  const canAttach = canEdit || (rec.status === 'submitted' && session.can(docType, 'submit'));

  const reload = useCallback(() => listAttachments(session, docType, rec.id).then(setRows, (e) => notify('error', errorText(e))), [session, docType, rec.id, errorText]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const onAdd = () =>
    guard(async () => {
      const f = await platform.openFile({ accept: [] });
      if (!f) return;
      const a = await addAttachment(session, docType, rec.id, { name: f.name, mime: mimeOf(f.name), data: f.data });
      notify('success', t('attachments.added', { name: a.name }));
      await reload();
    });

  const onDownload = (a: AttachmentMeta) =>
    guard(async () => {
      const file = await getAttachment(session, a.id);
      await platform.saveFile({ suggestedName: file.name, mime: file.mime, data: file.data });
    });

  const onRemove = (a: AttachmentMeta) =>
    guard(async () => {
      await removeAttachment(session, a.id);
      setConfirm(null);
      notify('success', t('attachments.removed', { name: a.name }));
      await reload();
    });

  return (
    <Paper withBorder p="md" mt="lg" data-testid="attachments">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={5}>{t('attachments.title')}</Title>
          {canAttach && (
            <Button size="xs" variant="light" onClick={onAdd} loading={busy} data-testid="attach-add">
              {t('attachments.add')}
            </Button>
          )}
        </Group>
        {rows.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('attachments.none')}
          </Text>
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('attachments.name')}</Table.Th>
                <Table.Th>{t('attachments.size')}</Table.Th>
                <Table.Th>{t('attachments.date')}</Table.Th>
                <Table.Th>{t('attachments.by')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((a) => (
                <Table.Tr key={a.id} data-testid={`attach-row-${a.name}`}>
                  <Table.Td>{a.name}</Table.Td>
                  <Table.Td>{formatBytes(a.size, fmt.number)}</Table.Td>
                  <Table.Td>{fmt.dateTime(a.at)}</Table.Td>
                  <Table.Td>{a.byName}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button size="compact-xs" variant="subtle" onClick={() => onDownload(a)} data-testid={`attach-download-${a.name}`}>
                        {t('attachments.download')}
                      </Button>
                      {canEdit && (
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => setConfirm(a)} data-testid={`attach-remove-${a.name}`}>
                          {t('attachments.remove')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {confirm && (
        <Modal opened onClose={() => setConfirm(null)} title={t('attachments.remove')} data-testid="attach-remove-dialog">
          <Stack>
            <Text size="sm">{t('attachments.remove_confirm', { name: confirm.name })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(null)}>
                {t('doc.keep')}
              </Button>
              <Button color="red" loading={busy} onClick={() => onRemove(confirm)} data-testid="attach-remove-confirm">
                {t('attachments.remove')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Paper>
  );
}
