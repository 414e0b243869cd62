/** Confirmations of the generic form: cancel a submitted document (with a reason), delete a draft, request a change of head-office data. */
import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useT } from '../i18n/use-t';

/** A confirmation that asks for a reason (cancel a document, request a change of HQ data). */
function ReasonDialog(p: { title: string; explain: string; label: string; confirmLabel: string; color?: string; required?: boolean; testId: string; onClose(): void; onConfirm(reason: string): Promise<void> }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened onClose={p.onClose} title={p.title} data-testid={`${p.testId}-dialog`}>
      <Stack>
        <Text size="sm">{p.explain}</Text>
        <Textarea label={p.label} required={p.required} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} data-autofocus data-testid={`${p.testId}-reason`} />
        <Group justify="flex-end">
          <Button variant="default" onClick={p.onClose}>
            {t('doc.keep')}
          </Button>
          <Button
            color={p.color}
            loading={busy}
            disabled={p.required && !reason.trim()}
            data-testid={`${p.testId}-confirm`}
            onClick={async () => {
              setBusy(true);
              try {
                await p.onConfirm(reason.trim());
              } finally {
                setBusy(false);
              }
            }}
          >
            {p.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function CancelDialog({ number, onClose, onConfirm }: { number: string; onClose(): void; onConfirm(reason: string): Promise<void> }) {
  const t = useT();
  return <ReasonDialog title={t('doc.cancel_title', { number })} explain={t('doc.cancel_explain')} label={t('doc.cancel_reason')} confirmLabel={t('doc.cancel_doc')} color="red" testId="form-cancel" onClose={onClose} onConfirm={onConfirm} />;
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
  return <ReasonDialog title={t('doc.request_change_title')} explain={t('doc.request_change_explain')} label={t('doc.request_change_reason')} confirmLabel={t('doc.request_change')} required testId="form-request" onClose={onClose} onConfirm={onConfirm} />;
}
