/**
 * Under a submitted purchase receipt's form: the landed costs posted against it (number, date,
 * charges, what went to stock and to expense, status) and "Add landed cost", which makes a draft
 * landed cost prefilled with the receipt (makeLandedCostFromReceipt) and opens it in the generic
 * form, where the charges are entered.
 */
import { useEffect, useState } from 'react';
import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { landedCostsOfReceipt, makeLandedCostFromReceipt, type ReceiptLandedCost } from '../../shared/stock';
import type { FormPanelProps } from '../doc/form-panels';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { notify } from '../app/notify';

export function LandedCostPanel({ rec }: FormPanelProps) {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const [rows, setRows] = useState<ReceiptLandedCost[]>([]);
  const [busy, setBusy] = useState(false);
  const canSee = session.can('LandedCost', 'read');

  useEffect(() => {
    if (canSee && rec.status !== 'draft') landedCostsOfReceipt(session, rec.id).then(setRows, () => setRows([]));
  }, [session, rec.id, rec._rev, rec.status, canSee]);

  if (rec.status === 'draft' || rec.isReturn || !canSee) return null;

  const add = async () => {
    setBusy(true);
    try {
      const lc = await makeLandedCostFromReceipt(session, rec.id);
      navigate({ name: 'form', docType: 'LandedCost', id: lc.id });
    } catch (e) {
      notify('error', errorText(e));
      setBusy(false);
    }
  };

  const cur = session.baseCurrency;
  return (
    <Paper withBorder p="md" mt="lg" data-testid="landed-cost-panel">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={5}>{t('lc.panel.title')}</Title>
          {rec.status === 'submitted' && session.can('LandedCost', 'create') && (
            <Button size="xs" onClick={() => void add()} loading={busy} data-testid="landed-cost-add">
              {t('lc.panel.add')}
            </Button>
          )}
        </Group>
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed">{t('lc.panel.none')}</Text>
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('lc.col.number')}</Table.Th>
                <Table.Th>{t('lc.col.date')}</Table.Th>
                <Table.Th ta="right">{t('lc.col.charges')}</Table.Th>
                <Table.Th ta="right">{t('lc.col.to_stock')}</Table.Th>
                <Table.Th ta="right">{t('lc.col.to_expense')}</Table.Th>
                <Table.Th>{t('lc.col.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id} data-testid={`landed-cost-${r.number}`}>
                  <Table.Td>
                    <Anchor size="sm" onClick={() => navigate({ name: 'form', docType: 'LandedCost', id: r.id })}>{r.number}</Anchor>
                  </Table.Td>
                  <Table.Td>{fmt.date(r.postingDate)}</Table.Td>
                  <Table.Td ta="right">{fmt.money(r.totalCharges, cur)}</Table.Td>
                  <Table.Td ta="right">{fmt.money(r.totalToStock, cur)}</Table.Td>
                  <Table.Td ta="right">{fmt.money(r.totalToExpense, cur)}</Table.Td>
                  <Table.Td>{t(`status.${r.status}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
