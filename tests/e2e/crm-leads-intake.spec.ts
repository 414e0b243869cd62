/**
 * Lead intake beyond CSV, as a person does it: an Excel workbook imported on the Lead list (the
 * user picks the worksheet; a damaged workbook is refused with words), then addresses pasted
 * from a mail header become leads after a preview that flags the one already known, and the
 * CRM dashboard shows its figures as charts.
 */
import { test, expect } from '@playwright/test';
import { createCompany } from '../fixtures/e2e';
import { toXlsx } from '../../shared/kernel/xlsx';

test('leads from an Excel workbook and from pasted e-mail addresses; the dashboard charts them', async ({ page }) => {
  await createCompany(page, 'Intake Trading');

  // --- an .xlsx with two sheets: the leads are on the second
  await page.getByTestId('nav-Lead').click();
  const book = toXlsx([
    { name: 'Read me', rows: [['Fill the Leads sheet']] },
    { name: 'Leads', rows: [['Name', 'Company', 'Email', 'Source'], ['Zhou Jie', '苏州茶语贸易有限公司', 'zhou@chayu.cn', 'import'], [], ['Wu Min', '金陵五金', 'wu.min@jinling.cn', 'import']] },
  ]);
  let [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('list-import').click()]);
  await chooser.setFiles({ name: 'leads.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(book) });
  await expect(page.getByTestId('import-header-issue').first()).toBeVisible(); // "Read me" has no Name column
  await page.getByTestId('import-sheet').click();
  await page.getByRole('option', { name: 'Leads', exact: true }).click();
  await expect(page.getByTestId('import-summary')).toHaveText('2 rows read.');
  await expect(page.getByTestId('import-preview')).toContainText('金陵五金');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByText('苏州茶语贸易有限公司')).toBeVisible();

  // --- a damaged workbook imports nothing and says why
  [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('list-import').click()]);
  await chooser.setFiles({ name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(book.slice(0, 200)) });
  await expect(page.getByTestId('import-file-error')).toContainText('not a readable Excel workbook');
  await expect(page.getByTestId('import-confirm')).toBeDisabled();
  await page.keyboard.press('Escape');

  // --- addresses pasted from a mail header
  await page.getByTestId('nav-page-crm.email-leads').click();
  await page.getByTestId('crm-email-text').fill('From: "张伟" <zhang.wei@hengda.com.cn>\nTo: Bob Smith <bob.smith@gmail.com>, zhou@chayu.cn; noreply@mailer.com, bad@@x');
  await page.getByTestId('crm-email-parse').click();
  await expect(page.getByTestId('crm-email-summary')).toHaveText('3 addresses found, 1 of them already known.');
  await expect(page.getByTestId('crm-email-invalid')).toContainText('bad@@x');
  await expect(page.getByTestId('crm-email-name-0')).toHaveValue('张伟');
  await expect(page.getByTestId('crm-email-company-0')).toHaveValue('Hengda');
  await expect(page.getByTestId('crm-email-company-1')).toHaveValue(''); // gmail: no company
  await expect(page.getByTestId('crm-email-status-2')).toContainText('Zhou Jie');
  await expect(page.getByTestId('crm-email-pick-2')).not.toBeChecked();
  await page.getByTestId('crm-email-company-1').fill('Smith Imports');
  await page.getByTestId('crm-email-create').click();
  await expect(page.getByTestId('crm-email-result')).toContainText('2 leads created');

  await page.getByTestId('nav-Lead').click();
  await expect(page.getByText('Smith Imports')).toBeVisible();

  // --- the dashboard draws its figures
  await page.getByTestId('nav-page-crm.dashboard').click();
  await expect(page.getByTestId('crm-chart-pipeline')).toBeVisible();
  await expect(page.getByTestId('crm-chart-sources-email')).toContainText('2 (0 converted)');
  await expect(page.getByTestId('crm-chart-sources-import')).toContainText('2 (0 converted)');
  await expect(page.getByTestId('crm-chart-winrate-center')).toHaveText('—');
  await expect(page.locator('[data-testid="crm-chart-sources"] desc')).toContainText('Email: 2 (0 converted)');
  if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/crm-dashboard.png`, fullPage: true });
});
