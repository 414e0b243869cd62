/**
 * Branch -> head office, as a person would do it in web mode: start a real HQ server, create a
 * company in the browser, register its branch at HQ (admin API) with the branch id the sync
 * page shows, enrol with the one-time code, create a customer, "Sync now", and check HQ holds
 * the customer (pulled by an HQ-scope device). Also: the badge, a wrong code, the empty inbox.
 */
import { test, expect, type Page } from '@playwright/test';
import { createCompany } from '../fixtures/e2e';
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
  await expect(page.getByTestId('sync-result')).toContainText('Sent');
  await expect(page.getByTestId('sync-pending')).toHaveText('0');
  await expect(page.getByTestId('sync-last-sync')).not.toHaveText('Never');
  // a new company seeds head-office data (chart of accounts) that a branch device may not
  // write: HQ refuses those changes, they wait in the inbox and the badge asks for attention
  await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', /synced|attention/);

  // HQ has the customer: an HQ-scope device of the same company pulls it
  const all = await admin<{ code: string }>('POST', '/v1/admin/codes', { branchId, scope: 'all' });
  const enrolled = await fetch(`${HQ}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: all.code, deviceName: 'e2e-hq-desk' }) });
  expect(enrolled.status).toBe(200);
  const { token } = (await enrolled.json()) as { token: string };
  const pulled = await fetch(`${HQ}/v1/pull?after=0&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
  const page1 = (await pulled.json()) as { changes: { table: string; data: Record<string, unknown> | null }[] };
  const customers = page1.changes.filter((c) => c.table === 'customers').map((c) => c.data?.customerName);
  expect(customers).toContain('Synced Customer');

  // the inbox lists what HQ refused, translated, with the suggested resolution
  await page.getByTestId('nav-page-sync.inbox').click();
  const rows = page.getByTestId('sync-inbox-table').locator('tbody tr');
  const before = await rows.count();
  test.info().annotations.push({ type: 'refused changes', description: String(before) });
  if (before > 0) {
    await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'attention');
    const first = rows.first();
    await expect(first).toContainText('Refused by head office');
    await expect(first).toContainText('Review the refused change and re-enter it the right way.');
    await first.getByRole('button', { name: 'Resolve' }).click();
    await page.getByTestId('sync-resolution-discard').click();
    await page.getByTestId('sync-resolve-confirm').click();
    await expect(rows).toHaveCount(before - 1);
    await page.getByTestId('sync-inbox-filter').getByText('Resolved', { exact: true }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Resolved: Discard the local change');
  } else {
    await expect(page.getByTestId('sync-inbox-empty')).toBeVisible();
  }
  await page.getByTestId('sync-badge').click();
  await expect(page.getByText(/Sync now|Sync conflicts/).first()).toBeVisible();
});
