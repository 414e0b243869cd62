/**
 * The virtualized table of the generic list. Only the rows in view (plus overscan) are in the
 * DOM; spacer rows above and below keep the native table layout so header and body columns
 * align. Rows are memoised: scrolling renders only the rows that enter the window, not the
 * toolbar or the rows already shown. Nearing the loaded end asks for the next keyset page.
 */
import { memo, useCallback, useEffect, useRef } from 'react';
import { Center, Loader, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { BaseRecord, DocTypeDef } from '../../shared/api';
import { cellText, isNumericColumn, type CellContext } from './cell-format';
import { columnLabel } from './ListToolbar';
import { StatusBadge } from './StatusBadge';
import { safeThumb } from './record-thumbs';

const ROW_HEIGHT = 37;
/** Load the next page when the window is this many rows from the loaded end. */
const PREFETCH_ROWS = 60;

export interface ListGridProps {
  def: DocTypeDef;
  rows: readonly BaseRecord[];
  /** Bumped whenever `rows` grows or is replaced (the array itself is appended in place). */
  version: number;
  done: boolean;
  loading: boolean;
  columns: string[];
  sortable: ReadonlySet<string>;
  sort: { sort: string; dir: 'asc' | 'desc' };
  searching: boolean;
  ctx: CellContext;
  /** Changes when the query changes: scroll back to the top. */
  queryKey: string;
  onSort(name: string): void;
  onOpen(id: string): void;
  onNeedMore(): void;
}

export function ListGrid(p: ListGridProps) {
  const { def, rows, done, columns, ctx } = p;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virt = useVirtualizer({
    count: rows.length + (done ? 0 : 1),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virt.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : -1;
  const { onNeedMore } = p;

  useEffect(() => {
    if (!done && lastIndex >= rows.length - PREFETCH_ROWS) onNeedMore();
  }, [lastIndex, rows.length, done, onNeedMore, p.version]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [p.queryKey]);

  const focusImpl = (index: number) => {
    if (index < 0 || index >= rows.length) return;
    virt.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${index}"]`)?.focus());
  };
  const focusRef = useRef(focusImpl);
  focusRef.current = focusImpl;
  const focusRow = useCallback((i: number) => focusRef.current(i), []);

  const padTop = items.length ? items[0].start : 0;
  const padBottom = items.length ? virt.getTotalSize() - items[items.length - 1].end : 0;

  return (
    <div ref={scrollRef} style={{ flex: '1 1 auto', minHeight: 0, overflow: 'auto', border: '1px solid var(--mantine-color-default-border)', borderRadius: 4, contain: 'content' }} data-testid="list-scroll">
      <Table stickyHeader highlightOnHover layout="fixed" verticalSpacing={8} style={{ minWidth: columns.length * 140 }} data-testid="list-table">
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => {
              const canSort = p.sortable.has(c) && !p.searching;
              const active = p.sort.sort === c && !p.searching;
              return (
                <Table.Th key={c} style={{ textAlign: isNumericColumn(def, c) ? 'right' : undefined, whiteSpace: 'nowrap' }} aria-sort={active ? (p.sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {canSort ? (
                    <UnstyledButton onClick={() => p.onSort(c)} data-testid={`list-sort-${c}`} fw={600} fz="sm">
                      {columnLabel(def, c, ctx.t)} {active && (p.sort.dir === 'asc' ? <IconArrowUp size={12} /> : <IconArrowDown size={12} />)}
                    </UnstyledButton>
                  ) : (
                    columnLabel(def, c, ctx.t)
                  )}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {padTop > 0 && <tr style={{ height: padTop }} aria-hidden />}
          {items.map((vi) => {
            const r = rows[vi.index];
            if (!r)
              return (
                <tr key="loader" style={{ height: ROW_HEIGHT }}>
                  <td colSpan={columns.length}>
                    <Center>
                      <Loader size="xs" />
                    </Center>
                  </td>
                </tr>
              );
            return <ListRow key={r.id} def={def} rec={r} index={vi.index} columns={columns} ctx={ctx} onOpen={p.onOpen} onFocusRow={focusRow} />;
          })}
          {padBottom > 0 && <tr style={{ height: padBottom }} aria-hidden />}
        </Table.Tbody>
      </Table>
      {done && rows.length === 0 && !p.loading && (
        <Text c="dimmed" ta="center" p="xl" data-testid="list-empty">
          {ctx.t('doc.no_rows')}
        </Text>
      )}
    </div>
  );
}

interface ListRowProps {
  def: DocTypeDef;
  rec: BaseRecord;
  index: number;
  columns: string[];
  ctx: CellContext;
  onOpen(id: string): void;
  onFocusRow(index: number): void;
}

const cellStyle = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
const numStyle = { ...cellStyle, textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

/** One record row, memoised: re-renders only when its record, columns or formatting change. */
const ListRow = memo(
  function ListRow({ def, rec, index, columns, ctx, onOpen, onFocusRow }: ListRowProps) {
    return (
      <Table.Tr
        data-index={index}
        data-testid={`list-row-${rec.number}`}
        tabIndex={0}
        style={{ height: ROW_HEIGHT, cursor: 'pointer' }}
        onClick={() => onOpen(rec.id)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onOpen(rec.id);
          else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            onFocusRow(index + (e.key === 'ArrowDown' ? 1 : -1));
          }
        }}
      >
        {columns.map((c, i) => {
          const thumb = i === 0 ? safeThumb(ctx.thumbs?.get(rec.id)) : undefined;
          return (
            <Table.Td key={c} style={isNumericColumn(def, c) ? numStyle : cellStyle}>
              {thumb && <img src={thumb} alt="" width={22} height={22} style={{ objectFit: 'cover', borderRadius: 3, verticalAlign: 'middle', marginRight: 6 }} data-testid={`list-thumb-${rec.number}`} />}
              {c === 'status' ? <StatusBadge status={rec.status} /> : cellText(def, c, rec, ctx)}
            </Table.Td>
          );
        })}
      </Table.Tr>
    );
  },
);
