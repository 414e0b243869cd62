/**
 * "Receive goods" and "Deliver goods": the open purchase (or sales) orders, each with a button
 * that makes the draft receipt (or delivery note) of everything still open through
 * makeReceiptFromOrder / makeDeliveryFromOrder and opens it in the generic form, where the
 * quantities can be cut for a partial receipt before submitting.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Stack, Table, Text, Title } from '@mantine/core';
import { openOrders, makeReceiptFromOrder, makeDeliveryFromOrder, type OpenOrder } from '../../shared/stock';
import { linkTitles } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';

type Kind = 'receive' | 'deliver';

const CONF = {
  receive: { order: 'PurchaseOrder', target: 'PurchaseReceipt', party: 'Supplier', make: makeReceiptFromOrder },
  deliver: { order: 'SalesOrder', target: 'DeliveryNote', party: 'Customer', make: makeDeliveryFromOrder },
} as const;

function OrderFulfilPage({ kind }: { kind: Kind }) {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const c = CONF[kind];
  const [rows, setRows] = useState<OpenOrder[]>([]);
  const [parties, setParties] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const r = await openOrders(session, c.order);
      setRows(r);
      setParties(await linkTitles(session, c.party, r.map((x) => x.party)));
    } catch (e) {
      setError(errorText(e));
    }
  }, [session, c, errorText]);
  useEffect(() => void load(), [load]);

  const make = async (o: OpenOrder) => {
    setBusy(o.id);
    setError(null);
    try {
      const draft = await c.make(session, o.id);
      navigate({ name: 'form', docType: c.target, id: draft.id });
    } catch (e) {
      setError(errorText(e));
      setBusy(null);
    }
  };

  return (
    <Stack>
      <Title order={3}>{t(`stock.page.${kind}`)}</Title>
      <Text c="dimmed" size="sm">{t(`stock.${kind}.pick`)}</Text>
      {error && <Alert color="red" data-testid={`${kind}-error`}>{error}</Alert>}
      {rows.length === 0 ? (
        <Text c="dimmed">{t('stock.open_orders_empty')}</Text>
      ) : (
        <Table striped highlightOnHover data-testid={`${kind}-orders`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t(`doctype.${c.order}`)}</Table.Th>
              <Table.Th>{t(`doctype.${c.party}`)}</Table.Th>
              <Table.Th>{t('stock.col.date')}</Table.Th>
              <Table.Th ta="right">{t('stock.col.open')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>{o.number}</Table.Td>
                <Table.Td>{parties.get(o.party) ?? ''}</Table.Td>
                <Table.Td>{o.date ? fmt.date(o.date) : ''}</Table.Td>
                <Table.Td ta="right">{fmt.number(o.openQty)}</Table.Td>
                <Table.Td ta="right">
                  <Button size="xs" loading={busy === o.id} disabled={!session.can(c.target, 'create')} onClick={() => make(o)} data-testid={`${kind}-make-${o.number}`}>
                    {t(`stock.${kind}.make`)}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function ReceivePage() {
  return <OrderFulfilPage kind="receive" />;
}

export function DeliverPage() {
  return <OrderFulfilPage kind="deliver" />;
}
