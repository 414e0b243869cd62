/**
 * Payroll application services: a payroll run per branch and month with draft payslips for
 * review, submitted together with ONE posting to the general ledger, cancelled by reversal;
 * the bank payment file; the printable payslip.
 *
 * The command pattern: resolve everything for the month inside ONE transaction (employees,
 * salary history, structures, attendance, approved unpaid leave, timesheets, the year's earlier
 * payslips for the cumulative tax) -> call the pure engine per employee -> write the payslips.
 * Submitting (PayrollRun behaviour, through the kernel's submitDoc) re-reads the draft
 * payslips, submits each, builds the journal lines with the pure `payrollJournalLines`, and
 * posts them with the books module's `postGl` (voucher type 'PayrollRun'): the ledger row and
 * the payslips commit or fail together. A submitted run is immutable (the store refuses any
 * change but cancellation), and cancelling is refused while a later month of the same year is
 * submitted for any of its employees (their cumulative tax was computed from this month).
 */
import { DomainError, type FieldIssue } from '../kernel/errors';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { TxContext } from '../kernel/tx';
import type { Session } from '../kernel/session';
import { getDocType } from '../kernel/registry';
import { inDocTx, insertDocInTx, redact } from '../kernel/docs.service';
import { normalizeDoc } from '../kernel/validate';
import { nextNumber } from '../kernel/series';
import { D, formatPlain, money } from '../kernel/money';
import { toCsv } from '../kernel/csv-map';
import { newRecord } from '../books/books.context';
import { postGl, reverseGl, GL_TABLE, BALANCE_TABLE } from '../books/gl';
import { EMPTY_YTD, type IitYtd } from './cn-iit';
import type { SiPolicy } from './social-insurance';
import { computePayslip, payrollJournalLines, type ComponentSpec, type PayInput, type PayResult, type PayrollAccounts, type TaxRule } from './payroll.engine';
import { isPeriod, periodRange, workingDays, eachDate, isWorkingDay, type WorkCalendar } from './people.calendar';
import { calendarFor, canSeePrivate, employeeBranch, getLive } from './people.context';
import { Payslip, PayrollRun } from './people.doctypes';

export const PAYROLL_TABLES = [
  'payroll_runs', 'payslips', 'employees', 'employment_changes', 'salary_assignments', 'salary_structures',
  'salary_components', 'si_policies', 'tax_rule_sets', 'leave_requests', 'leave_types', 'attendance',
  'timesheets', 'holiday_calendars',
];

const live = (r: BaseRecord | undefined): r is BaseRecord => !!r && !r.deleted;

/** Everything of one month the engine needs, loaded once for the whole run. */
export interface MonthData {
  period: string;
  start: string;
  end: string;
  changes: Map<string, BaseRecord[]>;
  assignments: Map<string, BaseRecord[]>;
  structures: Map<string, BaseRecord>;
  components: Map<string, BaseRecord>;
  policies: Map<string, BaseRecord>;
  taxRules: Map<string, BaseRecord>;
  unpaidLeave: Map<string, BaseRecord[]>;
  attendance: Map<string, BaseRecord[]>;
  timesheets: Map<string, BaseRecord[]>;
  ytd: Map<string, BaseRecord[]>;
  calendars: Map<string, WorkCalendar>;
}

function group(rows: BaseRecord[], key: string): Map<string, BaseRecord[]> {
  const m = new Map<string, BaseRecord[]>();
  for (const r of rows) {
    const k = r[key] as string;
    const a = m.get(k);
    if (a) a.push(r);
    else m.set(k, [r]);
  }
  return m;
}

