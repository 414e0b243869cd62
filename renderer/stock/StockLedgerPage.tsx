/**
 * Stock ledger of one item: every movement (oldest first) with the document, warehouse, batch,
 * quantity in / out and the balance after it, keyset-paged through [item+postingDate].
 * Reached from the sidebar or with params { item } (e.g. from the stock balance page).
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { itemStockLedger, type StockLedgerRow } from '../../shared/stock';
import type { BaseRecord } from '../../shared/api';
import type { PageProps } from '../pages/registry';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';

export function StockLedgerPage({ params }: PageProps) {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const [items, setItems] = useState<{ value: string; label: string }[]>([]);
  const [whs, setWhs] = useState<Map<string, string>>(new Map());
  const [item, setItem] = useState<string | null>(params?.item ?? null);
  const [rows, setRows] = useState<StockLedgerRow[]>([]);
  const [next, setNext] = useState<[string, string] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    session.db.t<BaseRecord>('items').toArray().then((all) => setItems(all.filter((i) => !i.deleted && i.itemType === 'stock').map((i) => ({ value: i.id, label: `${i.itemCode} ${i.itemName}` }))), () => undefined);
    session.db.t<BaseRecord>('warehouses').toArray().then((all) => setWhs(new Map(all.map((w) => [w.id, String(w.warehouseName)]))), () => undefined);
  }, [session]);

  useEffect(() => {
    setRows([]);
    setNext(null);
    setError(null);
    if (!item) return;
    itemStockLedger(session, item, { limit: 100 }).then((r) => {
      setRows(r.rows);
      setNext(r.next);
    }, (e) => setError(errorText(e)));
  }, [session, item, errorText]);

  const more = async () => {
    if (!item || !next) return;
    try {
      const r = await itemStockLedger(session, item, { limit: 100, after: next });
      setRows((x) => [...x, ...r.rows]);
      setNext(r.next);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const cur = session.baseCurrency;
  return (
    <Stack>
      <Title order={3}>{t('stock.page.ledger')}</Title>
      <Group>
        <Select placeholder={t('stock.ledger.pick_item')} data={items} value={item} onChange={setItem} searchable w={360} data-testid="ledger-item" />
        {item && session.can('StockRepost', 'read') && (
          <Button variant="default" onClick={() => navigate({ name: 'page', page: 'stock.repost', params: { item } })} data-testid="ledger-repost">{t('stock.ledger.repost')}</Button>
        )}
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {item && rows.length === 0 && !error ? <Text c="dimmed">{t('stock.empty')}</Text> : null}
      {rows.length > 0 && (
        <Table striped data-testid="ledger-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stock.col.date')}</Table.Th>
              <Table.Th>{t('stock.col.voucher')}</Table.Th>
              <Table.Th>{t('stock.col.warehouse')}</Table.Th>
              <Table.Th>{t('stock.col.batch')}</Table.Th>
              <Table.Th ta="right">{t('stock.col.change')}</Table.Th>
              <Table.Th ta="right">{t('stock.col.balance')}</Table.Th>
              <Table.Th ta="right">{t('stock.col.value')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id} data-testid="ledger-row" style={{ opacity: r.isReversal ? 0.6 : 1 }}>
                <Table.Td>{fmt.date(r.postingDate)}</Table.Td>
                <Table.Td>{t(`doctype.${r.voucherType}`)} {r.voucherNumber}</Table.Td>
                <Table.Td>{whs.get(r.warehouse) ?? ''}</Table.Td>
                <Table.Td>{r.batch}</Table.Td>
                <Table.Td ta="right" c={r.qty.startsWith('-') ? 'red' : 'teal'}>{fmt.number(r.qty)}</Table.Td>
                <Table.Td ta="right">{fmt.number(r.balanceQty)}</Table.Td>
                <Table.Td ta="right">{fmt.money(r.value, cur)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {next && <Button variant="default" onClick={more}>{t('stock.load_more')}</Button>}
    </Stack>
  );
}
