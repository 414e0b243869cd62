/**
 * CSV export of a document list: the same query the list screen shows (filters, search, sort),
 * read page by page through the keyset cursor (never one full-table read into a screen), with
 * link ids turned into the target's number and sensitive fields the reader may not see left out.
 * Requires the 'export' right (and 'read', through listDocs).
 */
import type { BaseRecord, DocTypeDef } from './doctype';
import { getDocType } from './registry';
import { listDocs, redact, type ListQuery } from './docs.service';
import { exportHeader, exportRow, linkIdsOf, toCsv, type ExportContext } from './csv-map';
import type { Session } from './session';
import type { Lang } from '../i18n';

export interface ExportResult {
  csv: string;
  count: number;
}

/** Fields redact() would remove for this session (sensitive, no right on their module). */
function hiddenFor(s: Session, def: DocTypeDef): Set<string> {
  const probe = Object.fromEntries(def.fields.map((f) => [f.name, 1])) as unknown as BaseRecord;
  const seen = redact(s, def, probe);
  return new Set(def.fields.filter((f) => !(f.name in seen)).map((f) => f.name));
}

export async function exportDocs(s: Session, docType: string, q: Omit<ListQuery, 'after' | 'limit'>, lang: Lang): Promise<ExportResult> {
  return exportPages(s, docType, lang, async function* () {
    let after: ListQuery['after'];
    for (;;) {
      const page = await listDocs(s, docType, { ...q, after, limit: 500 });
      yield page.rows;
      if (!page.next) return;
      after = page.next;
    }
  });
}

/**
 * CSV of records handed over page by page (a list query, a saved segment...): one header row,
 * links as the target's number, hidden fields left out. Requires the 'export' right.
 */
export async function exportPages(s: Session, docType: string, lang: Lang, pages: () => AsyncIterable<BaseRecord[]>): Promise<ExportResult> {
  const def = getDocType(docType);
  s.require(docType, 'export');
  const linkNumbers = new Map<string, string>();
  const ctx: ExportContext = { lang, baseCurrency: s.baseCurrency, linkNumbers, omit: hiddenFor(s, def) };
  const out: string[][] = [exportHeader(def, ctx)];
  for await (const rows of pages()) {
    for (const [target, ids] of linkIdsOf(def, rows)) {
      const missing = [...ids].filter((id) => !linkNumbers.has(id));
      if (missing.length === 0) continue;
      const recs = await s.db.t<BaseRecord>(getDocType(target).table).bulkGet(missing);
      for (const r of recs) if (r) linkNumbers.set(r.id, r.number);
    }
    for (const r of rows) out.push(exportRow(def, redact(s, def, r), ctx));
  }
  return { csv: toCsv(out), count: out.length - 1 };
}
