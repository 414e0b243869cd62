/** Profit and loss for a period (optionally beside the previous period); every figure opens the GL detail of its account. */
import { useState } from 'react';
import { Alert, Group, Stack, Table, Title } from '@mantine/core';
import { profitAndLoss } from '../../shared/books';
import { useApp } from '../state/app.store';
import { useT } from '../i18n/use-t';
import { BranchPicker, Figure, PeriodPicker, ReportActions, plain, useAccountLabel, useReport } from './report-kit';
import { SectionRows, mergeRows, sectionCsv } from './StatementTable';
import { defaultSel, previousRange, resolve } from './period';
import { openGl } from './nav';
import type { PageProps } from '../pages/registry';

export function ProfitLossPage({ params }: PageProps) {
  const t = useT();
  const session = useApp((s) => s.session)!;
  const label = useAccountLabel();
  const [sel, setSel] = useState(() => (params?.from && params?.to ? { ...defaultSel('custom'), from: params.from, to: params.to } : defaultSel('month')));
  const [compare, setCompare] = useState(false);
  const [branch, setBranch] = useState(params?.branch ?? '');
  const r = resolve(sel);
  const q = (x: { fromPeriod: string; toPeriod: string }) => ({ fromPeriod: x.fromPeriod, toPeriod: x.toPeriod, ...(branch ? { branchId: branch } : {}) });
  const prev = previousRange(r);
  const base = session.baseCurrency;
  const [data, error] = useReport(async (s) => ({ cur: await profitAndLoss(s, q(r)), prev: compare ? await profitAndLoss(s, q(prev)) : null }), [r.fromPeriod, r.toPeriod, compare, branch]);
  const income = data ? mergeRows(data.cur.income, data.prev?.income ?? null) : [];
  const expense = data ? mergeRows(data.cur.expense, data.prev?.expense ?? null) : [];
  const open = (id: string, which: 'cur' | 'prev') => openGl(id, which === 'cur' ? r : prev, branch);
  const csv = () => [
    [t('books.col.account'), `${r.fromPeriod}..${r.toPeriod}`, ...(compare ? [`${prev.fromPeriod}..${prev.toPeriod}`] : [])],
    ...sectionCsv(t('books.section.income'), income, data?.cur.totalIncome ?? 0, data?.prev?.totalIncome ?? 0, compare, base, label, t('books.total_of', { section: t('books.section.income') })),
    ...sectionCsv(t('books.section.expense'), expense, data?.cur.totalExpense ?? 0, data?.prev?.totalExpense ?? 0, compare, base, label, t('books.total_of', { section: t('books.section.expense') })),
    [t('books.net_profit'), plain(data?.cur.netProfit ?? 0, base), ...(compare ? [plain(data?.prev?.netProfit ?? 0, base)] : [])],
  ];
  return (
    <Stack data-testid="books-pnl">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('books.page.pnl')}</Title>
        <ReportActions fileName={`profit-and-loss-${r.fromPeriod}-${r.toPeriod}`} rows={csv} />
      </Group>
      <Group align="flex-end">
        <PeriodPicker value={sel} onChange={setSel} compare={compare} onCompare={setCompare} />
        <BranchPicker value={branch} onChange={setBranch} />
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {data && (
        <Table withTableBorder highlightOnHover fz="sm" data-testid="pnl-table" maw={900}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('books.col.account')}</Table.Th>
              <Table.Th ta="right">{t('books.col.this_period')}</Table.Th>
              {compare && <Table.Th ta="right">{t('books.col.previous_period')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <SectionRows title={t('books.section.income')} rows={income} total={data.cur.totalIncome} prevTotal={data.prev?.totalIncome ?? 0} compare={compare} currency={base} prefix="pnl-income" onOpen={open} />
            <SectionRows title={t('books.section.expense')} rows={expense} total={data.cur.totalExpense} prevTotal={data.prev?.totalExpense ?? 0} compare={compare} currency={base} prefix="pnl-expense" onOpen={open} />
            <Table.Tr fw={700}>
              <Table.Td>{t('books.net_profit')}</Table.Td>
              <Table.Td ta="right">
                <Figure minor={data.cur.netProfit} currency={base} strong testId="pnl-net-profit" />
              </Table.Td>
              {compare && (
                <Table.Td ta="right">
                  <Figure minor={data.prev?.netProfit ?? 0} currency={base} strong testId="pnl-prev-net-profit" />
                </Table.Td>
              )}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
