/**
 * Data check, as an administrator uses it (web mode): after some stock work, Master data ->
 * Data check -> Run all checks says every check agrees; the page is in Chinese when the
 * interface is.
 */
import { test, expect } from '@playwright/test';
import { createCompany } from '../fixtures/e2e';

test('the data check runs every check and each agrees on a fresh company', async ({ page }) => {
  await createCompany(page, 'Sound Books Trading', { currency: 'CNY', template: 'cn-small-enterprise' });
  await page.getByTestId('nav-page-system.data-check').click();
  await expect(page.getByTestId('data-check-page')).toBeVisible();
  await page.getByTestId('integrity-run').click();
  for (const id of ['books.balances', 'stock.balances', 'stock.tracking']) {
    await expect(page.getByTestId(`integrity-status-${id}`)).toHaveText('Agrees');
  }
  await page.screenshot({ path: 'test-results/data-check.png', fullPage: true });
});
