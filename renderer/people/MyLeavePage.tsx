/**
 * Self-service leave: the signed-in user's employee record, a request form (leave type, dates,
 * half day, reason), this year's balances and their requests with the manager's decision.
 * Works without people rights: everything goes through the self-service services, which act
 * only for the employee linked to this login.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import {
  myEmployee, myLeaveBalances, myLeaveRequests, requestOwnLeave, selfLeaveTypes,
  type OwnLeaveBalance, type OwnLeaveRequest, type SelfEmployee, type SelfLeaveType,
} from '../../shared/people/index';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';

const STATE_COLOR: Record<string, string> = { leave_open: 'yellow', leave_approved: 'green', leave_rejected: 'red' };

export function MyLeavePage() {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const year = Number(session.localDate().slice(0, 4));
  const [me, setMe] = useState<SelfEmployee | null | undefined>(undefined);
  const [types, setTypes] = useState<SelfLeaveType[]>([]);
  const [requests, setRequests] = useState<OwnLeaveRequest[]>([]);
  const [balances, setBalances] = useState<OwnLeaveBalance[]>([]);
  const [form, setForm] = useState({ leaveType: '', fromDate: '', toDate: '', halfDay: false, reason: '' });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const [e, lt] = await Promise.all([myEmployee(session), selfLeaveTypes(session)]);
      setMe(e);
      setTypes(lt);
      setForm((f) => (f.leaveType || !lt.length ? f : { ...f, leaveType: lt[0].id }));
      if (e) {
        setRequests(await myLeaveRequests(session));
        setBalances(await myLeaveBalances(session, year));
      }
    } catch (err) {
      setError(errorText(err));
    }
  }, [session, year, errorText]);
  useEffect(() => void load(), [load]);

  const submit = async () => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const r = await requestOwnLeave(session, { ...form, toDate: form.toDate || form.fromDate });
      setNotice(t('people.requested', { number: r.number, days: r.days }));
      setForm((f) => ({ ...f, fromDate: '', toDate: '', halfDay: false, reason: '' }));
      await load();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (me === undefined) return null;
  if (me === null) {
    return (
      <Stack>
        <Title order={3}>{t('people.page.my_leave')}</Title>
        <Alert color="yellow" data-testid="my-leave-unlinked">{t('error.leave_no_employee')}</Alert>
      </Stack>
    );
  }
  return (
    <Stack maw={960}>
      <Title order={3}>{t('people.page.my_leave')}</Title>
      <Text data-testid="my-leave-employee">
        {me.fullName} ({me.number}){me.position ? ` · ${me.position}` : ''}{me.managerName ? ` · ${t('people.your_manager', { name: me.managerName })}` : ''}
      </Text>
      {error && <Alert color="red" data-testid="my-leave-error">{error}</Alert>}
      {notice && <Alert color="green" data-testid="my-leave-notice">{notice}</Alert>}
      <Paper withBorder p="md">
        <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }} data-testid="my-leave-form">
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NativeSelect label={t('field.LeaveRequest.leaveType')} name="leaveType" value={form.leaveType} data-testid="leave-type"
                data={types.map((x) => ({ value: x.id, label: x.paid ? x.name : `${x.name} (${t('people.unpaid')})` }))}
                onChange={(e) => setForm({ ...form, leaveType: e.currentTarget.value })} required />
              <TextInput type="date" label={t('field.LeaveRequest.fromDate')} name="fromDate" value={form.fromDate} required
                onChange={(e) => setForm({ ...form, fromDate: e.currentTarget.value })} />
              <TextInput type="date" label={t('field.LeaveRequest.toDate')} name="toDate" value={form.toDate} required
                onChange={(e) => setForm({ ...form, toDate: e.currentTarget.value })} />
            </SimpleGrid>
            <Checkbox label={t('field.LeaveRequest.halfDay')} name="halfDay" checked={form.halfDay} onChange={(e) => setForm({ ...form, halfDay: e.currentTarget.checked })} />
            <Textarea label={t('field.LeaveRequest.reason')} name="reason" value={form.reason} maxLength={1000} autosize minRows={2}
              onChange={(e) => setForm({ ...form, reason: e.currentTarget.value })} />
            <Group justify="flex-end">
              <Button type="submit" loading={busy} disabled={!form.leaveType || !form.fromDate} data-testid="leave-request-submit">{t('people.request_submit')}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {balances.length > 0 && (
        <Stack gap={2}>
          <Text fw={600}>{t('people.balances', { year })}</Text>
          {balances.map((b) => <Text key={b.leaveType} size="sm">{t('people.balance_line', { leaveType: b.leaveTypeName, balance: b.balance, pending: b.pending })}</Text>)}
        </Stack>
      )}
      <Text fw={600}>{t('people.my_requests')}</Text>
      {requests.length === 0 ? <Text c="dimmed">{t('people.no_requests')}</Text> : (
        <Table striped data-testid="my-leave-requests">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('field.LeaveRequest.leaveType')}</Table.Th>
              <Table.Th>{t('field.LeaveRequest.fromDate')}</Table.Th>
              <Table.Th>{t('field.LeaveRequest.days')}</Table.Th>
              <Table.Th>{t('field.LeaveRequest.approvalState')}</Table.Th>
              <Table.Th>{t('field.LeaveRequest.decisionComment')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {requests.map((r) => (
              <Table.Tr key={r.id} data-testid={`my-leave-${r.number}`}>
                <Table.Td>{r.leaveTypeName}</Table.Td>
                <Table.Td>{fmt.date(r.fromDate)} – {fmt.date(r.toDate)}</Table.Td>
                <Table.Td>{r.days}</Table.Td>
                <Table.Td><Badge color={STATE_COLOR[r.approvalState] ?? 'gray'} variant="light">{t(`option.${r.approvalState}`)}</Badge></Table.Td>
                <Table.Td>{r.decisionComment}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
