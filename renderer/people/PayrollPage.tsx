/**
 * Payroll: pick a month, create the branch's run (draft payslips for review), recompute,
 * submit (posts the journal entry), cancel, download the bank payment file, open a payslip to
 * print. Every action goes through the payroll services, which check rights.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { cancelDoc, listDocs, submitDoc, type BaseRecord } from '../../shared/api';
import { bankPaymentCsv, createPayrollRun, recomputePayrollRun, runPayslips } from '../../shared/people/index';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { platform } from '../platform';
import type { PageProps } from '../pages/registry';

export function PayrollPage({ params }: PageProps) {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const [period, setPeriod] = useState(session.localDate().slice(0, 7));
  const [runs, setRuns] = useState<BaseRecord[]>([]);
  const [runId, setRunId] = useState<string | null>(params?.run ?? null);
  const [slips, setSlips] = useState<BaseRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const cur = session.baseCurrency;
  const run = runs.find((r) => r.id === runId);

  const load = useCallback(async () => {
    const page = await listDocs(session, 'PayrollRun', { sort: 'period', dir: 'desc', limit: 100 });
    setRuns(page.rows);
  }, [session]);
  useEffect(() => void load().catch((e) => setError(errorText(e))), [load, errorText]);
  useEffect(() => {
    if (runId) runPayslips(session, runId).then(setSlips, (e) => setError(errorText(e)));
    else setSlips([]);
  }, [session, runId, errorText, runs]);

  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await load();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const money = (v: unknown) => (typeof v === 'number' ? fmt.money(v, cur) : '—');

  return (
    <Stack>
      <Title order={3}>{t('people.page.payroll')}</Title>
      {error && <Alert color="red" data-testid="payroll-error">{error}</Alert>}
      <Group align="end">
        <TextInput label={t('people.period')} value={period} onChange={(e) => setPeriod(e.currentTarget.value)} data-testid="payroll-period" w={120} />
        <Button loading={busy} onClick={() => act(async () => setRunId((await createPayrollRun(session, { period })).id))} data-testid="payroll-create">{t('people.create_run')}</Button>
        <Select data={runs.map((r) => ({ value: r.id, label: `${r.number} · ${r.period} · ${t(`status.${r.status}`)}` }))} value={runId} onChange={setRunId} placeholder={t('doctype.PayrollRun')} data-testid="payroll-run" w={420} />
      </Group>
      {run && (
        <Group>
          <Badge>{t(`status.${run.status}`)}</Badge>
          {run.status === 'draft' && <Button variant="default" loading={busy} onClick={() => act(() => recomputePayrollRun(session, run.id))}>{t('people.recompute')}</Button>}
          {run.status === 'draft' && <Button loading={busy} onClick={() => act(() => submitDoc(session, 'PayrollRun', run.id))} data-testid="payroll-submit">{t('people.submit_run')}</Button>}
          {run.status === 'submitted' && <Button color="red" variant="light" loading={busy} onClick={() => act(() => cancelDoc(session, 'PayrollRun', run.id))}>{t('people.cancel_run')}</Button>}
          {run.status === 'submitted' && (
            <Button variant="default" onClick={() => act(async () => {
              const csv = await bankPaymentCsv(session, run.id);
              await platform.saveFile({ suggestedName: `${run.number}-bank.csv`, mime: 'text/csv', data: new TextEncoder().encode(csv), filters: [{ name: 'CSV', extensions: ['csv'] }] });
            })} data-testid="payroll-bank">{t('people.bank_file')}</Button>
          )}
        </Group>
      )}
      {run && (
        <Table striped highlightOnHover data-testid="payroll-slips">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('field.Payslip.employeeName')}</Table.Th>
              <Table.Th>{t('field.Payslip.paidDays')}</Table.Th>
              <Table.Th ta="right">{t('field.Payslip.gross')}</Table.Th>
              <Table.Th ta="right">{t('field.Payslip.siEmployee')}</Table.Th>
              <Table.Th ta="right">{t('field.Payslip.hfEmployee')}</Table.Th>
              <Table.Th ta="right">{t('field.Payslip.tax')}</Table.Th>
              <Table.Th ta="right">{t('field.Payslip.netPay')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {slips.map((p) => (
              <Table.Tr key={p.id} data-testid={`slip-${p.number}`}>
                <Table.Td>{String(p.employeeName)}</Table.Td>
                <Table.Td>{`${p.paidDays} / ${p.workDays}`}</Table.Td>
                <Table.Td ta="right">{money(p.gross)}</Table.Td>
                <Table.Td ta="right">{money(p.siEmployee)}</Table.Td>
                <Table.Td ta="right">{money(p.hfEmployee)}</Table.Td>
                <Table.Td ta="right">{money(p.tax)}</Table.Td>
                <Table.Td ta="right">{money(p.netPay)}</Table.Td>
                <Table.Td><Button size="xs" variant="subtle" data-testid={`slip-open-${p.number}`} onClick={() => navigate({ name: 'page', page: 'people.payslip', params: { id: p.id } })}>{t('people.open')}</Button></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
