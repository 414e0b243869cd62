/**
 * Repost valuation: pick an item, a warehouse and the date to replay from (params item /
 * warehouse / from, e.g. from the stock ledger or a `repost_needed` notice), see the preview
 * (previewRepost: each stale row with its posted and replayed value, the total, the value now
 * and after), then post ONE adjusting StockRepost (repostValuation). Nothing is written until
 * "Post adjustment"; a second run finds nothing to adjust.
 */
import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { previewRepost, repostValuation, type RepostPreview } from '../../shared/stock';
import type { BaseRecord } from '../../shared/api';
import type { PageProps } from '../pages/registry';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { notify } from '../app/notify';

export function RepostPage({ params }: PageProps) {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const [items, setItems] = useState<{ value: string; label: string }[]>([]);
  const [whs, setWhs] = useState<{ value: string; label: string }[]>([]);
  const [item, setItem] = useState<string | null>(params?.item ?? null);
  const [warehouse, setWarehouse] = useState<string | null>(params?.warehouse ?? null);
  const [from, setFrom] = useState(params?.from ?? session.localDate().slice(0, 8) + '01');
  const [date, setDate] = useState(session.localDate());
  const [preview, setPreview] = useState<RepostPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    session.db.t<BaseRecord>('items').toArray().then((all) => setItems(all.filter((i) => !i.deleted && i.itemType === 'stock').map((i) => ({ value: i.id, label: `${i.itemCode} ${i.itemName}` }))), () => undefined);
    session.db.t<BaseRecord>('warehouses').toArray().then((all) => setWhs(all.filter((w) => !w.deleted && !w.isGroup).map((w) => ({ value: w.id, label: String(w.warehouseName) }))), () => undefined);
  }, [session]);

  useEffect(() => setPreview(null), [item, warehouse, from]);

  const run = async () => {
    if (!item || !warehouse) return;
    setError(null);
    try {
      setPreview(await previewRepost(session, { item, warehouse, fromDate: from }));
    } catch (e) {
      setError(errorText(e));
    }
  };

  const post = async () => {
    if (!item || !warehouse) return;
    setBusy(true);
    try {
      const doc = await repostValuation(session, { item, warehouse, fromDate: from, postingDate: date });
      if (doc) notify('success', t('repost.posted', { number: doc.number }));
      setPreview(await previewRepost(session, { item, warehouse, fromDate: from }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const cur = session.baseCurrency;
  const canPost = session.can('StockRepost', 'submit');
  return (
    <Stack>
      <Title order={3}>{t('stock.page.repost')}</Title>
      <Group align="end">
        <Select label={t('repost.item')} data={items} value={item} onChange={setItem} searchable w={320} data-testid="repost-item" />
        <Select label={t('repost.warehouse')} data={whs} value={warehouse} onChange={setWarehouse} w={220} data-testid="repost-warehouse" />
        <TextInput type="date" label={t('repost.from')} value={from} onChange={(e) => e.currentTarget.value && setFrom(e.currentTarget.value)} data-testid="repost-from" />
        <Button variant="default" onClick={() => void run()} disabled={!item || !warehouse} data-testid="repost-preview">{t('repost.preview')}</Button>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {preview && (
        <Stack gap="xs" data-testid="repost-result">
          <Text size="sm">{t('repost.method', { method: t(`option.${preview.method}`) })}</Text>
          {preview.method === 'fifo' && <Text size="sm" c="dimmed">{t('repost.fifo_note')}</Text>}
          {preview.lines.length === 0 ? (
            <Text c="dimmed" data-testid="repost-nothing">{t('repost.nothing')}</Text>
          ) : (
            <>
              <Table striped data-testid="repost-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('repost.col.date')}</Table.Th>
                    <Table.Th>{t('repost.col.voucher')}</Table.Th>
                    <Table.Th ta="right">{t('repost.col.qty')}</Table.Th>
                    <Table.Th ta="right">{t('repost.col.posted')}</Table.Th>
                    <Table.Th ta="right">{t('repost.col.expected')}</Table.Th>
                    <Table.Th ta="right">{t('repost.col.difference')}</Table.Th>
                    <Table.Th>{t('repost.col.counter')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.lines.map((l) => (
                    <Table.Tr key={l.row} data-testid="repost-row">
                      <Table.Td>{fmt.date(l.rowDate)}</Table.Td>
                      <Table.Td>{t(`doctype.${l.voucherType}`)} {l.voucherNumber}</Table.Td>
                      <Table.Td ta="right">{fmt.number(l.qty)}</Table.Td>
                      <Table.Td ta="right">{fmt.money(l.posted, cur)}</Table.Td>
                      <Table.Td ta="right">{fmt.money(l.expected, cur)}</Table.Td>
                      <Table.Td ta="right">{fmt.money(l.difference, cur)}</Table.Td>
                      <Table.Td>{t(`repost.counter.${l.counter}`)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text fw={600}>{t('repost.total', { value: fmt.money(preview.total, cur) })}</Text>
              <Text size="sm">{t('repost.current', { value: fmt.money(preview.currentValue, cur) })} · {t('repost.final', { value: fmt.money(preview.finalValue, cur) })}</Text>
              {canPost && (
                <Group align="end">
                  <TextInput type="date" label={t('repost.date')} value={date} onChange={(e) => e.currentTarget.value && setDate(e.currentTarget.value)} data-testid="repost-date" />
                  <Button onClick={() => void post()} loading={busy} data-testid="repost-post">{t('repost.post')}</Button>
                </Group>
              )}
            </>
          )}
          {item && (
            <Anchor size="sm" onClick={() => navigate({ name: 'page', page: 'stock.ledger', params: { item } })}>{t('stock.page.ledger')}</Anchor>
          )}
        </Stack>
      )}
    </Stack>
  );
}
