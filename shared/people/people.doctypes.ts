/**
 * People module document types: organisation (departments, employees, employment history),
 * payroll (salary components, structures and assignments, social insurance policies, tax rule
 * sets, payroll runs, payslips), leave, shifts and attendance, projects/tasks/timesheets.
 *
 * Rights: every type is in the 'people' rights module. Personal and pay data (ID number, bank
 * account, salary, cost rate, payslip amounts) carry `sensitive: 'hr-private'`: the kernel's
 * `redact` removes them from getDoc/listDocs/CSV export unless a role grants 'read' on the
 * 'hr-private' module (the built-in HR role does; Read-only, which reads 'people', does not).
 *
 * Select option values are prefixed where a bare word would collide with another module's
 * option label (option keys are global: `option.<value>`).
 */
import type { DocTypeDef, FieldDef } from '../kernel/doctype';
import { CALC_METHODS, COMPONENT_KINDS, HOURS_SOURCES } from './payroll.engine';
import { SI_SCHEMES } from './social-insurance';

export const HR_PRIVATE = 'hr-private';

export const Department = {
  name: 'Department',
  table: 'departments',
  module: 'people',
  submittable: false,
  ownership: 'shared',
  naming: { series: 'DEPT' },
  titleField: 'departmentName',
  icon: 'sitemap',
  fields: [
    { name: 'departmentName', type: 'data', required: true, maxLength: 140 },
    /** The department above this one ('' for a top-level department): the tree. */
    { name: 'parentDepartment', type: 'link', link: 'Department' },
    { name: 'head', type: 'link', link: 'Employee' },
  ],
  listColumns: ['number', 'departmentName', 'parentDepartment', 'head'],
  searchFields: ['departmentName'],
} as const satisfies DocTypeDef;

export const EMPLOYMENT_STATES = ['emp_active', 'emp_left'] as const;
export const TAX_SCHEMES = ['cn_iit', 'tax_rule', 'no_tax'] as const;

export const Employee = {
  name: 'Employee',
  table: 'employees',
  module: 'people',
  submittable: false,
  ownership: 'shared',
  naming: { series: 'EMP' },
  titleField: 'fullName',
  icon: 'user',
  fields: [
    { name: 'fullName', type: 'data', required: true, maxLength: 140 },
    { name: 'gender', type: 'select', options: ['gender_female', 'gender_male', 'gender_other'] },
    { name: 'dateOfBirth', type: 'date', sensitive: HR_PRIVATE },
    { name: 'department', type: 'link', link: 'Department' },
    { name: 'position', type: 'data', maxLength: 140 },
    /** Code of the branch the employee works at ('' = the branch that created the record). */
    { name: 'branchCode', type: 'data', maxLength: 20 },
    /** Direct manager: approves leave requests. */
    { name: 'manager', type: 'link', link: 'Employee' },
    { name: 'hireDate', type: 'date', required: true },
    /** Last working day ('' while employed). */
    { name: 'leaveDate', type: 'date' },
    { name: 'employmentState', type: 'select', options: EMPLOYMENT_STATES, default: 'emp_active' },
    { name: 'email', type: 'email' },
    { name: 'phone', type: 'phone', maxLength: 40 },
    /**
     * User name of this employee's login (self-service leave, approvals, notifications). HR
     * types the name; saving resolves it to `userId` (one employee per login).
     */
    { name: 'username', type: 'data', maxLength: 80 },
    /** Id of the login user, resolved from `username` on save (services may also set it directly). */
    { name: 'userId', type: 'data', maxLength: 40, hidden: true },
    /** Resident identity card or passport number (身份证号). */
    { name: 'idNumber', type: 'data', maxLength: 40, sensitive: HR_PRIVATE },
    { name: 'bankName', type: 'data', maxLength: 140, sensitive: HR_PRIVATE },
    { name: 'bankAccount', type: 'data', maxLength: 64, sensitive: HR_PRIVATE },
    /** Current monthly base salary; history in EmploymentChange. */
    { name: 'baseSalary', type: 'money', min: 0, sensitive: HR_PRIVATE },
    /** Cost per hour for project costing (timesheets). */
    { name: 'costRate', type: 'money', min: 0, sensitive: HR_PRIVATE },
    /** Social insurance policy of the city where contributions are paid ('' = none). */
    { name: 'siPolicy', type: 'link', link: 'SocialInsurancePolicy' },
    /** Declared contribution base (0 = the month's gross, clamped to the policy's floor/cap). */
    { name: 'siBase', type: 'money', min: 0, sensitive: HR_PRIVATE },
    { name: 'taxScheme', type: 'select', options: TAX_SCHEMES, default: 'cn_iit' },
    { name: 'taxRule', type: 'link', link: 'TaxRuleSet' },
    /** China: special additional deductions per month (专项附加扣除). */
    { name: 'additionalDeductions', type: 'money', min: 0, sensitive: HR_PRIVATE },
  ],
  listColumns: ['number', 'fullName', 'department', 'position', 'branchCode', 'manager', 'hireDate', 'employmentState'],
  searchFields: ['fullName', 'position', 'email', 'phone'],
  indexes: ['userId'],
} as const satisfies DocTypeDef;

