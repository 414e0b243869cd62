/**
 * Data checks: each module registers how to verify the derived data it keeps against its
 * ledger (account balances against GL entries, stock balances against stock-ledger rows, batch
 * and serial tables against the ledger), and, where it can, how to rebuild it. The Data check
 * page (renderer/system/DataCheckPage.tsx) runs them all: after a crash, a restore or a long
 * offline period an administrator sees in one place that the books and the stock add up, or
 * exactly which balance does not.
 *
 * Checks are read-only; a repair only rewrites DERIVED tables from the ledger (never a ledger
 * row or a document) and is audited. Both need Settings admin.
 */
import type { Session } from './session';
import { DomainError } from './errors';
import { TxContext } from './tx';

export interface IntegrityFinding {
  /** What disagrees (e.g. the balance key "account|branch" or "item|warehouse"). */
  key: string;
  expected: unknown;
  actual: unknown;
}

export interface IntegrityCheck {
  /** Unique id, e.g. 'books.balances'. */
  readonly id: string;
  /** i18n keys: the check's name, and what to do when it finds differences. */
  readonly labelKey: string;
  readonly adviceKey: string;
  /** Tables it reads (the check runs in one read transaction over them). */
  run(s: Session): Promise<IntegrityFinding[]>;
  /** Rebuild the derived data from the ledger; returns how many rows were written. */
  repair?(s: Session): Promise<number>;
}

export interface IntegrityResult {
  id: string;
  labelKey: string;
  adviceKey: string;
  ok: boolean;
  /** Number of differences, and the first ones (at most 50). */
  count: number;
  findings: IntegrityFinding[];
  repairable: boolean;
  ms: number;
}

const checks = new Map<string, IntegrityCheck>();

export function registerIntegrityCheck(c: IntegrityCheck): void {
  checks.set(c.id, c);
}

export function integrityChecks(): IntegrityCheck[] {
  return [...checks.values()];
}

const SHOWN = 50;

/** Run every registered check (or the given ones). */
export async function runIntegrityChecks(s: Session, ids?: readonly string[]): Promise<IntegrityResult[]> {
  s.require('Settings', 'admin');
  const out: IntegrityResult[] = [];
  for (const c of integrityChecks()) {
    if (ids && !ids.includes(c.id)) continue;
    const t0 = performance.now();
    const found = await c.run(s);
    out.push({ id: c.id, labelKey: c.labelKey, adviceKey: c.adviceKey, ok: found.length === 0, count: found.length, findings: found.slice(0, SHOWN), repairable: !!c.repair, ms: Math.round(performance.now() - t0) });
  }
  return out;
}

/** Rebuild one check's derived data, then run it again; audited. */
export async function repairIntegrity(s: Session, id: string): Promise<IntegrityResult> {
  s.require('Settings', 'admin');
  const c = checks.get(id);
  if (!c) throw new DomainError('error.integrity_unknown', { id });
  if (!c.repair) throw new DomainError('error.integrity_not_repairable', { id });
  const before = (await c.run(s)).length;
  const rows = await c.repair(s);
  const [after] = await runIntegrityChecks(s, [id]);
  await s.db.transaction('rw', ['audit', 'outbox'], async (tx) => {
    await new TxContext(s.db, s, tx).audit('Settings', id, id, 'settings', [{ field: 'differences', before, after: after.count }], `rebuilt ${rows} rows`);
  });
  return after;
}
