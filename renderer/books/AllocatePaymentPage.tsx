/**
 * Receive (or pay) money and allocate it across a party's open invoices in one screen. The
 * generic Payment form holds allocations as (reference type, reference id, amount) rows, where
 * the id is not something a person can type; here the open documents of the chosen party are
 * listed from the payment ledger with their outstanding amounts, the accountant types (or
 * auto-fills, oldest due first) the part of the payment for each, and the payment is created and
 * submitted through the books service (createAndSubmit 'Payment'). What is not allocated stays
 * on the party as an advance. Refunds (pay a customer back, be paid back by a supplier) list the
 * party's open credits instead (credit / debit notes, advances) and must be allocated in full.
 * Base-currency documents only: a foreign-currency settlement needs the payment-date rate and
 * stays in the generic form.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Group, NativeSelect, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatPlain, money, parseMoney } from '../../shared/api';
import { agingReport, createAndSubmit, type DefaultAccounts, type OpenDocument } from '../../shared/books';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { LinkSelect } from '../doc/LinkSelect';
import { useAccountLabel, useAccountTree, useReport } from './report-kit';
import { todayIso } from './period';

type Mode = 'receive' | 'pay' | 'refund_customer' | 'refund_supplier';

/** Money direction and party of each mode of the page. */
const MODES: Record<Mode, { paymentType: 'receive' | 'pay'; partyType: 'customer' | 'supplier'; refund: boolean }> = {
  receive: { paymentType: 'receive', partyType: 'customer', refund: false },
  pay: { paymentType: 'pay', partyType: 'supplier', refund: false },
  refund_customer: { paymentType: 'pay', partyType: 'customer', refund: true },
  refund_supplier: { paymentType: 'receive', partyType: 'supplier', refund: true },
};

/** Minor units of a typed amount, or null when it is empty or not a number. */
function minorOf(text: string, currency: string): number | null {
  if (!text.trim()) return null;
  try {
    return parseMoney(text, currency).minor;
  } catch {
    return null;
  }
}

/** Pure: spread `amount` over the documents in order (oldest due first), each up to its outstanding. */
export function autoAllocate(amount: number, docs: readonly Pick<OpenDocument, 'againstId' | 'outstanding'>[]): Map<string, number> {
  const out = new Map<string, number>();
  let left = amount;
  for (const d of docs) {
    if (left <= 0) break;
    const a = Math.min(left, d.outstanding);
    if (a > 0) out.set(d.againstId, a);
    left -= a;
  }
  return out;
}

