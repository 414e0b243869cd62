import { describe, it, expect } from 'vitest';
import { newCompany, ADMIN_PASSWORD } from '../fixtures/company';
import {
  createDoc, updateDoc, deleteDoc, getDoc, listDocs, countDocs, searchAll, login, createUser, listUsers, updateUser,
  listAudit, listCompanies, DomainError, errorMessage, saveRole, listRoles, updateSettings, type Session,
} from '../../shared/api';

async function expectDomain(p: Promise<unknown>, code: string): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    expect((e as DomainError).code).toBe(code);
    return e as DomainError;
  }
  throw new Error(`expected ${code}`);
}

describe('company creation and login', () => {
  it('creates a company with built-in roles and an administrator who can log in', async () => {
    const { env, s } = await newCompany();
    expect((await listCompanies(env)).map((c) => c.name)).toEqual(['Test Trading Co.']);
    const roles = await listRoles(s);
    expect(roles.map((r) => r.builtin).filter(Boolean).sort()).toEqual(['accountant', 'administrator', 'hr', 'purchasing', 'readonly', 'sales', 'warehouse']);
    const again = await login(env, s.company.id, 'ADMIN', ADMIN_PASSWORD);
    expect(again.user.username).toBe('admin');
    await expectDomain(login(env, s.company.id, 'admin', 'wrong-password'), 'error.login_failed');
    const audit = await listAudit(s);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['login', 'login_failed', 'create']));
  });

  it('refuses bad company input with every problem named, and creates nothing', async () => {
    const { env } = await newCompany();
    const err = await expectDomain(
      (async () => {
        const { createCompany } = await import('../../shared/api');
        return createCompany(env, { name: '', baseCurrency: 'XYZ', country: 'CN', template: 'generic', language: 'fr', branchCode: 'sh branch', branchName: 'x', admin: { username: 'a b', password: '123' } });
      })(),
      'error.validation',
    );
    expect(err.issues.map((i) => i.field).sort()).toEqual(['baseCurrency', 'branchCode', 'language', 'name', 'password', 'username']);
    expect((await listCompanies(env)).length).toBe(1);
  });
});

describe('documents through the services', () => {
  it('creates, numbers per branch series, updates with audit before/after, and tombstones on delete', async () => {
    const { s } = await newCompany();
    const c = await createDoc(s, 'Customer', { customerName: 'Hengda Trading', city: 'Shanghai', creditLimit: '50000.00', email: 'A@Example.com' });
    expect(c.number).toMatch(/^SH-CUST-\d{4}-00001$/);
    expect(c.creditLimit).toBe(5000000);
    expect(c.email).toBe('a@example.com');
    const c2 = await updateDoc(s, 'Customer', c.id, { ...c, city: 'Suzhou', creditLimit: 6000000 }, c._rev);
    expect(c2._rev).toBe(2);
    await expectDomain(updateDoc(s, 'Customer', c.id, { ...c, city: 'X' }, 1), 'error.stale');
    const trail = await listAudit(s, { docType: 'Customer', docId: c.id });
    expect(trail.rows[0].action).toBe('update');
    expect(trail.rows[0].changes).toEqual(expect.arrayContaining([{ field: 'city', before: 'Shanghai', after: 'Suzhou' }, { field: 'creditLimit', before: 5000000, after: 6000000 }]));
    expect(trail.rows[0].deviceId).toBe(s.deviceId);
    expect(trail.rows[0].branchId).toBe(s.branchId);
    await deleteDoc(s, 'Customer', c.id);
    await expectDomain(getDoc(s, 'Customer', c.id), 'error.not_found');
    const raw = await s.db.t('customers').get(c.id);
    expect(raw?.deleted).toBe(1);
    expect(await s.db.outbox.count()).toBeGreaterThanOrEqual(3);
  });

  it('validates every field and writes nothing on bad input', async () => {
    const { s } = await newCompany();
    const before = await s.db.outbox.count();
    const err = await expectDomain(createDoc(s, 'Customer', { customerName: '', email: 'not-mail', creditLimit: 'abc', customerGroup: 'vip', paymentTermsDays: '1.5' }), 'error.validation');
    expect(err.issues.map((i) => i.field).sort()).toEqual(['creditLimit', 'customerGroup', 'customerName', 'email', 'paymentTermsDays']);
    expect(errorMessage('zh-CN', err)).toContain('此项必填');
    expect(await s.db.outbox.count()).toBe(before);
    expect(await countDocs(s, 'Customer')).toBe(0);
  });

  it('refuses a duplicate item code', async () => {
    const { s } = await newCompany();
    await createDoc(s, 'Item', { itemCode: 'A-1', itemName: 'Tea' });
    const e = await expectDomain(createDoc(s, 'Item', { itemCode: 'A-1', itemName: 'Tea 2' }), 'error.duplicate');
    expect(e.field).toBe('itemCode');
  });

  it('pages lists by keyset in sort order, filters and searches', async () => {
    const { s } = await newCompany();
    for (let i = 0; i < 25; i++) await createDoc(s, 'Item', { itemCode: `I-${String(i).padStart(3, '0')}`, itemName: i % 2 ? `Green tea ${i}` : `Teapot ${i}`, itemType: i % 5 === 0 ? 'service' : 'stock' });
    const seen: string[] = [];
    let after: [unknown, string] | undefined;
    for (;;) {
      const page = await listDocs(s, 'Item', { sort: 'itemCode', dir: 'asc', limit: 10, after });
      seen.push(...page.rows.map((r) => r.number));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `I-${String(i).padStart(3, '0')}`));
    const desc = await listDocs(s, 'Item', { sort: 'itemCode', dir: 'desc', limit: 3 });
    expect(desc.rows.map((r) => r.number)).toEqual(['I-024', 'I-023', 'I-022']);
    const services = await listDocs(s, 'Item', { sort: 'itemCode', filters: { itemType: 'service' }, limit: 100 });
    expect(services.rows.length).toBe(5);
    const found = await listDocs(s, 'Item', { search: 'GREEN', limit: 100 });
    expect(found.rows.length).toBe(12);
    const hits = await searchAll(s, 'teapot');
    expect(hits.length).toBe(5);
    expect(hits[0].docType).toBe('Item');
  });
});

