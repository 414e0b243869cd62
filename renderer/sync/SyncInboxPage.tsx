/**
 * Conflict inbox: what sync could not settle on its own (ledger rows that differ, changes HQ
 * refused, duplicate numbers, unknown data, business rules). Each entry shows its suggested
 * resolution; Resolve closes it (accept, or for a refused change retry / discard), audited.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Code, Group, Modal, Paper, Radio, Stack, Table, Text, Textarea } from '@mantine/core';
import { FilteredListHeader } from './ListHeader';
import { docTypeByTable } from '../../shared/api';
import { hasMessage } from '../../shared/i18n';
import { useApp } from '../state/app.store';
import { useFormat, useT } from '../i18n/use-t';
import { notify } from '../app/notify';
import { conflictResolvers, listConflicts, resolveConflict, type SyncConflict } from './engine';
import { refreshSync } from './sync.store';
import { syncErrorText } from './errors';

type Filter = 'open' | 'resolved' | 'all';
/** 'accept' | 'retry' | 'discard', or a resolution that makes a document (e.g. 'stock_count'). */
type Resolution = string;

function resolutionsFor(c: SyncConflict): Resolution[] {
  if (c.kind === 'rejected' && c.changeId) return ['accept', 'retry', 'discard'];
  return [...conflictResolvers(c).map((r) => r.resolution), 'accept'];
}

/** Names of the records a detail refers to by id (item, warehouse, customer...). */
const DETAIL_LINKS: Record<string, string> = { item: 'items', warehouse: 'warehouses', customer: 'customers', supplier: 'suppliers' };

function useDetailNames(c: SyncConflict): Record<string, string> {
  const session = useApp((s) => s.session)!;
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    void (async () => {
      const out: Record<string, string> = {};
      for (const [key, table] of Object.entries(DETAIL_LINKS)) {
        const id = c.detail?.[key];
        if (typeof id !== 'string') continue;
        const rec = (await session.db.t(table).get(id).catch(() => undefined)) as Record<string, unknown> | undefined;
        const name = rec ? [rec.number, rec.itemName ?? rec.warehouseName ?? rec.customerName ?? rec.supplierName].filter((x) => typeof x === 'string' && x).join(' · ') : '';
        if (name) out[key] = name;
      }
      if (live) setNames(out);
    })();
    return () => {
      live = false;
    };
  }, [c, session]);
  return names;
}

/** A short, readable summary of the machine-readable detail (codes translated). */
function DetailCell({ c }: { c: SyncConflict }) {
  const t = useT();
  const code = typeof c.detail?.code === 'string' ? c.detail.code : undefined;
  const names = useDetailNames(c);
  const rest = Object.fromEntries(Object.entries(c.detail ?? {}).filter(([k]) => k !== 'code' && !names[k]));
  const json = JSON.stringify(rest);
  return (
    <Stack gap={2}>
      {code && <Text size="sm">{hasMessage(code) ? t(code) : code}</Text>}
      {Object.entries(names).map(([k, v]) => <Text key={k} size="xs" data-testid={`sync-detail-${k}`}>{t(`syncui.detail.${k}`)}: {v}</Text>)}
      {json !== '{}' && <Code block style={{ maxWidth: 360, maxHeight: 120, overflow: 'auto', fontSize: 11 }}>{json.length > 600 ? `${json.slice(0, 600)}…` : json}</Code>}
    </Stack>
  );
}

