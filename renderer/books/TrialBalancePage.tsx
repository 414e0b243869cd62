/** Trial balance: opening, period debit/credit and closing per account (groups rolled up); every figure opens the GL detail. */
import { useState } from 'react';
import { Alert, Group, Stack, Table, Title } from '@mantine/core';
import { trialBalance } from '../../shared/books';
import { useApp } from '../state/app.store';
import { useT } from '../i18n/use-t';
import { BranchPicker, Figure, PeriodPicker, ReportActions, indent, plain, useAccountLabel, useReport } from './report-kit';
import { defaultSel, previousRange, resolve } from './period';
import { openGl } from './nav';

export function TrialBalancePage() {
  const t = useT();
  const session = useApp((s) => s.session)!;
  const label = useAccountLabel();
  const [sel, setSel] = useState(() => defaultSel('month'));
  const [compare, setCompare] = useState(false);
  const [branch, setBranch] = useState('');
  const r = resolve(sel);
  const q = (x: { fromPeriod: string; toPeriod: string }) => ({ fromPeriod: x.fromPeriod, toPeriod: x.toPeriod, ...(branch ? { branchId: branch } : {}) });
  const prev = previousRange(r);
  const base = session.baseCurrency;
  const [data, error] = useReport(
    async (s) => ({ cur: await trialBalance(s, q(r)), prev: compare ? await trialBalance(s, q(prev)) : null }),
    [r.fromPeriod, r.toPeriod, compare, branch],
  );
  const prevClosing = new Map((data?.prev?.rows ?? []).map((x) => [x.id, x.closingDebit - x.closingCredit]));
  const cols = ['openingDebit', 'openingCredit', 'periodDebit', 'periodCredit', 'closingDebit', 'closingCredit'] as const;
  const csv = () => [
    [t('books.col.account'), ...cols.map((c) => t(`books.col.${c}`)), ...(compare ? [t('books.col.previous_closing')] : [])],
    ...(data?.cur.rows ?? []).map((x) => [label(x), ...cols.map((c) => plain(x[c], base)), ...(compare ? [plain(prevClosing.get(x.id) ?? 0, base)] : [])]),
    [t('books.total'), ...cols.map((c) => plain(data?.cur.totals[c] ?? 0, base))],
  ];
  return (
    <Stack data-testid="books-trial-balance">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('books.page.trial_balance')}</Title>
        <ReportActions fileName={`trial-balance-${r.fromPeriod}-${r.toPeriod}`} rows={csv} />
      </Group>
      <Group align="flex-end">
        <PeriodPicker value={sel} onChange={setSel} compare={compare} onCompare={setCompare} />
        <BranchPicker value={branch} onChange={setBranch} />
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      <Table striped highlightOnHover withTableBorder fz="sm" data-testid="tb-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('books.col.account')}</Table.Th>
            {cols.map((c) => (
              <Table.Th key={c} ta="right">{t(`books.col.${c}`)}</Table.Th>
            ))}
            {compare && <Table.Th ta="right">{t('books.col.previous_closing')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.cur.rows.map((x) => (
            <Table.Tr key={x.id} data-testid={`tb-row-${x.accountNumber}`} fw={x.isGroup ? 600 : undefined}>
              <Table.Td style={indent(x.depth)}>{label(x)}</Table.Td>
              {cols.map((c) => (
                <Table.Td key={c} ta="right">
                  {x[c] !== 0 && <Figure minor={x[c]} currency={base} onOpen={() => openGl(x.id, r, branch)} testId={`tb-${c}-${x.accountNumber}`} />}
                </Table.Td>
              ))}
              {compare && (
                <Table.Td ta="right">
                  <Figure minor={prevClosing.get(x.id) ?? 0} currency={base} onOpen={() => openGl(x.id, prev, branch)} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
          {data && (
            <Table.Tr fw={700} data-testid="tb-totals">
              <Table.Td>{t('books.total')}</Table.Td>
              {cols.map((c) => (
                <Table.Td key={c} ta="right">
                  <Figure minor={data.cur.totals[c]} currency={base} strong testId={`tb-total-${c}`} />
                </Table.Td>
              ))}
              {compare && <Table.Td />}
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
