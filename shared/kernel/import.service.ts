/**
 * Bulk import of documents (CSV files, scripts): all or nothing.
 *
 * Invariants:
 * - Every row is validated (normalizeDoc, the form's validator) and every problem of every row
 *   is reported with its row index before anything is written.
 * - Link cells name the target by id, number or title; they are resolved inside the same
 *   transaction that writes, so a target deleted meanwhile cannot slip through.
 * - If any row is bad, nothing is imported. Otherwise all rows are written in ONE transaction
 *   through insertDocInTx (the same path as createDoc: numbering, hooks, audit 'import',
 *   outbox), so a failure on row 9,000 leaves the database exactly as before.
 * - The transaction carries a TxBatch (./tx-batch.ts): series counters are counted in memory,
 *   records, audit and outbox rows are buffered and written in bulk once per chunk of
 *   IMPORT_CHUNK rows, and the number checks against the store are made once per chunk
 *   (ImportChecks). Every row still goes through every step in row order, behaviours included
 *   (a behaviour's read of a table sees the rows buffered before it), and the error reported is
 *   the one of the earliest failing row, as if the rows had been written one by one.
 */
import { DomainError, isDomainError } from './errors';
import { type BaseRecord, type DocTypeDef, indexedFields } from './doctype';
import { getDocType } from './registry';
import { ImportChecks, inDocTx, insertDocInTx } from './docs.service';
import { TxBatch } from './tx-batch';
import { checkImportRows, csvFields, type RowIssue } from './csv-map';
import type { TxContext } from './tx';
import type { Session } from './session';

/**
 * Rows per chunk: the buffered writes of a chunk are issued together (and run while the next
 * chunk is prepared), and its numbers are checked in one index query.
 */
export const IMPORT_CHUNK = 500;

export interface ImportOptions {
  /** Validate and resolve everything, write nothing. */
  dryRun?: boolean;
}

export interface ImportResult {
  /** True when every row is valid (and, unless dryRun, all were written). */
  ok: boolean;
  /** Rows written (0 when dryRun or when any row is bad). */
  imported: number;
  issues: RowIssue[];
  /** Ids of the created records, in row order. */
  ids: string[];
}

type Resolved = { id: string } | { code: string; params: Record<string, unknown> };

async function resolveLink(ctx: TxContext, target: DocTypeDef, raw: string): Promise<Resolved> {
  const table = ctx.t<BaseRecord>(target.table);
  const live = (r: BaseRecord | undefined): r is BaseRecord => !!r && !r.deleted;
  const ok = (r: BaseRecord): Resolved => (r.status === 'cancelled' ? { code: 'error.link_cancelled', params: { docType: target.name, value: r.number } } : { id: r.id });
  const byId = await table.get(raw);
  if (live(byId)) return ok(byId);
  const byNumber = (await table.where('number').equals(raw).toArray()).filter(live);
  if (byNumber.length === 1) return ok(byNumber[0]);
  const title = raw.normalize('NFKC').toLowerCase();
  let candidates: BaseRecord[] = [];
  if (indexedFields(target).includes(target.titleField)) candidates = await table.where(target.titleField).equals(raw).toArray();
  else if (target.searchFields.includes(target.titleField)) candidates = await table.where('_search').equals(title.slice(0, 100)).toArray();
  const hits = candidates.filter((r) => live(r) && String(r[target.titleField] ?? '').normalize('NFKC').toLowerCase() === title);
  if (hits.length === 1) return ok(hits[0]);
  if (hits.length > 1 || byNumber.length > 1) return { code: 'error.import_link_ambiguous', params: { docType: target.name, value: raw } };
  return { code: 'error.import_link_unknown', params: { docType: target.name, value: raw } };
}

/** Replace link cells (number or title) by record ids; collect the ones that do not resolve. */
async function resolveLinks(ctx: TxContext, def: DocTypeDef, values: Record<string, unknown>[], bad: Set<number>, issues: RowIssue[]): Promise<void> {
  const cache = new Map<string, Resolved>();
  const links = csvFields(def).filter((f) => f.type === 'link' && f.link);
  for (let row = 0; row < values.length; row++) {
    if (bad.has(row)) continue;
    for (const f of links) {
      const raw = values[row][f.name];
      if (typeof raw !== 'string' || raw === '') continue;
      const key = `${f.link}\u0000${raw}`;
      let r = cache.get(key);
      if (!r) cache.set(key, (r = await resolveLink(ctx, getDocType(f.link!), raw)));
      if ('id' in r) values[row][f.name] = r.id;
      else issues.push({ code: r.code, params: r.params, field: f.name, row });
    }
  }
}

