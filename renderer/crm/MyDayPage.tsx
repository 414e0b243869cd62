/** "My day": the signed-in rep's overdue, today's and undated activities; due reminders fire on open. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { BaseRecord } from '../../shared/api';
import { completeActivity, dueReminders, myDay, type MyDay } from '../../shared/crm';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { notify } from '../app/notify';

export function MyDayPage() {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const [day, setDay] = useState<MyDay | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    for (const n of await dueReminders(session)) notify('info', t(n.messageKey, n.params));
    setDay(await myDay(session));
  }, [session, t]);
  useEffect(() => void load().catch((e) => setError(errorText(e))), [load, errorText]);

  const done = async (a: BaseRecord) => {
    try {
      await completeActivity(session, a.id, !a.done);
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const section = (key: string, rows: BaseRecord[], testid: string) => (
    <Card withBorder data-testid={testid}>
      <Text fw={600} mb="xs">{t(key)} ({rows.length})</Text>
      {rows.length === 0 ? <Text c="dimmed" size="sm">{t('crm.nothing')}</Text> : rows.map((a) => (
        <Group key={a.id} justify="space-between" py={4}>
          <Text size="sm" style={{ cursor: 'pointer', textDecoration: a.done ? 'line-through' : undefined }} onClick={() => navigate({ name: 'form', docType: 'Activity', id: a.id })}>
            {t(`option.${String(a.activityType)}`)} · {String(a.subject)} {a.dueDate ? `· ${fmt.date(String(a.dueDate))}` : ''}
          </Text>
          <Button size="xs" variant="light" onClick={() => void done(a)} data-testid={`crm-done-${a.number}`}>{t('crm.mark_done')}</Button>
        </Group>
      ))}
    </Card>
  );
  return (
    <Stack>
      <Title order={3}>{t('crm.page.my_day')}</Title>
      {error && <Alert color="red">{error}</Alert>}
      {day && (
        <>
          {section('crm.overdue', day.overdue, 'crm-overdue')}
          {section('crm.today', day.today, 'crm-today')}
          {section('crm.undated', day.undated, 'crm-undated')}
          {section('crm.done_today', day.doneToday, 'crm-done-today')}
        </>
      )}
    </Stack>
  );
}