export function AllocatePaymentPage() {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const tree = useAccountTree();
  const label = useAccountLabel();
  const base = session.baseCurrency;
  const defaults = session.settings.defaultAccounts as DefaultAccounts | undefined;
  const [mode, setMode] = useState<Mode>('receive');
  const [party, setParty] = useState('');
  const [postingDate, setPostingDate] = useState(todayIso());
  const [account, setAccount] = useState(defaults?.bank ?? '');
  const [amount, setAmount] = useState('');
  const [referenceNo, setReferenceNo] = useState('');
  const [alloc, setAlloc] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { paymentType, partyType, refund } = MODES[mode];
  const [aging, agingError] = useReport(async (s) => (party ? agingReport(s, { partyType, asOf: '9999-12-31', party }) : null), [party, partyType]);
  // a payment settles what is owed (outstanding > 0); a refund returns a credit (outstanding < 0), shown positive
  const docs = useMemo(
    () => (aging?.rows[0]?.documents ?? [])
      .filter((d) => d.currency === base && (refund ? d.outstanding < 0 : d.outstanding > 0 && d.againstType !== 'Payment'))
      .map((d) => (refund ? { ...d, outstanding: -d.outstanding, outstandingBase: -d.outstandingBase } : d)),
    [aging, base, refund],
  );
  const moneyAccounts = tree.filter((a) => !a.isGroup && (a.accountType === 'bank' || a.accountType === 'cash'));
  const amountMinor = minorOf(amount, base);
  const allocated = docs.reduce((s, d) => s + (minorOf(alloc[d.againstId] ?? '', base) ?? 0), 0);
  const unallocated = (amountMinor ?? 0) - allocated;

  const auto = () => {
    const m = autoAllocate(amountMinor ?? 0, docs);
    setAlloc(Object.fromEntries(docs.map((d) => [d.againstId, m.has(d.againstId) ? formatPlain(money(m.get(d.againstId)!, base)) : ''])));
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const allocations = docs
        .filter((d) => (minorOf(alloc[d.againstId] ?? '', base) ?? 0) > 0)
        .map((d) => ({ referenceType: d.againstType, referenceId: d.againstId, amount: alloc[d.againstId] }));
      const pay = await createAndSubmit(session, 'Payment', { paymentType, partyType, [partyType]: party, postingDate, account, amount, referenceNo, allocations });
      notifications.show({ color: 'green', message: t('books.alloc.done', { number: pay.number }) });
      navigate({ name: 'form', docType: 'Payment', id: pay.id });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack data-testid="books-allocate" maw={1000}>
      <Title order={3}>{t('books.page.allocate')}</Title>
      <SegmentedControl
        value={mode}
        onChange={(v) => {
          setMode(v as Mode);
          setParty('');
          setAlloc({});
        }}
        data={[
          { value: 'receive', label: t('books.alloc.receive') },
          { value: 'pay', label: t('books.alloc.pay') },
          { value: 'refund_customer', label: t('books.alloc.refund_customer') },
          { value: 'refund_supplier', label: t('books.alloc.refund_supplier') },
        ]}
        data-testid="alloc-mode"
      />
      <Group align="flex-end">
        <div style={{ width: 300 }}>
          <LinkSelect key={mode} target={partyType === 'customer' ? 'Customer' : 'Supplier'} name="party" label={t(partyType === 'customer' ? 'books.col.customer' : 'books.col.supplier')} value={party} onChange={(v) => { setParty(v); setAlloc({}); }} required />
        </div>
        <TextInput type="date" name="postingDate" label={t('books.col.date')} value={postingDate} onChange={(e) => setPostingDate(e.currentTarget.value)} required />
        <NativeSelect label={t('books.alloc.account')} value={account} onChange={(e) => setAccount(e.currentTarget.value)} data={[{ value: '', label: '—' }, ...moneyAccounts.map((a) => ({ value: a.id, label: label(a) }))]} data-testid="alloc-account" required />
        <TextInput name="amount" label={t('books.alloc.amount')} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} inputMode="decimal" rightSection={base} rightSectionWidth={44} styles={{ input: { textAlign: 'right' } }} required />
        <TextInput name="referenceNo" label={t('books.alloc.reference')} value={referenceNo} onChange={(e) => setReferenceNo(e.currentTarget.value)} />
      </Group>
      {(agingError || error) && <Alert color="red" data-testid="alloc-error">{agingError || error}</Alert>}
      {party && (
        <>
          <Group justify="space-between">
            <Text fw={600}>{t(refund ? 'books.alloc.open_credits' : 'books.alloc.open_documents')}</Text>
            <Button variant="default" size="xs" onClick={auto} disabled={!amountMinor || docs.length === 0} data-testid="alloc-auto">{t('books.alloc.auto')}</Button>
          </Group>
          {docs.length === 0 ? (
            <Text c="dimmed" data-testid="alloc-none">{t(refund ? 'books.alloc.none_credit' : 'books.alloc.none_open')}</Text>
          ) : (
            <Table withTableBorder fz="sm" data-testid="alloc-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('books.col.voucher')}</Table.Th>
                  <Table.Th>{t('books.col.due_date')}</Table.Th>
                  <Table.Th ta="right">{t(refund ? 'books.alloc.credit' : 'books.col.outstanding')}</Table.Th>
                  <Table.Th ta="right" w={180}>{t('books.alloc.allocate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {docs.map((d) => (
                  <Table.Tr key={d.againstId} data-testid={`alloc-row-${d.againstNumber}`}>
                    <Table.Td>{t(`doctype.${d.againstType}`)} {d.againstNumber}</Table.Td>
                    <Table.Td>{fmt.date(d.dueDate)}</Table.Td>
                    <Table.Td ta="right">{fmt.money(d.outstanding, base)}</Table.Td>
                    <Table.Td>
                      <TextInput size="xs" name={`alloc.${d.againstNumber}`} aria-label={`${t('books.alloc.allocate')} ${d.againstNumber}`} value={alloc[d.againstId] ?? ''} onChange={(e) => setAlloc({ ...alloc, [d.againstId]: e.currentTarget.value })} inputMode="decimal" styles={{ input: { textAlign: 'right' } }} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group justify="space-between">
            <Text size="sm" data-testid="alloc-unallocated" c={unallocated < 0 || (refund && unallocated !== 0) ? 'red' : undefined}>
              {t(refund ? 'books.alloc.refund_unallocated' : 'books.alloc.unallocated', { amount: fmt.money(unallocated, base) })}
            </Text>
            <Button onClick={() => void submit()} loading={busy} disabled={!party || !account || !amountMinor || unallocated < 0 || (refund && unallocated !== 0)} data-testid="alloc-submit">
              {t(refund ? 'books.alloc.submit_refund' : mode === 'receive' ? 'books.alloc.submit_receive' : 'books.alloc.submit_pay')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
