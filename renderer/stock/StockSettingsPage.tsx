/**
 * Stock settings (settings.stock): company valuation method, over-receipt tolerance and the
 * automatic reorder switch (off by default). Saved through updateStockSettings, which checks
 * every value and needs the Settings admin right.
 */
import { useState } from 'react';
import { Alert, Button, Group, NativeSelect, Paper, Stack, Switch, TextInput, Title } from '@mantine/core';
import { stockSettings, updateStockSettings, VALUATION_METHODS } from '../../shared/stock';
import { useApp } from '../state/app.store';
import { useT } from '../i18n/use-t';
import { formKeyDown, useFieldErrors } from '../app/form';
import { notify } from '../app/notify';

const FIELDS = ['valuationMethod', 'overReceiptPercent', 'autoReorder'] as const;

export function StockSettingsPage() {
  const t = useT();
  const session = useApp((s) => s.session)!;
  const touch = useApp((s) => s.touchSession);
  const fe = useFieldErrors(FIELDS);
  const st = stockSettings(session.settings);
  const [v, setV] = useState({ valuationMethod: st.valuationMethod, overReceiptPercent: st.overReceiptPercent, autoReorder: !!st.autoReorder });
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    fe.clear();
    setBusy(true);
    try {
      await updateStockSettings(session, v);
      touch();
      notify('success', t('settings.saved'));
    } catch (e) {
      fe.fromError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={640}>
      <Title order={3}>{t('stock_settings.title')}</Title>
      <Paper withBorder p="md">
        <form noValidate onKeyDown={formKeyDown} onSubmit={(e) => { e.preventDefault(); void submit(); }} data-testid="stock-settings-form">
          <Stack>
            {fe.general && <Alert color="red">{fe.general}</Alert>}
            <NativeSelect name="valuationMethod" label={t('stock_settings.valuationMethod')} value={v.valuationMethod} error={fe.errors.valuationMethod} onChange={(e) => { const val = e.currentTarget.value as typeof v.valuationMethod; setV((x) => ({ ...x, valuationMethod: val })); }} data={VALUATION_METHODS.map((m) => ({ value: m, label: t(`option.${m}`) }))} />
            <TextInput name="overReceiptPercent" label={t('stock_settings.overReceiptPercent')} description={t('stock_settings.overReceiptPercent_hint')} value={v.overReceiptPercent} error={fe.errors.overReceiptPercent} onChange={(e) => { const val = e.currentTarget.value; setV((x) => ({ ...x, overReceiptPercent: val })); }} />
            <Switch name="autoReorder" label={t('stock_settings.autoReorder')} description={t('stock_settings.autoReorder_hint')} checked={v.autoReorder} error={fe.errors.autoReorder} onChange={(e) => { const val = e.currentTarget.checked; setV((x) => ({ ...x, autoReorder: val })); }} data-testid="stock-settings-auto-reorder" />
            <Group justify="flex-end">
              <Button type="submit" loading={busy} data-testid="stock-settings-save">{t('common.save')}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