async function loadMonth(ctx: TxContext, period: string): Promise<MonthData> {
  const [start, end] = periodRange(period);
  const all = (t: string) => ctx.t<BaseRecord>(t).filter((r) => !r.deleted).toArray();
  const unpaidTypes = new Set((await all('leave_types')).filter((t) => !t.paid).map((t) => t.id));
  const byId = (rows: BaseRecord[]) => new Map(rows.map((r) => [r.id, r]));
  return {
    period, start, end,
    changes: group((await all('employment_changes')).filter((c) => c.status === 'submitted'), 'employee'),
    assignments: group(await all('salary_assignments'), 'employee'),
    structures: byId(await all('salary_structures')),
    components: byId(await all('salary_components')),
    policies: byId(await all('si_policies')),
    taxRules: byId(await all('tax_rule_sets')),
    unpaidLeave: group((await ctx.t<BaseRecord>('leave_requests').filter((r) => !r.deleted && r.status === 'submitted' && unpaidTypes.has(r.leaveType as string) && (r.fromDate as string) <= end && (r.toDate as string) >= start).toArray()), 'employee'),
    attendance: group(await ctx.t<BaseRecord>('attendance').where('date').between(start, end, true, true).filter((r) => !r.deleted).toArray(), 'employee'),
    timesheets: group(await ctx.t<BaseRecord>('timesheets').where('date').between(start, end, true, true).filter((r) => !r.deleted).toArray(), 'employee'),
    ytd: group(await ctx.t<BaseRecord>('payslips').where('period').between(`${period.slice(0, 4)}-01`, period, true, false).filter((r) => !r.deleted && r.status === 'submitted').toArray(), 'employee'),
    calendars: new Map(),
  };
}

/** Monthly base salary in force at the end of the month (history read back from the current record). */
export function salaryAsOf(emp: BaseRecord, changes: readonly BaseRecord[], date: string): number {
  const later = changes.filter((c) => (c.effectiveDate as string) > date && (c.newBaseSalary as number) > 0).sort((a, b) => String(a.effectiveDate).localeCompare(String(b.effectiveDate)));
  return later.length ? (later[0].previousBaseSalary as number) : (emp.baseSalary as number);
}

function ytdOf(slips: readonly BaseRecord[]): IitYtd {
  if (!slips.length) return EMPTY_YTD;
  const last = [...slips].sort((a, b) => String(a.period).localeCompare(String(b.period)))[slips.length - 1];
  return {
    months: last.ytdMonths as number,
    income: last.ytdIncome as number,
    specialDeductions: last.ytdSpecialDeductions as number,
    additionalDeductions: last.ytdAdditionalDeductions as number,
    otherDeductions: 0,
    taxWithheld: last.ytdTaxWithheld as number,
  };
}

function policyOf(rec: BaseRecord): SiPolicy {
  return {
    baseFloor: rec.baseFloor as number, baseCap: rec.baseCap as number, hfBaseFloor: rec.hfBaseFloor as number, hfBaseCap: rec.hfBaseCap as number,
    rates: (rec.rates as { scheme: never; employeeRate: string; employerRate: string }[]).map((r) => ({ scheme: r.scheme, employeeRate: r.employeeRate, employerRate: r.employerRate })),
  };
}

function taxRuleOf(emp: BaseRecord, m: MonthData, ytd: IitYtd): TaxRule {
  if (emp.taxScheme === 'no_tax') return { scheme: 'none' };
  if (emp.taxScheme === 'tax_rule') {
    const r = m.taxRules.get(emp.taxRule as string);
    if (!r) throw new DomainError('error.payroll_tax_rule_missing', { employee: emp.fullName });
    return r.method === 'rule_brackets'
      ? { scheme: 'brackets', allowance: r.allowance as number, brackets: (r.brackets as { upTo: number; ratePercent: string }[]).map((b) => ({ upTo: b.upTo, ratePercent: b.ratePercent })) }
      : { scheme: 'flat', ratePercent: r.flatRate as string, allowance: r.allowance as number };
  }
  return { scheme: 'cn_iit', ytd, additionalDeductions: emp.additionalDeductions as number };
}

