/** Lead capture: a minimal counter form that creates a Lead (source capture_form; assignment rules apply) and warns of duplicates. */
import { useState } from 'react';
import { Alert, Button, Stack, TextInput, Title } from '@mantine/core';
import { captureLead, CAPTURE_FIELDS } from '../../shared/crm';
import { useApp } from '../state/app.store';
import { useErrorText, useT } from '../i18n/use-t';

const SHOWN = CAPTURE_FIELDS.filter((f) => f !== 'notes' && f !== 'campaign');

export function CapturePage() {
  const t = useT();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const [values, setValues] = useState<Record<string, string>>({});
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async () => {
    try {
      const r = await captureLead(session, values);
      const dups = r.duplicates.map((d) => `${d.title} (${d.reasons.map((x) => t(`crm.reason.${x}`)).join(', ')})`).join('; ');
      setMsg({ ok: true, text: t('crm.capture_saved', { number: r.lead.number }) + (dups ? ` ${t('crm.possible_duplicates', { list: dups })}` : '') });
      setValues({});
    } catch (e) {
      setMsg({ ok: false, text: errorText(e) });
    }
  };
  return (
    <Stack maw={520}>
      <Title order={3}>{t('crm.page.capture')}</Title>
      {SHOWN.map((f) => (
        <TextInput key={f} name={f} label={t(`field.Lead.${f}`)} value={values[f] ?? ''} required={f === 'leadName'} onChange={(e) => { const v = e.currentTarget.value; setValues((x) => ({ ...x, [f]: v })); }} />
      ))}
      <Button onClick={() => void submit()} data-testid="crm-capture-submit">{t('crm.capture_submit')}</Button>
      {msg && <Alert color={msg.ok ? 'green' : 'red'} data-testid="crm-capture-result">{msg.text}</Alert>}
    </Stack>
  );
}
