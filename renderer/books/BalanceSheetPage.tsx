/**
 * Balance sheet at the end of the chosen period (optionally beside the end of the previous
 * period). Figures are cumulative, so a figure opens the GL detail of its account from the
 * beginning of the books to that date. The unclosed result of the year(s) shows as "current
 * profit" under equity; assets always equal liabilities + equity + current profit.
 */
import { useState } from 'react';
import { Alert, Group, Stack, Table, Text, Title } from '@mantine/core';
import { balanceSheet } from '../../shared/books';
import { useApp } from '../state/app.store';
import { useT } from '../i18n/use-t';
import { BranchPicker, Figure, PeriodPicker, ReportActions, plain, useAccountLabel, useReport } from './report-kit';
import { SectionRows, mergeRows, sectionCsv } from './StatementTable';
import { defaultSel, lastDayOf, previousRange, resolve } from './period';
import { BEGINNING, openGl } from './nav';

export function BalanceSheetPage() {
  const t = useT();
  const session = useApp((s) => s.session)!;
  const label = useAccountLabel();
  const [sel, setSel] = useState(() => defaultSel('month'));
  const [compare, setCompare] = useState(false);
  const [branch, setBranch] = useState('');
  const r = resolve(sel);
  const asOf = r.toPeriod;
  const prevAsOf = previousRange(r).toPeriod;
  const base = session.baseCurrency;
  const [data, error] = useReport(
    async (s) => ({ cur: await balanceSheet(s, { asOfPeriod: asOf, ...(branch ? { branchId: branch } : {}) }), prev: compare ? await balanceSheet(s, { asOfPeriod: prevAsOf, ...(branch ? { branchId: branch } : {}) }) : null }),
    [asOf, prevAsOf, compare, branch],
  );
  const sections = data
    ? ([
        ['assets', t('books.section.assets'), mergeRows(data.cur.assets, data.prev?.assets ?? null), data.cur.totalAssets, data.prev?.totalAssets ?? 0],
        ['liabilities', t('books.section.liabilities'), mergeRows(data.cur.liabilities, data.prev?.liabilities ?? null), data.cur.totalLiabilities, data.prev?.totalLiabilities ?? 0],
        ['equity', t('books.section.equity'), mergeRows(data.cur.equity, data.prev?.equity ?? null), data.cur.totalEquity, data.prev?.totalEquity ?? 0],
      ] as const)
    : [];
  const open = (id: string, which: 'cur' | 'prev') => openGl(id, { fromDate: BEGINNING, toDate: lastDayOf(which === 'cur' ? asOf : prevAsOf) }, branch);
  const csv = () => [
    [t('books.col.account'), t('books.as_of', { period: asOf }), ...(compare ? [t('books.as_of', { period: prevAsOf })] : [])],
    ...sections.flatMap(([, title, rows, total, prevTotal]) => sectionCsv(title, rows, total, prevTotal, compare, base, label, t('books.total_of', { section: title }))),
    [t('books.current_profit'), plain(data?.cur.currentProfit ?? 0, base), ...(compare ? [plain(data?.prev?.currentProfit ?? 0, base)] : [])],
    [t('books.total_le'), plain(data?.cur.totalLiabilitiesAndEquity ?? 0, base), ...(compare ? [plain(data?.prev?.totalLiabilitiesAndEquity ?? 0, base)] : [])],
  ];
  return (
    <Stack data-testid="books-balance-sheet">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('books.page.balance_sheet')}</Title>
        <ReportActions fileName={`balance-sheet-${asOf}`} rows={csv} />
      </Group>
      <Group align="flex-end">
        <PeriodPicker value={sel} onChange={setSel} compare={compare} onCompare={setCompare} />
        <BranchPicker value={branch} onChange={setBranch} />
      </Group>
      <Text size="sm" c="dimmed">{t('books.as_of', { period: asOf })}</Text>
      {error && <Alert color="red">{error}</Alert>}
      {data && (
        <Table withTableBorder highlightOnHover fz="sm" data-testid="bs-table" maw={900}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('books.col.account')}</Table.Th>
              <Table.Th ta="right">{asOf}</Table.Th>
              {compare && <Table.Th ta="right">{prevAsOf}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sections.map(([key, title, rows, total, prevTotal]) => (
              <SectionRows key={key} title={title} rows={rows} total={total} prevTotal={prevTotal} compare={compare} currency={base} prefix={`bs-${key}`} onOpen={open} />
            ))}
            <Table.Tr>
              <Table.Td>{t('books.current_profit')}</Table.Td>
              <Table.Td ta="right">
                <Figure minor={data.cur.currentProfit} currency={base} testId="bs-current-profit" />
              </Table.Td>
              {compare && (
                <Table.Td ta="right">
                  <Figure minor={data.prev?.currentProfit ?? 0} currency={base} />
                </Table.Td>
              )}
            </Table.Tr>
            <Table.Tr fw={700}>
              <Table.Td>{t('books.total_le')}</Table.Td>
              <Table.Td ta="right">
                <Figure minor={data.cur.totalLiabilitiesAndEquity} currency={base} strong testId="bs-total-le" />
              </Table.Td>
              {compare && (
                <Table.Td ta="right">
                  <Figure minor={data.prev?.totalLiabilitiesAndEquity ?? 0} currency={base} strong />
                </Table.Td>
              )}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
