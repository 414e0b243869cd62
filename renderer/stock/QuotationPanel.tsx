/**
 * Under a submitted supplier quotation's form: "Make purchase order" (every line, at the quoted
 * rates, through makePurchaseOrderFromQuotation) and the purchase orders already made from it.
 */
import { useEffect, useState } from 'react';
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { makePurchaseOrderFromQuotation, purchaseOrdersOfQuotation } from '../../shared/stock';
import type { FormPanelProps } from '../doc/form-panels';
import { useApp } from '../state/app.store';
import { useErrorText, useT } from '../i18n/use-t';
import { notify } from '../app/notify';

export function QuotationPanel({ rec }: FormPanelProps) {
  const t = useT();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const [orders, setOrders] = useState<{ id: string; number: string; status: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const canSee = session.can('PurchaseOrder', 'read');

  useEffect(() => {
    if (canSee) purchaseOrdersOfQuotation(session, rec.id).then(setOrders, () => setOrders([]));
  }, [session, rec.id, rec._rev, canSee]);

  if (rec.status === 'draft' || !canSee) return null;
  const expired = (rec.validTill as string) < session.localDate();

  const make = async () => {
    setBusy(true);
    try {
      const po = await makePurchaseOrderFromQuotation(session, rec.id);
      navigate({ name: 'form', docType: 'PurchaseOrder', id: po.id });
    } catch (e) {
      notify('error', errorText(e));
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" mt="lg" data-testid="quotation-panel">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={5}>{t('buying.quotation.orders')}</Title>
          {rec.status === 'submitted' && session.can('PurchaseOrder', 'create') && (
            <Button size="xs" onClick={() => void make()} loading={busy} disabled={expired} data-testid="quotation-make-po">
              {t('buying.make_po')}
            </Button>
          )}
        </Group>
        {expired && rec.status === 'submitted' && <Text size="sm" c="orange">{t('error.quotation_expired', { number: rec.number, validTill: rec.validTill })}</Text>}
        {orders.length === 0 ? (
          <Text size="sm" c="dimmed">{t('buying.quotation.no_orders')}</Text>
        ) : (
          <Group gap="sm">
            {orders.map((o) => (
              <Anchor key={o.id} size="sm" onClick={() => navigate({ name: 'form', docType: 'PurchaseOrder', id: o.id })} data-testid={`quotation-order-${o.number}`}>
                {o.number} · {t(`status.${o.status}`)}
              </Anchor>
            ))}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
