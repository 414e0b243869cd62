/**
 * Join a company from head office (company picker): a new installation at a branch takes the
 * company, its branch, currency and chart template from HQ instead of inventing its own.
 * Step 1 looks the code up without using it and shows what it joins; step 2 makes the local
 * administrator and joins (shared/sync/join.ts). The first sync starts on the Sync page.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Container, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconBuildingCommunity } from '@tabler/icons-react';
import { LANGUAGES } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useT } from '../i18n/use-t';
import { formKeyDown, useFieldErrors } from '../app/form';
import { AdminFields } from '../app/AdminFields';
import { notify } from '../app/notify';
import { checkJoinCode, httpTransport, joinCompany, type JoinCheck } from './engine';
import { syncErrorText } from './errors';

const FIELDS = ['serverUrl', 'code', 'language', 'username', 'displayName', 'password', 'passwordConfirm'] as const;

function Info({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm" fw={500} data-testid={testId}>{value}</Text>
    </Stack>
  );
}

export function JoinCompanyForm({ onCancel }: { onCancel: () => void }) {
  const t = useT();
  const env = useApp((s) => s.env)!;
  const lang = useApp((s) => s.lang);
  const setLang = useApp((s) => s.setLang);
  const setSession = useApp((s) => s.setSession);
  const navigate = useApp((s) => s.navigate);
  const fe = useFieldErrors(FIELDS);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<JoinCheck | null>(null);
  const [v, setV] = useState({ serverUrl: '', code: '', language: lang as string, username: 'admin', displayName: '', password: '', passwordConfirm: '' });
  const set = (k: keyof typeof v) => (e: { currentTarget: { value: string } }) => {
    const val = e.currentTarget.value;
    setV((x) => ({ ...x, [k]: val }));
    if (k === 'serverUrl' || k === 'code') setFound(null);
  };
  const field = (k: (typeof FIELDS)[number]) => ({ name: k, value: v[k], onChange: set(k), error: fe.errors[k] });
  const url = () => v.serverUrl.trim().replace(/\/+$/, '');

  const fail = (e: unknown) => {
    if (e && typeof e === 'object' && (e as { name?: string }).name === 'DomainError' && ((e as { issues?: unknown[] }).issues?.length ?? 0) > 0) fe.fromError(e);
    // nothing is kept for later here: the generic "work is kept" network message does not fit
    else if (e instanceof TypeError) setError(t('syncui.join.unreachable'));
    else setError(syncErrorText(lang, e));
  };

  const check = async () => {
    fe.clear();
    setError(null);
    if (!/^https?:\/\/\S+$/i.test(url())) return fe.setField('serverUrl', t('syncui.enrol.server_invalid'));
    if (!v.code.trim()) return fe.setField('code', t('error.required'));
    setBusy(true);
    try {
      const info = await checkJoinCode(env, httpTransport(url()), v.code.trim());
      if (info.alreadyHere) setError(t('error.company_exists', { name: info.companyName ?? info.companyId }));
      else if (!info.baseCurrency || !info.template) setError(t('sync.company_setup_missing'));
      else setFound(info);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const join = async () => {
    fe.clear();
    setError(null);
    if (v.password !== v.passwordConfirm) return fe.setField('passwordConfirm', t('company.password_mismatch'));
    setBusy(true);
    try {
      const deviceName = `${found!.branchCode}-${env.deviceId.slice(-6)}`;
      const { session } = await joinCompany(env, httpTransport(url()), { serverUrl: url(), code: v.code.trim(), deviceName, language: v.language, admin: { username: v.username, displayName: v.displayName, password: v.password } });
      notify('success', t('syncui.join.done', { name: session.settings.name }));
      if (v.language === 'en' || v.language === 'zh-CN') setLang(v.language);
      setSession(session);
      navigate({ name: 'page', page: 'sync.settings' });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Container size="sm" py="xl">
      <Paper withBorder p="lg" radius="md">
        <form noValidate onKeyDown={formKeyDown} onSubmit={(e) => { e.preventDefault(); void (found ? join() : check()); }} data-testid="join-form">
          <Stack>
            <Group gap="xs">
              <IconBuildingCommunity size={22} />
              <Title order={3}>{t('syncui.join.title')}</Title>
            </Group>
            <Text size="sm" c="dimmed">{t('syncui.join.intro')}</Text>
            {(error || fe.general) && <Alert color="red" icon={<IconAlertTriangle size={16} />} data-testid="join-error">{error ?? fe.general}</Alert>}
            <TextInput label={t('syncui.enrol.server')} description={t('syncui.enrol.server_hint')} placeholder="https://" required autoFocus {...field('serverUrl')} />
            <TextInput label={t('syncui.enrol.code')} description={t('syncui.enrol.code_hint')} required autoComplete="off" {...field('code')} />
            {!found && (
              <Group justify="flex-end">
                <Button variant="default" onClick={onCancel} disabled={busy}>{t('common.back')}</Button>
                <Button type="submit" loading={busy} data-testid="join-check">{t('syncui.join.check')}</Button>
              </Group>
            )}
            {found && (
              <>
                <Paper withBorder p="sm" bg="var(--mantine-color-default-hover)" data-testid="join-found">
                  <SimpleGrid cols={2}>
                    <Info label={t('company.name')} value={found.companyName ?? ''} testId="join-company" />
                    <Info label={t('company.branch')} value={`${found.branchCode} · ${found.branchName ?? ''}`} testId="join-branch" />
                    <Info label={t('company.baseCurrency')} value={found.baseCurrency ?? ''} testId="join-currency" />
                    <Info label={t('company.template')} value={t(`template.${found.template}`)} testId="join-template" />
                  </SimpleGrid>
                  <Group mt="xs" gap="xs">
                    <Badge variant="light">{t(`syncui.scope.${found.scope}`)}</Badge>
                    <Text size="xs" c="dimmed">{t('syncui.join.expires', { at: new Date(found.expiresAt).toLocaleString(lang) })}</Text>
                  </Group>
                </Paper>
                <NativeSelect label={t('company.language')} {...field('language')} data={LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
                <AdminFields field={field} hint={t('syncui.join.admin_hint')} />
                <Group justify="flex-end">
                  <Button variant="default" onClick={onCancel} disabled={busy}>{t('common.back')}</Button>
                  <Button type="submit" loading={busy} data-testid="join-submit">{t('syncui.join.submit')}</Button>
                </Group>
              </>
            )}
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
