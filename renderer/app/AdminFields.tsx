/** The first administrator of a new local company (create company, join from head office). */
import { Divider, PasswordInput, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useT } from '../i18n/use-t';

type FieldProps = (name: 'username' | 'displayName' | 'password' | 'passwordConfirm') => { name: string; value: string; onChange(e: { currentTarget: { value: string } }): void; error?: string };

export function AdminFields({ field, hint }: { field: FieldProps; hint?: string }) {
  const t = useT();
  return (
    <>
      <Divider label={t('company.admin_section')} labelPosition="left" />
      {hint && <Text size="xs" c="dimmed">{hint}</Text>}
      <SimpleGrid cols={2}>
        <TextInput label={t('user.username')} required autoComplete="username" {...field('username')} />
        <TextInput label={t('user.displayName')} {...field('displayName')} />
        <PasswordInput label={t('user.password')} required autoComplete="new-password" {...field('password')} />
        <PasswordInput label={t('user.passwordConfirm')} required autoComplete="new-password" {...field('passwordConfirm')} />
      </SimpleGrid>
    </>
  );
}
