/**
 * Under a purchase order's, purchase receipt's, sales order's or delivery note's form, when the
 * document is in a foreign currency: its net total in that currency, the exchange rate and the
 * net total in the base currency (the exact sum of the lines' base amounts the service stored,
 * shared/stock/currency.ts), and for a delivery the cost of goods (base). Nothing for a base
 * document (the form's own net total says it all). Reads only the record the form holds.
 */
import { Alert, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useApp } from '../state/app.store';
import { useFormat, useT } from '../i18n/use-t';
import type { FormPanelProps } from '../doc/form-panels';

export function CurrencyPanel({ docType, rec }: FormPanelProps) {
  const session = useApp((s) => s.session)!;
  const t = useT();
  const fmt = useFormat();
  const base = session.baseCurrency;
  const cur = (rec.currency as string) || base;
  if (cur === base) return null;
  const rate = (rec.exchangeRate as string) || '';
  const row = (label: string, value: string, id: string) => (
    <Group justify="space-between" gap="xl">
      <Text size="sm" c="dimmed">{label}</Text>
      <Text size="sm" fw={500} data-testid={id}>{value}</Text>
    </Group>
  );
  return (
    <Paper withBorder p="md" mt="md" data-testid="currency-panel">
      <Title order={5} mb="xs">{t('stock.cur.title')}</Title>
      <Stack gap={4} maw={480}>
        {row(t('stock.cur.net_total'), fmt.money(Number(rec.netTotal ?? 0), cur), 'currency-net-total')}
        {rate ? row(t('stock.cur.rate'), t('stock.cur.rate_line', { currency: cur, rate, base }), 'currency-rate') : <Alert color="yellow" p="xs" data-testid="currency-rate-missing">{t('stock.cur.rate_missing')}</Alert>}
        {rate && row(t('stock.cur.base_total', { base }), fmt.money(Number(rec.baseNetTotal ?? 0), base), 'currency-base-total')}
        {docType === 'DeliveryNote' && rec.status !== 'draft' && row(t('stock.cur.cost_total'), fmt.money(Number(rec.totalCost ?? 0), base), 'currency-cost-total')}
      </Stack>
      <Text size="xs" c="dimmed" mt={4}>{t('stock.cur.base_note', { base })}</Text>
    </Paper>
  );
}
