/**
 * Payroll through the services, hand-computed (January 2026 has 22 working days, no holidays):
 *   A  base 10,000, SI on 10,000          SI 1,050 / HF 700, IIT (10,000−5,000−1,750)×3% = 97.50, net 8,152.50
 *   B  base 50,000, SI base capped 36,552 SI 3,837.96 / HF 2,558.64, IIT 38,603.40×10%−2,520 = 1,340.34, net 42,263.06
 *   C  base 8,800, joins Thu 15 Jan        12/22 days -> 4,800.00; SI on declared 8,800: 924 / 616; IIT 0; net 3,260.00
 *   D  base 11,000, 2 days unpaid leave    20/22 -> 10,000.00; as A: net 8,152.50
 * One journal entry: Dr salaries 74,800.00 + employer 21,670.72 = Cr net 61,828.06 + IIT 1,535.34
 * + SI 23,958.04 + HF 9,149.28 = 96,470.72.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { byNumber, hire } from '../fixtures/people';
import {
  createDoc, submitDoc, cancelDoc, getDoc, listDocs, updateDoc, createUser, login, DomainError, type BaseRecord, type Session,
} from '../../shared/api';
import { exportDocs } from '../../shared/kernel/export.service';
import { createPayrollRun, runPayslips, bankPaymentCsv, requestLeave, decideLeave, recomputePayrollRun } from '../../shared/people/index';

const yuan = (n: number) => Math.round(n * 100);

async function expectCode(p: Promise<unknown>, code: string): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    expect((e as DomainError).code).toBe(code);
    return e as DomainError;
  }
  throw new Error(`expected ${code}`);
}

async function glOf(s: Session, voucherId: string) {
  return s.db.t<Record<string, unknown>>('gl_entries').where('voucherId').equals(voucherId).toArray();
}

async function setup() {
  const { env, s } = await newCompany({}, undefined);
  const a = await hire(s, { fullName: 'Alice An', hireDate: '2024-03-01', baseSalary: '10000.00', idNumber: '310101199001011234', bankName: 'ICBC', bankAccount: '6222 0000 0001' });
  const b = await hire(s, { fullName: 'Bo Bai', hireDate: '2023-01-01', baseSalary: '50000.00', bankName: 'CMB', bankAccount: '6225 0000 0002' });
  const c = await hire(s, { fullName: 'Chen Cai', hireDate: '2026-01-15', baseSalary: '8800.00', siBase: '8800.00', bankName: 'BOC', bankAccount: '6217 0000 0003' });
  const d = await hire(s, { fullName: 'Du Dan', hireDate: '2025-06-01', baseSalary: '11000.00', bankName: 'ABC', bankAccount: '6228 0000 0004', manager: a.id });
  return { env, s, a, b, c, d };
}

describe('payroll run (China)', () => {
  it('computes draft payslips, posts ONE balanced journal entry on submit, reverses on cancel', async () => {
    const { s, a, b, c, d } = await setup();
    const unpaid = await byNumber(s, 'leave_types', 'UNPAID');
    const lr = await requestLeave(s, { employee: d.id, leaveType: unpaid.id, fromDate: '2026-01-06', toDate: '2026-01-07', reason: 'family' });
    expect(lr.days).toBe('2');
    await decideLeave(s, lr.id, 'approve', 'ok');

    const run = await createPayrollRun(s, { period: '2026-01' });
    const slips = await runPayslips(s, run.id);
    const by = (e: BaseRecord) => slips.find((p) => p.employee === e.id)!;
    expect(slips.every((p) => p.status === 'draft')).toBe(true);
    expect([a, b, c, d].map((e) => by(e).netPay)).toEqual([8_152.5, 42_263.06, 3_260, 8_152.5].map(yuan));
    expect([a, b, c, d].map((e) => by(e).tax)).toEqual([97.5, 1_340.34, 0, 97.5].map(yuan));
    expect(by(b).siEmployee).toBe(yuan(3_837.96));
    expect(by(b).siEmployer).toBe(yuan(9_562));
    expect(by(b).hfEmployee).toBe(yuan(2_558.64));
    expect(by(c).workDays).toBe('22');
    expect(by(c).paidDays).toBe('12');
    expect(by(c).gross).toBe(yuan(4_800));
    expect(by(d).unpaidLeaveDays).toBe('2');
    expect(by(d).gross).toBe(yuan(10_000));
    expect(await glOf(s, run.id)).toEqual([]);

    const submitted = await submitDoc(s, 'PayrollRun', run.id);
    expect(submitted.status).toBe('submitted');
    expect((await runPayslips(s, run.id)).every((p) => p.status === 'submitted')).toBe(true);
    const gl = await glOf(s, run.id);
    const dr = gl.reduce((t, r) => t + (r.debit as number), 0);
    const cr = gl.reduce((t, r) => t + (r.credit as number), 0);
    expect(dr).toBe(cr);
    expect(dr).toBe(yuan(96_470.72));
    const acct = async (n: string) => (await byNumber(s, 'accounts', n)).id;
    const credit = async (n: string) => { const id = await acct(n); return gl.filter((r) => r.account === id).reduce((t, r) => t + (r.credit as number) - (r.debit as number), 0); };
    expect(await credit('2211')).toBe(yuan(61_828.06));
    expect(await credit('222106')).toBe(yuan(1_535.34));
    expect(await credit('2242')).toBe(yuan(23_958.04));
    expect(await credit('2243')).toBe(yuan(9_149.28));
    expect(-(await credit('5602'))).toBe(yuan(74_800 + 21_670.72));
    expect(gl.every((r) => r.voucherType === 'PayrollRun')).toBe(true);

    // immutable: neither the run nor its payslips can be edited; no second run for the month
    await expectCode(updateDoc(s, 'PayrollRun', run.id, { ...run, remarks: 'x' }), 'error.not_draft');
    await expectCode(s.db.t('payslips').update(slips[0].id, { netPay: 1 }), 'error.store_immutable');
    await expectCode(createPayrollRun(s, { period: '2026-01' }), 'error.payroll_run_exists');

    // bank file for net pay
    const csv = await bankPaymentCsv(s, run.id);
    expect(csv.split(/\r?\n/).filter(Boolean)).toHaveLength(5);
    expect(csv).toContain('6225 0000 0002');
    expect(csv).toContain('42263.06');

    // cancelling reverses the entry
    await cancelDoc(s, 'PayrollRun', run.id, 'wrong month');
    const after = await glOf(s, run.id);
    expect(after).toHaveLength(gl.length * 2);
    expect(after.reduce((t, r) => t + (r.debit as number) - (r.credit as number), 0)).toBe(0);
    expect((await runPayslips(s, run.id)).every((p) => p.status === 'cancelled')).toBe(true);
    // ...and the month can be run again
    const again = await createPayrollRun(s, { period: '2026-01' });
    expect((await runPayslips(s, again.id))).toHaveLength(4);
  });

  it('withholds cumulatively over twelve monthly runs (hand-computed annual totals)', async () => {
    const { s, a, b } = await setup();
    const taxes: Record<string, number[]> = { [a.id]: [], [b.id]: [] };
    for (let m = 1; m <= 12; m++) {
      const run = await createPayrollRun(s, { period: `2026-${String(m).padStart(2, '0')}` });
      for (const p of await runPayslips(s, run.id)) if (taxes[p.employee as string]) taxes[p.employee as string].push(p.tax as number);
      await submitDoc(s, 'PayrollRun', run.id);
    }
    // A: 3,250 taxable a month: 3% all year (39,000 crosses 36,000 in December: 39,000×10%−2,520 = 1,380 cumulative)
    expect(taxes[a.id]).toEqual([...Array(11).fill(yuan(97.5)), yuan(1_380 - 1_072.5)]);
    // B: 38,603.40 a month; 463,240.80 for the year -> 30% − 52,920 = 86,052.24 in total
    expect(taxes[b.id].reduce((x, y) => x + y, 0)).toBe(yuan(86_052.24));
    // bracket changes: 10% in Jan–Mar, 20% from April (154,413.60 cumulative)
    expect(taxes[b.id].slice(0, 4)).toEqual([1_340.34, 3_860.34, 3_860.34, 30_882.72 - 16_920 - 9_061.02].map(yuan));
    // a cancelled January cannot be undone behind December
    const jan = (await listDocs(s, 'PayrollRun', { filters: { period: '2026-01' } })).rows[0];
    await expectCode(cancelDoc(s, 'PayrollRun', jan.id), 'error.payroll_later_run_exists');
  });

  it('salary history: a raise effective mid-year applies from its month, earlier months keep the old salary', async () => {
    const { s, a } = await setup();
    const chg = await createDoc(s, 'EmploymentChange', { employee: a.id, effectiveDate: '2026-03-01', changeType: 'change_salary', newBaseSalary: '12000.00', newPosition: 'Senior clerk' });
    await submitDoc(s, 'EmploymentChange', chg.id);
    const emp = await getDoc(s, 'Employee', a.id);
    expect(emp.baseSalary).toBe(yuan(12_000));
    expect(emp.position).toBe('Senior clerk');
    const feb = await createPayrollRun(s, { period: '2026-02' });
    expect((await runPayslips(s, feb.id)).find((p) => p.employee === a.id)!.baseSalary).toBe(yuan(10_000));
    const mar = await createPayrollRun(s, { period: '2026-03' });
    expect((await runPayslips(s, mar.id)).find((p) => p.employee === a.id)!.baseSalary).toBe(yuan(12_000));
  });

  it('absences from attendance reduce paid days; recompute picks up corrections', async () => {
    const { s, a } = await setup();
    const run = await createPayrollRun(s, { period: '2026-01' });
    await createDoc(s, 'Attendance', { employee: a.id, date: '2026-01-05', attendanceState: 'att_absent' });
    await recomputePayrollRun(s, run.id);
    const slip = (await runPayslips(s, run.id)).find((p) => p.employee === a.id)!;
    expect(slip.absentDays).toBe('1');
    expect(slip.gross).toBe(Math.round((1_000_000 * 21) / 22));
    expect((await runPayslips(s, run.id))).toHaveLength(4);
  });
});

describe('rights on private data', () => {
  it('a Sales user cannot read employees or salaries; a read-only user sees employees without ID number, bank or salary', async () => {
    const { env, s, a } = await setup();
    await createUser(s, { username: 'sally', password: 'sales-pass-1', roleIds: ['role-sales'] }, 1000);
    await createUser(s, { username: 'rob', password: 'reader-pass-1', roleIds: ['role-readonly'] }, 1000);
    await createUser(s, { username: 'hana', password: 'hr-pass-123', roleIds: ['role-hr'] }, 1000);
    const sales = await login(env, s.company.id, 'sally', 'sales-pass-1');
    await expectCode(getDoc(sales, 'Employee', a.id), 'error.forbidden');
    await expectCode(listDocs(sales, 'Payslip'), 'error.forbidden');
    await expectCode(exportDocs(sales, 'Employee', {}, 'en'), 'error.forbidden');

    const reader = await login(env, s.company.id, 'rob', 'reader-pass-1');
    const seen = await getDoc(reader, 'Employee', a.id);
    expect(seen.fullName).toBe('Alice An');
    for (const f of ['idNumber', 'bankAccount', 'baseSalary', 'costRate']) expect(seen).not.toHaveProperty(f);
    const listed = (await listDocs(reader, 'Employee')).rows.find((r) => r.id === a.id)!;
    expect(listed).not.toHaveProperty('idNumber');

    const hr = await login(env, s.company.id, 'hana', 'hr-pass-123');
    expect((await getDoc(hr, 'Employee', a.id)).idNumber).toBe('310101199001011234');
    const csv = (await exportDocs(hr, 'Employee', {}, 'en')).csv;
    expect(csv).toContain('310101199001011234');
    const run = await createPayrollRun(hr, { period: '2026-01' });
    const slip = (await listDocs(reader, 'Payslip', { filters: { payrollRun: run.id } })).rows[0];
    expect(slip).not.toHaveProperty('netPay');
    expect(slip).not.toHaveProperty('lines');
  });

  it('a form save by a user who cannot see private fields does not wipe them', async () => {
    const { env, s, a } = await setup();
    const { saveRole } = await import('../../shared/api');
    const role = await saveRole(s, null, { name: 'People clerk', moduleRights: { people: ['read', 'edit'] }, docRights: {} });
    await createUser(s, { username: 'clerk', password: 'clerk-pass-1', roleIds: [role.id] }, 1000);
    const clerk = await login(env, s.company.id, 'clerk', 'clerk-pass-1');
    const seen = await getDoc(clerk, 'Employee', a.id);
    await updateDoc(clerk, 'Employee', a.id, { ...seen, position: 'Team lead' }, seen._rev);
    const full = await getDoc(s, 'Employee', a.id);
    expect(full.position).toBe('Team lead');
    expect(full.idNumber).toBe('310101199001011234');
    expect(full.baseSalary).toBe(yuan(10_000));
  });
});
