/**
 * People flow in web mode, as the people involved would do it:
 * the administrator creates the logins (an HR officer, a store manager and a clerk, the last
 * two with the "Employee self-service" role only); HR records both as employees linked to
 * their logins (the clerk reporting to the manager) with a salary structure; the clerk asks
 * for two days of unpaid leave; the manager, notified, approves it with a comment; HR sees the
 * leave on the roster, runs June's payroll (the clerk is paid 20 of 22 working days) and
 * prints the clerk's payslip (window.print is stubbed and recorded).
 * Run on its own build: `npx vite build --outDir /tmp/dist-people &&
 * E2E_DIST=/tmp/dist-people E2E_PORT=4187 npx playwright test tests/e2e/people.spec.ts`.
 */
import { test, expect, type Page } from '@playwright/test';
import { createCompany } from '../fixtures/e2e';

const COMPANY = 'Lotus Stores';


async function createUser(page: Page, username: string, displayName: string, password: string, role: string) {
  await page.getByTestId('user-create').click();
  const dlg = page.getByRole('dialog');
  await dlg.locator('input[name="username"]').fill(username);
  await dlg.locator('input[name="displayName"]').fill(displayName);
  await dlg.locator('input[name="password"]').fill(password);
  await dlg.getByTestId('user-roles').click();
  await page.getByRole('option', { name: role, exact: true }).click();
  await dlg.getByTestId('user-save').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByText(displayName)).toBeVisible();
}

async function login(page: Page, user: string, password: string) {
  await page.getByTestId(`company-item-${COMPANY}`).click();
  await page.locator('input[name="username"]').fill(user);
  await page.locator('input[name="password"]').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('logout')).toBeVisible();
}

/** Close the save toasts (they sit over the header's log-out button), then log out. */
async function logout(page: Page) {
  for (const b of await page.locator('.mantine-Notification-closeButton').all()) await b.click({ timeout: 2000 }).catch(() => undefined);
  await page.getByTestId('logout').click();
  await expect(page.getByTestId(`company-item-${COMPANY}`)).toBeVisible();
}

async function pick(page: Page, testId: string, typed: string, option: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: new RegExp(`^${option}`) }).first().click();
}

async function newDoc(page: Page, docType: string) {
  await page.getByTestId(`nav-${docType}`).click();
  await page.getByTestId('list-new').click();
}

async function save(page: Page) {
  await page.getByTestId('form-save').click();
  await expect(page.getByTestId('form-status')).toBeVisible();
}

async function hire(page: Page, v: { fullName: string; salary: string; username: string; manager?: string }) {
  await newDoc(page, 'Employee');
  await page.locator('input[name="fullName"]').fill(v.fullName);
  await page.locator('input[name="hireDate"]').fill('2026-01-01');
  await page.locator('input[name="baseSalary"]').fill(v.salary);
  await page.locator('input[name="username"]').fill(v.username);
  if (v.manager) await pick(page, 'select-manager', v.manager.split(' ')[0], v.manager);
  await save(page);
  await newDoc(page, 'SalaryStructureAssignment');
  await pick(page, 'select-employee', v.fullName.split(' ')[0], v.fullName);
  await pick(page, 'select-salaryStructure', 'Standard', 'Standard');
  await page.locator('input[name="effectiveFrom"]').fill('2026-01-01');
  await save(page);
}

