/**
 * Shared pieces of the books report pages: the period picker (month / quarter / year / custom,
 * optional comparison column), the account tree hook, clickable figures (drill-down), CSV export
 * and print. Figures are integer minor units of the base currency; CSV carries them as plain
 * major-unit decimal strings (exact, no float), the screen through useFormat().money.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Button, Checkbox, Group, NativeSelect, TextInput, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileTypeCsv, IconFileTypeXls, IconPrinter } from '@tabler/icons-react';
import { formatPlain, listBranches, money, type BranchRow, type Session } from '../../shared/api';
import { accountLabel, loadAccountTree, type AccountNode } from '../../shared/books';
import { toCsv } from '../../shared/kernel/csv-map';
import { toXlsx } from '../../shared/kernel/xlsx';
import { platform } from '../platform';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { defaultSel, quarterOptions, yearOptions, type PeriodMode, type PeriodSel } from './period';

export const PERIOD_MODES: readonly PeriodMode[] = ['month', 'quarter', 'year', 'custom'];

export function PeriodPicker(p: { value: PeriodSel; onChange(v: PeriodSel): void; compare?: boolean; onCompare?(v: boolean): void; modes?: readonly PeriodMode[] }) {
  const t = useT();
  const v = p.value;
  return (
    <Group align="flex-end" gap="sm">
      <NativeSelect
        label={t('books.period.mode')}
        value={v.mode}
        onChange={(e) => p.onChange({ ...defaultSel(e.currentTarget.value as PeriodMode), from: v.from, to: v.to })}
        data={(p.modes ?? PERIOD_MODES).map((m) => ({ value: m, label: t(`books.period.${m}`) }))}
        data-testid="period-mode"
      />
      {v.mode === 'month' && <TextInput type="month" label={t('books.period.month')} value={v.anchor} onChange={(e) => e.currentTarget.value && p.onChange({ ...v, anchor: e.currentTarget.value })} data-testid="period-month" />}
      {v.mode === 'quarter' && <NativeSelect label={t('books.period.quarter')} value={v.anchor} onChange={(e) => p.onChange({ ...v, anchor: e.currentTarget.value })} data={quarterOptions()} data-testid="period-quarter" />}
      {v.mode === 'year' && <NativeSelect label={t('books.period.year')} value={v.anchor} onChange={(e) => p.onChange({ ...v, anchor: e.currentTarget.value })} data={yearOptions()} data-testid="period-year" />}
      {v.mode === 'custom' && (
        <>
          <TextInput type="month" label={t('books.period.from')} value={v.from} onChange={(e) => e.currentTarget.value && p.onChange({ ...v, from: e.currentTarget.value })} data-testid="period-from" />
          <TextInput type="month" label={t('books.period.to')} value={v.to} onChange={(e) => e.currentTarget.value && p.onChange({ ...v, to: e.currentTarget.value })} data-testid="period-to" />
        </>
      )}
      {p.onCompare && <Checkbox mb={8} label={t('books.period.compare')} checked={!!p.compare} onChange={(e) => p.onCompare!(e.currentTarget.checked)} data-testid="period-compare" />}
    </Group>
  );
}

/** Branches of the company this installation knows (all of them at a head-office desk). */
export function useBranches(): BranchRow[] {
  const session = useApp((s) => s.session);
  const [rows, setRows] = useState<BranchRow[]>([]);
  useEffect(() => {
    if (session) void listBranches(session).then(setRows, () => setRows([]));
  }, [session]);
  return rows;
}

/**
 * Consolidated or one branch: shown when more than one branch is known (a head-office desk
 * after its first sync); '' = all branches.
 */
export function BranchPicker(p: { value: string; onChange(v: string): void }) {
  const t = useT();
  const branches = useBranches();
  if (branches.length < 2) return null;
  return (
    <NativeSelect
      label={t('books.branch.label')}
      value={p.value}
      onChange={(e) => p.onChange(e.currentTarget.value)}
      data={[{ value: '', label: t('books.branch.all') }, ...branches.map((b) => ({ value: b.id, label: `${b.code} · ${b.name}` }))]}
      data-testid="report-branch"
    />
  );
}

