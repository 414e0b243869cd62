/** Company settings (updateSettings); base currency and branch are fixed at creation. */
import { useEffect, useState } from 'react';
import { Alert, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { LANGUAGES, attachmentUsage, updateSettings } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useFormat, useT } from '../i18n/use-t';
import { formatBytes } from '../doc/AttachmentsPanel';
import { formKeyDown, useFieldErrors } from '../app/form';
import { notify } from '../app/notify';

const FIELDS = ['name', 'language', 'lockDate', 'allowNegativeStock'] as const;

export function SettingsPage() {
  const t = useT();
  const session = useApp((s) => s.session)!;
  const touch = useApp((s) => s.touchSession);
  const fe = useFieldErrors(FIELDS);
  const st = session.settings;
  const [v, setV] = useState({ name: st.name, language: st.language, lockDate: st.lockDate ?? '', allowNegativeStock: !!st.allowNegativeStock });
  const [busy, setBusy] = useState(false);
  const fmt = useFormat();
  const [usage, setUsage] = useState<{ count: number; bytes: number; maxBytes: number } | null>(null);
  useEffect(() => {
    attachmentUsage(session).then(setUsage, () => setUsage(null));
  }, [session]);

  const submit = async () => {
    fe.clear();
    if (!v.name.trim()) return fe.setField('name', t('error.required'));
    if (v.lockDate && !/^\d{4}-\d{2}-\d{2}$/.test(v.lockDate)) return fe.setField('lockDate', t('error.date_invalid', { value: v.lockDate }));
    setBusy(true);
    try {
      await updateSettings(session, { name: v.name.trim(), language: v.language, lockDate: v.lockDate || undefined, allowNegativeStock: v.allowNegativeStock });
      touch();
      notify('success', t('settings.saved'));
    } catch (e) {
      fe.fromError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={640}>
      <Title order={3}>{t('nav.settings')}</Title>
      <Paper withBorder p="md">
        <form noValidate onKeyDown={formKeyDown} onSubmit={(e) => { e.preventDefault(); void submit(); }} data-testid="settings-form">
          <Stack>
            {fe.general && <Alert color="red">{fe.general}</Alert>}
            <TextInput name="name" label={t('company.name')} required value={v.name} error={fe.errors.name} onChange={(e) => { const val = e.currentTarget.value; setV((x) => ({ ...x, name: val })); }} />
            <NativeSelect name="language" label={t('settings.language')} value={v.language} error={fe.errors.language} onChange={(e) => { const val = e.currentTarget.value; setV((x) => ({ ...x, language: val })); }} data={LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
            <TextInput name="lockDate" type="date" label={t('settings.lockDate')} description={t('settings.lockDate_hint')} value={v.lockDate} error={fe.errors.lockDate} onChange={(e) => { const val = e.currentTarget.value; setV((x) => ({ ...x, lockDate: val })); }} />
            <Switch name="allowNegativeStock" label={t('settings.allowNegativeStock')} checked={v.allowNegativeStock} onChange={(e) => { const val = e.currentTarget.checked; setV((x) => ({ ...x, allowNegativeStock: val })); }} />
            <SimpleGrid cols={2}>
              <TextInput label={t('company.baseCurrency')} value={st.baseCurrency} readOnly disabled description={t('settings.fixed')} />
              <TextInput label={t('company.branchCode')} value={`${st.branchCode} · ${st.branchName}`} readOnly disabled description={t('settings.fixed')} />
            </SimpleGrid>
            {usage && (
              <Text size="sm" c="dimmed" data-testid="settings-attachments">
                {t('attachments.usage', { count: fmt.number(usage.count), size: formatBytes(usage.bytes, fmt.number) })} {t('attachments.limit', { size: formatBytes(usage.maxBytes, fmt.number) })}
              </Text>
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={busy} data-testid="settings-save">{t('common.save')}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
