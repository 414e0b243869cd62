/**
 * First screen: the companies on this computer (name, base currency, branch), and the three
 * ways to get one: create, join from head office, open the demo company, restore a backup.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Center, Container, Group, Loader, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconBuildingCommunity, IconBuildingStore, IconDatabaseImport, IconPlus, IconSparkles } from '@tabler/icons-react';
import { createCompany, listCompanies, login, type CompanyInfo } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useErrorText, useT } from '../i18n/use-t';
import { LangSwitch } from './LangSwitch';
import { CreateCompanyForm } from './CreateCompanyForm';
import { JoinCompanyForm } from '../sync/JoinCompanyForm';
import { useRestoreFlow } from '../system/RestoreDialog';
import { notify } from './notify';

export const DEMO_ADMIN = { username: 'admin', password: 'demo1234' } as const;

export function CompanyPicker() {
  const t = useT();
  const errorText = useErrorText();
  const env = useApp((s) => s.env)!;
  const lang = useApp((s) => s.lang);
  const setSession = useApp((s) => s.setSession);
  const setLoginCompany = useApp((s) => s.setLoginCompany);
  const [companies, setCompanies] = useState<CompanyInfo[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [joining, setJoining] = useState(false);
  const [demoBusy, setDemoBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => listCompanies(env).then(setCompanies, (e) => setError(errorText(e))), [env, errorText]);
  useEffect(() => void refresh(), [refresh]);
  const restore = useRestoreFlow(() => void refresh(), { confirm: false });

  const openDemo = async () => {
    setDemoBusy(true);
    setError(null);
    try {
      const existing = (companies ?? []).find((c) => c.demo);
      const s = existing
        ? await login(env, existing.id, DEMO_ADMIN.username, DEMO_ADMIN.password)
        : await createCompany(env, { name: t('demo.company_name'), baseCurrency: 'CNY', country: 'CN', template: lang === 'zh-CN' ? 'cn-small-enterprise' : 'generic', language: lang, branchCode: 'HQ', branchName: t('demo.branch_name'), admin: { username: DEMO_ADMIN.username, displayName: t('demo.admin_name'), password: DEMO_ADMIN.password }, demo: true });
      if (!existing) notify('success', t('demo.created'), t('demo.credentials', DEMO_ADMIN));
      setSession(s);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setDemoBusy(false);
    }
  };

  if (creating) return <CreateCompanyForm onCancel={() => setCreating(false)} />;
  if (joining) return <JoinCompanyForm onCancel={() => setJoining(false)} />;

  return (
    <Container size="sm" py="xl">
      <Group justify="space-between" mb="lg">
        <Group gap="xs">
          <IconBuildingStore size={28} />
          <Title order={2}>{t('app.name')}</Title>
        </Group>
        <LangSwitch />
      </Group>
      <Paper withBorder p="lg" radius="md">
        <Stack>
          <Title order={4}>{t('picker.title')}</Title>
          {restore.dialog}
          {error && <Alert color="red" withCloseButton onClose={() => setError(null)}>{error}</Alert>}
          {companies === null ? (
            <Center py="md"><Loader size="sm" /></Center>
          ) : companies.length === 0 ? (
            <Text c="dimmed" size="sm">{t('picker.empty')}</Text>
          ) : (
            <Stack gap="xs" data-testid="company-list">
              {companies.map((c) => (
                <UnstyledButton key={c.id} data-testid={`company-item-${c.name}`} onClick={() => setLoginCompany(c)}>
                  <Card withBorder padding="sm" radius="sm">
                    <Group justify="space-between" wrap="nowrap">
                      <div>
                        <Text fw={600}>{c.name}</Text>
                        <Text size="xs" c="dimmed">{t('picker.branch', { code: c.branchCode, name: c.branchName })}</Text>
                      </div>
                      <Group gap="xs">
                        {c.demo && <Badge color="grape" variant="light">{t('picker.demo')}</Badge>}
                        <Badge variant="outline">{c.baseCurrency}</Badge>
                      </Group>
                    </Group>
                  </Card>
                </UnstyledButton>
              ))}
            </Stack>
          )}
          <Group>
            <Button leftSection={<IconPlus size={16} />} data-testid="company-create" onClick={() => setCreating(true)}>{t('picker.create')}</Button>
            <Button variant="light" color="grape" leftSection={<IconSparkles size={16} />} data-testid="company-demo" loading={demoBusy} onClick={openDemo}>{t('picker.demo_open')}</Button>
            <Button variant="default" leftSection={<IconBuildingCommunity size={16} />} data-testid="company-join" onClick={() => setJoining(true)}>{t('picker.join')}</Button>
            <Button variant="default" leftSection={<IconDatabaseImport size={16} />} data-testid="company-restore" onClick={() => void restore.start()}>{t('picker.restore')}</Button>
          </Group>
          <Text size="xs" c="dimmed" data-testid="demo-credentials">{t('demo.credentials', DEMO_ADMIN)}</Text>
        </Stack>
      </Paper>
    </Container>
  );
}
