import { describe, it, expect } from 'vitest';
import Dexie from 'dexie';
import { newCompany } from '../fixtures/company';
import { keysetPage } from '../../shared/kernel/keyset';
import { companyStores } from '../../shared/kernel/schema';
import { CompanyDb } from '../../shared/kernel/db';
import { newId } from '../../shared/kernel/ids';
import { createDoc, listDocs } from '../../shared/api';

interface Row {
  id: string;
  city: string;
  n: number;
}

async function scratch(): Promise<{ db: Dexie; t: Dexie.Table<Row, string> }> {
  const db = new Dexie(`keyset-${newId()}`);
  db.version(1).stores({ rows: 'id, city, n' });
  await db.open();
  const t = db.table<Row, string>('rows');
  // 3 cities x 10 rows: heavy ties on city, ids in a known order
  const rows: Row[] = [];
  for (let i = 0; i < 30; i++) rows.push({ id: `r${String(i).padStart(2, '0')}`, city: ['Beijing', 'Chengdu', 'Shanghai'][i % 3], n: i });
  await t.bulkAdd(rows);
  return { db, t };
}

/** Every row by walking pages of `size`, each starting after the last row of the previous one. */
async function walk(t: Dexie.Table<Row, string>, index: 'city' | 'id', size: number, desc = false, equals?: string): Promise<string[]> {
  const seen: string[] = [];
  let after: [unknown, string] | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await keysetPage(t, { index, equals, after, desc, limit: size });
    seen.push(...page.map((r) => r.id));
    if (page.length < size) return seen;
    const last = page[page.length - 1];
    after = [index === 'id' ? last.id : last.city, last.id];
  }
  throw new Error('walk did not end');
}

describe('keyset paging over a single-field index (continuePrimaryKey)', () => {
  it('pages through heavy ties in (value, id) order, ascending and descending, at any page size', async () => {
    const { db, t } = await scratch();
    const all = (await t.toArray()).sort((a, b) => (a.city === b.city ? (a.id < b.id ? -1 : 1) : a.city < b.city ? -1 : 1)).map((r) => r.id);
    for (const size of [1, 4, 7, 10, 29, 30, 31]) {
      expect(await walk(t, 'city', size)).toEqual(all);
      expect(await walk(t, 'city', size, true)).toEqual([...all].reverse());
    }
    expect(await walk(t, 'id', 7)).toEqual([...all].sort());
    expect(await walk(t, 'id', 7, true)).toEqual([...all].sort().reverse());
    db.close();
    await db.delete();
  });

  it('limits to one value, filters on the walk, and resumes after a row that was deleted meanwhile', async () => {
    const { db, t } = await scratch();
    const chengdu = (await t.where('city').equals('Chengdu').primaryKeys()).sort();
    expect(await walk(t, 'city', 3, false, 'Chengdu')).toEqual(chengdu);
    expect(await walk(t, 'city', 3, true, 'Chengdu')).toEqual([...chengdu].reverse());
    const odd = await keysetPage(t, { index: 'city', equals: 'Chengdu', filter: (r) => r.n % 2 === 1, limit: 100 });
    expect(odd.map((r) => r.id)).toEqual(chengdu.filter((id) => Number(id.slice(1)) % 2 === 1));
    // the previous page ended on r04 (Chengdu); r04 is deleted before the next page is asked for
    await t.delete('r04');
    const next = await keysetPage(t, { index: 'city', after: ['Chengdu', 'r04'], limit: 2 });
    expect(next.map((r) => r.id)).toEqual(['r07', 'r10']);
    const before = await keysetPage(t, { index: 'city', after: ['Chengdu', 'r04'], desc: true, limit: 2 });
    expect(before.map((r) => r.id)).toEqual(['r01', 'r27']);
    // a cursor value between two values starts at the next value
    expect((await keysetPage(t, { index: 'city', after: ['Changsha', 'zz'], limit: 1 }))[0].city).toBe('Chengdu');
    expect(await keysetPage(t, { index: 'city', limit: 0 })).toEqual([]);
    db.close();
    await db.delete();
  });

  it('joins the caller\'s read-write transaction (no deadlock, sees its uncommitted writes)', async () => {
    const { db, t } = await scratch();
    const ids = await db.transaction('rw', t, async () => {
      await t.put({ id: 'r99', city: 'Beijing', n: 99 });
      return (await keysetPage(t, { index: 'city', equals: 'Beijing', desc: true, limit: 2 })).map((r) => r.id);
    });
    expect(ids).toEqual(['r99', 'r27']);
    db.close();
    await db.delete();
  });

  it('a filter that throws rejects the page', async () => {
    const { db, t } = await scratch();
    await expect(
      keysetPage(t, {
        index: 'city',
        limit: 5,
        filter: () => {
          throw new Error('bad filter');
        },
      }),
    ).rejects.toThrow('bad filter');
    db.close();
    await db.delete();
  });
});

describe('document lists without [field+id] compound indexes', () => {
  it('the company schema has one single-field index per sortable column and no compound one', () => {
    const spec = companyStores().customers.split(', ');
    expect(spec).toContain('customerName');
    expect(spec.some((p) => p.includes('+id]'))).toBe(false);
  });

  it('lists customers sorted by a tied column page by page without gaps or repeats; an unknown sort is refused clearly', async () => {
    const { s } = await newCompany();
    for (let i = 0; i < 23; i++) await createDoc(s, 'Customer', { customerName: `Cust ${String(i).padStart(2, '0')}`, city: i % 2 ? 'Shanghai' : 'Beijing' });
    for (const dir of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let after: [unknown, string] | undefined;
      for (;;) {
        const page = await listDocs(s, 'Customer', { sort: 'city', dir, after, limit: 5 });
        seen.push(...page.rows.map((r) => `${r.city}|${r.id}`));
        if (!page.next) break;
        after = page.next;
      }
      const want = [...seen].sort();
      expect(seen).toEqual(dir === 'asc' ? want : want.reverse());
      expect(new Set(seen).size).toBe(23);
    }
    await expect(listDocs(s, 'Customer', { sort: 'notes' })).rejects.toMatchObject({ code: 'error.not_sortable' });
  });

  it('an installation made with the compound indexes opens with them dropped and its rows kept', async () => {
    const name = `compound-${newId()}`;
    const old = new Dexie(name);
    const oldStores = { ...companyStores(), customers: `${companyStores().customers}, [customerName+id], [city+id]` };
    old.version(1).stores(oldStores);
    await old.open();
    await old.table('customers').put({ id: 'c1', customerName: 'Old Co', city: 'Wuhan', deleted: 0, _search: ['old co'] });
    expect(old.backendDB().transaction('customers').objectStore('customers').indexNames.contains('[customerName+id]')).toBe(true);
    old.close();
    const db = new CompanyDb(name);
    await db.open();
    const names = db.backendDB().transaction('customers').objectStore('customers').indexNames;
    expect(names.contains('[customerName+id]')).toBe(false);
    expect(names.contains('customerName')).toBe(true);
    expect((await keysetPage(db.table('customers'), { index: 'city', equals: 'Wuhan', limit: 5 })).map((r) => (r as { id: string }).id)).toEqual(['c1']);
    db.close();
    await Dexie.delete(name);
  });
});
