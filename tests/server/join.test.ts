/**
 * Joining a company from head office, and what keeps head-office data in one place: the HQ
 * desk and a branch both join the company the HQ administrator registered; the branch holds
 * HQ's chart (same ids, HQ's names), may not change it, posts invoices to accounts HQ knows,
 * and HQ's trial balance has them. A code for another company setup is refused before it is
 * used; a bad local password is refused before the code is used.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import '../../shared/modules';
import '../../shared/sync/index';
import { openTestHq, handlerTransport, type TestHq } from './harness';
import { newCompany, newEnv, ADMIN_PASSWORD } from '../fixtures/company';
import { createDoc, submitDoc, updateDoc, getDoc, listBranches } from '../../shared/api';
import { findAccount, generalLedger, trialBalance } from '../../shared/books';
import { joinCompany, checkJoinCode } from '../../shared/sync/join';
import { enrolDevice, syncOnce, listConflicts, getSyncStatus } from '../../shared/sync/client';
import { requestChange, listChangeRequests, decideChangeRequest } from '../../shared/sync/change-requests';
import { isSeedId } from '../../shared/kernel/ids';
import { warehouses, stockItem, receiveStock, issueStock } from '../fixtures/stock';

describe('joining a company from head office', () => {
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
    return { co, head, sh };
  }

  const join = async (code: string, over: Partial<Parameters<typeof joinCompany>[2]> = {}) =>
    joinCompany(await newEnv(), handlerTransport(hq), { serverUrl: 'http://hq.test', code, deviceName: 'desk', language: 'en', admin: { username: 'admin', password: ADMIN_PASSWORD }, ...over });

  it('the HQ desk and a branch join; the branch holds HQ’s chart, cannot change it, and its invoice reaches HQ’s books', async () => {
    const { co, head, sh } = await setup();
    const t = handlerTransport(hq);

    const hqCode = (await hq.store.issueCode({ branchId: head.id, scope: 'all' })).code;
    const peek = await checkJoinCode(await newEnv(), t, hqCode);
    expect(peek).toMatchObject({ companyId: co.id, companyName: 'Acme Trading', branchCode: 'HQ', branchName: 'Head office', scope: 'all', baseCurrency: 'CNY', template: 'cn-small-enterprise', alreadyHere: false });
    const { session: desk } = await join(hqCode);
    expect(desk.company.id).toBe(co.id);
    expect(desk.settings).toMatchObject({ name: 'Acme Trading', baseCurrency: 'CNY', template: 'cn-small-enterprise', branchId: head.id, branchCode: 'HQ' });
    expect(desk.settings.hqManaged).toBeFalsy();
    // head office renames an account of the template and publishes the chart
    const cash = await findAccount(desk, '1001');
    expect(isSeedId(cash.id)).toBe(true);
    await updateDoc(desk, 'Account', cash.id, { ...cash, accountName: 'Cash on hand (all branches)' });
    await syncOnce(desk, t);

    const { session: br } = await join((await hq.store.issueCode({ branchId: sh.id })).code);
    expect(br.settings).toMatchObject({ branchId: sh.id, branchCode: 'SH', branchName: 'Shanghai', hqManaged: true });
    // before the first sync the branch already has the template chart, with HQ's ids
    expect((await findAccount(br, '1001')).id).toBe(cash.id);
    const report = await syncOnce(br, t);
    expect(report.rejected).toBe(0);
    expect((await findAccount(br, '1001')).accountName).toBe('Cash on hand (all branches)');
    expect(await listConflicts(br)).toEqual([]);
    expect((await getSyncStatus(br)).pending).toBe(0);

    // head-office data is read-only at the branch
    const brCash = await findAccount(br, '1001');
    await expect(updateDoc(br, 'Account', brCash.id, { ...brCash, accountName: 'Petty cash' })).rejects.toMatchObject({ code: 'error.hq_managed' });
    await expect(createDoc(br, 'Account', { accountNumber: '1009', accountName: 'Branch till', parentAccount: '', rootType: 'asset', isGroup: false })).rejects.toMatchObject({ code: 'error.hq_managed' });

    // the branch sells; HQ's trial balance has the invoice on the branch's filter
    const customer = (await createDoc(br, 'Customer', { customerName: 'Shanghai Tea House' })).id;
    const inv = await createDoc(br, 'SalesInvoice', { customer, postingDate: '2026-11-20', items: [{ description: 'Tea', qty: '2', rate: '50.00' }] });
    await submitDoc(br, 'SalesInvoice', inv.id);
    expect((await syncOnce(br, t)).rejected).toBe(0);
    await syncOnce(desk, t);
    expect((await getDoc(desk, 'SalesInvoice', inv.id)).status).toBe('submitted');
    const tb = await trialBalance(desk, { fromPeriod: '2026-11', toPeriod: '2026-11', branchId: sh.id });
    expect(tb.totals.periodDebit).toBe(tb.totals.periodCredit);
    expect(tb.totals.periodDebit).toBe(10000);
    const names = new Set(tb.rows.filter((r) => r.periodDebit || r.periodCredit).map((r) => r.accountNumber));
    expect(names.has('1122')).toBe(true); // receivables: an account of HQ's chart, not a branch copy
    // HQ's report filters list the company's branches; the ledger filters by branch
    expect((await listBranches(desk)).map((b) => b.code)).toEqual(['HQ', 'SH']);
    const ar = await findAccount(desk, '1122');
    expect((await generalLedger(desk, { account: ar.id, fromDate: '2026-11-01', toDate: '2026-11-30', branchId: sh.id })).totalDebit).toBe(10000);
    expect((await generalLedger(desk, { account: ar.id, fromDate: '2026-11-01', toDate: '2026-11-30', branchId: head.id })).rows).toEqual([]);
    expect((await trialBalance(desk, { fromPeriod: '2026-11', toPeriod: '2026-11', branchId: head.id })).totals.periodDebit).toBe(0);
  });

  it('a used code, a company already here and a short password are refused before anything is written', async () => {
    const { sh } = await setup();
    const code = (await hq.store.issueCode({ branchId: sh.id })).code;
    const env = await newEnv();
    await expect(joinCompany(env, handlerTransport(hq), { serverUrl: 'x', code, deviceName: 'd', language: 'en', admin: { username: 'admin', password: 'short' } })).rejects.toMatchObject({ code: 'error.password_short' });
    expect(await env.registry.companies.count()).toBe(0);
    // the code was not used by the refused attempt
    const { session } = await joinCompany(env, handlerTransport(hq), { serverUrl: 'x', code, deviceName: 'd', language: 'zh-CN', admin: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(session.settings.language).toBe('zh-CN');
    await expect(joinCompany(env, handlerTransport(hq), { serverUrl: 'x', code, deviceName: 'd', language: 'en', admin: { username: 'admin', password: ADMIN_PASSWORD } })).rejects.toMatchObject({ code: 'sync.code_invalid' });
    const again = (await hq.store.issueCode({ branchId: sh.id })).code;
    await expect(joinCompany(env, handlerTransport(hq), { serverUrl: 'x', code: again, deviceName: 'd', language: 'en', admin: { username: 'admin', password: ADMIN_PASSWORD } })).rejects.toMatchObject({ code: 'error.company_exists' });
    expect(await env.registry.companies.count()).toBe(1);
  });

  it('a company HQ has not set up cannot be joined, and the code stays usable', async () => {
    const co = await hq.store.createCompany('Bare Co');
    const br = await hq.store.createBranch({ companyId: co.id, code: 'GZ', name: 'Guangzhou' });
    const code = (await hq.store.issueCode({ branchId: br.id })).code;
    await expect(join(code)).rejects.toMatchObject({ code: 'sync.company_setup_missing' });
    expect((await checkJoinCode(await newEnv(), handlerTransport(hq), code)).branchCode).toBe('GZ');
  });

  it('enrolling an existing company whose currency differs from HQ’s is refused without using the code', async () => {
    const { sh } = await setup();
    const { s } = await newCompany({ baseCurrency: 'USD' });
    const code = (await hq.store.issueCode({ branchId: sh.id })).code;
    await hq.store.db.updateTable('branches').set({ id: sh.id }).where('id', '=', sh.id).execute();
    // register this installation's own branch id, as `create-branch --id` does
    const mine = await hq.store.createBranch({ companyId: (await hq.store.listCompanies())[0].id, code: 'US', name: 'US office', id: s.branchId });
    const usCode = (await hq.store.issueCode({ branchId: mine.id })).code;
    await expect(enrolDevice(s, handlerTransport(hq), { serverUrl: 'x', code: usCode, deviceName: 'd' })).rejects.toMatchObject({ code: 'sync.company_mismatch', params: { field: 'baseCurrency', hq: 'CNY', local: 'USD' } });
    expect((await checkJoinCode(await newEnv(), handlerTransport(hq), usCode)).branchCode).toBe('US');
    await expect(enrolDevice(s, handlerTransport(hq), { serverUrl: 'x', code, deviceName: 'd' })).rejects.toMatchObject({ code: 'sync.branch_mismatch' });
  });

  it('an installation created on its own and enrolled later pushes no template records and gets HQ’s', async () => {
    const { co } = await setup();
    const { s } = await newCompany({ branchCode: 'BJ', branchName: 'Beijing' });
    await hq.store.createBranch({ companyId: co.id, code: 'BJ', name: 'Beijing', id: s.branchId });
    await enrolDevice(s, handlerTransport(hq), { serverUrl: 'x', code: (await hq.store.issueCode({ branchId: s.branchId })).code, deviceName: 'bj' });
    expect(s.settings.hqManaged).toBe(true);
    const r = await syncOnce(s, handlerTransport(hq));
    expect(r.rejected).toBe(0);
    expect(await listConflicts(s)).toEqual([]);
    const acc = await findAccount(s, '1001');
    await expect(updateDoc(s, 'Account', acc.id, { ...acc, accountName: 'x' })).rejects.toMatchObject({ code: 'error.hq_managed' });
  });

  it('two tills of one branch number their documents apart, share the branch’s warehouses, and both see the last unit sold twice', async () => {
    const { sh } = await setup();
    const t = handlerTransport(hq);
    const { session: till1 } = await join((await hq.store.issueCode({ branchId: sh.id })).code);
    const { session: till2 } = await join((await hq.store.issueCode({ branchId: sh.id })).code);
    expect(till1.settings.seriesCode).toBeUndefined();
    expect(till2.settings.seriesCode).toBe('SH2');
    // the branch's default warehouses have the same ids on both devices
    const w1 = await warehouses(till1);
    expect(await warehouses(till2)).toEqual(w1);

    const item = await stockItem(till1);
    await receiveStock(till1, item.id, w1.store, '1', '5.00', '2026-11-02');
    await syncOnce(till1, t);
    await syncOnce(till2, t);
    // both tills, offline, sell the last unit
    const a = await issueStock(till1, item.id, w1.store, '1', '2026-11-03');
    const b = await issueStock(till2, item.id, w1.store, '1', '2026-11-03');
    expect(a.number).toMatch(/^SH-/);
    expect(b.number).toMatch(/^SH2-/);
    for (const s of [till1, till2, till1]) await syncOnce(s, t);
    for (const s of [till1, till2]) {
      const open = await listConflicts(s);
      expect(open.map((c) => [c.kind, c.detail.code])).toEqual([['business', 'sync.negative_stock']]);
      expect(open.filter((c) => c.kind === 'duplicate_number')).toEqual([]);
    }
  });

  it('a branch requests a change of head-office data; HQ approves one and rejects another; the branch sees both answers', async () => {
    const { head, sh } = await setup();
    const t = handlerTransport(hq);
    const { session: desk } = await join((await hq.store.issueCode({ branchId: head.id, scope: 'all' })).code);
    await syncOnce(desk, t);
    const { session: br } = await join((await hq.store.issueCode({ branchId: sh.id })).code);
    await syncOnce(br, t);

    const cash = await findAccount(br, '1001');
    await expect(requestChange(br, { docType: 'Account', id: cash.id, values: { ...cash }, reason: 'no change' })).rejects.toMatchObject({ code: 'sync.change_request_empty' });
    await expect(requestChange(br, { docType: 'Account', id: cash.id, values: { ...cash, accountName: 'Till cash' }, reason: ' ' })).rejects.toMatchObject({ code: 'error.required' });
    await expect(requestChange(br, { docType: 'Customer', values: { customerName: 'x' }, reason: 'r' })).rejects.toMatchObject({ code: 'sync.change_request_not_hq' });
    await expect(requestChange(desk, { docType: 'Account', id: cash.id, values: { ...cash, accountName: 'x' }, reason: 'r' })).rejects.toMatchObject({ code: 'sync.change_request_at_hq' });
    const rename = await requestChange(br, { docType: 'Account', id: cash.id, values: { ...cash, accountName: 'Till cash' }, reason: 'Our tills hold the cash' });
    const parent = (await findAccount(br, '1001')).parentAccount;
    const add = await requestChange(br, { docType: 'Account', values: { accountNumber: '1009', accountName: 'Branch float', parentAccount: parent, rootType: 'asset', isGroup: false }, reason: 'A float per branch' });
    expect(rename.number).toMatch(/^SH-CR-/);
    await syncOnce(br, t);
    await syncOnce(desk, t);

    const open = await listChangeRequests(desk, { status: 'open' });
    expect(open.map((r) => r.targetNumber).sort()).toEqual(['1001', '1009']);
    const r1 = open.find((r) => r.targetNumber === '1001')!;
    expect(r1.changedFields).toEqual(['accountName']);
    expect(r1.current).toEqual({ accountName: cash.accountName });
    await expect(decideChangeRequest(br, r1.id, 'approved')).rejects.toMatchObject({ code: 'sync.change_request_decide_at_hq' });
    const ok = await decideChangeRequest(desk, r1.id, 'approved', 'fine');
    expect(ok.status).toBe('approved');
    await expect(decideChangeRequest(desk, r1.id, 'rejected', 'again')).rejects.toMatchObject({ code: 'sync.change_request_decided' });
    const r2 = open.find((r) => r.targetNumber === '1009')!;
    await expect(decideChangeRequest(desk, r2.id, 'rejected', '')).rejects.toMatchObject({ code: 'error.required' });
    await decideChangeRequest(desk, r2.id, 'rejected', 'Use 1001 with a sub-ledger instead');
    expect((await findAccount(desk, '1001')).accountName).toBe('Till cash');
    await syncOnce(desk, t);
    await syncOnce(br, t);

    expect((await findAccount(br, '1001')).accountName).toBe('Till cash');
    const mine = await listChangeRequests(br);
    expect(mine.map((r) => [r.targetNumber, r.status, r.decision?.note])).toEqual(expect.arrayContaining([['1001', 'approved', 'fine'], ['1009', 'rejected', 'Use 1001 with a sub-ledger instead']]));
    await expect(findAccount(br, '1009')).rejects.toBeTruthy();
    expect(add.id).toBeTruthy();
    expect(await listConflicts(br)).toEqual([]);
  });
});
