/**
 * CSV / Excel import preview: the file is opened by import-file (CSV text or an .xlsx workbook,
 * whose sheet the user may choose), mapped by csv-map, then checked with a dry run of
 * importDocs (every row validated, links resolved, nothing written). Each problem is listed
 * with its spreadsheet row and column; "Import" is possible only when there is none, and then
 * writes all rows in one transaction. A damaged workbook shows its error and offers nothing.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, ScrollArea, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { fieldLabelKey, fieldOf, issueMessage, type DocTypeDef } from '../../shared/api';
import { tableToInputs, sheetRow, type CsvImport, type RowIssue } from '../../shared/kernel/csv-map';
import { openImportFile, type ImportFile, type ImportSource } from '../../shared/kernel/import-file';
import { importDocs } from '../../shared/kernel/import.service';
import { useApp } from '../state/app.store';
import { useErrorText, useT } from '../i18n/use-t';

const PREVIEW_ROWS = 50;

export type { ImportFile };

export function ImportModal({ def, file, onClose, onImported }: { def: DocTypeDef; file: ImportFile; onClose(): void; onImported(): void }) {
  const session = useApp((s) => s.session)!;
  const lang = useApp((s) => s.lang);
  const t = useT();
  const errorText = useErrorText();
  const opened = useMemo((): { source: ImportSource } | { error: unknown } => {
    try {
      return { source: openImportFile(file) };
    } catch (e) {
      return { error: e };
    }
  }, [file]);
  const source = 'source' in opened ? opened.source : null;
  const [sheet, setSheet] = useState(() => source?.defaultSheet ?? '');
  const { parsed, readError } = useMemo((): { parsed: CsvImport; readError: string | null } => {
    const none: CsvImport = { rows: [], headerIssues: [], columns: [], sheetRows: [] };
    if (!source) return { parsed: none, readError: errorText('error' in opened ? opened.error : null) };
    try {
      return { parsed: tableToInputs(def, source.table(sheet || undefined), lang), readError: null };
    } catch (e) {
      return { parsed: none, readError: errorText(e) };
    }
  }, [def, source, opened, sheet, lang, errorText]);
  const [issues, setIssues] = useState<RowIssue[] | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Spreadsheet row of a data row (blank rows are skipped, so it is looked up). */
  const rowNo = (row: number) => parsed.sheetRows[row] ?? sheetRow(row);

  useEffect(() => {
    setIssues(null);
    setFatal(null);
    if (readError || parsed.headerIssues.length) return;
    let live = true;
    importDocs(session, def.name, parsed.rows, { dryRun: true }).then(
      (r) => live && setIssues(r.issues),
      (e) => live && setFatal(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [session, def, parsed, readError, errorText]);

  const run = async () => {
    setBusy(true);
    try {
      const r = await importDocs(session, def.name, parsed.rows);
      if (r.ok) {
        notifications.show({ color: 'green', message: t('doc.imported', { count: r.imported }) });
        onImported();
      } else setIssues(r.issues);
    } catch (e) {
      setFatal(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const label = (field?: string) => {
    const f = field ? fieldOf(def, field) : undefined;
    return f ? t(fieldLabelKey(def, f)) : (field ?? '');
  };
  const mapped = parsed.columns.map((f, i) => ({ f, i })).filter((c) => c.f);
  const badRows = new Set((issues ?? []).map((i) => i.row));
  const ok = !readError && parsed.headerIssues.length === 0 && issues !== null && issues.length === 0 && !fatal;

  return (
    <Modal opened onClose={onClose} size="xl" title={t('doc.import_title', { docType: def.name, file: file.name })} data-testid="import-modal">
      <Stack gap="sm">
        {source?.encoding === 'gb18030' && <Text size="xs" c="dimmed" data-testid="import-encoding">{t('doc.import_gbk')}</Text>}
        {source && source.sheets.length > 1 && (
          <Select
            label={t('doc.import_sheet')}
            data={source.sheets}
            value={sheet}
            onChange={(v) => v && setSheet(v)}
            allowDeselect={false}
            maw={320}
            data-testid="import-sheet"
          />
        )}
        {readError && (
          <Alert color="red" data-testid="import-file-error">
            {readError}
          </Alert>
        )}
        {fatal && <Alert color="red">{fatal}</Alert>}
        {parsed.headerIssues.map((i, k) => (
          <Alert key={k} color="red" data-testid="import-header-issue">
            {issueMessage(lang, i)}
          </Alert>
        ))}
        {!readError && parsed.headerIssues.length === 0 && <Text size="sm" data-testid="import-summary">{t('doc.import_summary', { count: parsed.rows.length })}</Text>}
        {issues && issues.length === 0 && <Alert color="green">{t('doc.import_ok')}</Alert>}
        {issues && issues.length > 0 && (
          <>
            <Alert color="red">{t('doc.import_bad', { count: issues.length })}</Alert>
            <ScrollArea.Autosize mah={220}>
              <Table withTableBorder fz="sm" data-testid="import-issues">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={90}>{t('doc.import_row', { row: '' })}</Table.Th>
                    <Table.Th w={180}>{t('doc.import_field')}</Table.Th>
                    <Table.Th>{t('doc.import_problem')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {issues.map((i, k) => (
                    <Table.Tr key={k} data-testid={`import-issue-${rowNo(i.row)}`}>
                      <Table.Td>{t('doc.import_row', { row: rowNo(i.row) })}</Table.Td>
                      <Table.Td>{label(i.field)}</Table.Td>
                      <Table.Td>{issueMessage(lang, { code: i.code, params: i.params, row: i.childRow })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </>
        )}
        {mapped.length > 0 && parsed.rows.length > 0 && (
          <ScrollArea.Autosize mah={300}>
            <Table withTableBorder striped fz="xs" data-testid="import-preview">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('doc.row_no')}</Table.Th>
                  {mapped.map(({ f, i }) => (
                    <Table.Th key={i}>{t(fieldLabelKey(def, f!))}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {parsed.rows.slice(0, PREVIEW_ROWS).map((r, k) => (
                  <Table.Tr key={k} bg={badRows.has(k) ? 'var(--mantine-color-red-light)' : undefined}>
                    <Table.Td>{rowNo(k)}</Table.Td>
                    {mapped.map(({ f, i }) => (
                      <Table.Td key={i}>{f!.type === 'select' && r[f!.name] ? t(`option.${String(r[f!.name])}`) : String(r[f!.name] ?? '')}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {parsed.rows.length > PREVIEW_ROWS && <Text size="xs" c="dimmed">{t('doc.import_preview_more', { shown: PREVIEW_ROWS, count: parsed.rows.length })}</Text>}
          </ScrollArea.Autosize>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('doc.close')}
          </Button>
          <Button disabled={!ok} loading={busy} onClick={run} data-testid="import-confirm">
            {t('doc.import_do', { count: parsed.rows.length })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