/** Resolve one employee's month into the engine's input (pure over the loaded month). */
export function payInputFor(emp: BaseRecord, m: MonthData, cal: WorkCalendar): PayInput {
  const from = (emp.hireDate as string) > m.start ? (emp.hireDate as string) : m.start;
  const to = emp.leaveDate && (emp.leaveDate as string) < m.end ? (emp.leaveDate as string) : m.end;
  const workDays = workingDays(m.start, m.end, cal);
  const employedDays = workingDays(from, to, cal);
  let unpaid = new D(0);
  for (const r of m.unpaidLeave.get(emp.id) ?? []) {
    if (r.halfDay) {
      if ((r.fromDate as string) >= from && (r.fromDate as string) <= to && isWorkingDay(r.fromDate as string, cal)) unpaid = unpaid.add('0.5');
      continue;
    }
    const a = (r.fromDate as string) > from ? (r.fromDate as string) : from;
    const b = (r.toDate as string) < to ? (r.toDate as string) : to;
    unpaid = unpaid.add(workingDays(a, b, cal));
  }
  let absent = new D(0);
  let late = 0;
  let ot = new D(0);
  for (const a of m.attendance.get(emp.id) ?? []) {
    if ((a.date as string) < from || (a.date as string) > to) continue;
    if (a.attendanceState === 'att_absent') absent = absent.add(1);
    if (a.attendanceState === 'att_half_day') absent = absent.add('0.5');
    if (a.late) late++;
    ot = ot.add(new D((a.overtimeHours as string) || '0'));
  }
  const ts = (m.timesheets.get(emp.id) ?? []).reduce((s, t) => s.add(new D((t.hours as string) || '0')), new D(0));
  const assignment = (m.assignments.get(emp.id) ?? []).filter((a) => (a.effectiveFrom as string) <= m.end).sort((a, b) => String(b.effectiveFrom).localeCompare(String(a.effectiveFrom)))[0];
  const structure = assignment && m.structures.get(assignment.salaryStructure as string);
  if (!structure) throw new DomainError('error.payroll_no_structure', { employee: emp.fullName });
  const components: ComponentSpec[] = (structure.rows as { component: string; amount: number; formula: string }[]).map((row) => {
    const c = m.components.get(row.component);
    if (!c) throw new DomainError('error.link_missing', { docType: 'SalaryComponent', value: row.component });
    return {
      code: c.code as string, name: c.componentName as string, kind: c.kind as 'earning', calc: c.calc as 'calc_fixed',
      amount: row.amount || (c.amount as number), formula: row.formula || (c.formula as string), hourlyRate: c.hourlyRate as number,
      hoursSource: (c.hoursSource as 'hours_overtime') || 'hours_overtime', taxable: !!c.taxable, prorate: !!c.prorate,
    };
  });
  const policy = emp.siPolicy ? m.policies.get(emp.siPolicy as string) : undefined;
  const paidDays = D.max(0, new D(employedDays).sub(unpaid).sub(absent));
  return {
    baseSalary: salaryAsOf(emp, m.changes.get(emp.id) ?? [], m.end),
    components, workDays, paidDays: paidDays.toString(), overtimeHours: ot.toString(), timesheetHours: ts.toString(),
    lateCount: late, absentDays: absent.toString(), unpaidLeaveDays: unpaid.toString(),
    si: policy ? policyOf(policy) : null, siBase: emp.siBase as number,
    tax: taxRuleOf(emp, m, ytdOf(m.ytd.get(emp.id) ?? [])),
  };
}

function slipValues(emp: BaseRecord, run: BaseRecord, inp: PayInput, r: PayResult): Record<string, unknown> {
  return {
    payrollRun: run.id, employee: emp.id, employeeName: emp.fullName, period: run.period, postingDate: run.postingDate,
    workDays: String(inp.workDays), paidDays: String(inp.paidDays), unpaidLeaveDays: inp.unpaidLeaveDays, absentDays: inp.absentDays,
    lateCount: inp.lateCount, overtimeHours: inp.overtimeHours, baseSalary: inp.baseSalary,
    lines: r.lines.map((l) => ({ code: l.code, componentName: l.name, kind: l.kind, amount: l.amount })),
    gross: r.gross, taxableIncome: r.taxableIncome, siEmployee: r.siEmployee, siEmployer: r.siEmployer, hfEmployee: r.hfEmployee, hfEmployer: r.hfEmployer,
    tax: r.tax, preTaxDeductions: r.preTaxDeductions, otherDeductions: r.otherDeductions, netPay: r.net, employerCost: r.employerCost,
    ytdIncome: r.ytd?.income ?? 0, ytdSpecialDeductions: r.ytd?.specialDeductions ?? 0, ytdAdditionalDeductions: r.ytd?.additionalDeductions ?? 0,
    ytdTaxWithheld: r.ytd?.taxWithheld ?? 0, ytdMonths: r.ytd?.months ?? 0, ytdTaxable: r.cumulativeTaxable ?? 0,
  };
}

