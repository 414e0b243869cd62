/**
 * Exchange rates, as an accountant works (web mode): add today's USD rate in Books -> Exchange
 * rate, raise a USD sales invoice without typing a rate, and see the table's rate (and the base
 * total at it) on the saved invoice; a second rate for the same day is refused in words.
 */
import { test, expect } from '@playwright/test';
import { createCompany, pick } from '../fixtures/e2e';

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const TODAY = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;

test('a USD rate in the table fills the rate of a USD invoice saved without one', async ({ page }) => {
  await createCompany(page, 'Harbour FX Trading', { currency: 'CNY', template: 'cn-small-enterprise' });

  // Books -> Exchange rate: USD 7.15 from today
  await page.getByTestId('nav-ExchangeRate').click();
  await page.getByTestId('list-new').click();
  await pick(page, 'select-currency', 'USD', /^USD/);
  await page.locator('input[name="rateDate"]').fill(TODAY);
  await page.locator('input[name="rate"]').fill('7.15');
  await page.locator('input[name="source"]').fill('Bank of China quote');
  await page.getByTestId('form-save').click();
  await expect(page.getByTestId('form-status')).toBeVisible();
  await expect(page.locator('input[name="rate"]')).toHaveValue('7.15');

  // the same currency and day again: refused, saying which rate exists
  await page.getByTestId('nav-ExchangeRate').click();
  await expect(page.getByText('Bank of China quote')).toBeVisible();
  await page.getByTestId('list-new').click();
  await pick(page, 'select-currency', 'USD', /^USD/);
  await page.locator('input[name="rateDate"]').fill(TODAY);
  await page.locator('input[name="rate"]').fill('7.20');
  await page.getByTestId('form-save').click();
  await expect(page.getByTestId('field-error-rateDate')).toContainText(`There is already a rate for USD on ${TODAY}`);

  // a customer
  await page.getByTestId('nav-Customer').click();
  await page.getByTestId('list-new').click();
  await page.locator('input[name="customerName"]').fill('Pacific Importers');
  await page.getByTestId('form-save').click();
  await expect(page.getByTestId('form-status')).toBeVisible();

  // a USD sales invoice of USD 100.00, the rate left blank
  await page.getByTestId('nav-SalesInvoice').click();
  await page.getByTestId('list-new').click();
  await pick(page, 'select-customer', 'Pacific', /^Pacific Importers/);
  await page.locator('input[name="postingDate"]').fill(TODAY);
  await pick(page, 'select-currency', 'USD', /^USD/);
  await expect(page.locator('input[name="exchangeRate"]')).toHaveValue('');
  await page.getByTestId('table-add-items').click();
  await page.locator('input[name="items.0.description"]').fill('Oolong tea, 500 g');
  await page.locator('input[name="items.0.qty"]').fill('1');
  await page.locator('input[name="items.0.rate"]').fill('100.00');
  await page.getByTestId('form-save').click();
  await expect(page.getByTestId('form-status')).toHaveAttribute('data-status', 'draft');
  // the table's rate, and the base total at it
  await expect(page.locator('input[name="exchangeRate"]')).toHaveValue('7.15');
  await expect(page.locator('input[name="grandTotal"]')).toHaveValue('100.00');
  await expect(page.locator('input[name="baseGrandTotal"]')).toHaveValue('715.00');
  await page.getByTestId('form-submit').click();
  await expect(page.getByTestId('form-status')).toHaveAttribute('data-status', 'submitted');
  await expect(page.locator('input[name="exchangeRate"]')).toHaveValue('7.15');
});
