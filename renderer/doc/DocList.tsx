/**
 * Generic, declaration-driven list of one document type. Stays smooth at 100,000 rows: the body
 * is virtualized (@tanstack/react-virtual, spacer rows keep the table's column layout) and rows
 * are read page by page through keyset cursors as the user scrolls (see use-doc-pages.ts).
 * Sorting is offered only on indexed fields; filters are the list service's equality filters.
 */
import { useCallback, useMemo, useState } from 'react';
import { Alert, Box } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { getDocType, type FieldDef } from '../../shared/api';
import { exportDocs } from '../../shared/kernel/export.service';
import { platform } from '../platform';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { loadColumns, nextSort, pickableColumns, saveColumns, toggleColumn } from './list-columns';
import { useDocPages } from './use-doc-pages';
import { ListToolbar } from './ListToolbar';
import { ListGrid } from './ListGrid';
import { ImportModal, type ImportFile } from './ImportModal';
import { useThumbs } from './record-thumbs';

export function DocList({ docType }: { docType: string }) {
  const session = useApp((s) => s.session);
  if (!session) return null;
  return <DocListBody key={docType} docType={docType} />;
}

function DocListBody({ docType }: { docType: string }) {
  const session = useApp((s) => s.session)!;
  const lang = useApp((s) => s.lang);
  const navigate = useApp((s) => s.navigate);
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const def = useMemo(() => getDocType(docType), [docType]);

  const [columns, setColumns] = useState(() => loadColumns(def));
  const [sort, setSort] = useState<{ sort: string; dir: 'asc' | 'desc' }>({ sort: 'modifiedAt', dir: 'desc' });
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [searchText, setSearchText] = useState('');
  const [search] = useDebouncedValue(searchText.trim(), 250);
  const [importFile, setImportFile] = useState<ImportFile | null>(null);
  const [exporting, setExporting] = useState(false);

  const sortable = useMemo(() => new Set(pickableColumns(def).filter((c) => c.sortable).map((c) => c.name)), [def]);
  const linkFields = useMemo(() => columns.map((c) => def.fields.find((f) => f.name === c)).filter((f): f is FieldDef => f?.type === 'link' && !!f.link), [def, columns]);
  const params = useMemo(() => ({ ...sort, filters, search }), [sort, filters, search]);
  const pages = useDocPages(session, docType, params, linkFields);
  const { rows, done, loadMore } = pages;

  const open = useCallback((id: string) => navigate({ name: 'form', docType, id }), [navigate, docType]);

  const onToggleColumn = (name: string) => {
    const next = toggleColumn(def, columns, name);
    setColumns(next);
    saveColumns(docType, next);
  };

  const onFilter = (field: string, value: string | null) =>
    setFilters((f) => {
      const n = { ...f };
      if (value) n[field] = value;
      else delete n[field];
      return n;
    });

  const onExport = async () => {
    setExporting(true);
    try {
      const { csv, count } = await exportDocs(session, docType, { sort: sort.sort, dir: sort.dir, filters, search: search || undefined }, lang);
      const res = await platform.saveFile({ suggestedName: `${docType}-${session.localDate()}.csv`, mime: 'text/csv', data: new TextEncoder().encode(csv), filters: [{ name: 'CSV', extensions: ['csv'] }] });
      if (res.saved) notifications.show({ color: 'green', message: t('doc.exported', { count: fmt.number(count) }) });
    } catch (e) {
      notifications.show({ color: 'red', message: errorText(e) });
    } finally {
      setExporting(false);
    }
  };

  const onImport = async () => {
    try {
      const f = await platform.openFile({ accept: ['.csv', '.xlsx'] });
      if (f) setImportFile(f);
    } catch (e) {
      notifications.show({ color: 'red', message: errorText(e) });
    }
  };

  const thumbs = useThumbs(session, docType, useMemo(() => rows.map((r) => r.id), [rows, pages.version]), pages.version);
  const ctx = useMemo(() => ({ fmt, t, titles: pages.titles, baseCurrency: session.baseCurrency, thumbs }), [fmt, t, pages.titles, session.baseCurrency, thumbs]);
  const onSort = useCallback((c: string) => setSort((s) => nextSort(s, c)), []);
  const onNew = useCallback(() => navigate({ name: 'form', docType, id: null }), [navigate, docType]);

  return (
    <Box style={{ display: 'flex', flexDirection: 'column', gap: 12, height: '100%', maxHeight: 'calc(100dvh - 96px)', minHeight: 360 }}>
      <ListToolbar
        def={def}
        total={pages.total}
        loaded={rows.length}
        done={done}
        searching={!!search}
        search={searchText}
        onSearch={setSearchText}
        filters={filters}
        onFilter={onFilter}
        columns={columns}
        onToggleColumn={onToggleColumn}
        canCreate={session.can(docType, 'create')}
        canExport={session.can(docType, 'export')}
        exporting={exporting}
        onNew={onNew}
        onImport={onImport}
        onExport={onExport}
      />
      {pages.error != null && <Alert color="red">{errorText(pages.error)}</Alert>}
      <ListGrid
        def={def}
        rows={rows}
        version={pages.version}
        done={done}
        loading={pages.loading}
        columns={columns}
        sortable={sortable}
        sort={sort}
        searching={!!search}
        ctx={ctx}
        queryKey={JSON.stringify(params)}
        onSort={onSort}
        onOpen={open}
        onNeedMore={loadMore}
      />
      {importFile && (
        <ImportModal
          def={def}
          file={importFile}
          onClose={() => setImportFile(null)}
          onImported={() => {
            setImportFile(null);
            pages.reload();
          }}
        />
      )}
    </Box>
  );
}
