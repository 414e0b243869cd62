/**
 * The column-mapping step of a bank statement import: shows the file's columns, the guessed (or
 * last used) mapping of date / description / reference / amount or money in + money out /
 * direction / balance, the date format, decimal separator, separator and header row; a preview of
 * the first rows read with that mapping and every row problem in the user's language. Import is
 * all-or-nothing: the button stays disabled while any row or the mapping is wrong. All parsing is
 * the pure `parseBankStatement` of shared/books; this screen only holds the mapping.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Group, List, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import {
  BANK_DATE_FORMATS, activeTargets, fromSavedBankMapping, guessBankMapping, guessDateFormat, parseBankStatement, readStatementTable,
  statementLinesOrThrow, toSavedBankMapping,
  type BankCsvMapping, type BankDateFormat, type BankRowResult, type BankStatementLine, type BankTarget, type CsvDelimiter, type SavedBankMapping,
} from '../../shared/books';
import { issueMessage, type FieldIssue } from '../../shared/api';
import { useFormat, useT } from '../i18n/use-t';
import { useApp } from '../state/app.store';

const PREVIEW_ROWS = 10;
const MAX_PROBLEMS = 50;
const DELIMITERS: { key: string; value: CsvDelimiter }[] = [
  { key: 'comma', value: ',' },
  { key: 'semicolon', value: ';' },
  { key: 'tab', value: '\t' },
];

interface MappingState {
  table: string[][];
  mapping: BankCsvMapping;
  /** The mapping came from the last import of this account. */
  remembered: boolean;
}

function initialState(text: string, saved: SavedBankMapping | null): MappingState {
  if (saved) {
    const { table } = readStatementTable(text, saved.delimiter);
    const m = fromSavedBankMapping(saved, table);
    if (m) return { table, mapping: m, remembered: true };
  }
  const { table, delimiter } = readStatementTable(text);
  return { table, mapping: guessBankMapping(table, delimiter), remembered: false };
}

export interface BankStatementMappingProps {
  fileName: string;
  text: string;
  /** Currency of the amounts (the bank account's). */
  currency: string;
  /** The mapping used last time for this account, if any. */
  saved: SavedBankMapping | null;
  /** Every row is good: the lines and the mapping to remember. */
  onImport: (lines: BankStatementLine[], mapping: SavedBankMapping) => Promise<void>;
  onCancel: () => void;
}