describe('rights are enforced in the services', () => {
  async function salesSession(): Promise<{ admin: Session; sales: Session }> {
    const { env, s } = await newCompany();
    await createUser(s, { username: 'lily', password: 'sales-pass-1', roleIds: ['role-sales'] }, 1000);
    const sales = await login(env, s.company.id, 'lily', 'sales-pass-1');
    return { admin: s, sales };
  }

  it('a Sales user may create customers but not suppliers, users or read the audit trail', async () => {
    const { sales } = await salesSession();
    await createDoc(sales, 'Customer', { customerName: 'Walk-in' });
    await expectDomain(createDoc(sales, 'Supplier', { supplierName: 'X' }), 'error.forbidden');
    await expectDomain(createUser(sales, { username: 'evil', password: 'evil-pass-1', roleIds: ['role-administrator'] }), 'error.forbidden');
    await expectDomain(listAudit(sales), 'error.forbidden');
    await expectDomain(updateSettings(sales, { name: 'Mine' }), 'error.forbidden');
  });

  it('custom roles restrict per document type; the last administrator cannot be removed', async () => {
    const { admin } = await salesSession();
    const role = await saveRole(admin, null, { name: 'Item clerk', moduleRights: {}, docRights: { Item: ['read', 'create'] } });
    await createUser(admin, { username: 'clerk', password: 'clerk-pass-1', roleIds: [role.id] }, 1000);
    const users = await listUsers(admin);
    expect(users.map((u) => u.username)).toEqual(['admin', 'clerk', 'lily']);
    expect(users.some((u) => 'password' in u)).toBe(false);
    await expectDomain(updateUser(admin, admin.user.id, { roleIds: ['role-sales'] }), 'error.last_admin');
  });
});

describe('global search', () => {
  it('finds matches of every readable type in one pass, in registry order, and leaves out what the user may not read', async () => {
    const { env, s } = await newCompany();
    await createDoc(s, 'Customer', { customerName: 'Jasmine Tea House' });
    await createDoc(s, 'Supplier', { supplierName: 'Jasmine Growers Co-op' });
    await createDoc(s, 'Item', { itemCode: 'JASMINE-01', itemName: 'Jasmine green tea 250 g', itemType: 'stock' });
    const hits = await searchAll(s, 'jasm');
    expect(hits.map((h) => h.docType).sort()).toEqual(['Customer', 'Item', 'Supplier']);
    const order = hits.map((h) => h.docType);
    const registry = (await import('../../shared/kernel/registry')).allDocTypes().map((d) => d.name);
    expect([...order].sort((a, b) => registry.indexOf(a) - registry.indexOf(b))).toEqual(order);
    expect(hits.find((h) => h.docType === 'Customer')?.title).toBe('Jasmine Tea House');
    // a user whose role cannot read suppliers does not see the supplier
    await createUser(s, { username: 'lily', password: 'sales-pass-1', roleIds: ['role-sales'] }, 1000);
    const sales = await login(env, s.company.id, 'lily', 'sales-pass-1');
    const theirs = await searchAll(sales, 'jasm');
    expect(theirs.every((h) => sales.can(h.docType, 'read'))).toBe(true);
    expect(theirs.some((h) => h.docType === 'Customer')).toBe(true);
  });
});
