/**
 * One section of a P&L or balance sheet (income, expense, assets...): account rows in tree order
 * with the amount for the period and, optionally, the comparison period. Rows present in only
 * one of the two periods are shown with the other column empty. Every figure opens the GL detail.
 */
import { Fragment } from 'react';
import { Table } from '@mantine/core';
import type { ReportRow } from '../../shared/books';
import { useT } from '../i18n/use-t';
import { Figure, indent, plain, useAccountLabel } from './report-kit';

export interface SectionRow {
  row: ReportRow;
  cur: number;
  prev: number;
}

/** Merge current and comparison rows by account, in tree order (account number order per level). */
export function mergeRows(cur: readonly ReportRow[], prev: readonly ReportRow[] | null): SectionRow[] {
  const byId = new Map<string, SectionRow>();
  for (const r of cur) byId.set(r.id, { row: r, cur: r.amount, prev: 0 });
  for (const r of prev ?? []) {
    const x = byId.get(r.id);
    if (x) x.prev = r.amount;
    else byId.set(r.id, { row: r, cur: 0, prev: r.amount });
  }
  // tree order = depth-first by account number: compare the chain of ancestors' numbers
  const rows = [...byId.values()];
  const numbers = new Map(rows.map((x) => [x.row.id, x.row]));
  const path = (r: ReportRow): string[] => {
    const p = r.parentAccount ? numbers.get(r.parentAccount) : undefined;
    return [...(p ? path(p) : []), r.accountNumber];
  };
  const key = new Map(rows.map((x) => [x.row.id, path(x.row)]));
  return rows.sort((a, b) => {
    const pa = key.get(a.row.id)!;
    const pb = key.get(b.row.id)!;
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return pa[i].localeCompare(pb[i]);
    return pa.length - pb.length;
  });
}

export function SectionRows(p: { title: string; rows: SectionRow[]; total: number; prevTotal: number; compare: boolean; currency: string; prefix: string; onOpen(id: string, which: 'cur' | 'prev'): void }) {
  const t = useT();
  const label = useAccountLabel();
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td colSpan={p.compare ? 3 : 2} fw={700} bg="var(--mantine-color-default-hover)">
          {p.title}
        </Table.Td>
      </Table.Tr>
      {p.rows.map((x) => (
        <Table.Tr key={x.row.id} fw={x.row.isGroup ? 600 : undefined} data-testid={`${p.prefix}-row-${x.row.accountNumber}`}>
          <Table.Td style={indent(x.row.depth)}>{label(x.row)}</Table.Td>
          <Table.Td ta="right">
            <Figure minor={x.cur} currency={p.currency} onOpen={() => p.onOpen(x.row.id, 'cur')} testId={`${p.prefix}-amount-${x.row.accountNumber}`} />
          </Table.Td>
          {p.compare && (
            <Table.Td ta="right">
              <Figure minor={x.prev} currency={p.currency} onOpen={() => p.onOpen(x.row.id, 'prev')} testId={`${p.prefix}-prev-${x.row.accountNumber}`} />
            </Table.Td>
          )}
        </Table.Tr>
      ))}
      <Table.Tr fw={700}>
        <Table.Td>{t('books.total_of', { section: p.title })}</Table.Td>
        <Table.Td ta="right">
          <Figure minor={p.total} currency={p.currency} strong testId={`${p.prefix}-total`} />
        </Table.Td>
        {p.compare && (
          <Table.Td ta="right">
            <Figure minor={p.prevTotal} currency={p.currency} strong testId={`${p.prefix}-prev-total`} />
          </Table.Td>
        )}
      </Table.Tr>
    </Fragment>
  );
}

/** CSV lines of a section. */
export function sectionCsv(title: string, rows: SectionRow[], total: number, prevTotal: number, compare: boolean, currency: string, label: (r: ReportRow) => string, totalLabel: string): string[][] {
  return [
    [title],
    ...rows.map((x) => [label(x.row), plain(x.cur, currency), ...(compare ? [plain(x.prev, currency)] : [])]),
    [totalLabel, plain(total, currency), ...(compare ? [plain(prevTotal, currency)] : [])],
  ];
}
