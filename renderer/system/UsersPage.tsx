/** Users (administrators; the services enforce it too): list, create, edit. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { listBranches, listRoles, listUsers, type BranchRow, type Role, type UserRecord } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useErrorText, useT } from '../i18n/use-t';
import { UserModal } from './UserModal';
import { roleLabel } from './role-label';

/** What the screens use of a user (listUsers returns the record without its password hash;
 * `Omit` over UserRecord's index signature loses the named fields, hence the Pick). */
export type PublicUser = Pick<UserRecord, 'id' | 'username' | 'displayName' | 'roleIds' | 'active' | 'branchId'>;

export function UsersPage() {
  const t = useT();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const [users, setUsers] = useState<PublicUser[]>([]);
  const [roles, setRoles] = useState<Role[]>([]);
  const [branches, setBranches] = useState<BranchRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<PublicUser | 'new' | null>(null);
  const isAdmin = session.can('User', 'admin');

  const load = useCallback(async () => {
    try {
      const [u, r, b] = await Promise.all([listUsers(session), listRoles(session), listBranches(session)]);
      setUsers(u as unknown as PublicUser[]);
      setRoles(r);
      setBranches(b);
    } catch (e) {
      setError(errorText(e));
    }
  }, [session, errorText]);
  useEffect(() => void load(), [load]);

  // where a user signs in: every branch (made at head office), one branch, or this installation only
  const worksAt = (u: PublicUser) => (u.branchId === '' ? t('user.works_at_all') : u.branchId === undefined ? t('user.works_at_local') : (branches.find((b) => b.id === u.branchId)?.code ?? u.branchId));
  const roleNames = (ids: string[]) => ids.map((id) => roles.find((r) => r.id === id)).filter((r): r is Role => !!r);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>{t('nav.users')}</Title>
        {isAdmin && <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="user-create">{t('user.create')}</Button>}
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      <Table striped highlightOnHover data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('user.username')}</Table.Th>
            <Table.Th>{t('user.displayName')}</Table.Th>
            <Table.Th>{t('user.roles')}</Table.Th>
            <Table.Th>{t('user.works_at')}</Table.Th>
            <Table.Th>{t('user.active')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.id} style={{ cursor: isAdmin ? 'pointer' : undefined }} onClick={() => isAdmin && setEditing(u)} data-testid={`user-row-${u.username}`}>
              <Table.Td fw={600}>{u.username}</Table.Td>
              <Table.Td>{u.displayName}</Table.Td>
              <Table.Td>
                <Group gap={4}>{roleNames(u.roleIds).map((r) => <Badge key={r.id} variant="light" size="sm">{roleLabel(r, t)}</Badge>)}</Group>
              </Table.Td>
              <Table.Td data-testid={`user-works-at-${u.username}`}>{worksAt(u)}</Table.Td>
              <Table.Td>{u.active ? <Badge color="teal" variant="light">{t('common.yes')}</Badge> : <Badge color="gray" variant="light">{t('common.no')}</Badge>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {users.length === 0 && !error && <Text c="dimmed">{t('common.loading')}</Text>}
      {editing && <UserModal user={editing === 'new' ? null : editing} roles={roles} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void load(); }} />}
    </Stack>
  );
}
