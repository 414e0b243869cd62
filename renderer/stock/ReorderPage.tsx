/**
 * Reorder suggestions (projected = on hand + ordered - reserved, at or below the reorder level)
 * with a "Create purchase orders" button: one draft order per default supplier, in one
 * transaction, through the service.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { reorderSuggestions, createPurchaseOrdersFromSuggestions, type ReorderSuggestion } from '../../shared/stock';
import { linkTitles } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';

export function ReorderPage() {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const [rows, setRows] = useState<ReorderSuggestion[]>([]);
  const [suppliers, setSuppliers] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      const r = await reorderSuggestions(session);
      setRows(r);
      setSuppliers(await linkTitles(session, 'Supplier', r.map((x) => x.supplier).filter(Boolean)));
    } catch (e) {
      setError(errorText(e));
    }
  }, [session, errorText]);
  useEffect(() => void load(), [load]);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const pos = await createPurchaseOrdersFromSuggestions(session, rows);
      notifications.show({ color: 'green', message: t('stock.pos_created', { count: pos.length }) });
      await load();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>{t('stock.page.reorder')}</Title>
        <Button onClick={create} loading={busy} disabled={rows.length === 0 || !session.can('PurchaseOrder', 'create')} data-testid="reorder-create-pos">{t('stock.create_pos')}</Button>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {rows.length === 0 ? (
        <Text c="dimmed">{t('stock.empty')}</Text>
      ) : (
        <Table striped data-testid="reorder-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stock.col.item')}</Table.Th>
              <Table.Th>{t('stock.col.warehouse')}</Table.Th>
              <Table.Th ta="right">{t('stock.col.qty')}</Table.Th>
              <Table.Th ta="right">{t('stock.col.projected')}</Table.Th>
              <Table.Th ta="right">{t('stock.col.level')}</Table.Th>
              <Table.Th ta="right">{t('stock.col.suggested')}</Table.Th>
              <Table.Th>{t('stock.col.supplier')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={`${r.item}|${r.warehouse}`}>
                <Table.Td>{r.itemCode} {r.itemName}</Table.Td>
                <Table.Td>{r.warehouseName}</Table.Td>
                <Table.Td ta="right">{fmt.number(r.onHand)}</Table.Td>
                <Table.Td ta="right">{fmt.number(r.projected)}</Table.Td>
                <Table.Td ta="right">{fmt.number(r.level)}</Table.Td>
                <Table.Td ta="right">{fmt.number(r.suggestedQty)}</Table.Td>
                <Table.Td>{suppliers.get(r.supplier) ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
