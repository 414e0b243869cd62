/**
 * Books, as an accountant works (web mode): create a company on the 小企业会计准则 chart, create
 * a customer, raise a sales invoice with 13% VAT on one line and submit it, receive part of it
 * allocated to the invoice, see the rest in the receivables aging, see the income in the profit
 * and loss, and follow the figure down: P&L -> general ledger of the income account -> the
 * ledger row -> the invoice itself.
 */
import { test, expect, type Page } from '@playwright/test';
import { createCompany } from '../fixtures/e2e';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const TODAY = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;


/** Pick an option of a link select by typing part of its title. */
async function pickLink(page: Page, testId: string, typed: string, option: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(typed);
  // an option shows the title and the record number: match the title at the start
  const escaped = option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.getByRole('option', { name: new RegExp(`^${escaped}`) }).first().click();
}

test('invoice with 13% VAT, partial receipt, aging, P&L drill-down to the invoice', async ({ page }) => {
  await createCompany(page, 'Jade Tea Books', { currency: 'CNY', template: 'cn-small-enterprise' });

  // a customer
  await page.getByTestId('nav-Customer').click();
  await page.getByTestId('list-new').click();
  await page.locator('input[name="customerName"]').fill('Lotus Tea House');
  await page.getByTestId('form-save').click();
  await expect(page.getByTestId('form-status')).toBeVisible();

  // a sales invoice: 2 x 1,000.00 with VAT 13% -> 2,260.00
  await page.getByTestId('nav-SalesInvoice').click();
  await page.getByTestId('list-new').click();
  await pickLink(page, 'select-customer', 'Lotus', 'Lotus Tea House');
  await page.locator('input[name="postingDate"]').fill(TODAY);
  await page.getByTestId('table-add-items').click();
  await page.locator('input[name="items.0.description"]').fill('Longjing tea, 1 kg tin');
  await page.locator('input[name="items.0.qty"]').fill('2');
  await page.locator('input[name="items.0.rate"]').fill('1000.00');
  await pickLink(page, 'select-items.0.taxTemplate', 'VAT 13', 'VAT 13%');
  await page.getByTestId('form-save').click();
  await expect(page.getByTestId('form-status')).toHaveAttribute('data-status', 'draft');
  await expect(page.locator('input[name="taxTotal"]')).toHaveValue('260.00');
  await expect(page.locator('input[name="grandTotal"]')).toHaveValue('2260.00');
  await page.getByTestId('form-submit').click();
  await expect(page.getByTestId('form-status')).toHaveAttribute('data-status', 'submitted');
  const invoiceNumber = (await page.getByTestId('form-title').innerText()).match(/\S*INV\S*/)?.[0] ?? '';
  expect(invoiceNumber).toMatch(/INV/);

  // receive 1,000.00 from the customer, allocated to the invoice
  await page.getByTestId('nav-page-books.allocate').click();
  await pickLink(page, 'select-party', 'Lotus', 'Lotus Tea House');
  await page.getByTestId('alloc-account').selectOption({ label: '1002 Bank deposits' });
  await page.locator('input[name="amount"]').fill('1000.00');
  await expect(page.getByTestId(`alloc-row-${invoiceNumber}`)).toContainText('2,260.00');
  await page.getByTestId('alloc-auto').click();
  await expect(page.locator(`input[name="alloc.${invoiceNumber}"]`)).toHaveValue('1000.00');
  await expect(page.getByTestId('alloc-unallocated')).toContainText('0.00');
  await page.getByTestId('alloc-submit').click();
  await expect(page.getByTestId('doc-form')).toHaveAttribute('data-doctype', 'Payment');
  await expect(page.getByTestId('form-status')).toHaveAttribute('data-status', 'submitted');
  // the generic Payment form shows the allocation row the page made
  await expect(page.locator('input[name="allocations.0.amount"]')).toHaveValue('1000.00');

  // receivables aging: 1,260.00 still open, current (not yet due)
  await page.getByTestId('nav-page-books.ar-aging').click();
  await expect(page.getByTestId('aging-total-Lotus Tea House')).toContainText('1,260.00');
  await expect(page.getByTestId('aging-current-Lotus Tea House')).toContainText('1,260.00');
  await page.getByTestId('aging-party-Lotus Tea House').click();
  await expect(page.getByTestId(`aging-doc-${invoiceNumber}`)).toBeVisible();

  // the CSV export of the aging carries the exact figure
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export-csv').click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain('Lotus Tea House');
  expect(csv).toContain('1260.00');

  // profit and loss of this month: income 2,000.00 (net of VAT) on 5001
  await page.getByTestId('nav-page-books.pnl').click();
  await expect(page.getByTestId('pnl-income-total')).toContainText('2,000.00');
  await expect(page.getByTestId('pnl-net-profit')).toContainText('2,000.00');
  await page.getByTestId('pnl-income-amount-5001').click();

  // -> general ledger of the income account for the month: one credit row from the invoice
  await expect(page.getByTestId('books-gl')).toBeVisible();
  await expect(page.getByTestId('gl-total-credit')).toContainText('2,000.00');
  await expect(page.getByTestId('gl-row-0')).toContainText(invoiceNumber);
  await page.getByTestId('gl-row-0').click();

  // -> the invoice itself
  await expect(page.getByTestId('doc-form')).toHaveAttribute('data-doctype', 'SalesInvoice');
  await expect(page.getByTestId('form-title')).toContainText(invoiceNumber);
  await expect(page.locator('input[name="grandTotal"]')).toHaveValue('2260.00');
});

