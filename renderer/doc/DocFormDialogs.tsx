/** Confirmations of the generic form: cancel a submitted document (with a reason), delete a draft, request a change of head-office data. */
import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useT } from '../i18n/use-t';

export function CancelDialog({ number, onClose, onConfirm }: { number: string; onClose(): void; onConfirm(reason: string): Promise<void> }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened onClose={onClose} title={t('doc.cancel_title', { number })} data-testid="form-cancel-dialog">
      <Stack>
        <Text size="sm">{t('doc.cancel_explain')}</Text>
        <Textarea label={t('doc.cancel_reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} data-autofocus data-testid="form-cancel-reason" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('doc.keep')}
          </Button>
          <Button
            color="red"
            loading={busy}
            data-testid="form-cancel-confirm"
            onClick={async () => {
              setBusy(true);
              try {
                await onConfirm(reason.trim());
              } finally {
                setBusy(false);
              }
            }}
          >
            {t('doc.cancel_doc')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function DeleteDialog({ number, onClose, onConfirm }: { number: string; onClose(): void; onConfirm(): Promise<void> }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened onClose={onClose} title={t('doc.delete_title', { number })} data-testid="form-delete-dialog">
      <Stack>
        <Text size="sm">{t('doc.delete_explain')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('doc.keep')}
          </Button>
          <Button
            color="red"
            loading={busy}
            data-testid="form-delete-confirm"
            onClick={async () => {
              setBusy(true);
              try {
                await onConfirm();
              } finally {
                setBusy(false);
              }
            }}
          >
            {t('doc.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Send an edit of head-office data as a change request: the reason is required. */
export function RequestChangeDialog({ onClose, onConfirm }: { onClose(): void; onConfirm(reason: string): Promise<void> }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened onClose={onClose} title={t('doc.request_change_title')} data-testid="form-request-dialog">
      <Stack>
        <Text size="sm">{t('doc.request_change_explain')}</Text>
        <Textarea label={t('doc.request_change_reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} data-autofocus data-testid="form-request-reason" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('doc.keep')}
          </Button>
          <Button
            loading={busy}
            disabled={!reason.trim()}
            data-testid="form-request-confirm"
            onClick={async () => {
              setBusy(true);
              try {
                await onConfirm(reason.trim());
              } finally {
                setBusy(false);
              }
            }}
          >
            {t('doc.request_change')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
