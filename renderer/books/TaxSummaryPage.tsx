/**
 * Tax summary (增值税汇总表) for a month, quarter, year or any range: output tax on sales and
 * input tax on purchases per tax template / rate and tax account (taxable base, tax, the credit
 * and debit notes' part), the net tax payable, and a check against the ledger. Every figure drills
 * down: a row's figures open the list of its invoices (each opens its form), the ledger figures
 * open the GL detail of the tax account for the period. Figures: shared/books/tax-summary.ts.
 */
import { useState } from 'react';
import { Alert, Group, Modal, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { taxSummary, type TaxDocument, type TaxSummaryRow } from '../../shared/books';
import { useApp } from '../state/app.store';
import { useFormat, useT } from '../i18n/use-t';
import { BranchPicker, Figure, PeriodPicker, ReportActions, plain, useReport } from './report-kit';
import { defaultSel, resolve } from './period';
import { openGl, openVoucher } from './nav';
import type { PageProps } from '../pages/registry';

interface Drill {
  title: string;
  documents: TaxDocument[];
}

/**
 * One line per document (a document in several rows is summed). A template with several tax
 * accounts repeats the line's taxable base in each of its rows: that base counts once, so the
 * lines add up to the section's totals.
 */
function byDocument(rows: readonly TaxSummaryRow[]): TaxDocument[] {
  const m = new Map<string, { doc: TaxDocument; templates: Set<string> }>();
  for (const r of rows) {
    for (const d of r.documents) {
      const prev = m.get(d.id);
      if (!prev) m.set(d.id, { doc: { ...d }, templates: new Set([r.taxTemplate]) });
      else {
        if (!prev.templates.has(r.taxTemplate)) {
          prev.doc.taxable += d.taxable;
          prev.doc.taxableFc += d.taxableFc;
          prev.templates.add(r.taxTemplate);
        }
        prev.doc.tax += d.tax;
        prev.doc.taxFc += d.taxFc;
      }
    }
  }
  return [...m.values()].map((x) => x.doc).sort((a, b) => a.postingDate.localeCompare(b.postingDate) || a.number.localeCompare(b.number));
}

export function TaxSummaryPage({ params }: PageProps) {
  const t = useT();
  const fmt = useFormat();
  const lang = useApp((s) => s.lang);
  const session = useApp((s) => s.session)!;
  const [sel, setSel] = useState(() => (params?.from && params?.to ? { ...defaultSel('custom'), from: params.from, to: params.to } : defaultSel('month')));
  const [branch, setBranch] = useState(params?.branch ?? '');
  const [drill, setDrill] = useState<Drill | null>(null);
  const r = resolve(sel);
  const base = session.baseCurrency;
  const [data, error] = useReport((s) => taxSummary(s, { fromPeriod: r.fromPeriod, toPeriod: r.toPeriod, ...(branch ? { branchId: branch } : {}) }), [r.fromPeriod, r.toPeriod, branch]);

  const zh = lang.startsWith('zh');
  const templateLabel = (x: TaxSummaryRow) => (x.taxTemplate ? (zh && x.templateNameZh ? x.templateNameZh : x.templateName) : t('books.tax.without_tax'));
  const rateLabel = (x: TaxSummaryRow) => (x.ratePercent ? `${x.ratePercent}%${x.inclusive ? ` ${t('books.tax.inclusive')}` : ''}` : '');
  const accountLabel = (x: { accountNumber: string; accountName: string; accountNameZh: string }) => (x.accountNumber ? `${x.accountNumber} ${zh && x.accountNameZh ? x.accountNameZh : x.accountName}` : '');
  const open = (title: string, rows: readonly TaxSummaryRow[]) => setDrill({ title, documents: byDocument(rows) });
  const cols = ['taxable', 'tax', 'returnsTaxable', 'returnsTax'] as const;

  const section = (kind: 'output' | 'input') => {
    const rows = data?.[kind] ?? [];
    const name = t(`books.tax.${kind}`);
    const taxable = kind === 'output' ? data?.totals.outputTaxable ?? 0 : data?.totals.inputTaxable ?? 0;
    const tax = kind === 'output' ? data?.totals.outputTax ?? 0 : data?.totals.inputTax ?? 0;
    return (
      <Stack gap="xs" key={kind}>
        <Title order={5}>{name}</Title>
        <Table striped highlightOnHover withTableBorder fz="sm" data-testid={`tax-${kind}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('books.tax.template')}</Table.Th>
              <Table.Th>{t('books.tax.rate')}</Table.Th>
              <Table.Th>{t('books.tax.account')}</Table.Th>
              {cols.map((c) => <Table.Th key={c} ta="right">{t(`books.tax.${c}`)}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((x) => (
              <Table.Tr key={x.key} data-testid={`tax-row-${kind}-${x.templateName || 'none'}`}>
                <Table.Td>{templateLabel(x)}</Table.Td>
                <Table.Td>{rateLabel(x)}</Table.Td>
                <Table.Td>{accountLabel(x)}</Table.Td>
                {cols.map((c) => (
                  <Table.Td key={c} ta="right">
                    {(x[c] !== 0 || c === 'taxable' || c === 'tax') && <Figure minor={x[c]} currency={base} onOpen={() => open(`${name} · ${templateLabel(x)} ${rateLabel(x)}`, [x])} testId={`tax-${c}-${kind}-${x.templateName || 'none'}`} />}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}><Text c="dimmed" fz="sm">{t('books.tax.none')}</Text></Table.Td>
              </Table.Tr>
            )}
            <Table.Tr fw={700} data-testid={`tax-total-${kind}`}>
              <Table.Td colSpan={3}>{t('books.total_of', { section: name })}</Table.Td>
              <Table.Td ta="right"><Figure minor={taxable} currency={base} strong onOpen={rows.length ? () => open(name, rows) : undefined} testId={`tax-total-taxable-${kind}`} /></Table.Td>
              <Table.Td ta="right"><Figure minor={tax} currency={base} strong onOpen={rows.length ? () => open(name, rows) : undefined} testId={`tax-total-tax-${kind}`} /></Table.Td>
              <Table.Td ta="right"><Figure minor={rows.reduce((s, x) => s + x.returnsTaxable, 0)} currency={base} /></Table.Td>
              <Table.Td ta="right"><Figure minor={rows.reduce((s, x) => s + x.returnsTax, 0)} currency={base} /></Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Stack>
    );
  };

  const csv = () => {
    const head = [t('books.tax.section'), t('books.tax.template'), t('books.tax.rate'), t('books.tax.account'), ...cols.map((c) => t(`books.tax.${c}`))];
    const out: string[][] = [head];
    for (const kind of ['output', 'input'] as const) {
      for (const x of data?.[kind] ?? []) out.push([t(`books.tax.${kind}`), templateLabel(x), x.ratePercent, accountLabel(x), ...cols.map((c) => plain(x[c], base))]);
      const tx = kind === 'output' ? [data?.totals.outputTaxable ?? 0, data?.totals.outputTax ?? 0] : [data?.totals.inputTaxable ?? 0, data?.totals.inputTax ?? 0];
      out.push([t('books.total_of', { section: t(`books.tax.${kind}`) }), '', '', '', plain(tx[0], base), plain(tx[1], base), '', '']);
    }
    out.push([t('books.tax.net_payable'), '', '', '', '', plain(data?.totals.netPayable ?? 0, base), '', '']);
    out.push([]);
    out.push([t('books.tax.ledger_check'), t('books.tax.account'), t('books.tax.from_invoices'), t('books.tax.per_ledger'), t('books.tax.difference')]);
    for (const a of data?.accounts ?? []) out.push([t(`books.tax.${a.kind}`), accountLabel(a), plain(a.fromInvoices, base), plain(a.perLedger, base), plain(a.difference, base)]);
    return out;
  };

  const allRows = [...(data?.output ?? []), ...(data?.input ?? [])];
  return (
    <Stack data-testid="books-tax-summary">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('books.page.tax_summary')}</Title>
        <ReportActions fileName={`tax-summary-${r.fromPeriod}-${r.toPeriod}`} rows={csv} />
      </Group>
      <Group align="flex-end">
        <PeriodPicker value={sel} onChange={setSel} />
        <BranchPicker value={branch} onChange={setBranch} />
      </Group>
      <Text c="dimmed" fz="sm">{t('books.tax.note', { currency: base })}</Text>
      {error && <Alert color="red">{error}</Alert>}
      {section('output')}
      {section('input')}
      {data && (
        <Group justify="flex-end" fw={700} data-testid="tax-net-payable">
          <Text fw={700}>{t('books.tax.net_payable')}</Text>
          <Figure minor={data.totals.netPayable} currency={base} strong onOpen={allRows.length ? () => open(t('books.tax.net_payable'), allRows) : undefined} testId="tax-net-payable-figure" />
        </Group>
      )}
      {data && data.accounts.length > 0 && (
        <Stack gap="xs">
          <Title order={5}>{t('books.tax.ledger_check')}</Title>
          <Table withTableBorder fz="sm" data-testid="tax-ledger-check">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('books.tax.account')}</Table.Th>
                <Table.Th ta="right">{t('books.tax.from_invoices')}</Table.Th>
                <Table.Th ta="right">{t('books.tax.per_ledger')}</Table.Th>
                <Table.Th ta="right">{t('books.tax.difference')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.accounts.map((a) => {
                const rows = allRows.filter((x) => x.account === a.account);
                return (
                  <Table.Tr key={a.account} data-testid={`tax-check-${a.accountNumber}`}>
                    <Table.Td>{accountLabel(a)} · {t(`books.tax.${a.kind}`)}</Table.Td>
                    <Table.Td ta="right"><Figure minor={a.fromInvoices} currency={base} onOpen={rows.length ? () => open(accountLabel(a), rows) : undefined} /></Table.Td>
                    <Table.Td ta="right"><Figure minor={a.perLedger} currency={base} onOpen={() => openGl(a.account, r, branch)} testId={`tax-check-ledger-${a.accountNumber}`} /></Table.Td>
                    <Table.Td ta="right"><Figure minor={a.difference} currency={base} onOpen={() => openGl(a.account, r, branch)} /></Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
      <Modal opened={!!drill} onClose={() => setDrill(null)} size="xl" title={drill ? t('books.tax.documents', { what: drill.title }) : ''} data-testid="tax-documents">
        {drill && (
          <Table withTableBorder fz="sm" data-testid="tax-documents-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('books.col.date')}</Table.Th>
                <Table.Th>{t('books.col.voucher')}</Table.Th>
                <Table.Th>{t('books.tax.party')}</Table.Th>
                <Table.Th ta="right">{t('books.tax.taxable')}</Table.Th>
                <Table.Th ta="right">{t('books.tax.tax')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {drill.documents.map((d) => (
                <Table.Tr key={d.id} data-testid={`tax-doc-${d.number}`}>
                  <Table.Td>{fmt.date(d.postingDate)}</Table.Td>
                  <Table.Td>
                    <UnstyledButton fz="sm" c="var(--mantine-color-anchor)" onClick={() => { setDrill(null); openVoucher(d.docType, d.id); }}>
                      {t(`doctype.${d.docType}`)} {d.number}{d.isReturn ? ` · ${t('books.tax.return')}` : ''}
                    </UnstyledButton>
                  </Table.Td>
                  <Table.Td>{d.partyName}</Table.Td>
                  <Table.Td ta="right">
                    {fmt.money(d.taxable, base)}
                    {d.currency !== base && <Text span c="dimmed" fz="xs"> ({fmt.money(d.taxableFc, d.currency)} × {d.exchangeRate})</Text>}
                  </Table.Td>
                  <Table.Td ta="right">
                    {fmt.money(d.tax, base)}
                    {d.currency !== base && <Text span c="dimmed" fz="xs"> ({fmt.money(d.taxFc, d.currency)})</Text>}
                  </Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr fw={700}>
                <Table.Td colSpan={3}>{t('books.total')}</Table.Td>
                <Table.Td ta="right">{fmt.money(drill.documents.reduce((s, d) => s + d.taxable, 0), base)}</Table.Td>
                <Table.Td ta="right">{fmt.money(drill.documents.reduce((s, d) => s + d.tax, 0), base)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        )}
      </Modal>
    </Stack>
  );
}
