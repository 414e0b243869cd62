/**
 * Per-document-type behaviour: the hooks a module attaches to its document types.
 *
 * Hooks run INSIDE the service's single read-write transaction, so they may read current state
 * (balances, stock) consistently; they return the effects to write (ledger rows, balance
 * updates, other records) rather than writing themselves. The posting rules they call are pure
 * functions (doc + resolved context -> rows) kept in `*.posting.ts` files and table-tested.
 */
import type { BaseRecord } from './doctype';
import type { TxContext } from './tx';

export interface DocBehaviour {
  /** Extra validation and derived fields on every save (create/update), after normalisation. */
  beforeSave?(doc: BaseRecord, ctx: TxContext): Promise<void> | void;
  /** Checks and effects of submitting (posting). Throw a DomainError to refuse. */
  onSubmit?(doc: BaseRecord, ctx: TxContext): Promise<void> | void;
  /** Checks and effects of cancelling (reversal). Throw a DomainError to refuse. */
  onCancel?(doc: BaseRecord, ctx: TxContext): Promise<void> | void;
  /** Refuse deleting a record that is in use (e.g. an account with ledger rows). */
  beforeDelete?(doc: BaseRecord, ctx: TxContext): Promise<void> | void;
  /** Extra tables the hooks touch, so the service opens them in its transaction. */
  readonly tables?: readonly string[];
}