export const CHANGE_TYPES = ['change_promotion', 'change_transfer', 'change_salary', 'change_other'] as const;

/**
 * A change of position, department or salary from an effective date. Submitting applies it to
 * the employee record and keeps the previous values here, so payroll can tell the salary of
 * any past month (the history reads backwards from the current record).
 */
export const EmploymentChange = {
  name: 'EmploymentChange',
  table: 'employment_changes',
  module: 'people',
  submittable: true,
  ownership: 'shared',
  naming: { series: 'EMPCHG' },
  titleField: 'number',
  icon: 'arrows-exchange',
  fields: [
    { name: 'employee', type: 'link', link: 'Employee', required: true },
    { name: 'effectiveDate', type: 'date', required: true },
    { name: 'changeType', type: 'select', options: CHANGE_TYPES, default: 'change_salary' },
    { name: 'newPosition', type: 'data', maxLength: 140 },
    { name: 'newDepartment', type: 'link', link: 'Department' },
    /** 0 = unchanged. */
    { name: 'newBaseSalary', type: 'money', min: 0, sensitive: HR_PRIVATE },
    { name: 'previousPosition', type: 'data', readOnly: true },
    { name: 'previousDepartment', type: 'data', readOnly: true, hidden: true },
    { name: 'previousBaseSalary', type: 'money', readOnly: true, sensitive: HR_PRIVATE },
    { name: 'remarks', type: 'text', maxLength: 1000 },
  ],
  listColumns: ['number', 'employee', 'effectiveDate', 'changeType', 'newPosition'],
  searchFields: ['newPosition', 'remarks'],
  indexes: ['employee'],
} as const satisfies DocTypeDef;

export const SalaryComponent = {
  name: 'SalaryComponent',
  table: 'salary_components',
  module: 'people',
  submittable: false,
  ownership: 'hq',
  naming: { field: 'code' },
  titleField: 'componentName',
  icon: 'list-details',
  fields: [
    /** Upper-case code used in formulas, e.g. BASIC, MEAL, OT. */
    { name: 'code', type: 'data', required: true, maxLength: 20 },
    { name: 'componentName', type: 'data', required: true, maxLength: 140 },
    { name: 'componentNameZh', type: 'data', maxLength: 140 },
    { name: 'kind', type: 'select', options: COMPONENT_KINDS, required: true, default: 'earning' },
    { name: 'calc', type: 'select', options: CALC_METHODS, required: true, default: 'calc_fixed' },
    { name: 'amount', type: 'money' },
    /** e.g. `BASIC * 0.1` or `min(base, 20000) * 0.05` (variables: base, work_days, paid_days, ot_hours, ts_hours, late_count, absent_days, unpaid_days). */
    { name: 'formula', type: 'data', maxLength: 500 },
    { name: 'hourlyRate', type: 'money', min: 0 },
    { name: 'hoursSource', type: 'select', options: HOURS_SOURCES },
    /** Earning: taxable income. Deduction: deducted before tax. */
    { name: 'taxable', type: 'check', default: true },
    /** Prorated by paid days / working days. */
    { name: 'prorate', type: 'check', default: false },
  ],
  listColumns: ['code', 'componentName', 'kind', 'calc', 'amount'],
  searchFields: ['code', 'componentName', 'componentNameZh'],
} as const satisfies DocTypeDef;

