/**
 * Branch -> head office, as a person would do it in web mode: start a real HQ server, create a
 * company in the browser, register its branch at HQ (admin API) with the branch id the sync
 * page shows, enrol with the one-time code, create a customer, "Sync now", and check HQ holds
 * the customer (pulled by an HQ-scope device). Also: the badge, a wrong code, the empty inbox.
 *
 * Then the head-office flow: two tills of the Shanghai branch join the company from head
 * office (company picker), both sell the last unit while offline, and after syncing both tills
 * and the HQ desk list the negative stock in their inboxes; a stock count resolves it.
 */
import { test, expect, type Page } from '@playwright/test';
import { createCompany, joinFromHq, newDoc, pick, save, submit, firstRow, item, stockEntry } from '../fixtures/e2e';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HQ_PORT = Number(process.env.E2E_HQ_PORT ?? 8799);
const HQ = `http://127.0.0.1:${HQ_PORT}`;
const ADMIN = 'e2e-admin-token-0123456789';

let hq: ChildProcess | undefined;
let dataDir = '';
let hqLog = '';

async function waitForHealth(ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(`${HQ}/v1/health`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    if (hq?.exitCode !== null && hq?.exitCode !== undefined) throw new Error(`HQ server exited (${hq.exitCode}):\n${hqLog}`);
    if (Date.now() > until) throw new Error(`HQ server did not answer /v1/health:\n${hqLog}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(`${HQ}${path}`, { method, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await r.json();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
  return json as T;
}

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bl-e2e-hq-'));
  hq = spawn('npx', ['tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(HQ_PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, HQ_ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group: afterAll stops npx, tsx and node together
  });
  hq.stdout?.on('data', (c: Buffer) => (hqLog += c.toString()));
  hq.stderr?.on('data', (c: Buffer) => (hqLog += c.toString()));
  await waitForHealth(60_000);
});

test.afterAll(async () => {
  if (hq?.pid && hq.exitCode === null) {
    const exited = new Promise((r) => hq!.once('exit', r));
    try {
      process.kill(-hq.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});


test('a branch enrols with a one-time code, syncs a new customer, and HQ holds it', async ({ page }) => {
  await createCompany(page, 'Sync Trading');
  await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'not_enrolled');
  await page.getByTestId('sync-badge').click();
  const branchId = (await page.getByTestId('sync-branch-id').textContent())!.trim();
  expect(branchId).not.toBe('');

  // HQ side: company, this branch (same id), a one-time code
  const co = await admin<{ id: string }>('POST', '/v1/admin/companies', { name: 'Sync Trading' });
  await admin('POST', '/v1/admin/branches', { companyId: co.id, code: 'SH', name: 'Shanghai', id: branchId });

  // a wrong code is refused with a translated message, nothing stored
  await page.locator('input[name="serverUrl"]').fill(HQ);
  await page.locator('input[name="code"]').fill('AAAA-BBBB-CCCC');
  await page.getByTestId('sync-enrol-submit').click();
  await expect(page.getByTestId('sync-enrol-error')).toContainText('The enrolment code is wrong, used or expired.');

  const { code } = await admin<{ code: string }>('POST', '/v1/admin/codes', { branchId });
  await page.locator('input[name="code"]').fill(code);
  await page.getByTestId('sync-enrol-submit').click();
  await expect(page.getByTestId('sync-enrolled')).toBeVisible();
  await expect(page.getByTestId('sync-branch')).toContainText(branchId);
  await expect(page.getByTestId('sync-scope')).toContainText('This branch');

  // work as usual, then sync now
  await page.getByTestId('nav-Customer').click();
  await page.getByTestId('list-new').click();
  await page.locator('input[name="customerName"]').fill('Synced Customer');
  await page.getByTestId('form-save').click();
  await expect(page.getByTestId('form-status')).toBeVisible();

  await page.getByTestId('nav-page-sync.settings').click();
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-result')).toContainText('Sent', { timeout: 60_000 });
  await expect(page.getByTestId('sync-pending')).toHaveText('0');
  await expect(page.getByTestId('sync-last-sync')).not.toHaveText('Never');
  // the chart of accounts this company installed is head office's (same template, same ids):
  // it is not pushed, nothing is refused, and the badge says synced
  await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'synced');

  // HQ has the customer: an HQ-scope device of the same company pulls it
  const all = await admin<{ code: string }>('POST', '/v1/admin/codes', { branchId, scope: 'all' });
  const enrolled = await fetch(`${HQ}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: all.code, deviceName: 'e2e-hq-desk' }) });
  expect(enrolled.status).toBe(200);
  const { token } = (await enrolled.json()) as { token: string };
  const pulled = await fetch(`${HQ}/v1/pull?after=0&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
  const page1 = (await pulled.json()) as { changes: { table: string; data: Record<string, unknown> | null }[] };
  const customers = page1.changes.filter((c) => c.table === 'customers').map((c) => c.data?.customerName);
  expect(customers).toContain('Synced Customer');

  // nothing was refused: the inbox is empty
  await page.getByTestId('nav-page-sync.inbox').click();
  await expect(page.getByTestId('sync-inbox-empty')).toBeVisible();
  await page.getByTestId('sync-badge').click();
  await expect(page.getByText(/Sync now|Sync conflicts/).first()).toBeVisible();
});

/** A delivery of `qty` of an item from the Shanghai store to a customer (a sale). */
async function deliver(page: Page, customer: string, itemName: RegExp, qty: string) {
  await newDoc(page, 'DeliveryNote');
  await pick(page, 'select-customer', customer.slice(0, 6), customer);
  const date = page.locator('input[name="postingDate"]');
  if (!(await date.inputValue())) await date.fill(new Date().toISOString().slice(0, 10));
  await pick(page, 'select-warehouse', 'Store', 'Shanghai Store');
  await firstRow(page, 'select-items.0.item', 'items');
  await pick(page, 'select-items.0.item', 'Last', itemName);
  await page.locator('input[name="items.0.qty"]').fill(qty);
  await save(page);
  await submit(page);
}

async function syncNow(page: Page) {
  await page.getByTestId('nav-page-sync.settings').click();
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-result')).toBeVisible({ timeout: 60_000 });
}

async function expectNegativeStockInInbox(page: Page) {
  await page.getByTestId('nav-page-sync.inbox').click();
  const rows = page.getByTestId('sync-inbox-table').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('the stock of an item in a warehouse is below zero (the last unit was sold twice)');
  await expect(rows.first().getByTestId('sync-detail-item')).toContainText('Last Widget');
  await expect(rows.first().getByTestId('sync-detail-warehouse')).toContainText('Shanghai Store');
  await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'attention');
}

test('two tills of a branch join from head office, both sell the last unit offline, all three see it, a stock count resolves it', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const co = await admin<{ id: string }>('POST', '/v1/admin/companies', { name: 'Two Tills Trading', baseCurrency: 'CNY', template: 'generic', country: 'CN' });
  const head = await admin<{ id: string }>('POST', '/v1/admin/branches', { companyId: co.id, code: 'HQ', name: 'Head office' });
  const sh = await admin<{ id: string }>('POST', '/v1/admin/branches', { companyId: co.id, code: 'SH', name: 'Shanghai' });
  const code = async (branchId: string, scope?: 'all') => (await admin<{ code: string }>('POST', '/v1/admin/codes', { branchId, ...(scope ? { scope } : {}) })).code;
  const open = async () => {
    const ctx = await browser.newContext({ baseURL, viewport: { width: 1400, height: 900 } });
    return { ctx, page: await ctx.newPage() };
  };

  // till 1 joins, sets up the item and receives the one unit there is
  const t1 = await open();
  await joinFromHq(t1.page, HQ, await code(sh.id), 'Two Tills Trading');
  await expect(t1.page.getByTestId('sync-scope')).toContainText('This branch');
  await newDoc(t1.page, 'Customer');
  await t1.page.locator('input[name="customerName"]').fill('Walk-in Customer');
  await save(t1.page);
  await item(t1.page, 'LW-1', 'Last Widget');
  await stockEntry(t1.page, 'Material receipt', 'LW-1', /Last Widget/, '1');
  await syncNow(t1.page);

  // till 2 joins the same branch and receives the branch's stock
  const t2 = await open();
  await joinFromHq(t2.page, HQ, await code(sh.id), 'Two Tills Trading');

  // the network is down; each till sells the last unit
  await t1.ctx.setOffline(true);
  await t2.ctx.setOffline(true);
  await deliver(t1.page, 'Walk-in Customer', /Last Widget/, '1');
  await deliver(t2.page, 'Walk-in Customer', /Last Widget/, '1');
  // till 2 numbers its documents apart (SH2-...), so the two deliveries never share a number
  await expect(t2.page.getByTestId('form-title')).toContainText('SH2-');
  await t1.ctx.setOffline(false);
  await t2.ctx.setOffline(false);
  await syncNow(t1.page);
  await syncNow(t2.page);
  await syncNow(t1.page);
  await expectNegativeStockInInbox(t1.page);
  await expectNegativeStockInInbox(t2.page);

  // head office sees it too: its desk joins with the all-branches scope
  const desk = await open();
  await joinFromHq(desk.page, HQ, await code(head.id, 'all'), 'Two Tills Trading');
  await expect(desk.page.getByTestId('sync-scope')).toContainText('All branches');
  await expectNegativeStockInInbox(desk.page);
  // consolidated books at head office, with a branch filter
  await desk.page.getByTestId('nav-page-books.trial-balance').click();
  const branch = desk.page.getByTestId('report-branch');
  await branch.selectOption({ label: 'SH · Shanghai' });
  const debit = desk.page.getByTestId('tb-total-periodDebit');
  await expect(debit).not.toHaveText(/^\D*0\.00$/);
  await expect(desk.page.getByTestId('tb-total-periodCredit')).toHaveText((await debit.textContent())!);
  await branch.selectOption({ label: 'HQ · Head office' });
  await expect(debit).toHaveText(/^\D*0\.00$/);

  // till 1 resolves it with a stock count: the shelf is empty, the book goes back to zero
  const row = t1.page.getByTestId('sync-inbox-table').locator('tbody tr').first();
  await row.getByRole('button', { name: 'Resolve' }).click();
  await t1.page.getByTestId('sync-resolution-stock_count').click();
  await t1.page.getByTestId('sync-resolve-confirm').click();
  await expect(t1.page.locator('input[name="items.0.countedQty"]')).toHaveValue('0');
  await submit(t1.page);
  await t1.page.getByTestId('nav-page-sync.inbox').click();
  await expect(t1.page.getByTestId('sync-inbox-empty')).toBeVisible();
  await t1.page.getByTestId('sync-inbox-filter').getByText('Resolved', { exact: true }).click();
  await expect(t1.page.getByTestId('sync-inbox-table').locator('tbody tr').first()).toContainText('Make a stock count to correct it');
  await t1.page.screenshot({ path: 'test-results/sync-two-tills-resolved.png', fullPage: true });
  for (const c of [t1, t2, desk]) await c.ctx.close();
});

test('a branch edits an account of head office’s chart as a change request; head office approves it and the branch gets it', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const co = await admin<{ id: string }>('POST', '/v1/admin/companies', { name: 'Request Trading', baseCurrency: 'CNY', template: 'generic', country: 'CN' });
  const head = await admin<{ id: string }>('POST', '/v1/admin/branches', { companyId: co.id, code: 'HQ', name: 'Head office' });
  const sh = await admin<{ id: string }>('POST', '/v1/admin/branches', { companyId: co.id, code: 'SH', name: 'Shanghai' });
  const code = async (branchId: string, scope?: 'all') => (await admin<{ code: string }>('POST', '/v1/admin/codes', { branchId, ...(scope ? { scope } : {}) })).code;
  const open = async () => (await browser.newContext({ baseURL, viewport: { width: 1400, height: 900 } })).newPage();

  const desk = await open();
  // a wrong address is said plainly, and nothing is created
  await desk.goto('/');
  await desk.getByTestId('company-join').click();
  await desk.locator('input[name="serverUrl"]').fill('http://127.0.0.1:9');
  await desk.locator('input[name="code"]').fill('AAAA-BBBB-CCCC');
  await desk.getByTestId('join-check').click();
  await expect(desk.getByTestId('join-error')).toContainText('Head office cannot be reached at this address.');
  await joinFromHq(desk, HQ, await code(head.id, 'all'), 'Request Trading');
  const till = await open();
  await joinFromHq(till, HQ, await code(sh.id), 'Request Trading');

  // at the branch the chart is head office's: the form sends edits as a request
  await till.getByTestId('nav-Account').click();
  await till.getByTestId('list-search').fill('1110');
  await till.locator('[data-testid^="list-row-"]').filter({ hasText: '1110' }).first().click();
  await expect(till.getByTestId('form-hq-managed')).toBeVisible();
  await expect(till.getByTestId('form-save')).toHaveCount(0);
  await till.locator('input[name="accountName"]').fill('Cash in tills');
  await till.getByTestId('form-request-change').click();
  await till.getByTestId('form-request-reason').fill('Each shop keeps its cash in the tills');
  await till.getByTestId('form-request-confirm').click();
  await expect(till.locator('input[name="accountName"]')).toHaveValue('Cash');
  await syncNow(till);

  // head office approves it
  await syncNow(desk);
  await desk.getByTestId('nav-page-sync.changes').click();
  const row = desk.locator('[data-testid^="cr-row-SH-CR-"]').first();
  await expect(row).toContainText('Cash → Cash in tills');
  await expect(row).toContainText('Each shop keeps its cash in the tills');
  await row.locator('[data-testid^="cr-approve-"]').click();
  await desk.getByTestId('cr-confirm').click();
  await expect(desk.getByTestId('cr-empty')).toBeVisible();
  await syncNow(desk);

  // the branch sees the answer and the renamed account
  await syncNow(till);
  await till.getByTestId('nav-page-sync.changes').click();
  await till.getByTestId('cr-filter').getByText('All', { exact: true }).click();
  await expect(till.locator('[data-testid^="cr-status-SH-CR-"]').first()).toHaveText('Approved');
  await till.getByTestId('nav-Account').click();
  await till.getByTestId('list-search').fill('1110');
  await expect(till.locator('[data-testid^="list-row-"]').filter({ hasText: 'Cash in tills' })).toHaveCount(1);
  await till.screenshot({ path: 'test-results/sync-change-request.png', fullPage: true });
  for (const p of [desk, till]) await p.context().close();
});
