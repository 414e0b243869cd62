/**
 * Company creation (inside the creation transaction, after the books chart is installed):
 * the payroll accounts missing from the chart template (IIT, social insurance and housing fund
 * payables), `settings.payrollAccounts`, and the starter people data every company needs —
 * a BASIC salary component and a Standard structure, annual/sick/unpaid leave types and, for
 * Chinese companies, a social insurance policy to edit per city — and the "Employee
 * self-service" role (request own leave, decide the team's requests; no people rights).
 */
import type { TxContext } from '../kernel/tx';
import type { CompanySetupOptions } from '../kernel/hooks';
import type { CompanySettings } from '../kernel/session';
import type { BaseRecord } from '../kernel/doctype';
import { newRecord } from '../books/books.context';
import { Account } from '../books/accounts.doctypes';
import { LeaveType, SalaryComponent, SalaryStructure, SocialInsurancePolicy } from './people.doctypes';
import { DEFAULT_CN_POLICY } from './social-insurance';
import type { PayrollAccounts } from './payroll.engine';
import { SELF_SERVICE, SELF_SERVICE_ROLE_ID } from './self-service.service';

export const PEOPLE_SETUP_TABLES = ['accounts', 'meta', 'roles', 'salary_components', 'salary_structures', 'leave_types', 'si_policies'] as const;

/** [number, English, Chinese, parent number] accounts added per chart template. */
const EXTRA_ACCOUNTS: Record<string, readonly (readonly [string, string, string, string])[]> = {
  'cn-small-enterprise': [
    ['222106', 'Individual income tax payable', '应交个人所得税', '2221'],
    ['2242', 'Social insurance payable', '应付社会保险费', '2'],
    ['2243', 'Housing fund payable', '应付住房公积金', '2'],
  ],
  generic: [
    ['2310', 'Payroll tax withheld', '代扣个人所得税', '2000'],
    ['2320', 'Social insurance payable', '应付社会保险费', '2000'],
    ['2330', 'Housing fund payable', '应付住房公积金', '2000'],
    ['2340', 'Other payroll deductions', '其他代扣款项', '2000'],
  ],
};

/** role -> account number, per chart template. */
const ROLES: Record<string, Record<keyof PayrollAccounts, string>> = {
  'cn-small-enterprise': {
    salaryExpense: '5602', employerContributionExpense: '5602', payableToEmployees: '2211', iitPayable: '222106',
    siPayable: '2242', housingFundPayable: '2243', otherDeductionsPayable: '2241',
  },
  generic: {
    salaryExpense: '6200', employerContributionExpense: '6200', payableToEmployees: '2300', iitPayable: '2310',
    siPayable: '2320', housingFundPayable: '2330', otherDeductionsPayable: '2340',
  },
};

export async function installPeople(ctx: TxContext, opts: CompanySetupOptions): Promise<void> {
  const accounts = ctx.t<BaseRecord>('accounts');
  const byNumber = async (n: string) => (await accounts.where('number').equals(n).toArray()).find((a) => !a.deleted);
  for (const [num, en, zh, parent] of EXTRA_ACCOUNTS[opts.template] ?? []) {
    if (await byNumber(num)) continue;
    const p = await byNumber(parent);
    if (!p) continue;
    const rec = newRecord(ctx, Account, { accountNumber: num, accountName: en, accountNameZh: zh, parentAccount: p.id, isGroup: false, rootType: p.rootType, accountType: '', currency: '', disabled: false, description: '' });
    await ctx.putDoc(Account, rec, null, 'create');
  }
  const roles = ROLES[opts.template];
  const payrollAccounts: Partial<PayrollAccounts> = {};
  if (roles) for (const [role, num] of Object.entries(roles)) {
    const a = await byNumber(num);
    if (a) payrollAccounts[role as keyof PayrollAccounts] = a.id;
  }
  const row = await ctx.t<{ key: string; value: CompanySettings }>('meta').get('company');
  const settings: CompanySettings = { ...(row?.value ?? ctx.session.settings), payrollAccounts };
  await ctx.t('meta').put({ key: 'company', value: settings });
  ctx.session.settings = settings;

  const zh = opts.language === 'zh-CN';
  // a custom role (no `builtin` key), so the admin may rename or extend it like any other
  if (!(await ctx.t('roles').get(SELF_SERVICE_ROLE_ID))) {
    await ctx.t('roles').put({ id: SELF_SERVICE_ROLE_ID, name: zh ? '员工自助' : 'Employee self-service', moduleRights: {}, docRights: { [SELF_SERVICE]: ['read'] } });
  }
  const basic = newRecord(ctx, SalaryComponent, { code: 'BASIC', componentName: zh ? '基本工资' : 'Basic salary', componentNameZh: '基本工资', kind: 'earning', calc: 'calc_base', amount: 0, formula: '', hourlyRate: 0, hoursSource: '', taxable: true, prorate: true });
  await ctx.putDoc(SalaryComponent, basic, null, 'create');
  await ctx.putDoc(SalaryStructure, newRecord(ctx, SalaryStructure, { structureName: 'Standard', rows: [{ component: basic.id, amount: 0, formula: '' }], disabled: false }), null, 'create');
  const leave: [string, string, string, boolean, boolean, boolean, string][] = [
    ['ANNUAL', 'Annual leave', '年假', true, false, false, '5'],
    ['SICK', 'Sick leave', '病假', true, true, false, '0'],
    ['UNPAID', 'Unpaid leave', '事假', false, true, true, '0'],
  ];
  for (const [code, en, cn, paid, allowNegative, unlimited, carry] of leave) {
    await ctx.putDoc(LeaveType, newRecord(ctx, LeaveType, { code, leaveTypeName: zh ? cn : en, paid, allowNegative, unlimited, maxCarryForward: carry }), null, 'create');
  }
  if (opts.country === 'CN') {
    const p = DEFAULT_CN_POLICY;
    await ctx.putDoc(SocialInsurancePolicy, newRecord(ctx, SocialInsurancePolicy, {
      code: 'CN-DEFAULT', policyName: zh ? '社保公积金（示例城市）' : 'Social insurance (example city)', city: '',
      baseFloor: p.baseFloor, baseCap: p.baseCap, hfBaseFloor: p.hfBaseFloor, hfBaseCap: p.hfBaseCap,
      rates: p.rates.map((r) => ({ ...r })),
    }), null, 'create');
  }
}
