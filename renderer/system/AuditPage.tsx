/**
 * Audit trail: newest first, paged with the service's cursor ("Load more"), filtered by
 * document type, action and user; a row expands to show before/after per field. The route
 * `{ name: 'audit', docType, docId }` shows one document's history (DocForm links here).
 */
import { Fragment, useCallback, useEffect, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Code, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconX } from '@tabler/icons-react';
import { SYSTEM_TYPES, allDocTypes, listAudit, listUsers } from '../../shared/api';
import type { AuditRow } from '../../shared/kernel/tx';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { AuditChanges } from './AuditChanges';
import type { PublicUser } from './UsersPage';

const ACTIONS = ['create', 'update', 'submit', 'cancel', 'delete', 'login', 'login_failed', 'restore', 'settings', 'merge', 'import'] as const;
const PAGE = 50;

export function AuditPage({ docType: fixedType, docId }: { docType?: string; docId?: string }) {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const [docType, setDocType] = useState<string | null>(fixedType ?? null);
  const [action, setAction] = useState<string | null>(null);
  const [userId, setUserId] = useState<string | null>(null);
  const [users, setUsers] = useState<{ value: string; label: string }[]>([]);
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (session.can('User', 'read')) listUsers(session).then((u) => setUsers((u as unknown as PublicUser[]).map((x) => ({ value: x.id, label: `${x.username} (${x.displayName})` }))), () => undefined);
  }, [session]);

  const load = useCallback(async (before?: string) => {
    setBusy(true);
    setError(null);
    try {
      const page = await listAudit(session, { docType: docType ?? undefined, docId: docType === fixedType ? docId : undefined, action: action ?? undefined, userId: userId ?? undefined, before, limit: PAGE });
      setRows((r) => (before ? [...r, ...page.rows] : page.rows));
      setNext(page.next);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }, [session, docType, action, userId, fixedType, docId, errorText]);
  useEffect(() => void load(), [load]);

  const typeOptions = [...allDocTypes().map((d) => d.name), ...Object.keys(SYSTEM_TYPES)].map((n) => ({ value: n, label: t(`doctype.${n}`) }));
  const toggle = (id: string) => setOpen((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });

  return (
    <Stack>
      <Title order={3}>{t('nav.audit')}</Title>
      {docId && docType === fixedType && (
        <Group gap="xs">
          <Badge size="lg" variant="light" data-testid="audit-doc-filter">{t('audit.one_document', { docType: fixedType, number: rows[0]?.docNumber ?? '' })}</Badge>
          <ActionIcon variant="subtle" aria-label={t('audit.show_all')} onClick={() => navigate({ name: 'audit' })}><IconX size={14} /></ActionIcon>
        </Group>
      )}
      <Group>
        <Select placeholder={t('audit.filter_doctype')} data={typeOptions} value={docType} onChange={setDocType} clearable searchable w={220} data-testid="audit-filter-doctype" />
        <Select placeholder={t('audit.filter_action')} data={ACTIONS.map((a) => ({ value: a, label: t(`audit.${a}`) }))} value={action} onChange={setAction} clearable w={180} data-testid="audit-filter-action" />
        <Select placeholder={t('audit.filter_user')} data={users} value={userId} onChange={setUserId} clearable searchable w={220} disabled={users.length === 0} data-testid="audit-filter-user" />
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      <Table striped highlightOnHover data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={30} />
            <Table.Th>{t('audit.when')}</Table.Th>
            <Table.Th>{t('audit.user')}</Table.Th>
            <Table.Th>{t('audit.device')}</Table.Th>
            <Table.Th>{t('audit.branch')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.document')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Fragment key={r.id}>
              <Table.Tr onClick={() => toggle(r.id)} style={{ cursor: 'pointer' }} data-testid="audit-row">
                <Table.Td>{r.changes.length > 0 && (open.has(r.id) ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(r.at)}</Table.Td>
                <Table.Td>{r.userName}</Table.Td>
                <Table.Td><Code title={r.deviceId}>{r.deviceId.slice(-6)}</Code></Table.Td>
                <Table.Td>{r.branchId === session.branchId ? session.settings.branchCode : <Code title={r.branchId}>{r.branchId.slice(-6)}</Code>}</Table.Td>
                <Table.Td><Badge variant="light" color={r.action === 'login_failed' ? 'red' : 'blue'}>{t(`audit.${r.action}`)}</Badge></Table.Td>
                <Table.Td>{t(`doctype.${r.docType}`)} <Text span fw={600}>{r.docNumber}</Text>{r.note ? <Text span c="dimmed" size="xs"> — {r.note}</Text> : null}</Table.Td>
              </Table.Tr>
              {open.has(r.id) && r.changes.length > 0 && (
                <Table.Tr>
                  <Table.Td />
                  <Table.Td colSpan={6}><AuditChanges docType={r.docType} changes={r.changes} /></Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && !busy && <Text c="dimmed">{t('audit.empty')}</Text>}
      {next && <Button variant="default" loading={busy} onClick={() => void load(next)} data-testid="audit-more">{t('common.load_more')}</Button>}
    </Stack>
  );
}
