/**
 * Test-only document types that exercise every replication policy the real modules will use:
 * an HQ-owned price list, a branch-owned submittable order that posts rows to an append-only
 * ledger, and a derived balance table kept current by the posting hook locally and by a ledger
 * applier for pulled rows. Registered in the test process only (vitest forks per file).
 */
import type { DocTypeDef } from '../../shared/kernel/doctype';
import { allDocTypes, findDocType, registerDocType, registerTable } from '../../shared/kernel/registry';
import { registerLedgerApplier } from '../../shared/sync/tables';
import type { TxContext } from '../../shared/kernel/tx';
import { newId } from '../../shared/kernel/ids';

export const TestPriceList = {
  name: 'TestPriceList',
  table: 'test_price_lists',
  module: 'masters',
  submittable: false,
  ownership: 'hq',
  naming: { field: 'code' },
  titleField: 'code',
  fields: [
    { name: 'code', type: 'data', required: true },
    { name: 'rate', type: 'int' },
  ],
  listColumns: ['code'],
  searchFields: ['code'],
} as const satisfies DocTypeDef;

export const TestOrder = {
  name: 'TestOrder',
  table: 'test_orders',
  module: 'masters',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'ORD' },
  titleField: 'customer',
  fields: [
    { name: 'customer', type: 'link', link: 'Customer', required: true },
    { name: 'item', type: 'link', link: 'Item', required: true },
    { name: 'qty', type: 'int', min: 1, required: true },
  ],
  listColumns: ['number', 'customer'],
  searchFields: ['number'],
} as const satisfies DocTypeDef;

export const LEDGER = 'test_ledger';
export const BALANCES = 'test_balances';

/** Balance key: item (qty sold per item, over every ledger row this replica holds). */
export async function addToBalance(ctx: TxContext, rows: Record<string, unknown>[]): Promise<void> {
  for (const r of rows) {
    const key = String(r.item);
    const cur = (await ctx.t<{ key: string; qty: number }>(BALANCES).get(key)) ?? { key, qty: 0 };
    await ctx.t<{ key: string; qty: number }>(BALANCES).put({ key, qty: cur.qty + Number(r.qty) });
  }
}

let registered = false;
export function registerSyncTestTypes(): void {
  if (registered) return;
  registered = true;
  registerTable(LEDGER, { schema: 'id, docId, item', appendOnly: true });
  registerTable(BALANCES, { schema: '&key', derived: true });
  registerDocType(TestPriceList);
  registerDocType(TestOrder, {
    tables: [LEDGER, BALANCES],
    async onSubmit(doc, ctx) {
      const rows = [{ id: newId(), docId: doc.id, branchId: doc.branchId, item: doc.item, qty: Number(doc.qty), at: ctx.now }];
      await ctx.append(LEDGER, rows);
      await addToBalance(ctx, rows);
    },
    async onCancel(doc, ctx) {
      const rows = [{ id: newId(), docId: doc.id, branchId: doc.branchId, item: doc.item, qty: -Number(doc.qty), at: ctx.now }];
      await ctx.append(LEDGER, rows);
      await addToBalance(ctx, rows);
    },
  });
  registerLedgerApplier(LEDGER, { tables: [BALANCES], apply: addToBalance });
}

/**
 * Modules are being added in parallel: a shared master may already link to a document type of
 * a module that shared/modules.ts does not load yet (e.g. Customer.territory -> Territory).
 * Register an inert HQ-owned stub for each such missing link target so the kernel services
 * can run; once the module is loaded this does nothing.
 */
export function stubMissingLinkTargets(): string[] {
  const missing = new Set<string>();
  for (const d of allDocTypes()) for (const f of d.fields) for (const l of [f.link, ...(f.fields ?? []).map((c) => c.link)]) if (l && !findDocType(l)) missing.add(l);
  for (const name of missing) {
    registerDocType({ name, table: `stub_${name.toLowerCase()}`, module: 'masters', submittable: false, ownership: 'hq', naming: { field: 'code' }, titleField: 'code', fields: [{ name: 'code', type: 'data' }], listColumns: ['code'], searchFields: ['code'] });
  }
  return [...missing];
}
