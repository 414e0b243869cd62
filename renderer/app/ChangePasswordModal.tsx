/** The signed-in user changes their own password (old password required). */
import { useState } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { changeOwnPassword } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useT } from '../i18n/use-t';
import { formKeyDown, useFieldErrors } from './form';
import { notify } from './notify';

const FIELDS = ['oldPassword', 'newPassword', 'passwordConfirm'] as const;

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useT();
  const session = useApp((s) => s.session)!;
  const fe = useFieldErrors(FIELDS);
  const [v, setV] = useState({ oldPassword: '', newPassword: '', passwordConfirm: '' });
  const [busy, setBusy] = useState(false);
  const close = () => {
    setV({ oldPassword: '', newPassword: '', passwordConfirm: '' });
    fe.clear();
    onClose();
  };
  const submit = async () => {
    fe.clear();
    if (v.newPassword !== v.passwordConfirm) return fe.setField('passwordConfirm', t('company.password_mismatch'));
    setBusy(true);
    try {
      await changeOwnPassword(session, v.oldPassword, v.newPassword);
      notify('success', t('user.password_changed'));
      close();
    } catch (e) {
      fe.fromError(e);
    } finally {
      setBusy(false);
    }
  };
  const field = (k: (typeof FIELDS)[number]) => ({ name: k, value: v[k], error: fe.errors[k], onChange: (e: { currentTarget: { value: string } }) => { const val = e.currentTarget.value; setV((x) => ({ ...x, [k]: val })); } });
  return (
    <Modal opened={opened} onClose={close} title={t('user.change_password')}>
      <form noValidate onKeyDown={formKeyDown} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Stack>
          {fe.general && <Alert color="red">{fe.general}</Alert>}
          <PasswordInput label={t('user.old_password')} autoComplete="current-password" data-autofocus {...field('oldPassword')} />
          <PasswordInput label={t('user.new_password')} autoComplete="new-password" {...field('newPassword')} />
          <PasswordInput label={t('user.passwordConfirm')} autoComplete="new-password" {...field('passwordConfirm')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy} data-testid="password-save">{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
