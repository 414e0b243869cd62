/** Title (doctype, number, status) and the action buttons the document's state and rights allow. */
import { Button, Group, Text, Title } from '@mantine/core';
import { IconCheck, IconCopy, IconDeviceFloppy, IconHistory, IconList, IconSend, IconTrash, IconX } from '@tabler/icons-react';
import { formActions } from './form-actions';
import { docLabelKey, type BaseRecord, type DocTypeDef } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useT } from '../i18n/use-t';
import { StatusBadge } from './StatusBadge';

export interface DocFormHeaderProps {
  def: DocTypeDef;
  rec: BaseRecord | null;
  status: string;
  dirty: boolean;
  busy: boolean;
  editable: boolean;
  canSubmit: boolean;
  onSave(): void;
  /** Head-office data at a branch: Save becomes "Request change" (no delete). */
  hqLocked?: boolean;
  onSubmit(): void;
  onCancelDoc(): void;
  onAmend(): void;
  onDelete(): void;
}

export function DocFormHeader(p: DocFormHeaderProps) {
  const t = useT();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const { def, rec, status } = p;
  const docType = def.name;
  return (
    <Group justify="space-between" align="center" mb="md" wrap="wrap" gap="sm">
      <Group gap="sm" align="center">
        <Button variant="subtle" size="compact-sm" leftSection={<IconList size={16} />} onClick={() => navigate({ name: 'list', docType })} data-testid="form-back">
          {t('doc.back')}
        </Button>
        <Title order={3} data-testid="form-title">
          {rec ? `${t(docLabelKey(docType))} ${rec.number}` : t('doc.new_title', { docType })}
        </Title>
        {rec && <StatusBadge status={status} testId="form-status" />}
        {p.dirty && p.editable && (
          <Text size="xs" c="orange" data-testid="form-dirty">
            {t('doc.unsaved')}
          </Text>
        )}
      </Group>
      <Group gap="xs">
        {rec &&
          formActions(docType)
            .filter((a) => !a.visible || a.visible(session, rec))
            .map((a) => (
              <Button key={a.id} variant="light" leftSection={a.icon ? <a.icon size={16} /> : undefined} onClick={() => navigate(a.route(rec))} data-testid={`form-action-${a.id}`}>
                {t(a.labelKey)}
              </Button>
            ))}
        {rec && (
          <Button variant="subtle" leftSection={<IconHistory size={16} />} onClick={() => navigate({ name: 'audit', docType, docId: rec.id })} data-testid="form-audit">
            {t('doc.audit')}
          </Button>
        )}
        {rec && !p.hqLocked && (status === 'draft' || status === 'active') && session.can(docType, 'edit') && (
          <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={p.onDelete} disabled={p.busy} data-testid="form-delete">
            {t('doc.delete')}
          </Button>
        )}
        {rec && status === 'submitted' && session.can(docType, 'cancel') && (
          <Button variant="default" color="red" leftSection={<IconX size={16} />} onClick={p.onCancelDoc} disabled={p.busy} data-testid="form-cancel-doc">
            {t('doc.cancel_doc')}
          </Button>
        )}
        {rec && status === 'cancelled' && session.can(docType, 'create') && (
          <Button variant="default" leftSection={<IconCopy size={16} />} onClick={p.onAmend} loading={p.busy} data-testid="form-amend">
            {t('doc.amend')}
          </Button>
        )}
        {p.editable && !p.hqLocked && (
          <Button variant={p.canSubmit ? 'default' : 'filled'} leftSection={<IconDeviceFloppy size={16} />} onClick={p.onSave} loading={p.busy} data-testid="form-save" title="Ctrl+S">
            {t('doc.save')}
          </Button>
        )}
        {p.editable && p.hqLocked && (
          <Button leftSection={<IconSend size={16} />} onClick={p.onSave} loading={p.busy} disabled={!p.dirty} data-testid="form-request-change" title="Ctrl+S">
            {t('doc.request_change')}
          </Button>
        )}
        {p.canSubmit && (
          <Button leftSection={<IconCheck size={16} />} onClick={p.onSubmit} loading={p.busy} data-testid="form-submit" title="Ctrl+Enter">
            {t('doc.submit')}
          </Button>
        )}
      </Group>
    </Group>
  );
}