export const SalaryStructure = {
  name: 'SalaryStructure',
  table: 'salary_structures',
  module: 'people',
  submittable: false,
  ownership: 'hq',
  naming: { field: 'structureName' },
  titleField: 'structureName',
  icon: 'stack',
  fields: [
    { name: 'structureName', type: 'data', required: true, maxLength: 80 },
    {
      name: 'rows',
      type: 'table',
      required: true,
      fields: [
        { name: 'component', type: 'link', link: 'SalaryComponent', required: true },
        /** Overrides the component's amount (0 = the component's). */
        { name: 'amount', type: 'money' },
        /** Overrides the component's formula ('' = the component's). */
        { name: 'formula', type: 'data', maxLength: 500 },
      ],
    },
    { name: 'disabled', type: 'check' },
  ],
  listColumns: ['structureName'],
  searchFields: ['structureName'],
} as const satisfies DocTypeDef;

/** Which structure an employee is paid by from a date (the latest effective one applies). */
export const SalaryStructureAssignment = {
  name: 'SalaryStructureAssignment',
  table: 'salary_assignments',
  module: 'people',
  submittable: false,
  ownership: 'shared',
  naming: { series: 'SSA' },
  titleField: 'number',
  icon: 'link',
  fields: [
    { name: 'employee', type: 'link', link: 'Employee', required: true },
    { name: 'salaryStructure', type: 'link', link: 'SalaryStructure', required: true },
    { name: 'effectiveFrom', type: 'date', required: true },
  ],
  listColumns: ['number', 'employee', 'salaryStructure', 'effectiveFrom'],
  searchFields: [],
  indexes: ['employee'],
} as const satisfies DocTypeDef;

/** Social insurance and housing fund rates of one city (contribution base floor and cap). */
export const SocialInsurancePolicy = {
  name: 'SocialInsurancePolicy',
  table: 'si_policies',
  module: 'people',
  submittable: false,
  ownership: 'hq',
  naming: { field: 'code' },
  titleField: 'policyName',
  icon: 'shield-heart',
  fields: [
    { name: 'code', type: 'data', required: true, maxLength: 20 },
    { name: 'policyName', type: 'data', required: true, maxLength: 140 },
    { name: 'city', type: 'data', maxLength: 80 },
    { name: 'baseFloor', type: 'money', min: 0 },
    /** 0 = no cap. */
    { name: 'baseCap', type: 'money', min: 0 },
    { name: 'hfBaseFloor', type: 'money', min: 0 },
    { name: 'hfBaseCap', type: 'money', min: 0 },
    {
      name: 'rates',
      type: 'table',
      fields: [
        { name: 'scheme', type: 'select', options: SI_SCHEMES, required: true },
        { name: 'employeeRate', type: 'percent', min: 0, max: 100 },
        { name: 'employerRate', type: 'percent', min: 0, max: 100 },
      ],
    },
  ],
  listColumns: ['code', 'policyName', 'city', 'baseFloor', 'baseCap'],
  searchFields: ['code', 'policyName', 'city'],
} as const satisfies DocTypeDef;

export const TAX_RULE_METHODS = ['rule_flat', 'rule_brackets'] as const;

