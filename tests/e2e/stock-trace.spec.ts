/**
 * Serial traceability in web mode, as a warehouse manager does it: a serial-tracked item is
 * received with its serial numbers on a stock entry, one serial is delivered to a customer, and
 * the Serial / batch trace page shows its two movements, that it was delivered to that customer,
 * and opens the delivery note from its link.
 * Run on its own build: `npx vite build --outDir /tmp/dist-trace && E2E_DIST=/tmp/dist-trace
 * E2E_PORT=4132 npx playwright test tests/e2e/stock-trace.spec.ts`.
 */
import { test, expect } from '@playwright/test';
import { createCompany, pick, newDoc, save, submit, firstRow } from '../fixtures/e2e';

test('a serial received on a stock entry and delivered to a customer is traced to that customer', async ({ page }) => {
  test.setTimeout(180_000);
  await createCompany(page, 'Lakeside Phones');
  const today = new Date().toISOString().slice(0, 10);

  await newDoc(page, 'Item');
  await page.locator('input[name="itemCode"]').fill('PH-1');
  await page.locator('input[name="itemName"]').fill('Desk phone');
  await page.locator('input[name="purchasePrice"]').fill('100');
  await page.locator('input[name="salePrice"]').fill('150');
  await page.locator('input[name="hasSerial"]').check();
  await save(page);

  // receive two phones with their serial numbers
  await newDoc(page, 'StockEntry');
  const date = page.locator('input[name="postingDate"]');
  if (!(await date.inputValue())) await date.fill(today);
  await pick(page, 'select-toWarehouse', 'Store', 'Shanghai Store');
  await firstRow(page, 'select-items.0.item', 'items');
  await pick(page, 'select-items.0.item', 'PH-1', /Desk phone/);
  await page.locator('input[name="items.0.qty"]').fill('2');
  await page.locator('input[name="items.0.rate"]').fill('100');
  await page.locator('textarea[name="items.0.serials"]').fill('SN-100, SN-101');
  await save(page);
  await submit(page);
  await expect(page.getByTestId('tracking-panel')).toContainText('SN-100');

  // deliver one of them
  await newDoc(page, 'Customer');
  await page.locator('input[name="customerName"]').fill('Corner Cafe');
  await save(page);
  await newDoc(page, 'DeliveryNote');
  await pick(page, 'select-customer', 'Corner', 'Corner Cafe');
  const dnDate = page.locator('input[name="postingDate"]');
  if (!(await dnDate.inputValue())) await dnDate.fill(today);
  await firstRow(page, 'select-items.0.item', 'items');
  await pick(page, 'select-items.0.item', 'PH-1', /Desk phone/);
  await page.locator('input[name="items.0.qty"]').fill('1');
  await page.locator('input[name="items.0.rate"]').fill('150');
  await page.locator('textarea[name="items.0.serials"]').fill('SN-100');
  await save(page);
  await submit(page);

  // trace it
  await page.getByTestId('nav-page-stock.trace').click();
  await page.getByTestId('trace-query').fill('SN-100');
  await page.getByTestId('trace-go').click();
  await expect(page.getByTestId('trace-status')).toContainText('Delivered to Corner Cafe');
  await expect(page.getByTestId('trace-row')).toHaveCount(2);
  await expect(page.getByTestId('trace-row').first()).toContainText('Stock entry');
  await expect(page.getByTestId('trace-row').first()).toContainText('Shanghai Store');
  await expect(page.getByTestId('trace-row').nth(1)).toContainText('Delivery note');
  await page.getByTestId('trace-row').nth(1).locator('[data-testid^="trace-doc-"]').click();
  await expect(page.getByTestId('form-status')).toContainText('Submitted');
  await expect(page.locator('textarea[name="items.0.serials"]')).toHaveValue('SN-100');

  // the other one is still in the store; an unknown number says so
  await page.getByTestId('nav-page-stock.trace').click();
  await page.getByTestId('trace-query').fill('SN-101');
  await page.getByTestId('trace-go').click();
  await expect(page.getByTestId('trace-status')).toContainText('In stock in Shanghai Store');
  await page.getByTestId('trace-query').fill('SN-999');
  await page.getByTestId('trace-go').click();
  await expect(page.getByTestId('trace-none')).toBeVisible();
});
