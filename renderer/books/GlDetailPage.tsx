/**
 * General ledger detail of one account (a group: all its leaves) between two dates, through the
 * books service (`generalLedger`: [account+postingDate] index + opening from account_balances).
 * Rows render a page at a time ("Show more"), so a busy account does not build thousands of
 * table rows at once. Each row opens its source document.
 */
import { useState } from 'react';
import { Alert, Button, Group, Select, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { generalLedger } from '../../shared/books';
import { useApp } from '../state/app.store';
import { useFormat, useT } from '../i18n/use-t';
import type { PageProps } from '../pages/registry';
import { BranchPicker, Figure, ReportActions, plain, useAccountLabel, useAccountTree, useReport } from './report-kit';
import { lastDayOf, todayIso } from './period';
import { openVoucher } from './nav';

export const GL_PAGE_SIZE = 100;

export function GlDetailPage({ params }: PageProps) {
  const t = useT();
  const fmt = useFormat();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const tree = useAccountTree();
  const label = useAccountLabel();
  const today = todayIso();
  // the route's params are the state: a change navigates (the page remounts with the new params),
  // so Back, the palette's history and drill-downs all land on the same ledger
  const account = params?.account ?? '';
  const from = params?.from ?? `${today.slice(0, 7)}-01`;
  const to = params?.to ?? lastDayOf(today.slice(0, 7));
  const branch = params?.branch ?? '';
  const [shown, setShown] = useState(GL_PAGE_SIZE);
  const base = session.baseCurrency;
  const [data, error] = useReport(async (s) => (account && from && to ? generalLedger(s, { account, fromDate: from, toDate: to, ...(branch ? { branchId: branch } : {}) }) : null), [account, from, to, branch]);
  const acc = tree.find((a) => a.id === account);
  const change = (next: { account?: string; from?: string; to?: string; branch?: string }) => {
    const b = next.branch ?? branch;
    navigate({ name: 'page', page: 'books.gl', params: { account: next.account ?? account, from: next.from ?? from, to: next.to ?? to, ...(b ? { branch: b } : {}) } });
  };
  const csv = () => [
    [t('books.col.date'), t('books.col.voucher_type'), t('books.col.voucher'), t('books.col.against'), t('books.col.remarks'), t('books.col.debit'), t('books.col.credit'), t('books.col.balance')],
    ['', '', '', '', t('books.opening'), '', '', plain(data?.opening ?? 0, base)],
    ...(data?.rows ?? []).map((r) => [r.postingDate, r.voucherType, r.voucherNumber, r.against, r.remarks, plain(r.debit, base), plain(r.credit, base), plain(r.balance, base)]),
    ['', '', '', '', t('books.closing'), plain(data?.totalDebit ?? 0, base), plain(data?.totalCredit ?? 0, base), plain(data?.closing ?? 0, base)],
  ];
  return (
    <Stack data-testid="books-gl">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('books.page.gl')}{acc ? ` · ${label(acc)}` : ''}</Title>
        <ReportActions fileName={`general-ledger-${acc?.accountNumber ?? ''}-${from}-${to}`} rows={csv} />
      </Group>
      <Group align="flex-end">
        <Select
          label={t('books.col.account')}
          searchable
          w={360}
          value={account || null}
          onChange={(v) => change({ account: v ?? '' })}
          data={tree.map((a) => ({ value: a.id, label: label(a) }))}
          data-testid="gl-account"
        />
        <TextInput type="date" label={t('books.period.from')} value={from} onChange={(e) => e.currentTarget.value && change({ from: e.currentTarget.value })} data-testid="gl-from" />
        <TextInput type="date" label={t('books.period.to')} value={to} onChange={(e) => e.currentTarget.value && change({ to: e.currentTarget.value })} data-testid="gl-to" />
        <BranchPicker value={branch} onChange={(v) => change({ branch: v })} />
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {!account && <Text c="dimmed">{t('books.gl.pick_account')}</Text>}
      {data && (
        <>
          <Table striped highlightOnHover withTableBorder fz="sm" data-testid="gl-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('books.col.date')}</Table.Th>
                <Table.Th>{t('books.col.voucher')}</Table.Th>
                <Table.Th>{t('books.col.against')}</Table.Th>
                <Table.Th>{t('books.col.remarks')}</Table.Th>
                <Table.Th ta="right">{t('books.col.debit')}</Table.Th>
                <Table.Th ta="right">{t('books.col.credit')}</Table.Th>
                <Table.Th ta="right">{t('books.col.balance')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr fw={600}>
                <Table.Td>{fmt.date(from)}</Table.Td>
                <Table.Td colSpan={5}>{t('books.opening')}</Table.Td>
                <Table.Td ta="right"><Figure minor={data.opening} currency={base} testId="gl-opening" /></Table.Td>
              </Table.Tr>
              {data.rows.slice(0, shown).map((r, i) => (
                <Table.Tr key={r.id} data-testid={`gl-row-${i}`} style={{ cursor: 'pointer' }} onClick={() => openVoucher(r.voucherType, r.voucherId)} c={r.isReversal ? 'dimmed' : undefined}>
                  <Table.Td>{fmt.date(r.postingDate)}</Table.Td>
                  <Table.Td>
                    <UnstyledButton fz="sm" c="var(--mantine-color-anchor)" data-testid={`gl-voucher-${r.voucherNumber}`}>
                      {t(`doctype.${r.voucherType}`)} {r.voucherNumber}
                    </UnstyledButton>
                  </Table.Td>
                  <Table.Td>{r.against}</Table.Td>
                  <Table.Td>{r.isReversal ? `${t('books.reversal')} ` : ''}{r.remarks}</Table.Td>
                  <Table.Td ta="right">{r.debit ? fmt.money(r.debit, base) : ''}</Table.Td>
                  <Table.Td ta="right">{r.credit ? fmt.money(r.credit, base) : ''}</Table.Td>
                  <Table.Td ta="right">{fmt.money(r.balance, base)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr fw={600}>
                <Table.Td>{fmt.date(to)}</Table.Td>
                <Table.Td colSpan={3}>{t('books.closing')}</Table.Td>
                <Table.Td ta="right"><Figure minor={data.totalDebit} currency={base} testId="gl-total-debit" /></Table.Td>
                <Table.Td ta="right"><Figure minor={data.totalCredit} currency={base} testId="gl-total-credit" /></Table.Td>
                <Table.Td ta="right"><Figure minor={data.closing} currency={base} testId="gl-closing" /></Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Group justify="space-between">
            <Text size="sm" c="dimmed" data-testid="gl-count">{t('books.gl.rows_shown', { shown: Math.min(shown, data.rows.length), total: data.rows.length })}</Text>
            {shown < data.rows.length && (
              <Button variant="default" size="xs" onClick={() => setShown(shown + GL_PAGE_SIZE)} data-testid="gl-more">
                {t('common.load_more')}
              </Button>
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}
