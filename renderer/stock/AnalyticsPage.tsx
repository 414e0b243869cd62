/**
 * Purchase analytics and sales analytics (one page, two sides): net amounts in base currency by
 * item, supplier / customer or month over a period, from invoices (billed, default) or from
 * receipts / delivery notes (moved) — see shared/stock/analytics.service.ts for what each
 * counts. A bar chart of the largest rows (every month when grouped by month), the table with a
 * column per month, CSV / Excel export and print.
 */
import { useState } from 'react';
import { Alert, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { tradeAnalytics, TRADE_DOCS, type TradeGroup, type TradeRow, type TradeSide, type TradeSource } from '../../shared/stock';
import { useApp } from '../state/app.store';
import { useFormat, useT } from '../i18n/use-t';
import { BarChart, CHART_COLORS } from '../ui/charts';
import { BranchPicker, PeriodPicker, ReportActions, plain, useReport } from '../books/report-kit';
import { defaultSel, resolve } from '../books/period';

/** Month columns are shown up to this many months (a longer range: group by month instead). */
const MAX_MONTH_COLUMNS = 24;
const TOP_BARS = 10;

function AnalyticsPage({ side }: { side: TradeSide }) {
  const t = useT();
  const fmt = useFormat();
  const session = useApp((s) => s.session)!;
  const base = session.baseCurrency;
  const docs = TRADE_DOCS[side];
  const canInvoice = session.can(docs.invoice.docType, 'read');
  const canStock = session.can(docs.stock.docType, 'read');
  const [source, setSource] = useState<TradeSource>(canInvoice ? 'invoice' : 'stock');
  const [groupBy, setGroupBy] = useState<TradeGroup>('month');
  const [sel, setSel] = useState(() => defaultSel('year'));
  const [branch, setBranch] = useState('');
  const r = resolve(sel);
  const [data, error, loading] = useReport((s) => tradeAnalytics(s, { side, source, groupBy, from: r.fromDate, to: r.toDate, branch }), [side, source, groupBy, r.fromDate, r.toDate, branch]);

  const label = (row: TradeRow) => {
    if (groupBy === 'item') return row.key ? `${row.code} ${row.label}` : t('analytics.no_item');
    if (groupBy === 'party') return row.label || row.code;
    return row.key;
  };
  const monthCols = data && groupBy !== 'month' && data.months.length > 1 && data.months.length <= MAX_MONTH_COLUMNS ? data.months : [];
  const partyLabel = t(side === 'purchase' ? 'doctype.Supplier' : 'doctype.Customer');
  const firstCol = groupBy === 'item' ? t('stock.col.item') : groupBy === 'party' ? partyLabel : t('analytics.col.month');

  const csv = () => {
    if (!data) return [];
    const head = [firstCol, ...(groupBy === 'item' ? [t('analytics.col.qty')] : []), t('analytics.col.gross'), t('analytics.col.returns'), t('analytics.col.net'), t('analytics.col.docs'), ...monthCols];
    const line = (row: TradeRow, name: string) => [name, ...(groupBy === 'item' ? [row.qty] : []), plain(row.gross, base), plain(row.returns, base), plain(row.amount, base), String(row.docs), ...monthCols.map((_, i) => plain(row.months[i], base))];
    return [head, ...data.rows.map((row) => line(row, label(row))), line(data.total, t('analytics.total'))];
  };

  const bars = (data ? (groupBy === 'month' ? data.rows : data.rows.slice(0, TOP_BARS)) : []).map((row) => ({
    key: row.key || 'none',
    label: label(row),
    segments: [{ value: Math.max(0, row.amount), color: CHART_COLORS[side === 'purchase' ? 3 : 0], label: t('analytics.col.net') }],
    valueText: fmt.money(row.amount, base),
  }));
  const title = t(side === 'purchase' ? 'analytics.page.purchase' : 'analytics.page.sales');

  return (
    <Stack data-testid={`analytics-${side}`}>
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{title}</Title>
        <ReportActions fileName={`${side}-analytics-${r.fromPeriod}-${r.toPeriod}`} rows={csv} />
      </Group>
      <Group align="flex-end" className="no-print">
        <PeriodPicker value={sel} onChange={setSel} />
        <BranchPicker value={branch} onChange={setBranch} />
      </Group>
      <Group className="no-print">
        <SegmentedControl
          value={source}
          onChange={(v) => setSource(v as TradeSource)}
          data={[
            { value: 'invoice', label: t(`analytics.source.invoice.${side}`), disabled: !canInvoice },
            { value: 'stock', label: t(`analytics.source.stock.${side}`), disabled: !canStock },
          ]}
          data-testid="analytics-source"
        />
        <SegmentedControl
          value={groupBy}
          onChange={(v) => setGroupBy(v as TradeGroup)}
          data={[
            { value: 'month', label: t('analytics.group.month') },
            { value: 'item', label: t('analytics.group.item') },
            { value: 'party', label: partyLabel },
          ]}
          data-testid="analytics-group"
        />
      </Group>
      <Text size="sm" c="dimmed">{t(`analytics.hint.${source}.${side}`, { currency: base })}</Text>
      {error && <Alert color="red" data-testid="analytics-error">{error}</Alert>}
      {data && (
        <>
          <BarChart title={title} data={bars} emptyText={t('analytics.empty')} testId="analytics-chart" />
          {groupBy !== 'month' && data.rows.length > TOP_BARS && <Text size="xs" c="dimmed">{t('analytics.top', { count: TOP_BARS })}</Text>}
          <div style={{ overflowX: 'auto' }}>
            <Table withTableBorder striped highlightOnHover fz="sm" data-testid="analytics-table" style={{ opacity: loading ? 0.6 : 1 }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{firstCol}</Table.Th>
                  {groupBy === 'item' && <Table.Th ta="right">{t('analytics.col.qty')}</Table.Th>}
                  <Table.Th ta="right">{t('analytics.col.gross')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.col.returns')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.col.net')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.col.docs')}</Table.Th>
                  {monthCols.map((m) => <Table.Th key={m} ta="right">{m}</Table.Th>)}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.rows.map((row) => (
                  <Table.Tr key={row.key || 'none'} data-testid={`analytics-row-${row.code || row.key || 'none'}`}>
                    <Table.Td>{label(row)}</Table.Td>
                    {groupBy === 'item' && <Table.Td ta="right">{fmt.number(row.qty)}</Table.Td>}
                    <Table.Td ta="right">{fmt.money(row.gross, base)}</Table.Td>
                    <Table.Td ta="right">{fmt.money(row.returns, base)}</Table.Td>
                    <Table.Td ta="right" fw={600}>{fmt.money(row.amount, base)}</Table.Td>
                    <Table.Td ta="right">{fmt.number(row.docs)}</Table.Td>
                    {monthCols.map((m, i) => <Table.Td key={m} ta="right">{fmt.money(row.months[i], base)}</Table.Td>)}
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr fw={600} data-testid="analytics-total">
                  <Table.Td>{t('analytics.total')}</Table.Td>
                  {groupBy === 'item' && <Table.Td />}
                  <Table.Td ta="right">{fmt.money(data.total.gross, base)}</Table.Td>
                  <Table.Td ta="right">{fmt.money(data.total.returns, base)}</Table.Td>
                  <Table.Td ta="right" data-testid="analytics-total-net">{fmt.money(data.total.amount, base)}</Table.Td>
                  <Table.Td ta="right">{fmt.number(data.total.docs)}</Table.Td>
                  {monthCols.map((m, i) => <Table.Td key={m} ta="right">{fmt.money(data.total.months[i], base)}</Table.Td>)}
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </div>
        </>
      )}
    </Stack>
  );
}

export function PurchaseAnalyticsPage() {
  return <AnalyticsPage side="purchase" />;
}

export function SalesAnalyticsPage() {
  return <AnalyticsPage side="sales" />;
}
