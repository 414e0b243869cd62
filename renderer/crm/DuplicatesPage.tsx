/**
 * Duplicates: scan customers, contacts or leads for records sharing a normalised key (name, email,
 * phone, tax id: scanDuplicates walks each key index once), pick the record to keep in a group
 * and merge the others into it (mergeRecords: re-points every linked draft, fills empty fields,
 * tombstones the loser, one transaction per merge, audited). Managers only.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Radio, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { mergeRecords, scanDuplicates, type DuplicateGroup } from '../../shared/crm';
import { useApp } from '../state/app.store';
import { useErrorText, useT } from '../i18n/use-t';
import { notify } from '../app/notify';

const TYPES = ['Customer', 'Contact', 'Lead'] as const;

export function DuplicatesPage() {
  const t = useT();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const [docType, setDocType] = useState<string>('Customer');
  const [groups, setGroups] = useState<DuplicateGroup[] | null>(null);
  const [keep, setKeep] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const scan = async (type = docType) => {
    setError(null);
    setBusy(true);
    try {
      const g = await scanDuplicates(session, type, { maxGroups: 200 });
      setGroups(g);
      setKeep(Object.fromEntries(g.map((x, i) => [i, x.records[0].id])));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const merge = async (i: number) => {
    const g = groups![i];
    const survivor = keep[i] ?? g.records[0].id;
    setError(null);
    setBusy(true);
    try {
      for (const r of g.records) if (r.id !== survivor) await mergeRecords(session, docType, survivor, r.id);
      notify('success', t('crm.merged'));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
    await scan();
  };
  return (
    <Stack>
      <Title order={3}>{t('crm.page.duplicates')}</Title>
      <Group>
        <SegmentedControl data={TYPES.map((d) => ({ value: d, label: t(`doctype.${d}`) }))} value={docType} onChange={(v) => { setDocType(v); setGroups(null); }} data-testid="crm-dup-type" />
        <Button onClick={() => void scan()} loading={busy} data-testid="crm-dup-scan">{t('crm.scan')}</Button>
      </Group>
      {error && <Alert color="red" data-testid="crm-dup-error">{error}</Alert>}
      {groups && groups.length === 0 && <Text c="dimmed" data-testid="crm-dup-none">{t('crm.no_duplicates')}</Text>}
      {groups?.map((g, i) => (
        <Card withBorder key={`${g.kind}:${g.key}`} data-testid={`crm-dup-group-${i}`}>
          <Group justify="space-between" mb="xs">
            <Badge variant="light">{t(`crm.reason.${g.kind}`)}</Badge>
            <Button size="xs" color="orange" onClick={() => void merge(i)} disabled={busy} data-testid={`crm-dup-merge-${i}`}>
              {t('crm.merge_into', { number: g.records.find((r) => r.id === keep[i])?.number ?? g.records[0].number })}
            </Button>
          </Group>
          <Radio.Group value={keep[i] ?? g.records[0].id} onChange={(v) => setKeep((k) => ({ ...k, [i]: v }))} label={t('crm.keep_which')}>
            <Stack gap={4} mt={4}>
              {g.records.map((r) => (
                <Group key={r.id} gap="xs">
                  <Radio value={r.id} label={`${r.number} · ${r.title}`} data-testid={`crm-dup-keep-${r.number}`} />
                  <Text size="xs" c="blue" style={{ cursor: 'pointer' }} onClick={() => navigate({ name: 'form', docType, id: r.id })}>{t('crm.open_form')}</Text>
                </Group>
              ))}
            </Stack>
          </Radio.Group>
        </Card>
      ))}
    </Stack>
  );
}
