/**
 * Balances for GL rows that arrive by branch replication: account balances never replicate,
 * each replica derives them. The sync engine hands this applier the rows a pulled page newly
 * added (never twice), inside the transaction that saves the page and its cursor.
 */
import { registerLedgerApplier } from '../sync/tables';
import { applyBalances, BALANCE_TABLE, GL_TABLE, type GlEntry } from './gl';

registerLedgerApplier(GL_TABLE, {
  tables: [BALANCE_TABLE],
  apply: (ctx, rows) => applyBalances(ctx, rows as unknown as GlEntry[]),
});
