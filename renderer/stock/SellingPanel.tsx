/**
 * Under a submitted (non-return) sales order's or delivery note's form: what is invoiced of each
 * line and a "Make sales invoice" button (makeSalesInvoiceFrom -> the draft in the generic
 * invoice form, where quantities can be cut for a partial invoice). Reads through the services;
 * the only write is the draft invoice. (The picking list is a header action, ./selling.ts.)
 * Rates are shown in the document's currency (the invoice made from it carries that currency and
 * rate); the base-currency totals of a foreign document are in ./CurrencyPanel.tsx above it.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { invoicingStatus, makeSalesInvoiceFrom, type BillingLine, type InvoiceSource } from '../../shared/stock';
import { linkTitles, D } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import type { FormPanelProps } from '../doc/form-panels';

export function SellingPanel({ docType, rec }: FormPanelProps) {
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const source = docType as InvoiceSource;
  const [rows, setRows] = useState<BillingLine[]>([]);
  const [titles, setTitles] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const live = rec.status === 'submitted' && !rec.isReturn;
  const currency = (rec.currency as string) || session.baseCurrency;
  const canInvoice = session.can('SalesInvoice', 'read');

  useEffect(() => {
    let on = true;
    setError(null);
    if (!live || !canInvoice) return void setRows([]);
    invoicingStatus(session, source, rec.id).then(
      async (r) => {
        const names = await linkTitles(session, 'Item', r.map((x) => x.item));
        if (!on) return;
        setRows(r);
        setTitles(names);
      },
      (e) => on && setError(errorText(e)),
    );
    return () => {
      on = false;
    };
  }, [session, source, rec.id, rec._rev, rec.status]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!live || !canInvoice) return null;
  const open = rows.some((r) => new D(r.left).sub(r.inDrafts).gt(0));
  const make = async () => {
    setBusy(true);
    setError(null);
    try {
      const draft = await makeSalesInvoiceFrom(session, source, rec.id);
      navigate({ name: 'form', docType: 'SalesInvoice', id: draft.id });
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" mt="md" data-testid="selling-panel">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('stock.sell.title')}</Title>
        <Button size="xs" loading={busy} disabled={!open || !session.can('SalesInvoice', 'create')} onClick={make} data-testid="selling-make-invoice">
          {t('stock.sell.make_invoice')}
        </Button>
      </Group>
      {error && <Alert color="red" mb="xs" data-testid="selling-error">{error}</Alert>}
      {rows.length > 0 && (
        <>
          <Table withTableBorder fz="sm" striped data-testid="selling-status">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stock.sell.col.item')}</Table.Th>
                <Table.Th ta="right">{t('stock.sell.col.invoiceable')}</Table.Th>
                <Table.Th ta="right">{t('stock.sell.col.invoiced')}</Table.Th>
                <Table.Th ta="right">{t('stock.sell.col.drafts')}</Table.Th>
                <Table.Th ta="right">{t('stock.sell.col.left')}</Table.Th>
                <Table.Th ta="right">{t('stock.sell.col.rate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.line} data-testid={`selling-line-${r.line}`}>
                  <Table.Td>{titles.get(r.item) ?? ''}</Table.Td>
                  <Table.Td ta="right">{fmt.number(r.invoiceable)}</Table.Td>
                  <Table.Td ta="right">{fmt.number(r.invoiced)}</Table.Td>
                  <Table.Td ta="right">{new D(r.inDrafts).isZero() ? '' : fmt.number(r.inDrafts)}</Table.Td>
                  <Table.Td ta="right">{fmt.number(r.left)}</Table.Td>
                  <Table.Td ta="right" data-testid={`selling-rate-${r.line}`}>{fmt.money(r.rate, currency)}{r.uom ? ` / ${r.uom}` : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed" mt={4}>{rows.every((r) => new D(r.left).isZero()) ? t('stock.sell.all_invoiced') : t('stock.sell.stock_units')}</Text>
        </>
      )}
    </Paper>
  );
}
