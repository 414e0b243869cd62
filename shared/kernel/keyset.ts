/**
 * Keyset paging over a single-field index.
 *
 * IndexedDB keeps the entries of an index ordered by (index value, primary key), and a cursor
 * can jump to an exact (value, primary key) position with `continuePrimaryKey`. So a page that
 * starts strictly after the last row of the previous page ([value, id]) costs the same at any
 * depth, with ties on the value broken by id, and a table needs no `[field+id]` compound index
 * per sortable column: a compound index entry costs about twice a single one on every write
 * (measured in Chromium: a customer row with 18 compound + 18 single indexes wrote at ~550
 * rows/s, with the 18 single ones alone at ~1,000 rows/s).
 *
 * Dexie has no public way to reach `continuePrimaryKey`, so the walk opens a native cursor
 * inside a Dexie read transaction (joining the caller's transaction when it includes the table)
 * and resolves a Dexie promise, which keeps Dexie's transaction zone.
 */
import Dexie, { cmp, type Table } from 'dexie';

export interface KeysetQuery<T> {
  /** A single-field index of the table, or 'id' for the primary key. */
  index: string;
  /** Only entries whose index value equals this. */
  equals?: unknown;
  /** Start strictly after this position ([index value, id]) in the direction of the walk. */
  after?: [unknown, string];
  desc?: boolean;
  /** Rows that fail are skipped (the walk goes on until `limit` rows passed). */
  filter?: (row: T) => boolean;
  limit: number;
}

function rangeOf(q: KeysetQuery<unknown>): IDBKeyRange | null {
  if (q.index === 'id') {
    const after = q.after?.[1];
    if (q.equals !== undefined) return IDBKeyRange.only(q.equals);
    if (after === undefined) return null;
    return q.desc ? IDBKeyRange.upperBound(after, true) : IDBKeyRange.lowerBound(after, true);
  }
  if (q.equals !== undefined) return IDBKeyRange.only(q.equals);
  if (!q.after) return null;
  return q.desc ? IDBKeyRange.upperBound(q.after[0]) : IDBKeyRange.lowerBound(q.after[0]);
}

/** Up to `limit` rows in (index value, id) order (reversed when `desc`), after `after`. */
export function keysetPage<T>(table: Table<T, string>, q: KeysetQuery<T>): Promise<T[]> {
  const limit = Math.max(0, Math.floor(q.limit));
  if (limit === 0) return Promise.resolve([]);
  const range = rangeOf(q as KeysetQuery<unknown>);
  return table.db.transaction('r?', table, () => {
    const trans = (Dexie.currentTransaction as unknown as { idbtrans: IDBTransaction }).idbtrans;
    const store = trans.objectStore(table.name);
    const source: IDBObjectStore | IDBIndex = q.index === 'id' ? store : store.index(q.index);
    return new Dexie.Promise<T[]>((resolve, reject) => {
      const out: T[] = [];
      const req = source.openCursor(range, q.desc ? 'prev' : 'next');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const c = req.result;
        if (!c) return resolve(out);
        const after = q.after;
        if (after && q.index !== 'id' && cmp(c.key, after[0]) === 0) {
          const d = cmp(c.primaryKey, after[1]);
          if (d === 0) return c.continue();
          // not yet past the previous page's last row: jump straight to it
          if (q.desc ? d > 0 : d < 0) return c.continuePrimaryKey(after[0] as IDBValidKey, after[1]);
        }
        const row = c.value as T;
        try {
          if (!q.filter || q.filter(row)) {
            out.push(row);
            if (out.length >= limit) return resolve(out);
          }
        } catch (e) {
          return reject(e);
        }
        c.continue();
      };
    });
  });
}