/** Income tax for countries other than China: a flat rate or monthly brackets, over an allowance. */
export const TaxRuleSet = {
  name: 'TaxRuleSet',
  table: 'tax_rule_sets',
  module: 'people',
  submittable: false,
  ownership: 'hq',
  naming: { field: 'code' },
  titleField: 'ruleName',
  icon: 'percentage',
  fields: [
    { name: 'code', type: 'data', required: true, maxLength: 20 },
    { name: 'ruleName', type: 'data', required: true, maxLength: 140 },
    { name: 'method', type: 'select', options: TAX_RULE_METHODS, required: true, default: 'rule_flat' },
    { name: 'flatRate', type: 'percent', min: 0, max: 100 },
    /** Monthly tax-free allowance. */
    { name: 'allowance', type: 'money', min: 0 },
    {
      name: 'brackets',
      type: 'table',
      fields: [
        /** Upper bound of the slice (monthly; 0 = no limit). */
        { name: 'upTo', type: 'money', min: 0 },
        { name: 'ratePercent', type: 'percent', min: 0, max: 100 },
      ],
    },
  ],
  listColumns: ['code', 'ruleName', 'method'],
  searchFields: ['code', 'ruleName'],
} as const satisfies DocTypeDef;

const money = (name: string): FieldDef => ({ name, type: 'money', readOnly: true, sensitive: HR_PRIVATE });

/**
 * One month's payroll of one branch. Created with draft payslips for review
 * (payroll.service.ts createPayrollRun); submitting submits every payslip and posts ONE
 * journal entry; cancelling reverses it. Totals are written by the service.
 */
export const PayrollRun = {
  name: 'PayrollRun',
  table: 'payroll_runs',
  module: 'people',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'PAYRUN' },
  titleField: 'number',
  icon: 'cash-register',
  fields: [
    /** 'YYYY-MM'. */
    { name: 'period', type: 'data', required: true, maxLength: 7 },
    { name: 'postingDate', type: 'date', required: true },
    { name: 'remarks', type: 'text', maxLength: 1000 },
    { name: 'employeeCount', type: 'int', readOnly: true },
    money('grossPay'),
    money('netPay'),
    money('totalTax'),
    money('employerContributions'),
  ],
  listColumns: ['number', 'period', 'postingDate', 'employeeCount', 'netPay'],
  searchFields: ['period', 'remarks'],
  indexes: ['period'],
} as const satisfies DocTypeDef;

export const Payslip = {
  name: 'Payslip',
  table: 'payslips',
  module: 'people',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'SLIP' },
  titleField: 'employeeName',
  icon: 'file-invoice',
  fields: [
    { name: 'payrollRun', type: 'link', link: 'PayrollRun', required: true },
    { name: 'employee', type: 'link', link: 'Employee', required: true },
    { name: 'employeeName', type: 'data', readOnly: true },
    { name: 'period', type: 'data', readOnly: true },
    { name: 'postingDate', type: 'date', readOnly: true },
    { name: 'workDays', type: 'decimal', readOnly: true },
    { name: 'paidDays', type: 'decimal', readOnly: true },
    { name: 'unpaidLeaveDays', type: 'decimal', readOnly: true },
    { name: 'absentDays', type: 'decimal', readOnly: true },
    { name: 'lateCount', type: 'int', readOnly: true },
    { name: 'overtimeHours', type: 'decimal', readOnly: true },
    money('baseSalary'),
    {
      name: 'lines',
      type: 'table',
      readOnly: true,
      sensitive: HR_PRIVATE,
      fields: [
        { name: 'code', type: 'data' },
        { name: 'componentName', type: 'data' },
        { name: 'kind', type: 'select', options: COMPONENT_KINDS },
        { name: 'amount', type: 'money' },
      ],
    },
    money('gross'),
    money('taxableIncome'),
    money('siEmployee'),
    money('siEmployer'),
    money('hfEmployee'),
    money('hfEmployer'),
    money('tax'),
    money('preTaxDeductions'),
    money('otherDeductions'),
    money('netPay'),
    money('employerCost'),
    /** China cumulative withholding after this month (year to date). */
    money('ytdIncome'),
    money('ytdSpecialDeductions'),
    money('ytdAdditionalDeductions'),
    money('ytdTaxWithheld'),
    { name: 'ytdMonths', type: 'int', readOnly: true },
    money('ytdTaxable'),
  ],
  listColumns: ['number', 'employeeName', 'period', 'payrollRun', 'employee', 'netPay'],
  searchFields: ['employeeName', 'period'],
  indexes: ['period'],
} as const satisfies DocTypeDef;

