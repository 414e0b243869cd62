/**
 * Quote approvals (managers: the 'admin' right on Quote): draft quotes whose discount is above
 * the rep limit, with Approve (approveQuote records the approved discount; the rep can then
 * submit). The service checks the right again; this page is only where the button lives.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { linkTitles, listDocs, type BaseRecord } from '../../shared/api';
import { approveQuote } from '../../shared/crm';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { notify } from '../app/notify';
import { useSalesUsers } from './use-users';

export function ApprovalsPage() {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const { name } = useSalesUsers();
  const [rows, setRows] = useState<BaseRecord[]>([]);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    // drafts only (the status index), pending ones filtered on the page: a branch has few drafts
    const drafts = (await listDocs(session, 'Quote', { sort: 'status', dir: 'asc', after: ['draft', ''], filters: { status: 'draft', approvalStatus: 'pending_approval' }, limit: 200 })).rows;
    setRows(drafts);
    setNames(await linkTitles(session, 'Customer', drafts.map((r) => String(r.customer))));
  }, [session]);
  useEffect(() => void load().catch((e) => setError(errorText(e))), [load, errorText]);

  const approve = async (q: BaseRecord) => {
    setError(null);
    try {
      await approveQuote(session, q.id);
      notify('success', t('crm.quote_approved', { number: q.number }));
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Stack>
      <Title order={3}>{t('crm.page.approvals')}</Title>
      {error && <Alert color="red" data-testid="crm-approvals-error">{error}</Alert>}
      <Card withBorder>
        {rows.length === 0 ? <Text c="dimmed" size="sm" data-testid="crm-approvals-empty">{t('crm.nothing')}</Text> : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('doctype.Quote')}</Table.Th>
                <Table.Th>{t('field.Quote.customer')}</Table.Th>
                <Table.Th>{t('field.Quote.owner')}</Table.Th>
                <Table.Th>{t('field.Quote.maxDiscount')}</Table.Th>
                <Table.Th>{t('field.Quote.grandTotal')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((q) => (
                <Table.Tr key={q.id} data-testid={`crm-approval-${q.number}`}>
                  <Table.Td><Text size="sm" style={{ cursor: 'pointer' }} td="underline" onClick={() => navigate({ name: 'page', page: 'crm.quote', params: { id: q.id } })}>{q.number}</Text></Table.Td>
                  <Table.Td>{names.get(String(q.customer)) ?? ''}</Table.Td>
                  <Table.Td>{name(q.owner)}</Table.Td>
                  <Table.Td>{String(q.maxDiscount)}%</Table.Td>
                  <Table.Td>{fmt.money(Number(q.grandTotal ?? 0), String(q.currency || session.baseCurrency))}</Table.Td>
                  <Table.Td><Button size="xs" onClick={() => void approve(q)} data-testid={`crm-approve-${q.number}`}>{t('crm.approve')}</Button></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
