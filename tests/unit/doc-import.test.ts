import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { registerDocType, createDoc, countDocs, listAudit, type DocTypeDef } from '../../shared/api';
import { importDocs } from '../../shared/kernel/import.service';
import { exportDocs } from '../../shared/kernel/export.service';
import { csvToInputs, parseCsv } from '../../shared/kernel/csv-map';

/** A small document type with a link, so link resolution is exercised. */
const Visit = {
  name: 'TestVisit', table: 'test_visits', module: 'masters', submittable: false, ownership: 'branch',
  naming: { series: 'VIS' }, titleField: 'subject',
  fields: [
    { name: 'subject', type: 'data', required: true },
    { name: 'customer', type: 'link', link: 'Customer', required: true },
    { name: 'fee', type: 'money', min: 0 },
  ],
  listColumns: ['number', 'subject', 'customer', 'fee'], searchFields: ['subject'],
} as const satisfies DocTypeDef;
registerDocType(Visit);

describe('importDocs: all or nothing', () => {
  it('imports every row in one go, resolving links by number or by title', async () => {
    const { s } = await newCompany();
    const a = await createDoc(s, 'Customer', { customerName: 'Hengda Trading' });
    const b = await createDoc(s, 'Customer', { customerName: '华东五金' });
    const { rows } = csvToInputs(Visit, `subject,customer,fee\nKick-off,${a.number},100.50\n回访,华东五金,0\n`);
    const dry = await importDocs(s, 'TestVisit', rows, { dryRun: true });
    expect(dry).toEqual({ ok: true, imported: 0, issues: [], ids: [] });
    expect(await countDocs(s, 'TestVisit')).toBe(0);
    const res = await importDocs(s, 'TestVisit', rows);
    expect(res.ok).toBe(true);
    expect(res.imported).toBe(2);
    const audit = await listAudit(s, { docType: 'TestVisit', docId: res.ids[1] });
    expect(audit.rows[0].action).toBe('import');
    const out = await exportDocs(s, 'TestVisit', { sort: 'number', dir: 'asc' }, 'en');
    const table = parseCsv(out.csv);
    expect(out.count).toBe(2);
    expect(table[1].slice(1)).toEqual(['Kick-off', a.number, '100.50']);
    expect(table[2].slice(1)).toEqual(['回访', b.number, '0.00']);
  });

  it('imports nothing when one row is bad, and names every problem with its row', async () => {
    const { s } = await newCompany();
    await createDoc(s, 'Customer', { customerName: 'Twin' });
    await createDoc(s, 'Customer', { customerName: 'Twin' });
    const { rows } = csvToInputs(Visit, 'subject,customer,fee\nGood,Twin,1\nBad fee,Nobody,abc\n,Twin,2\n');
    const res = await importDocs(s, 'TestVisit', rows);
    expect(res.ok).toBe(false);
    expect(res.issues.map((i) => [i.row, i.field, i.code])).toEqual([
      [0, 'customer', 'error.import_link_ambiguous'],
      [1, 'fee', 'error.not_a_number'],
      [2, 'subject', 'error.required'],
    ]);
    expect(await countDocs(s, 'TestVisit')).toBe(0);
  });

  it('refuses item codes repeated in the file or already in use', async () => {
    const { s } = await newCompany();
    await createDoc(s, 'Item', { itemCode: 'A-1', itemName: 'Tea' });
    const { rows } = csvToInputs((await import('../../shared/masters/masters.doctypes')).Item, 'itemCode,itemName\nB-1,x\nB-1,y\nA-1,z\n');
    const res = await importDocs(s, 'Item', rows);
    expect(res.issues.map((i) => [i.row, i.code])).toEqual([[1, 'error.import_duplicate_in_file'], [2, 'error.duplicate']]);
    expect(await countDocs(s, 'Item')).toBe(1);
  });

  it('needs the create right for import and the export right for export', async () => {
    const { s } = await newCompany();
    const ro = Object.create(s, { roles: { get: () => [] }, can: { value: () => false }, require: { value: () => { throw Object.assign(new Error('forbidden'), { name: 'DomainError', code: 'error.forbidden' }); } } });
    await expect(importDocs(ro, 'Customer', [{ customerName: 'x' }])).rejects.toMatchObject({ code: 'error.forbidden' });
    await expect(exportDocs(ro, 'Customer', {}, 'en')).rejects.toMatchObject({ code: 'error.forbidden' });
  });
});
