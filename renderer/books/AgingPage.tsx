/**
 * Receivable (customers) or payable (suppliers) aging as of a date: open amounts per party in
 * the buckets current, 1-30, 31-60, 61-90 and 90+ days past due (base currency). A party's row
 * opens its open documents; a document opens its form; a customer's total opens the statement.
 * "Write off" beside an open document makes a draft WriteOff of what is open on it (the form
 * shows the amount and account; submitting it closes the document: shared/books/write-off.ts).
 */
import { Fragment, useState } from 'react';
import { Alert, Button, Group, Stack, Table, TextInput, Title, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { createDoc } from '../../shared/api';
import { AGING_BUCKETS, agingReport, type PartyType } from '../../shared/books';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { Figure, ReportActions, plain, useReport } from './report-kit';
import { todayIso } from './period';
import { openVoucher } from './nav';

export function AgingPage({ partyType }: { partyType: PartyType }) {
  const t = useT();
  const fmt = useFormat();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const errorText = useErrorText();
  const [asOf, setAsOf] = useState(todayIso());
  const canWriteOff = session.can('WriteOff', 'create');
  const writeOff = async (d: { againstType: string; againstId: string }, party: string) => {
    try {
      const draft = await createDoc(session, 'WriteOff', { referenceType: d.againstType, referenceId: d.againstId, partyType, [partyType]: party, postingDate: todayIso() });
      navigate({ name: 'form', docType: 'WriteOff', id: draft.id });
    } catch (e) {
      notifications.show({ color: 'red', message: errorText(e) });
    }
  };
  const [open, setOpen] = useState<Set<string>>(new Set());
  const base = session.baseCurrency;
  const [data, error] = useReport((s) => agingReport(s, { partyType, asOf }), [partyType, asOf]);
  const title = t(partyType === 'customer' ? 'books.page.ar_aging' : 'books.page.ap_aging');
  const toggle = (party: string) => setOpen((o) => {
    const n = new Set(o);
    if (n.has(party)) n.delete(party);
    else n.add(party);
    return n;
  });
  const statement = (party: string) => navigate({ name: 'page', page: 'books.statement', params: { party, to: asOf } });
  const csv = () => [
    [t(partyType === 'customer' ? 'books.col.customer' : 'books.col.supplier'), ...AGING_BUCKETS.map((b) => t(`books.aging.${b}`)), t('books.total')],
    ...(data?.rows ?? []).map((r) => [r.partyName, ...AGING_BUCKETS.map((b) => plain(r[b], base)), plain(r.total, base)]),
    [t('books.total'), ...AGING_BUCKETS.map((b) => plain(data?.totals[b] ?? 0, base)), plain(data?.totals.total ?? 0, base)],
  ];
  return (
    <Stack data-testid={`books-aging-${partyType}`}>
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{title}</Title>
        <ReportActions fileName={`${partyType === 'customer' ? 'ar' : 'ap'}-aging-${asOf}`} rows={csv} />
      </Group>
      <TextInput type="date" label={t('books.as_of_date')} value={asOf} onChange={(e) => e.currentTarget.value && setAsOf(e.currentTarget.value)} w={200} data-testid="aging-asof" />
      {error && <Alert color="red">{error}</Alert>}
      {data && (
        <Table withTableBorder highlightOnHover fz="sm" data-testid="aging-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t(partyType === 'customer' ? 'books.col.customer' : 'books.col.supplier')}</Table.Th>
              {AGING_BUCKETS.map((b) => <Table.Th key={b} ta="right">{t(`books.aging.${b}`)}</Table.Th>)}
              <Table.Th ta="right">{t('books.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((r) => (
              <Fragment key={r.party}>
                <Table.Tr data-testid={`aging-row-${r.partyName}`}>
                  <Table.Td>
                    <UnstyledButton fz="sm" onClick={() => toggle(r.party)} data-testid={`aging-party-${r.partyName}`}>
                      {open.has(r.party) ? '▾' : '▸'} {r.partyName}
                    </UnstyledButton>
                  </Table.Td>
                  {AGING_BUCKETS.map((b) => (
                    <Table.Td key={b} ta="right">{r[b] !== 0 && <Figure minor={r[b]} currency={base} onOpen={() => toggle(r.party)} testId={`aging-${b}-${r.partyName}`} />}</Table.Td>
                  ))}
                  <Table.Td ta="right">
                    <Figure minor={r.total} currency={base} strong onOpen={partyType === 'customer' ? () => statement(r.party) : () => toggle(r.party)} testId={`aging-total-${r.partyName}`} />
                  </Table.Td>
                </Table.Tr>
                {open.has(r.party) && r.documents.map((d) => (
                  <Table.Tr key={d.againstId} c="dimmed" data-testid={`aging-doc-${d.againstNumber}`}>
                    <Table.Td pl={32}>
                      <UnstyledButton fz="sm" c="var(--mantine-color-anchor)" onClick={() => openVoucher(d.againstType, d.againstId)}>
                        {t(`doctype.${d.againstType}`)} {d.againstNumber}
                      </UnstyledButton>{' '}
                      · {t('books.due', { date: fmt.date(d.dueDate) })}
                      {d.currency !== base ? ` · ${fmt.money(d.outstanding, d.currency)}` : ''}
                      {canWriteOff && (
                        <Button size="compact-xs" variant="subtle" ml="xs" className="no-print" onClick={() => void writeOff(d, r.party)} data-testid={`aging-writeoff-${d.againstNumber}`}>
                          {t('books.aging.write_off')}
                        </Button>
                      )}
                    </Table.Td>
                    {AGING_BUCKETS.map((b) => <Table.Td key={b} ta="right">{d.bucket === b ? fmt.money(d.outstandingBase, base) : ''}</Table.Td>)}
                    <Table.Td ta="right">{fmt.money(d.outstandingBase, base)}</Table.Td>
                  </Table.Tr>
                ))}
              </Fragment>
            ))}
            <Table.Tr fw={700} data-testid="aging-totals">
              <Table.Td>{t('books.total')}</Table.Td>
              {AGING_BUCKETS.map((b) => <Table.Td key={b} ta="right"><Figure minor={data.totals[b]} currency={base} strong testId={`aging-total-${b}`} /></Table.Td>)}
              <Table.Td ta="right"><Figure minor={data.totals.total} currency={base} strong testId="aging-grand-total" /></Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export const ArAgingPage = () => <AgingPage partyType="customer" />;
export const ApAgingPage = () => <AgingPage partyType="supplier" />;
