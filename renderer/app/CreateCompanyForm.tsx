/**
 * New company: the company itself, its first branch and its first administrator, created in
 * one call (createCompany) that logs the administrator in. Problems show under their fields.
 */
import { useState } from 'react';
import { Alert, Button, Container, Group, NativeSelect, Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { ACCOUNTING_TEMPLATES, CURRENCIES, LANGUAGES, createCompany } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useT } from '../i18n/use-t';
import { formKeyDown, useFieldErrors } from './form';
import { AdminFields } from './AdminFields';
import { notify } from './notify';

const FIELDS = ['name', 'baseCurrency', 'country', 'template', 'language', 'branchCode', 'branchName', 'username', 'displayName', 'password', 'passwordConfirm'] as const;

export function CreateCompanyForm({ onCancel }: { onCancel: () => void }) {
  const t = useT();
  const env = useApp((s) => s.env)!;
  const lang = useApp((s) => s.lang);
  const setSession = useApp((s) => s.setSession);
  const setLang = useApp((s) => s.setLang);
  const fe = useFieldErrors(FIELDS);
  const [busy, setBusy] = useState(false);
  const [v, setV] = useState({
    name: '', baseCurrency: lang === 'zh-CN' ? 'CNY' : 'USD', country: lang === 'zh-CN' ? 'CN' : '', template: lang === 'zh-CN' ? 'cn-small-enterprise' : 'generic', language: lang as string,
    branchCode: 'HQ', branchName: '', username: 'admin', displayName: '', password: '', passwordConfirm: '',
  });
  const set = (k: keyof typeof v) => (e: { currentTarget: { value: string } }) => { const val = e.currentTarget.value; setV((x) => ({ ...x, [k]: val })); };
  const field = (k: (typeof FIELDS)[number]) => ({ name: k, value: v[k], onChange: set(k), error: fe.errors[k] });

  const submit = async () => {
    fe.clear();
    if (v.password !== v.passwordConfirm) {
      fe.setField('passwordConfirm', t('company.password_mismatch'));
      return;
    }
    setBusy(true);
    try {
      const s = await createCompany(env, { name: v.name, baseCurrency: v.baseCurrency, country: v.country.trim(), template: v.template, language: v.language, branchCode: v.branchCode, branchName: v.branchName, admin: { username: v.username, displayName: v.displayName, password: v.password } });
      notify('success', t('company.created', { name: s.settings.name }));
      if (v.language === 'en' || v.language === 'zh-CN') setLang(v.language);
      setSession(s);
    } catch (e) {
      fe.fromError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Container size="sm" py="xl">
      <Paper withBorder p="lg" radius="md">
        <form noValidate onKeyDown={formKeyDown} onSubmit={(e) => { e.preventDefault(); void submit(); }} data-testid="company-form">
          <Stack>
            <Title order={3}>{t('company.create_title')}</Title>
            {fe.general && <Alert color="red">{fe.general}</Alert>}
            <TextInput label={t('company.name')} required autoFocus {...field('name')} />
            <SimpleGrid cols={2}>
              <NativeSelect label={t('company.baseCurrency')} {...field('baseCurrency')} data={CURRENCIES.map((c) => ({ value: c.code, label: `${c.code} (${c.symbol})` }))} />
              <TextInput label={t('company.country')} placeholder="CN" {...field('country')} />
            </SimpleGrid>
            <NativeSelect label={t('company.template')} {...field('template')} data={ACCOUNTING_TEMPLATES.map((id) => ({ value: id, label: t(`template.${id}`) }))} />
            <NativeSelect label={t('company.language')} {...field('language')} data={LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
            <SimpleGrid cols={2}>
              <TextInput label={t('company.branchCode')} description={t('company.branchCode_hint')} required {...field('branchCode')} />
              <TextInput label={t('company.branchName')} required {...field('branchName')} />
            </SimpleGrid>
            <AdminFields field={field} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onCancel} disabled={busy}>{t('common.back')}</Button>
              <Button type="submit" loading={busy} data-testid="company-submit">{t('company.create_submit')}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
