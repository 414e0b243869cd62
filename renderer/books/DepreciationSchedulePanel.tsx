/**
 * The depreciation schedule under a fixed asset's form: by asset year (12 months from the first
 * depreciated month) or by month, with what each period depreciates, what is booked and the book
 * value after it. Reads `depreciationSchedule` (the same `assetSchedule` the monthly run and the
 * disposal use), so the preview and the postings never disagree. Shown for a saved card; it
 * follows the card's method (straight-line or declining balance with its effective rate).
 */
import { useEffect, useState } from 'react';
import { Alert, Group, Paper, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { decliningBalanceRate, depreciationMethodOf, depreciationSchedule, type ScheduleRow } from '../../shared/books';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import type { FormPanelProps } from '../doc/form-panels';

interface Row {
  key: string;
  label: string;
  amount: number;
  booked: number;
  bookValue: number;
}

function byYear(rows: ScheduleRow[], yearLabel: (n: number, from: string, to: string) => string): Row[] {
  const out: Row[] = [];
  for (let i = 0; i < rows.length; i += 12) {
    const part = rows.slice(i, i + 12);
    out.push({
      key: part[0].period,
      label: yearLabel(i / 12 + 1, part[0].period, part[part.length - 1].period),
      amount: part.reduce((t, r) => t + r.amount, 0),
      booked: part.reduce((t, r) => t + r.booked, 0),
      bookValue: part[part.length - 1].bookValue,
    });
  }
  return out;
}

export function DepreciationSchedulePanel({ rec }: FormPanelProps) {
  const session = useApp((s) => s.session)!;
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const base = session.baseCurrency;
  const [rows, setRows] = useState<ScheduleRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<'year' | 'month'>('year');

  useEffect(() => {
    let live = true;
    depreciationSchedule(session, rec.id).then(
      (r) => {
        if (!live) return;
        setRows(r);
        setError(null);
      },
      (e) => {
        if (live) setError(errorText(e));
      },
    );
    return () => {
      live = false;
    };
  }, [session, rec.id, rec._rev]); // eslint-disable-line react-hooks/exhaustive-deps

  if (error) return <Alert color="red" mt="md">{error}</Alert>;
  if (!rows || rows.length === 0) return null;
  const declining = depreciationMethodOf(rec) === 'declining_balance';
  const rate = declining ? fmt.number(decliningBalanceRate(Number(rec.usefulLifeMonths), String(rec.depreciationRate ?? '')).mul(100).toDecimalPlaces(2).toNumber(), 2) : '';
  const shown: Row[] = view === 'year'
    ? byYear(rows, (n, from, to) => t('asset.schedule.year', { n, from, to }))
    : rows.map((r) => ({ key: r.period, label: r.period, amount: r.amount, booked: r.booked, bookValue: r.bookValue }));

  return (
    <Paper withBorder p="md" mt="md" data-testid="asset-schedule">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('asset.schedule.title')}</Title>
        <SegmentedControl
          size="xs"
          data={[{ value: 'year', label: t('asset.schedule.by_year') }, { value: 'month', label: t('asset.schedule.by_month') }]}
          value={view}
          onChange={(v) => setView(v as 'year' | 'month')}
          data-testid="asset-schedule-view"
        />
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {declining ? t('asset.schedule.method_db', { rate }) : t('asset.schedule.method_sl', { months: rows.length })}
      </Text>
      <Table withTableBorder fz="sm" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('asset.schedule.period')}</Table.Th>
            <Table.Th ta="right">{t('asset.schedule.amount')}</Table.Th>
            <Table.Th ta="right">{t('asset.schedule.booked')}</Table.Th>
            <Table.Th ta="right">{t('asset.schedule.book_value')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((r) => (
            <Table.Tr key={r.key} data-testid={`asset-schedule-${r.key}`}>
              <Table.Td>{r.label}</Table.Td>
              <Table.Td ta="right">{fmt.money(r.amount, base)}</Table.Td>
              <Table.Td ta="right">{r.booked ? fmt.money(r.booked, base) : ''}</Table.Td>
              <Table.Td ta="right">{fmt.money(r.bookValue, base)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