// ---------------------------------------------------------------- leave

export const LeaveType = {
  name: 'LeaveType',
  table: 'leave_types',
  module: 'people',
  submittable: false,
  ownership: 'hq',
  naming: { field: 'code' },
  titleField: 'leaveTypeName',
  icon: 'beach',
  fields: [
    { name: 'code', type: 'data', required: true, maxLength: 20 },
    { name: 'leaveTypeName', type: 'data', required: true, maxLength: 140 },
    /** Unpaid leave days reduce the month's paid days in payroll. */
    { name: 'paid', type: 'check', default: true },
    /** Approve beyond the balance (e.g. sick or unpaid leave). */
    { name: 'allowNegative', type: 'check', default: false },
    /** Needs no allocation at all (unpaid leave). */
    { name: 'unlimited', type: 'check', default: false },
    /** Days of the remaining balance carried into the next year (0 = none). */
    { name: 'maxCarryForward', type: 'decimal', min: 0 },
  ],
  listColumns: ['code', 'leaveTypeName', 'paid', 'allowNegative'],
  searchFields: ['code', 'leaveTypeName'],
} as const satisfies DocTypeDef;

export const LeaveAllocation = {
  name: 'LeaveAllocation',
  table: 'leave_allocations',
  module: 'people',
  submittable: false,
  ownership: 'shared',
  naming: { series: 'LALLOC' },
  titleField: 'number',
  icon: 'calendar-plus',
  fields: [
    { name: 'employee', type: 'link', link: 'Employee', required: true },
    { name: 'leaveType', type: 'link', link: 'LeaveType', required: true },
    { name: 'year', type: 'int', required: true, min: 2000, max: 2100 },
    { name: 'days', type: 'decimal', min: 0 },
    /** Days brought from the previous year (set by allocateLeave). */
    { name: 'carriedForward', type: 'decimal', min: 0 },
  ],
  listColumns: ['number', 'employee', 'leaveType', 'year', 'days', 'carriedForward'],
  searchFields: [],
  indexes: ['employee'],
} as const satisfies DocTypeDef;

/**
 * Holidays of one branch (or every branch when `branchCode` is ''), and weekend days that are
 * working days (China's 调休 make-up days).
 */
export const HolidayCalendar = {
  name: 'HolidayCalendar',
  table: 'holiday_calendars',
  module: 'people',
  submittable: false,
  ownership: 'hq',
  naming: { field: 'calendarName' },
  titleField: 'calendarName',
  icon: 'calendar',
  fields: [
    { name: 'calendarName', type: 'data', required: true, maxLength: 80 },
    { name: 'branchCode', type: 'data', maxLength: 20 },
    { name: 'holidays', type: 'table', fields: [{ name: 'date', type: 'date', required: true }, { name: 'description', type: 'data', maxLength: 140 }] },
    { name: 'workdays', type: 'table', fields: [{ name: 'date', type: 'date', required: true }, { name: 'description', type: 'data', maxLength: 140 }] },
  ],
  listColumns: ['calendarName', 'branchCode'],
  searchFields: ['calendarName'],
} as const satisfies DocTypeDef;

export const APPROVAL_STATES = ['leave_open', 'leave_approved', 'leave_rejected'] as const;

