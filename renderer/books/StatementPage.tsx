/** Customer statement: opening balance, receivable movements with running balance, closing; each line opens its document. */
import { Alert, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { partyStatement } from '../../shared/books';
import { useApp } from '../state/app.store';
import { useFormat, useT } from '../i18n/use-t';
import type { PageProps } from '../pages/registry';
import { LinkSelect } from '../doc/LinkSelect';
import { Figure, ReportActions, plain, useReport } from './report-kit';
import { todayIso } from './period';
import { openVoucher } from './nav';

export function StatementPage({ params }: PageProps) {
  const t = useT();
  const fmt = useFormat();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const today = todayIso();
  const party = params?.party ?? '';
  const from = params?.from ?? `${today.slice(0, 4)}-01-01`;
  const to = params?.to ?? today;
  const base = session.baseCurrency;
  const change = (next: { party?: string; from?: string; to?: string }) =>
    navigate({ name: 'page', page: 'books.statement', params: { party: next.party ?? party, from: next.from ?? from, to: next.to ?? to } });
  const [data, error] = useReport(async (s) => (party ? partyStatement(s, { partyType: 'customer', party, fromDate: from, toDate: to }) : null), [party, from, to]);
  const csv = () => [
    [t('books.col.date'), t('books.col.voucher_type'), t('books.col.voucher'), t('books.col.remarks'), t('books.col.debit'), t('books.col.credit'), t('books.col.balance')],
    [from, '', '', t('books.opening'), '', '', plain(data?.opening ?? 0, base)],
    ...(data?.lines ?? []).map((l) => [l.postingDate, l.voucherType, l.voucherNumber, l.remarks, plain(l.debit, base), plain(l.credit, base), plain(l.balance, base)]),
    [to, '', '', t('books.closing'), '', '', plain(data?.closing ?? 0, base)],
  ];
  return (
    <Stack data-testid="books-statement">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('books.page.statement')}</Title>
        <ReportActions fileName={`statement-${from}-${to}`} rows={csv} />
      </Group>
      <Group align="flex-end">
        <div style={{ width: 320 }}>
          <LinkSelect target="Customer" name="customer" label={t('books.col.customer')} value={party} onChange={(v) => change({ party: v })} />
        </div>
        <TextInput type="date" label={t('books.period.from')} value={from} onChange={(e) => e.currentTarget.value && change({ from: e.currentTarget.value })} data-testid="statement-from" />
        <TextInput type="date" label={t('books.period.to')} value={to} onChange={(e) => e.currentTarget.value && change({ to: e.currentTarget.value })} data-testid="statement-to" />
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {!party && <Text c="dimmed">{t('books.statement.pick_customer')}</Text>}
      {data && (
        <Table striped highlightOnHover withTableBorder fz="sm" data-testid="statement-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('books.col.date')}</Table.Th>
              <Table.Th>{t('books.col.voucher')}</Table.Th>
              <Table.Th>{t('books.col.remarks')}</Table.Th>
              <Table.Th ta="right">{t('books.col.debit')}</Table.Th>
              <Table.Th ta="right">{t('books.col.credit')}</Table.Th>
              <Table.Th ta="right">{t('books.col.balance')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr fw={600}>
              <Table.Td>{fmt.date(from)}</Table.Td>
              <Table.Td colSpan={4}>{t('books.opening')}</Table.Td>
              <Table.Td ta="right"><Figure minor={data.opening} currency={base} testId="statement-opening" /></Table.Td>
            </Table.Tr>
            {data.lines.map((l, i) => (
              <Table.Tr key={i} style={{ cursor: 'pointer' }} onClick={() => openVoucher(l.voucherType, l.voucherId)} data-testid={`statement-row-${i}`}>
                <Table.Td>{fmt.date(l.postingDate)}</Table.Td>
                <Table.Td c="var(--mantine-color-anchor)">{t(`doctype.${l.voucherType}`)} {l.voucherNumber}</Table.Td>
                <Table.Td>{l.remarks}</Table.Td>
                <Table.Td ta="right">{l.debit ? fmt.money(l.debit, base) : ''}</Table.Td>
                <Table.Td ta="right">{l.credit ? fmt.money(l.credit, base) : ''}</Table.Td>
                <Table.Td ta="right">{fmt.money(l.balance, base)}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr fw={700}>
              <Table.Td>{fmt.date(to)}</Table.Td>
              <Table.Td colSpan={4}>{t('books.closing')}</Table.Td>
              <Table.Td ta="right"><Figure minor={data.closing} currency={base} strong testId="statement-closing" /></Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
