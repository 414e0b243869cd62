/**
 * Stock flows in web mode, as a person would: a new company comes with its branch's warehouses
 * (store, backroom, in transit, rejected), listed under Stock in the sidebar.
 * Run on its own port: `npx vite build && E2E_PORT=4181 npx playwright test tests/e2e/stock.spec.ts`.
 */
import { test, expect } from '@playwright/test';

test('a new company has its default warehouses in the Stock module', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('company-create').click();
  await page.locator('input[name="name"]').fill('Chayu Trading');
  await page.locator('input[name="branchCode"]').fill('SH');
  await page.locator('input[name="branchName"]').fill('Shanghai');
  await page.locator('input[name="username"]').fill('admin');
  await page.locator('input[name="password"]').fill('admin-pass-1');
  await page.locator('input[name="passwordConfirm"]').fill('admin-pass-1');
  await page.getByTestId('company-submit').click();
  await expect(page.getByTestId('nav-users')).toBeVisible();

  await expect(page.getByTestId('nav-module-stock')).toBeVisible();
  await page.getByTestId('nav-Warehouse').click();
  for (const name of ['Shanghai Store', 'Shanghai Backroom', 'Shanghai In transit', 'Shanghai Rejected']) await expect(page.getByText(name, { exact: true })).toBeVisible();
  await expect(page.getByTestId('nav-StockEntry')).toBeVisible();
  await expect(page.getByTestId('nav-PurchaseOrder')).toBeVisible();
  await expect(page.getByTestId('nav-SalesOrder')).toBeVisible();
});
