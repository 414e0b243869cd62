/**
 * Pipeline kanban: one column per stage, cards are opportunities. Moving a card (native HTML5
 * drag and drop, or the keyboard: focus a card and press ArrowLeft / ArrowRight) calls the
 * generic updateDoc with the card's revision, so the behaviour's rules (probability default,
 * lost reason, ownOnly) apply exactly as in the form. The weighted total per column is shown.
 */
import { useCallback, useEffect, useState, type DragEvent, type KeyboardEvent } from 'react';
import { Alert, Badge, Card, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { listDocs, updateDoc, type BaseRecord } from '../../shared/api';
import { STAGES, type Stage } from '../../shared/crm/crm.doctypes';
import { weightedAmount } from '../../shared/crm/forecast';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';

const PER_COLUMN = 100;

export function PipelinePage() {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const [cols, setCols] = useState<Record<string, BaseRecord[]>>({});
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const out: Record<string, BaseRecord[]> = {};
    for (const stage of STAGES) out[stage] = (await listDocs(session, 'Opportunity', { sort: 'stage', dir: 'asc', after: [stage, ''], filters: { stage }, limit: PER_COLUMN })).rows;
    setCols(out);
  }, [session]);
  useEffect(() => void load().catch((e) => setError(errorText(e))), [load, errorText]);

  const move = async (rec: BaseRecord, stage: Stage) => {
    if (rec.stage === stage) return;
    setError(null);
    try {
      const input: Record<string, unknown> = { ...rec, stage };
      if (stage === 'lost' && !rec.lostReason) {
        const reason = window.prompt(t('field.Opportunity.lostReason'));
        if (!reason) return;
        input.lostReason = reason;
      }
      await updateDoc(session, 'Opportunity', rec.id, input, rec._rev);
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const find = (id: string) => Object.values(cols).flat().find((r) => r.id === id);
  const onDrop = (stage: Stage) => (e: DragEvent) => {
    e.preventDefault();
    const rec = find(e.dataTransfer.getData('text/plain'));
    if (rec) void move(rec, stage);
  };
  const onKey = (rec: BaseRecord) => (e: KeyboardEvent) => {
    const i = STAGES.indexOf(rec.stage as Stage);
    if (e.key === 'ArrowRight' && i < STAGES.length - 1) void move(rec, STAGES[i + 1]);
    else if (e.key === 'ArrowLeft' && i > 0) void move(rec, STAGES[i - 1]);
    else if (e.key === 'Enter') navigate({ name: 'form', docType: 'Opportunity', id: rec.id });
  };
  const cur = (r: BaseRecord) => String(r.currency || session.baseCurrency);

  return (
    <Stack data-testid="crm-board">
      <Title order={3}>{t('crm.page.pipeline')}</Title>
      <Text c="dimmed" size="sm">{t('crm.board_hint')}</Text>
      {error && <Alert color="red" data-testid="crm-board-error">{error}</Alert>}
      <ScrollArea>
        <Group align="flex-start" wrap="nowrap" gap="sm">
          {STAGES.map((stage) => {
            const rows = cols[stage] ?? [];
            const weighted = rows.filter((r) => cur(r) === session.baseCurrency).reduce((a, r) => a + weightedAmount(Number(r.amount ?? 0), String(r.probability ?? '0')), 0);
            return (
              <Card key={stage} withBorder w={230} padding="xs" data-testid={`crm-col-${stage}`} onDragOver={(e: DragEvent) => e.preventDefault()} onDrop={onDrop(stage)}>
                <Group justify="space-between" mb="xs" wrap="nowrap">
                  <Text fw={600} truncate>{t(`option.${stage}`)}</Text>
                  <Badge variant="light">{rows.length}</Badge>
                </Group>
                <Text size="xs" c="dimmed" mb="xs">{t('crm.weighted')}: {fmt.money(weighted, session.baseCurrency)}</Text>
                <Stack gap="xs" mih={80}>
                  {rows.map((r) => (
                    <Card key={r.id} withBorder padding="xs" draggable tabIndex={0} role="button" aria-label={String(r.title)} data-testid={`crm-card-${r.number}`}
                      onDragStart={(e: DragEvent) => e.dataTransfer.setData('text/plain', r.id)} onKeyDown={onKey(r)} onDoubleClick={() => navigate({ name: 'form', docType: 'Opportunity', id: r.id })} style={{ cursor: 'grab' }}>
                      <Text size="sm" fw={500}>{String(r.title)}</Text>
                      <Text size="xs" c="dimmed">{fmt.money(Number(r.amount), cur(r))} · {String(r.probability)}%</Text>
                      {r.expectedClose ? <Text size="xs" c="dimmed">{fmt.date(String(r.expectedClose))}</Text> : null}
                    </Card>
                  ))}
                </Stack>
              </Card>
            );
          })}
        </Group>
      </ScrollArea>
    </Stack>
  );
}
