/** CRM dashboard: pipeline by stage, win rate, lead sources, activities per rep, weighted forecast (simple bars). */
import { useEffect, useState } from 'react';
import { Alert, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { crmDashboard, type CrmDashboard } from '../../shared/crm';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';

export function DashboardPage() {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const [d, setD] = useState<CrmDashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void crmDashboard(session).then(setD, (e) => setError(errorText(e))), [session, errorText]);
  const base = session.baseCurrency;
  const bar = (label: string, value: number, max: number, text: string, key: string) => (
    <div key={key}>
      <Group justify="space-between"><Text size="sm">{label}</Text><Text size="sm">{text}</Text></Group>
      <Progress value={max ? (value * 100) / max : 0} />
    </div>
  );
  return (
    <Stack>
      <Title order={3}>{t('crm.page.dashboard')}</Title>
      {error && <Alert color="red">{error}</Alert>}
      {d && (
        <SimpleGrid cols={2}>
          <Card withBorder data-testid="crm-dash-pipeline">
            <Text fw={600} mb="xs">{t('crm.pipeline_by_stage')}</Text>
            {d.pipelineByStage.map((p) => bar(t(`option.${p.stage}`), p.amount, Math.max(...d.pipelineByStage.map((x) => x.amount)), `${p.count} · ${fmt.money(p.amount, base)}`, p.stage))}
          </Card>
          <Card withBorder>
            <Text fw={600}>{t('crm.win_rate')}</Text>
            <Text size="xl" data-testid="crm-dash-winrate">{d.winRate ? `${d.winRate}%` : '—'}</Text>
            <Text fw={600} mt="md" mb="xs">{t('crm.lead_sources')}</Text>
            {d.leadSources.map((s) => bar(t(`option.${s.source}`), s.count, Math.max(...d.leadSources.map((x) => x.count)), `${s.count} (${s.converted})`, s.source))}
          </Card>
          <Card withBorder>
            <Text fw={600} mb="xs">{t('crm.forecast')}</Text>
            {d.forecast.byMonth.map((m) => bar(m.month || '—', m.weighted, Math.max(...d.forecast.byMonth.map((x) => x.weighted)), fmt.money(m.weighted, base), m.month))}
          </Card>
          <Card withBorder>
            <Text fw={600} mb="xs">{t('crm.activities_per_rep')}</Text>
            {d.activitiesPerRep.map((r) => bar(r.owner === session.user.id ? session.user.displayName : r.owner || t('crm.unassigned'), r.open + r.done, Math.max(...d.activitiesPerRep.map((x) => x.open + x.done)), `${r.open} / ${r.done} / ${r.overdue}`, r.owner))}
          </Card>
        </SimpleGrid>
      )}
    </Stack>
  );
}
