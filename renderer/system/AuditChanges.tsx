/** Before/after of each changed field of one audit row (labels from the document type). */
import { Table, Text } from '@mantine/core';
import { findDocType, fieldOf, fieldLabelKey } from '../../shared/api';
import { hasMessage } from '../../shared/i18n';
import type { FieldChange } from '../../shared/kernel/tx';
import { useApp } from '../state/app.store';
import { useT } from '../i18n/use-t';

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function AuditChanges({ docType, changes }: { docType: string; changes: FieldChange[] }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const def = findDocType(docType);
  const label = (field: string) => {
    const f = def && fieldOf(def, field);
    if (f && def) return t(fieldLabelKey(def, f));
    const key = `field.${docType}.${field}`;
    return hasMessage(key, lang) ? t(key) : field;
  };
  return (
    <Table withTableBorder fz="xs" data-testid="audit-changes">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('audit.field')}</Table.Th>
          <Table.Th>{t('audit.before')}</Table.Th>
          <Table.Th>{t('audit.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((c) => (
          <Table.Tr key={c.field}>
            <Table.Td>{label(c.field)}</Table.Td>
            <Table.Td><Text size="xs" c="red" style={{ wordBreak: 'break-all' }}>{show(c.before)}</Text></Table.Td>
            <Table.Td><Text size="xs" c="teal" style={{ wordBreak: 'break-all' }}>{show(c.after)}</Text></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
