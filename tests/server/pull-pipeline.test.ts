/**
 * The pull loop asks HQ for the next page while the current one is applied (download and
 * IndexedDB writes overlap), and still moves the saved cursor only with an applied page: a page
 * whose apply fails leaves the cursor where it was, the prefetched answer is dropped, and the
 * next sync applies every row exactly once.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import '../../shared/modules';
import '../../shared/sync/index';
import { openTestHq, handlerTransport, type TestHq } from './harness';
import { newEnv, ADMIN_PASSWORD } from '../fixtures/company';
import { createDoc } from '../../shared/api';
import { joinCompany } from '../../shared/sync/join';
import { syncOnce, type SyncTransport } from '../../shared/sync/client';
import { META_CURSOR } from '../../shared/sync/apply';

describe('pull pipelining', () => {
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
    const join = async (branchId: string, scope: 'all' | 'branch') =>
      (await joinCompany(await newEnv(), handlerTransport(hq), { serverUrl: 'http://hq.test', code: (await hq.store.issueCode({ branchId, scope })).code, deviceName: `desk ${scope}`, language: 'en', admin: { username: 'admin', password: ADMIN_PASSWORD } })).session;
    const desk = await join(head.id, 'all');
    for (let i = 0; i < 30; i++) await createDoc(desk, 'Customer', { customerName: `Pipeline Customer ${i}`, city: 'Wuhan' });
    await syncOnce(desk, handlerTransport(hq));
    const branch = await join(sh.id, 'branch');
    return { branch };
  }

  /** The handler transport, logging when each pull is asked for and answered. */
  function logged(events: string[]): SyncTransport {
    const t = handlerTransport(hq);
    let n = 0;
    return {
      ...t,
      async pull(token, after, limit, count) {
        const k = ++n;
        events.push(`ask ${k}`);
        const r = await t.pull(token, after, limit, count);
        events.push(`answer ${k}`);
        return r;
      },
    };
  }

  it('asks for page n+1 before page n is written, and ends with every row and the last cursor', async () => {
    const { branch } = await setup();
    const events: string[] = [];
    let applied = 0;
    const rep = await syncOnce(branch, logged(events), { pageSize: 10, faults: { beforeCursorSave: () => void events.push(`write ${++applied}`) } });
    expect(applied).toBeGreaterThanOrEqual(4);
    // page 2 was asked for before page 1's transaction reached its cursor
    expect(events.indexOf('ask 2')).toBeLessThan(events.indexOf('write 1'));
    // and never more than one page ahead
    for (let k = 2; k <= applied; k++) expect(events.indexOf(`ask ${k + 1}`) === -1 || events.indexOf(`ask ${k + 1}`) > events.indexOf(`write ${k - 1}`)).toBe(true);
    expect(events.filter((e) => e.startsWith('ask'))).toHaveLength(applied);
    expect(await branch.db.t('customers').where('city').equals('Wuhan').count()).toBe(30);
    expect((await branch.db.meta.get(META_CURSOR))?.value).toBe(rep.cursor);
  });

  it('a page that fails to apply keeps the cursor of the last applied page; the prefetched page is dropped; the next sync applies every row once', async () => {
    const { branch } = await setup();
    let pagesWritten = 0;
    await expect(
      syncOnce(branch, handlerTransport(hq), {
        pageSize: 10,
        faults: {
          beforeCursorSave: () => {
            if (++pagesWritten === 2) throw new Error('power cut');
          },
        },
      }),
    ).rejects.toThrow('power cut');
    const cursorAfterFirst = (await branch.db.meta.get(META_CURSOR))?.value;
    expect(cursorAfterFirst).toBeDefined();
    const before = await branch.db.t('customers').where('city').equals('Wuhan').count();
    expect(before).toBeLessThan(30);
    const rep = await syncOnce(branch, handlerTransport(hq), { pageSize: 10 });
    expect(rep.pulled).toBeGreaterThan(0);
    const rows = await branch.db.t('customers').where('city').equals('Wuhan').toArray();
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.customerName)).size).toBe(30);
  });
});