/**
 * A leave request: draft while open; approving (by the employee's manager) submits it, so an
 * approved request is immutable and counts against the balance; rejecting cancels it.
 */
export const LeaveRequest = {
  name: 'LeaveRequest',
  table: 'leave_requests',
  module: 'people',
  submittable: true,
  ownership: 'shared',
  naming: { series: 'LEAVE' },
  titleField: 'number',
  icon: 'calendar-event',
  fields: [
    { name: 'employee', type: 'link', link: 'Employee', required: true },
    { name: 'leaveType', type: 'link', link: 'LeaveType', required: true },
    { name: 'fromDate', type: 'date', required: true },
    { name: 'toDate', type: 'date', required: true },
    /** A single half day (fromDate = toDate). */
    { name: 'halfDay', type: 'check' },
    /** Working days (holidays and weekends excluded), computed on save. */
    { name: 'days', type: 'decimal', readOnly: true },
    { name: 'reason', type: 'text', maxLength: 1000 },
    { name: 'approvalState', type: 'select', options: APPROVAL_STATES, default: 'leave_open', readOnly: true },
    { name: 'approver', type: 'data', readOnly: true },
    { name: 'decisionComment', type: 'text', readOnly: true },
  ],
  listColumns: ['number', 'employee', 'leaveType', 'fromDate', 'toDate', 'days', 'approvalState'],
  searchFields: ['reason'],
  indexes: ['employee'],
} as const satisfies DocTypeDef;

// ---------------------------------------------------------------- shifts and attendance

export const ShiftType = {
  name: 'ShiftType',
  table: 'shift_types',
  module: 'people',
  submittable: false,
  ownership: 'hq',
  naming: { field: 'code' },
  titleField: 'shiftName',
  icon: 'clock',
  fields: [
    { name: 'code', type: 'data', required: true, maxLength: 20 },
    { name: 'shiftName', type: 'data', required: true, maxLength: 80 },
    /** 'HH:MM' local time. */
    { name: 'startTime', type: 'data', required: true, maxLength: 5 },
    { name: 'endTime', type: 'data', required: true, maxLength: 5 },
    /** Minutes after the start that still count as on time. */
    { name: 'graceMinutes', type: 'int', min: 0, max: 240, default: 5 },
  ],
  listColumns: ['code', 'shiftName', 'startTime', 'endTime'],
  searchFields: ['code', 'shiftName'],
} as const satisfies DocTypeDef;

/** One cell of the roster: an employee works a shift on a date (one per employee and day). */
export const ShiftAssignment = {
  name: 'ShiftAssignment',
  table: 'shift_assignments',
  module: 'people',
  submittable: false,
  ownership: 'branch',
  naming: { series: 'SHIFT' },
  titleField: 'number',
  icon: 'calendar-time',
  fields: [
    { name: 'employee', type: 'link', link: 'Employee', required: true },
    { name: 'date', type: 'date', required: true },
    { name: 'shiftType', type: 'link', link: 'ShiftType', required: true },
  ],
  listColumns: ['number', 'employee', 'date', 'shiftType'],
  searchFields: [],
  indexes: ['employee'],
} as const satisfies DocTypeDef;

export const ATTENDANCE_STATES = ['att_present', 'att_absent', 'att_half_day', 'att_on_leave'] as const;

export const Attendance = {
  name: 'Attendance',
  table: 'attendance',
  module: 'people',
  submittable: false,
  ownership: 'branch',
  naming: { series: 'ATT' },
  titleField: 'number',
  icon: 'fingerprint',
  fields: [
    { name: 'employee', type: 'link', link: 'Employee', required: true },
    { name: 'date', type: 'date', required: true },
    { name: 'attendanceState', type: 'select', options: ATTENDANCE_STATES, required: true, default: 'att_present' },
    { name: 'shiftType', type: 'link', link: 'ShiftType' },
    /** 'HH:MM' */
    { name: 'checkIn', type: 'data', maxLength: 5 },
    { name: 'checkOut', type: 'data', maxLength: 5 },
    /** Set on save: check-in after the shift start plus its grace minutes. */
    { name: 'late', type: 'check', readOnly: true },
    { name: 'overtimeHours', type: 'decimal', min: 0, max: 24 },
  ],
  listColumns: ['number', 'employee', 'date', 'attendanceState', 'checkIn', 'checkOut'],
  searchFields: [],
  indexes: ['employee'],
} as const satisfies DocTypeDef;

