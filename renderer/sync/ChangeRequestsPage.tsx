/**
 * Change requests for head-office data (shared/sync/change-requests.ts). At a branch: the
 * requests it sent and head office's answers. At a head-office desk: every branch's requests,
 * each with the changed fields (before -> proposed) and the reason, to approve (the change is
 * applied through the services) or reject with a reason.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Textarea } from '@mantine/core';
import { FilteredListHeader } from './ListHeader';
import { fieldLabelKey, getDocType, listBranches } from '../../shared/api';
import { decideChangeRequest, listChangeRequests, type ChangeRequestView } from '../../shared/sync/change-requests';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { notify } from '../app/notify';

type Filter = 'open' | 'decided' | 'all';

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function Changes({ r }: { r: ChangeRequestView }) {
  const t = useT();
  const def = getDocType(r.targetDocType);
  return (
    <Stack gap={2}>
      {r.changedFields.map((n) => {
        const f = def.fields.find((x) => x.name === n);
        return (
          <Text key={n} size="xs" data-testid={`cr-change-${r.number}-${n}`}>
            <b>{f ? t(fieldLabelKey(def, f)) : n}</b>: {r.targetId ? `${show(r.current[n])} → ` : ''}
            {show(r.proposed[n])}
          </Text>
        );
      })}
    </Stack>
  );
}

export function ChangeRequestsPage() {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const [filter, setFilter] = useState<Filter>('open');
  const [rows, setRows] = useState<ChangeRequestView[]>([]);
  const [branches, setBranches] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState<{ r: ChangeRequestView; decision: 'approved' | 'rejected' } | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [decideError, setDecideError] = useState<string | null>(null);
  const atHq = !session.settings.hqManaged;

  const load = useCallback(async () => {
    try {
      const all = await listChangeRequests(session);
      setRows(filter === 'all' ? all : all.filter((r) => (filter === 'open' ? r.status === 'open' : r.status !== 'open')));
      setBranches(new Map((await listBranches(session)).map((b) => [b.id, b.code])));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [session, filter, errorText]);

  useEffect(() => {
    void load();
  }, [load]);

  const confirm = async () => {
    if (!target) return;
    setBusy(true);
    setDecideError(null);
    try {
      const done = await decideChangeRequest(session, target.r.id, target.decision, note.trim());
      notify('success', t(done.status === 'approved' ? 'syncui.cr.approved_ok' : 'syncui.cr.rejected_ok', { number: done.number }));
      setTarget(null);
      await load();
    } catch (e) {
      setDecideError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const label = (r: ChangeRequestView) => `${t(`doctype.${r.targetDocType}`)} ${r.targetNumber}`;

  return (
    <Stack>
      <FilteredListHeader title={t('syncui.page.changes')} value={filter} options={['open', 'decided', 'all'] as const} labelPrefix="syncui.cr.filter." onChange={setFilter} onRefresh={() => void load()} testId="cr" />
      <Text size="sm" c="dimmed">{t(atHq ? 'syncui.cr.hint_hq' : 'syncui.cr.hint_branch')}</Text>
      {error && <Alert color="red">{error}</Alert>}
      <Paper withBorder>
        {rows.length === 0 ? (
          <Text p="md" c="dimmed" data-testid="cr-empty">{t('syncui.cr.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing="xs" data-testid="cr-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('syncui.cr.col.request')}</Table.Th>
                  <Table.Th>{t('syncui.cr.col.record')}</Table.Th>
                  <Table.Th>{t('syncui.cr.col.changes')}</Table.Th>
                  <Table.Th>{t('field.ChangeRequest.reason')}</Table.Th>
                  <Table.Th>{t('syncui.inbox.status')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id} data-testid={`cr-row-${r.number}`}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{r.number}</Text>
                      <Text size="xs" c="dimmed">{branches.get(r.branchId) ?? ''} · {fmt.dateTime(r.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      {r.targetId ? (
                        <Button variant="subtle" size="compact-sm" onClick={() => navigate({ name: 'form', docType: r.targetDocType, id: r.targetId })}>{label(r)}</Button>
                      ) : (
                        <Text size="sm">{label(r)} <Badge size="xs" variant="light">{t('syncui.cr.new_record')}</Badge></Text>
                      )}
                    </Table.Td>
                    <Table.Td><Changes r={r} /></Table.Td>
                    <Table.Td><Text size="sm">{r.reason}</Text></Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge color={r.status === 'approved' ? 'teal' : r.status === 'rejected' ? 'red' : 'gray'} variant="light" data-testid={`cr-status-${r.number}`}>{t(`syncui.cr.status.${r.status}`)}</Badge>
                      {r.decision?.note && <Text size="xs" mt={4} data-testid={`cr-note-${r.number}`}>{r.decision.note}</Text>}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {atHq && r.status === 'open' && session.can(r.targetDocType, r.targetId ? 'edit' : 'create') && (
                        <Group gap={4}>
                          <Button size="xs" color="teal" onClick={() => { setTarget({ r, decision: 'approved' }); setNote(''); setDecideError(null); }} data-testid={`cr-approve-${r.number}`}>{t('syncui.cr.approve')}</Button>
                          <Button size="xs" color="red" variant="light" onClick={() => { setTarget({ r, decision: 'rejected' }); setNote(''); setDecideError(null); }} data-testid={`cr-reject-${r.number}`}>{t('syncui.cr.reject')}</Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Modal opened={!!target} onClose={() => setTarget(null)} title={target ? t(target.decision === 'approved' ? 'syncui.cr.approve_title' : 'syncui.cr.reject_title', { number: target.r.number }) : ''}>
        {target && (
          <Stack>
            <Text size="sm">{label(target.r)}</Text>
            <Changes r={target.r} />
            {decideError && <Alert color="red" data-testid="cr-decide-error">{decideError}</Alert>}
            <Textarea label={t('field.ChangeDecision.note')} required={target.decision === 'rejected'} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} data-testid="cr-note" />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setTarget(null)}>{t('doc.keep')}</Button>
              <Button color={target.decision === 'approved' ? 'teal' : 'red'} loading={busy} disabled={target.decision === 'rejected' && !note.trim()} onClick={() => void confirm()} data-testid="cr-confirm">
                {t(target.decision === 'approved' ? 'syncui.cr.approve' : 'syncui.cr.reject')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
