/**
 * Infinite loading for the generic list: pages come from listDocs by keyset cursor (`next`),
 * one page at a time as the user scrolls; never a full-table read, never offset paging. Rows
 * live in a ref that only grows (appending a page does not copy 100,000 rows), and a version
 * counter re-renders. Link titles are fetched once per page (linkTitles, batched per target
 * type). A change of query starts a new generation; late answers of an old one are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { countDocs, linkTitles, listDocs, type BaseRecord, type FieldDef, type Session } from '../../shared/api';

export const PAGE_SIZE = 200;

export interface ListParams {
  sort: string;
  dir: 'asc' | 'desc';
  filters: Record<string, string>;
  search: string;
}

export interface DocPages {
  /** Appended in place as pages arrive (no copy per page); `version` says when. */
  rows: readonly BaseRecord[];
  version: number;
  /** Link id -> title of the linked record. */
  titles: ReadonlyMap<string, string>;
  loading: boolean;
  done: boolean;
  /** Live record count for the filters; null while counting or when searching. */
  total: number | null;
  error: unknown;
  loadMore(): void;
  reload(): void;
}

export function useDocPages(session: Session, docType: string, params: ListParams, linkFields: readonly FieldDef[]): DocPages {
  const rows = useRef<BaseRecord[]>([]);
  const titles = useRef(new Map<string, string>());
  const cursor = useRef<[unknown, string] | null>(null);
  const busy = useRef(false);
  const gen = useRef(0);
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<{ loading: boolean; done: boolean; error: unknown }>({ loading: true, done: false, error: null });
  const [total, setTotal] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(params);
  const linksRef = useRef(linkFields);
  linksRef.current = linkFields;

  const fetchTitles = useCallback(
    async (page: readonly BaseRecord[]) => {
      const byType = new Map<string, Set<string>>();
      for (const f of linksRef.current) {
        const set = byType.get(f.link!) ?? new Set<string>();
        for (const r of page) {
          const id = r[f.name];
          if (typeof id === 'string' && id && !titles.current.has(id)) set.add(id);
        }
        byType.set(f.link!, set);
      }
      for (const [type, ids] of byType) {
        if (ids.size === 0) continue;
        for (const [id, title] of await linkTitles(session, type, [...ids])) titles.current.set(id, title);
      }
    },
    [session],
  );

  const fetchPage = useCallback(
    async (g: number) => {
      busy.current = true;
      setStatus((s) => ({ ...s, loading: true }));
      try {
        const p = JSON.parse(key) as ListParams;
        const page = await listDocs(session, docType, {
          sort: p.sort,
          dir: p.dir,
          filters: p.filters,
          search: p.search || undefined,
          after: cursor.current ?? undefined,
          limit: PAGE_SIZE,
        });
        if (g !== gen.current) return;
        await fetchTitles(page.rows);
        if (g !== gen.current) return;
        rows.current.push(...page.rows);
        cursor.current = page.next;
        setStatus({ loading: false, done: !page.next, error: null });
        setVersion((v) => v + 1);
      } catch (e) {
        if (g === gen.current) setStatus({ loading: false, done: true, error: e });
      } finally {
        if (g === gen.current) busy.current = false;
      }
    },
    [session, docType, key, fetchTitles],
  );

  // a new query (or reload): start over from the first page
  useEffect(() => {
    const g = ++gen.current;
    rows.current = [];
    cursor.current = null;
    busy.current = false;
    setVersion((v) => v + 1);
    void fetchPage(g);
  }, [fetchPage, tick]);

  useEffect(() => {
    const p = JSON.parse(key) as ListParams;
    let live = true;
    setTotal(null);
    if (p.search) return;
    countDocs(session, docType, p.filters).then(
      (n) => live && setTotal(n),
      () => live && setTotal(null),
    );
    return () => {
      live = false;
    };
  }, [session, docType, key, tick]);

  const loadMore = useCallback(() => {
    if (busy.current || !cursor.current) return;
    void fetchPage(gen.current);
  }, [fetchPage]);

  const reload = useCallback(() => setTick((t) => t + 1), []);

  return { rows: rows.current, version, titles: titles.current, loading: status.loading, done: status.done, total, error: status.error, loadMore, reload };
}
