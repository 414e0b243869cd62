/**
 * Per-branch number series: `BRANCH-PREFIX-YEAR-NNNNN`, e.g. `SH-INV-2026-00042`.
 *
 * The counter lives in the `series` table and is incremented inside the same transaction that
 * writes the document, so two documents of one device can never share a number, and the branch
 * code in the number keeps two offline branches apart. A restored backup brings its counters.
 *
 * In a batched import (TxContext.batch) the counter of each key is read once and then counted
 * in memory, its row buffered and written with the batch: the same numbers in the same order,
 * in the same transaction, so an aborted import consumes none.
 */
import type { TxContext } from './tx';

export function seriesKey(branchCode: string, prefix: string, year: string): string {
  return `${branchCode}-${prefix}-${year}`;
}

export function formatNumber(key: string, n: number): string {
  return `${key}-${String(n).padStart(5, '0')}`;
}

/** Next number of a series; MUST be called inside a rw transaction that includes `series`. */
export async function nextNumber(ctx: TxContext, branchCode: string, prefix: string, date: string): Promise<string> {
  const key = seriesKey(branchCode, prefix, date.slice(0, 4));
  const batch = ctx.batch;
  if (batch) {
    let n = batch.series.get(key);
    if (n === undefined) {
      // no counter in the batch means no buffered row for this key: the stored row is current
      const row = await ctx.tx.table<{ key: string; next: number }, string>('series').get(key);
      n = row ? row.next : 1;
    }
    batch.series.set(key, n + 1);
    batch.write('series', { key, next: n + 1 }, 'put');
    return formatNumber(key, n);
  }
  const row = await ctx.t<{ key: string; next: number }>('series').get(key);
  const n = row ? row.next : 1;
  await ctx.t<{ key: string; next: number }>('series').put({ key, next: n + 1 });
  return formatNumber(key, n);
}
