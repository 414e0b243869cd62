/**
 * Cash-flow statement (indirect method) for a period: operating (net profit adjusted for
 * non-cash items and working capital), investing and financing, reconciled to the movement of
 * the cash and bank accounts. A line backed by one account opens its GL detail.
 */
import { useState } from 'react';
import { Alert, Group, Stack, Table, Title } from '@mantine/core';
import { cashFlowStatement, CASH_FLOW_SECTIONS, type CashFlowSection } from '../../shared/books';
import { useT } from '../i18n/use-t';
import { Figure, PeriodPicker, ReportActions, plain, useReport } from './report-kit';
import { defaultSel, resolve } from './period';
import { openGl } from './nav';
import { useApp } from '../state/app.store';

const SECTIONS = Object.keys(CASH_FLOW_SECTIONS) as CashFlowSection[];

export function CashFlowPage() {
  const t = useT();
  const base = useApp((s) => s.session)!.baseCurrency;
  const [sel, setSel] = useState(() => defaultSel('month'));
  const r = resolve(sel);
  const [data, error] = useReport((s) => cashFlowStatement(s, { from: r.fromPeriod, to: r.toPeriod }), [r.fromPeriod, r.toPeriod]);
  const csv = () => {
    const rows: string[][] = [[t('report.cashFlow'), `${r.fromPeriod}..${r.toPeriod}`]];
    if (!data) return rows;
    for (const sec of SECTIONS) {
      rows.push([t(`cashFlow.${sec}`), '']);
      for (const l of data.sections[sec].lines) rows.push([t(`cashFlow.${l.key}`), plain(l.amount, base)]);
      rows.push([t('books.total_of', { section: t(`cashFlow.${sec}`) }), plain(data.sections[sec].total, base)]);
    }
    rows.push([t('cashFlow.netChange'), plain(data.netChangeInCash, base)], [t('cashFlow.openingCash'), plain(data.openingCash, base)], [t('cashFlow.closingCash'), plain(data.closingCash, base)]);
    return rows;
  };
  return (
    <Stack data-testid="books-cash-flow">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('report.cashFlow')}</Title>
        <ReportActions fileName={`cash-flow-${r.fromPeriod}-${r.toPeriod}`} rows={csv} />
      </Group>
      <PeriodPicker value={sel} onChange={setSel} />
      {error && <Alert color="red">{error}</Alert>}
      {data && (
        <Table withTableBorder highlightOnHover fz="sm" maw={900} data-testid="cash-flow-table">
          <Table.Tbody>
            {SECTIONS.map((sec) => (
              <SectionBlock key={sec} title={t(`cashFlow.${sec}`)} totalLabel={t('books.total_of', { section: t(`cashFlow.${sec}`) })} lines={data.sections[sec].lines.map((l) => ({ key: l.key, label: t(`cashFlow.${l.key}`), amount: l.amount, account: l.accounts.length === 1 ? l.accounts[0] : undefined }))} total={data.sections[sec].total} currency={base} onOpen={(acc) => openGl(acc, r)} />
            ))}
            <Table.Tr fw={700}>
              <Table.Td>{t('cashFlow.netChange')}</Table.Td>
              <Table.Td ta="right"><Figure minor={data.netChangeInCash} currency={base} strong testId="cf-net-change" /></Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{t('cashFlow.openingCash')}</Table.Td>
              <Table.Td ta="right"><Figure minor={data.openingCash} currency={base} testId="cf-opening" /></Table.Td>
            </Table.Tr>
            <Table.Tr fw={700}>
              <Table.Td>{t('cashFlow.closingCash')}</Table.Td>
              <Table.Td ta="right"><Figure minor={data.closingCash} currency={base} strong testId="cf-closing" /></Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function SectionBlock(p: { title: string; totalLabel: string; lines: { key: string; label: string; amount: number; account?: string }[]; total: number; currency: string; onOpen: (account: string) => void }) {
  return (
    <>
      <Table.Tr bg="var(--mantine-color-default-hover)">
        <Table.Td colSpan={2} fw={600}>{p.title}</Table.Td>
      </Table.Tr>
      {p.lines.map((l) => (
        <Table.Tr key={l.key}>
          <Table.Td pl="lg">{l.label}</Table.Td>
          <Table.Td ta="right"><Figure minor={l.amount} currency={p.currency} testId={`cf-${l.key}`} onOpen={l.account ? () => p.onOpen(l.account!) : undefined} /></Table.Td>
        </Table.Tr>
      ))}
      <Table.Tr fw={600}>
        <Table.Td>{p.totalLabel}</Table.Td>
        <Table.Td ta="right"><Figure minor={p.total} currency={p.currency} strong /></Table.Td>
      </Table.Tr>
    </>
  );
}
