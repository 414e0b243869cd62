/**
 * A printable payslip in English or Chinese (chosen on the page, independent of the UI
 * language, so HR can print a Chinese slip from an English session). Printing goes through
 * `platform.printToPdf` (Electron: save as PDF; web: the browser's print dialog).
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Divider, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { translate, type Lang } from '../../shared/api';
import { payslipForPrint, type PrintablePayslip } from '../../shared/people/index';
import { useApp } from '../state/app.store';
import { formatters, useErrorText } from '../i18n/use-t';
import { platform } from '../platform';
import type { PageProps } from '../pages/registry';

/**
 * While the payslip is on screen, printing shows the slip alone: the shell (sidebar, header)
 * and the page's own controls are hidden for print media (Electron's printToPDF honours it too).
 */
const PRINT_CSS = `@media print {
  body * { visibility: hidden !important; }
  .payslip-print, .payslip-print * { visibility: visible !important; }
  .payslip-print { position: absolute; left: 0; top: 0; width: 100%; max-width: none; }
  .payslip-print .no-print { display: none !important; }
}`;

export function PayslipPage({ params }: PageProps) {
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const uiLang = useApp((s) => s.lang);
  const errorText = useErrorText();
  const [lang, setLang] = useState<Lang>(uiLang);
  const [data, setData] = useState<PrintablePayslip | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (params?.id) payslipForPrint(session, params.id).then(setData, (e) => setError(errorText(e)));
  }, [session, params?.id, errorText]);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!data) return null;
  const t = (k: string, p?: Record<string, unknown>) => translate(lang, k, p);
  const fmt = formatters(lang);
  const { slip, employee, company, currency } = data;
  const money = (v: unknown) => (typeof v === 'number' ? fmt.money(v, currency) : '—');
  const lines = (slip.lines as { code: string; componentName: string; kind: string; amount: number }[] | undefined) ?? [];
  const row = (label: string, v: unknown, testId?: string) => (
    <Table.Tr key={label} data-testid={testId}><Table.Td>{label}</Table.Td><Table.Td ta="right">{money(v)}</Table.Td></Table.Tr>
  );
  return (
    <Stack maw={720} data-testid="payslip" className="payslip-print">
      <style>{PRINT_CSS}</style>
      <Group justify="space-between" className="no-print">
        <Button variant="subtle" onClick={() => navigate({ name: 'page', page: 'people.payroll', params: { run: String(slip.payrollRun) } })} data-testid="payslip-back">← {translate(uiLang, 'people.back_to_payroll')}</Button>
        <SegmentedControl value={lang} onChange={(v) => setLang(v as Lang)} data={[{ value: 'en', label: 'English' }, { value: 'zh-CN', label: '中文' }]} data-testid="payslip-lang" />
        <Button onClick={() => platform.printToPdf({ suggestedName: `${slip.number}.pdf` })} data-testid="payslip-print">{t('people.print')}</Button>
      </Group>
      <Title order={3}>{company} — {t('people.page.payslip')} {String(slip.period)}</Title>
      <Text>{t('field.Payslip.employeeName')}: {String(slip.employeeName)} ({employee.number}) · {String(employee.position ?? '')}</Text>
      <Text size="sm">
        {t('field.Payslip.workDays')}: <span data-testid="payslip-work-days">{String(slip.workDays)}</span> · {t('field.Payslip.paidDays')}: <span data-testid="payslip-paid-days">{String(slip.paidDays)}</span> · {t('field.Payslip.unpaidLeaveDays')}: <span data-testid="payslip-unpaid-days">{String(slip.unpaidLeaveDays)}</span>
        {Number(slip.absentDays) > 0 && <> · {t('field.Payslip.absentDays')}: {String(slip.absentDays)}</>}
      </Text>
      <Divider label={t('people.earnings')} />
      <Table>
        <Table.Tbody>{lines.filter((l) => l.kind === 'earning').map((l) => row(l.componentName, l.amount, `payslip-line-${l.code}`))}{row(t('field.Payslip.gross'), slip.gross, 'payslip-gross')}</Table.Tbody>
      </Table>
      <Divider label={t('people.deductions')} />
      <Table>
        <Table.Tbody>
          {row(t('field.Payslip.siEmployee'), slip.siEmployee)}
          {row(t('field.Payslip.hfEmployee'), slip.hfEmployee)}
          {row(t('field.Payslip.tax'), slip.tax)}
          {lines.filter((l) => l.kind === 'deduction').map((l) => row(l.componentName, l.amount))}
        </Table.Tbody>
      </Table>
      <Divider label={t('people.summary')} />
      <Table>
        <Table.Tbody>
          {row(t('field.Payslip.netPay'), slip.netPay, 'payslip-net')}
          {row(t('field.Payslip.ytdIncome'), slip.ytdIncome)}
          {row(t('field.Payslip.ytdTaxWithheld'), slip.ytdTaxWithheld)}
          {row(t('field.Payslip.siEmployer'), slip.siEmployer)}
          {row(t('field.Payslip.hfEmployer'), slip.hfEmployer)}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
