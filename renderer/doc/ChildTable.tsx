/**
 * Editable grid of child rows (a `table` field): one control per cell by type, add and delete
 * line. Cell inputs are named '<table>.<row>.<field>' and show the issues the service reported
 * for that row (issue.field 'lines.qty' + issue.row).
 */
import { ActionIcon, Button, Group, Table, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { fieldLabelKey, type DocTypeDef, type FieldDef } from '../../shared/api';
import { useT } from '../i18n/use-t';
import { FieldControl, errorNode } from './FieldControl';
import { moneyCurrency, newChildRow, type FormRow } from './form-values';

export interface ChildTableProps {
  def: DocTypeDef;
  field: FieldDef;
  rows: FormRow[];
  onChange(rows: FormRow[]): void;
  /** Translated messages by form path. */
  errors: ReadonlyMap<string, string[]>;
  disabled: boolean;
  /** Currency of money cells without their own currency field. */
  currency: string;
  label: string;
}

export function ChildTable({ def, field, rows, onChange, errors, disabled, currency, label }: ChildTableProps) {
  const t = useT();
  const cols = (field.fields ?? []).filter((cf) => !cf.hidden);
  // child labels are declared under the parent type: field.<DocType>.<table>.<child> or the child's own label
  const colLabel = (cf: FieldDef) => t(cf.label ?? `${fieldLabelKey(def, field)}.${cf.name}`);
  const setCell = (i: number, name: string, v: unknown) => onChange(rows.map((r, k) => (k === i ? { ...r, [name]: v } : r)));
  const tableError = errorNode(field.name, errors.get(field.name));

  return (
    <div>
      <Text fw={500} size="sm" mb={4}>
        {label}
      </Text>
      <Table withTableBorder withColumnBorders verticalSpacing={4} data-testid={`table-${field.name}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>{t('doc.row_no')}</Table.Th>
            {cols.map((cf) => (
              <Table.Th key={cf.name}>{colLabel(cf)}</Table.Th>
            ))}
            {!disabled && <Table.Th w={44} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={typeof r.id === 'string' ? r.id : `new-${i}`} data-testid={`row-${field.name}-${i}`}>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {i + 1}
                </Text>
              </Table.Td>
              {cols.map((cf) => {
                const path = `${field.name}.${i}.${cf.name}`;
                return (
                  <Table.Td key={cf.name}>
                    <FieldControl
                      field={cf}
                      name={path}
                      label={colLabel(cf)}
                      value={r[cf.name]}
                      onChange={(v) => setCell(i, cf.name, v)}
                      errors={errors.get(path)}
                      disabled={disabled}
                      currency={moneyCurrency(cf, r, currency)}
                      compact
                    />
                  </Table.Td>
                );
              })}
              {!disabled && (
                <Table.Td>
                  <ActionIcon variant="subtle" color="red" aria-label={t('doc.delete_row')} title={t('doc.delete_row')} onClick={() => onChange(rows.filter((_, k) => k !== i))} data-testid={`table-delete-${field.name}-${i}`}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between" mt={4}>
        {tableError ? <Text c="red" size="xs">{tableError}</Text> : <span />}
        {!disabled && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => onChange([...rows, newChildRow(field, currency)])} data-testid={`table-add-${field.name}`}>
            {t('doc.add_row')}
          </Button>
        )}
      </Group>
    </div>
  );
}
