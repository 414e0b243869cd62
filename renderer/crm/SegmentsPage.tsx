/**
 * Segments at work: pick a saved segment (customers, contacts or leads matching its
 * conditions), page through its members, open one, export them all to CSV (every page, links
 * as numbers, fields the user may not see left out). The segment itself is edited on its
 * generic form; that form has an "Open members" action leading here.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileTypeCsv } from '@tabler/icons-react';
import { getDocType, listDocs, type BaseRecord } from '../../shared/api';
import { evaluateSegment, exportSegment } from '../../shared/crm';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { cellText, isNumericColumn } from '../doc/cell-format';
import { platform } from '../platform';
import { notify } from '../app/notify';
import type { PageProps } from '../pages/registry';

const PAGE = 100;

export function SegmentsPage({ params }: PageProps) {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const lang = useApp((s) => s.lang);
  const navigate = useApp((s) => s.navigate);
  const [segments, setSegments] = useState<BaseRecord[]>([]);
  const [id, setId] = useState<string | null>(params?.id ?? null);
  const [rows, setRows] = useState<BaseRecord[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    listDocs(session, 'Segment', { limit: 500 }).then((p) => setSegments(p.rows), (e) => setError(errorText(e)));
  }, [session, errorText]);

  const segment = segments.find((x) => x.id === id) ?? null;
  const def = segment ? getDocType(String(segment.target)) : null;

  useEffect(() => {
    setRows([]);
    setNext(null);
    setError(null);
    if (!id) return;
    evaluateSegment(session, id, { limit: PAGE }).then(
      (p) => {
        setRows(p.rows);
        setNext(p.next);
      },
      (e) => setError(errorText(e)),
    );
  }, [session, id, errorText]);

  const more = async () => {
    if (!id || !next) return;
    try {
      const p = await evaluateSegment(session, id, { limit: PAGE, after: next });
      setRows((r) => [...r, ...p.rows]);
      setNext(p.next);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const exportCsv = async () => {
    if (!id || !segment) return;
    setBusy(true);
    try {
      const res = await exportSegment(session, id, lang);
      await platform.saveFile({ suggestedName: `${String(segment.segmentName)}.csv`, mime: 'text/csv', data: new TextEncoder().encode(res.csv), filters: [{ name: 'CSV', extensions: ['csv'] }] });
      notify('success', t('crm.segment.exported', { count: res.count }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const cols = def ? def.listColumns : [];
  const ctx = { fmt, t, titles: new Map<string, string>(), baseCurrency: session.baseCurrency };
  const label = (c: string) => (c === 'number' ? t('doc.number') : t(`field.${def!.name}.${c}`));

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('crm.page.segments')}</Title>
        <Group align="flex-end">
          <Select
            label={t('doctype.Segment')}
            w={320}
            searchable
            value={id}
            onChange={setId}
            data={segments.map((x) => ({ value: x.id, label: `${String(x.segmentName)} · ${t(`doctype.${String(x.target)}`)}` }))}
            data-testid="crm-segment-pick"
          />
          <Button variant="default" leftSection={<IconFileTypeCsv size={16} />} disabled={!id || !session.can(String(segment?.target ?? 'Customer'), 'export')} loading={busy} onClick={() => void exportCsv()} data-testid="crm-segment-export">
            {t('crm.segment.export')}
          </Button>
        </Group>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {!id && <Text c="dimmed">{t('crm.segment.pick')}</Text>}
      {def && (
        <Paper withBorder>
          <Text size="sm" p="xs" c="dimmed" data-testid="crm-segment-count">{t(next ? 'crm.segment.count_more' : 'crm.segment.count', { count: rows.length })}</Text>
          <Table striped highlightOnHover fz="sm" data-testid="crm-segment-table">
            <Table.Thead>
              <Table.Tr>{cols.map((c) => <Table.Th key={c} ta={isNumericColumn(def, c) ? 'right' : undefined}>{label(c)}</Table.Th>)}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => navigate({ name: 'form', docType: def.name, id: r.id })} data-testid={`crm-segment-row-${r.number}`}>
                  {cols.map((c) => <Table.Td key={c} ta={isNumericColumn(def, c) ? 'right' : undefined}>{cellText(def, c, r, ctx)}</Table.Td>)}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {next && (
            <Group justify="center" p="xs">
              <Button variant="subtle" onClick={() => void more()} data-testid="crm-segment-more">{t('crm.segment.more')}</Button>
            </Group>
          )}
        </Paper>
      )}
    </Stack>
  );
}
