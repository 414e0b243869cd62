/**
 * Users and roles replicate (issue #6: "a branch receives shared master data (... users)"):
 * head office makes a company-wide user who then signs in at a branch that synced; a branch's
 * own users reach head office (for administration) but not other branches, and cannot sign in
 * at head office; roles are head office's. The server refuses a branch that writes a
 * company-wide user, another branch's user or a role. Two users of one name made while
 * offline both keep signing in with their own password and show in the inbox.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import Dexie from 'dexie';
import '../../shared/modules';
import '../../shared/sync/index';
import { openTestHq, handlerTransport, client, hlcAt, batch, type TestHq } from './harness';
import { newEnv, ADMIN_PASSWORD } from '../fixtures/company';
import { createUser, updateUser, listUsers, listRoles, saveRole, login, changeOwnPassword } from '../../shared/api';
import { CompanyDb } from '../../shared/kernel/db';
import { joinCompany } from '../../shared/sync/join';
import { syncOnce, listConflicts } from '../../shared/sync/client';
import { newId } from '../../shared/kernel/ids';
import { SYNC_ERRORS } from '../../shared/sync/protocol';

const PW = 'user-secret-9';

describe('users and roles replicate from head office', () => {
  let hq: TestHq;
  beforeEach(async () => {
    hq = await openTestHq('sqlite');
  });
  afterEach(async () => {
    await hq.cleanup();
  });

  async function setup() {
    const co = await hq.store.createCompany('Acme Trading', { baseCurrency: 'CNY', template: 'cn-small-enterprise', country: 'CN' });
    const head = await hq.store.createBranch({ companyId: co.id, code: 'HQ', name: 'Head office' });
    const sh = await hq.store.createBranch({ companyId: co.id, code: 'SH', name: 'Shanghai' });
    const bj = await hq.store.createBranch({ companyId: co.id, code: 'BJ', name: 'Beijing' });
    const t = handlerTransport(hq);
    const join = async (branchId: string, scope: 'all' | 'branch' = 'branch') => {
      const env = await newEnv();
      const code = (await hq.store.issueCode({ branchId, scope })).code;
      const { session, config } = await joinCompany(env, t, { serverUrl: 'http://hq.test', code, deviceName: 'desk', language: 'en', admin: { username: 'admin', password: ADMIN_PASSWORD } });
      return { env, s: session, token: config.token };
    };
    return { co, head, sh, bj, t, join };
  }

  it('a company-wide user made at HQ signs in at a branch; the branch’s own users stay with the branch and HQ', async () => {
    const { co, head, sh, bj, t, join } = await setup();
    const desk = await join(head.id, 'all');
    const li = await createUser(desk.s, { username: 'li.na', displayName: 'Li Na', password: PW, roleIds: ['role-sales'], allBranches: true }, 1000);
    expect(li.branchId).toBe('');
    expect((await syncOnce(desk.s, t)).rejected).toBe(0);

    const shDesk = await join(sh.id);
    const bjDesk = await join(bj.id);
    await syncOnce(shDesk.s, t);
    // Li Na signs in at Shanghai with the password HQ gave her
    const liAtSh = await login(shDesk.env, co.id, 'Li.Na', PW);
    expect(liAtSh.user.displayName as string).toBe('Li Na');
    expect(liAtSh.user.roles.map((r) => r.id)).toEqual(['role-sales']);
    // the branch may not change her, nor make company-wide users, nor roles
    await expect(updateUser(shDesk.s, li.id as string, { displayName: 'Lina' })).rejects.toMatchObject({ code: 'error.user_company_wide' });
    await expect(changeOwnPassword(liAtSh, PW, 'another-secret-1', 1000)).rejects.toMatchObject({ code: 'error.user_company_wide' });
    await expect(createUser(shDesk.s, { username: 'boss', password: PW, roleIds: ['role-administrator'], allBranches: true }, 1000)).rejects.toMatchObject({ code: 'error.user_all_branches_hq' });
    await expect(saveRole(shDesk.s, null, { name: 'Till', moduleRights: { selling: ['read'] }, docRights: {} })).rejects.toMatchObject({ code: 'error.hq_managed' });

    // Shanghai makes its own cashier: HQ receives it, Beijing does not, and it cannot sign in at HQ
    const zhang = await createUser(shDesk.s, { username: 'zhang', password: PW, roleIds: ['role-sales'] }, 1000);
    expect(zhang.branchId).toBe(sh.id);
    expect((await syncOnce(shDesk.s, t)).rejected).toBe(0);
    await syncOnce(desk.s, t);
    await syncOnce(bjDesk.s, t);
    expect((await listUsers(desk.s)).map((u) => u.username)).toContain('zhang');
    expect((await listUsers(bjDesk.s)).map((u) => u.username)).not.toContain('zhang');
    expect((await listUsers(bjDesk.s)).map((u) => u.username)).toContain('li.na');
    await expect(login(desk.env, co.id, 'zhang', PW)).rejects.toMatchObject({ code: 'error.login_failed' });
    expect((await login(shDesk.env, co.id, 'zhang', PW)).user.username).toBe('zhang');

    // HQ deactivates Li Na: the branch gets it at the next sync
    await updateUser(desk.s, li.id as string, { active: false });
    await syncOnce(desk.s, t);
    await syncOnce(shDesk.s, t);
    await expect(login(shDesk.env, co.id, 'li.na', PW)).rejects.toMatchObject({ code: 'error.user_inactive' });
  });

  it('a role HQ makes reaches the branches', async () => {
    const { head, sh, t, join } = await setup();
    const desk = await join(head.id, 'all');
    const role = await saveRole(desk.s, null, { name: 'Till operator', moduleRights: { selling: ['read', 'create', 'edit'] }, docRights: {} });
    await syncOnce(desk.s, t);
    const shDesk = await join(sh.id);
    await syncOnce(shDesk.s, t);
    expect((await listRoles(shDesk.s)).find((r) => r.id === role.id)?.name).toBe('Till operator');
  });

  it('HQ refuses a branch that writes a company-wide user, another branch’s user, or a role', async () => {
    const { co, head, sh, bj, join } = await setup();
    await join(head.id, 'all');
    const shDev = await hq.store.enrol({ code: (await hq.store.issueCode({ branchId: sh.id })).code, deviceName: 'till' });
    const call = client(hq);
    const hlc = hlcAt(Date.now(), 'node-x');
    const user = (branchId: string) => {
      const id = newId();
      return { changeId: newId(), table: 'users', recordId: id, op: 'put' as const, hlc, at: new Date().toISOString(), branchId: sh.id, deviceId: shDev.deviceId, data: { id, username: 'evil', usernameLower: 'evil', displayName: 'Evil', password: { algo: 'x' }, roleIds: ['role-administrator'], active: true, branchId, _hlc: hlc } };
    };
    const role = { changeId: newId(), table: 'roles', recordId: 'role-x', op: 'put' as const, hlc, at: new Date().toISOString(), branchId: sh.id, deviceId: shDev.deviceId, data: { id: 'role-x', name: 'All', all: true, _hlc: hlc } };
    const res = await call('POST', '/v1/push', { token: shDev.token, body: batch([user(''), user(bj.id), role, user(sh.id)]) });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual([SYNC_ERRORS.forbiddenBranch, SYNC_ERRORS.forbiddenBranch, SYNC_ERRORS.forbiddenTable, 'ok']);
    const stored = (await hq.store.records(co.id, 'users')).map((r) => r.branchId);
    expect(stored).toEqual([sh.id]);
  });

  it('two users of one name made while offline both sign in with their own password, and the inbox says so', async () => {
    const { co, head, sh, t, join } = await setup();
    const desk = await join(head.id, 'all');
    const shDesk = await join(sh.id);
    await createUser(desk.s, { username: 'wang', displayName: 'Wang (HQ)', password: PW, roleIds: ['role-sales'], allBranches: true }, 1000);
    await createUser(shDesk.s, { username: 'Wang', displayName: 'Wang (Shanghai)', password: 'other-secret-2', roleIds: ['role-sales'] }, 1000);
    await syncOnce(desk.s, t);
    await syncOnce(shDesk.s, t);
    expect((await login(shDesk.env, co.id, 'wang', PW)).user.displayName).toBe('Wang (HQ)');
    expect((await login(shDesk.env, co.id, 'wang', 'other-secret-2')).user.displayName).toBe('Wang (Shanghai)');
    const dup = (await listConflicts(shDesk.s)).filter((c) => c.kind === 'duplicate_username');
    expect(dup).toHaveLength(1);
    expect(dup[0].suggestion).toBe('sync.suggest.rename_user');
    // making a third "wang" here is refused
    await expect(createUser(shDesk.s, { username: 'WANG', password: PW, roleIds: ['role-sales'] }, 1000)).rejects.toMatchObject({ code: 'error.duplicate' });
  });
});

describe('the users table of an older installation', () => {
  it('opens with the new schema: the user name index is no longer unique, users are kept', async () => {
    const name = `upgrade-${newId()}`;
    const old = new Dexie(name);
    old.version(1).stores({ meta: '&key', users: 'id, &usernameLower' });
    await old.open();
    await old.table('users').put({ id: 'u1', username: 'Wang', usernameLower: 'wang' });
    old.close();
    const db = new CompanyDb(name);
    await db.open();
    expect(db.backendDB().transaction('users').objectStore('users').index('usernameLower').unique).toBe(false);
    expect(db.backendDB().transaction('users').objectStore('users').indexNames.contains('usernameLower')).toBe(true);
    await db.table('users').put({ id: 'u2', username: 'wang', usernameLower: 'wang', branchId: 'b2' });
    expect((await db.table('users').where('usernameLower').equals('wang').primaryKeys()).sort()).toEqual(['u1', 'u2']);
    db.close();
    await Dexie.delete(name);
  });
});

