/**
 * CRM dashboard: pipeline by stage (bars: amount, with count and money as text), win rate
 * (donut of won vs lost with the rate in the middle), lead sources (donut of leads per source,
 * converted ones in the legend), activities per rep (stacked bars: done / open on time /
 * overdue) and the weighted forecast by month (bars). Figures come from crmDashboard (exact:
 * money in minor units, the win rate through decimal.js); the charts only draw them.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { crmDashboard, type CrmDashboard } from '../../shared/crm';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { BarChart, CHART_COLORS, DonutChart } from '../ui/charts';
import { useSalesUsers } from './use-users';

const STAGE_COLOR: Record<string, string> = {
  prospecting: 'var(--mantine-color-blue-4)',
  qualification: 'var(--mantine-color-blue-6)',
  proposal: 'var(--mantine-color-indigo-6)',
  negotiation: 'var(--mantine-color-grape-6)',
  won: 'var(--mantine-color-teal-6)',
  lost: 'var(--mantine-color-red-6)',
};
const DONE = 'var(--mantine-color-teal-6)';
const OPEN = 'var(--mantine-color-blue-5)';
const OVERDUE = 'var(--mantine-color-red-6)';

export function DashboardPage() {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const { name } = useSalesUsers();
  const [d, setD] = useState<CrmDashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void crmDashboard(session).then(setD, (e) => setError(errorText(e))), [session, errorText]);
  const base = session.baseCurrency;
  const empty = t('crm.chart_empty');

  const card = (title: string, testId: string, chart: ReactNode) => (
    <Card withBorder data-testid={testId}>
      <Text fw={600} mb="xs">
        {title}
      </Text>
      {chart}
    </Card>
  );

  if (error) return <Alert color="red">{error}</Alert>;
  if (!d) return <Title order={3}>{t('crm.page.dashboard')}</Title>;

  const won = d.pipelineByStage.find((p) => p.stage === 'won')?.count ?? 0;
  const lost = d.pipelineByStage.find((p) => p.stage === 'lost')?.count ?? 0;
  const leadTotal = d.leadSources.reduce((a, s) => a + s.count, 0);

  return (
    <Stack>
      <Title order={3}>{t('crm.page.dashboard')}</Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {card(
          t('crm.pipeline_by_stage'),
          'crm-dash-pipeline',
          <BarChart
            title={t('crm.pipeline_by_stage')}
            testId="crm-chart-pipeline"
            emptyText={empty}
            data={d.pipelineByStage.map((p) => ({
              key: p.stage,
              label: t(`option.${p.stage}`),
              segments: [{ value: p.amount, color: STAGE_COLOR[p.stage] ?? CHART_COLORS[0], label: t('crm.total') }],
              valueText: `${fmt.number(p.count)} · ${fmt.money(p.amount, base)}`,
            }))}
          />,
        )}
        {card(
          t('crm.win_rate'),
          'crm-dash-winrate',
          <DonutChart
            title={t('crm.win_rate')}
            testId="crm-chart-winrate"
            emptyText={t('crm.no_closed')}
            center={d.winRate ? `${d.winRate}%` : '—'}
            centerSub={t('crm.win_rate_of', { won: fmt.number(won), closed: fmt.number(won + lost) })}
            data={[
              { key: 'won', label: t('option.won'), value: won, color: STAGE_COLOR.won, valueText: fmt.number(won) },
              { key: 'lost', label: t('option.lost'), value: lost, color: STAGE_COLOR.lost, valueText: fmt.number(lost) },
            ]}
          />,
        )}
        {card(
          t('crm.lead_sources'),
          'crm-dash-sources',
          <DonutChart
            title={t('crm.lead_sources')}
            testId="crm-chart-sources"
            emptyText={empty}
            center={fmt.number(leadTotal)}
            centerSub={t('doctype.Lead')}
            data={d.leadSources.map((s, i) => ({
              key: s.source,
              label: t(`option.${s.source}`),
              value: s.count,
              color: CHART_COLORS[i % CHART_COLORS.length],
              valueText: t('crm.leads_converted', { count: fmt.number(s.count), converted: fmt.number(s.converted) }),
            }))}
          />,
        )}
        {card(
          t('crm.activities_per_rep'),
          'crm-dash-activities',
          <BarChart
            title={t('crm.activities_per_rep')}
            testId="crm-chart-activities"
            emptyText={empty}
            legend={[
              { label: t('crm.activities_done'), color: DONE },
              { label: t('crm.activities_open'), color: OPEN },
              { label: t('crm.overdue'), color: OVERDUE },
            ]}
            data={d.activitiesPerRep.map((r) => ({
              key: r.owner || 'unassigned',
              label: r.owner ? name(r.owner) : t('crm.unassigned'),
              segments: [
                { value: r.done, color: DONE, label: t('crm.activities_done') },
                { value: r.open - r.overdue, color: OPEN, label: t('crm.activities_open') },
                { value: r.overdue, color: OVERDUE, label: t('crm.overdue') },
              ],
              valueText: t('crm.activities_text', { done: fmt.number(r.done), open: fmt.number(r.open), overdue: fmt.number(r.overdue) }),
            }))}
          />,
        )}
        {card(
          t('crm.forecast'),
          'crm-dash-forecast',
          <BarChart
            title={t('crm.forecast')}
            testId="crm-chart-forecast"
            emptyText={empty}
            data={d.forecast.byMonth.map((m) => ({
              key: m.month || 'undated',
              label: m.month || t('crm.undated'),
              segments: [{ value: m.weighted, color: CHART_COLORS[0], label: t('crm.weighted') }],
              valueText: fmt.money(m.weighted, base),
            }))}
          />,
        )}
      </SimpleGrid>
    </Stack>
  );
}