export function BankStatementMapping({ fileName, text, currency, saved, onImport, onCancel }: BankStatementMappingProps) {
  const t = useT();
  const fmt = useFormat();
  const lang = useApp((s) => s.lang);
  const [state, setState] = useState<MappingState>(() => initialState(text, saved));
  const [busy, setBusy] = useState(false);
  const { table, mapping } = state;
  const parsed = useMemo(() => parseBankStatement(table, mapping, currency), [table, mapping, currency]);
  const header = table[mapping.headerRow] ?? [];
  const width = Math.max(0, ...table.slice(mapping.headerRow, mapping.headerRow + 50).map((r) => r.length));
  const targets = activeTargets(mapping);

  const setMapping = (patch: Partial<BankCsvMapping>) => setState((s) => ({ ...s, mapping: { ...s.mapping, ...patch }, remembered: false }));
  const setColumn = (target: BankTarget, col: number) =>
    setState((s) => {
      const columns = { ...s.mapping.columns, [target]: col };
      // a newly chosen date column: read its layout from its values
      const dateFormat = target === 'date' && col >= 0 ? guessDateFormat(s.table.slice(s.mapping.headerRow + 1).map((r) => r[col] ?? '')) : s.mapping.dateFormat;
      return { ...s, mapping: { ...s.mapping, columns, dateFormat }, remembered: false };
    });
  const setDelimiter = (d: CsvDelimiter) => {
    const { table: next } = readStatementTable(text, d);
    setState({ table: next, mapping: guessBankMapping(next, d), remembered: false });
  };
  const setHeaderRow = (row: number) => setState((s) => ({ table: s.table, mapping: guessBankMapping(s.table, s.mapping.delimiter, row), remembered: false }));

  const columnOptions = [
    { value: '-1', label: t('bank.map.none') },
    ...Array.from({ length: width }, (_, i) => ({ value: String(i), label: t('bank.map.column', { n: i + 1, name: (header[i] ?? '').trim() || '—' }) })),
  ];
  const targetLabel = (f?: string) => (f ? t(`bank.map.target.${f}`) : '');
  const mappingError = (target: BankTarget): string | undefined => {
    const i = parsed.issues.find((x) => x.row === undefined && x.field === target);
    if (!i) return undefined;
    if (i.code === 'error.import_missing_column') return t(target === 'deposit' ? 'bank.map.required_money' : 'bank.map.required');
    return issueMessage(lang, { code: i.code, params: i.params });
  };
  const rowIssues = parsed.issues.filter((i) => i.row !== undefined);
  const otherIssues = parsed.issues.filter((i) => i.row === undefined && !i.field);
  const problemText = (i: FieldIssue) =>
    t('bank.map.problem_row', { row: mapping.headerRow + (i.row ?? 0) + 2, field: targetLabel(i.field), message: issueMessage(lang, { code: i.code, params: i.params }) });
  const mappingOk = !parsed.issues.some((i) => i.row === undefined && i.field);

  const doImport = async () => {
    setBusy(true);
    try {
      await onImport(statementLinesOrThrow(parsed), toSavedBankMapping(mapping, header));
    } finally {
      setBusy(false);
    }
  };

  const raw = (r: BankRowResult, target: BankTarget) => (mapping.columns[target] >= 0 ? (r.cells[mapping.columns[target]] ?? '') : '');
  const rawAmount = (r: BankRowResult) => (mapping.amountMode === 'split' ? [raw(r, 'deposit'), raw(r, 'withdrawal')].filter(Boolean).join(' / ') : [raw(r, 'amount'), raw(r, 'direction')].filter(Boolean).join(' '));
  const showBalance = mapping.columns.balance >= 0;

  return (
    <Card withBorder data-testid="bank-mapping">
      <Stack>
        <Group justify="space-between">
          <Title order={4}>{t('bank.map.title')}</Title>
          <Text c="dimmed" size="sm">{t('bank.map.file', { name: fileName })}</Text>
        </Group>
        {state.remembered && <Alert color="blue" data-testid="bank-map-remembered">{t('bank.map.remembered')}</Alert>}
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('bank.map.delimiter')}
            data={DELIMITERS.map((d) => ({ value: d.key, label: t(`bank.map.delimiter.${d.key}`) }))}
            value={DELIMITERS.find((d) => d.value === mapping.delimiter)!.key}
            onChange={(v) => v && setDelimiter(DELIMITERS.find((d) => d.key === v)!.value)}
            allowDeselect={false}
            w={150}
            data-testid="bank-map-delimiter"
          />
          <NumberInput
            label={t('bank.map.header_row')}
            min={1}
            max={Math.max(1, Math.min(30, table.length))}
            value={mapping.headerRow + 1}
            onChange={(v) => {
              const n = Number(v);
              if (Number.isInteger(n) && n >= 1 && n <= table.length) setHeaderRow(n - 1);
            }}
            w={110}
            data-testid="bank-map-header-row"
          />
          <Select
            label={t('bank.map.date_format')}
            data={BANK_DATE_FORMATS.map((f) => ({ value: f, label: f }))}
            value={mapping.dateFormat}
            onChange={(v) => v && setMapping({ dateFormat: v as BankDateFormat })}
            allowDeselect={false}
            w={150}
            data-testid="bank-map-date-format"
          />
          <Select
            label={t('bank.map.decimal')}
            data={[{ value: '.', label: t('bank.map.decimal.point') }, { value: ',', label: t('bank.map.decimal.comma') }]}
            value={mapping.decimalSeparator}
            onChange={(v) => v && setMapping({ decimalSeparator: v as '.' | ',' })}
            allowDeselect={false}
            w={190}
            data-testid="bank-map-decimal"
          />
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500}>{t('bank.map.amount_mode')}</Text>
          <SegmentedControl
            data={[{ value: 'single', label: t('bank.map.amount_mode.single') }, { value: 'split', label: t('bank.map.amount_mode.split') }]}
            value={mapping.amountMode}
            onChange={(v) => setMapping({ amountMode: v as BankCsvMapping['amountMode'] })}
            data-testid="bank-map-amount-mode"
          />
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {targets.map((target) => (
            <Select
              key={target}
              label={targetLabel(target)}
              withAsterisk={target === 'date' || target === 'amount'}
              data={columnOptions}
              value={String(mapping.columns[target])}
              onChange={(v) => v !== null && setColumn(target, Number(v))}
              allowDeselect={false}
              error={mappingError(target)}
              data-testid={`bank-map-${target}`}
            />
          ))}
        </SimpleGrid>

        {mappingOk ? (
          <>
            <Text size="sm" data-testid="bank-map-summary">{t('bank.map.summary', { lines: parsed.rows.length, skipped: parsed.skipped })}</Text>
            {otherIssues.map((i) => (
              <Alert color="red" key={i.code}>{issueMessage(lang, { code: i.code, params: i.params })}</Alert>
            ))}
            {rowIssues.length > 0 && (
              <Alert color="red" data-testid="bank-map-errors">
                <Text size="sm" mb={4}>{t('bank.map.errors', { count: new Set(rowIssues.map((i) => i.row)).size })}</Text>
                <List size="sm">
                  {rowIssues.slice(0, MAX_PROBLEMS).map((i, k) => (
                    <List.Item key={k}>{problemText(i)}</List.Item>
                  ))}
                </List>
                {rowIssues.length > MAX_PROBLEMS && <Text size="sm">{t('bank.map.more_errors', { count: rowIssues.length - MAX_PROBLEMS })}</Text>}
              </Alert>
            )}
            {parsed.balanceCheck === 'mismatch' && <Alert color="yellow" data-testid="bank-map-balance">{t('bank.map.balance_mismatch')}</Alert>}
            <Text size="sm" fw={500}>{t('bank.map.preview', { count: Math.min(PREVIEW_ROWS, parsed.rows.length) })}</Text>
            <Table withTableBorder fz="sm" data-testid="bank-map-preview">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('bank.map.row')}</Table.Th>
                  <Table.Th>{t('books.col.date')}</Table.Th>
                  <Table.Th>{t('bank.description')}</Table.Th>
                  <Table.Th>{t('bank.reference')}</Table.Th>
                  <Table.Th ta="right">{t('bank.amount')}</Table.Th>
                  {showBalance && <Table.Th ta="right">{t('books.col.balance')}</Table.Th>}
                  <Table.Th>{t('bank.map.problem')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {parsed.rows.slice(0, PREVIEW_ROWS).map((r) => (
                  <Table.Tr key={r.sourceRow} data-testid={`bank-map-row-${r.sourceRow}`} bg={r.line ? undefined : 'var(--mantine-color-red-light)'}>
                    <Table.Td>{r.sourceRow}</Table.Td>
                    <Table.Td>{r.line ? fmt.date(r.line.date) : raw(r, 'date')}</Table.Td>
                    <Table.Td>{raw(r, 'description')}</Table.Td>
                    <Table.Td>{raw(r, 'reference')}</Table.Td>
                    <Table.Td ta="right">{r.line ? fmt.money(r.line.amount, currency) : rawAmount(r)}</Table.Td>
                    {showBalance && <Table.Td ta="right">{r.line?.balance !== undefined ? fmt.money(r.line.balance, currency) : raw(r, 'balance')}</Table.Td>}
                    <Table.Td c="red">{r.issues.map((i) => `${targetLabel(i.field)}: ${issueMessage(lang, { code: i.code, params: i.params })}`).join(' ')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        ) : (
          <RawPreview table={table} headerRow={mapping.headerRow} label={t('bank.map.raw_preview')} />
        )}

        <Group>
          <Button onClick={() => void doImport()} disabled={parsed.issues.length > 0 || busy} loading={busy} data-testid="bank-map-apply">
            {t('bank.map.import', { count: parsed.lines.length })}
          </Button>
          <Button variant="default" onClick={onCancel} data-testid="bank-map-cancel">{t('bank.map.cancel')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The file as it is (header row and the first rows), while the mapping is not complete yet. */
function RawPreview({ table, headerRow, label }: { table: string[][]; headerRow: number; label: string }) {
  const rows = table.slice(headerRow, headerRow + 1 + 5);
  const width = Math.max(0, ...rows.map((r) => r.length));
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>{label}</Text>
      <Table withTableBorder fz="sm" data-testid="bank-map-raw">
        <Table.Tbody>
          {rows.map((r, k) => (
            <Table.Tr key={k} fw={k === 0 ? 600 : undefined}>
              {Array.from({ length: width }, (_, i) => (
                <Table.Td key={i}>{r[i] ?? ''}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