test('trial balance balances and its figures drill down; balance sheet and dashboard agree', async ({ page }) => {
  await createCompany(page, 'Plum Books', { currency: 'CNY', template: 'cn-small-enterprise' });
  await page.getByTestId('nav-Customer').click();
  await page.getByTestId('list-new').click();
  await page.locator('input[name="customerName"]').fill('Plum Garden');
  await page.getByTestId('form-save').click();
  await expect(page.getByTestId('form-status')).toBeVisible();

  // money received with nothing open: kept as an advance (Dr bank, Cr receivable)
  await page.getByTestId('nav-page-books.allocate').click();
  await pickLink(page, 'select-party', 'Plum', 'Plum Garden');
  await page.getByTestId('alloc-account').selectOption({ label: '1001 Cash on hand' });
  await page.locator('input[name="amount"]').fill('500.00');
  await expect(page.getByTestId('alloc-none')).toBeVisible();
  await page.getByTestId('alloc-submit').click();
  await expect(page.getByTestId('form-status')).toHaveAttribute('data-status', 'submitted');

  await page.getByTestId('nav-page-books.trial-balance').click();
  await expect(page.getByTestId('tb-total-periodDebit')).toContainText('500.00');
  await expect(page.getByTestId('tb-total-periodCredit')).toContainText('500.00');
  await page.getByTestId('period-compare').check();
  await page.getByTestId('period-mode').selectOption('year');
  await expect(page.getByTestId('tb-total-closingDebit')).toContainText('500.00');
  await page.getByTestId('tb-periodDebit-1001').click();
  await expect(page.getByTestId('gl-closing')).toContainText('500.00');

  await page.getByTestId('nav-page-books.balance-sheet').click();
  // the advance is a credit on the receivable (an asset): cash 500.00, receivable -500.00
  await expect(page.getByTestId('bs-assets-amount-1001')).toContainText('500.00');
  await expect(page.getByTestId('bs-assets-amount-1122')).toContainText('-');
  await expect(page.getByTestId('bs-total-le')).toHaveText(await page.getByTestId('bs-assets-total').innerText());

  await page.getByTestId('nav-page-books.dashboard').click();
  await expect(page.getByTestId('dash-cash-total')).toContainText('500.00');
  await expect(page.getByTestId('dash-chart')).toBeVisible();
  await page.getByTestId('lock-date').fill('2000-12-31');
  await page.getByTestId('lock-save').click();
  await expect(page.getByTestId('lock-current')).toContainText('2000');

  // the cash-flow statement explains the same 500.00: a change in receivables (the advance)
  await page.getByTestId('nav-page-books.cash-flow').click();
  await expect(page.getByTestId('cf-net-change')).toContainText('500.00');
  await expect(page.getByTestId('cf-receivables')).toContainText('500.00');
  await expect(page.getByTestId('cf-closing')).toContainText('500.00');

  // budget vs actual says plainly that there is no budget yet
  await page.getByTestId('nav-page-books.budget').click();
  await expect(page.getByText('No budget yet. Create one under Budget first.')).toBeVisible();

  // the bank statement line of the receipt is suggested, confirmed, and reconciles the balance
  await page.getByTestId('nav-page-books.bank').click();
  await page.getByTestId('bank-account').click();
  await page.getByRole('option', { name: '1001 Cash on hand' }).click();
  const dir = mkdtempSync(join(tmpdir(), 'bl-bank-'));
  const csvFile = join(dir, 'statement.csv');
  writeFileSync(csvFile, `date,description,reference,amount\n${TODAY},Plum Garden deposit,,500.00\n${TODAY},Bank fee,,-12.00\n`);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('bank-import').click()]);
  await chooser.setFiles(csvFile);
  // the column-mapping step: guessed from the header names, previewed, then imported
  await expect(page.getByTestId('bank-mapping')).toBeVisible();
  await expect(page.getByTestId('bank-map-date')).toHaveValue('Column 1: date');
  await expect(page.getByTestId('bank-map-amount')).toHaveValue('Column 4: amount');
  await expect(page.getByTestId('bank-map-summary')).toContainText('2 statement lines read');
  await expect(page.getByTestId('bank-map-row-3')).toContainText('Bank fee');
  await page.getByTestId('bank-map-apply').click();
  await expect(page.getByTestId('bank-mapping')).toBeHidden();
  await expect(page.getByTestId('bank-line-1')).toContainText('·');
  await expect(page.getByTestId('bank-line-2')).toContainText('No matching entry');
  await page.getByTestId('bank-confirm').click();
  await expect(page.getByTestId('bank-reconciled')).toContainText('500.00');
});

