/** Create a user, or edit one (display name, roles, active, reset password). */
import { useState } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, PasswordInput, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { createUser, updateUser, type Role } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useT } from '../i18n/use-t';
import { formKeyDown, useFieldErrors } from '../app/form';
import { notify } from '../app/notify';
import { roleLabel } from './role-label';
import type { PublicUser } from './UsersPage';

const FIELDS = ['username', 'displayName', 'password', 'roleIds'] as const;

export function UserModal({ user, roles, onClose, onSaved }: { user: PublicUser | null; roles: Role[]; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const session = useApp((s) => s.session)!;
  const fe = useFieldErrors(FIELDS);
  const [busy, setBusy] = useState(false);
  // the role list closes after each pick so it never hides the Save button (few roles; reopen to add more)
  const [rolesOpen, setRolesOpen] = useState(false);
  const [v, setV] = useState({ username: user?.username ?? '', displayName: user?.displayName ?? '', password: '', roleIds: user?.roleIds ?? [], active: user?.active ?? true, allBranches: false });
  // head office (or a company on its own) may make users of every branch; a branch makes its own
  const mayChooseAllBranches = !user && !session.settings.hqManaged;
  const text = (k: 'username' | 'displayName' | 'password') => ({ name: k, value: v[k], error: fe.errors[k], onChange: (e: { currentTarget: { value: string } }) => { const val = e.currentTarget.value; setV((x) => ({ ...x, [k]: val })); } });

  const submit = async () => {
    fe.clear();
    setBusy(true);
    try {
      if (user) {
        await updateUser(session, user.id, { displayName: v.displayName, roleIds: v.roleIds, active: v.active, ...(v.password ? { password: v.password } : {}) });
        notify('success', t('user.saved', { name: user.username }));
      } else {
        const u = await createUser(session, { username: v.username, displayName: v.displayName, password: v.password, roleIds: v.roleIds, active: v.active, ...(v.allBranches ? { allBranches: true } : {}) });
        notify('success', t('user.created', { name: u.username }));
      }
      onSaved();
    } catch (e) {
      fe.fromError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={user ? t('user.edit_title', { name: user.username }) : t('user.create')} size="lg">
      <form noValidate onKeyDown={formKeyDown} onSubmit={(e) => { e.preventDefault(); void submit(); }} data-testid="user-form">
        <Stack>
          {fe.general && <Alert color="red">{fe.general}</Alert>}
          <SimpleGrid cols={2}>
            <TextInput label={t('user.username')} required disabled={!!user} data-autofocus={!user || undefined} {...text('username')} />
            <TextInput label={t('user.displayName')} data-autofocus={user ? true : undefined} {...text('displayName')} />
            <PasswordInput label={user ? t('user.reset_password') : t('user.password')} description={user ? t('user.reset_password_hint') : undefined} required={!user} autoComplete="new-password" {...text('password')} />
          </SimpleGrid>
          <MultiSelect name="roleIds" label={t('user.roles')} withAsterisk data={roles.map((r) => ({ value: r.id, label: roleLabel(r, t) }))} value={v.roleIds} onChange={(roleIds) => setV((x) => ({ ...x, roleIds }))} error={fe.errors.roleIds} searchable comboboxProps={{ withinPortal: true }}
            dropdownOpened={rolesOpen} onDropdownOpen={() => setRolesOpen(true)} onDropdownClose={() => setRolesOpen(false)} onOptionSubmit={() => setRolesOpen(false)} data-testid="user-roles" />
          <Switch label={t('user.active')} checked={v.active} onChange={(e) => { const val = e.currentTarget.checked; setV((x) => ({ ...x, active: val })); }} data-testid="user-active" />
          {mayChooseAllBranches && <Switch label={t('user.all_branches')} description={t('user.all_branches_hint')} checked={v.allBranches} onChange={(e) => { const val = e.currentTarget.checked; setV((x) => ({ ...x, allBranches: val })); }} data-testid="user-all-branches" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy} data-testid="user-save">{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
