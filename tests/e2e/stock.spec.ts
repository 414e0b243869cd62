/**
 * Stock flows in web mode, as people do them:
 * - a new company has its branch's warehouses;
 * - a warehouse clerk receives part of a purchase order from the Receive page, inspects it
 *   (one reading out of range, part rejected), posts the receipt, sees accepted stock in the
 *   store and rejected stock in the rejected warehouse, issues some, and finds the low-stock
 *   alert in the notification centre and on the low-stock card;
 * - a sales user's order reserves stock and the delivery made from it on the Deliver page
 *   takes the stock out;
 * - reorder suggestions become a draft purchase order.
 * Run on its own build: `npx vite build --outDir /tmp/dist-stock && E2E_DIST=/tmp/dist-stock
 * E2E_PORT=4183 npx playwright test tests/e2e/stock.spec.ts`.
 */
import { test, expect, type Page } from '@playwright/test';
import { createCompany, login, addUser, pick, newDoc, save, submit, firstRow, item, stockEntry } from '../fixtures/e2e';

async function supplier(page: Page, name: string) {
  await newDoc(page, 'Supplier');
  await page.locator('input[name="supplierName"]').fill(name);
  await save(page);
}

test('a new company has its default warehouses in the Stock module', async ({ page }) => {
  await createCompany(page, 'Chayu Trading');
  await expect(page.getByTestId('nav-module-stock')).toBeVisible();
  await page.getByTestId('nav-Warehouse').click();
  for (const name of ['Shanghai Store', 'Shanghai Backroom', 'Shanghai In transit', 'Shanghai Rejected']) await expect(page.getByText(name, { exact: true })).toBeVisible();
  await expect(page.getByTestId('nav-StockEntry')).toBeVisible();
  await expect(page.getByTestId('nav-PurchaseOrder')).toBeVisible();
  await expect(page.getByTestId('nav-SalesOrder')).toBeVisible();
  await expect(page.getByTestId('nav-QualityInspection')).toBeVisible();
});

test('a warehouse clerk receives part of an order, rejects some on inspection, and sees stock and the low-stock alert', async ({ page }) => {
  test.setTimeout(240_000);
  const company = 'Xihu Tea House';
  await createCompany(page, company);
  await addUser(page, 'wang', 'Wang Fang', 'Warehouse');
  // the buyer's side (administrator): supplier, item needing inspection, template, order
  await supplier(page, 'Hangzhou Tea Garden');
  await item(page, 'TEA-100', 'Green tea 100g', { inspect: true, reorder: ['50', '100'] });
  await newDoc(page, 'InspectionTemplate');
  await page.locator('input[name="templateName"]').fill('Tea leaves');
  await firstRow(page, 'parameters.0.parameter', 'parameters');
  await page.locator('input[name="parameters.0.parameter"]').fill('Moisture');
  await page.locator('input[name="parameters.0.minValue"]').fill('3');
  await page.locator('input[name="parameters.0.maxValue"]').fill('7');
  await page.locator('input[name="parameters.0.unit"]').fill('%');
  await save(page);
  await newDoc(page, 'PurchaseOrder');
  await pick(page, 'select-supplier', 'Hangzhou', 'Hangzhou Tea Garden');
  await firstRow(page, 'select-items.0.item', 'items');
  await pick(page, 'select-items.0.item', 'Green', /Green tea 100g/);
  await page.locator('input[name="items.0.qty"]').fill('100');
  await save(page);
  await submit(page);

  // --- the warehouse clerk receives 80 of the 100 ordered
  await login(page, company, 'wang', 'wang-pass-1');
  await expect(page.getByTestId('nav-PurchaseOrder')).toBeVisible();
  await page.getByTestId('nav-page-stock.receive').click();
  await page.locator('[data-testid^="receive-make-"]').first().click();
  await expect(page.locator('input[name="items.0.qty"]')).toHaveValue('100');
  await page.locator('input[name="items.0.qty"]').fill('80');
  await save(page);
  // without an inspection the receipt is refused
  await page.getByTestId('form-submit').click();
  await expect(page.getByText(/must pass a quality inspection/).first()).toBeVisible();

  // --- inspection: moisture 8.5 % is out of range; 10 rejected
  await newDoc(page, 'QualityInspection');
  await pick(page, 'select-purchaseReceipt', 'GRN', /GRN/);
  await pick(page, 'select-item', 'Green', /Green tea 100g/);
  await pick(page, 'select-template', 'Tea', 'Tea leaves');
  await save(page);
  await expect(page.locator('input[name="readings.0.parameter"]')).toHaveValue('Moisture');
  await page.locator('input[name="readings.0.reading"]').fill('8.5');
  await page.locator('input[name="acceptedQty"]').fill('');
  await page.locator('input[name="rejectedQty"]').fill('10');
  await page.locator('textarea[name="remarks"]').fill('Two bags damp');
  await save(page);
  await expect(page.locator('input[name="flagged"]')).toBeChecked();
  await expect(page.locator('input[name="acceptedQty"]')).toHaveValue('70');
  await submit(page);
  await expect(page.locator('input[name="inspector"]')).toHaveValue('Wang Fang');

  // --- the receipt now posts: 70 to the store, 10 to the rejected warehouse
  await page.getByTestId('nav-PurchaseReceipt').click();
  await page.locator('[data-testid^="list-row-"]').first().click();
  await submit(page);
  await page.getByTestId('nav-page-stock.balance').click();
  await expect(page.getByTestId('stock-row-TEA-100-Shanghai Store')).toContainText('70');
  await expect(page.getByTestId('stock-row-TEA-100-Shanghai Rejected')).toContainText('10');
  await expect(page.getByTestId('stock-row-TEA-100-Shanghai Store')).toContainText('20'); // still ordered

  // --- issuing 25 takes the store to 45, below the reorder level of 50
  await stockEntry(page, 'Material issue', 'Green', /Green tea 100g/, '25');
  await page.getByTestId('nav-page-stock.balance').click();
  await expect(page.getByTestId('stock-row-TEA-100-Shanghai Store')).toContainText('45');
  await expect(page.getByTestId('low-stock-card')).toContainText('TEA-100');
  await page.getByTestId('notices-open').click();
  await expect(page.getByTestId('notice-item').filter({ hasText: 'is down to 45 (reorder level 50)' })).toBeVisible();

  // --- the ledger of the item shows the receipt split and the issue
  await page.keyboard.press('Escape');
  await page.getByTestId('stock-row-TEA-100-Shanghai Store').click();
  await expect(page.getByTestId('ledger-row')).toHaveCount(3);
});

