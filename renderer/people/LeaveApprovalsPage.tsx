/**
 * Leave requests waiting for a decision: approve or reject each with a comment (the employee
 * is notified). Two registrations share it: HR's page (every open request; needs people
 * rights) and the manager's self-service page (only their direct reports', no people rights).
 * Names come with the rows from `pendingApprovals`, so no Employee read right is needed.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { decideLeave, pendingApprovals, type LeaveDecision, type PendingLeave } from '../../shared/people/index';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';

function LeaveApprovals({ scope }: { scope: 'all' | 'team' }) {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const [rows, setRows] = useState<PendingLeave[] | null>(null);
  const [comment, setComment] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setRows(await pendingApprovals(session, scope));
    } catch (e) {
      setError(errorText(e));
    }
  }, [session, scope, errorText]);
  useEffect(() => void load(), [load]);
  const decide = async (r: PendingLeave, d: LeaveDecision) => {
    setBusy(r.id);
    setError(null);
    setNotice(null);
    try {
      await decideLeave(session, r.id, d, (comment[r.id] ?? '').trim());
      setNotice(t(`people.decided_${d}`, { number: r.number }));
      await load();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack>
      <Title order={3}>{t(scope === 'team' ? 'people.page.team_leave' : 'people.page.leave')}</Title>
      {error && <Alert color="red" data-testid="leave-error">{error}</Alert>}
      {notice && <Alert color="green" data-testid="leave-notice">{notice}</Alert>}
      {rows?.length === 0 && <Text c="dimmed" data-testid="leave-none">{t('people.no_pending')}</Text>}
      {!!rows?.length && (
        <Table data-testid="leave-pending">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('field.LeaveRequest.employee')}</Table.Th>
              <Table.Th>{t('field.LeaveRequest.leaveType')}</Table.Th>
              <Table.Th>{t('field.LeaveRequest.fromDate')}</Table.Th>
              <Table.Th>{t('field.LeaveRequest.days')}</Table.Th>
              <Table.Th>{t('field.LeaveRequest.reason')}</Table.Th>
              <Table.Th>{t('field.LeaveRequest.decisionComment')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id} data-testid={`leave-${r.number}`}>
                <Table.Td>{r.employeeName}</Table.Td>
                <Table.Td>{r.leaveTypeName}{!r.paid && <Badge ml={6} size="xs" color="orange" variant="light">{t('people.unpaid')}</Badge>}</Table.Td>
                <Table.Td>{fmt.date(r.fromDate as string)} – {fmt.date(r.toDate as string)}</Table.Td>
                <Table.Td>{String(r.days)}</Table.Td>
                <Table.Td>{String(r.reason ?? '')}</Table.Td>
                <Table.Td><TextInput size="xs" placeholder={t('people.comment')} aria-label={t('people.comment')} value={comment[r.id] ?? ''} data-testid={`leave-comment-${r.number}`} onChange={(e) => setComment({ ...comment, [r.id]: e.currentTarget.value })} /></Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="xs" loading={busy === r.id} onClick={() => decide(r, 'approve')} data-testid={`leave-approve-${r.number}`}>{t('people.approve')}</Button>
                    <Button size="xs" color="red" variant="light" disabled={busy === r.id} onClick={() => decide(r, 'reject')} data-testid={`leave-reject-${r.number}`}>{t('people.reject')}</Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** HR: every open request of the company. */
export function LeaveApprovalsPage() {
  return <LeaveApprovals scope="all" />;
}

/** A manager: the open requests of their direct reports. */
export function TeamLeavePage() {
  return <LeaveApprovals scope="team" />;
}
