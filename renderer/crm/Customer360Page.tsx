/** Customer 360: pick a customer (type-ahead), see contacts, pipeline, quotes, orders, invoices, AR and the timeline. */
import { useEffect, useState } from 'react';
import { Alert, Card, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { listDocs, type BaseRecord } from '../../shared/api';
import { customer360, type Customer360 } from '../../shared/crm';
import { useApp } from '../state/app.store';
import type { PageProps } from '../pages/registry';
import { useErrorText, useFormat, useT } from '../i18n/use-t';

export function Customer360Page({ params }: PageProps) {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const [id, setId] = useState<string | null>(params?.id ?? null);
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<BaseRecord[]>([]);
  const [data, setData] = useState<Customer360 | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!q.trim()) return setHits([]);
    listDocs(session, 'Customer', { search: q, limit: 8 }).then((p) => setHits(p.rows), () => undefined);
  }, [q, session]);
  useEffect(() => {
    if (id) customer360(session, id).then(setData, (e) => setError(errorText(e)));
  }, [id, session, errorText]);

  const base = session.baseCurrency;
  const money = (v: number | null) => (v === null ? '—' : fmt.money(v, base));
  const list = (title: string, rows: BaseRecord[] | null, docType: string, cols: (r: BaseRecord) => string[]) => rows === null ? null : (
    <Card withBorder data-testid={`crm-360-${docType}`}>
      <Text fw={600} mb="xs">{t(title)} ({rows.length})</Text>
      <Table><Table.Tbody>{rows.slice(0, 20).map((r) => (
        <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => navigate({ name: 'form', docType, id: r.id })}>
          {cols(r).map((c, i) => <Table.Td key={i}>{c}</Table.Td>)}
        </Table.Tr>
      ))}</Table.Tbody></Table>
    </Card>
  );
  return (
    <Stack>
      <Title order={3}>{t('crm.page.customer360')}</Title>
      <TextInput label={t('crm.pick_customer')} value={q} onChange={(e) => setQ(e.currentTarget.value)} data-testid="crm-360-search" />
      {hits.length > 0 && (
        <Group>{hits.map((h) => <Card key={h.id} withBorder padding="xs" style={{ cursor: 'pointer' }} onClick={() => { setId(h.id); setQ(''); }} data-testid={`crm-360-pick-${h.number}`}>{String(h.customerName)}</Card>)}</Group>
      )}
      {error && <Alert color="red">{error}</Alert>}
      {data && (
        <>
          <Title order={4} data-testid="crm-360-name">{String(data.customer.customerName)}</Title>
          <SimpleGrid cols={4}>
            <Card withBorder><Text size="xs" c="dimmed">{t('crm.open_opportunities')}</Text><Text fw={600}>{money(data.pipeline.open)}</Text></Card>
            <Card withBorder><Text size="xs" c="dimmed">{t('crm.outstanding')}</Text><Text fw={600} data-testid="crm-360-outstanding">{money(data.outstanding)}</Text></Card>
            <Card withBorder><Text size="xs" c="dimmed">{t('crm.overdue')}</Text><Text fw={600}>{money(data.overdue)}</Text></Card>
            <Card withBorder><Text size="xs" c="dimmed">{t('crm.lifetime_value')}</Text><Text fw={600}>{money(data.lifetimeValue)}</Text></Card>
          </SimpleGrid>
          <SimpleGrid cols={2}>
            {list('crm.contacts', data.contacts, 'Contact', (r) => [String(r.contactName), String(r.jobTitle ?? ''), String(r.mobile || r.phone || ''), String(r.email ?? '')])}
            {list('crm.open_opportunities', data.openOpportunities, 'Opportunity', (r) => [String(r.title), t(`option.${String(r.stage)}`), fmt.money(Number(r.amount), String(r.currency || base))])}
            {list('crm.quotes', data.quotes, 'Quote', (r) => [r.number, t(`status.${r.status}`), fmt.money(Number(r.grandTotal), String(r.currency || base))])}
            {list('crm.orders', data.orders, 'SalesOrder', (r) => [r.number, t(`status.${r.status}`), r.netTotal === undefined ? '' : fmt.money(Number(r.netTotal), String(r.currency || base))])}
            {list('crm.invoices', data.invoices, 'SalesInvoice', (r) => [r.number, fmt.date(String(r.postingDate)), fmt.money(Number(r.grandTotal), String(r.currency || base))])}
          </SimpleGrid>
          <Card withBorder>
            <Text fw={600} mb="xs">{t('crm.timeline')}</Text>
            {data.timeline.map((e, i) => (
              <Text key={i} size="sm">{fmt.dateTime(e.at.length > 10 ? e.at : `${e.at}T00:00:00`)} · {e.activity ? `${t(`option.${String(e.activity.activityType)}`)}: ${String(e.activity.subject)}` : `${e.audit?.action} (${e.audit?.userName})${e.audit?.note ? ` — ${e.audit.note}` : ''}`}</Text>
            ))}
          </Card>
        </>
      )}
    </Stack>
  );
}