test('HR hires, the clerk asks for unpaid leave, the manager approves, payroll pays 20 of 22 days and the payslip prints', async ({ page }) => {
  test.setTimeout(300_000); // six logins and a dozen saves through the real UI
  await page.addInitScript(() => {
    (window as unknown as { __printed: number }).__printed = 0;
    window.print = () => {
      (window as unknown as { __printed: number }).__printed++;
    };
  });

  // the administrator creates the three logins
  await createCompany(page, COMPANY);
  await page.getByTestId('nav-users').click();
  await createUser(page, 'hr', 'Hu Rong', 'hr-pass-123', 'HR');
  await createUser(page, 'boss', 'Wang Boss', 'boss-pass-123', 'Employee self-service');
  await createUser(page, 'zhao', 'Zhao Clerk', 'zhao-pass-123', 'Employee self-service');
  await logout(page);

  // HR records the manager and the clerk, each linked to their login and paid by the Standard structure
  await login(page, 'hr', 'hr-pass-123');
  await expect(page.getByTestId('nav-users')).toHaveCount(0);
  await hire(page, { fullName: 'Wang Boss', salary: '30000.00', username: 'boss' });
  await hire(page, { fullName: 'Zhao Clerk', salary: '22000.00', username: 'zhao', manager: 'Wang Boss' });
  await logout(page);

  // the clerk asks for two days of unpaid leave (Mon 8 – Tue 9 June 2026)
  await login(page, 'zhao', 'zhao-pass-123');
  await expect(page.getByTestId('nav-Employee')).toHaveCount(0);
  await page.getByTestId('nav-page-people.my-leave').click();
  await expect(page.getByTestId('my-leave-employee')).toContainText('Zhao Clerk');
  await expect(page.getByTestId('my-leave-employee')).toContainText('Wang Boss');
  await page.getByTestId('leave-type').selectOption({ label: 'Unpaid leave (Unpaid)' });
  await page.locator('input[name="fromDate"]').fill('2026-06-08');
  await page.locator('input[name="toDate"]').fill('2026-06-09');
  await page.locator('textarea[name="reason"]').fill('Moving house');
  await page.getByTestId('leave-request-submit').click();
  await expect(page.getByTestId('my-leave-notice')).toContainText('(2 days)');
  const requests = page.getByTestId('my-leave-requests');
  await expect(requests).toContainText('Awaiting approval');
  await logout(page);

  // the manager is notified and approves with a comment
  await login(page, 'boss', 'boss-pass-123');
  await page.getByTestId('notices-open').click();
  await expect(page.getByTestId('notice-item').first()).toContainText('Zhao Clerk asks for leave');
  await page.keyboard.press('Escape');
  await page.getByTestId('nav-page-people.team-leave').click();
  const row = page.locator('[data-testid^="leave-SH-LEAVE-"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Zhao Clerk');
  await expect(row).toContainText('Unpaid');
  await expect(row).toContainText('Moving house');
  const number = (await row.getAttribute('data-testid'))!.slice('leave-'.length);
  await page.getByTestId(`leave-comment-${number}`).fill('Good luck with the move');
  await page.getByTestId(`leave-approve-${number}`).click();
  await expect(page.getByTestId('leave-notice')).toContainText(`${number} approved`);
  await expect(page.getByTestId('leave-none')).toBeVisible();
  await logout(page);

  // the clerk sees the decision
  await login(page, 'zhao', 'zhao-pass-123');
  await page.getByTestId('nav-page-people.my-leave').click();
  await expect(page.getByTestId(`my-leave-${number}`)).toContainText('Approved');
  await expect(page.getByTestId(`my-leave-${number}`)).toContainText('Good luck with the move');
  await logout(page);

  // HR: the roster shows the leave on both days, not the day after
  await login(page, 'hr', 'hr-pass-123');
  await page.getByTestId('nav-page-people.roster').click();
  await page.getByTestId('roster-date').fill('2026-06-08');
  const empNumber = 'SH-EMP-2026-00002';
  for (const d of ['2026-06-08', '2026-06-09']) {
    await expect(page.getByTestId(`roster-${empNumber}-${d}`)).toHaveAttribute('data-leave', 'leave_approved');
    await expect(page.getByTestId(`roster-${empNumber}-${d}`)).toContainText('Leave');
  }
  await expect(page.getByTestId(`roster-${empNumber}-2026-06-10`)).not.toHaveAttribute('data-leave', /.+/);

  // June payroll: 22 working days, 2 unpaid -> the clerk is paid 20 days of 22,000.00
  await page.getByTestId('nav-page-people.payroll').click();
  await page.getByTestId('payroll-period').fill('2026-06');
  await page.getByTestId('payroll-create').click();
  const slips = page.getByTestId('payroll-slips');
  await expect(slips).toBeVisible();
  const clerk = slips.locator('tr', { hasText: 'Zhao Clerk' });
  await expect(clerk).toContainText('20 / 22');
  await expect(clerk).toContainText('20,000.00');
  await expect(slips.locator('tr', { hasText: 'Wang Boss' })).toContainText('22 / 22');
  await page.getByTestId('payroll-submit').click();
  await expect(page.getByText('Submitted').first()).toBeVisible();

  // the payslip shows the unpaid days and the prorated basic salary, and prints
  await clerk.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('payslip')).toBeVisible();
  await expect(page.getByTestId('payslip-unpaid-days')).toHaveText('2');
  await expect(page.getByTestId('payslip-paid-days')).toHaveText('20');
  await expect(page.getByTestId('payslip-work-days')).toHaveText('22');
  await expect(page.getByTestId('payslip-line-BASIC')).toContainText('20,000.00');
  await expect(page.getByTestId('payslip-gross')).toContainText('20,000.00');
  await expect(page.getByTestId('payslip-print')).toBeVisible();
  await page.getByTestId('payslip-print').click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);
});
