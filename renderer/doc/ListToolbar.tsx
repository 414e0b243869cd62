/**
 * The generic list's toolbar: title and record count, search box, equality filters (status and
 * select fields), column picker, and the actions the user's rights allow (New, Import, Export).
 */
import { Button, Checkbox, Group, Menu, Select, Text, TextInput, Title } from '@mantine/core';
import { IconColumns, IconDownload, IconPlus, IconSearch, IconUpload } from '@tabler/icons-react';
import { docLabelKey, fieldLabelKey, type DocTypeDef } from '../../shared/api';
import { useFormat, useT } from '../i18n/use-t';
import { pickableColumns } from './list-columns';

export interface ListToolbarProps {
  def: DocTypeDef;
  total: number | null;
  loaded: number;
  done: boolean;
  searching: boolean;
  search: string;
  onSearch(v: string): void;
  filters: Record<string, string>;
  onFilter(field: string, value: string | null): void;
  columns: string[];
  onToggleColumn(name: string): void;
  canCreate: boolean;
  canExport: boolean;
  exporting: boolean;
  onNew(): void;
  onImport(): void;
  onExport(): void;
}

const STATUSES = ['draft', 'submitted', 'cancelled'];

export function columnLabel(def: DocTypeDef, name: string, t: (k: string) => string): string {
  const f = def.fields.find((x) => x.name === name);
  return f ? t(fieldLabelKey(def, f)) : t(`doc.${name}`);
}

export function ListToolbar(p: ListToolbarProps) {
  const t = useT();
  const fmt = useFormat();
  const { def } = p;
  const selects = def.fields.filter((f) => f.type === 'select' && !f.hidden && f.options?.length);
  const count = p.searching
    ? t(p.done ? 'doc.matches' : 'doc.matches_more', { count: fmt.number(p.loaded) })
    : p.total === null
      ? ''
      : t('doc.records', { count: fmt.number(p.total) });

  return (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
      <Group align="baseline" gap="sm">
        <Title order={3}>{t(docLabelKey(def.name))}</Title>
        <Text c="dimmed" size="sm" data-testid="list-count" aria-live="polite">
          {count}
        </Text>
      </Group>
      <Group gap="xs" wrap="wrap">
        <TextInput
          placeholder={t('doc.search_placeholder')}
          aria-label={t('doc.search')}
          leftSection={<IconSearch size={16} />}
          value={p.search}
          onChange={(e) => p.onSearch(e.currentTarget.value)}
          data-testid="list-search"
          w={220}
        />
        {def.submittable && (
          <Select
            aria-label={t('doc.status')}
            placeholder={t('doc.all_statuses')}
            data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={p.filters.status ?? null}
            onChange={(v) => p.onFilter('status', v)}
            clearable
            w={150}
            data-testid="list-filter-status"
          />
        )}
        {selects.map((f) => (
          <Select
            key={f.name}
            aria-label={t(fieldLabelKey(def, f))}
            placeholder={t('doc.any', { field: t(fieldLabelKey(def, f)) })}
            data={(f.options ?? []).map((o) => ({ value: o, label: t(`option.${o}`) }))}
            value={p.filters[f.name] ?? null}
            onChange={(v) => p.onFilter(f.name, v)}
            clearable
            w={170}
            data-testid={`list-filter-${f.name}`}
          />
        ))}
        <Menu closeOnItemClick={false} position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="default" leftSection={<IconColumns size={16} />} data-testid="list-columns">
              {t('doc.columns')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown mah={400} style={{ overflowY: 'auto' }}>
            {pickableColumns(def).map((c) => (
              <Menu.Item key={c.name} onClick={() => p.onToggleColumn(c.name)} data-testid={`list-column-${c.name}`}>
                <Checkbox readOnly checked={p.columns.includes(c.name)} label={columnLabel(def, c.name, t)} size="xs" style={{ pointerEvents: 'none' }} tabIndex={-1} />
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        {p.canExport && (
          <Button variant="default" leftSection={<IconDownload size={16} />} onClick={p.onExport} loading={p.exporting} data-testid="list-export">
            {t('doc.export')}
          </Button>
        )}
        {p.canCreate && (
          <Button variant="default" leftSection={<IconUpload size={16} />} onClick={p.onImport} data-testid="list-import">
            {t('doc.import')}
          </Button>
        )}
        {p.canCreate && (
          <Button leftSection={<IconPlus size={16} />} onClick={p.onNew} data-testid="list-new">
            {t('doc.new')}
          </Button>
        )}
      </Group>
    </Group>
  );
}
