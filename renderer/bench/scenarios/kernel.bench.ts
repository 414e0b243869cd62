/**
 * Kernel benchmarks: documents written per second through the application services versus raw
 * Dexie transactions of the same shape (record + series counter + audit row + 2 outbox rows in
 * one transaction), and list-page / type-ahead latency at 100,000 records versus raw keyset
 * reads of the same index.
 */
import { createDoc, listDocs, searchAll, type Session } from '../../../shared/api';
import { newId } from '../../../shared/kernel/ids';
import { searchTokens } from '../../../shared/kernel/validate';
import { getDocType } from '../../../shared/kernel/registry';
import { registerScenario, result, medianMs, type BenchContext } from '../harness';
import { benchCompany } from '../company';

async function postingRate(s: Session, ctx: BenchContext) {
  const n = ctx.large ? 5000 : 1500;
  const db = s.db;
  // floor: raw Dexie, same tables and number of writes per document
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await db.transaction('rw', ['customers', 'series', 'audit', 'outbox'], async (tx) => {
      const id = newId();
      const row = await tx.table('series').get('RAW');
      await tx.table('series').put({ key: 'RAW', next: (row?.next ?? 0) + 1 });
      await tx.table('customers').put({ id, number: `RAW-${i}`, customerName: `Raw ${i}`, status: 'active', deleted: 0, modifiedAt: new Date().toISOString(), _search: [`raw ${i}`], city: '', phone: '', email: '', customerGroup: 'retail', creditLimit: 0 });
      await tx.table('audit').add({ id: newId(), at: '', docType: 'Customer', docId: id, userId: 'u', action: 'create', changes: [] });
      await tx.table('outbox').bulkAdd([{ changeId: newId(), table: 'customers', data: {} }, { changeId: newId(), table: 'audit', data: {} }]);
    });
  }
  const rawRate = n / ((performance.now() - t0) / 1000);
  ctx.log(`raw: ${rawRate.toFixed(0)} docs/s`);
  const t1 = performance.now();
  for (let i = 0; i < n; i++) await createDoc(s, 'Customer', { customerName: `Bench customer ${i}`, city: 'Shanghai', creditLimit: '1000.00' });
  const svcRate = n / ((performance.now() - t1) / 1000);
  ctx.log(`services: ${svcRate.toFixed(0)} docs/s`);
  return result('kernel: documents created per second (services vs raw Dexie tx of same shape)', svcRate, 'docs/s', rawRate);
}

async function seedCustomers(s: Session, total: number, ctx: BenchContext) {
  const def = getDocType('Customer');
  const have = await s.db.t('customers').count();
  const cities = ['Shanghai', 'Beijing', 'Shenzhen', 'Hangzhou', 'Chengdu', 'Wuhan', 'Xian', 'Nanjing'];
  for (let start = have; start < total; start += 5000) {
    const rows = [];
    for (let i = start; i < Math.min(total, start + 5000); i++) {
      const r: Record<string, unknown> = { id: newId(), number: `SEED-${String(i).padStart(7, '0')}`, branchId: s.branchId, status: 'active', createdAt: '', createdBy: '', modifiedAt: new Date(1700000000000 + i * 1000).toISOString(), modifiedBy: '', _hlc: '', deleted: 0, _rev: 1, customerName: `Customer ${String((i * 7919) % total).padStart(6, '0')} Trading`, customerGroup: 'retail', taxId: '', email: `c${i}@example.com`, phone: `+86 21 ${i}`, city: cities[i % cities.length], address: '', currency: '', creditLimit: 0, paymentTermsDays: 30, notes: '' };
      r._search = searchTokens(def, r);
      rows.push(r);
    }
    await s.db.t('customers').bulkAdd(rows);
  }
  ctx.log(`seeded ${total} customers`);
}

async function listLatency(s: Session, ctx: BenchContext) {
  const total = ctx.large ? 1_000_000 : 100_000;
  await seedCustomers(s, total, ctx);
  const table = s.db.t('customers');
  // a cursor ~90% deep into the list ordered by name
  const deepKey = (await table.orderBy('customerName').offset(Math.floor(total * 0.9)).limit(1).primaryKeys())[0];
  const deep = await table.get(deepKey as string);
  const cursor: [unknown, string] = [deep!.customerName, deep!.id as string];
  // raw floor: the same index range read by Dexie (the service also breaks ties on the name by id)
  const raw = await medianMs(15, () => table.where('customerName').above(cursor[0]).limit(51).toArray());
  const svc = await medianMs(15, () => listDocs(s, 'Customer', { sort: 'customerName', dir: 'asc', after: cursor, limit: 50 }));
  const first = await medianMs(15, () => listDocs(s, 'Customer', { sort: 'customerName', dir: 'asc', limit: 50 }));
  const rawSearch = await medianMs(15, () => table.where('_search').startsWith('customer 0421').distinct().limit(6).toArray());
  const svcSearch = await medianMs(15, () => listDocs(s, 'Customer', { search: 'customer 0421', limit: 20 }));
  const palette = await medianMs(9, () => searchAll(s, 'customer 0421'));
  return [
    result(`kernel: list page deep in ${total.toLocaleString('en')} customers (keyset, 50 rows)`, svc, 'ms', raw),
    result(`kernel: first list page of ${total.toLocaleString('en')} customers`, first, 'ms', raw),
    result(`kernel: type-ahead search in ${total.toLocaleString('en')} customers`, svcSearch, 'ms', rawSearch),
    result(`kernel: global search (all document types) at ${total.toLocaleString('en')} customers`, palette, 'ms', rawSearch),
  ];
}

registerScenario({
  name: 'kernel',
  async run(ctx) {
    const s = await benchCompany('kernel');
    const out = [await postingRate(s, ctx)];
    out.push(...(await listLatency(s, ctx)));
    return out;
  },
});
