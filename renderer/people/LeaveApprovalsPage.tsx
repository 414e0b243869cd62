/** Leave requests waiting for the signed-in manager (or HR): approve or reject with a comment. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { linkTitles, type BaseRecord } from '../../shared/api';
import { decideLeave, pendingApprovals } from '../../shared/people/index';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';

export function LeaveApprovalsPage() {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const [rows, setRows] = useState<BaseRecord[]>([]);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [comment, setComment] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const r = await pendingApprovals(session);
      setRows(r);
      setNames(await linkTitles(session, 'Employee', r.map((x) => x.employee as string)));
    } catch (e) {
      setError(errorText(e));
    }
  }, [session, errorText]);
  useEffect(() => void load(), [load]);
  const decide = async (id: string, d: 'approve' | 'reject') => {
    try {
      await decideLeave(session, id, d, comment[id] ?? '');
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Stack>
      <Title order={3}>{t('people.page.leave')}</Title>
      {error && <Alert color="red">{error}</Alert>}
      {rows.length === 0 && <Text c="dimmed">{t('people.no_pending')}</Text>}
      <Table>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id} data-testid={`leave-${r.number}`}>
              <Table.Td>{names.get(r.employee as string)}</Table.Td>
              <Table.Td>{fmt.date(r.fromDate as string)} – {fmt.date(r.toDate as string)} ({String(r.days)})</Table.Td>
              <Table.Td>{String(r.reason ?? '')}</Table.Td>
              <Table.Td><TextInput size="xs" placeholder={t('people.comment')} value={comment[r.id] ?? ''} onChange={(e) => setComment({ ...comment, [r.id]: e.currentTarget.value })} /></Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Button size="xs" onClick={() => decide(r.id, 'approve')}>{t('people.approve')}</Button>
                  <Button size="xs" color="red" variant="light" onClick={() => decide(r.id, 'reject')}>{t('people.reject')}</Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