test('a sales order reserves stock and the delivery made from it takes the stock out', async ({ page }) => {
  test.setTimeout(180_000);
  const company = 'Jiangnan Foods';
  await createCompany(page, company);
  await addUser(page, 'lily', 'Lily Wang', 'Sales');
  await item(page, 'RICE-5', 'Rice 5kg');
  await stockEntry(page, 'Material receipt', 'Rice', /Rice 5kg/, '30');
  await newDoc(page, 'Customer');
  await page.locator('input[name="customerName"]').fill('Corner Shop');
  await save(page);

  await login(page, company, 'lily', 'lily-pass-1');
  await newDoc(page, 'SalesOrder');
  await pick(page, 'select-customer', 'Corner', 'Corner Shop');
  await firstRow(page, 'select-items.0.item', 'items');
  await pick(page, 'select-items.0.item', 'Rice', /Rice 5kg/);
  await page.locator('input[name="items.0.qty"]').fill('12');
  await save(page);
  await submit(page);
  await page.getByTestId('nav-page-stock.balance').click();
  const row = page.getByTestId('stock-row-RICE-5-Shanghai Store');
  await expect(row.locator('td').nth(2)).toContainText('30');
  await expect(row.locator('td').nth(3)).toContainText('12'); // reserved
  await expect(row.locator('td').nth(5)).toContainText('18'); // projected

  await page.getByTestId('nav-page-stock.deliver').click();
  await page.locator('[data-testid^="deliver-make-"]').first().click();
  await expect(page.locator('input[name="items.0.qty"]')).toHaveValue('12');
  await submit(page);
  await page.getByTestId('nav-page-stock.balance').click();
  await expect(row.locator('td').nth(2)).toContainText('18');
  await expect(row.locator('td').nth(3)).toHaveText('0');
});

test('reorder suggestions become a draft purchase order for the default supplier', async ({ page }) => {
  test.setTimeout(180_000);
  await createCompany(page, 'Reorder Co');
  await supplier(page, 'Ningbo Packaging');
  await item(page, 'BOX-1', 'Gift box', { reorder: ['20', '100'], supplier: 'Ningbo Packaging' });
  await page.getByTestId('nav-page-stock.reorder').click();
  await expect(page.getByTestId('reorder-table')).toContainText('BOX-1');
  await page.getByTestId('reorder-create-pos').click();
  // drafts do not count as ordered until submitted: the suggestion stays until the order is
  await expect(page.getByText('1 draft purchase orders created.')).toBeVisible();
  await page.getByTestId('nav-PurchaseOrder').click();
  await expect(page.locator('[data-testid^="list-row-"]').filter({ hasText: 'Ningbo Packaging' })).toHaveCount(1);
  await page.locator('[data-testid^="list-row-"]').first().click();
  await expect(page.locator('input[name="items.0.qty"]')).toHaveValue('100');
});
