/**
 * CRM flows in web mode, as a sales team would work:
 * the administrator sets up a territory and an assignment rule (generic forms), a "Sales
 * Manager" role granting 'admin' on crm (roles page), a rep and a manager (users page), an item
 * with stock (Stock Entry material receipt) and imports a lead from CSV (Lead list): the rule
 * gives it to the rep. The rep qualifies and converts it on the lead desk, quotes with the stock
 * per warehouse visible and a discount above the rep limit, so the quote waits for approval;
 * the manager approves it; the rep submits it and turns it into a sales order; customer 360
 * shows the order.
 * Run on its own build and port:
 *   npx vite build --outDir /tmp/dist-crm && E2E_DIST=/tmp/dist-crm E2E_PORT=4184 npx playwright test tests/e2e/crm.spec.ts
 */
import { test, expect, type Page } from '@playwright/test';
import { createCompany, login, addUser, pick, newDoc, save, ADMIN_PASSWORD } from '../fixtures/e2e';

const COMPANY = 'Chayu Trading';







test('a lead from a CSV import goes to the rep, becomes a customer, is quoted with stock, approved and ordered', async ({ page }) => {
  test.setTimeout(240_000);
  await createCompany(page, COMPANY);

  // --- the administrator sets up the team
  await page.getByTestId('nav-roles').click();
  await page.getByTestId('role-create').click();
  const role = page.getByTestId('role-form');
  await role.locator('input[name="name"]').fill('Sales Manager');
  for (const r of ['read', 'create', 'edit', 'submit', 'cancel', 'export', 'admin']) await role.getByTestId(`right-crm-${r}`).check();
  for (const m of ['masters', 'selling', 'stock']) await role.getByTestId(`right-${m}-read`).check();
  await role.getByTestId('role-save').click();
  await expect(page.getByTestId('role-item-Sales Manager')).toBeVisible();
  await addUser(page, 'lily', 'Lily Wang', 'Sales');
  await addUser(page, 'mark', 'Mark Chen', 'Sales Manager');

  await newDoc(page, 'Territory');
  await page.locator('input[name="territoryName"]').fill('East China');
  await save(page);

  // reps are entered by user name (stored as the user's id)
  await newDoc(page, 'AssignmentRule');
  await page.locator('input[name="ruleName"]').fill('East China leads');
  await pick(page, 'select-matchTerritory', 'East', 'East China');
  await page.getByTestId('table-add-reps').click();
  await page.locator('input[name="reps.0.user"]').fill('lily');
  await save(page);

  // --- an item with stock in the Shanghai store
  await newDoc(page, 'Item');
  await page.locator('input[name="itemCode"]').fill('LJ-250');
  await page.locator('input[name="itemName"]').fill('Longjing tea 250g');
  await page.locator('input[name="salePrice"]').fill('120');
  await save(page);

  await newDoc(page, 'StockEntry');
  const date = page.locator('input[name="postingDate"]');
  if (!(await date.inputValue())) await date.fill(new Date().toISOString().slice(0, 10));
  await pick(page, 'select-toWarehouse', 'Store', 'Shanghai Store');
  if ((await page.getByTestId('select-items.0.item').count()) === 0) await page.getByTestId('table-add-items').click();
  await pick(page, 'select-items.0.item', 'Longjing', /Longjing tea 250g/);
  await page.locator('input[name="items.0.qty"]').fill('20');
  await page.locator('input[name="items.0.rate"]').fill('50');
  await save(page);
  await page.getByTestId('form-submit').click();
  await expect(page.getByTestId('form-status')).toContainText('Submitted');

  // --- a lead arrives by CSV import and is assigned by the rule
  await page.getByTestId('nav-Lead').click();
  const csv = 'Name,Company,Email,Mobile,Territory,Source,Product interest\nZhou Jie,苏州茶语贸易有限公司,zhou@chayu.cn,13800138000,East China,import,Longjing\n';
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('list-import').click()]);
  await chooser.setFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(page.getByTestId('import-summary')).toBeVisible();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByText('苏州茶语贸易有限公司')).toBeVisible();

  // --- the rep finds it on the lead desk, qualifies and converts it
  await login(page, COMPANY, 'lily', 'lily-pass-1');
  await page.getByTestId('nav-page-crm.leads').click();
  const row = page.locator('[data-testid^="crm-lead-row-"]').filter({ hasText: 'Zhou Jie' });
  await row.click();
  await expect(page.getByTestId('crm-lead-owner')).toContainText('Lily Wang');
  await page.getByTestId('crm-lead-qualify').click();
  await expect(page.getByTestId('crm-lead-status')).toHaveText('Qualified');
  await page.getByTestId('crm-lead-convert').click();
  await expect(page.getByTestId('crm-lead-converted')).toBeVisible();
  await expect(page.getByTestId('crm-lead-status')).toHaveText('Converted');

  // --- and quotes, seeing the stock per warehouse; 15 % is above the 10 % rep limit
  await page.getByTestId('crm-lead-quote').click();
  await expect(page.getByTestId('select-customer')).toHaveValue('苏州茶语贸易有限公司');
  await pick(page, 'select-items.0.item', 'Longjing', /Longjing tea 250g/);
  await expect(page.getByTestId('crm-stock-0')).toContainText('Shanghai Store: 20');
  await page.locator('input[name="items.0.qty"]').fill('5');
  await page.locator('input[name="items.0.discountPercent"]').fill('15');
  await page.getByTestId('crm-quote-save').click();
  await expect(page.getByTestId('crm-quote-approval')).toHaveText('Pending approval');
  await expect(page.getByTestId('crm-quote-submit')).toBeDisabled();
  await expect(page.getByTestId('crm-quote-total')).toContainText('510.00');
  const quoteNo = (await page.getByTestId('crm-quote-number').textContent())!.trim();
  expect(quoteNo).toMatch(/QTN/);

  // --- the manager approves
  await login(page, COMPANY, 'mark', 'mark-pass-1');
  await page.getByTestId('nav-page-crm.approvals').click();
  await page.getByTestId(`crm-approve-${quoteNo}`).click();
  await expect(page.getByTestId('crm-approvals-empty')).toBeVisible();

  // --- the rep submits it and turns it into a sales order; customer 360 shows the order
  await login(page, COMPANY, 'lily', 'lily-pass-1');
  await page.getByTestId('nav-page-crm.quote').click();
  await page.getByTestId(`crm-quote-row-${quoteNo}`).click();
  await expect(page.getByTestId('crm-quote-approval')).toHaveText('Approved');
  await page.getByTestId('crm-quote-submit').click();
  await expect(page.getByTestId('crm-quote-status')).toHaveText('Submitted');
  await page.getByTestId('crm-quote-order').click();
  await expect(page.getByTestId('crm-quote-order-done')).toBeVisible();
  const orderNo = (await page.getByTestId('crm-quote-order-done').getByRole('button').first().textContent())!.trim();
  expect(orderNo).toMatch(/SO/);
  await page.getByTestId('crm-quote-open-360').click();
  await expect(page.getByTestId('crm-360-name')).toHaveText('苏州茶语贸易有限公司');
  await expect(page.getByTestId('crm-360-SalesOrder')).toContainText(orderNo);
  await expect(page.getByTestId('crm-360-Quote')).toContainText(quoteNo);
  await expect(page.getByTestId('crm-360-Contact')).toContainText('Zhou Jie');

  // the generic quote form leads back to the quoting screen
  await page.getByTestId('nav-Quote').click();
  await page.getByTestId(`list-row-${quoteNo}`).click();
  await page.getByTestId('form-action-quoting').click();
  await expect(page.getByTestId('crm-quote-status')).toHaveText('Submitted');

  // a saved segment lists its members and exports them
  await newDoc(page, 'Segment');
  await page.locator('input[name="segmentName"]').fill('Suzhou tea buyers');
  await page.getByTestId('table-add-conditions').click();
  await page.locator('input[name="conditions.0.field"]').fill('customerName');
  await page.locator('input[name="conditions.0.value"]').fill('苏州茶语贸易有限公司');
  await save(page);
  await page.getByTestId('form-action-segment-members').click();
  await expect(page.getByTestId('crm-segment-count')).toHaveText('1 members');
  await expect(page.getByTestId('crm-segment-table')).toContainText('苏州茶语贸易有限公司');
  // a sales rep may not export customers; the administrator may
  await expect(page.getByTestId('crm-segment-export')).toBeDisabled();
  await login(page, COMPANY, 'admin', ADMIN_PASSWORD);
  await page.getByTestId('nav-page-crm.segments').click();
  await page.getByTestId('crm-segment-pick').click();
  await page.getByRole('option', { name: /Suzhou tea buyers/ }).click();
  await expect(page.getByTestId('crm-segment-count')).toHaveText('1 members');
  const download = page.waitForEvent('download');
  await page.getByTestId('crm-segment-export').click();
  expect((await download).suggestedFilename()).toBe('Suzhou tea buyers.csv');
});
