/** Roles: the list, and the rights editor for the chosen (or a new) role. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Grid, Group, NavLink, Paper, Stack, Title } from '@mantine/core';
import { IconPlus, IconShield } from '@tabler/icons-react';
import { listRoles, type Role } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useErrorText, useT } from '../i18n/use-t';
import { RoleEditor } from './RoleEditor';
import { roleLabel } from './role-label';

export function RolesPage() {
  const t = useT();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const [roles, setRoles] = useState<Role[]>([]);
  const [sel, setSel] = useState<string | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const isAdmin = session.can('Role', 'admin');

  const load = useCallback(async (select?: string) => {
    try {
      const r = await listRoles(session);
      setRoles(r);
      setSel((cur) => select ?? cur ?? r[0]?.id ?? null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [session, errorText]);
  useEffect(() => void load(), [load]);

  const role = sel === 'new' ? null : roles.find((r) => r.id === sel);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>{t('nav.roles')}</Title>
        {isAdmin && <Button leftSection={<IconPlus size={16} />} onClick={() => setSel('new')} data-testid="role-create">{t('roles.create')}</Button>}
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      <Grid>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Paper withBorder p={4}>
            {roles.map((r) => (
              <NavLink key={r.id} active={sel === r.id} label={roleLabel(r, t)} leftSection={<IconShield size={14} />} onClick={() => setSel(r.id)} data-testid={`role-item-${r.builtin ?? r.name}`}
                rightSection={r.builtin ? <Badge size="xs" variant="light">{t('roles.builtin')}</Badge> : undefined} />
            ))}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          {(role || sel === 'new') && <RoleEditor key={sel ?? ''} role={role ?? null} readOnly={!isAdmin || !!role?.all} onSaved={(r) => void load(r.id)} />}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