test('tax summary drills to the invoice; a bad debt is written off from the aging; an advance is refunded', async ({ page }) => {
  await createCompany(page, 'Bamboo Books', { currency: 'CNY', template: 'cn-small-enterprise' });
  await page.getByTestId('nav-Customer').click();
  await page.getByTestId('list-new').click();
  await page.locator('input[name="customerName"]').fill('Bamboo Cafe');
  await page.getByTestId('form-save').click();
  await expect(page.getByTestId('form-status')).toBeVisible();

  // an invoice of 2 x 1,000.00 with VAT 13%
  await page.getByTestId('nav-SalesInvoice').click();
  await page.getByTestId('list-new').click();
  await pickLink(page, 'select-customer', 'Bamboo', 'Bamboo Cafe');
  await page.locator('input[name="postingDate"]').fill(TODAY);
  await page.getByTestId('table-add-items').click();
  await page.locator('input[name="items.0.description"]').fill('Oolong tea');
  await page.locator('input[name="items.0.qty"]').fill('2');
  await page.locator('input[name="items.0.rate"]').fill('1000.00');
  await pickLink(page, 'select-items.0.taxTemplate', 'VAT 13', 'VAT 13%');
  await page.getByTestId('form-save').click();
  await expect(page.getByTestId('form-status')).toHaveAttribute('data-status', 'draft');
  await page.getByTestId('form-submit').click();
  await expect(page.getByTestId('form-status')).toHaveAttribute('data-status', 'submitted');
  const invoiceNumber = (await page.getByTestId('form-title').innerText()).match(/\S*INV\S*/)?.[0] ?? '';

  // tax summary of this month: 13% output VAT 260.00 on 2,000.00, agreeing with the ledger
  await page.getByTestId('nav-page-books.tax-summary').click();
  await expect(page.getByTestId('tax-taxable-output-VAT 13%')).toContainText('2,000.00');
  await expect(page.getByTestId('tax-tax-output-VAT 13%')).toContainText('260.00');
  await expect(page.getByTestId('tax-net-payable-figure')).toContainText('260.00');
  await expect(page.getByTestId('tax-check-ledger-222101')).toContainText('260.00');
  await page.getByTestId('tax-tax-output-VAT 13%').click();
  await expect(page.getByTestId(`tax-doc-${invoiceNumber}`)).toContainText('Bamboo Cafe');
  await page.getByTestId(`tax-doc-${invoiceNumber}`).getByRole('button').click();
  await expect(page.getByTestId('doc-form')).toHaveAttribute('data-doctype', 'SalesInvoice');
  await expect(page.getByTestId('form-title')).toContainText(invoiceNumber);

  // the customer never pays: write the invoice off from the receivables aging
  await page.getByTestId('nav-page-books.ar-aging').click();
  await page.getByTestId('aging-party-Bamboo Cafe').click();
  await page.getByTestId(`aging-writeoff-${invoiceNumber}`).click();
  await expect(page.getByTestId('doc-form')).toHaveAttribute('data-doctype', 'WriteOff');
  await expect(page.locator('input[name="amount"]')).toHaveValue('2260.00');
  await page.getByTestId('form-submit').click();
  await expect(page.getByTestId('form-status')).toHaveAttribute('data-status', 'submitted');
  await page.getByTestId('nav-page-books.ar-aging').click();
  await expect(page.getByTestId('aging-row-Bamboo Cafe')).toHaveCount(0);

  // an advance of 300.00 received, then paid back to the customer
  await page.getByTestId('nav-page-books.allocate').click();
  await pickLink(page, 'select-party', 'Bamboo', 'Bamboo Cafe');
  await page.getByTestId('alloc-account').selectOption({ label: '1002 Bank deposits' });
  await page.locator('input[name="amount"]').fill('300.00');
  await expect(page.getByTestId('alloc-none')).toBeVisible();
  await page.getByTestId('alloc-submit').click();
  await expect(page.getByTestId('form-status')).toHaveAttribute('data-status', 'submitted');
  const advance = (await page.getByTestId('form-title').innerText()).match(/\S*PAY\S*/)?.[0] ?? '';
  await page.getByTestId('nav-page-books.allocate').click();
  await page.getByTestId('alloc-mode').getByText('Refund a customer').click();
  await pickLink(page, 'select-party', 'Bamboo', 'Bamboo Cafe');
  await page.getByTestId('alloc-account').selectOption({ label: '1002 Bank deposits' });
  await expect(page.getByTestId(`alloc-row-${advance}`)).toContainText('300.00');
  await page.locator('input[name="amount"]').fill('300.00');
  await page.getByTestId('alloc-auto').click();
  await page.getByTestId('alloc-submit').click();
  await expect(page.getByTestId('doc-form')).toHaveAttribute('data-doctype', 'Payment');
  await expect(page.getByTestId('form-status')).toHaveAttribute('data-status', 'submitted');
  await page.getByTestId('nav-page-books.ar-aging').click();
  await expect(page.getByTestId('aging-grand-total')).toContainText('0.00');
  await expect(page.getByTestId('aging-row-Bamboo Cafe')).toHaveCount(0);
});
