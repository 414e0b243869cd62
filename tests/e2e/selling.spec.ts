/**
 * Selling flow in web mode, as people do it: a wholesale price list prices a wholesale
 * customer's sales order; from the order's form part of it is invoiced, the order shows what is
 * left, a second invoice for more than is left is refused with the figures; the order's picking
 * list prints in Chinese.
 * Run on its own build: `npx vite build --outDir /tmp/dist-sell && E2E_DIST=/tmp/dist-sell
 * E2E_PORT=4186 npx playwright test tests/e2e/selling.spec.ts`.
 */
import { test, expect, type Page } from '@playwright/test';
import { createCompany, pick, newDoc, save, submit, firstRow, item } from '../fixtures/e2e';

async function chooseOption(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function openFirst(page: Page, docType: string) {
  await page.getByTestId(`nav-${docType}`).click();
  await page.locator('[data-testid^="list-row-"]').first().click();
}

test('a price list prices the order; part of it is invoiced from the order; over-invoicing is refused; the picking list prints in Chinese', async ({ page }) => {
  test.setTimeout(240_000);
  await createCompany(page, 'Lotus Tea House');
  await item(page, 'OOLONG-1', 'Oolong 250g'); // selling price 20.00
  await newDoc(page, 'Customer');
  await page.locator('input[name="customerName"]').fill('Harbour Hotel');
  await chooseOption(page, 'select-customerGroup', 'Wholesale');
  await save(page);

  // --- a wholesale price list
  await newDoc(page, 'PriceList');
  await page.locator('input[name="listName"]').fill('Wholesale 2026');
  await chooseOption(page, 'select-customerGroup', 'Wholesale');
  await firstRow(page, 'select-items.0.item', 'items');
  await pick(page, 'select-items.0.item', 'Oolong', /Oolong 250g/);
  await page.locator('input[name="items.0.rate"]').fill('16.50');
  await save(page);

  // --- the order's line takes the list price, not the item's 20.00
  await newDoc(page, 'SalesOrder');
  await pick(page, 'select-customer', 'Harbour', 'Harbour Hotel');
  await firstRow(page, 'select-items.0.item', 'items');
  await pick(page, 'select-items.0.item', 'Oolong', /Oolong 250g/);
  await page.locator('input[name="items.0.qty"]').fill('10');
  await save(page);
  await expect(page.locator('input[name="items.0.rate"]')).toHaveValue('16.50');
  await submit(page);

  // --- invoice 4 of the 10 from the order's form
  await page.getByTestId('selling-make-invoice').click();
  await expect(page.getByTestId('form-title')).toContainText('Sales invoice');
  await expect(page.locator('input[name="items.0.qty"]')).toHaveValue('10');
  await expect(page.locator('input[name="items.0.rate"]')).toHaveValue('16.50');
  await page.locator('input[name="items.0.qty"]').fill('4');
  await save(page);
  await submit(page);

  // --- the order shows 4 invoiced, 6 left
  await openFirst(page, 'SalesOrder');
  const line = page.getByTestId('selling-line-0');
  await expect(line.locator('td').nth(2)).toHaveText('4');
  await expect(line.locator('td').nth(4)).toHaveText('6');

  // --- a second invoice for 7 is refused, saying what is left
  await page.getByTestId('selling-make-invoice').click();
  await expect(page.locator('input[name="items.0.qty"]')).toHaveValue('6');
  await page.locator('input[name="items.0.qty"]').fill('7');
  await save(page);
  await page.getByTestId('form-submit').click();
  await expect(page.getByText(/Only 6 pcs of OOLONG-1 Oolong 250g is left to invoice \(4 of 10 pcs invoiced already\)/).first()).toBeVisible();

  // --- the order's picking list, printed in Chinese
  await openFirst(page, 'SalesOrder');
  await page.getByTestId('form-action-picking-list').click();
  await expect(page.getByTestId('picking-line-0')).toContainText('OOLONG-1');
  await expect(page.getByTestId('picking-line-0')).toContainText('Oolong 250g');
  await expect(page.getByTestId('picking-title')).toContainText('Picking list');
  await page.getByTestId('picking-lang').getByText('中文').click();
  await expect(page.getByTestId('picking-title')).toContainText('拣货单');
  await expect(page.getByTestId('picking-lines')).toContainText('物料编码');
  await expect(page.getByTestId('picking-print')).toHaveText('打印 / PDF');
});
