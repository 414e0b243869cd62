/**
 * Rights matrix of one role: rows are rights modules (every registered module plus 'system'),
 * columns are RIGHTS; below, optional per-document-type overrides (which replace the module's
 * grant for that type, as `can()` reads them). The Administrator role is shown read-only.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Paper, Select, Stack, Table, Text, TextInput, Title, ActionIcon } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { RIGHTS, SYSTEM_TYPES, allDocTypes, allModules, saveRole, type Right, type Role } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useT } from '../i18n/use-t';
import { formKeyDown, useFieldErrors } from '../app/form';
import { notify } from '../app/notify';
import { roleLabel } from './role-label';

type Grants = Record<string, Right[]>;

function RightsRow({ label, rights, all, disabled, onChange, testId, extra }: { label: string; rights: Right[]; all: boolean; disabled: boolean; onChange: (r: Right[]) => void; testId: string; extra?: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td>{label}</Table.Td>
      {RIGHTS.map((r) => (
        <Table.Td key={r} ta="center">
          <Checkbox aria-label={`${label} ${r}`} checked={all || rights.includes(r)} disabled={disabled} data-testid={`${testId}-${r}`}
            onChange={(e) => onChange(e.currentTarget.checked ? [...rights, r] : rights.filter((x) => x !== r))} style={{ display: 'inline-block' }} />
        </Table.Td>
      ))}
      <Table.Td w={40}>{extra}</Table.Td>
    </Table.Tr>
  );
}

export function RoleEditor({ role, readOnly, onSaved }: { role: Role | null; readOnly: boolean; onSaved: (r: Role) => void }) {
  const t = useT();
  const session = useApp((s) => s.session)!;
  const fe = useFieldErrors(['name']);
  const [name, setName] = useState(role ? roleLabel(role, t) : '');
  const [mods, setMods] = useState<Grants>(role?.moduleRights ?? {});
  const [docs, setDocs] = useState<Grants>(role?.docRights ?? {});
  const [busy, setBusy] = useState(false);
  const all = !!role?.all;
  // registered modules, plus any module the role already grants (a module not loaded in this build keeps its rights)
  const moduleIds = [...new Set([...allModules().map((m) => m.id), ...Object.keys(role?.moduleRights ?? {}), 'system'])];
  const typeNames = [...allDocTypes().map((d) => d.name), ...Object.keys(SYSTEM_TYPES)];
  const addable = typeNames.filter((n) => !(n in docs)).map((n) => ({ value: n, label: t(`doctype.${n}`) }));

  const submit = async () => {
    fe.clear();
    setBusy(true);
    try {
      const saved = await saveRole(session, role?.id ?? null, { name: role?.builtin && name === roleLabel(role, t) ? role.name : name, moduleRights: mods, docRights: docs });
      notify('success', t('roles.saved', { name }));
      onSaved(saved);
    } catch (e) {
      fe.fromError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md">
      <form noValidate onKeyDown={formKeyDown} onSubmit={(e) => { e.preventDefault(); if (!readOnly) void submit(); }} data-testid="role-form">
        <Stack>
          <Title order={4}>{role ? roleLabel(role, t) : t('roles.create')}</Title>
          {all && <Alert color="blue">{t('roles.admin_readonly')}</Alert>}
          {fe.general && <Alert color="red">{fe.general}</Alert>}
          <TextInput name="name" label={t('roles.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fe.errors.name} disabled={readOnly} required />
          <Table withTableBorder data-testid="rights-matrix">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('roles.module')}</Table.Th>
                {RIGHTS.map((r) => <Table.Th key={r} ta="center" tt="capitalize">{t(`right.${r}`)}</Table.Th>)}
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {moduleIds.map((m) => (
                <RightsRow key={m} label={t(`module.${m}`)} rights={mods[m] ?? []} all={all} disabled={readOnly} testId={`right-${m}`} onChange={(r) => setMods((x) => ({ ...x, [m]: r }))} />
              ))}
            </Table.Tbody>
          </Table>
          {!all && (
            <>
              <Text fw={600} size="sm">{t('roles.overrides')}</Text>
              <Text size="xs" c="dimmed">{t('roles.overrides_hint')}</Text>
              {Object.keys(docs).length > 0 && (
                <Table withTableBorder data-testid="rights-overrides">
                  <Table.Tbody>
                    {Object.entries(docs).map(([d, r]) => (
                      <RightsRow key={d} label={t(`doctype.${d}`)} rights={r} all={false} disabled={readOnly} testId={`right-doc-${d}`} onChange={(nr) => setDocs((x) => ({ ...x, [d]: nr }))}
                        extra={!readOnly && <ActionIcon variant="subtle" color="red" aria-label={t('common.remove')} onClick={() => setDocs(({ [d]: _, ...rest }) => rest)}><IconTrash size={14} /></ActionIcon>} />
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {!readOnly && (
                <Select placeholder={t('roles.add_override')} data={addable} value={null} searchable onChange={(d) => d && setDocs((x) => ({ ...x, [d]: [] }))} w={280} data-testid="role-add-override" />
              )}
            </>
          )}
          {!readOnly && (
            <Group justify="flex-end">
              <Button type="submit" loading={busy} data-testid="role-save">{t('common.save')}</Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
