/** Card of items at or below their reorder level (on hand, per warehouse), for the stock balance page. */
import { useEffect, useState } from 'react';
import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { lowStockItems, type LowStockRow } from '../../shared/stock';
import { useApp } from '../state/app.store';
import { useFormat, useT } from '../i18n/use-t';

export function LowStockCard() {
  const t = useT();
  const fmt = useFormat();
  const session = useApp((s) => s.session)!;
  const [rows, setRows] = useState<LowStockRow[] | null>(null);
  useEffect(() => {
    lowStockItems(session).then(setRows, () => setRows([]));
  }, [session]);
  if (rows === null) return null;
  return (
    <Card withBorder padding="sm" data-testid="low-stock-card">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t('stock.page.low_stock')}</Text>
        <Badge color={rows.length ? 'orange' : 'teal'} variant="light">{rows.length}</Badge>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">{t('stock.low_stock.none')}</Text>
      ) : (
        <Stack gap={4}>
          {rows.map((r) => (
            <Group key={`${r.item}|${r.warehouse}`} justify="space-between" data-testid="low-stock-row">
              <Text size="sm">{r.itemCode} {r.itemName} · {r.warehouseName}</Text>
              <Text size="sm" c="orange">{fmt.number(r.qty)} / {fmt.number(r.level)}</Text>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
