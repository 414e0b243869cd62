/**
 * The batched import (importDocs with a TxBatch) writes exactly what creating the same documents
 * one by one writes: numbers, owners chosen by the assignment rules (round-robin and workload
 * caps across rows), dedupe keys, audit rows and outbox rows; and a failure on any row, even
 * after a chunk's writes were issued, still writes nothing at all.
 */
import { describe, it, expect } from 'vitest';
import { newCompany, newEnv } from '../fixtures/company';
import { createDoc, createUser, countDocs, getDoc, registerDocType, type BaseRecord, type DocTypeDef, type Session } from '../../shared/api';
import { importDocs, IMPORT_CHUNK } from '../../shared/kernel/import.service';
import { ASSIGN_STATE_TABLE } from '../../shared/crm/lead.behaviour';
import { inDocTx, insertDocInTx } from '../../shared/kernel/docs.service';
import { checkImportRows } from '../../shared/kernel/csv-map';
import { getDocType } from '../../shared/kernel/registry';

/** A behaviour that reads its own table (the rows imported before it) and may retire a link target. */
const Target = {
  name: 'TestBatchTarget', table: 'test_batch_targets', module: 'masters', submittable: false, ownership: 'branch',
  naming: { series: 'TGT' }, titleField: 'title',
  fields: [{ name: 'title', type: 'data', required: true }],
  listColumns: ['number', 'title'], searchFields: ['title'],
} as const satisfies DocTypeDef;
const Tally = {
  name: 'TestBatchTally', table: 'test_batch_tallies', module: 'masters', submittable: false, ownership: 'branch',
  naming: { series: 'TAL' }, titleField: 'subject',
  fields: [
    { name: 'subject', type: 'data', required: true },
    { name: 'target', type: 'link', link: 'TestBatchTarget' },
    /** How many tallies were stored when this one was saved (set by the behaviour). */
    { name: 'seen', type: 'data', readOnly: true },
  ],
  listColumns: ['number', 'subject', 'target'], searchFields: ['subject'],
} as const satisfies DocTypeDef;
registerDocType(Target);
registerDocType(Tally, {
  async beforeSave(doc, ctx) {
    doc.seen = String(await ctx.t(Tally.table).count());
    if (doc.subject === 'retire target') {
      const t = await ctx.t<BaseRecord>(Target.table).get(String(doc.target));
      await ctx.t(Target.table).put({ ...t, deleted: 1 });
    }
  },
});

interface World {
  s: Session;
  /** id -> stable name (users, territories, rules, device, branch), to compare two companies. */
  names: Map<string, string>;
}

const N = IMPORT_CHUNK + 120; // crosses a chunk boundary

/** Users, territories, rules and a few stored leads; the same in every company. */
async function world(env: Awaited<ReturnType<typeof newEnv>>): Promise<World> {
  const { s } = await newCompany({}, env);
  const names = new Map<string, string>([[s.user.id, 'user:admin'], [s.deviceId, 'device'], [s.branchId, 'branch']]);
  const user: Record<string, string> = {};
  for (const u of ['lily', 'tom', 'ann', 'bob']) {
    const r = await createUser(s, { username: u, password: 'sales-pass-1', roleIds: ['role-sales'] }, 1000);
    user[u] = String(r.id);
    names.set(String(r.id), `user:${u}`);
  }
  const east = await createDoc(s, 'Territory', { territoryName: 'East', level: 'region', reps: [{ user: user.bob }] });
  const sh = await createDoc(s, 'Territory', { territoryName: 'Shanghai', level: 'city', parent: east.id });
  const south = await createDoc(s, 'Territory', { territoryName: 'South', level: 'region', reps: [{ user: user.ann }] });
  for (const t of [east, sh, south]) names.set(t.id, `territory:${t.territoryName}`);
  const rules = [
    await createDoc(s, 'AssignmentRule', { ruleName: 'Tea', priority: 5, matchProductInterest: 'tea', reps: [{ user: user.lily, maxOpen: 90 }, { user: user.tom, maxOpen: 40 }] }),
    await createDoc(s, 'AssignmentRule', { ruleName: 'East', priority: 10, matchTerritory: east.id, reps: [{ user: user.lily, maxOpen: 0 }, { user: user.tom, maxOpen: 25 }, { user: user.ann, maxOpen: 0 }] }),
    await createDoc(s, 'AssignmentRule', { ruleName: 'South', priority: 20, matchTerritory: south.id }),
    await createDoc(s, 'AssignmentRule', { ruleName: 'Imports', priority: 30, matchSource: 'import', reps: [{ user: user.ann, maxOpen: 60 }, { user: user.bob, maxOpen: 0 }] }),
  ];
  for (const r of rules) names.set(r.id, `rule:${r.ruleName}`);
  // open leads already on the reps' desks
  for (let i = 0; i < 5; i++) await createDoc(s, 'Lead', { leadName: `Old ${i}`, owner: user.tom, territory: sh.id });
  return { s, names };
}

