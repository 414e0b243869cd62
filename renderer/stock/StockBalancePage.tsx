/**
 * Stock balance report: on hand, value, reserved, ordered and projected per item and warehouse,
 * from the derived balance table (one indexed read per warehouse, no ledger scan).
 */
import { useEffect, useState } from 'react';
import { Alert, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { stockBalanceReport, type StockBalanceRow } from '../../shared/stock';
import type { BaseRecord } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { LowStockCard } from './LowStockCard';

export function StockBalancePage() {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const [warehouse, setWarehouse] = useState<string | null>(null);
  const [whs, setWhs] = useState<{ value: string; label: string }[]>([]);
  const [rows, setRows] = useState<StockBalanceRow[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    session.db.t<BaseRecord>('warehouses').toArray().then((all) => setWhs(all.filter((w) => !w.deleted && !w.isGroup).map((w) => ({ value: w.id, label: String(w.warehouseName) }))), () => undefined);
  }, [session]);

  useEffect(() => {
    setError(null);
    stockBalanceReport(session, { warehouse: warehouse ?? undefined }).then((r) => {
      setRows(r.rows);
      setTotal(r.totalValue);
    }, (e) => setError(errorText(e)));
  }, [session, warehouse, errorText]);

  const cur = session.baseCurrency;
  return (
    <Stack>
      <Title order={3}>{t('stock.page.balance')}</Title>
      <LowStockCard />
      <Group>
        <Select placeholder={t('stock.all_warehouses')} data={whs} value={warehouse} onChange={setWarehouse} clearable searchable w={260} data-testid="stock-warehouse-filter" />
        <Text fw={600} data-testid="stock-total">{t('stock.total')}: {fmt.money(total, cur)}</Text>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {rows.length === 0 ? (
        <Text c="dimmed">{t('stock.empty')}</Text>
      ) : (
        <Table striped highlightOnHover data-testid="stock-balance-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stock.col.item')}</Table.Th>
              <Table.Th>{t('stock.col.warehouse')}</Table.Th>
              <Table.Th ta="right">{t('stock.col.qty')}</Table.Th>
              <Table.Th ta="right">{t('stock.col.reserved')}</Table.Th>
              <Table.Th ta="right">{t('stock.col.ordered')}</Table.Th>
              <Table.Th ta="right">{t('stock.col.projected')}</Table.Th>
              <Table.Th ta="right">{t('stock.col.value')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={`${r.item}|${r.warehouse}`} data-testid={`stock-row-${r.itemCode}-${r.warehouseName}`} style={{ cursor: 'pointer' }} onClick={() => navigate({ name: 'page', page: 'stock.ledger', params: { item: r.item } })}>
                <Table.Td>{r.itemCode} {r.itemName}</Table.Td>
                <Table.Td>{r.warehouseName}</Table.Td>
                <Table.Td ta="right">{fmt.number(r.qty)} {r.uom}</Table.Td>
                <Table.Td ta="right">{fmt.number(r.reserved)}</Table.Td>
                <Table.Td ta="right">{fmt.number(r.ordered)}</Table.Td>
                <Table.Td ta="right">{fmt.number(r.projected)}</Table.Td>
                <Table.Td ta="right">{fmt.money(r.value, cur)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