/** Employees of the session's branch employed at some point of the month. */
async function employeesOfMonth(ctx: TxContext, start: string, end: string): Promise<BaseRecord[]> {
  const s = ctx.session;
  const rows = await ctx.t<BaseRecord>('employees').filter((e) => !e.deleted && employeeBranch(e, s) === s.settings.branchCode && (e.hireDate as string) <= end && (!e.leaveDate || (e.leaveDate as string) >= start)).toArray();
  return rows.sort((a, b) => a.number.localeCompare(b.number));
}

/** Compute and write the run's draft payslips (after tombstoning earlier drafts). Returns totals. */
async function buildPayslips(ctx: TxContext, run: BaseRecord): Promise<void> {
  const s = ctx.session;
  const m = await loadMonth(ctx, run.period as string);
  const old = await ctx.t<BaseRecord>('payslips').where('payrollRun').equals(run.id).filter((r) => !r.deleted).toArray();
  for (const o of old) await ctx.putDoc(Payslip, { ...o, deleted: 1, modifiedAt: ctx.now, modifiedBy: s.user.id, _hlc: ctx.hlc(), _rev: o._rev + 1 }, o, 'delete' as never);
  const paid = new Set((await ctx.t<BaseRecord>('payslips').where('period').equals(run.period as string).filter((r) => !r.deleted && r.status === 'submitted').toArray()).map((r) => r.employee as string));
  const issues: FieldIssue[] = [];
  const totals = { employeeCount: 0, grossPay: 0, netPay: 0, totalTax: 0, employerContributions: 0 };
  for (const emp of await employeesOfMonth(ctx, m.start, m.end)) {
    if (paid.has(emp.id)) continue;
    try {
      const branch = employeeBranch(emp, s);
      let cal = m.calendars.get(branch);
      if (!cal) m.calendars.set(branch, (cal = await calendarFor(ctx, branch)));
      const inp = payInputFor(emp, m, cal);
      const r = computePayslip(inp);
      const rec = newRecord(ctx, Payslip, slipValues(emp, run, inp, r));
      rec.number = await nextNumber(ctx, s.settings.seriesCode || s.settings.branchCode, 'SLIP', run.postingDate as string);
      rec._search = [String(emp.fullName).toLowerCase(), run.period as string, rec.number.toLowerCase()];
      await ctx.putDoc(Payslip, rec, null, 'create');
      totals.employeeCount++;
      totals.grossPay += r.gross;
      totals.netPay += r.net;
      totals.totalTax += r.tax;
      totals.employerContributions += r.siEmployer + r.hfEmployer;
    } catch (e) {
      const de = e as DomainError;
      if (!de.code) throw e;
      issues.push({ code: de.code, params: { ...de.params, employee: emp.fullName } });
    }
  }
  if (issues.length) throw DomainError.invalid(issues);
  const before = structuredClone(run);
  Object.assign(run, totals, { modifiedAt: ctx.now, _hlc: ctx.hlc(), _rev: run._rev + 1 });
  await ctx.putDoc(PayrollRun, run, before, 'update');
}

async function assertNoOtherRun(ctx: TxContext, run: BaseRecord): Promise<void> {
  const clash = await ctx.t<BaseRecord>('payroll_runs').where('period').equals(run.period as string)
    .filter((r) => r.id !== run.id && !r.deleted && r.status !== 'cancelled' && r.branchId === ctx.session.branchId).first();
  if (clash) throw new DomainError('error.payroll_run_exists', { period: run.period, number: clash.number }, 'period');
}

/** Create a payroll run for a month of the session's branch, with its draft payslips. */
export async function createPayrollRun(s: Session, input: { period: string; postingDate?: string; remarks?: string }): Promise<BaseRecord> {
  s.require('PayrollRun', 'create');
  if (!isPeriod(input.period)) throw new DomainError('error.payroll_period_invalid', { value: input.period }, 'period');
  const def = getDocType('PayrollRun');
  const values = normalizeDoc(def, { period: input.period, postingDate: input.postingDate || periodRange(input.period)[1], remarks: input.remarks ?? '' }, s.baseCurrency);
  return inDocTx(s, def, async (ctx) => {
    const run = await insertDocInTx(ctx, def, values);
    await assertNoOtherRun(ctx, run);
    await buildPayslips(ctx, run);
    return run;
  }, PAYROLL_TABLES);
}

