/**
 * TxBatch: the write buffer of a bulk import (importDocs), attached to its TxContext.
 *
 * In a browser every IndexedDB request costs a round trip, so a file of 10,000 rows written as
 * ten awaited requests per row spends nearly all its time waiting. Inside the import's ONE
 * transaction the writes that nothing reads back at once (the new records, their audit and
 * outbox rows, the series counters, small derived state such as round-robin pointers) wait here
 * in memory and go to the store in bulk, a chunk at a time. Nothing is lost on failure: the
 * buffered rows belong to the same transaction, which aborts as a whole.
 *
 * Invariants:
 * - Read barrier: `TxContext.t(name)` first issues every buffered write of table `name`. Dexie
 *   issues the IndexedDB requests synchronously and IndexedDB runs the requests of a transaction
 *   in order, so whatever the caller then reads through that table sees the buffered rows, exactly
 *   as if each had been written on its own. Any `t(name)` call also forgets what the batch
 *   cached about `name` (a caller may be about to write it).
 * - A PUT of a table with a store guard (append-only ledgers, submittable documents, audit: see
 *   db.ts) is never buffered: the guard reads the stored rows before it writes, so a read issued
 *   right after a guarded bulk put could overtake it. Adds pass the guard without a read (an add
 *   never overwrites), so they are buffered like any other write.
 * - `outbox` rows keep their order (one list), so their auto-increment `seq` is the same order
 *   as when each was added on its own.
 * - Rows buffered twice under one key collapse into the last one (a put after a put); an `add`
 *   of a key already buffered is a duplicate, as the store would say.
 * - A write issued without waiting (a barrier, a chunk) that fails is remembered and thrown by
 *   the next `flush()`, so the transaction still aborts.
 */
import type { Transaction } from 'dexie';
import { DomainError } from './errors';
import { appendOnlyTables, submittableTables } from './schema';

type Row = Record<string, unknown>;

interface Pending {
  rows: Row[];
  add: boolean[];
  /** Primary key -> index in `rows` (keyed tables only). */
  index: Map<unknown, number>;
}

export class TxBatch {
  private readonly pending = new Map<string, Pending>();
  private readonly keyPaths = new Map<string, string | null>();
  private readonly guarded: ReadonlySet<string>;
  private inflight: Promise<void>[] = [];
  private failure: { error: unknown } | null = null;
  /** Next number per series key (shared/kernel/series.ts); present only while its row is current or buffered. */
  readonly series = new Map<string, number>();
  /** Link targets found live and not cancelled, per table (docs.service checkLinks). */
  private readonly links = new Map<string, Set<string>>();

  constructor(private readonly tx: Transaction) {
    this.guarded = new Set([...appendOnlyTables(), ...submittableTables()]);
  }

  /** May this write of `table` wait in this batch? (Not a put of a store-guarded table, see above.) */
  buffers(table: string, mode: 'add' | 'put'): boolean {
    return mode === 'add' || !this.guarded.has(table);
  }

  private keyPath(table: string): string | null {
    let k = this.keyPaths.get(table);
    if (k === undefined) {
      const pk = this.tx.table(table).schema.primKey;
      k = pk.auto || typeof pk.keyPath !== 'string' ? null : pk.keyPath;
      this.keyPaths.set(table, k);
    }
    return k;
  }

  /** Buffer one write (the caller checked `buffers(table)`). */
  write(table: string, row: Row, mode: 'add' | 'put'): void {
    // a write may change a link target (series rows are written by nextNumber alone, which keeps its cache current)
    this.links.delete(table);
    let p = this.pending.get(table);
    if (!p) this.pending.set(table, (p = { rows: [], add: [], index: new Map() }));
    const kp = this.keyPath(table);
    const key = kp === null ? undefined : row[kp];
    if (key !== undefined) {
      const at = p.index.get(key);
      if (at !== undefined) {
        if (mode === 'add') throw new DomainError('error.duplicate', { value: String(key) });
        p.rows[at] = row;
        return;
      }
      p.index.set(key, p.rows.length);
    }
    p.rows.push(row);
    p.add.push(mode === 'add');
  }

  /** Buffered rows of a table not yet issued (read-only view). */
  pendingRows(table: string): readonly Row[] {
    return this.pending.get(table)?.rows ?? [];
  }

  /** Before a read or write of `table` through TxContext.t: issue its buffered writes, forget its caches. */
  barrier(table: string): void {
    this.forget(table);
    this.issueTable(table);
  }

  /** Before the kernel's own read of `table`: issue its buffered writes (caches stay). */
  readable(table: string): void {
    this.issueTable(table);
  }

  private forget(table: string): void {
    if (table === 'series') this.series.clear();
    this.links.delete(table);
  }

  private issueTable(table: string): void {
    const p = this.pending.get(table);
    if (p) this.issue(table, p);
  }

  private issue(table: string, p: Pending): void {
    this.pending.delete(table);
    const adds: Row[] = [];
    const puts: Row[] = [];
    p.rows.forEach((r, i) => (p.add[i] ? adds : puts).push(r));
    const t = this.tx.table(table);
    if (adds.length) this.track(t.bulkAdd(adds));
    if (puts.length) this.track(t.bulkPut(puts));
  }

  private track(p: PromiseLike<unknown>): void {
    this.inflight.push(
      Promise.resolve(p).then(
        () => undefined,
        (error: unknown) => {
          this.failure ??= { error };
        },
      ),
    );
  }

  /** Issue every buffered write now, without waiting (the requests queue behind earlier ones). */
  issueAll(): void {
    for (const [table, p] of [...this.pending]) this.issue(table, p);
  }

  /** Throw the failure of a write issued without waiting, if there was one. */
  check(): void {
    if (this.failure) throw this.failure.error;
  }

  /** Issue every buffered write and wait for all writes issued so far; throws the first failure. */
  async flush(): Promise<void> {
    this.issueAll();
    const all = this.inflight;
    this.inflight = [];
    await Promise.all(all);
    this.check();
  }

  /** A link target known to be live and not cancelled in this transaction. */
  linkKnown(table: string, id: string): boolean {
    return this.links.get(table)?.has(id) ?? false;
  }

  rememberLink(table: string, id: string): void {
    let s = this.links.get(table);
    if (!s) this.links.set(table, (s = new Set()));
    s.add(id);
  }
}
