/**
 * Bank reconciliation: choose a bank or cash account, import the bank's statement (CSV or
 * tab/semicolon text, UTF-8 or GB18030), map its columns (guessed from English or Chinese headers,
 * or the mapping used last time for the account; see BankStatementMapping), review the suggested
 * ledger row for each line (same amount, nearby date, reference in the text), confirm the
 * matches. Shows the book balance, the reconciled (matched) total and the difference.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { accountBalance, bankMatchSuggestions, confirmBankMatches, decodeStatementBytes, BANK_MATCH_TABLE, type BankStatementLine, type MatchSuggestion, type SavedBankMapping } from '../../shared/books';
import { listDocs } from '../../shared/api';
import { platform } from '../platform';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { useApp } from '../state/app.store';
import { useAccountLabel } from './report-kit';
import { BankStatementMapping } from './BankStatementMapping';
import { loadBankMapping, saveBankMapping } from './bank-mapping-memory';

export function BankReconciliationPage() {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const label = useAccountLabel();
  const session = useApp((s) => s.session)!;
  const base = session.baseCurrency;
  const [accounts, setAccounts] = useState<{ value: string; label: string }[]>([]);
  const [account, setAccount] = useState<string | null>(null);
  const [suggestions, setSuggestions] = useState<MatchSuggestion[] | null>(null);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [totals, setTotals] = useState<{ book: number; matched: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** A chosen statement file waiting in the column-mapping step. */
  const [pending, setPending] = useState<{ name: string; text: string; saved: SavedBankMapping | null } | null>(null);

  useEffect(() => {
    Promise.all(['bank', 'cash'].map((accountType) => listDocs(session, 'Account', { sort: 'accountNumber', filters: { accountType }, limit: 100 }))).then(
      (pages) => {
        const opts = pages.flatMap((p) => p.rows).filter((a) => !a.isGroup).map((a) => ({ value: a.id, label: label(a) }));
        setAccounts(opts);
        if (opts.length) setAccount((cur) => cur ?? opts[0].value);
      },
      (e) => setError(errorText(e)),
    );
  }, [session]); // eslint-disable-line react-hooks/exhaustive-deps

  const refreshTotals = useCallback(async () => {
    if (!account) return;
    const book = await accountBalance(session, account);
    // matched rows are an append-only table: a keyed read, never the ledger
    const rows = await session.db.t<{ amount: number }>(BANK_MATCH_TABLE).where('[account+statementDate]').between([account, ''], [account, '\uffff']).toArray();
    setTotals({ book, matched: rows.reduce((sum, r) => sum + r.amount, 0) });
  }, [account, session]);

  useEffect(() => {
    setSuggestions(null);
    setPending(null); // a mapping belongs to one account
    void refreshTotals().catch((e) => setError(errorText(e)));
  }, [refreshTotals]); // eslint-disable-line react-hooks/exhaustive-deps

  const importStatement = async () => {
    if (!account) return;
    setError(null);
    try {
      const file = await platform.openFile({ accept: ['.csv', '.txt'] });
      if (!file) return;
      setSuggestions(null);
      setPending({ name: file.name, text: decodeStatementBytes(file.data), saved: loadBankMapping(session.company.id, account) });
    } catch (e) {
      setError(errorText(e));
    }
  };

  /** The mapping step accepted every row: remember the mapping for the account, suggest matches. */
  const onMapped = async (lines: BankStatementLine[], mapping: SavedBankMapping) => {
    if (!account) return;
    setError(null);
    try {
      const s = await bankMatchSuggestions(session, account, lines);
      saveBankMapping(session.company.id, account, mapping);
      setPending(null);
      setSuggestions(s);
      setPicked(new Set(s.map((x, i) => (x.entry ? i : -1)).filter((i) => i >= 0)));
    } catch (e) {
      setError(errorText(e));
    }
  };

  const confirm = async () => {
    if (!account || !suggestions) return;
    try {
      const chosen = suggestions.filter((x, i) => x.entry && picked.has(i)).map((x) => ({ line: x.line, glEntryId: x.entry!.id }));
      const done = await confirmBankMatches(session, account, chosen);
      notifications.show({ color: 'teal', message: t('bank.confirmed', { count: done.length }) });
      setSuggestions(suggestions.filter((x, i) => !(x.entry && picked.has(i))));
      setPicked(new Set());
      await refreshTotals();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Stack data-testid="books-bank">
      <Title order={3}>{t('bank.title')}</Title>
      <Group align="flex-end">
        <Select label={t('bank.account')} data={accounts} value={account} onChange={setAccount} w={360} data-testid="bank-account" />
        <Button onClick={() => void importStatement()} disabled={!account} data-testid="bank-import">{t('bank.import')}</Button>
        <Button onClick={() => void confirm()} disabled={!suggestions || picked.size === 0} data-testid="bank-confirm">{t('bank.confirm')}</Button>
      </Group>
      {totals && (
        <Group gap="xl" data-testid="bank-totals">
          <Text>{t('bank.book_balance')}: <b>{fmt.money(totals.book, base)}</b></Text>
          <Text>{t('bank.reconciled')}: <b data-testid="bank-reconciled">{fmt.money(totals.matched, base)}</b></Text>
          <Text>{t('bank.unreconciled')}: <b>{fmt.money(totals.book - totals.matched, base)}</b></Text>
        </Group>
      )}
      {error && <Alert color="red">{error}</Alert>}
      {pending && account && (
        <BankStatementMapping key={`${account}:${pending.name}:${pending.text.length}`} fileName={pending.name} text={pending.text} currency={base} saved={pending.saved} onImport={onMapped} onCancel={() => setPending(null)} />
      )}
      {suggestions && (
        <Table withTableBorder fz="sm" data-testid="bank-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th>{t('books.col.date')}</Table.Th>
              <Table.Th>{t('bank.description')}</Table.Th>
              <Table.Th>{t('bank.reference')}</Table.Th>
              <Table.Th ta="right">{t('bank.amount')}</Table.Th>
              <Table.Th>{t('bank.suggestion')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {suggestions.map((x, i) => (
              <Table.Tr key={x.line.line} data-testid={`bank-line-${x.line.line}`}>
                <Table.Td>
                  <Checkbox disabled={!x.entry} checked={picked.has(i)} onChange={(e) => setPicked((p) => { const n = new Set(p); if (e.currentTarget.checked) n.add(i); else n.delete(i); return n; })} aria-label={t('bank.match')} />
                </Table.Td>
                <Table.Td>{fmt.date(x.line.date)}</Table.Td>
                <Table.Td>{x.line.description}</Table.Td>
                <Table.Td>{x.line.reference}</Table.Td>
                <Table.Td ta="right">{fmt.money(x.line.amount, base)}</Table.Td>
                <Table.Td>{x.entry ? `${x.entry.voucherNumber} · ${fmt.date(x.entry.postingDate)}` : <Text c="dimmed" fz="sm">{t('bank.no_match')}</Text>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
