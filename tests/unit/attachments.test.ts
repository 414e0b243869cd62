/**
 * Attachments: files on any document, with rights from the document type, limits, one
 * transaction per command (row + audit + outbox), tombstone removal and backup round trip.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { newCompany, ADMIN_PASSWORD } from '../fixtures/company';
import {
  addAttachment, listAttachments, getAttachment, removeAttachment, attachmentUsage, createDoc, submitDoc, getDoc, createUser, login, updateSettings,
  createBackup, restoreBackup, registerDocType, catalog, DEFAULT_ATTACHMENT_MAX_BYTES, type DomainError, type DocTypeDef, type Session,
} from '../../shared/api';

const TestEvidence = {
  name: 'TestEvidenceVoucher',
  table: 'test_evidence_vouchers',
  module: 'books',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'TE' },
  titleField: 'memo',
  fields: [
    { name: 'postingDate', type: 'date', required: true },
    { name: 'memo', type: 'data' },
  ],
  listColumns: ['number', 'postingDate', 'memo'],
  searchFields: ['memo'],
} as const satisfies DocTypeDef;
registerDocType(TestEvidence);

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return (e as DomainError).code ?? String(e);
  }
}

async function counts(s: Session) {
  return { attachments: await s.db.table('attachments').count(), audit: await s.db.table('audit').count(), outbox: await s.db.table('outbox').count() };
}

const bytes = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe('attachments', () => {
  it('add, list, get and remove round trip with exact bytes, audit and outbox', async () => {
    const { s } = await newCompany();
    const c = await createDoc(s, 'Customer', { customerName: 'Acme' });
    const data = bytes(70_000); // more than one base64 chunk, every byte value
    const before = await counts(s);
    const a = await addAttachment(s, 'Customer', c.id, { name: 'contract.pdf', mime: 'application/pdf', data });
    expect(a).toMatchObject({ docType: 'Customer', docId: c.id, name: 'contract.pdf', mime: 'application/pdf', size: 70_000, by: s.user.id, deleted: 0 });
    expect(await counts(s)).toEqual({ attachments: before.attachments + 1, audit: before.audit + 1, outbox: before.outbox + 2 });
    const audit = await s.db.table('audit').where('[docType+docId]').equals(['Customer', c.id]).toArray();
    expect(audit.at(-1)).toMatchObject({ action: 'update', docNumber: c.number, changes: [{ field: 'attachments', before: null, after: 'contract.pdf' }] });
    const out = await s.db.table('outbox').where('changeId').notEqual('').toArray();
    expect(out.some((o) => o.table === 'attachments' && o.op === 'put' && o.recordId === a.id)).toBe(true);

    const list = await listAttachments(s, 'Customer', c.id);
    expect(list.map((x) => x.name)).toEqual(['contract.pdf']);
    expect('data' in list[0]).toBe(false);
    const got = await getAttachment(s, a.id);
    expect(got.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(got.data)).toEqual(Array.from(data));
    expect(await attachmentUsage(s)).toEqual({ count: 1, bytes: 70_000, maxBytes: DEFAULT_ATTACHMENT_MAX_BYTES });

    await removeAttachment(s, a.id);
    expect(await listAttachments(s, 'Customer', c.id)).toEqual([]);
    expect(await code(getAttachment(s, a.id))).toBe('error.attachment_not_found');
    const row = await s.db.table('attachments').get(a.id);
    expect(row.deleted).toBe(1); // tombstone, not a physical delete
    const last = (await s.db.table('audit').where('[docType+docId]').equals(['Customer', c.id]).toArray()).at(-1);
    expect(last.changes).toEqual([{ field: 'attachments', before: 'contract.pdf', after: null }]);
    expect(await attachmentUsage(s)).toMatchObject({ count: 0, bytes: 0 });
    expect(await code(removeAttachment(s, a.id))).toBe('error.attachment_not_found');
  });

  it('refuses too large, empty and badly named files, and writes nothing', async () => {
    const { s } = await newCompany();
    const c = await createDoc(s, 'Customer', { customerName: 'Acme' });
    await updateSettings(s, { attachmentMaxBytes: 1000 });
    const before = await counts(s);
    await expect(addAttachment(s, 'Customer', c.id, { name: 'big.bin', data: bytes(1001) })).rejects.toMatchObject({ code: 'error.attachment_too_large', params: { name: 'big.bin', max: 1000 } });
    expect(await code(addAttachment(s, 'Customer', c.id, { name: 'empty.txt', data: new Uint8Array(0) }))).toBe('error.attachment_empty');
    for (const name of ['../etc/passwd', 'a/b.txt', 'a\\b.txt', 'bad\u0000name', 'tab\tname', '', '  ', '..'])
      expect(await code(addAttachment(s, 'Customer', c.id, { name, data: bytes(3) })), JSON.stringify(name)).toBe('error.attachment_name');
    expect(await code(addAttachment(s, 'Customer', 'no-such-id', { name: 'x.txt', data: bytes(3) }))).toBe('error.not_found');
    expect(await counts(s)).toEqual(before);
    // exactly at the limit is fine; the default applies without a setting
    await addAttachment(s, 'Customer', c.id, { name: 'ok.bin', data: bytes(1000) });
    expect((await attachmentUsage(s)).maxBytes).toBe(1000);
  });

  it('a Sales user cannot attach to (or read attachments of) a Supplier, but can on a Customer', async () => {
    const { env, s } = await newCompany();
    const sup = await createDoc(s, 'Supplier', { supplierName: 'Parts Ltd' });
    const cust = await createDoc(s, 'Customer', { customerName: 'Acme' });
    const a = await addAttachment(s, 'Supplier', sup.id, { name: 'terms.pdf', data: bytes(10) });
    await createUser(s, { username: 'lily', displayName: 'Lily', password: 'sales-pass-1', roleIds: ['role-sales'] }, 1000);
    const rep = await login(env, s.company.id, 'lily', 'sales-pass-1');
    const before = await counts(s);
    expect(await code(addAttachment(rep, 'Supplier', sup.id, { name: 'x.txt', data: bytes(3) }))).toBe('error.forbidden');
    expect(await code(listAttachments(rep, 'Supplier', sup.id))).toBe('error.forbidden');
    expect(await code(getAttachment(rep, a.id))).toBe('error.forbidden');
    expect(await code(removeAttachment(rep, a.id))).toBe('error.forbidden');
    expect(await counts(s)).toEqual(before);
    await addAttachment(rep, 'Customer', cust.id, { name: 'visit.jpg', mime: 'image/jpeg', data: bytes(5) });
    expect((await listAttachments(rep, 'Customer', cust.id)).map((x) => [x.name, x.byName])).toEqual([['visit.jpg', 'Lily']]);
  });

  it('evidence can be attached to a submitted document, which stays unchanged', async () => {
    const { s } = await newCompany();
    const v = await createDoc(s, 'TestEvidenceVoucher', { postingDate: '2026-03-05', memo: 'rent' });
    await submitDoc(s, 'TestEvidenceVoucher', v.id);
    const doc = await getDoc(s, 'TestEvidenceVoucher', v.id);
    const a = await addAttachment(s, 'TestEvidenceVoucher', v.id, { name: 'receipt.png', mime: 'image/png', data: bytes(42) });
    expect(await getDoc(s, 'TestEvidenceVoucher', v.id)).toEqual(doc);
    expect((await listAttachments(s, 'TestEvidenceVoucher', v.id)).map((x) => x.id)).toEqual([a.id]);
  });

  it('backup and restore keep attachments byte for byte', async () => {
    const { env, s } = await newCompany();
    const c = await createDoc(s, 'Customer', { customerName: 'Acme' });
    const data = bytes(5000, 3);
    const a = await addAttachment(s, 'Customer', c.id, { name: '合同 scan.pdf', mime: 'application/pdf', data });
    const { bytes: file } = await createBackup(s);
    const info = await restoreBackup(env, file);
    const r = await login(env, info.id, 'admin', ADMIN_PASSWORD);
    expect((await listAttachments(r, 'Customer', c.id)).map((x) => x.name)).toEqual(['合同 scan.pdf']);
    expect(Array.from((await getAttachment(r, a.id)).data)).toEqual(Array.from(data));
  });

  it('every error code of the service and every attachments.* UI key has English and Chinese words', () => {
    const src = readFileSync('shared/kernel/attachments.service.ts', 'utf8') + readFileSync('renderer/doc/AttachmentsPanel.tsx', 'utf8') + readFileSync('renderer/system/SettingsPage.tsx', 'utf8');
    const keys = new Set([...src.matchAll(/['"`]((?:error|attachments)\.[a-z0-9_]+)['"`]/g)].map((m) => m[1]));
    expect(keys.size).toBeGreaterThan(10);
    const missing = [...keys].filter((k) => !catalog('en')[k] || !catalog('zh-CN')[k]);
    expect(missing).toEqual([]);
  });
});