/** Recompute a draft run's payslips (after attendance, leave or salary corrections). */
export async function recomputePayrollRun(s: Session, runId: string): Promise<BaseRecord> {
  s.require('PayrollRun', 'edit');
  const def = getDocType('PayrollRun');
  return inDocTx(s, def, async (ctx) => {
    const run = await getLive(ctx, 'payroll_runs', runId, 'PayrollRun');
    if (run.status !== 'draft') throw new DomainError('error.not_draft', { number: run.number, status: run.status });
    await buildPayslips(ctx, run);
    return run;
  }, PAYROLL_TABLES);
}

export const PAYROLL_ACCOUNT_ROLES = ['salaryExpense', 'employerContributionExpense', 'payableToEmployees', 'iitPayable', 'siPayable', 'housingFundPayable', 'otherDeductionsPayable'] as const;

export function payrollAccounts(s: Session): PayrollAccounts {
  const acc = (s.settings.payrollAccounts ?? {}) as Partial<PayrollAccounts>;
  for (const role of PAYROLL_ACCOUNT_ROLES) if (!acc[role]) throw new DomainError('error.payroll_account_missing', { role });
  return acc as PayrollAccounts;
}

async function runSlips(ctx: TxContext, runId: string): Promise<BaseRecord[]> {
  return ctx.t<BaseRecord>('payslips').where('payrollRun').equals(runId).filter((r) => !r.deleted).toArray();
}

const totalsOf = (p: BaseRecord) => ({
  gross: p.gross as number, siEmployee: p.siEmployee as number, siEmployer: p.siEmployer as number, hfEmployee: p.hfEmployee as number, hfEmployer: p.hfEmployer as number,
  tax: p.tax as number, preTaxDeductions: p.preTaxDeductions as number, otherDeductions: p.otherDeductions as number, net: p.netPay as number,
});

export const payrollRunBehaviour: DocBehaviour = {
  tables: [...PAYROLL_TABLES, GL_TABLE, BALANCE_TABLE, 'accounts'],
  beforeSave(doc) {
    if (!isPeriod(doc.period)) throw new DomainError('error.payroll_period_invalid', { value: doc.period }, 'period');
  },
  async onSubmit(doc, ctx) {
    await assertNoOtherRun(ctx, doc);
    const slips = (await runSlips(ctx, doc.id)).filter((p) => p.status === 'draft');
    if (slips.length === 0) throw new DomainError('error.payroll_empty', { number: doc.number });
    const paid = await ctx.t<BaseRecord>('payslips').where('period').equals(doc.period as string).filter((r) => !r.deleted && r.status === 'submitted').toArray();
    const dup = slips.find((p) => paid.some((q) => q.employee === p.employee));
    if (dup) throw new DomainError('error.payroll_already_paid', { employee: dup.employeeName, period: doc.period });
    for (const p of slips) {
      await ctx.putDoc(Payslip, { ...p, status: 'submitted', submittedAt: ctx.now, submittedBy: ctx.session.user.id, modifiedAt: ctx.now, modifiedBy: ctx.session.user.id, _hlc: ctx.hlc(), _rev: p._rev + 1 }, p, 'submit');
    }
    const lines = payrollJournalLines(slips.map(totalsOf), payrollAccounts(ctx.session), `Payroll ${doc.period}`);
    await postGl(ctx, { type: 'PayrollRun', id: doc.id, number: doc.number, postingDate: doc.postingDate as string }, lines);
  },
  async onCancel(doc, ctx) {
    const slips = (await runSlips(ctx, doc.id)).filter((p) => p.status === 'submitted');
    const emps = new Set(slips.map((p) => p.employee as string));
    const year = String(doc.period).slice(0, 4);
    const later = await ctx.t<BaseRecord>('payslips').where('period').between(doc.period as string, `${year}-12`, false, true)
      .filter((r) => !r.deleted && r.status === 'submitted' && emps.has(r.employee as string)).first();
    if (later) throw new DomainError('error.payroll_later_run_exists', { period: later.period, number: doc.number });
    await reverseGl(ctx, doc.id);
    for (const p of slips) {
      await ctx.putDoc(Payslip, { ...p, status: 'cancelled', cancelledAt: ctx.now, cancelledBy: ctx.session.user.id, cancelReason: doc.cancelReason ?? '', modifiedAt: ctx.now, modifiedBy: ctx.session.user.id, _hlc: ctx.hlc(), _rev: p._rev + 1 }, p, 'cancel');
    }
  },
  async beforeDelete(doc, ctx) {
    for (const p of await runSlips(ctx, doc.id)) await ctx.putDoc(Payslip, { ...p, deleted: 1, modifiedAt: ctx.now, _hlc: ctx.hlc(), _rev: p._rev + 1 }, p, 'delete' as never);
  },
};

