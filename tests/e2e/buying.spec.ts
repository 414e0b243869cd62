/**
 * Buying additions in web mode, as a person would use them:
 * - the stock settings switch turns automatic reorder on; an issue below the reorder level makes
 *   a draft purchase order for the item's default supplier, announced in the notification centre;
 * - an item image added on the item form shows as a thumbnail there, in the item list and in the
 *   item type-ahead;
 * - a supplier quotation is submitted, compared (cheapest) and turned into a draft purchase order
 *   at the quoted rate, linked back;
 * - sales analytics from delivery notes, by item, with the chart and a CSV export.
 * Run on its own build: `npx vite build --outDir /tmp/dist-buy && E2E_DIST=/tmp/dist-buy
 * E2E_PORT=4187 npx playwright test tests/e2e/buying.spec.ts`.
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createCompany, pick, newDoc, save, submit, firstRow, item, stockEntry } from '../fixtures/e2e';

/** An 8 x 8 red PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAEklEQVR4nGM4oaHxHx9mGBkKAOdkhcFs8Kk4AAAAAElFTkSuQmCC', 'base64');

async function supplier(page: Page, name: string) {
  await newDoc(page, 'Supplier');
  await page.locator('input[name="supplierName"]').fill(name);
  await save(page);
}

test('automatic reorder, item images, a quotation made into an order, sales analytics', async ({ page }) => {
  test.setTimeout(300_000);
  await createCompany(page, 'Lotus Paper Goods');
  const today = new Date().toISOString().slice(0, 10);

  // --- stock settings: automatic reorder on
  await page.getByTestId('nav-page-stock.settings').click();
  // Mantine 9's switch input lies over its label (the label does not take the click)
  await page.getByTestId('stock-settings-auto-reorder').check();
  await expect(page.getByTestId('stock-settings-auto-reorder')).toBeChecked();
  await page.getByTestId('stock-settings-save').click();
  await expect(page.getByText('Settings saved').first()).toBeVisible();

  await supplier(page, 'Ningbo Packaging');
  await item(page, 'CUP-8', 'Paper cup 8oz', { reorder: ['10', '50'], supplier: 'Ningbo Packaging', price: '0.50' });

  // --- an image on the item form (the saved item is open), then in the item list
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('item-image-add').click()]);
  await chooser.setFiles({ name: 'cup.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByTestId('item-image-cup.png').getByTestId('item-image-thumb')).toBeVisible();
  await page.getByTestId('nav-Item').click();
  await expect(page.getByTestId('list-thumb-CUP-8')).toBeVisible();

  // --- receive 12, issue 4: projected 8 <= 10 -> a draft order for Ningbo Packaging
  await stockEntry(page, 'Material receipt', 'CUP', /Paper cup 8oz/, '12');
  await stockEntry(page, 'Material issue', 'CUP', /Paper cup 8oz/, '4');
  await page.getByTestId('notices-open').click();
  await expect(page.getByTestId('notice-item').filter({ hasText: /Automatic reorder: draft purchase order .+ for Ningbo Packaging/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByTestId('nav-PurchaseOrder').click();
  await expect(page.locator('[data-testid^="list-row-"]')).toHaveCount(1);
  await page.locator('[data-testid^="list-row-"]').first().click();
  await expect(page.locator('input[name="autoReorder"]')).toBeChecked();
  await expect(page.locator('input[name="items.0.qty"]')).toHaveValue('50');

  // --- a supplier quotation; the item type-ahead shows the picture
  await newDoc(page, 'SupplierQuotation');
  await pick(page, 'select-supplier', 'Ningbo', 'Ningbo Packaging');
  await firstRow(page, 'select-items.0.item', 'items');
  const itemInput = page.getByTestId('select-items.0.item');
  await itemInput.click();
  await itemInput.fill('CUP');
  const option = page.getByRole('option', { name: /Paper cup 8oz/ }).first();
  await expect(option.locator('img')).toBeVisible();
  await option.click();
  await page.locator('input[name="items.0.qty"]').fill('100');
  await page.locator('input[name="items.0.rate"]').fill('0.45');
  await page.locator('input[name="items.0.leadTimeDays"]').fill('5');
  await save(page);
  await submit(page);
  await expect(page.getByTestId('quotation-panel')).toBeVisible();

  // --- compare: the only valid offer is the cheapest; order it
  await page.getByTestId('nav-page-buying.compare').click();
  await expect(page.getByTestId('compare-item-CUP-8').getByTestId('offer-cheapest')).toBeVisible();
  await page.locator('[data-testid^="compare-order-"]').first().click();
  await expect(page.getByTestId('form-status')).toContainText('Draft');
  await expect(page.locator('input[name="items.0.rate"]')).toHaveValue('0.45');
  await expect(page.getByTestId('select-supplierQuotation')).toHaveValue(/SQ/);

  // --- a delivery, then sales analytics from delivery notes by item, exported
  await newDoc(page, 'Customer');
  await page.locator('input[name="customerName"]').fill('Corner Cafe');
  await save(page);
  await newDoc(page, 'DeliveryNote');
  await pick(page, 'select-customer', 'Corner', 'Corner Cafe');
  const date = page.locator('input[name="postingDate"]');
  if (!(await date.inputValue())) await date.fill(today);
  await firstRow(page, 'select-items.0.item', 'items');
  await pick(page, 'select-items.0.item', 'CUP', /Paper cup 8oz/);
  await page.locator('input[name="items.0.qty"]').fill('2');
  await page.locator('input[name="items.0.rate"]').fill('1.20');
  await save(page);
  await submit(page);

  await page.getByTestId('nav-page-buying.sales-analytics').click();
  await page.getByTestId('analytics-source').getByText('Delivery notes', { exact: true }).click();
  await page.getByTestId('analytics-group').getByText('Item', { exact: true }).click();
  await expect(page.getByTestId('analytics-row-CUP-8')).toContainText('2.40');
  await expect(page.getByTestId('analytics-total-net')).toContainText('2.40');
  await expect(page.getByTestId('analytics-chart')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export-csv').click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain('CUP-8 Paper cup 8oz');
  expect(csv).toContain('2.40');
});
