/**
 * CRM flows in web mode, as a person would: create a company, add a lead through the generic
 * form (the Lead list is offered in the sidebar to an administrator), and see it in the list.
 * Run on its own port: `npx vite build && E2E_PORT=4180 npx playwright test tests/e2e/crm.spec.ts`.
 */
import { test, expect } from '@playwright/test';

test('an administrator records a lead and finds it in the lead list', async ({ page }) => {
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

  await page.getByTestId('nav-Lead').click();
  await page.getByTestId('list-new').click();
  await page.locator('input[name="leadName"]').fill('Zhou Jie');
  await page.locator('input[name="companyName"]').fill('苏州茶语贸易有限公司');
  await page.locator('input[name="email"]').fill('zhou@chayu.cn');
  await page.getByTestId('form-save').click();
  await expect(page.getByTestId('form-status')).toBeVisible();
  await expect(page.locator('input[name="leadName"]')).toHaveValue('Zhou Jie');
  await page.getByTestId('nav-Lead').click();
  await expect(page.getByText('苏州茶语贸易有限公司')).toBeVisible();
});