export function SyncInboxPage() {
  const t = useT();
  const fmt = useFormat();
  const lang = useApp((s) => s.lang);
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const [filter, setFilter] = useState<Filter>('open');
  const [rows, setRows] = useState<SyncConflict[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState<SyncConflict | null>(null);
  const [resolution, setResolution] = useState<Resolution>('accept');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [resolveError, setResolveError] = useState<string | null>(null);
  const canResolve = session.can('Settings', 'admin');

  const load = useCallback(async () => {
    try {
      const all = await listConflicts(session, { includeResolved: filter !== 'open', limit: 500 });
      setRows(filter === 'resolved' ? all.filter((c) => c.resolved === 1) : all);
      setError(null);
    } catch (e) {
      setError(syncErrorText(lang, e));
    }
  }, [session, filter, lang]);

  useEffect(() => {
    void load();
  }, [load]);

  const open = (c: SyncConflict) => {
    setTarget(c);
    setResolution(resolutionsFor(c)[0]);
    setNote('');
    setResolveError(null);
  };

  const confirm = async () => {
    if (!target) return;
    setBusy(true);
    setResolveError(null);
    try {
      const done = await resolveConflict(session, target.id, resolution, note.trim());
      notify('success', t('syncui.inbox.resolved_ok'));
      setTarget(null);
      await refreshSync(session).catch(() => undefined);
      // a resolution that made a document opens it, to be finished and submitted
      if (done.document) navigate({ name: 'form', docType: done.document.docType, id: done.document.id });
      else await load();
    } catch (e) {
      setResolveError(syncErrorText(lang, e));
    } finally {
      setBusy(false);
    }
  };

  const tableLabel = (table: string) => {
    const d = docTypeByTable(table);
    if (d) return t(`doctype.${d.name}`);
    return hasMessage(`syncui.table.${table}`) ? t(`syncui.table.${table}`) : table;
  };

  return (
    <Stack>
      <FilteredListHeader title={t('syncui.page.inbox')} value={filter} options={['open', 'resolved', 'all'] as const} labelPrefix="syncui.inbox.filter." onChange={setFilter} onRefresh={() => void load()} testId="sync-inbox" />
      {error && <Alert color="red">{error}</Alert>}
      <Paper withBorder>
        {rows.length === 0 ? (
          <Text p="md" c="dimmed" data-testid="sync-inbox-empty">{t('syncui.inbox.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="sync-inbox-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('syncui.inbox.at')}</Table.Th>
                  <Table.Th>{t('syncui.inbox.kind')}</Table.Th>
                  <Table.Th>{t('syncui.inbox.table')}</Table.Th>
                  <Table.Th>{t('syncui.inbox.record')}</Table.Th>
                  <Table.Th>{t('syncui.inbox.detail')}</Table.Th>
                  <Table.Th>{t('syncui.inbox.suggestion')}</Table.Th>
                  <Table.Th>{t('syncui.inbox.status')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((c) => {
                  const d = docTypeByTable(c.table);
                  return (
                    <Table.Tr key={c.id} data-testid={`sync-conflict-${c.id}`}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(c.at)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}><Badge variant="light" color={c.kind === 'rejected' ? 'red' : 'orange'}>{hasMessage(`syncui.kind.${c.kind}`) ? t(`syncui.kind.${c.kind}`) : c.kind}</Badge></Table.Td>
                      <Table.Td>{tableLabel(c.table)}</Table.Td>
                      <Table.Td>
                        {d ? <Anchor size="sm" onClick={() => navigate({ name: 'form', docType: d.name, id: c.recordId })}>{c.recordId}</Anchor> : <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>{c.recordId}</Text>}
                      </Table.Td>
                      <Table.Td><DetailCell c={c} /></Table.Td>
                      <Table.Td><Text size="sm">{hasMessage(c.suggestion) ? t(c.suggestion) : c.suggestion}</Text></Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {c.resolved ? <Badge color="teal" variant="light">{t('syncui.inbox.resolved_as', { resolution: t(`syncui.resolution.${c.resolution ?? 'accept'}`) })}</Badge> : <Badge color="gray" variant="light">{t('syncui.inbox.open')}</Badge>}
                        {c.document && <Anchor size="xs" display="block" mt={4} data-testid={`sync-doc-${c.id}`} onClick={() => navigate({ name: 'form', docType: c.document!.docType, id: c.document!.id })}>{t(`doctype.${c.document.docType}`)} {c.document.number}</Anchor>}
                      </Table.Td>
                      <Table.Td>
                        {!c.resolved && canResolve && <Button size="xs" onClick={() => open(c)} data-testid={`sync-resolve-${c.id}`}>{t('syncui.inbox.resolve')}</Button>}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Modal opened={!!target} onClose={() => setTarget(null)} title={t('syncui.inbox.resolve_title')}>
        {target && (
          <Stack>
            <Text size="sm">{hasMessage(target.suggestion) ? t(target.suggestion) : target.suggestion}</Text>
            {resolveError && <Alert color="red">{resolveError}</Alert>}
            <Radio.Group label={t('syncui.inbox.resolution')} value={resolution} onChange={(v) => setResolution(v as Resolution)}>
              <Stack gap="xs" mt="xs">
                {resolutionsFor(target).map((r) => <Radio key={r} value={r} label={t(`syncui.resolution.${r}`)} data-testid={`sync-resolution-${r}`} />)}
              </Stack>
            </Radio.Group>
            <Textarea label={t('syncui.inbox.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setTarget(null)}>{t('syncui.cancel')}</Button>
              <Button loading={busy} onClick={() => void confirm()} data-testid="sync-resolve-confirm">{t('syncui.inbox.resolve')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
