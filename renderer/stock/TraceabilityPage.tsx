/**
 * Serial / batch trace: type a serial number or a batch number and see where it is now and
 * every movement it made (from the stock ledger, through `traceNumber` in
 * shared/stock/traceability.ts). Each document is a link to its form. Reached from the sidebar or
 * with params { q } (e.g. from a stock entry's batches and serials panel).
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { traceNumber, type TraceMovement, type TraceResult, type SerialTrace } from '../../shared/stock';
import type { PageProps } from '../pages/registry';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';

function Movements({ rows, truncated, showBatch }: { rows: TraceMovement[]; truncated: boolean; showBatch: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const navigate = useApp((s) => s.navigate);
  return (
    <Stack gap={4}>
      <Text fw={500} size="sm">{t('stock.trace.history')}</Text>
      <Table striped data-testid="trace-movements">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('stock.trace.col.date')}</Table.Th>
            <Table.Th>{t('stock.trace.col.document')}</Table.Th>
            <Table.Th>{t('stock.trace.col.warehouse')}</Table.Th>
            {showBatch && <Table.Th>{t('stock.trace.col.batch')}</Table.Th>}
            <Table.Th>{t('stock.trace.col.direction')}</Table.Th>
            <Table.Th ta="right">{t('stock.trace.col.qty')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.id} data-testid="trace-row" style={{ opacity: m.isReversal ? 0.6 : 1 }}>
              <Table.Td>{fmt.date(m.postingDate)}</Table.Td>
              <Table.Td>
                <Anchor size="sm" onClick={() => navigate({ name: 'form', docType: m.voucherType, id: m.voucherId })} data-testid={`trace-doc-${m.voucherNumber}`}>
                  {t(`doctype.${m.voucherType}`)} {m.voucherNumber}
                </Anchor>
                {m.isReversal && <Text span size="xs" c="dimmed"> ({t('stock.trace.reversal')})</Text>}
              </Table.Td>
              <Table.Td>{m.warehouseName}</Table.Td>
              {showBatch && <Table.Td>{m.batch}</Table.Td>}
              <Table.Td>
                <Badge size="sm" variant="light" color={m.direction === 'in' ? 'teal' : 'red'}>{t(m.direction === 'in' ? 'stock.trace.in' : 'stock.trace.out')}</Badge>
              </Table.Td>
              <Table.Td ta="right" c={m.direction === 'in' ? 'teal' : 'red'}>{fmt.number(m.qty)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {truncated && <Text size="xs" c="dimmed">{t('stock.trace.truncated', { count: rows.length })}</Text>}
    </Stack>
  );
}

function SerialStatusLine({ x }: { x: SerialTrace }) {
  const t = useT();
  const navigate = useApp((s) => s.navigate);
  const voucher = x.lastVoucher ? `${t(`doctype.${x.lastVoucher.type}`)} ${x.lastVoucher.number}` : '';
  const key = x.status === 'delivered' || x.status === 'returned' ? `stock.trace.status.${x.status}${x.party ? '' : '_plain'}` : `stock.trace.status.${x.status}`;
  return (
    <Group gap="xs">
      <Badge color={x.status === 'in_stock' ? 'teal' : x.status === 'in_transit' ? 'blue' : 'gray'} data-testid="trace-status">
        {t(key, { warehouse: x.warehouseName, voucher, party: x.party?.name ?? '' })}
      </Badge>
      {x.party && (
        <Anchor size="sm" onClick={() => navigate({ name: 'form', docType: x.party!.docType, id: x.party!.id })} data-testid="trace-party">{x.party.name}</Anchor>
      )}
    </Group>
  );
}

export function TraceabilityPage({ params }: PageProps) {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const [q, setQ] = useState(params?.q ?? '');
  const [res, setRes] = useState<TraceResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = useCallback(async (query: string) => {
    setError(null);
    setBusy(true);
    try {
      setRes(await traceNumber(session, query));
    } catch (e) {
      setRes(null);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }, [session, errorText]);

  useEffect(() => {
    if (params?.q) void run(params.q);
  }, [params?.q, run]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(q);
  };

  const empty = res && res.serials.length === 0 && res.batches.length === 0;
  return (
    <Stack>
      <Title order={3}>{t('stock.page.trace')}</Title>
      <form onSubmit={submit}>
        <Group align="flex-end">
          <TextInput placeholder={t('stock.trace.placeholder')} aria-label={t('stock.trace.placeholder')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={360} data-testid="trace-query" />
          <Button type="submit" loading={busy} data-testid="trace-go">{t('stock.trace.search')}</Button>
        </Group>
      </form>
      {error && <Alert color="red">{error}</Alert>}
      {empty && <Text c="dimmed" data-testid="trace-none">{t('stock.trace.none', { query: res.query })}</Text>}
      {res?.serials.map((x) => (
        <Paper key={`s-${x.item}`} withBorder p="md" data-testid="trace-serial">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={5}>{t('stock.trace.serial_title', { serial: x.serial })} · {x.itemCode} {x.itemName}</Title>
              {x.batch && <Text size="sm" c="dimmed">{t('stock.trace.batch_of', { batch: x.batch })}</Text>}
            </Group>
            <SerialStatusLine x={x} />
            <Movements rows={x.movements} truncated={x.truncated} showBatch={false} />
          </Stack>
        </Paper>
      ))}
      {res?.batches.map((b) => (
        <Paper key={`b-${b.item}`} withBorder p="md" data-testid="trace-batch">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={5}>{t('stock.trace.batch_title', { batch: b.batch })} · {b.itemCode} {b.itemName}</Title>
              <Text size="sm" c="dimmed">{b.expiryDate ? t('stock.trace.expiry', { date: fmt.date(b.expiryDate) }) : t('stock.trace.no_expiry')}</Text>
            </Group>
            {b.warehouses.length === 0 ? (
              <Text size="sm" c="dimmed">{t('stock.trace.nothing_left')}</Text>
            ) : (
              <Stack gap={4}>
                <Text fw={500} size="sm">{t('stock.trace.per_warehouse')} · {t('stock.trace.in_stock_total', { qty: fmt.number(b.qty) })}</Text>
                <Table data-testid="trace-batch-warehouses">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('stock.trace.col.warehouse')}</Table.Th>
                      <Table.Th>{t('stock.trace.col.expiry')}</Table.Th>
                      <Table.Th ta="right">{t('stock.trace.col.qty')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {b.warehouses.map((w) => (
                      <Table.Tr key={w.warehouse}>
                        <Table.Td>{w.warehouseName}</Table.Td>
                        <Table.Td>{w.expiryDate ? fmt.date(w.expiryDate) : ''}</Table.Td>
                        <Table.Td ta="right">{fmt.number(w.qty)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Stack>
            )}
            <Movements rows={b.movements} truncated={b.truncated} showBatch={false} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