/** The chart of accounts in tree order (one read; re-read when the session changes). */
export function useAccountTree(): AccountNode[] {
  const session = useApp((s) => s.session)!;
  const [tree, setTree] = useState<AccountNode[]>([]);
  useEffect(() => {
    let live = true;
    loadAccountTree(session).then((t) => live && setTree(t), () => undefined);
    return () => {
      live = false;
    };
  }, [session]);
  return tree;
}

export function useAccountLabel() {
  const lang = useApp((s) => s.lang);
  return (a: AccountNode | Record<string, unknown> | undefined) => (a ? accountLabel(a as unknown as Record<string, unknown>, lang) : '');
}

/**
 * Run an async report query whenever `deps` change; returns [data, error text, loading].
 * Stale answers (an older query finishing last) are dropped.
 */
export function useReport<T>(run: (s: Session) => Promise<T>, deps: unknown[]): [T | null, string | null, boolean] {
  const session = useApp((s) => s.session)!;
  const errorText = useErrorText();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    let live = true;
    setLoading(true);
    run(session).then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e) => {
        if (!live) return;
        setError(errorText(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, ...deps]);
  return [data, error, loading];
}

/** Plain exact major-unit string for CSV ("1234.50"). */
export function plain(minor: number, currency: string): string {
  return formatPlain(money(minor, currency));
}

/** A figure that opens its detail (drill-down); a plain figure when there is nowhere to go. */
export function Figure(p: { minor: number; currency: string; onOpen?: () => void; testId?: string; strong?: boolean }) {
  const fmt = useFormat();
  const text = fmt.money(p.minor, p.currency);
  const style = { fontVariantNumeric: 'tabular-nums' as const, fontWeight: p.strong ? 600 : undefined };
  if (!p.onOpen) return <span style={style} data-testid={p.testId}>{text}</span>;
  return (
    <UnstyledButton onClick={p.onOpen} data-testid={p.testId} style={{ ...style, color: 'var(--mantine-color-anchor)', textDecoration: 'underline dotted' }} fz="sm">
      {text}
    </UnstyledButton>
  );
}

/** CSV export and print buttons of a report. `rows()` builds the CSV (header row first). */
export function ReportActions(p: { fileName: string; rows: () => string[][]; extra?: ReactNode }) {
  const t = useT();
  const errorText = useErrorText();
  const exportCsv = async () => {
    try {
      const data = new TextEncoder().encode(toCsv(p.rows()));
      await platform.saveFile({ suggestedName: `${p.fileName}.csv`, mime: 'text/csv', data, filters: [{ name: 'CSV', extensions: ['csv'] }] });
    } catch (e) {
      notifications.show({ color: 'red', message: errorText(e) });
    }
  };
  const exportXlsx = async () => {
    try {
      // amounts are exact decimal strings ("1234.50"): written as numeric cells verbatim
      const rows = p.rows().map((r, i) => r.map((c) => (i > 0 && /^-?\d+\.\d+$/.test(c) ? { decimal: c } : c)));
      const data = toXlsx([{ name: p.fileName.slice(0, 31), rows }]);
      await platform.saveFile({ suggestedName: `${p.fileName}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data, filters: [{ name: 'Excel', extensions: ['xlsx'] }] });
    } catch (e) {
      notifications.show({ color: 'red', message: errorText(e) });
    }
  };
  const print = async () => {
    try {
      await platform.printToPdf({ suggestedName: `${p.fileName}.pdf` });
    } catch (e) {
      notifications.show({ color: 'red', message: errorText(e) });
    }
  };
  return (
    <Group gap="xs" className="no-print">
      {p.extra}
      <Button variant="default" size="xs" leftSection={<IconFileTypeCsv size={16} />} onClick={() => void exportCsv()} data-testid="report-export-csv">
        {t('books.export_csv')}
      </Button>
      <Button variant="default" size="xs" leftSection={<IconFileTypeXls size={16} />} onClick={() => void exportXlsx()} data-testid="report-export-xlsx">
        {t('books.export_xlsx')}
      </Button>
      <Button variant="default" size="xs" leftSection={<IconPrinter size={16} />} onClick={() => void print()} data-testid="report-print">
        {t('books.print')}
      </Button>
    </Group>
  );
}

/** Indentation of an account row by its depth in the tree. */
export function indent(depth: number): { paddingLeft: number } {
  return { paddingLeft: 8 + depth * 16 };
}
