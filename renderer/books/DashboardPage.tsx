/**
 * Books dashboard: cash position (each cash and bank account), receivables and payables (total
 * and overdue), income vs expense for the last twelve months, and the period controls (lock
 * date, year-end close) for users who hold those rights. Everything is read through the books
 * services from the maintained balance and payment-ledger tables.
 */
import { useState } from 'react';
import { Alert, Button, Card, Group, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { accountBalance, agingReport, closeYear, loadAccountTree, profitAndLoss, setLockDate } from '../../shared/books';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { Figure, useAccountLabel, useReport } from './report-kit';
import { IncomeExpenseChart } from './IncomeExpenseChart';
import { lastMonths, todayIso, yearOptions } from './period';
import { BEGINNING, openGl } from './nav';

export function DashboardPage() {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const sessionRev = useApp((s) => s.sessionRev);
  const navigate = useApp((s) => s.navigate);
  const touchSession = useApp((s) => s.touchSession);
  const label = useAccountLabel();
  const base = session.baseCurrency;
  const today = todayIso();
  const [rev, setRev] = useState(0);
  const [data, error] = useReport(async (s) => {
    const tree = await loadAccountTree(s);
    const cash = await Promise.all(tree.filter((a) => !a.isGroup && (a.accountType === 'cash' || a.accountType === 'bank')).map(async (a) => ({ account: a, balance: await accountBalance(s, a.id) })));
    const ar = s.can('SalesInvoice', 'read') ? await agingReport(s, { partyType: 'customer', asOf: today }) : null;
    const ap = s.can('PurchaseInvoice', 'read') ? await agingReport(s, { partyType: 'supplier', asOf: today }) : null;
    const months = await Promise.all(lastMonths(12, today).map(async (m) => {
      const pl = await profitAndLoss(s, { fromPeriod: m, toPeriod: m });
      return { month: m, income: pl.totalIncome, expense: pl.totalExpense };
    }));
    return { cash, ar, ap, months };
  }, [today, rev]);

  const canLock = session.can('Settings', 'admin');
  const canClose = session.can('JournalEntry', 'submit');
  const [lock, setLock] = useState(session.settings.lockDate ?? '');
  const [year, setYear] = useState(String(Number(today.slice(0, 4)) - 1));
  const [confirmClose, setConfirmClose] = useState(false);
  const [busy, setBusy] = useState(false);
  void sessionRev; // re-render when the settings (lock date) change

  const saveLock = async () => {
    setBusy(true);
    try {
      await setLockDate(session, lock);
      touchSession();
      notifications.show({ color: 'green', message: lock ? t('books.dash.lock_saved', { date: fmt.date(lock) }) : t('books.dash.lock_cleared') });
    } catch (e) {
      notifications.show({ color: 'red', message: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  const doClose = async () => {
    setBusy(true);
    try {
      const je = await closeYear(session, Number(year));
      setConfirmClose(false);
      setRev((r) => r + 1);
      notifications.show({ color: 'green', message: t('books.dash.closed', { year, number: je.number }) });
    } catch (e) {
      setConfirmClose(false);
      notifications.show({ color: 'red', message: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  const cashTotal = data?.cash.reduce((s, c) => s + c.balance, 0) ?? 0;
  const overdue = (a: { totals: { total: number; current: number } } | null) => (a ? a.totals.total - a.totals.current : 0);

  return (
    <Stack data-testid="books-dashboard">
      <Title order={3}>{t('books.page.dashboard')}</Title>
      {error && <Alert color="red">{error}</Alert>}
      {data && (
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <Card withBorder>
            <Text fw={600}>{t('books.dash.cash_position')}</Text>
            <Text size="xl" fw={700} data-testid="dash-cash-total">{fmt.money(cashTotal, base)}</Text>
            <Table fz="sm" mt="xs">
              <Table.Tbody>
                {data.cash.map((c) => (
                  <Table.Tr key={c.account.id}>
                    <Table.Td>{label(c.account)}</Table.Td>
                    <Table.Td ta="right"><Figure minor={c.balance} currency={base} onOpen={() => openGl(c.account.id, { fromDate: BEGINNING, toDate: today })} testId={`dash-cash-${c.account.accountNumber}`} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
          {data.ar && (
            <Card withBorder>
              <UnstyledButton onClick={() => navigate({ name: 'page', page: 'books.ar-aging' })}><Text fw={600}>{t('books.dash.receivables')}</Text></UnstyledButton>
              <Text size="xl" fw={700} data-testid="dash-ar-total">{fmt.money(data.ar.totals.total, base)}</Text>
              <Text size="sm" c={overdue(data.ar) > 0 ? 'red' : 'dimmed'} data-testid="dash-ar-overdue">{t('books.dash.overdue', { amount: fmt.money(overdue(data.ar), base) })}</Text>
            </Card>
          )}
          {data.ap && (
            <Card withBorder>
              <UnstyledButton onClick={() => navigate({ name: 'page', page: 'books.ap-aging' })}><Text fw={600}>{t('books.dash.payables')}</Text></UnstyledButton>
              <Text size="xl" fw={700} data-testid="dash-ap-total">{fmt.money(data.ap.totals.total, base)}</Text>
              <Text size="sm" c={overdue(data.ap) > 0 ? 'red' : 'dimmed'} data-testid="dash-ap-overdue">{t('books.dash.overdue', { amount: fmt.money(overdue(data.ap), base) })}</Text>
            </Card>
          )}
        </SimpleGrid>
      )}
      {data && (
        <Card withBorder>
          <Text fw={600} mb="xs">{t('books.dash.income_vs_expense')}</Text>
          <IncomeExpenseChart data={data.months} currency={base} onMonth={(m) => navigate({ name: 'page', page: 'books.pnl', params: { from: m, to: m } })} />
        </Card>
      )}
      {(canLock || canClose) && (
        <Card withBorder>
          <Text fw={600} mb="xs">{t('books.dash.period_close')}</Text>
          <Group align="flex-end" gap="xl">
            {canLock && (
              <Group align="flex-end" gap="xs">
                <TextInput type="date" label={t('books.dash.lock_date')} description={t('books.dash.lock_hint')} value={lock} onChange={(e) => setLock(e.currentTarget.value)} data-testid="lock-date" />
                <Button variant="default" onClick={() => void saveLock()} loading={busy} data-testid="lock-save">{t('books.dash.lock_apply')}</Button>
              </Group>
            )}
            {canClose && (
              <Group align="flex-end" gap="xs">
                <NativeSelect label={t('books.dash.close_year')} value={year} onChange={(e) => setYear(e.currentTarget.value)} data={yearOptions(today)} data-testid="close-year" />
                <Button color="orange" onClick={() => setConfirmClose(true)} data-testid="close-year-start">{t('books.dash.close_year_button')}</Button>
              </Group>
            )}
          </Group>
          <Text size="xs" c="dimmed" mt="xs" data-testid="lock-current">{session.settings.lockDate ? t('books.dash.locked_until', { date: fmt.date(session.settings.lockDate) }) : t('books.dash.not_locked')}</Text>
        </Card>
      )}
      <Modal opened={confirmClose} onClose={() => setConfirmClose(false)} title={t('books.dash.close_confirm_title', { year })}>
        <Text size="sm">{t('books.dash.close_confirm_text', { year })}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirmClose(false)}>{t('common.cancel')}</Button>
          <Button color="orange" loading={busy} onClick={() => void doClose()} data-testid="close-year-confirm">{t('books.dash.close_year_button')}</Button>
        </Group>
      </Modal>
    </Stack>
  );
}