// ---------------------------------------------------------------- projects

export const PROJECT_STATES = ['proj_open', 'proj_completed', 'proj_on_hold'] as const;
export const TASK_STATES = ['task_todo', 'task_doing', 'task_done'] as const;

export const Project = {
  name: 'Project',
  table: 'projects',
  module: 'people',
  submittable: false,
  ownership: 'shared',
  naming: { series: 'PROJ' },
  titleField: 'projectName',
  icon: 'briefcase',
  fields: [
    { name: 'projectName', type: 'data', required: true, maxLength: 140 },
    { name: 'customer', type: 'link', link: 'Customer' },
    { name: 'projectState', type: 'select', options: PROJECT_STATES, default: 'proj_open' },
    { name: 'startDate', type: 'date' },
    { name: 'endDate', type: 'date' },
    { name: 'budget', type: 'money', min: 0 },
    { name: 'description', type: 'text', maxLength: 2000 },
  ],
  listColumns: ['number', 'projectName', 'customer', 'projectState', 'startDate', 'endDate'],
  searchFields: ['projectName'],
} as const satisfies DocTypeDef;

export const Task = {
  name: 'Task',
  table: 'tasks',
  module: 'people',
  submittable: false,
  ownership: 'shared',
  naming: { series: 'TASK' },
  titleField: 'subject',
  icon: 'checkbox',
  fields: [
    { name: 'subject', type: 'data', required: true, maxLength: 140 },
    { name: 'project', type: 'link', link: 'Project', required: true },
    { name: 'assignee', type: 'link', link: 'Employee' },
    { name: 'taskState', type: 'select', options: TASK_STATES, default: 'task_todo' },
    { name: 'dueDate', type: 'date' },
    { name: 'estimatedHours', type: 'decimal', min: 0 },
    { name: 'description', type: 'text', maxLength: 2000 },
  ],
  listColumns: ['number', 'subject', 'project', 'assignee', 'taskState', 'dueDate'],
  searchFields: ['subject'],
  indexes: ['project'],
} as const satisfies DocTypeDef;

export const Timesheet = {
  name: 'Timesheet',
  table: 'timesheets',
  module: 'people',
  submittable: false,
  ownership: 'branch',
  naming: { series: 'TS' },
  titleField: 'number',
  icon: 'clock-hour-4',
  fields: [
    { name: 'employee', type: 'link', link: 'Employee', required: true },
    { name: 'date', type: 'date', required: true },
    { name: 'task', type: 'link', link: 'Task', required: true },
    /** Copied from the task on save. */
    { name: 'project', type: 'link', link: 'Project', readOnly: true },
    { name: 'hours', type: 'decimal', required: true, min: 0, max: 24 },
    { name: 'description', type: 'data', maxLength: 280 },
  ],
  listColumns: ['number', 'employee', 'date', 'project', 'task', 'hours'],
  searchFields: ['description'],
  indexes: ['employee'],
} as const satisfies DocTypeDef;

export const PEOPLE_DOCTYPES = [
  Department, Employee, EmploymentChange, SalaryComponent, SalaryStructure, SalaryStructureAssignment,
  SocialInsurancePolicy, TaxRuleSet, PayrollRun, Payslip, LeaveType, LeaveAllocation, HolidayCalendar,
  LeaveRequest, ShiftType, ShiftAssignment, Attendance, Project, Task, Timesheet,
] as const;