/** Numbers taken from a field (Item.itemCode) must be unique in the file and in the database. */
async function checkNumbers(ctx: TxContext, def: DocTypeDef, values: Record<string, unknown>[], bad: Set<number>, issues: RowIssue[]): Promise<void> {
  if (!('field' in def.naming)) return;
  const field = def.naming.field;
  const seen = new Map<string, number>();
  const wanted: { row: number; num: string }[] = [];
  for (let row = 0; row < values.length; row++) {
    if (bad.has(row)) continue;
    const num = String(values[row][field] ?? '');
    if (seen.has(num)) {
      issues.push({ code: 'error.import_duplicate_in_file', field, row, params: { value: num } });
      continue;
    }
    seen.set(num, row);
    wanted.push({ row, num });
  }
  if (wanted.length === 0) return;
  // one index walk for the whole file rather than one query per row
  const taken = new Set((await ctx.t<BaseRecord>(def.table).where('number').anyOf(wanted.map((w) => w.num)).filter((r) => !r.deleted).toArray()).map((r) => r.number));
  for (const { row, num } of wanted) if (taken.has(num)) issues.push({ code: 'error.duplicate', field, row, params: { value: num } });
}

/**
 * Import raw rows (field name -> string/number, as from csvToInputs) as new documents.
 * Requires the 'create' right. Returns every problem with its row; writes only if there is none.
 */
export async function importDocs(s: Session, docType: string, rows: readonly Record<string, unknown>[], opts: ImportOptions = {}): Promise<ImportResult> {
  const def = getDocType(docType);
  s.require(docType, 'create');
  if (rows.length === 0) throw new DomainError('error.import_no_rows');
  const { values, issues } = checkImportRows(def, rows, s.baseCurrency);
  const bad = new Set(issues.map((i) => i.row));
  let failingRow = -1;
  try {
    return await inDocTx(s, def, async (ctx) => {
      await resolveLinks(ctx, def, values, bad, issues);
      await checkNumbers(ctx, def, values, bad, issues);
      if (issues.length) return { ok: false, imported: 0, issues: sortIssues(issues), ids: [] };
      if (opts.dryRun) return { ok: true, imported: 0, issues: [], ids: [] };
      const ids: string[] = [];
      const batch = (ctx.batch = new TxBatch(ctx.tx));
      const checks = new ImportChecks(def);
      // a number already held by a stored record fails its row; checked once per chunk, so the
      // chunk is settled before any later row's error is reported (the earliest row wins)
      const settle = async () => {
        const clash = await checks.settle(ctx);
        if (clash) {
          failingRow = clash.row;
          throw clash.error;
        }
      };
      for (let row = 0; row < values.length; row++) {
        failingRow = checks.row = row;
        try {
          ids.push((await insertDocInTx(ctx, def, values[row], undefined, 'import', checks)).id);
        } catch (e) {
          let clash: Awaited<ReturnType<ImportChecks['settle']>> = null;
          try {
            clash = await checks.settle(ctx);
          } catch {
            // the row's own error is the one to report
          }
          if (clash) failingRow = clash.row;
          throw clash ? clash.error : e;
        }
        if ((row + 1) % IMPORT_CHUNK === 0) {
          await settle();
          // a failed write of an earlier chunk belongs to no row
          failingRow = -1;
          batch.check();
          batch.issueAll();
        }
      }
      await settle();
      failingRow = -1;
      await batch.flush();
      return { ok: true, imported: ids.length, issues: [], ids };
    });
  } catch (e) {
    // a hook refused one row: the transaction is aborted, so nothing at all was written
    if (isDomainError(e) && failingRow >= 0) {
      return { ok: false, imported: 0, issues: e.issues.map((i) => ({ ...i, row: failingRow, childRow: i.row })), ids: [] };
    }
    throw e;
  }
}

function sortIssues(issues: RowIssue[]): RowIssue[] {
  return [...issues].sort((a, b) => a.row - b.row);
}
