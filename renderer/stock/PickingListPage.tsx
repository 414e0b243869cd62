/**
 * A printable picking list of a delivery note or of a sales order's open lines (`pickingList`),
 * in English or Chinese chosen on the page (independent of the UI language, like the payslip), so
 * a warehouse can print Chinese lists from an English session. Printing goes through
 * `platform.printToPdf` (Electron: save as PDF; web: the browser's print dialog); for print media
 * only the list itself is shown.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { translate, type Lang } from '../../shared/api';
import { pickingList, type PickingList, type PickingSource, type PickLine } from '../../shared/stock';
import { useApp } from '../state/app.store';
import { formatters, useErrorText } from '../i18n/use-t';
import { platform } from '../platform';
import type { PageProps } from '../pages/registry';

const PRINT_CSS = `@media print {
  body * { visibility: hidden !important; }
  .picking-print, .picking-print * { visibility: visible !important; }
  .picking-print { position: absolute; left: 0; top: 0; width: 100%; max-width: none; }
  .picking-print .no-print { display: none !important; }
  .picking-print table { font-size: 11px; }
}`;

export function PickingListPage({ params }: PageProps) {
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const uiLang = useApp((s) => s.lang);
  const errorText = useErrorText();
  const [lang, setLang] = useState<Lang>(uiLang);
  const [data, setData] = useState<PickingList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const docType = (params?.docType === 'SalesOrder' ? 'SalesOrder' : 'DeliveryNote') as PickingSource;
  useEffect(() => {
    if (params?.id) pickingList(session, docType, params.id).then(setData, (e) => setError(errorText(e)));
  }, [session, docType, params?.id, errorText]);
  if (error) return <Alert color="red" data-testid="picking-error">{error}</Alert>;
  if (!data) return null;
  const t = (k: string, p?: Record<string, unknown>) => translate(lang, k, p);
  const fmt = formatters(lang);
  const qty = (l: PickLine) => (l.rest !== '0' && l.uom !== l.stockUom ? `${fmt.number(l.whole)} ${l.uom} + ${fmt.number(l.rest)} ${l.stockUom}` : `${fmt.number(l.qty)} ${l.uom}`);
  const name = (l: PickLine) => (lang === 'zh-CN' && l.itemNameZh ? l.itemNameZh : l.itemName);
  const suggested = data.lines.some((l) => l.batchSuggested || l.serialsSuggested);
  return (
    <Stack maw={1100} data-testid="picking-list" className="picking-print">
      <style>{PRINT_CSS}</style>
      <Group justify="space-between" className="no-print">
        <Button variant="subtle" onClick={() => navigate({ name: 'form', docType, id: data.id })} data-testid="picking-back">← {translate(uiLang, 'stock.pick.back')}</Button>
        <SegmentedControl value={lang} onChange={(v) => setLang(v as Lang)} data={[{ value: 'en', label: 'English' }, { value: 'zh-CN', label: '中文' }]} data-testid="picking-lang" />
        <Button onClick={() => platform.printToPdf({ suggestedName: `${data.number}-picking.pdf` })} data-testid="picking-print">{t('stock.pick.print')}</Button>
      </Group>
      <Title order={3} data-testid="picking-title">{data.company} — {t('stock.pick.title')}</Title>
      <Text>
        {t('stock.pick.document')}: {t(`doctype.${docType}`)} {data.number}{data.status === 'draft' ? ` (${t('stock.pick.draft')})` : ''} · {t('stock.pick.customer')}: {data.customerName} · {t('stock.pick.date')}: {fmt.date(data.date)}
      </Text>
      {data.remarks && <Text size="sm">{data.remarks}</Text>}
      {data.lines.length === 0 ? (
        <Text c="dimmed">{t('stock.pick.empty')}</Text>
      ) : (
        <Table withTableBorder withColumnBorders data-testid="picking-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stock.pick.col.line')}</Table.Th>
              <Table.Th>{t('stock.pick.col.item')}</Table.Th>
              <Table.Th>{t('stock.pick.col.name')}</Table.Th>
              <Table.Th ta="right">{t('stock.pick.col.qty')}</Table.Th>
              <Table.Th ta="right">{t('stock.pick.col.stock_qty')}</Table.Th>
              <Table.Th>{t('stock.pick.col.warehouse')}</Table.Th>
              <Table.Th>{t('stock.pick.col.batch')}</Table.Th>
              <Table.Th>{t('stock.pick.col.expiry')}</Table.Th>
              <Table.Th>{t('stock.pick.col.serials')}</Table.Th>
              <Table.Th>{t('stock.pick.col.picked')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.lines.map((l, i) => (
              <Table.Tr key={i} data-testid={`picking-line-${i}`}>
                <Table.Td>{l.row}</Table.Td>
                <Table.Td>{l.itemCode}</Table.Td>
                <Table.Td>{name(l)}</Table.Td>
                <Table.Td ta="right">{qty(l)}</Table.Td>
                <Table.Td ta="right">{fmt.number(l.stockQty)} {l.stockUom}</Table.Td>
                <Table.Td>{l.warehouseName}</Table.Td>
                <Table.Td>{l.batch}{l.batchSuggested ? ' *' : ''}{l.short ? <Text span c="red" size="sm"> {t('stock.pick.short')}</Text> : null}</Table.Td>
                <Table.Td>{fmt.date(l.expiryDate)}</Table.Td>
                <Table.Td>{l.serials.join(', ')}{l.serialsSuggested && l.serials.length ? ' *' : ''}</Table.Td>
                <Table.Td>☐</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {suggested && <Text size="xs" c="dimmed">{t('stock.pick.suggested')}</Text>}
      <Group gap={80} mt="lg">
        <Text>{t('stock.pick.picked_by')}: ____________</Text>
        <Text>{t('stock.pick.checked_by')}: ____________</Text>
      </Group>
    </Stack>
  );
}
