/**
 * Budget vs actual: pick a budget and a period inside its fiscal year; per account the budget,
 * the actual from the balance table, the variance and variance %, favourable ones in green. An
 * actual opens the account's GL detail for the period.
 */
import { useEffect, useState } from 'react';
import { Alert, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { budgetVsActual } from '../../shared/books';
import { listDocs } from '../../shared/api';
import { useT } from '../i18n/use-t';
import { Figure, PeriodPicker, ReportActions, plain, useReport } from './report-kit';
import { defaultSel, resolve } from './period';
import { openGl } from './nav';
import { useApp } from '../state/app.store';

export function BudgetPage() {
  const t = useT();
  const session = useApp((s) => s.session)!;
  const lang = useApp((s) => s.lang);
  const base = session.baseCurrency;
  const [budgets, setBudgets] = useState<{ value: string; label: string }[] | null>(null);
  const [budgetId, setBudgetId] = useState<string | null>(null);
  const [sel, setSel] = useState(() => defaultSel('year'));
  const r = resolve(sel);
  useEffect(() => {
    listDocs(session, 'Budget', { sort: 'number', limit: 200 }).then(
      (p) => {
        const opts = p.rows.filter((b) => b.status === 'submitted' || b.status === 'active' || b.status === 'draft').map((b) => ({ value: b.id, label: `${b.fiscalYear} · ${String(b.budgetName)}` }));
        setBudgets(opts);
        if (opts.length) setBudgetId((cur) => cur ?? opts[0].value);
      },
      () => setBudgets([]),
    );
  }, [session]);
  const [data, error] = useReport(async (s) => (budgetId ? budgetVsActual(s, { budgetId, from: r.fromPeriod, to: r.toPeriod }) : null), [budgetId, r.fromPeriod, r.toPeriod]);
  const name = (row: { accountNumber: string; accountName: string; accountNameZh: string }) => `${row.accountNumber} ${lang === 'zh-CN' && row.accountNameZh ? row.accountNameZh : row.accountName}`;
  const csv = () => [
    [t('books.col.account'), t('books.col.budget'), t('books.col.actual'), t('books.col.variance'), t('books.col.variance_pct')],
    ...(data?.rows ?? []).map((row) => [name(row), plain(row.budget, base), plain(row.actual, base), plain(row.variance, base), row.variancePercent ?? '']),
  ];
  return (
    <Stack data-testid="books-budget">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('report.budgetVsActual')}</Title>
        <ReportActions fileName={`budget-vs-actual-${r.fromPeriod}-${r.toPeriod}`} rows={csv} />
      </Group>
      <Group align="flex-end">
        <Select label={t('books.budget.pick')} data={budgets ?? []} value={budgetId} onChange={setBudgetId} w={320} data-testid="budget-pick" />
        <PeriodPicker value={sel} onChange={setSel} />
      </Group>
      {budgets && budgets.length === 0 && <Text c="dimmed">{t('books.budget.none')}</Text>}
      {error && <Alert color="red">{error}</Alert>}
      {data && (
        <Table withTableBorder highlightOnHover fz="sm" maw={1000} data-testid="budget-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('books.col.account')}</Table.Th>
              <Table.Th ta="right">{t('books.col.budget')}</Table.Th>
              <Table.Th ta="right">{t('books.col.actual')}</Table.Th>
              <Table.Th ta="right">{t('books.col.variance')}</Table.Th>
              <Table.Th ta="right">{t('books.col.variance_pct')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((row) => (
              <Table.Tr key={row.account} data-testid={`budget-row-${row.accountNumber}`}>
                <Table.Td>{name(row)}</Table.Td>
                <Table.Td ta="right"><Figure minor={row.budget} currency={base} /></Table.Td>
                <Table.Td ta="right"><Figure minor={row.actual} currency={base} onOpen={() => openGl(row.account, r)} /></Table.Td>
                <Table.Td ta="right" c={row.favourable ? 'teal' : 'red'}><Figure minor={row.variance} currency={base} /></Table.Td>
                <Table.Td ta="right" c={row.favourable ? 'teal' : 'red'}>{row.variancePercent ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