/** Payslips are written by their run only: no hand edits, no submit or cancel of their own. */
export const payslipBehaviour: DocBehaviour = {
  beforeSave(doc) {
    if (doc.status === 'draft' || doc.status === 'active') throw new DomainError('error.payslip_generated');
  },
  onSubmit() {
    throw new DomainError('error.payslip_generated');
  },
  onCancel() {
    throw new DomainError('error.payslip_generated');
  },
  beforeDelete() {
    throw new DomainError('error.payslip_generated');
  },
};

/** The payslips of a run (redacted for the reader), in employee number order. */
export async function runPayslips(s: Session, runId: string): Promise<BaseRecord[]> {
  s.require('Payslip', 'read');
  const rows = await s.db.t<BaseRecord>('payslips').where('payrollRun').equals(runId).filter((r) => !r.deleted).toArray();
  return rows.sort((a, b) => a.number.localeCompare(b.number)).map((r) => redact(s, Payslip, r));
}

/**
 * Bank payment file of a submitted run: one row per payslip with a positive net pay. Needs the
 * 'export' right on Payslip and the right to see private data (bank accounts).
 */
export async function bankPaymentCsv(s: Session, runId: string): Promise<string> {
  s.require('Payslip', 'export');
  if (!canSeePrivate(s)) throw new DomainError('error.forbidden', { docType: 'Payslip', right: 'export' });
  const run = await s.db.t<BaseRecord>('payroll_runs').get(runId);
  if (!live(run)) throw new DomainError('error.not_found', { docType: 'PayrollRun', id: runId });
  if (run.status !== 'submitted') throw new DomainError('error.payroll_not_submitted', { number: run.number });
  const slips = (await s.db.t<BaseRecord>('payslips').where('payrollRun').equals(runId).filter((r) => !r.deleted && r.status === 'submitted').toArray()).sort((a, b) => a.number.localeCompare(b.number));
  const emps = await s.db.t<BaseRecord>('employees').bulkGet(slips.map((p) => p.employee as string));
  const rows: string[][] = [['employee_number', 'name', 'bank', 'account', 'amount', 'currency', 'reference']];
  slips.forEach((p, i) => {
    const e = emps[i]!;
    if ((p.netPay as number) <= 0) return;
    rows.push([e.number, e.fullName as string, e.bankName as string, e.bankAccount as string, formatPlain(money(p.netPay as number, s.baseCurrency)), s.baseCurrency, `${run.number} ${p.period}`]);
  });
  return toCsv(rows);
}

export interface PrintablePayslip {
  slip: BaseRecord;
  employee: BaseRecord;
  company: string;
  currency: string;
}

/** A payslip with its employee, for the printable page (both redacted for the reader). */
export async function payslipForPrint(s: Session, id: string): Promise<PrintablePayslip> {
  s.require('Payslip', 'read');
  const slip = await s.db.t<BaseRecord>('payslips').get(id);
  if (!live(slip)) throw new DomainError('error.not_found', { docType: 'Payslip', id });
  const emp = await s.db.t<BaseRecord>('employees').get(slip.employee as string);
  return { slip: redact(s, Payslip, slip), employee: redact(s, getDocType('Employee'), emp!), company: s.settings.name, currency: s.baseCurrency };
}

/** Eligible working days helper for screens (e.g. the run preview). */
export function monthWorkingDays(period: string, cal: WorkCalendar): number {
  const [a, b] = periodRange(period);
  return eachDate(a, b).filter((d) => isWorkingDay(d, cal)).length;
}