/**
 * The rows of the file: owners typed for the first ones (a cap read later counts them), rules for
 * the rest. createDoc re-counts a rep's open leads in every transaction, while one import
 * transaction counts them once and then adds its own assignments (whatever their status): the
 * two agree when no typed owner comes after a count and every assigned lead is open. `quirks`
 * breaks both, for the comparison with the row-by-row path in one transaction.
 */
function leadRows(w: World, quirks = false): Record<string, unknown>[] {
  const id = (name: string) => [...w.names].find(([, n]) => n === name)![0];
  const territories = ['', id('territory:Shanghai'), id('territory:East'), id('territory:South')];
  const typed = quirks ? 40 : 30;
  return Array.from({ length: N }, (_, i) => {
    const disqualified = i % 11 === 0 && (quirks || i < typed);
    return {
      leadName: `Lead ${i}`,
      companyName: `公司 ${i % 37}`,
      email: `lead${i}@example.cn`,
      mobile: `139${String(10000000 + i).slice(-8)}`,
      ...(i < typed ? { owner: id(i % 2 ? 'user:tom' : 'user:lily') } : {}),
      source: i % 5 === 0 ? 'manual' : i % 5 === 1 ? 'email' : 'import',
      leadStatus: disqualified ? 'disqualified' : i % 7 === 0 ? 'contacted' : 'new',
      disqualifyReason: disqualified ? 'no budget' : '',
      territory: i >= 30 ? territories[i % 4] : '',
      productInterest: i >= 60 && i % 3 === 0 ? 'Tea, cups' : '',
      campaign: 'Fair 2026',
    };
  });
}

const VOLATILE = new Set(['createdAt', 'modifiedAt', 'submittedAt', '_hlc', 'hlc', 'at', 'changeId', 'seq']);

/** A value with ids replaced by stable names and clock/time values left out. */
function norm(v: unknown, names: Map<string, string>): unknown {
  if (typeof v === 'string') return names.get(v) ?? v;
  if (Array.isArray(v)) return v.map((x) => norm(x, names));
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.field === 'string' && VOLATILE.has(o.field)) return { field: o.field };
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) {
      if (VOLATILE.has(k)) continue;
      out[k] = k === '_fieldHlc' ? Object.keys(o[k] as object).sort() : norm(o[k], names);
    }
    return out;
  }
  return v;
}

async function maxSeq(s: Session): Promise<number> {
  const last = (await s.db.outbox.orderBy('seq').last()) as { seq: number } | undefined;
  return last?.seq ?? 0;
}

/** What the leads' creation wrote: records, audit rows, outbox rows (in order), counters, pointers. */
async function written(w: World, ids: string[], seq0: number, auditIds: Set<string>) {
  const { s, names } = w;
  const leads = (await s.db.t<BaseRecord>('leads').bulkGet(ids)) as BaseRecord[];
  leads.forEach((l, i) => names.set(l.id, `lead#${i}`));
  const row = new Map(ids.map((id, i) => [id, i]));
  const audit = (await s.db.audit.toArray()).filter((a) => row.has(String(a.docId)) && !auditIds.has(String(a.id)));
  audit.sort((a, b) => row.get(String(a.docId))! - row.get(String(b.docId))!);
  audit.forEach((a) => names.set(String(a.id), `audit:${names.get(String(a.docId))}`));
  const outbox = (await s.db.outbox.where('seq').above(seq0).toArray()) as Record<string, unknown>[];
  return {
    leads: leads.map((l) => norm(l, names)),
    audit: audit.map((a) => norm({ ...a, action: a.action === 'create' ? 'import' : a.action }, names)),
    outbox: outbox.map((o) => norm(o.table === 'audit' ? { ...o, data: { ...(o.data as object), action: 'import' } } : o, names)),
    series: await s.db.series.toArray(),
    pointers: norm(await s.db.t(ASSIGN_STATE_TABLE).toArray(), names),
  };
}

