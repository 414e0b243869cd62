/** Log in to the company chosen on the picker. A wrong password shows the translated error. */
import { useState } from 'react';
import { Alert, Anchor, Button, Container, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { login } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useErrorText, useT } from '../i18n/use-t';
import { LangSwitch } from './LangSwitch';
import { formKeyDown } from './form';
import { DEMO_ADMIN } from './CompanyPicker';

export function LoginScreen() {
  const t = useT();
  const errorText = useErrorText();
  const env = useApp((s) => s.env)!;
  const company = useApp((s) => s.loginCompany)!;
  const setSession = useApp((s) => s.setSession);
  const setLoginCompany = useApp((s) => s.setLoginCompany);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      setSession(await login(env, company.id, username, password));
    } catch (e) {
      setError(errorText(e));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Container size={420} py={80}>
      <Group justify="space-between" mb="md">
        <Anchor component="button" type="button" size="sm" onClick={() => setLoginCompany(null)} data-testid="login-back">
          <Group gap={4}><IconArrowLeft size={14} />{t('login.back')}</Group>
        </Anchor>
        <LangSwitch />
      </Group>
      <Paper withBorder p="lg" radius="md">
        <form noValidate onKeyDown={formKeyDown} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          <Stack>
            <div>
              <Title order={3} data-testid="login-company">{company.name}</Title>
              <Text size="sm" c="dimmed">{t('picker.branch', { code: company.branchCode, name: company.branchName })}</Text>
            </div>
            {error && <Alert color="red" data-testid="login-error">{error}</Alert>}
            <TextInput name="username" label={t('user.username')} autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.currentTarget.value)} />
            <PasswordInput name="password" label={t('user.password')} autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            {company.demo && <Text size="xs" c="dimmed">{t('demo.credentials', DEMO_ADMIN)}</Text>}
            <Button type="submit" loading={busy} data-testid="login-submit">{t('login.submit')}</Button>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
