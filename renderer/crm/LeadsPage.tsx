/**
 * Lead desk: the rep's own leads (a manager sees every lead), and for the chosen one the actions
 * a generic form cannot offer: Qualify / Disqualify (with a reason), Convert (customer + contact
 * + opportunity in one transaction, convertLead) and Reassign with a reason (reassign). Every
 * action goes through its service, which checks ownOnly and rights again.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { getDoc, listDocs, updateDoc, type BaseRecord } from '../../shared/api';
import { convertLead, isManager, myLeads, reassign } from '../../shared/crm';
import { useApp } from '../state/app.store';
import type { PageProps } from '../pages/registry';
import { useErrorText, useT } from '../i18n/use-t';
import { notify } from '../app/notify';
import { useSalesUsers } from './use-users';

const SHOWN = ['companyName', 'jobTitle', 'email', 'mobile', 'phone', 'city', 'productInterest', 'source'] as const;

export function LeadsPage({ params }: PageProps) {
  const t = useT();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const { users, name } = useSalesUsers();
  const manager = isManager(session, 'Lead');
  const [rows, setRows] = useState<BaseRecord[]>([]);
  const [id, setId] = useState<string | null>(params?.id ?? null);
  const [lead, setLead] = useState<BaseRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [newOwner, setNewOwner] = useState<string | null>(null);
  const [moveReason, setMoveReason] = useState('');

  const loadList = useCallback(async () => {
    const page = manager ? await listDocs(session, 'Lead', { sort: 'modifiedAt', dir: 'desc', limit: 100 }) : await myLeads(session, { limit: 100 });
    setRows(page.rows);
  }, [session, manager]);
  const loadLead = useCallback(async () => {
    setLead(id ? await getDoc(session, 'Lead', id) : null);
  }, [session, id]);
  useEffect(() => void loadList().catch((e) => setError(errorText(e))), [loadList, errorText]);
  useEffect(() => void loadLead().catch((e) => setError(errorText(e))), [loadLead, errorText]);

  const act = async (fn: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await fn();
      notify('success', done);
      await Promise.all([loadLead(), loadList()]);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const setStatus = (leadStatus: string, extra: Record<string, unknown> = {}) =>
    act(() => updateDoc(session, 'Lead', lead!.id, { ...lead!, leadStatus, ...extra }, lead!._rev), t('crm.lead_updated', { number: lead!.number }));

  const status = String(lead?.leadStatus ?? '');
  const open = status === 'new' || status === 'contacted';
  return (
    <Stack>
      <Title order={3}>{t('crm.page.leads')}</Title>
      {error && <Alert color="red" data-testid="crm-lead-error">{error}</Alert>}
      <SimpleGrid cols={2}>
        <Card withBorder>
          <Text fw={600} mb="xs">{manager ? t('crm.all_leads') : t('crm.my_leads')} ({rows.length})</Text>
          {rows.length === 0 ? <Text c="dimmed" size="sm">{t('crm.nothing')}</Text> : (
            <Table highlightOnHover>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => setId(r.id)} data-testid={`crm-lead-row-${r.number}`} bg={r.id === id ? 'var(--mantine-color-blue-light)' : undefined}>
                    <Table.Td>{r.number}</Table.Td>
                    <Table.Td>{String(r.leadName)}</Table.Td>
                    <Table.Td>{String(r.companyName ?? '')}</Table.Td>
                    <Table.Td><Badge variant="light">{t(`option.${String(r.leadStatus)}`)}</Badge></Table.Td>
                    {manager && <Table.Td>{name(r.owner) || t('crm.unassigned')}</Table.Td>}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
        {lead ? (
          <Card withBorder data-testid="crm-lead-panel">
            <Group justify="space-between" mb="xs">
              <Title order={4}>{String(lead.leadName)} · {lead.number}</Title>
              <Badge data-testid="crm-lead-status">{t(`option.${status}`)}</Badge>
            </Group>
            <Text size="sm" data-testid="crm-lead-owner">{t('field.Lead.owner')}: {name(lead.owner) || t('crm.unassigned')}</Text>
            {SHOWN.filter((f) => lead[f]).map((f) => (
              <Text key={f} size="sm">{t(`field.Lead.${f}`)}: {f === 'source' ? t(`option.${String(lead[f])}`) : String(lead[f])}</Text>
            ))}
            <Group mt="md">
              {open && <Button onClick={() => void setStatus('qualified')} data-testid="crm-lead-qualify">{t('crm.qualify')}</Button>}
              {status === 'qualified' && (
                <Button color="teal" data-testid="crm-lead-convert" onClick={() => void act(async () => {
                  const r = await convertLead(session, lead.id);
                  setLead(r.lead);
                }, t('crm.lead_converted', { number: lead.number }))}>{t('crm.convert')}</Button>
              )}
              <Button variant="default" onClick={() => navigate({ name: 'form', docType: 'Lead', id: lead.id })}>{t('crm.open_form')}</Button>
            </Group>
            {(open || status === 'qualified') && (
              <Group mt="sm" align="flex-end">
                <TextInput label={t('field.Lead.disqualifyReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="crm-lead-disqualify-reason" />
                <Button variant="light" color="red" disabled={!reason.trim()} onClick={() => void setStatus('disqualified', { disqualifyReason: reason.trim() })} data-testid="crm-lead-disqualify">{t('crm.disqualify')}</Button>
              </Group>
            )}
            {status === 'converted' && (
              <Group mt="md" data-testid="crm-lead-converted">
                <Button variant="light" onClick={() => navigate({ name: 'page', page: 'crm.customer360', params: { id: String(lead.customer) } })} data-testid="crm-lead-open-360">{t('crm.page.customer360')}</Button>
                {lead.opportunity ? <Button variant="light" onClick={() => navigate({ name: 'form', docType: 'Opportunity', id: String(lead.opportunity) })}>{t('doctype.Opportunity')}</Button> : null}
                <Button onClick={() => navigate({ name: 'page', page: 'crm.quote', params: { customer: String(lead.customer), opportunity: String(lead.opportunity ?? '') } })} data-testid="crm-lead-quote">{t('crm.new_quote')}</Button>
              </Group>
            )}
            {status !== 'converted' && (
              <Card withBorder mt="md" padding="sm">
                <Text fw={600} size="sm">{t('crm.reassign')}</Text>
                <Group align="flex-end">
                  <Select label={t('crm.new_owner')} data={users.filter((u) => u.id !== lead.owner).map((u) => ({ value: u.id, label: u.displayName }))} value={newOwner} onChange={setNewOwner} searchable data-testid="crm-reassign-user" w={180} />
                  <TextInput label={t('crm.reason')} value={moveReason} onChange={(e) => setMoveReason(e.currentTarget.value)} data-testid="crm-reassign-reason" />
                  <Button variant="light" disabled={!newOwner || !moveReason.trim()} data-testid="crm-reassign-submit" onClick={() => void act(async () => {
                    await reassign(session, 'Lead', lead.id, newOwner!, moveReason);
                    setNewOwner(null);
                    setMoveReason('');
                  }, t('crm.reassigned', { number: lead.number }))}>{t('crm.reassign')}</Button>
                </Group>
              </Card>
            )}
          </Card>
        ) : <Text c="dimmed">{t('crm.pick_lead')}</Text>}
      </SimpleGrid>
    </Stack>
  );
}