describe('importDocs in bulk writes what row-by-row creation writes', () => {
  async function compare(got: Awaited<ReturnType<typeof written>>, want: Awaited<ReturnType<typeof written>>) {
    expect(got.leads.length).toBe(N);
    for (let i = 0; i < N; i++) expect(got.leads[i], `lead row ${i}`).toEqual(want.leads[i]);
    expect(got.audit.length).toBe(N);
    for (let i = 0; i < N; i++) expect(got.audit[i], `audit row ${i}`).toEqual(want.audit[i]);
    expect(got.outbox.length).toBe(2 * N);
    for (let i = 0; i < 2 * N; i++) expect(got.outbox[i], `outbox row ${i}`).toEqual(want.outbox[i]);
    expect(got.series).toEqual(want.series);
    expect(got.pointers).toEqual(want.pointers);
    // the rules did their work: every rep got leads, caps held, unmatched manual leads went to the importer
    const owners = got.leads.map((l) => (l as Record<string, unknown>).owner);
    expect(new Set(owners)).toEqual(new Set(['user:admin', 'user:lily', 'user:tom', 'user:ann', 'user:bob', '']));
  }

  async function before(w: World) {
    return { seq: await maxSeq(w.s), audit: new Set((await w.s.db.audit.toArray()).map((r) => String(r.id))) };
  }

  it(`${N} leads with assignment rules: same numbers, owners, audit rows and outbox rows as createDoc one by one`, async () => {
    const env = await newEnv();
    const a = await world(env);
    const b = await world(env);
    const [a0, b0] = [await before(a), await before(b)];
    const res = await importDocs(a.s, 'Lead', leadRows(a));
    expect(res.issues).toEqual([]);
    expect(res.imported).toBe(N);
    const one: string[] = [];
    for (const row of leadRows(b)) one.push((await createDoc(b.s, 'Lead', row)).id);
    const got = await written(a, res.ids, a0.seq, a0.audit);
    await compare(got, await written(b, one, b0.seq, b0.audit));
    // tom reached his cap of 40 open leads (5 stored before) on the Tea rule
    const tomsOpen = got.leads.filter((l) => (l as Record<string, unknown>).owner === 'user:tom' && (l as Record<string, unknown>).leadStatus !== 'disqualified');
    expect(tomsOpen.length + 5).toBe(40);
  }, 120_000);

  it(`${N} leads: the same as the row-by-row import path in one transaction, counting quirks included`, async () => {
    const env = await newEnv();
    const a = await world(env);
    const b = await world(env);
    const [a0, b0] = [await before(a), await before(b)];
    const res = await importDocs(a.s, 'Lead', leadRows(a, true));
    expect(res.issues).toEqual([]);
    // what importDocs did before it batched: insertDocInTx row after row, every write awaited
    const def = getDocType('Lead');
    const { values, issues } = checkImportRows(def, leadRows(b, true), b.s.baseCurrency);
    expect(issues).toEqual([]);
    const ids = await inDocTx(b.s, def, async (ctx) => {
      const out: string[] = [];
      for (const v of values) out.push((await insertDocInTx(ctx, def, v, undefined, 'import')).id);
      return out;
    });
    await compare(await written(a, res.ids, a0.seq, a0.audit), await written(b, ids, b0.seq, b0.audit));
  }, 120_000);

  it('a behaviour reading its own table sees every row imported before it, across chunks', async () => {
    const { s } = await newCompany();
    const t = await createDoc(s, 'TestBatchTarget', { title: 'Main' });
    await createDoc(s, 'TestBatchTally', { subject: 'stored', target: t.id });
    const rows = Array.from({ length: N }, (_, i) => ({ subject: `T${i}`, target: t.number }));
    const res = await importDocs(s, 'TestBatchTally', rows);
    expect(res.ok).toBe(true);
    const docs = await Promise.all(res.ids.map((id) => getDoc(s, 'TestBatchTally', id)));
    expect(docs.map((d) => d.seen)).toEqual(rows.map((_, i) => String(i + 1)));
  }, 60_000);

  it('a link target retired by an earlier row is refused on a later row', async () => {
    const { s } = await newCompany();
    const t = await createDoc(s, 'TestBatchTarget', { title: 'Main' });
    const rows = Array.from({ length: 30 }, (_, i) => ({ subject: i === 10 ? 'retire target' : `T${i}`, target: t.number }));
    const res = await importDocs(s, 'TestBatchTally', rows);
    expect(res.ok).toBe(false);
    expect(res.issues.map((i) => [i.row, i.field, i.code])).toEqual([[11, 'target', 'error.link_missing']]);
    expect(await countDocs(s, 'TestBatchTally')).toBe(0);
    expect((await getDoc(s, 'TestBatchTarget', t.id)).deleted).toBe(0);
  });
});

describe('a batched import is still all or nothing', () => {
  async function snapshot(s: Session) {
    return {
      leads: await s.db.t('leads').count(),
      audit: await s.db.audit.count(),
      outbox: await s.db.outbox.count(),
      series: await s.db.series.toArray(),
      pointers: await s.db.t(ASSIGN_STATE_TABLE).toArray(),
    };
  }
  const rows = (n: number): Record<string, unknown>[] => Array.from({ length: n }, (_, i) => ({ leadName: `L${i}`, source: 'import', email: `l${i}@x.cn` }));

  it('a behaviour refusing a late row (after a chunk was written) leaves no lead, no number used, no audit or outbox row', async () => {
    const { s } = await newCompany();
    const u = await createUser(s, { username: 'lily', password: 'sales-pass-1', roleIds: ['role-sales'] }, 1000);
    await createDoc(s, 'AssignmentRule', { ruleName: 'Imports', matchSource: 'import', reps: [{ user: u.id, maxOpen: 0 }, { user: s.user.id, maxOpen: 0 }] });
    const first = await createDoc(s, 'Lead', { leadName: 'Before' });
    const before = await snapshot(s);
    const bad = rows(N);
    bad[N - 3] = { ...bad[N - 3], leadStatus: 'disqualified' }; // no reason: refused by the lead behaviour
    const res = await importDocs(s, 'Lead', bad);
    expect(res).toMatchObject({ ok: false, imported: 0, ids: [] });
    expect(res.issues.map((i) => [i.row, i.field, i.code])).toEqual([[N - 3, 'disqualifyReason', 'error.crm_disqualify_reason_required']]);
    expect(await snapshot(s)).toEqual(before);
    // the next number is the one after the lead stored before
    const next = await createDoc(s, 'Lead', { leadName: 'After' });
    expect(next.number).toBe(first.number.replace(/\d+$/, (d) => String(Number(d) + 1).padStart(d.length, '0')));
  }, 60_000);

  it('a number already held by a stored record fails its own row, before a later row\'s error', async () => {
    const { s } = await newCompany();
    const first = await createDoc(s, 'Lead', { leadName: 'Before' });
    const num = (k: number) => first.number.replace(/\d+$/, (d) => String(Number(d) + k).padStart(d.length, '0'));
    // a record that holds a number the series has not reached (a restored or replicated one)
    await s.db.t('leads').put({ ...first, id: `${first.id.slice(0, -4)}ffff`, number: num(6), leadName: 'Squatter' });
    const before = await snapshot(s);
    const file = rows(20);
    file[9] = { ...file[9], leadStatus: 'converted' }; // refused by the behaviour, but row 5 comes first
    const res = await importDocs(s, 'Lead', file);
    expect(res.issues.map((i) => [i.row, i.field, i.code, i.params?.value])).toEqual([[5, 'number', 'error.duplicate', num(6)]]);
    expect(await snapshot(s)).toEqual(before);
    // without the later error, the clash is found when the chunk is settled
    const res2 = await importDocs(s, 'Lead', rows(20));
    expect(res2.issues.map((i) => [i.row, i.code])).toEqual([[5, 'error.duplicate']]);
    expect(await snapshot(s)).toEqual(before);
  });

  it('a bad row anywhere in the file writes nothing', async () => {
    const { s } = await newCompany();
    const before = await snapshot(s);
    const file = rows(N);
    file[N - 1] = { ...file[N - 1], email: 'not-mail' };
    const res = await importDocs(s, 'Lead', file);
    expect(res.issues.map((i) => [i.row, i.field, i.code])).toEqual([[N - 1, 'email', 'error.email_invalid']]);
    expect(await snapshot(s)).toEqual(before);
  });
});

describe('items numbered by their code', () => {
  it('imports a file of codes in bulk and still refuses a code repeated in the file or already stored', async () => {
    const { s } = await newCompany();
    await createDoc(s, 'Item', { itemCode: 'C-0100', itemName: 'Stored' });
    const items = Array.from({ length: N }, (_, i) => ({ itemCode: `C-${String(i).padStart(4, '0')}`, itemName: `Item ${i}` }));
    const clash = await importDocs(s, 'Item', items);
    expect(clash.issues.map((i) => [i.row, i.field, i.code])).toEqual([[100, 'itemCode', 'error.duplicate']]);
    const twice = items.filter((_, i) => i !== 100);
    twice.push({ itemCode: 'C-0007', itemName: 'again' });
    const dup = await importDocs(s, 'Item', twice);
    expect(dup.issues.map((i) => [i.row, i.field, i.code])).toEqual([[N - 1, 'itemCode', 'error.import_duplicate_in_file']]);
    expect(await countDocs(s, 'Item')).toBe(1);
    const ok = await importDocs(s, 'Item', twice.slice(0, -1));
    expect(ok).toMatchObject({ ok: true, imported: N - 1 });
    expect((await getDoc(s, 'Item', ok.ids[N - 2])).number).toBe(`C-${String(N - 1).padStart(4, '0')}`);
    const again = await importDocs(s, 'Item', [{ itemCode: 'C-0500', itemName: 'x' }]);
    expect(again.issues.map((i) => [i.row, i.code])).toEqual([[0, 'error.duplicate']]);
    expect(await countDocs(s, 'Item')).toBe(N);
  }, 60_000);
});
